"""Plots for notebook 01: what the articles are made of."""
from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from . import ZONE_COLORS, new_axes, stacked_share_bars
from .layout import article_axis_label, article_names, set_article_ticks

__all__ = ["plot_zone_shares", "plot_sentence_lengths"]


def plot_zone_shares(summary: pd.DataFrame, *, labels=None, ax: plt.Axes | None = None) -> plt.Axes:
    """Stacked bars: share of each article's words in each zone (0–1), from :func:`analysis.describe_corpus`'s
    ``doc_id`` and ``share_words_<zone>`` columns."""
    ax = ax or new_axes((6.5, 0.32 * len(summary) + 1.4))
    zones = [z for z in ZONE_COLORS if f"share_words_{z}" in summary]
    table = summary.set_index("doc_id")[[f"share_words_{z}" for z in zones]]
    return stacked_share_bars(ax, table, [ZONE_COLORS[z] for z in zones], [z.replace("_", " ") for z in zones],
                              xlabel="share of the article's words (0–1)", title="What each page spends its words on",
                              legend_cols=5, legend_fontsize=7, names=labels)


def plot_sentence_lengths(sentences: pd.DataFrame, *, labels=None, ax: plt.Axes | None = None) -> plt.Axes:
    """Box plot of words per sentence for each article, body zone only (:func:`analysis.segment`'s ``doc_id``,
    ``zone``, ``n_words``)."""
    body = sentences[sentences["zone"] == "body"]
    ids = sorted(body["doc_id"].unique())
    ax = ax or new_axes((max(6.0, 0.32 * len(ids) + 2.0), 3.2))
    positions = np.arange(1, len(ids) + 1)
    ax.boxplot([body.loc[body["doc_id"] == d, "n_words"] for d in ids], positions=positions,
               medianprops={"color": "black"}, flierprops={"markersize": 3})
    set_article_ticks(ax, "x", positions, article_names(ids, labels))
    ax.set_ylim(bottom=0)
    ax.set(xlabel=article_axis_label(labels), ylabel="words per sentence (body)",
           title="Sentence length in the body text")
    return ax
