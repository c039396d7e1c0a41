"""Plots for notebook 06: each article's claims checked against the clinical evidence.

Verdicts come from :func:`analysis.claim_check.check_claims`; the colours run from red
(contradicted) to green (consistent), grey where the evidence cannot check the claim.
"""
from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.colors import ListedColormap
from matplotlib.patches import Patch

from . import new_axes
from .layout import article_axis_label, article_names, not_shown, wrap

__all__ = ["VERDICT_COLORS", "MAX_ARTICLES", "most_flagged", "plot_claim_verdicts", "plot_verdicts_by_type"]

#: verdict -> colour, worst first (the order of :data:`analysis.claim_check.VERDICTS`)
VERDICT_COLORS = {"contradicted": "#c44e52", "overstated": "#f0a35e", "consistent": "#7fbf7b",
                  "not checkable": "#c8c8c8"}
#: at most this many articles are drawn as columns of the matrix
MAX_ARTICLES = 40


def most_flagged(verdicts: pd.DataFrame, n: int = MAX_ARTICLES) -> list[str]:
    """The articles to draw: all of them when at most ``n``, else the ``n`` with the most contradicted, then
    overstated, then claim sentences (ties: table order), in table order.

    ``verdicts``: from :func:`analysis.claim_check.article_verdicts`.
    """
    if len(verdicts) <= n:
        return verdicts["doc_id"].astype(str).tolist()
    ranked = verdicts.sort_values(["n_contradicted", "n_overstated", "n_claim_sentences"], ascending=False,
                                  kind="stable")
    return verdicts.loc[sorted(ranked.index[:n], key=verdicts.index.get_loc), "doc_id"].astype(str).tolist()


def plot_claim_verdicts(cells: pd.DataFrame, claim_types: list[str], *, doc_ids=None, labels=None,
                        ax: plt.Axes | None = None) -> plt.Axes:
    """Claim type × article grid: colour = the worst verdict of the article's sentences of that type,
    text = how many sentences; blank where the article makes no claim of the type.

    Parameters
    ----------
    cells : DataFrame
        From :func:`analysis.claim_check.verdict_cells` (at most :data:`MAX_ARTICLES` articles: pass the ones
        to show).
    claim_types : list of str
        The rows, in order (the evidence file's claim types, then ``"other claim"``).
    doc_ids : sequence, optional
        The columns, in order (articles without claims stay as empty columns); default: the articles of ``cells``.
    labels, ax : optional
        As every plot (:mod:`analysis.figures`).
    """
    docs = list(dict.fromkeys(cells["doc_id"])) if doc_ids is None else [str(d) for d in doc_ids]
    if len(docs) > MAX_ARTICLES:
        raise ValueError(f"plot_claim_verdicts() draws at most {MAX_ARTICLES} articles, got {len(docs)}: "
                         "pass the articles to show.")
    cells = cells[cells["doc_id"].isin(set(docs))]
    verdicts = list(VERDICT_COLORS)
    ax = ax or new_axes((max(4.0, 0.75 * len(docs) + 2.6), 0.26 * len(claim_types) + 1.6))
    if cells.empty:
        return not_shown(ax, "no article makes a claim the evidence file or the claim finder recognises",
                         title="Claims against the evidence")
    grid = np.full((len(claim_types), len(docs)), np.nan)
    col, row = {d: k for k, d in enumerate(docs)}, {t: k for k, t in enumerate(claim_types)}
    for cell in cells.itertuples():
        grid[row[cell.claim_type], col[cell.doc_id]] = verdicts.index(cell.verdict)
        ax.text(col[cell.doc_id] + 0.5, row[cell.claim_type] + 0.5, str(cell.n_sentences), ha="center",
                va="center", fontsize=7, color="white" if cell.verdict == "contradicted" else "black")
    ax.pcolormesh(np.arange(len(docs) + 1), np.arange(len(claim_types) + 1), np.ma.masked_invalid(grid),
                  cmap=ListedColormap(list(VERDICT_COLORS.values())), vmin=-0.5, vmax=len(verdicts) - 0.5,
                  edgecolors="white", linewidth=1.0)
    ax.set(xlim=(0, len(docs)), ylim=(len(claim_types), 0), xticks=np.arange(len(docs)) + 0.5,
           yticks=np.arange(len(claim_types)) + 0.5, facecolor="#f7f7f7")
    ax.tick_params(length=0)
    ax.spines[:].set_visible(False)
    ax.set_yticklabels([t.replace("_", " ") for t in claim_types], fontsize=7.5)
    ax.xaxis.set_ticks_position("top")
    ax.xaxis.set_label_position("top")
    names = article_names(docs, labels)
    if len(docs) <= 8:
        ax.set_xticklabels([wrap(n, 12) for n in names], fontsize=7)
    else:
        ax.set_xticklabels([wrap(n, 28) for n in names], fontsize=6.5, rotation=60, ha="left", rotation_mode="anchor")
    ax.set_xlabel(article_axis_label(labels))
    ax.legend(handles=[Patch(color=c, label=v) for v, c in VERDICT_COLORS.items()], ncols=4, fontsize=7,
              frameon=False, loc="upper center", bbox_to_anchor=(0.5, -0.02),
              title="worst verdict of the article's sentences of that type (number = sentences)", title_fontsize=7)
    return ax


def plot_verdicts_by_type(by_type: pd.DataFrame, claim_types: list[str], *, ax: plt.Axes | None = None) -> plt.Axes:
    """Horizontal stacked bars: per claim type, how many claim sentences get each verdict (all articles).

    Parameters
    ----------
    by_type : DataFrame
        From :func:`analysis.claim_check.verdicts_by_type` (``claim_type, verdict, n_sentences``).
    claim_types : list of str
        The bars, top to bottom (claim sentences no rule checks: ``"other claim"``).
    ax : optional
        As every plot (:mod:`analysis.figures`).
    """
    counts = (by_type.pivot(index="claim_type", columns="verdict", values="n_sentences")
              .reindex(index=claim_types, columns=list(VERDICT_COLORS)).fillna(0).astype(int))
    ax = ax or new_axes((6.0, 0.25 * len(claim_types) + 1.4))
    y = np.arange(len(counts))
    left = np.zeros(len(counts))
    for verdict, color in VERDICT_COLORS.items():
        ax.barh(y, counts[verdict], left=left, color=color, label=verdict)
        left = left + counts[verdict].to_numpy()
    ax.set_yticks(y, [t.replace("_", " ") for t in counts.index], fontsize=7.5)
    ax.set_ylim(len(counts) - 0.5, -0.5)
    ax.set_xlabel("claim sentences (a sentence counts once per claim type it makes)")
    ax.set_title("Verdicts by claim type, all articles", pad=20)
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.legend(ncols=4, fontsize=7, frameon=False, loc="lower center", bbox_to_anchor=(0.5, 1.0))
    return ax
