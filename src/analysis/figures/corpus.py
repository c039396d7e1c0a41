"""Plots for notebook 01: what the articles are made of."""
from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd

from . import ZONE_COLORS, new_axes

__all__ = ["plot_zone_shares", "plot_sentence_lengths"]


def plot_zone_shares(summary: pd.DataFrame, *, ax: plt.Axes | None = None) -> plt.Axes:
    """Stacked bars: share of each article's words in each zone.

    Parameters
    ----------
    summary : DataFrame
        ``doc_id`` plus ``share_words_<zone>`` columns (from :func:`analysis.describe_corpus`).
    """
    ax = ax or new_axes((6, 0.45 * len(summary) + 1.2))
    left = pd.Series(0.0, index=summary.index)
    for zone, color in ZONE_COLORS.items():
        col = f"share_words_{zone}"
        if col in summary:
            ax.barh(summary["doc_id"], summary[col], left=left, color=color, label=zone.replace("_", " "))
            left = left + summary[col]
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    ax.set_xlabel("share of the article's words")
    ax.set_ylabel("article (doc_id)")
    ax.set_title("What each page spends its words on")
    ax.legend(ncols=3, fontsize=7, loc="upper center", bbox_to_anchor=(0.5, -0.22), frameon=False)
    return ax


def plot_sentence_lengths(sentences: pd.DataFrame, *, ax: plt.Axes | None = None) -> plt.Axes:
    """Box plot of words per sentence for each article, body zone only.

    Parameters
    ----------
    sentences : DataFrame
        Output of :func:`analysis.segment` (``doc_id``, ``zone``, ``n_words``).
    """
    ax = ax or new_axes((6, 3))
    body = sentences[sentences["zone"] == "body"]
    ids = sorted(body["doc_id"].unique())
    ax.boxplot([body.loc[body["doc_id"] == d, "n_words"] for d in ids], tick_labels=ids, vert=True,
               medianprops={"color": "black"}, flierprops={"markersize": 3})
    ax.set_xlabel("article (doc_id)")
    ax.set_ylabel("words per sentence (body)")
    ax.set_title("Sentence length in the body text")
    return ax
