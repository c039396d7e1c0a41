"""Words: the one definition of a word used for every count and rate in the package.

A word is a run of letters or digits, optionally joined by an apostrophe or hyphen
(``don't``, ``fast-acting``, ``N-methyl-D-aspartate``, ``5-HT`` count as one word each).
Per-1,000-word rates everywhere divide by this count.
"""
from __future__ import annotations

import re

import numpy as np

__all__ = ["WORD_RE", "words", "count_words", "word_starts"]

WORD_RE = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")
_JOINERS = np.array([ord(c) for c in "'’-"], dtype=np.uint32)
_ALNUM_BMP = np.array([chr(i).isalnum() for i in range(0x10000)], dtype=bool)  # [^\W_] == str.isalnum


def words(text: str) -> list[str]:
    """Return the words of ``text`` in order (original case).

    Examples
    --------
    >>> words("Ketamine's fast-acting effect: 2 hours.")
    ["Ketamine's", 'fast-acting', 'effect', '2', 'hours']
    """
    return WORD_RE.findall(text)


def count_words(text: str) -> int:
    """Number of words in ``text`` (see module docstring for the definition).

    Examples
    --------
    >>> count_words("It may help, within hours.")
    5
    """
    return sum(1 for _ in WORD_RE.finditer(text))


def word_starts(text: str) -> np.ndarray:
    """Cumulative count of word starts: ``c[j] - c[i]`` words begin in ``text[i:j]``.

    Vectorised equivalent of counting :data:`WORD_RE` matches (a character starts a
    word if it is alphanumeric and neither the previous character nor a joiner
    ``' ’ -`` preceded by an alphanumeric character continues a word), used to
    count the words of many sentences at once.

    Returns
    -------
    numpy.ndarray
        ``int64`` array of length ``len(text) + 1``.

    Examples
    --------
    >>> c = word_starts("It's fast-acting. Yes")
    >>> int(c[-1]), int(c[17] - c[0])
    (3, 2)
    """
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    alnum = np.zeros(codes.shape, dtype=bool)
    bmp = codes < 0x10000
    alnum[bmp] = _ALNUM_BMP[codes[bmp]]
    if not bmp.all():
        rest = np.flatnonzero(~bmp)
        alnum[rest] = [chr(int(codes[i])).isalnum() for i in rest]
    joiner = np.isin(codes, _JOINERS)
    prev_alnum = np.concatenate(([False], alnum[:-1]))
    prev_join = np.concatenate(([False], joiner[:-1] & prev_alnum[:-1]))
    starts = alnum & ~prev_alnum & ~prev_join
    out = np.zeros(len(codes) + 1, dtype=np.int64)
    np.cumsum(starts, out=out[1:])
    return out
