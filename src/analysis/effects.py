"""Effect sizes, tests, corrections and bootstrap intervals for comparing groups of units.

Plain statistics on arrays of unit values (one value per article or organization); the group
comparison of :mod:`analysis.groups` applies them to every measure.

* **Cliff's delta** (Cliff 1993, "Dominance statistics", Psychol Bull 114:494): the probability
  that a unit of group A scores above a unit of group B minus the probability that it scores
  below, −1 to 1 (0 = no tendency; ±0.147 / 0.33 / 0.474 are Romano et al.'s 2006 small /
  medium / large). It equals ``2U/(n_a n_b) − 1`` with the Mann–Whitney U of group A, so the
  Mann–Whitney test is its test.
* **Risk difference**: share of A's units with a feature minus share of B's (−1 to 1). On 0/1
  values it equals Cliff's delta; its test is Fisher's exact test.
* With more than two groups: **epsilon squared** of the Kruskal–Wallis H, ``H / (n − 1)``, 0–1
  (Tomczak & Tomczak 2014), and **Cramér's V** of a presence × group table (0–1).
* **Holm** (1979) step-down adjusted p-values control the chance of any false positive among the
  measures (family-wise error); **Benjamini–Hochberg** (1995) adjusted p-values control the
  expected share of false positives among those called different (false discovery rate).
* **Bootstrap intervals** of group means resample units with replacement within each group
  (percentile method, Efron & Tibshirani 1993): the unit, not the sentence, is what was sampled.
"""
from __future__ import annotations

import math

import numpy as np
from scipy import stats

__all__ = ["cliffs_delta", "risk_difference", "epsilon_squared", "cramers_v", "adjust_p",
           "smallest_rank_p", "rank_test", "presence_test", "bootstrap_means"]

_BOOT_CHUNK = 2_000_000  # draws made at once by bootstrap_means (memory: about 16 bytes each)


def _finite(x) -> np.ndarray:
    x = np.asarray(x, dtype=float)
    return x[np.isfinite(x)]


def cliffs_delta(x, y) -> float:
    """Cliff's delta of ``x`` against ``y``: P(x > y) − P(x < y) over all pairs, −1 to 1 (NaN values dropped).

    Computed from mid-ranks, so it takes O(n log n) rather than comparing every pair.

    Examples
    --------
    >>> cliffs_delta([1, 2, 3], [2, 4])   # pairs: 1 above, 4 below, 1 tie, of 6
    -0.5
    """
    x, y = _finite(x), _finite(y)
    if len(x) == 0 or len(y) == 0:
        return float("nan")
    ranks = stats.rankdata(np.concatenate([x, y]))
    u_x = ranks[:len(x)].sum() - len(x) * (len(x) + 1) / 2  # pairs x above y, ties counted half
    return float(2 * u_x / (len(x) * len(y)) - 1)


def risk_difference(x, y) -> float:
    """Share of ``x`` that is true (non-zero) minus the share of ``y``, −1 to 1.

    Examples
    --------
    >>> risk_difference([1, 1, 0, 0], [0, 0, 0, 1, 1])
    0.1
    """
    x, y = _finite(x), _finite(y)
    if len(x) == 0 or len(y) == 0:
        return float("nan")
    return float(round(np.mean(x != 0) - np.mean(y != 0), 12))


def epsilon_squared(h: float, n: int) -> float:
    """Epsilon squared of a Kruskal–Wallis H over ``n`` units: ``H / (n − 1)``, 0–1 (Tomczak & Tomczak 2014)."""
    return float(min(max(h / (n - 1), 0.0), 1.0)) if n > 1 and math.isfinite(h) else float("nan")


def cramers_v(table) -> float:
    """Cramér's V of a contingency table (rows × columns of counts): ``sqrt(χ² / (n (min(r, c) − 1)))``, 0–1.

    Examples
    --------
    >>> cramers_v([[10, 0], [0, 10]])
    1.0
    """
    table = np.asarray(table, dtype=float)
    table = table[table.sum(axis=1) > 0][:, table.sum(axis=0) > 0]
    k = min(table.shape) - 1 if table.size else 0
    if k < 1:
        return float("nan")
    chi2 = stats.chi2_contingency(table, correction=False)[0]
    return float(math.sqrt(chi2 / (table.sum() * k)))


def adjust_p(p, method: str = "holm") -> np.ndarray:
    """Adjusted p-values for the finite entries of ``p``; NaN entries are not counted as tests and stay NaN.

    ``method="holm"``: Holm's step-down adjustment (family-wise error); ``"bh"``: Benjamini–Hochberg (false
    discovery rate).

    Examples
    --------
    >>> adjust_p([0.01, 0.04, 0.03], "holm").round(3).tolist()
    [0.03, 0.06, 0.06]
    >>> adjust_p([0.01, 0.04, 0.03], "bh").round(3).tolist()
    [0.03, 0.04, 0.04]
    """
    if method not in ("holm", "bh"):
        raise ValueError(f"correction must be 'holm' or 'bh' (Benjamini–Hochberg), got {method!r}.")
    p = np.asarray(p, dtype=float)
    out = np.full(p.shape, np.nan)
    tested = np.flatnonzero(np.isfinite(p))
    m = len(tested)
    if m == 0:
        return out
    order = tested[np.argsort(p[tested], kind="stable")]
    ranked = p[order]
    if method == "holm":
        adjusted = np.maximum.accumulate((m - np.arange(m)) * ranked)
    else:
        adjusted = np.minimum.accumulate((m * ranked / np.arange(1, m + 1))[::-1])[::-1]
    out[order] = np.minimum(adjusted, 1.0)
    return out


def smallest_rank_p(n_a: int, n_b: int) -> float:
    """The smallest two-sided p-value an exact rank test can give with ``n_a`` and ``n_b`` units: ``2 / C(n, n_a)``.

    Examples
    --------
    >>> smallest_rank_p(3, 2)
    0.2
    """
    if n_a < 1 or n_b < 1:
        return 1.0
    return min(1.0, 2 / math.comb(n_a + n_b, n_a))


def rank_test(samples: list) -> tuple[float, float]:
    """Statistic and two-sided p of Mann–Whitney U (two samples) or Kruskal–Wallis H (more), NaN values dropped.

    Mann–Whitney uses scipy's exact distribution for small samples without ties and the normal
    approximation with a tie correction otherwise. Returns ``(nan, nan)`` when every value is the
    same (nothing can differ) or a sample is empty.
    """
    samples = [_finite(s) for s in samples]
    if any(len(s) == 0 for s in samples) or np.ptp(np.concatenate(samples)) == 0:
        return float("nan"), float("nan")
    if len(samples) == 2:
        result = stats.mannwhitneyu(samples[0], samples[1], alternative="two-sided", method="auto")
    else:
        result = stats.kruskal(*samples)
    return float(result.statistic), float(result.pvalue)


def presence_test(samples: list) -> tuple[float, float]:
    """Statistic and p of Fisher's exact test (two samples of 0/1 values; statistic: odds ratio) or a χ² test of
    independence (more samples; statistic: χ²). ``(nan, nan)`` when every unit has the same value."""
    table = np.array([[np.sum(s != 0), np.sum(s == 0)] for s in (_finite(s) for s in samples)], dtype=float)
    if table.sum(axis=0).min() == 0 or table.sum(axis=1).min() == 0:
        return float("nan"), float("nan")
    if len(samples) == 2:
        result = stats.fisher_exact(table, alternative="two-sided")
        return float(result.statistic), float(result.pvalue)
    chi2, p = stats.chi2_contingency(table, correction=False)[:2]
    return float(chi2), float(p)


def bootstrap_means(values: np.ndarray, n_boot: int = 2000, rng: np.random.Generator | None = None
                    ) -> tuple[np.ndarray, np.ndarray]:
    """Percentile-bootstrap 95% bounds of the column means of ``values`` (units × measures), NaN ignored.

    Each resample draws the units (rows) with replacement; a measure's mean is over the drawn units
    where it is not NaN. Every column is resampled with the same draws (one set of units per
    resample), computed as (times each unit was drawn) @ values, in blocks of resamples.

    Returns
    -------
    low, high : ndarray
        One per column; NaN when fewer than two units have a value (a resample of one unit is
        that unit) or ``n_boot`` is 0.
    """
    values = np.atleast_2d(np.asarray(values, dtype=float))
    n, m = values.shape
    low, high = np.full(m, np.nan), np.full(m, np.nan)
    present = np.isfinite(values)
    enough = present.sum(axis=0) >= 2
    if n_boot == 0 or not enough.any():
        return low, high
    rng = np.random.default_rng(0) if rng is None else rng
    filled = np.where(present, values, 0.0)
    gaps = ~present.all(axis=0)  # columns with missing values: their own count of drawn units per resample
    means = np.empty((n_boot, m))
    block = max(1, _BOOT_CHUNK // n)
    for first in range(0, n_boot, block):
        b = min(block, n_boot - first)
        drawn = rng.integers(0, n, size=(b, n), dtype=np.int64) + (np.arange(b) * n)[:, None]
        times = np.bincount(drawn.ravel(), minlength=b * n).reshape(b, n).astype(float)
        drawn_units = np.full((b, m), float(n))
        if gaps.any():
            drawn_units[:, gaps] = times @ present[:, gaps]
        with np.errstate(invalid="ignore", divide="ignore"):
            means[first:first + b] = (times @ filled) / drawn_units
    bounds = np.nanpercentile(means[:, enough], [2.5, 97.5], axis=0)
    low[enough], high[enough] = bounds
    return low, high
