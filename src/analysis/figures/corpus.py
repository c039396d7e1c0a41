"""Plots for notebook 01: what the articles are made of."""
from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd

from . import ZONE_COLORS, new_axes, stacked_share_bars

__all__ = ["plot_zone_shares", "plot_sentence_lengths"]


def plot_zone_shares(summary: pd.DataFrame, *, ax: plt.Axes | None = None) -> plt.Axes:
    """Stacked bars: share of each article's words in each zone.

    Parameters
    ----------
    summary : DataFrame
        ``doc_id`` plus ``share_words_<zone>`` columns (from :func:`analysis.describe_corpus`).
    """
    ax = ax or new_axes((6, 0.45 * len(summary) + 1.2))
    zones = [z for z in ZONE_COLORS if f"share_words_{z}" in summary]
    table = summary.set_index("doc_id")[[f"share_words_{z}" for z in zones]]
    return stacked_share_bars(ax, table, [ZONE_COLORS[z] for z in zones], [z.replace("_", " ") for z in zones],
                              xlabel="share of the article's words", title="What each page spends its words on",
                              legend_cols=3, legend_fontsize=7, legend_y=-0.22)


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
    ax.set(xlabel="article (doc_id)", ylabel="words per sentence (body)", title="Sentence length in the body text")
    return ax
