"""Words: the one definition of a word used for every count and rate in the package.

A word is a run of letters or digits, optionally joined by an apostrophe or hyphen
(``don't``, ``fast-acting``, ``N-methyl-D-aspartate``, ``5-HT`` count as one word each).
Per-1,000-word rates everywhere divide by this count.
"""
from __future__ import annotations

import re

import numpy as np

__all__ = ["WORD_RE", "words", "count_words", "span_word_counts"]

WORD_RE = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")
_JOINERS = np.array([ord(c) for c in "'’-"], dtype=np.uint32)
_ALNUM_BMP = np.array([chr(i).isalnum() for i in range(0x10000)], dtype=bool)  # [^\W_] == str.isalnum
_CLASS_BMP = _ALNUM_BMP.astype(np.uint8)  # 1: alphanumeric, 2: joiner, 0: other
_CLASS_BMP[_JOINERS] = 2


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


def _classes(codes: np.ndarray) -> np.ndarray:
    """Class of each code point (``codes``: uint16, or uint32 for text beyond the BMP): 1 alphanumeric
    (``str.isalnum``), 2 joiner (``' ’ -``), 0 other; one table look-up per character."""
    if codes.dtype == np.uint16:
        return _CLASS_BMP[codes]
    classes = _CLASS_BMP[np.minimum(codes, 0xFFFF)]  # U+FFFF is neither alphanumeric nor a joiner
    rest = np.flatnonzero(codes > 0xFFFF)
    classes[rest] = [int(chr(c).isalnum()) for c in codes[rest].tolist()]
    return classes


def _word_start_mask(codes: np.ndarray) -> np.ndarray:
    """True where a word begins, for the code points ``codes`` of a text (uint16 or uint32)."""
    classes = _classes(codes)
    return _word_starts(classes == 1, classes == 2)


def _word_starts(alnum: np.ndarray, joiner: np.ndarray) -> np.ndarray:
    """True where a word begins, given which characters are alphanumeric and which are joiners.

    A character starts a word if it is alphanumeric and neither the previous character
    nor a joiner (``' ’ -``) preceded by an alphanumeric character continues a word.
    """
    starts = alnum.copy()
    starts[1:] &= ~alnum[:-1]
    starts[2:] &= ~(joiner[1:-1] & alnum[:-2])
    return starts


def span_word_counts(codes: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """Number of words beginning in each span ``[start, end)`` of a text given by its code points.

    Equals ``count_words(text[start:end])`` for every span whose preceding character (if any) is
    neither alphanumeric nor a joiner, such as texts joined by ``"\\x00"``, and whose end does not
    cut a word; memory is a few bytes per character of the whole text.

    Parameters
    ----------
    codes : ndarray of uint16 or uint32
        Code points of the text (uint16 only if every character is in the BMP).
    starts, ends : ndarray of int64
        Span offsets into the text.

    Returns
    -------
    ndarray of int64
    """
    first = np.flatnonzero(_word_start_mask(codes))
    return (np.searchsorted(first, ends) - np.searchsorted(first, starts)).astype(np.int64)
