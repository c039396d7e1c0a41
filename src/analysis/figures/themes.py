"""Plots for notebook 02: how alike the articles are and which themes they spend passages on."""
from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from . import new_axes, stacked_share_bars
from .layout import article_axis_label, article_names, not_shown, set_article_ticks

__all__ = ["theme_colors", "plot_similarity_heatmap", "plot_article_dendrogram", "plot_theme_shares",
           "plot_passage_map", "plot_theme_terms"]


def theme_colors(n: int) -> list:
    """``n`` distinct colours for themes 0..n−1 (tab10, then tab20 beyond ten)."""
    cmap = plt.get_cmap("tab10" if n <= 10 else "tab20")
    return [cmap(i % cmap.N) for i in range(n)]


def plot_similarity_heatmap(similarity: pd.DataFrame, *, labels=None, ax: plt.Axes | None = None) -> plt.Axes:
    """Heatmap of :func:`analysis.article_similarity` (article × article cosine, 0–1); values in the cells up to
    12 articles."""
    n = len(similarity)
    cell = 0.9 if n <= 8 else 0.7 if n <= 12 else 0.28
    ax = ax or new_axes((cell * n + 3.2, cell * n + 1.6))
    values = similarity.to_numpy(dtype=float)
    off = values[~np.eye(n, dtype=bool)]
    vmax = float(off.max()) if off.size else 1.0
    shown = values.copy()
    np.fill_diagonal(shown, np.nan)  # the diagonal (1.0) would swamp the colour scale
    image = ax.imshow(shown, cmap="Blues", vmin=0, vmax=max(vmax, 1e-9))
    names = article_names(similarity.index, labels)
    set_article_ticks(ax, "x", range(n), names, width=12)
    set_article_ticks(ax, "y", range(n), names)
    for i, j in np.ndindex(n, n):
        if n <= 12 or i == j:
            ax.text(j, i, "–" if i == j else f"{values[i, j]:.2f}", ha="center", va="center",
                    fontsize=8 if n <= 12 else 5, color="white" if i != j and values[i, j] > 0.6 * vmax else "black")
    ax.figure.colorbar(image, ax=ax, shrink=0.8, label="cosine similarity (TF-IDF, 0–1)")
    ax.set(xlabel=article_axis_label(labels), ylabel=article_axis_label(labels),
           title="How alike the articles' vocabularies are")
    ax.spines[:].set_visible(False)
    return ax


def plot_article_dendrogram(linkage: pd.DataFrame, *, labels, ax: plt.Axes | None = None) -> plt.Axes:
    """Dendrogram from :func:`analysis.article_linkage`; ``labels`` (required): the articles in the similarity
    table's order, doc_ids or names indexed by doc_id (``article_labels(articles).reindex(similarity.index)``)."""
    from scipy.cluster.hierarchy import dendrogram

    named = isinstance(labels, (pd.Series, dict))
    names = [str(v) for v in (labels.values() if isinstance(labels, dict) else labels)]
    ax = ax or new_axes((5.5, 0.3 * len(names) + 1.2))
    tree = dendrogram(linkage[["left", "right", "distance", "size"]].to_numpy(dtype=float), labels=names,
                      orientation="right", ax=ax, color_threshold=0, above_threshold_color="#4c72b0")
    set_article_ticks(ax, "y", ax.get_yticks(), tree["ivl"], fontsize=8)
    ax.set(xlabel="cosine distance (1 − similarity), average linkage",
           ylabel=article_axis_label(labels if named else None), title="Articles grouped by vocabulary")
    ax.set_xlim(left=0)
    return ax


def plot_theme_shares(shares: pd.DataFrame, *, labels=None, ax: plt.Axes | None = None) -> plt.Axes:
    """Stacked bars: each article's share of passages per theme (0–1), from :func:`analysis.theme_shares`
    (``doc_id, theme, share_passages``, optionally ``label``)."""
    table = shares.pivot(index="doc_id", columns="theme", values="share_passages").fillna(0)
    ax = ax or new_axes((6.5, 0.32 * len(table) + 2.4))
    theme_names = (shares.drop_duplicates("theme").set_index("theme")["label"].to_dict()
                   if "label" in shares else {})
    return stacked_share_bars(ax, table, theme_colors(len(table.columns)),
                              [f"{t}: {theme_names.get(t, '')}".rstrip(": ") for t in table.columns],
                              xlabel="share of the article's passages (0–1)",
                              title="Which themes each article spends its passages on",
                              legend_cols=2, legend_fontsize=6.5, names=labels)


def plot_passage_map(points: pd.DataFrame, *, min_variance: float = 0.10, min_passages: int = 10, labels=None,
                     ax: plt.Axes | None = None) -> plt.Axes:
    """Passages (from :func:`analysis.passage_map`) on the first two LSA axes, coloured by theme, not by article.

    With fewer than ``min_passages`` passages, or when the two axes together hold less than ``min_variance`` (0–1)
    of the TF-IDF variance, the axes say "Not shown: …" with the numbers instead.
    """
    ax = ax or new_axes((6, 4.5))
    title = "Passages mapped by vocabulary, coloured by theme"
    variance = list(points.attrs.get("explained_variance", []))
    held = float(sum(variance[:2])) if variance else None
    if len(points) < min_passages:
        return not_shown(ax, f"{len(points)} passage(s); a map needs at least {min_passages}.", title=title)
    if held is not None and held < min_variance:
        shares = " and ".join(f"{v:.1%}" for v in variance[:2])
        return not_shown(ax, f"the two map axes hold {shares} of the passages' TF-IDF variance ({held:.1%} together, "
                             f"under {min_variance:.0%}); distances on such a map do not show how alike "
                             "passages are.", title=title)
    themes = sorted(points["theme"].unique())
    for t, color in zip(themes, theme_colors(len(themes))):
        sel = points["theme"] == t
        ax.scatter(points.loc[sel, "x"], points.loc[sel, "y"], s=20, color=color, alpha=0.85, edgecolors="white",
                   linewidths=0.4, label=f"theme {t}")
    ax.margins(0.06)
    axis = [f" ({v:.1%} of variance)" for v in variance[:2]] + ["", ""]
    ax.set(xlabel=f"LSA axis 1{axis[0]}", ylabel=f"LSA axis 2{axis[1]}", title=title)
    ax.legend(fontsize=6.5, loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False)
    return ax


def plot_theme_terms(terms: pd.DataFrame, *, n_terms: int = 6, ax: plt.Axes | None = None) -> plt.Axes:
    """Horizontal bars of each theme's ``n_terms`` top terms by class-based TF-IDF weight
    (``theme, rank, term, weight``, :attr:`analysis.ThemeModel.theme_terms_`)."""
    top = terms[terms["rank"] <= n_terms].sort_values(["theme", "rank"], kind="stable")
    ax = ax or new_axes((6, 0.17 * len(top) + 1.0))
    themes = sorted(top["theme"].unique())
    colors = dict(zip(themes, theme_colors(len(themes))))
    y = np.arange(len(top))
    ax.barh(y, top["weight"], color=[colors[t] for t in top["theme"]], height=0.8)
    ax.set_yticks(y, [f"{t}: {term}" for t, term in zip(top["theme"], top["term"])], fontsize=7)
    ax.invert_yaxis()
    ax.set(xlabel="class-based TF-IDF weight (c-TF-IDF, unitless)", ylabel="theme: term",
           title="Top terms of each theme")
    ax.margins(y=0.01)
    return ax
