"""Fit the certainty weights (src/analysis/data/stance_weights.csv) on the TRAIN split only.

One weight per feature of analysis.certainty.sentence_features (analysis.certainty.FEATURES),
sign-constrained ridge (fit_certainty_weights below). Data: Pei & Jurgens (2021) sentence certainty
ratings, 1-6, plus the ``tune`` part of the coded development sentences (stance_coding_dev.csv,
coded certainty 1-6 on the same scale; 0 = no claim is left out) so that boosters and promotion,
rare in Pei & Jurgens' science news, get weight from clinic copy. The val split and the coded
``report`` part are never read here; `python -m analysis validate FILE --split val|report` reports on them.
Before fitting, the script prints a 5-fold cross-validation on the same rows (the estimate of generalization to
look at while choosing features; the sentences of one seed article stay in one fold).

Usage: .venv/bin/python scripts/fit_stance_weights.py [PATH_TO_JSONL]
"""
from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd
from scipy.optimize import lsq_linear
from scipy.stats import pearsonr, spearmanr

from analysis.agreement import read_coding
from analysis.certainty import FEATURE_NOTES, sentence_features
from analysis.io import write_csv
from analysis.paths import DATA_DIR, PROJECT_ROOT
from analysis.validation import read_labelled

SHARED = PROJECT_ROOT.parent / "shared" / "data" / "validation"
DEFAULT = SHARED / "certainty_pei_jurgens_2021_dev.jsonl"
CODED = SHARED / "stance_coding_dev.csv"

#: sign each weight may take (theory: Hyland 2005; Adams et al. 2017), -1 = at most 0, +1 = at least 0, 0 = free
WEIGHT_SIGNS = {"hedge_modal": -1, "hedge_could": -1, "hedge_verb": -1, "hedge_adverb": -1, "hedge_adjective": -1,
                "hedge_limitation": -1, "hedge_conditional": -1, "hedge_negated": -1,
                "approximator": -1, "booster": 1, "can": -1, "promotion": 1, "strong_hype": 1, "caveat": -1,
                "stacked": -1, "research_needed": -1, "no_denial": 1}


def fit_certainty_weights(texts, ratings, alpha: float = 1.0) -> pd.DataFrame:
    """Fit one weight per feature of :func:`analysis.certainty.sentence_features` (sign-constrained ridge).

    Minimises ``||y - b - Xw||² + alpha ||w||²`` with each weight's sign fixed by :data:`WEIGHT_SIGNS`,
    so the score keeps its meaning even for a category rare in the training sentences. ``alpha`` is Ridge's
    default, not tuned.

    Returns
    -------
    DataFrame
        ``feature, weight, note`` (``intercept`` first), weights rounded to 4 decimals: the intercept is
        a rating (1–6), each weight rating points per unit of its feature.
    """
    X = sentence_features(texts)
    intercept, w = signed_ridge(X.to_numpy(), np.asarray(ratings, dtype=float), list(X.columns), alpha)
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
    features = sentence_features(texts)
    X, y = features.to_numpy(), np.asarray(ratings, dtype=float)
    groups = np.arange(len(y)) if groups is None else np.asarray(groups)
    names, code = np.unique(groups, return_inverse=True)
    fold = np.random.default_rng(seed).permutation(len(names))[code] % k
    predicted = np.zeros(len(y))
    for j in range(k):
        b, w = signed_ridge(X[fold != j], y[fold != j], list(features.columns), alpha)
        predicted[fold == j] = np.clip(b + X[fold == j] @ w, 1.0, 6.0)
    return predicted


def signed_ridge(X: np.ndarray, y: np.ndarray, features: list[str], alpha: float) -> tuple[float, np.ndarray]:
    """Intercept and weights of the ridge fit with the signs of :data:`WEIGHT_SIGNS` (bounded least squares)."""
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


def main(argv: list[str]) -> int:
    source = Path(argv[0]) if argv else DEFAULT
    train = read_labelled(source, split="train")[["text", "certainty"]]
    coded = read_coding(CODED)
    tune = coded[(coded["part"] == "tune") & (coded["certainty"] >= 1)]
    assert not (tune["part"] == "report").any()
    both = pd.concat([train, pd.DataFrame({"text": tune["sentence"], "certainty": tune["certainty"]})],
                     ignore_index=True)
    groups = [f"pj{i}" for i in range(len(train))] + [d if s == "seed" else i for d, s, i in
                                                       zip(tune["doc"], tune["source"], tune["id"])]
    pj = np.arange(len(both)) < len(train)
    for seed in (0, 1, 2):
        cv = cross_validate_certainty(both["text"], both["certainty"], groups, k=5, seed=seed)
        y = both["certainty"].to_numpy(dtype=float)
        print(f"5-fold CV (seed {seed}): Pearson r {pearsonr(cv[pj], y[pj])[0]:.4f} on {source.name} train, "
              f"Spearman r {spearmanr(cv[~pj], y[~pj])[0]:.4f} on the tune part")
    weights = fit_certainty_weights(both["text"], both["certainty"], alpha=1.0)
    out = write_csv(weights, DATA_DIR / "stance_weights.csv")
    print(f"fitted on {len(train)} train sentences of {source.name} + {len(tune)} tune sentences of "
          f"{CODED.name} -> {out}")
    print(weights.to_string(index=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
