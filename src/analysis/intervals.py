"""Percentile-bootstrap 95% confidence intervals of article rates and of the mean sentence certainty: an article's
sentences are resampled with replacement, and the 2.5th and 97.5th percentiles of the resamples bound the interval
(Efron & Tibshirani 1993, ch. 13). Costs: ``docs/pipeline.md``."""
from __future__ import annotations

import zlib
from typing import Sequence

import numpy as np

from .engine import pack_rows, percentiles, unpack_rows

__all__ = ["bootstrap_intervals", "article_rng", "PERCENTILES", "MIN_SENTENCES"]

#: the percentiles that bound a 95% interval
PERCENTILES = [2.5, 97.5]
#: the fewest sentences an interval is computed from; with fewer its bounds are NaN
MIN_SENTENCES = 2
_BLOCK = 256  # articles whose percentiles are taken at once (memory: block × n_boot × values floats)


def article_rng(random_state: int | None, doc_id: str) -> np.random.Generator:
    """A bootstrap generator for one article, from ``random_state`` and the ``doc_id``: its intervals then do not
    depend on which other articles are scored with it."""
    if random_state is None:
        return np.random.default_rng()
    return np.random.default_rng([int(random_state), zlib.crc32(doc_id.encode("utf-8"))])


def bootstrap_intervals(doc_ids: Sequence[str], words: np.ndarray, counts: np.ndarray,
                        text_rows: Sequence[np.ndarray], certainty: np.ndarray,
                        certainty_rows: Sequence[np.ndarray], n_boot: int = 2000, random_state: int | None = 0,
                        *, seed_per_article: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """Percentile-bootstrap 95% bounds of each article's rates and mean certainty.

    Parameters
    ----------
    words, counts, certainty : ndarray
        Per sentence of the table: its words; its marker counts (one row per rate); its certainty (1–6).
    text_rows, certainty_rows : sequence of int arrays
        Per article, the sentences (positions in ``words``) resampled for its rates and for its mean certainty.
    n_boot : int
        Resamples per article; ``0`` draws nothing and every bound is NaN.
    random_state, seed_per_article
        Seed of one generator that draws every article's resamples in turn (text sentences, then certainty
        sentences), or with ``seed_per_article`` of each article's :func:`article_rng` (from its ``doc_ids``).

    Returns
    -------
    rate bounds, certainty bounds : ndarray
        Articles × (low, high) × rates, in markers per 1,000 words (``1000 × markers / words`` of each resample);
        articles × (low, high), on the 1–6 scale. Both NaN for an article with fewer than :data:`MIN_SENTENCES`
        sentences (every resample would be the same: no zero-width interval).
    """
    counts = np.atleast_2d(np.asarray(counts, dtype=float))
    values = np.vstack([np.asarray(words, dtype=float), counts])  # words, then the counts
    certainty = np.asarray(certainty, dtype=float)
    rate_ci = np.full((len(doc_ids), 2, len(counts)), np.nan)
    certainty_ci = np.full((len(doc_ids), 2), np.nan)
    if n_boot == 0:
        return rate_ci, certainty_ci
    longest = max((len(rows) for rows in text_rows), default=0)
    table, widths = pack_rows(values, longest)
    rng = np.random.default_rng(random_state)
    for first in range(0, len(doc_ids), _BLOCK):
        block = range(first, min(first + _BLOCK, len(doc_ids)))
        sums = np.zeros((len(block), len(table), n_boot), dtype=table.dtype)
        certainty_sums = np.zeros((len(block), n_boot))
        for j, i in enumerate(block):
            if seed_per_article:
                rng = article_rng(random_state, doc_ids[i])
            rows = text_rows[i]
            if len(rows):
                sums[j] = np.take(table[:, rows], _draw(rng, len(rows), n_boot), axis=1).sum(axis=1)
            rows = certainty_rows[i]
            if len(rows):
                certainty_sums[j] = np.take(certainty[rows], _draw(rng, len(rows), n_boot)).sum(axis=0)
        sums = unpack_rows(sums, widths)
        rates = sums[:, 1:]  # 1000 × markers / words, in place
        rates *= 1000
        rates /= np.maximum(sums[:, :1], 1)
        # the mean as sum / n (summed in another order than np.mean: the same to a few units in the last place)
        means = certainty_sums / np.maximum([len(certainty_rows[i]) for i in block], 1)[:, None]
        for bounds, resampled, rows in ((rate_ci, rates, text_rows), (certainty_ci, means, certainty_rows)):
            # articles with enough sentences for an interval (one sentence: every resample is the same)
            has = np.array([len(rows[i]) >= MIN_SENTENCES for i in block], dtype=bool)
            if has.any():
                bounds[first + np.flatnonzero(has)] = np.moveaxis(percentiles(resampled[has], PERCENTILES), 0, 1)
    return rate_ci, certainty_ci


def _draw(rng: np.random.Generator, n_rows: int, n_boot: int) -> np.ndarray:
    """``n_boot`` resamples (columns) of ``n_rows`` positions drawn uniformly with replacement, as intp; drawn as
    16-bit integers where they fit (exact, as for any width): ~25 % faster than int64 draws."""
    dtype = np.uint16 if n_rows <= 1 << 16 else np.int64
    return rng.integers(0, n_rows, size=(n_rows, n_boot), dtype=dtype).astype(np.intp, copy=False)
