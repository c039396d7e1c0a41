"""Plots for notebook 04: which concepts each article covers, and which it leaves out."""
from __future__ import annotations

from itertools import groupby

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.colors import ListedColormap

from . import new_axes
from .layout import article_axis_label, article_names, wrap

__all__ = ["plot_coverage_heatmap", "plot_group_coverage", "plot_omissions", "plot_cooccurrence"]

_COVERED, _OMITTED = "#4c72b0", "#f2c4c4"


def _grid(ax: plt.Axes, values: np.ndarray, cmap, vmax: float, vmin: float = 0.0):
    """A grid of cells drawn with ``pcolormesh`` (vector output: small, byte-stable SVGs), rows from the top."""
    rows, cols = values.shape
    mesh = ax.pcolormesh(np.arange(cols + 1), np.arange(rows + 1), np.ma.masked_invalid(values), cmap=cmap,
                         vmin=vmin, vmax=vmax, edgecolors="white", linewidth=1.0)
    ax.set(xlim=(0, cols), ylim=(rows, 0), xticks=np.arange(cols) + 0.5, yticks=np.arange(rows) + 0.5)
    ax.tick_params(length=0)
    ax.spines[:].set_visible(False)
    ax.xaxis.set_ticks_position("top")
    ax.xaxis.set_label_position("top")
    return mesh


def _article_columns(ax: plt.Axes, docs: list[str], labels) -> None:
    """Article names on the top axis: wrapped when few, rotated when many."""
    names = article_names(docs, labels)
    if len(docs) <= 8:
        ax.set_xticklabels([wrap(n, 12) for n in names], fontsize=7.5)
    else:
        ax.set_xticklabels([wrap(n, 28) for n in names], fontsize=6.5, rotation=60, ha="left",
                           rotation_mode="anchor")
    ax.set_xlabel(article_axis_label(labels))


def _column_width(n_docs: int) -> float:
    """Inches per article column: roomy for a few articles, narrow for many."""
    return 1.1 if n_docs <= 8 else 0.42


def _ink(value: float, vmax: float) -> str:
    return "white" if vmax and value > 0.55 * vmax else "black"


def plot_coverage_heatmap(coverage: pd.DataFrame, *, labels=None, ax: plt.Axes | None = None) -> plt.Axes:
    """Concept × article grid (as MAXQDA's Code Matrix Browser): colour = mentions per 1,000 words, text = count.

    From :func:`analysis.concepts.concept_coverage`; concepts grouped by codebook group, a dot for one never
    mentioned, information-quality items (DISCERN / HealthNewsReview) in bold."""
    concepts = list(dict.fromkeys(coverage["concept"]))
    docs = sorted(coverage["doc_id"].unique())
    meta = coverage.drop_duplicates("concept").set_index("concept")
    counts = coverage.pivot(index="concept", columns="doc_id", values="mentions").loc[concepts, docs]
    rates = coverage.pivot(index="concept", columns="doc_id", values="mentions_per_1k_words").loc[concepts, docs]
    ax = ax or new_axes((_column_width(len(docs)) * len(docs) + 4.2, 0.3 * len(concepts) + 1.4))
    vmax = max(float(rates.to_numpy().max()), 1.0)
    mesh = _grid(ax, rates.to_numpy(dtype=float), "Blues", vmax)
    for i, j in np.ndindex(counts.shape):
        n = int(counts.iat[i, j])
        ax.text(j + 0.5, i + 0.5, str(n) if n else "·", ha="center", va="center", fontsize=7,
                color=_ink(rates.iat[i, j], vmax) if n else "#999999")
    _article_columns(ax, docs, labels)
    ax.set_yticklabels([meta.at[c, "label"] for c in concepts], fontsize=7)
    for tick, concept in zip(ax.get_yticklabels(), concepts):
        if bool(meta.at[concept, "quality_item"]):
            tick.set_fontweight("bold")
    start = 0
    for group, run in groupby(meta.at[c, "group_label"] for c in concepts):  # a line between groups, names right
        end = start + len(list(run))
        if end < len(concepts):
            ax.axhline(end, color="black", linewidth=0.8)
        ax.text(len(docs) + 0.15, (start + end) / 2, group, ha="left", va="center", fontsize=7, style="italic",
                clip_on=False)
        start = end
    ax.set_title("Concept mentions per article (body text and headings)", pad=20)
    bar = ax.figure.colorbar(mesh, ax=ax, fraction=0.04, pad=0.2)
    bar.set_label("mentions per 1,000 words", fontsize=7)
    bar.ax.tick_params(labelsize=7)
    ax.annotate("number = mentions; · = never mentioned; bold = information-quality item",
                xy=(0, 0), xycoords="axes fraction", xytext=(0, -10), textcoords="offset points",
                ha="left", va="top", fontsize=6.5, color="#555555")
    return ax


def plot_group_coverage(groups: pd.DataFrame, *, labels=None, ax: plt.Axes | None = None) -> plt.Axes:
    """Group × article grid: share of each group's concepts that the article mentions (0–1, text: k of n), from
    :func:`analysis.concepts.group_coverage`."""
    order = list(dict.fromkeys(groups["group"]))
    docs = sorted(groups["doc_id"].unique())
    share = groups.pivot(index="group", columns="doc_id", values="share_present").loc[order, docs]
    present = groups.pivot(index="group", columns="doc_id", values="concepts_present").loc[order, docs]
    total = groups.drop_duplicates("group").set_index("group")
    ax = ax or new_axes((_column_width(len(docs)) * len(docs) + 3.0, 0.42 * len(order) + 1.2))
    mesh = _grid(ax, share.to_numpy(dtype=float), "Greens", 1.0)
    for i, g in enumerate(order):
        for j in range(len(docs)):
            ax.text(j + 0.5, i + 0.5, f"{int(present.iat[i, j])}/{int(total.at[g, 'concepts'])}", ha="center",
                    va="center", fontsize=7, color=_ink(share.iat[i, j], 1.0))
    ax.set_yticklabels(total.loc[order, "group_label"])
    _article_columns(ax, docs, labels)
    ax.set_title("Concepts covered per group (k of n)", pad=20)
    bar = ax.figure.colorbar(mesh, ax=ax, fraction=0.05, pad=0.03)
    bar.set_label("share of the group's concepts mentioned (0–1)", fontsize=7)
    bar.ax.tick_params(labelsize=7)
    return ax


def plot_omissions(omissions: pd.DataFrame, *, labels=None, ax: plt.Axes | None = None) -> plt.Axes:
    """Quality item × article: covered (blue, with the number of mentions) or omitted (pink, ✗), from
    :func:`analysis.concepts.quality_omissions`."""
    items = list(dict.fromkeys(omissions["concept"]))
    docs = sorted(omissions["doc_id"].unique())
    meta = omissions.drop_duplicates("concept").set_index("concept")
    covered = omissions.pivot(index="concept", columns="doc_id", values="covered").loc[items, docs].astype(bool)
    mentions = omissions.pivot(index="concept", columns="doc_id", values="mentions").loc[items, docs]
    negated = omissions.pivot(index="concept", columns="doc_id", values="negated_mentions").loc[items, docs]
    narrow = len(docs) > 8
    ax = ax or new_axes((_column_width(len(docs)) * len(docs) + 3.6, 0.42 * len(items) + 1.3))
    _grid(ax, covered.to_numpy(dtype=float), ListedColormap([_OMITTED, _COVERED]), 1.0)
    for i, j in np.ndindex(covered.shape):
        if covered.iat[i, j]:
            n, k = int(mentions.iat[i, j]), int(negated.iat[i, j])
            label = (f"{n}" + ("*" if k else "")) if narrow else f"✓ {n}" + (f" ({k} neg.)" if k else "")
            ax.text(j + 0.5, i + 0.5, label, ha="center", va="center", fontsize=7, color="white")
        else:
            ax.text(j + 0.5, i + 0.5, "✗", ha="center", va="center", fontsize=8, color="#a02020")
    _article_columns(ax, docs, labels)
    ax.set_yticklabels([f"{meta.at[c, 'quality_label']}\n{meta.at[c, 'quality_source']}" for c in items], fontsize=6.5)
    ax.set_title("Information-quality items: covered (✓ mentions) or omitted (✗)", pad=20)
    if narrow:
        ax.annotate("number = mentions of a covered item; * = some of them negated; ✗ = omitted", xy=(0, 0),
                    xycoords="axes fraction", xytext=(0, -10), textcoords="offset points", ha="left", va="top",
                    fontsize=6.5, color="#555555")
    return ax


def plot_cooccurrence(cooc: pd.DataFrame, *, ax: plt.Axes | None = None) -> plt.Axes:
    """Lower-triangle grid: sentences mentioning two concepts together (from :func:`analysis.concepts.cooccurrence`);
    framed diagonal: sentences mentioning the concept; a concept never mentioned in grey italics."""
    order = list(dict.fromkeys(list(cooc["concept_a"]) + list(cooc["concept_b"])))
    names = dict(zip(cooc["concept_a"], cooc["label_a"])) | dict(zip(cooc["concept_b"], cooc["label_b"]))
    n = len(order)
    values = np.full((n, n), np.nan)
    index = {c: i for i, c in enumerate(order)}
    for a, b, units in zip(cooc["concept_a"], cooc["concept_b"], cooc["units"]):
        i, j = sorted((index[a], index[b]), reverse=True)
        values[i, j] = units
    ax = ax or new_axes((0.36 * n + 3.4, 0.33 * n + 1.6))
    off = values.copy()
    np.fill_diagonal(off, np.nan)
    vmax = max(float(np.nanmax(off)) if np.isfinite(off).any() else 1.0, 1.0)
    mesh = _grid(ax, off, "Purples", vmax)
    for i in range(n):
        for j in range(i + 1):
            v = values[i, j]
            if i == j:
                ax.add_patch(plt.Rectangle((j + 0.06, i + 0.06), 0.88, 0.88, fill=False, edgecolor="#888888", lw=0.6))
                ax.text(j + 0.5, i + 0.5, str(int(np.nan_to_num(v))), ha="center", va="center", fontsize=6,
                        color="#555555")
            elif v > 0:
                ax.text(j + 0.5, i + 0.5, str(int(v)), ha="center", va="center", fontsize=6, color=_ink(v, vmax))
    ax.set_xticklabels([names[c] for c in order], rotation=60, ha="left", fontsize=6.5)
    ax.set_yticklabels([names[c] for c in order], fontsize=6.5)
    never = [np.nan_to_num(values[i, i]) == 0 for i in range(n)]
    for ticks in (ax.get_xticklabels(), ax.get_yticklabels()):
        for tick, unused in zip(ticks, never):
            if unused:
                tick.set(color="#999999", style="italic")
    ax.set_title("Concepts mentioned in the same sentence (all articles)", pad=8)
    bar = ax.figure.colorbar(mesh, ax=ax, fraction=0.04, pad=0.02)
    bar.set_label("sentences mentioning both concepts", fontsize=7)
    bar.ax.tick_params(labelsize=7)
    note = "cell = sentences mentioning both; framed diagonal = sentences mentioning the concept"
    if any(never):
        note += f"; grey italics = never mentioned ({sum(never)} of {n})"
    ax.annotate(note, xy=(0, 0), xycoords="axes fraction", xytext=(0, -8), textcoords="offset points", ha="left",
                va="top", fontsize=6.5, color="#555555")
    return ax
