"""Plot functions (one submodule per notebook topic) and :func:`save_figure`.

Every ``plot_*`` takes a tidy table, ``labels`` (doc_id → name, :func:`analysis.article_labels`; default the doc_id)
and ``ax`` (default: new axes), draws and returns the Axes, never shows or saves. :func:`save_figure` writes
byte-stable PNG, SVG and PDF plus a CSV of the plotted numbers, so every figure can be checked against its data.
"""
from __future__ import annotations

import os
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from ..io import atomic_path, write_csv
from ..paths import FIGURES_DIR

__all__ = ["save_figure", "new_axes", "stacked_share_bars", "STYLE", "ZONE_COLORS", "plot_zone_shares",
           "plot_sentence_lengths"]

STYLE = {
    "figure.dpi": 100, "savefig.dpi": 300, "savefig.bbox": "tight", "font.size": 9, "axes.titlesize": 10,
    "axes.spines.top": False, "axes.spines.right": False, "svg.fonttype": "path", "pdf.fonttype": 42,
    "svg.hashsalt": "analysis",  # fixed ids inside SVG files: byte-identical reruns
}
_METADATA = {  # per format written, fixed metadata: no dates or versions in the files
    "png": {"Software": None},
    "svg": {"Date": None, "Creator": None},
    "pdf": {"CreationDate": None, "ModDate": None, "Creator": None, "Producer": None},
}
ZONE_COLORS = {"body": "#4c72b0", "heading": "#8c8c8c", "call_to_action": "#dd8452", "disclaimer": "#55a868",
               "navigation": "#c7c7c7"}


def save_figure(fig: plt.Figure, name: str, data: pd.DataFrame | None = None,
                out_dir: str | os.PathLike | None = None) -> dict[str, Path]:
    """Save ``fig`` as ``name.png`` (300 dpi), ``.svg`` and ``.pdf``, and ``data`` (the numbers shown) as
    ``name.csv``, atomically, in ``out_dir`` (default: the project's ``figures/``); return format → path written.
    ``name`` is a file stem named by content (``concept_coverage_heatmap``): ValueError with a folder or extension."""
    if not name or Path(name).name != name or Path(name).suffix:
        raise ValueError(f"figure name must be a plain file stem like 'zone_shares', got {name!r}.")
    out = Path(FIGURES_DIR if out_dir is None else out_dir)
    written = {}
    with plt.rc_context(STYLE):
        for fmt, metadata in _METADATA.items():
            path = out / f"{name}.{fmt}"
            with atomic_path(path) as tmp:
                fig.savefig(tmp, format=fmt, metadata=metadata)
            written[fmt] = path
    if data is not None:
        written["csv"] = write_csv(data, out / f"{name}.csv")
    return written


def new_axes(figsize: tuple[float, float] = (6, 3)) -> plt.Axes:
    """A fresh Axes drawn in the package's :data:`STYLE` (used when ``ax`` is not given)."""
    # the figure is created outside rc_context: inside, leaving the context would undo the Jupyter
    # inline backend's interactive mode, and later figures would not be shown in the notebook
    fig = plt.figure(figsize=figsize)
    with plt.rc_context(STYLE):
        return fig.add_subplot()


def stacked_share_bars(ax: plt.Axes, table: pd.DataFrame, colors: list, labels: list[str], *,
                       xlabel: str, title: str, legend_cols: int, legend_fontsize: float, names=None) -> plt.Axes:
    """Horizontal stacked bars of shares (0–1), one bar per row of ``table`` (index = doc_id); ``labels`` name the
    columns in a legend below the x-axis label (whatever the figure's height), ``names`` the articles."""
    from matplotlib.transforms import offset_copy

    from .layout import article_axis_label, article_names, set_article_ticks

    y = np.arange(len(table))
    left = np.zeros(len(table))
    for column, color, label in zip(table.columns, colors, labels):
        ax.barh(y, table[column], left=left, color=color, label=label)
        left = left + table[column].to_numpy(dtype=float)
    set_article_ticks(ax, "y", y, article_names(table.index, names))
    ax.set_ylim(len(table) - 0.5, -0.5)  # first article on top
    ax.set(xlim=(0, 1), xlabel=xlabel, ylabel=article_axis_label(names), title=title)
    below = offset_copy(ax.transAxes, fig=ax.figure, y=-30, units="points")
    ax.legend(ncols=legend_cols, fontsize=legend_fontsize, loc="upper center", bbox_to_anchor=(0.5, 0),
              bbox_transform=below, frameon=False)
    return ax


from .corpus import plot_sentence_lengths, plot_zone_shares  # noqa: E402  (re-exported)
