"""The bootstrap's sums and percentiles: numpy only, no compiled code, but tricks that a plain reader need not follow.

What each buys (resamples of 2,000 benchmark articles, :mod:`analysis.intervals`, one core): :func:`pack_rows` /
:func:`unpack_rows` 4.7 -> 3.0 s, :func:`percentiles` 3.0 -> 2.6 s.
"""
from __future__ import annotations

import numpy as np

__all__ = ["pack_rows", "unpack_rows", "percentiles"]


def pack_rows(values: np.ndarray, longest: int) -> tuple[np.ndarray, list[int] | None]:
    """The table resamples are summed from, and its rows' widths in bits: ``values`` (rows × sentences) as they are
    (widths ``None``), or, for whole numbers ≥ 0 whose largest possible sums (a row's largest value × ``longest``
    draws) fit side by side in 63 bits, one integer per sentence with each row in its own bits: a resample's sum
    holds every row's sum exactly. One gather and one sum per resample instead of one per row."""
    whole = values.size and np.all(values == np.floor(values)) and values.min() >= 0
    tops = values.max(axis=1) * max(longest, 1) if whole else None
    if not whole or not np.all(tops < 2.0 ** 63):
        return values, None
    widths = [int(top).bit_length() for top in tops]
    if sum(widths) > 63:
        return values, None
    shifts = np.cumsum([0] + widths[:-1])[:, None]
    return (values.astype(np.int64) << shifts).sum(axis=0, keepdims=True), widths


def unpack_rows(sums: np.ndarray, widths: list[int] | None) -> np.ndarray:
    """Each row's sums (articles × rows × resamples, float) from the sums of a :func:`pack_rows` table."""
    if widths is None:
        return sums
    packed = sums[:, 0]
    out = np.empty((len(sums), len(widths), sums.shape[-1]))
    row = np.empty_like(packed)
    for k, (shift, width) in enumerate(zip(np.cumsum([0] + widths[:-1]), widths)):
        # in place: ~2.5x faster than one broadcast shift-and-mask making new arrays
        np.bitwise_and(np.right_shift(packed, shift, out=row), (1 << width) - 1, out=row)
        out[:, k] = row
    return out


def percentiles(resampled: np.ndarray, q) -> np.ndarray:
    """``np.percentile(resampled, q, axis=-1)``, the same numbers (tested), from a sort (in place).

    A sort is ~3x faster than ``np.percentile``'s partition (numpy 2.4); the interpolation is numpy's default
    ('linear', Hyndman & Fan type 7) written out in numpy's own arithmetic.
    """
    n = resampled.shape[-1]
    resampled.sort(axis=-1)
    virtual = (n - 1) * np.true_divide(q, 100)
    below = np.floor(virtual).astype(np.intp)
    above = below + 1
    last = virtual >= n - 1  # numpy takes the largest value there (and weighs it from index -1)
    below[last], above[last] = -1, -1
    gamma = virtual - below
    a, b = np.moveaxis(resampled[..., below], -1, 0), np.moveaxis(resampled[..., above], -1, 0)
    gamma = gamma.reshape((-1,) + (1,) * (a.ndim - 1))
    diff = b - a
    out = a + diff * gamma
    np.subtract(b, diff * (1 - gamma), out=out, where=gamma >= 0.5)
    out[:, np.isnan(resampled[..., -1])] = np.nan
    return out
