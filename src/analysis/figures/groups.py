"""Plots for notebook 05: groups of articles (or organizations) compared, from :mod:`analysis.groups` tables."""
from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from . import new_axes
from .layout import not_shown, wrap

__all__ = ["plot_group_measures", "plot_group_presence", "plot_group_terms", "GROUP_COLORS"]

GROUP_COLORS = ["#4c72b0", "#dd8452", "#55a868", "#c44e52", "#8172b3", "#937860", "#da8bc3", "#8c8c8c"]


def _colors(groups) -> dict:
    return {g: GROUP_COLORS[i % len(GROUP_COLORS)] for i, g in enumerate(groups)}


def plot_group_measures(points: pd.DataFrame, *, title: str | None = None, ax: plt.Axes | None = None) -> plt.Axes:
    """Each measure by group: every unit as a dot, the group mean as a larger point with its 95 % interval.

    Parameters
    ----------
    points : DataFrame
        :func:`analysis.groups.measure_points` (``measure, label, scale, group, what, unit, value,
        ci_low, ci_high``) for measures that share a scale (the y axis is labelled with it).
    title : str, optional
    ax : Axes, optional
    """
    measures = list(dict.fromkeys(points["measure"]))
    groups = list(dict.fromkeys(points["group"]))
    ax = ax or new_axes((max(5.0, 1.3 * len(measures) * max(len(groups), 2) / 2 + 1.5), 3.6))
    if points.empty:
        return not_shown(ax, "no unit has a value for these measures.", title=title)
    colors, width = _colors(groups), 0.7
    step = width / len(groups)
    for i, m in enumerate(measures):
        for j, g in enumerate(groups):
            x0 = i - width / 2 + step * (j + 0.5)
            rows = points[(points["measure"] == m) & (points["group"] == g)]
            dots = rows.loc[rows["what"] == "unit", "value"].to_numpy(dtype=float)
            if len(dots):  # units spread evenly across a band left of the mean, in table order (deterministic)
                spread = (np.linspace(-0.4, -0.1, len(dots)) if len(dots) > 1 else np.array([-0.25])) * step
                big = len(dots) > 200
                ax.scatter(x0 + spread, dots, s=4 if big else 12, color=colors[g], alpha=0.25 if big else 0.45,
                           linewidths=0, zorder=2)
            mean = rows[rows["what"] == "mean"]
            if len(mean) and np.isfinite(mean["value"].iloc[0]):
                v, lo, hi = (float(mean[c].iloc[0]) for c in ("value", "ci_low", "ci_high"))
                err = None if not (np.isfinite(lo) and np.isfinite(hi)) else [[v - lo], [hi - v]]
                ax.errorbar([x0 + 0.12 * step], [v], yerr=err, fmt="D", color="black", markerfacecolor=colors[g], markersize=6,
                            elinewidth=1.2, capsize=3, zorder=3)
    labels = points.drop_duplicates("measure").set_index("measure")
    ax.set_xticks(range(len(measures)), [wrap(labels.at[m, "label"], 16) for m in measures], fontsize=8)
    ax.set_xlim(-0.6, len(measures) - 0.4)
    scales = set(points["scale"])
    ax.set_ylabel(scales.pop() if len(scales) == 1 else "value")
    for g in groups:
        ax.scatter([], [], s=30, marker="D", color=colors[g], edgecolors="black", label=g)
    ax.scatter([], [], s=12, color="#999999", alpha=0.6, label="one unit")
    ax.legend(fontsize=7, frameon=False, loc="lower center", bbox_to_anchor=(0.5, 1.0), ncols=min(len(groups) + 1, 5))
    ax.set_title(title or "By group: mean with 95 % bootstrap interval over units; dots = units", pad=24)
    ax.set_ylim(bottom=min(0.0, ax.get_ylim()[0]))
    return ax


def plot_group_presence(summary: pd.DataFrame, *, ax: plt.Axes | None = None) -> plt.Axes:
    """Share of each group's units that mention each concept (0–1), with 95 % bootstrap intervals.

    Parameters
    ----------
    summary : DataFrame
        :attr:`analysis.groups.GroupComparison.summary`; its ``presence`` rows are drawn, concepts in
        codebook order, information-quality items in bold.
    ax : Axes, optional
    """
    rows = summary[summary["kind"] == "presence"]
    concepts = list(dict.fromkeys(rows["measure"]))
    groups = list(dict.fromkeys(rows["group"]))
    ax = ax or new_axes((6.4, 0.32 * max(len(concepts), 3) + 1.6))
    if rows.empty:
        return not_shown(ax, "no concept coverage in this run.", title="Concept presence by group")
    colors = _colors(groups)
    step = 0.6 / max(len(groups), 1)
    for j, g in enumerate(groups):
        r = rows[rows["group"] == g].set_index("measure").reindex(concepts)
        y = np.arange(len(concepts)) - 0.3 + step * (j + 0.5)
        v = r["mean"].to_numpy(dtype=float)
        lo, hi = r["ci_low"].to_numpy(dtype=float), r["ci_high"].to_numpy(dtype=float)
        err = np.vstack([np.where(np.isfinite(lo), v - lo, 0), np.where(np.isfinite(hi), hi - v, 0)])
        n = int(r["n_units"].max())
        ax.errorbar(v, y, xerr=err, fmt="o", color=colors[g], markersize=5, elinewidth=1, capsize=2,
                    label=f"{g} ({n} unit{'s' if n != 1 else ''})")
    meta = rows.drop_duplicates("measure").set_index("measure")
    ax.set_yticks(range(len(concepts)), [wrap(meta.at[c, "label"], 34) for c in concepts], fontsize=7.5)
    for tick, c in zip(ax.get_yticklabels(), concepts):
        if bool(meta.at[c, "quality_item"]):
            tick.set_fontweight("bold")
    ax.set_ylim(len(concepts) - 0.5, -0.5)
    ax.set_xlim(-0.03, 1.03)
    ax.grid(axis="x", color="#e5e5e5", linewidth=0.6)
    ax.set(xlabel="share of the group's units that mention the concept (0–1)",
           title="Concept presence by group (95 % bootstrap interval; bold = quality item)")
    _legend_below(ax, ncols=min(len(groups), 4))
    return ax


def _legend_below(ax: plt.Axes, ncols: int) -> None:
    """The legend centred below the x-axis label, whatever the figure's height."""
    from matplotlib.transforms import offset_copy

    below = offset_copy(ax.transAxes, fig=ax.figure, y=-30, units="points")
    ax.legend(ncols=ncols, fontsize=7, loc="upper center", bbox_to_anchor=(0.5, 0), bbox_transform=below,
              frameon=False)


def plot_group_terms(terms: pd.DataFrame, *, top_n: int = 8, ax: plt.Axes | None = None) -> plt.Axes:
    """Each group's most distinctive words against the other groups: log ratio bars, G² and units using the word.

    Parameters
    ----------
    terms : DataFrame
        :func:`analysis.keyness.group_terms` (``group, rank, term, g2, log_ratio, units_with_term, n_units``).
    top_n : int
        Words shown per group (by rank).
    ax : Axes, optional
    """
    shown = terms[terms["rank"] <= top_n] if len(terms) else terms
    ax = ax or new_axes((6.0, 0.22 * max(len(shown), 4) + 1.4))
    if shown.empty:
        return not_shown(ax, "no word passes the keyness cut-offs (G² ≥ 6.63, log ratio ≥ 1, at least 3 "
                         "occurrences) for any group, or there are fewer than two groups.",
                         title="Distinctive words by group")
    groups = list(dict.fromkeys(shown["group"]))
    colors = _colors(groups)
    y, labels, ys = 0, [], []
    for g in groups:
        rows = shown[shown["group"] == g].sort_values("rank")
        for r in rows.itertuples():
            ax.barh(y, r.log_ratio, color=colors[g], height=0.75)
            ax.text(r.log_ratio, y, f"  G² {r.g2:.0f}", va="center", fontsize=6.5, color="#444444")
            labels.append(f"{r.term} ({r.units_with_term}/{r.n_units})")
            ys.append(y)
            y += 1
        y += 0.6  # a gap between groups
    ax.set_yticks(ys, labels, fontsize=7.5)
    ax.set_ylim(y - 0.6 + 0.1, -0.9)
    ax.set_xlim(0, float(shown["log_ratio"].max()) * 1.25)
    for g in groups:
        ax.barh([np.nan], [np.nan], color=colors[g], label=g)
    _legend_below(ax, ncols=min(len(groups), 4))
    ax.set(xlabel="log ratio against the other groups (1 = twice as frequent)",
           title="Distinctive words by group (units using the word in brackets)")
    return ax
