"""Sentence certainty: how certainly a sentence states its claim, on a 1–6 scale.

``certainty = intercept + Σ weight_f × feature_f``, clipped to [1, 6], one weight per feature in
``data/stance_weights.csv`` (``feature, weight, note``), on the human rating scale of Pei & Jurgens (2021, EMNLP):
1 = very uncertain ... 6 = very certain; higher = the claim is stated more certainly. Each feature sums **feature
rows**, one per word or phrase with its offsets (:func:`feature_rows`), so a score decomposes exactly into its
words (:func:`explain_certainty`). Weights: ``scripts/fit_stance_weights.py`` (sign-constrained ridge) on Pei &
Jurgens' train split and the ``tune`` part of the coded sentences only. Sources of the features and how they were
chosen: docs/measures.md#certainty-model.
"""
from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Iterable

import numpy as np
import pandas as pd

from .io import read_weights
from .paths import DATA_DIR

__all__ = ["WEIGHTS_FILE", "HEDGE_SUBTYPES", "FEATURES", "CUE_CATEGORY", "FEATURE_NOTES", "FEATURE_ROW_COLUMNS",
           "load_weights", "feature_rows", "certainty_features", "certainty_from_features", "sentence_features",
           "explain_certainty"]

WEIGHTS_FILE = DATA_DIR / "stance_weights.csv"
#: hedge subtypes with a feature of their own (``negated``: a negated booster such as "not proven"); hedges of
#: other subtypes (scope limiters, approximating "some") count only towards ``stacked``
HEDGE_SUBTYPES = ("modal", "could", "verb", "adverb", "adjective", "limitation", "conditional", "negated")
#: the model's features, in the order of the weights file (what each counts: :data:`FEATURE_NOTES`)
FEATURES = ([f"hedge_{s}" for s in HEDGE_SUBTYPES]
            + ["stacked", "booster", "can", "approximator", "strong_hype", "research_needed", "no_denial"])
#: the marker category of certainty-only cues (``stance_rules.csv`` rules of kind ``add`` that no stance count sees);
#: one whose subtype is a hedge subtype ("estimate": ``verb``) feeds the certainty features as a hedge of that subtype
CUE_CATEGORY = "certainty_cue"
#: what each feature counts (the ``note`` column of the weights file starts with it)
FEATURE_NOTES = {
    "hedge_modal": "may, might, perhaps, maybe (1 if the sentence has one)",
    "hedge_could": "could, would (1 if the sentence has one)",
    "hedge_verb": "suggest, appear, seem, indicate, believe... (1 if the sentence has one)",
    "hedge_adverb": "possibly, probably, likely, generally... (1 if the sentence has one)",
    "hedge_adjective": "possible, potential, preliminary, unclear... (1 if the sentence has one)",
    "hedge_limitation": "more research is needed, not fully understood, it is not clear whether... (1 if the sentence "
                        "has one)",
    "hedge_conditional": "an if- or unless-clause (1 if the sentence has one)",
    "hedge_negated": "a negated booster: not proven, not always (1 if the sentence has one)",
    "stacked": "each hedge after the first of a sentence",
    "booster": "the first booster of a sentence without hedges (1)",
    "can": "the can tier, between direct wording and may (per counted can)",
    "approximator": "about, approximately... before a number",
    "strong_hype": "level-2 promotion: breakthrough, gold standard, guarantees",
    "research_needed": "a call for further research: further study is warranted, needs more investigation (1)",
    "no_denial": "a flat denial with no: no difference, there was no effect, no evidence (1)",
}
FEATURE_ROW_COLUMNS = ["text_id", "feature", "value", "start", "end", "matched"]


def load_weights(path: str | os.PathLike | None = None) -> pd.Series:
    """Certainty weights of a ``feature,weight[,note]`` CSV (default ``data/stance_weights.csv``), by feature.

    The ``intercept`` is the rating (1–6) of a sentence without features; a weight is the change in rating per
    unit of its feature (negative = less certain). ValueError names the file and line of a missing column or a
    non-numeric weight.
    """
    file = Path(path) if path else WEIGHTS_FILE
    return _weights_cached(str(file), file.stat().st_mtime_ns if file.exists() else None).copy()


@lru_cache(maxsize=8)
def _weights_cached(path: str, stamp) -> pd.Series:
    return read_weights(path)


def feature_rows(markers: pd.DataFrame) -> pd.DataFrame:
    """The words behind each feature of :func:`analysis.stance.text_markers`' markers: one row per (marker, feature).

    Columns :data:`FEATURE_ROW_COLUMNS`, in marker order within each feature; a text's feature is the sum of its
    rows' ``value`` (:func:`certainty_features`).
    """
    counted = markers["counted"].to_numpy(dtype=bool)
    m = markers[counted]
    tid = m["text_id"].to_numpy(dtype=np.int64)
    start, end = m["start"].to_numpy(dtype=np.int64), m["end"].to_numpy(dtype=np.int64)
    matched = m["matched"].to_numpy(dtype=object)
    w = m["weight"].to_numpy(dtype=float)
    counted_as = m["counted_as"].to_numpy(dtype=object)
    category = m["category"].to_numpy(dtype=object)
    subtype = m["subtype"].to_numpy(dtype=object)
    parts = []

    def add(mask: np.ndarray, feature: str, value) -> None:
        """Rows of ``feature`` for the markers in ``mask`` (``value``: one number, or one per marker)."""
        if mask.any():
            parts.append(pd.DataFrame({
                "text_id": tid[mask], "feature": feature,
                "value": np.broadcast_to(np.asarray(value, dtype=float), mask.shape)[mask],
                "start": start[mask], "end": end[mask], "matched": matched[mask]}))

    # a counted hedge, or a certainty cue of a hedge subtype (a hedge for the score that no hedge count sees)
    hedge = (counted_as == "hedge") | ((counted_as == CUE_CATEGORY) & np.isin(subtype, HEDGE_SUBTYPES))
    sub = np.where(np.isin(category, ("hedge", CUE_CATEGORY)), subtype, "negated")  # else a negated booster
    for kind in HEDGE_SUBTYPES:  # the first hedge of each kind; every hedge after a sentence's first is stacked
        add(_first_of_text(tid, start, hedge & (sub == kind)), "hedge_" + kind, w)
    add(hedge & ~_first_of_text(tid, start, hedge), "stacked", w)
    add(_first_of_text(tid, start, (counted_as == "booster") & (w > 0) & ~np.isin(tid, tid[hedge])), "booster", 1.0)
    add(counted_as == "can", "can", w)
    add(counted_as == "approximator", "approximator", w)
    add(m["level"].to_numpy(dtype=np.int64) == 2, "strong_hype", 1.0)
    for feature, cue in (("research_needed", "research-needed"), ("no_denial", "no-denial")):
        add(_first_of_text(tid, start, (counted_as == CUE_CATEGORY) & (subtype == cue)), feature, 1.0)
    if not parts:
        return pd.DataFrame({c: pd.Series(dtype=t) for c, t in zip(
            FEATURE_ROW_COLUMNS, ["int64", object, float, "int64", "int64", object])})
    return pd.concat(parts, ignore_index=True)[FEATURE_ROW_COLUMNS]


def _first_of_text(tid: np.ndarray, start: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """Among the rows in ``mask``, the first (by start) of each text."""
    out = np.zeros(len(tid), dtype=bool)
    rows = np.flatnonzero(mask)
    if len(rows):
        rows = rows[np.lexsort((rows, start[rows], tid[rows]))]
        out[rows[np.r_[True, tid[rows][1:] != tid[rows][:-1]]]] = True
    return out


def certainty_features(markers: pd.DataFrame, n_texts: int) -> pd.DataFrame:
    """Feature matrix of the certainty model: one row per text, one column per :data:`FEATURES`.

    Each value is the sum of the text's :func:`feature_rows` for that feature (0 when it has none).
    """
    rows = feature_rows(markers)
    column = pd.Index(FEATURES).get_indexer(rows["feature"])
    flat = rows["text_id"].to_numpy(dtype=np.int64) * len(FEATURES) + column
    values = np.bincount(flat, weights=rows["value"].to_numpy(dtype=float), minlength=n_texts * len(FEATURES))
    return pd.DataFrame(values[: n_texts * len(FEATURES)].reshape(n_texts, len(FEATURES)), columns=FEATURES)


def certainty_from_features(features: pd.DataFrame, weights: pd.Series | None = None) -> np.ndarray:
    """``intercept + Σ weight_f × feature_f`` (absent features count 0; default weights: :func:`load_weights`).

    Returns certainty, 1 = very uncertain ... 6 = very certain (Pei & Jurgens 2021 scale; higher = stated more
    certainly), clipped to [1, 6] and rounded to 6 decimals.
    """
    weights = load_weights() if weights is None else weights
    score = np.full(len(features), float(weights.get("intercept", 0.0)))
    for name, w in weights.items():
        if name != "intercept" and name in features:
            score = score + w * features[name].to_numpy(dtype=float)
    return np.clip(score, 1.0, 6.0).round(6)


def sentence_features(texts: Iterable[str], lexicon=None) -> pd.DataFrame:
    """The certainty model's inputs for raw texts: one row per text, one column per :data:`FEATURES`."""
    from .stance import text_markers

    texts, markers = text_markers(texts, lexicon)
    return certainty_features(markers, len(texts))


def explain_certainty(texts: Iterable[str], lexicon=None, weights: pd.Series | str | os.PathLike | None = None
                      ) -> pd.DataFrame:
    """Each text's certainty (as :func:`analysis.stance.score_sentences` scores it, same ``lexicon, weights``)
    decomposed into the words that produced it.

    Returns ``text_id, feature, matched, start, end, value, weight, contribution`` (offsets into the
    whitespace-normalised text): per text an ``intercept`` row, one row per word or phrase feeding a feature
    (``contribution = weight × value``, rating points on the 1–6 scale; negative = less certain) and a ``clip`` row
    when the sum leaves [1, 6]. A text's contributions sum to its certainty (to rounding).
    """
    from .stance import text_markers

    weights = weights if isinstance(weights, pd.Series) else load_weights(weights)
    texts, markers = text_markers(texts, lexicon)
    rows = feature_rows(markers)
    rows = rows.assign(weight=rows["feature"].map(weights).fillna(0.0).to_numpy(dtype=float))
    rows["contribution"] = rows["weight"] * rows["value"]
    n = len(texts)
    intercept = float(weights.get("intercept", 0.0))
    raw = intercept + np.bincount(rows["text_id"].to_numpy(dtype=np.int64), weights=rows["contribution"].to_numpy(),
                                  minlength=n)[:n]
    clip = np.clip(raw, 1.0, 6.0) - raw
    ids = np.arange(n)
    extra = pd.DataFrame({"text_id": np.r_[ids, ids[clip != 0]],
                          "feature": ["intercept"] * n + ["clip"] * int((clip != 0).sum()),
                          "matched": "", "start": -1, "end": -1, "value": 1.0,
                          "weight": np.r_[np.full(n, intercept), clip[clip != 0]],
                          "contribution": np.r_[np.full(n, intercept), clip[clip != 0]]})
    order = {"intercept": 0, "clip": 2}
    out = pd.concat([extra, rows], ignore_index=True)
    out["_order"] = out["feature"].map(order).fillna(1)
    out = out.sort_values(["text_id", "_order", "start"], kind="stable").drop(columns="_order")
    return out[["text_id", "feature", "matched", "start", "end", "value", "weight", "contribution"]].reset_index(
        drop=True)
