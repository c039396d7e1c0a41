"""Plots for notebook 03: how strongly each article hedges or promotes its claims."""
from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from . import new_axes

__all__ = ["plot_stance_rates", "plot_hedging_promotion_map", "plot_certainty_distribution"]

_COLORS = {"hedges": "#4c72b0", "can": "#8172b3", "boosters": "#c44e52", "promotion": "#dd8452"}


def plot_stance_rates(doc_stance: pd.DataFrame, *, ax: plt.Axes | None = None) -> plt.Axes:
    """Grouped bars: hedges, "can", boosters and promotion per 1,000 words with 95% bootstrap CIs.

    Parameters
    ----------
    doc_stance : DataFrame
        From :func:`analysis.score_articles` (``doc_id``, ``<cat>_per_1k_words`` and ``_ci_low/_high``).
    """
    ax = ax or new_axes((6.5, 3.2))
    ids = list(doc_stance["doc_id"])
    x = np.arange(len(ids))
    width = 0.8 / len(_COLORS)
    for k, (cat, color) in enumerate(_COLORS.items()):
        rate = doc_stance[f"{cat}_per_1k_words"].to_numpy(dtype=float)
        low = doc_stance[f"{cat}_per_1k_words_ci_low"].to_numpy(dtype=float)
        high = doc_stance[f"{cat}_per_1k_words_ci_high"].to_numpy(dtype=float)
        ax.bar(x + (k - 1.5) * width, rate, width, color=color, label=cat,
               yerr=np.vstack([rate - low, high - rate]), error_kw={"elinewidth": 0.8, "capsize": 2})
    ax.set_xticks(x, ids)
    ax.set(xlabel="article (doc_id)", ylabel="markers per 1,000 words",
           title="Stance markers in the text of each article (95% bootstrap CI)")
    ax.legend(ncols=4, fontsize=7, frameon=False, loc="upper center", bbox_to_anchor=(0.5, -0.18))
    return ax


def plot_hedging_promotion_map(doc_stance: pd.DataFrame, *, ax: plt.Axes | None = None) -> plt.Axes:
    """Each article as a point: hedges (x) against promotion (y) per 1,000 words, with CI whiskers."""
    ax = ax or new_axes((4.5, 4))
    for row in doc_stance.itertuples(index=False):
        ax.errorbar(row.hedges_per_1k_words, row.promotion_per_1k_words,
                    xerr=[[row.hedges_per_1k_words - row.hedges_per_1k_words_ci_low],
                          [row.hedges_per_1k_words_ci_high - row.hedges_per_1k_words]],
                    yerr=[[row.promotion_per_1k_words - row.promotion_per_1k_words_ci_low],
                          [row.promotion_per_1k_words_ci_high - row.promotion_per_1k_words]],
                    fmt="o", color="#4c72b0", ecolor="#b0b0b0", elinewidth=0.8, markersize=5)
        ax.annotate(row.doc_id, (row.hedges_per_1k_words, row.promotion_per_1k_words), xytext=(4, 4),
                    textcoords="offset points", fontsize=8)
    ax.set_xlim(left=0)
    ax.set_ylim(bottom=0)
    ax.set(xlabel="hedges per 1,000 words (more cautious →)",
           ylabel="promotional terms per 1,000 words (more hype ↑)", title="Hedging versus promotion")
    return ax


def plot_certainty_distribution(sentence_table: pd.DataFrame, *, ax: plt.Axes | None = None) -> plt.Axes:
    """Box plot of sentence certainty (1–6 scale) per article, body and heading sentences; claims marked."""
    ax = ax or new_axes((6, 3))
    ids = sorted(sentence_table["doc_id"].unique())
    data = [sentence_table.loc[sentence_table["doc_id"] == d, "certainty"] for d in ids]
    ax.boxplot(data, tick_labels=ids, medianprops={"color": "black"}, flierprops={"markersize": 3})
    for i, d in enumerate(ids, start=1):
        claims = sentence_table[(sentence_table["doc_id"] == d) & sentence_table["claim"]]
        jitter = np.linspace(-0.15, 0.15, len(claims)) if len(claims) > 1 else np.zeros(len(claims))
        ax.scatter(i + jitter, claims["certainty"], s=8, color="#dd8452", alpha=0.7, zorder=3,
                   label="claim sentence" if i == 1 else None)
    ax.set(xlabel="article (doc_id)", ylabel="sentence certainty (1 = very uncertain, 6 = very certain)",
           title="How certainly sentences are stated")
    if sentence_table["claim"].any():
        ax.legend(fontsize=7, frameon=False, loc="lower right")
    return ax
