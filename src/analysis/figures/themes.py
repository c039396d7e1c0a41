"""Plots for notebook 02: how alike the articles are and which themes they spend passages on."""
from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from . import new_axes, stacked_share_bars

__all__ = ["THEME_CMAP", "theme_colors", "plot_similarity_heatmap", "plot_article_dendrogram",
           "plot_theme_shares", "plot_passage_map", "plot_theme_terms"]

THEME_CMAP = "tab10"


def theme_colors(n: int) -> list:
    """``n`` distinct colours for themes 0..n−1 (tab10, then tab20 beyond ten)."""
    cmap = plt.get_cmap("tab10" if n <= 10 else "tab20")
    return [cmap(i % cmap.N) for i in range(n)]


def plot_similarity_heatmap(similarity: pd.DataFrame, *, ax: plt.Axes | None = None) -> plt.Axes:
    """Heatmap of the article × article cosine similarity, values written in the cells.

    Parameters
    ----------
    similarity : DataFrame
        Square table from :func:`analysis.article_similarity` (0–1).
    """
    n = len(similarity)
    ax = ax or new_axes((0.7 * n + 2.2, 0.6 * n + 1.2))
    values = similarity.to_numpy(dtype=float)
    off = values[~np.eye(n, dtype=bool)]
    vmax = float(off.max()) if off.size else 1.0
    shown = values.copy()
    np.fill_diagonal(shown, np.nan)  # the diagonal (1.0) would swamp the colour scale
    image = ax.imshow(shown, cmap="Blues", vmin=0, vmax=max(vmax, 1e-9))
    labels = [str(i) for i in similarity.index]
    ax.set_xticks(range(n), labels)
    ax.set_yticks(range(n), labels)
    for i in range(n):
        for j in range(n):
            v = values[i, j]
            ax.text(j, i, "–" if i == j else f"{v:.2f}", ha="center", va="center", fontsize=8,
                    color="white" if i != j and v > 0.6 * vmax else "black")
    ax.figure.colorbar(image, ax=ax, shrink=0.8, label="cosine similarity (TF-IDF)")
    ax.set(xlabel="article (doc_id)", ylabel="article (doc_id)", title="How alike the articles' vocabularies are")
    ax.spines[:].set_visible(False)
    return ax


def plot_article_dendrogram(linkage: pd.DataFrame, *, labels, ax: plt.Axes | None = None) -> plt.Axes:
    """Dendrogram of the articles from :func:`analysis.article_linkage`.

    Parameters
    ----------
    linkage : DataFrame
        ``left, right, distance, size`` (SciPy linkage matrix as a table).
    labels : list of str
        Article ids in the order of the similarity table.
    """
    from scipy.cluster.hierarchy import dendrogram

    ax = ax or new_axes((5, 0.4 * len(labels) + 1.2))
    dendrogram(linkage[["left", "right", "distance", "size"]].to_numpy(dtype=float), labels=list(labels),
               orientation="right", ax=ax, color_threshold=0, above_threshold_color="#4c72b0",
               leaf_font_size=9)
    ax.set(xlabel="cosine distance (1 − similarity), average linkage", ylabel="article (doc_id)",
           title="Articles grouped by vocabulary")
    ax.set_xlim(left=0)
    return ax


def plot_theme_shares(shares: pd.DataFrame, *, ax: plt.Axes | None = None) -> plt.Axes:
    """Stacked bars: each article's share of passages per theme.

    Parameters
    ----------
    shares : DataFrame
        From :func:`analysis.theme_shares` (``doc_id, theme, share_passages`` and optionally ``label``).
    """
    table = shares.pivot(index="doc_id", columns="theme", values="share_passages").fillna(0)
    ax = ax or new_axes((6.5, 0.45 * len(table) + 2.4))
    labels = (shares.drop_duplicates("theme").set_index("theme")["label"].to_dict()
              if "label" in shares else {})
    return stacked_share_bars(ax, table, theme_colors(len(table.columns)),
                              [f"{t}: {labels.get(t, '')}".rstrip(": ") for t in table.columns],
                              xlabel="share of the article's passages",
                              title="Which themes each article spends its passages on",
                              legend_cols=2, legend_fontsize=6.5, legend_y=-0.2)


def plot_passage_map(points: pd.DataFrame, *, ax: plt.Axes | None = None) -> plt.Axes:
    """Passages on the first two LSA axes, coloured by theme, marked by article.

    Parameters
    ----------
    points : DataFrame
        ``x, y, theme`` (from :func:`analysis.passage_map`) and optionally ``doc_id``.
    """
    ax = ax or new_axes((6, 4.5))
    themes = sorted(points["theme"].unique())
    colors = theme_colors(len(themes))
    markers = ["o", "s", "^", "D", "v", "P", "X", "<", ">", "*"]
    docs = sorted(points["doc_id"].unique()) if "doc_id" in points else [None]
    for t, color in zip(themes, colors):
        for d_i, doc in enumerate(docs):
            sel = (points["theme"] == t) & ((points["doc_id"] == doc) if doc is not None else True)
            if sel.any():
                ax.scatter(points.loc[sel, "x"], points.loc[sel, "y"], s=22, color=color, alpha=0.85,
                           marker=markers[d_i % len(markers)], edgecolors="white", linewidths=0.4)
    for t, color in zip(themes, colors):
        ax.scatter([], [], color=color, marker="o", s=22, label=f"theme {t}")
    if docs != [None]:
        for d_i, doc in enumerate(docs):
            ax.scatter([], [], facecolors="none", edgecolors="black", marker=markers[d_i % len(markers)], s=22,
                       label=f"article {doc}")
    ax.set(xlabel="LSA axis 1 (TF-IDF, TruncatedSVD)", ylabel="LSA axis 2",
           title="Passages mapped by vocabulary, coloured by theme")
    ax.legend(fontsize=6.5, loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False)
    return ax


def plot_theme_terms(terms: pd.DataFrame, *, n_terms: int = 6, ax: plt.Axes | None = None) -> plt.Axes:
    """Horizontal bars of each theme's top terms by class-based TF-IDF weight.

    Parameters
    ----------
    terms : DataFrame
        ``theme, rank, term, weight`` (:attr:`analysis.ThemeModel.theme_terms_`).
    n_terms : int
        Terms shown per theme.
    """
    top = terms[terms["rank"] <= n_terms].sort_values(["theme", "rank"], kind="stable")
    ax = ax or new_axes((6, 0.17 * len(top) + 1.0))
    themes = sorted(top["theme"].unique())
    colors = dict(zip(themes, theme_colors(len(themes))))
    y = np.arange(len(top))
    ax.barh(y, top["weight"], color=[colors[t] for t in top["theme"]], height=0.8)
    ax.set_yticks(y, [f"{t}: {term}" for t, term in zip(top["theme"], top["term"])], fontsize=7)
    ax.invert_yaxis()
    ax.set(xlabel="class-based TF-IDF weight (c-TF-IDF)", ylabel="theme: term", title="Top terms of each theme")
    ax.margins(y=0.01)
    return ax
