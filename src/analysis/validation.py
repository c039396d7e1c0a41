"""Does the certainty score track human judgement? Correlations and AUCs on labelled sentences.

Three kinds of file: ``.jsonl`` ratings (``text``, ``certainty`` 1–6, optional ``split``; Pei &
Jurgens 2021, EMNLP) give Pearson and Spearman r; ``.csv`` claim-strength labels (``text``,
``label``: 0 none, 1 correlational, 2 conditional causal, 3 direct causal; Yu et al. 2020, COLING)
give ROC AUCs; ``.csv`` files in the coding format (sentences coded against
``stance_coding_codebook.md`` by a model-based coder) give per-category agreement
(:mod:`analysis.agreement`). Each is also scored with a naive baseline, minus the number of modal
verbs (``data/lexicons/naive_modals.csv``) without any context rule: the difference is what the
lexicon and the context rules add.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np
import pandas as pd

from .agreement import agreement_long, agreement_table, is_coding_file, naive_certainty, read_coding

__all__ = ["read_labelled", "validate_file", "validate_folder", "naive_certainty", "fit_certainty_weights",
           "cross_validate_certainty", "WEIGHT_SIGNS", "VALIDATION_COLUMNS"]

VALIDATION_COLUMNS = ["data", "split", "n", "measure", "scorer", "value"]


def read_labelled(path: str | os.PathLike, split: str | None = None) -> pd.DataFrame:
    """Read a labelled-sentence file (``.jsonl``: text, certainty[, split]; ``.csv``: text, label).

    Raises
    ------
    ValueError
        Naming the file (and line, for JSON) of a malformed row, a missing column or an unknown split.
    """
    path = Path(path)
    if not path.exists():
        raise ValueError(f"{path}: file not found.")
    if path.suffix == ".jsonl":
        rows = []
        for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}, line {i}: not valid JSON ({exc.msg}).") from None
        table = pd.DataFrame(rows)
        need = {"text", "certainty"}
    elif path.suffix == ".csv":
        table = pd.read_csv(path, encoding="utf-8")
        need = {"text", "label"}
    else:
        raise ValueError(f"{path}: expected a .jsonl (text, certainty) or .csv (text, label) file.")
    missing = need - set(table.columns)
    if missing and is_coding_file(path):
        raise ValueError(f"{path}: a coded-sentence file (coding format); read it with analysis.agreement.read_coding.")
    if missing:
        raise ValueError(f"{path}: missing column(s) {sorted(missing)}.")
    table["text"] = table["text"].astype(str)
    if split is not None:
        if "split" not in table:
            raise ValueError(f"{path}: --split {split!r} given but the file has no 'split' column.")
        if split not in set(table["split"]):
            raise ValueError(f"{path}: no rows with split {split!r}; splits are {sorted(set(table['split']))}.")
        table = table[table["split"] == split]
    return table.reset_index(drop=True)


def validate_file(path: str | os.PathLike, split: str | None = None) -> pd.DataFrame:
    """Score a labelled or coded file with the project's scorer and the naive baseline.

    Parameters
    ----------
    path : path-like
        ``.jsonl`` (Pei & Jurgens style ratings), ``.csv`` (Yu et al. style labels) or ``.csv``
        in the coding format (detected by its columns).
    split : str, optional
        Keep only rows whose ``split`` is this value (e.g. ``"val"``); for a coded file, only this
        part of the tune/report split (``tune``, ``report``, ``unsplit`` or ``all``).

    Returns
    -------
    DataFrame
        ``data, split, n, measure, scorer, value``, ``scorer`` = ``stance`` or ``naive_modals``. Ratings:
        ``pearson_r``, ``spearman_r`` (−1…1; positive = the score rises with human certainty). Labels:
        ``auc_3_vs_2`` (direct vs conditional causal), ``auc_23_vs_1`` (causal vs correlational);
        0.5 = chance, 1 = perfect. A coded file: :func:`analysis.agreement.agreement_table`.
    """
    from scipy.stats import pearsonr, spearmanr
    from sklearn.metrics import roc_auc_score

    from .stance import score_sentences

    path = Path(path)
    if is_coding_file(path):
        table = agreement_table(read_coding(path), data=path.name)
        if split is not None:
            if split not in set(table["part"]):
                raise ValueError(f"{path}: no part {split!r}; parts are {sorted(set(table['part']))}.")
            table = table[table["part"] == split].reset_index(drop=True)
        return table
    table = read_labelled(path, split)
    if table.empty:
        raise ValueError(f"{path}: no labelled rows to validate on.")
    scores = {"stance": score_sentences(table["text"])["certainty"].to_numpy(),
              "naive_modals": naive_certainty(table["text"])}
    rows = []
    if "certainty" in table:
        y = table["certainty"].to_numpy(dtype=float)
        for scorer, s in scores.items():
            rows += [(path.name, split or "all", len(y), measure, scorer, float(r(s, y)[0]))
                     for measure, r in (("pearson_r", pearsonr), ("spearman_r", spearmanr))]
    else:
        label = table["label"].to_numpy()
        for measure, pos, neg in (("auc_3_vs_2", [3], [2]), ("auc_23_vs_1", [2, 3], [1])):
            keep = np.isin(label, pos + neg)
            for scorer, s in scores.items():
                rows.append((path.name, split or "all", int(keep.sum()), measure, scorer,
                             float(roc_auc_score(np.isin(label[keep], pos), s[keep]))))
    out = pd.DataFrame(rows, columns=VALIDATION_COLUMNS)
    out["value"] = out["value"].round(4)
    return out


def validate_folder(folder: str | os.PathLike) -> pd.DataFrame:
    """The project's validation report on a folder of the shared files, in one long table.

    Ratings (``certainty_*.jsonl``) on the authors' ``val`` split (the weights were fitted on
    ``train``); labels (``claim_strength_*.csv``) on all rows; coded sentences (``stance_coding_*.csv``)
    per part of the tune/report split (:func:`analysis.agreement.agreement_long`).
    """
    folder = Path(folder)
    parts = [validate_file(file, split="val") for file in sorted(folder.glob("certainty_*.jsonl"))]
    parts += [validate_file(file) for file in sorted(folder.glob("claim_strength_*.csv"))]
    parts += [agreement_long(validate_file(file)) for file in sorted(folder.glob("stance_coding_*.csv"))]
    if not parts:
        raise ValueError(f"{folder}: no certainty_*.jsonl, claim_strength_*.csv or stance_coding_*.csv files found.")
    return pd.concat(parts, ignore_index=True)


#: sign each weight may take (theory: Hyland 2005; Adams et al. 2017), -1 = at most 0, +1 = at least 0, 0 = free
WEIGHT_SIGNS = {"hedge_modal": -1, "hedge_could": -1, "hedge_verb": -1, "hedge_adverb": -1, "hedge_adjective": -1,
                "hedge_limitation": -1, "hedge_conditional": -1, "hedge_negated": -1,
                "approximator": -1, "booster": 1, "can": -1, "promotion": 1, "strong_hype": 1, "caveat": -1,
                "stacked": -1, "research_needed": -1, "no_denial": 1}


def fit_certainty_weights(texts, ratings, alpha: float = 1.0) -> pd.DataFrame:
    """Fit one weight per feature of :func:`analysis.certainty.sentence_features` (sign-constrained ridge).

    Minimises ``||y - b - Xw||² + alpha ||w||²`` with each weight's sign fixed by :data:`WEIGHT_SIGNS`,
    so the score keeps its meaning even for a category rare in the training sentences. Used by
    ``scripts/fit_stance_weights.py`` on the train split; ``alpha`` is Ridge's default, not tuned.

    Returns
    -------
    DataFrame
        ``feature, weight, note`` (``intercept`` first), weights rounded to 4 decimals: the intercept is
        a rating (1–6), each weight rating points per unit of its feature.
    """
    from .certainty import FEATURE_NOTES, sentence_features

    X = sentence_features(texts)
    intercept, w = _signed_ridge(X.to_numpy(), np.asarray(ratings, dtype=float), list(X.columns), alpha)
    notes = {1: "constrained >= 0", -1: "constrained <= 0", 0: "free"}
    rows = [("intercept", round(float(intercept), 4), "predicted rating (1-6) of a sentence with no feature")]
    rows += [(f, round(float(v), 4) + 0.0, f"{FEATURE_NOTES.get(f, f)}; {notes[WEIGHT_SIGNS.get(f, 0)]}")
             for f, v in zip(X.columns, w)]
    return pd.DataFrame(rows, columns=["feature", "weight", "note"])


def cross_validate_certainty(texts, ratings, groups=None, k: int = 5, seed: int = 0, alpha: float = 1.0
                             ) -> np.ndarray:
    """Out-of-fold certainty predictions (1–6) of :func:`fit_certainty_weights`, for estimating generalization.

    The rows are dealt into ``k`` folds at random (whole ``groups`` together, e.g. the sentences of one
    article); each fold is predicted by weights fitted on the other folds. Correlate the result with
    ``ratings`` (on any subset) to estimate how the fitted score does on unseen sentences of the same kind.
    """
    from .certainty import sentence_features

    features = sentence_features(texts)
    X, y = features.to_numpy(), np.asarray(ratings, dtype=float)
    groups = np.arange(len(y)) if groups is None else np.asarray(groups)
    names, code = np.unique(groups, return_inverse=True)
    fold = np.random.default_rng(seed).permutation(len(names))[code] % k
    predicted = np.zeros(len(y))
    for j in range(k):
        b, w = _signed_ridge(X[fold != j], y[fold != j], list(features.columns), alpha)
        predicted[fold == j] = np.clip(b + X[fold == j] @ w, 1.0, 6.0)
    return predicted


def _signed_ridge(X: np.ndarray, y: np.ndarray, features: list[str], alpha: float) -> tuple[float, np.ndarray]:
    """Intercept and weights of the ridge fit with the signs of :data:`WEIGHT_SIGNS` (bounded least squares)."""
    from scipy.optimize import lsq_linear

    mean = X.mean(axis=0)
    Xc, yc = X - mean, y - y.mean()
    k = X.shape[1]
    A = np.vstack([Xc, np.sqrt(alpha) * np.eye(k)])
    b = np.concatenate([yc, np.zeros(k)])
    signs = [WEIGHT_SIGNS.get(c, 0) for c in features]
    lower = [0.0 if s > 0 else -np.inf for s in signs]
    upper = [0.0 if s < 0 else np.inf for s in signs]
    w = lsq_linear(A, b, bounds=(lower, upper), method="bvls").x
    return float(y.mean() - mean @ w), w
