"""How far a validation figure can be trusted: 95 % percentile-bootstrap intervals of the agreement statistics.

A figure such as "claim F1 0.76 on 123 held-out sentences" rests on few documents; its interval says which targets
it can and cannot tell apart. For coded sentences each resample draws *documents* with replacement within each
*source* (so that it keeps the part's mix of seed articles, abstracts and press releases) and then sentences within
each drawn document (:func:`resample_weights`); for ratings and labels it draws sentences. The bounds are the 2.5th
and 97.5th percentiles of the statistic over the resamples (Efron & Tibshirani 1993, ch. 13).

Every statistic is computed from *weights* (how often each sentence was drawn), so one matrix product gives it for
all resamples at once; with every weight 1 it is the plain statistic (the tests hold both to scikit-learn and
scipy).
"""
from __future__ import annotations

import numpy as np

__all__ = ["N_BOOT", "resample_weights", "binary_statistics", "correlation_statistics", "auc_statistic",
           "rate_statistic", "percentile_interval"]

#: resamples of the validation intervals (the percentiles of 2,000 resamples move by about 0.005 between seeds)
N_BOOT = 2000
#: an interval needs the statistic defined in at least this share of the resamples (precision is undefined in a
#: resample where nothing is flagged); otherwise its bounds are NaN
MIN_DEFINED = 0.5


def resample_weights(units, strata, n_boot: int = N_BOOT, seed: int = 0) -> np.ndarray:
    """How often each row is drawn in each resample of a two-stage bootstrap: units, then rows within units.

    Within each stratum, as many units as it has are drawn with replacement, and then, for each unit drawn,
    as many of its rows as it has, with replacement (Davison & Hinkley 1997, §3.8). The second stage keeps
    the variation within a document, which a part with two or three documents of a source cannot show by
    drawing documents alone; the interval errs on the wide side. A unit of one row is simply drawn.

    Parameters
    ----------
    units, strata : array-like, one value per row
        The unit a row belongs to (a document) and the stratum of that unit (a source).
    n_boot : int
        Resamples (≥ 1).
    seed : int
        Seed of ``numpy.random.default_rng``: the same rows, units and seed give the same weights.

    Returns
    -------
    ndarray, float, shape (n_boot, rows)
        Times each row was drawn.
    """
    units, strata = np.asarray(units).astype(str), np.asarray(strata).astype(str)
    if units.shape != strata.shape or units.ndim != 1:
        raise ValueError(f"units and strata must be one value per row (got shapes {units.shape} and {strata.shape}).")
    if n_boot < 1:
        raise ValueError(f"n_boot must be at least 1, got {n_boot}.")
    rng = np.random.default_rng(seed)
    weights = np.zeros((n_boot, len(units)))
    for stratum in np.unique(strata):  # sorted, like the units below: the draws do not depend on row order
        in_stratum = strata == stratum
        names = np.unique(units[in_stratum])
        draws = np.zeros((n_boot, len(names)), dtype=np.int64)
        np.add.at(draws, (np.arange(n_boot)[:, None], rng.integers(0, len(names), (n_boot, len(names)))), 1)
        for k, name in enumerate(names):
            rows = np.flatnonzero(in_stratum & (units == name))
            # c draws of a unit of m rows each draw m rows: together a multinomial of c * m draws
            weights[:, rows] = rng.multinomial(draws[:, k] * len(rows), np.full(len(rows), 1 / len(rows)))
    return weights


def binary_statistics(coded, predicted, weights: np.ndarray) -> dict[str, np.ndarray]:
    """Precision, recall, F1 and Cohen's κ of 0/1 predictions against 0/1 codes, once per row of ``weights``.

    Same definitions as :func:`analysis.agreement.binary_agreement` (0…1; κ −1…1), NaN where undefined
    (nothing flagged, nothing coded, or both sides constant).
    """
    y, p = np.asarray(coded, dtype=bool), np.asarray(predicted, dtype=bool)
    tp, fp, fn, tn = (weights @ (a & b).astype(float) for a, b in ((y, p), (~y, p), (y, ~p), (~y, ~p)))
    n = tp + fp + fn + tn
    with np.errstate(divide="ignore", invalid="ignore"):
        chance = ((tp + fp) * (tp + fn) + (fn + tn) * (fp + tn)) / n ** 2
        kappa = ((tp + tn) / n - chance) / (1 - chance)
        return {"precision": tp / (tp + fp), "recall": tp / (tp + fn), "f1": 2 * tp / (2 * tp + fp + fn),
                "kappa": np.where(np.isclose(chance, 1), np.nan, kappa)}


def _weighted_pearson(x: np.ndarray, y: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Pearson r of ``x`` and ``y`` (one value per row, or one row per resample) under each row of weights."""
    total = weights.sum(axis=1, keepdims=True)
    dx = x - (weights * x).sum(axis=1, keepdims=True) / total
    dy = y - (weights * y).sum(axis=1, keepdims=True) / total
    with np.errstate(divide="ignore", invalid="ignore"):
        r = (weights * dx * dy).sum(axis=1) / np.sqrt((weights * dx ** 2).sum(axis=1) * (weights * dy ** 2).sum(axis=1))
    return np.clip(r, -1.0, 1.0)


def _tie_groups(values: np.ndarray, weights: np.ndarray):
    """Sort by value and sum the weights of tied values: (group of each row, weights per group and resample)."""
    distinct, group = np.unique(values, return_inverse=True)
    order = np.argsort(group, kind="stable")
    starts = np.searchsorted(group[order], np.arange(len(distinct)))
    return group, np.add.reduceat(weights[:, order], starts, axis=1)


def _weighted_ranks(values: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Mid-ranks (1-based, ties averaged) of each row's value in each resample, as if drawn rows were repeated."""
    group, per_group = _tie_groups(values, weights)
    below = np.cumsum(per_group, axis=1) - per_group
    return (below + (per_group + 1) / 2)[:, group]


def correlation_statistics(coded, predicted, weights: np.ndarray) -> dict[str, np.ndarray]:
    """Pearson and Spearman r (−1…1) of ``predicted`` with ``coded``, once per row of ``weights``."""
    y, p = np.asarray(coded, dtype=float), np.asarray(predicted, dtype=float)
    return {"pearson_r": _weighted_pearson(p, y, weights),
            "spearman_r": _weighted_pearson(_weighted_ranks(p, weights), _weighted_ranks(y, weights), weights)}


def auc_statistic(positive, scores, weights: np.ndarray) -> np.ndarray:
    """ROC AUC of ``scores`` for telling ``positive`` rows from the others (ties count one half), per resample.

    0.5 = chance, 1 = every positive scores above every negative (Mann–Whitney U over the weighted pairs).
    """
    positive = np.asarray(positive, dtype=bool)
    _, pos = _tie_groups(np.asarray(scores, dtype=float), weights * positive)
    _, neg = _tie_groups(np.asarray(scores, dtype=float), weights * ~positive)
    below = np.cumsum(neg, axis=1) - neg
    with np.errstate(divide="ignore", invalid="ignore"):
        return (pos * (below + neg / 2)).sum(axis=1) / (pos.sum(axis=1) * neg.sum(axis=1))


def rate_statistic(markers, words, high, low, weights: np.ndarray) -> np.ndarray:
    """The known-groups ratio, per resample: markers per 1,000 words in the ``high`` rows over the ``low`` rows."""
    markers, words = np.asarray(markers, dtype=float), np.asarray(words, dtype=float)
    hi, lo = ((weights @ (markers * g)) / (weights @ (words * g)) for g in (np.asarray(high), np.asarray(low)))
    with np.errstate(divide="ignore", invalid="ignore"):
        return hi / lo


def percentile_interval(values: np.ndarray) -> tuple[float, float]:
    """The 2.5th and 97.5th percentiles of the defined (finite) values; NaN, NaN when fewer than
    :data:`MIN_DEFINED` of them are defined."""
    values = np.asarray(values, dtype=float)
    finite = values[np.isfinite(values)]
    if len(values) == 0 or len(finite) < MIN_DEFINED * len(values):
        return np.nan, np.nan
    low, high = np.percentile(finite, [2.5, 97.5])
    return float(low), float(high)
