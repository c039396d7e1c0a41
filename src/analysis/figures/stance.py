"""Plots for notebook 03: how strongly each article hedges or promotes its claims."""
from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from . import new_axes
from .layout import article_axis_label, article_names, place_labels, set_article_ticks

__all__ = ["plot_stance_rates", "plot_hedging_promotion_map", "plot_certainty_distribution"]

_COLORS = {"hedges": "#4c72b0", "can": "#8172b3", "boosters": "#c44e52", "promotion": "#dd8452"}


def _rate_and_ci(doc_stance: pd.DataFrame, category: str) -> list[np.ndarray]:
    """A category's rate per 1,000 words and its interval's low and high ends, as float arrays."""
    column = f"{category}_per_1k_words"
    return [doc_stance[c].to_numpy(dtype=float) for c in (column, f"{column}_ci_low", f"{column}_ci_high")]


def plot_stance_rates(doc_stance: pd.DataFrame, *, labels=None, ax: plt.Axes | None = None) -> plt.Axes:
    """Grouped bars: hedges, "can", boosters and promotion per 1,000 words with 95% bootstrap CIs, from
    :func:`analysis.score_articles` (``doc_id``, ``<cat>_per_1k_words`` and ``_ci_low/_high``)."""
    ids = list(doc_stance["doc_id"])
    ax = ax or new_axes((max(6.5, 0.42 * len(ids) + 2.0), 3.2))
    x = np.arange(len(ids))
    width = 0.8 / len(_COLORS)
    for k, (cat, color) in enumerate(_COLORS.items()):
        rate, low, high = _rate_and_ci(doc_stance, cat)
        ax.bar(x + (k - 1.5) * width, rate, width, color=color, label=cat,
               yerr=np.vstack([rate - low, high - rate]), error_kw={"elinewidth": 0.8, "capsize": 2})
    set_article_ticks(ax, "x", x, article_names(ids, labels))
    ax.set_xlim(-0.6, len(ids) - 0.4)
    ax.set(xlabel=article_axis_label(labels), ylabel="markers per 1,000 words")
    ax.set_title("Stance markers in the text of each article (95% bootstrap CI)", pad=16)
    ax.legend(ncols=4, fontsize=7, frameon=False, loc="lower center", bbox_to_anchor=(0.5, 0.99))
    return ax


def plot_hedging_promotion_map(doc_stance: pd.DataFrame, *, labels=None, ax: plt.Axes | None = None) -> plt.Axes:
    """Each article as a point: hedges (x) against promotion (y) per 1,000 words, with CI whiskers; names overlap no
    other name or point (a leader line joins a name placed away); beyond 12 articles, numbers and a key beside."""
    crowded = len(doc_stance) > 12
    ax = ax or new_axes((5.2, 4.4) if not crowded else (6.0, 0.11 * len(doc_stance) + 2.0))
    x, xlo, xhi = _rate_and_ci(doc_stance, "hedges")
    y, ylo, yhi = _rate_and_ci(doc_stance, "promotion")
    ax.errorbar(x, y, xerr=np.vstack([x - xlo, xhi - x]), yerr=np.vstack([y - ylo, yhi - y]), fmt="o",
                color="#4c72b0", ecolor="#d4d4d4" if crowded else "#b0b0b0", elinewidth=0.6 if crowded else 0.8,
                markersize=4 if crowded else 5, zorder=3)
    top_x = np.nanmax(np.concatenate([x, xhi])) if len(x) else 1.0
    top_y = np.nanmax(np.concatenate([y, yhi])) if len(y) else 1.0
    ax.set_xlim(0, max(top_x, 1.0) * 1.12)  # room for names beyond the largest interval
    ax.set_ylim(0, max(top_y, 1.0) * 1.08)
    ax.set(xlabel="hedges per 1,000 words (more cautious →)",
           ylabel="promotional terms per 1,000 words (more hype ↑)", title="Hedging versus promotion")
    names = article_names(doc_stance["doc_id"], labels)
    if not crowded:
        place_labels(ax, x, y, names, fontsize=7.5)
        return ax
    # many articles: numbers at the points, the names in a key beside the axes
    place_labels(ax, x, y, [str(k) for k in range(1, len(names) + 1)], fontsize=6.5)
    key = [f"{k:>2}  {name}" for k, name in enumerate(names, start=1)]
    ax.text(1.03, 1.0, "\n".join(key), transform=ax.transAxes, ha="left", va="top", fontsize=6, family="monospace",
            linespacing=1.25)
    return ax


def plot_certainty_distribution(sentence_table: pd.DataFrame, *, labels=None, ax: plt.Axes | None = None) -> plt.Axes:
    """Box plot of sentence certainty (1–6 scale) per article, body and heading sentences; claims marked
    (``doc_id, certainty, claim`` per sentence, :func:`analysis.stance.sentence_stance`)."""
    ids = sorted(sentence_table["doc_id"].unique())
    ax = ax or new_axes((max(6.0, 0.32 * len(ids) + 2.0), 3.2))
    data = [sentence_table.loc[sentence_table["doc_id"] == d, "certainty"] for d in ids]
    positions = np.arange(1, len(ids) + 1)
    ax.boxplot(data, positions=positions, medianprops={"color": "black"}, flierprops={"markersize": 3})
    for i, d in zip(positions, ids):
        claims = sentence_table[(sentence_table["doc_id"] == d) & sentence_table["claim"]]
        jitter = np.linspace(-0.15, 0.15, len(claims)) if len(claims) > 1 else np.zeros(len(claims))
        ax.scatter(i + jitter, claims["certainty"], s=8, color="#dd8452", alpha=0.7, zorder=3,
                   label="claim sentence" if i == 1 else None)
    set_article_ticks(ax, "x", positions, article_names(ids, labels))
    ax.set_ylim(0.6, 6.4)  # the 1–6 scale with room: points never sit on the axes
    ax.set_yticks(range(1, 7))
    ax.set(xlabel=article_axis_label(labels), ylabel="certainty (1–6 scale)\n1 = very uncertain, 6 = very certain",
           title="How certainly sentences are stated")
    ax.yaxis.label.set_fontsize(8)
    if sentence_table["claim"].any():
        ax.legend(fontsize=7, frameon=False, loc="lower right")
    return ax
