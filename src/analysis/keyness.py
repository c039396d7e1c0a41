"""Keyness: which words an article uses more (or less) than the rest of the corpus, as AntConc reports it:
log-likelihood G² (significance) and log ratio (effect size) on lowercased word forms
(:data:`analysis.tokens.WORD_RE`), with no stems and no stop list (docs/themes.md#keyness)."""
from __future__ import annotations

from collections import Counter

import numpy as np
import pandas as pd
from scipy.stats import chi2

from .tokens import WORD_RE

__all__ = ["log_likelihood", "log_ratio", "keyness_table", "distinctive_terms", "group_terms", "G2_CRITICAL"]

#: critical G² values (χ², 1 degree of freedom) by significance level
G2_CRITICAL = {0.05: 3.84, 0.01: 6.63, 0.001: 10.83, 0.0001: 15.13}


def log_likelihood(a, b, c, d) -> np.ndarray:
    """Log-likelihood G² of a word's frequencies in two corpora (Dunning 1993; Rayson & Garside 2000).

    ``a, b``: the word's counts in the target and in the reference corpus; ``c, d``: their sizes in words (floats
    or arrays). With ``E1 = c(a+b)/(c+d)`` and ``E2 = d(a+b)/(c+d)``, ``G² = 2 (a ln(a/E1) + b ln(b/E2))`` (a
    zero frequency contributes 0). Returns G² ≥ 0, unsigned (higher = more significant; compare with
    :data:`G2_CRITICAL`; the direction is :func:`log_ratio`'s sign).
    """
    a, b, c, d = (np.asarray(x, dtype=float) for x in (a, b, c, d))
    e1 = c * (a + b) / (c + d)
    e2 = d * (a + b) / (c + d)
    with np.errstate(divide="ignore", invalid="ignore"):
        t1 = np.where(a > 0, a * np.log(np.where(a > 0, a, 1) / np.where(e1 > 0, e1, 1)), 0.0)
        t2 = np.where(b > 0, b * np.log(np.where(b > 0, b, 1) / np.where(e2 > 0, e2, 1)), 0.0)
    return np.maximum(2 * (t1 + t2), 0.0)


def log_ratio(a, b, c, d) -> np.ndarray:
    """Log ratio effect size, ``log2((a/c)/(b/d))`` (Hardie 2014), arguments as in :func:`log_likelihood`.

    Binary log of the ratio of relative frequencies: > 0 overused in the target, +1 = twice as frequent; a zero
    frequency counts as 0.5 (Hardie), so the ratio stays finite.
    """
    a, b, c, d = (np.asarray(x, dtype=float) for x in (a, b, c, d))
    a = np.where(a > 0, a, 0.5)
    b = np.where(b > 0, b, 0.5)
    return np.log2((a / c) / (b / d))


def keyness_table(target: Counter | dict, reference: Counter | dict) -> pd.DataFrame:
    """Keyness of every word in a ``target`` against a ``reference`` word-frequency list (word → count; corpus
    sizes are the sums of the counts). ValueError if either list is empty.

    Returns
    -------
    DataFrame
        ``term, freq_target, freq_reference, per_1k_target, per_1k_reference`` (frequencies per 1,000 words),
        ``g2`` (:func:`log_likelihood`), ``p_value`` (χ², 1 df, upper tail of G²), ``log_ratio``
        (:func:`log_ratio`), sorted by G² (descending) then term.
    """
    c, d = sum(target.values()), sum(reference.values())
    if c == 0 or d == 0:
        side = "target" if c == 0 else "reference"
        raise ValueError(f"keyness needs words on both sides; the {side} corpus is empty "
                         "(keyness of one article needs at least one other article).")
    terms = sorted(set(target) | set(reference))
    a = np.array([target.get(t, 0) for t in terms], dtype=float)
    b = np.array([reference.get(t, 0) for t in terms], dtype=float)
    g2 = log_likelihood(a, b, c, d)
    table = pd.DataFrame({
        "term": terms, "freq_target": a.astype("int64"), "freq_reference": b.astype("int64"),
        "per_1k_target": 1000 * a / c, "per_1k_reference": 1000 * b / d,
        "g2": g2, "p_value": chi2.sf(g2, 1), "log_ratio": log_ratio(a, b, c, d),
    })
    return table.sort_values(["g2", "term"], ascending=[False, True], kind="stable").reset_index(drop=True)


def _word_counts(texts) -> Counter:
    return Counter(w.lower().replace("’", "'") for text in texts for w in WORD_RE.findall(text))


def distinctive_terms(passages: pd.DataFrame, *, min_g2: float = G2_CRITICAL[0.01], min_log_ratio: float = 1.0,
                      min_freq: int = 3, top_n: int | None = 10) -> pd.DataFrame:
    """Words each article overuses against the rest of the corpus pooled (positive keywords).

    Parameters
    ----------
    passages : DataFrame
        ``doc_id`` and ``text`` (:func:`analysis.build_passages`).
    min_g2, min_log_ratio, min_freq, top_n : float, float, int, int or None
        Cut-offs: G² (6.63 is p < .01, χ² 1 df, unadjusted for the number of words tested), log ratio in log2
        units (1.0 = at least twice as frequent), frequency in the article (rare words cannot be key); at most
        ``top_n`` terms per article (by G²; None keeps all).

    Returns
    -------
    DataFrame
        ``doc_id, rank`` plus the columns of :func:`keyness_table` (empty when nothing passes). ValueError
        with fewer than two articles.
    """
    ids = sorted(passages["doc_id"].astype(str).unique())
    if len(ids) < 2:
        raise ValueError(f"distinctive terms compare an article with the rest of the corpus; "
                         f"found {len(ids)} article(s). Add articles to compare.")
    table = group_terms(passages, {doc: doc for doc in ids}, min_g2=min_g2, min_log_ratio=min_log_ratio,
                        min_freq=min_freq, top_n=top_n)  # each article its own group
    return table.drop(columns=["units_with_term", "n_units"]).rename(columns={"group": "doc_id"})


def group_terms(passages: pd.DataFrame, groups, *, units=None, min_g2: float = G2_CRITICAL[0.01],
                min_log_ratio: float = 1.0, min_freq: int = 3, top_n: int | None = 10) -> pd.DataFrame:
    """Words each group of articles overuses against the other groups pooled (positive keywords).

    ``groups``: doc_id → group (Series or mapping, e.g. :func:`analysis.groups.article_counts`' ``group``
    column); articles without one are left out. ``units``: doc_id → unit (e.g. organization; default: each
    article), used only for ``units_with_term``. ``passages`` and the cut-offs as in :func:`distinctive_terms`.

    Returns
    -------
    DataFrame
        ``group, rank`` plus the columns of :func:`keyness_table`, ``units_with_term`` (units of the group that use
        the word: G² counts words as independent, so a word one page repeats can be key for its group) and
        ``n_units``. Empty when fewer than two groups have words.
    """
    groups = pd.Series(dict(groups.items()) if hasattr(groups, "items") else groups, dtype="object").dropna()
    units = groups.index.to_series() if units is None else pd.Series(dict(units.items()), dtype="object")
    text = passages.assign(doc_id=passages["doc_id"].astype(str))
    text = text[text["doc_id"].isin(groups.index.astype(str))]
    per_doc = {doc: _word_counts(t) for doc, t in text.groupby("doc_id", sort=True)["text"]}
    columns = ["group", "rank", "term", "freq_target", "freq_reference", "per_1k_target", "per_1k_reference", "g2",
               "p_value", "log_ratio", "units_with_term", "n_units"]
    names = sorted({str(groups[d]) for d in per_doc})
    if len(names) < 2:
        return pd.DataFrame(columns=columns)
    counts = {g: sum((c for d, c in per_doc.items() if str(groups[d]) == g), Counter()) for g in names}
    total = sum(counts.values(), Counter())
    frames = []
    for g, count in counts.items():  # each group against the other groups pooled
        table = keyness_table(count, total - count)
        keep = (table["g2"] >= min_g2) & (table["log_ratio"] >= min_log_ratio) & (table["freq_target"] >= min_freq)
        table = table[keep].head(top_n) if top_n is not None else table[keep]
        docs = [d for d in per_doc if str(groups[d]) == g]
        users = {t: {units.get(d, d) for d in docs if per_doc[d][t]} for t in table["term"]}
        frames.append(table.assign(group=g, rank=np.arange(1, len(table) + 1),
                                   units_with_term=[len(users[t]) for t in table["term"]],
                                   n_units=len({units.get(d, d) for d in docs})))
    return pd.concat(frames, ignore_index=True)[columns]
