"""Words: the one definition of a word used for every count and rate in the package.

A word is a run of letters or digits, optionally joined by an apostrophe or hyphen
(``don't``, ``fast-acting``, ``N-methyl-D-aspartate``, ``5-HT`` count as one word each).
Per-1,000-word rates everywhere divide by this count.
"""
from __future__ import annotations

import re

import numpy as np

__all__ = ["WORD_RE", "words", "count_words", "word_counts"]

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


def _word_start_cumsum(text: str) -> np.ndarray:
    """``c[j] - c[i]`` = number of words beginning in ``text[i:j]`` (length ``len(text) + 1``)."""
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    if not len(codes) or int(codes.max()) < 0x10000:  # the common case: one table look-up per character
        alnum = _ALNUM_BMP[codes]
    else:
        alnum = np.zeros(codes.shape, dtype=bool)
        bmp = codes < 0x10000
        alnum[bmp] = _ALNUM_BMP[codes[bmp]]
        if not bmp.all():
            rest = np.flatnonzero(~bmp)
            alnum[rest] = [chr(int(codes[i])).isalnum() for i in rest]
    joiner = (codes == _JOINERS[0]) | (codes == _JOINERS[1]) | (codes == _JOINERS[2])
    prev_alnum = np.concatenate(([False], alnum[:-1]))
    prev_join = np.concatenate(([False], joiner[:-1] & prev_alnum[:-1]))
    out = np.zeros(len(codes) + 1, dtype=np.int64)
    np.cumsum(alnum & ~prev_alnum & ~prev_join, out=out[1:])
    return out


def word_counts(text: str, spans: list[tuple[int, int]], block: int = 1 << 20) -> list[int]:
    """Number of words in each ``text[start:end]`` span, computed for all spans at once.

    Vectorised equivalent of ``[count_words(text[s:e]) for s, e in spans]``: a character
    starts a word if it is alphanumeric and neither the previous character nor a
    joiner (``' ’ -``) preceded by an alphanumeric character continues a word. The text
    is processed in blocks of about ``block`` characters cut at whitespace (no word
    crosses whitespace), so memory stays small for a 100 MB article. Spans must be
    sorted, must not overlap and must not cross a block cut, which holds for sentences
    (they never contain a newline) when blocks are cut at newlines; spans that
    contain whitespace at a cut are handled by falling back to :func:`count_words`.

    Examples
    --------
    >>> t = "It's fast-acting. Yes"
    >>> word_counts(t, [(0, 17), (18, 21)])
    [2, 1]
    """
    counts, k, n = [], 0, len(spans)
    start = 0
    while k < n:
        stop = len(text) if len(text) - start <= block else _cut(text, start, start + block)
        c = _word_start_cumsum(text[start:stop])
        while k < n and spans[k][1] <= stop:
            s, e = spans[k]
            counts.append(int(c[e - start] - c[s - start]) if s >= start else count_words(text[s:e]))
            k += 1
        start = stop
    return counts


def _cut(text: str, start: int, at: int) -> int:
    """A block end in ``(start, at]``: just after the last newline, else whitespace, else ``at``."""
    for sep in ("\n", " "):
        i = text.rfind(sep, start, at)
        if i >= 0:
            return i + 1
    return at
