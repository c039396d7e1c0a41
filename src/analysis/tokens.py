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


def _alnum(codes: np.ndarray) -> np.ndarray:
    """``str.isalnum`` of each code point (``codes``: UTF-32 code points)."""
    alnum = _ALNUM_BMP.take(np.minimum(codes, 0xFFFF))  # U+FFFF is not alphanumeric
    rest = np.flatnonzero(codes > 0xFFFF)
    alnum[rest] = [chr(c).isalnum() for c in codes[rest].tolist()]
    return alnum


def _word_start_mask(codes: np.ndarray) -> np.ndarray:
    """True where a word begins, for the UTF-32 code points ``codes`` of a text."""
    return _word_starts(_alnum(codes), (codes == _JOINERS[0]) | (codes == _JOINERS[1]) | (codes == _JOINERS[2]))


def _word_starts(alnum: np.ndarray, joiner: np.ndarray) -> np.ndarray:
    """True where a word begins, given which characters are alphanumeric and which are joiners.

    A character starts a word if it is alphanumeric and neither the previous character
    nor a joiner (``' ’ -``) preceded by an alphanumeric character continues a word.
    """
    starts = alnum.copy()
    starts[1:] &= ~alnum[:-1]
    starts[2:] &= ~(joiner[1:-1] & alnum[:-2])
    return starts


def _word_start_cumsum(text: str) -> np.ndarray:
    """``c[j] - c[i]`` = number of words beginning in ``text[i:j]`` (length ``len(text) + 1``)."""
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    out = np.zeros(len(codes) + 1, dtype=np.int64)
    np.cumsum(_word_start_mask(codes), out=out[1:])
    return out


def word_counts(text: str, spans: list[tuple[int, int]], block: int = 1 << 20) -> list[int]:
    """Number of words in each ``text[start:end]`` span, computed for all spans at once.

    Vectorised equivalent of ``[count_words(text[s:e]) for s, e in spans]`` (see
    :func:`_word_start_mask` for when a character starts a word). The text is processed
    in blocks of about ``block`` characters cut at whitespace (no word crosses
    whitespace), so memory stays small for a 100 MB article. Spans must be sorted,
    must not overlap and must not cross a block cut, which holds for sentences (they
    never contain a newline) when blocks are cut at newlines; spans that contain
    whitespace at a cut are handled by falling back to :func:`count_words`.

    Examples
    --------
    >>> t = "It's fast-acting. Yes"
    >>> word_counts(t, [(0, 17), (18, 21)])
    [2, 1]
    """
    bounds = np.array(spans, dtype=np.int64).reshape(-1, 2)
    starts, ends = bounds[:, 0], bounds[:, 1]
    counts = np.zeros(len(bounds), dtype=np.int64)
    k, n, start = 0, len(bounds), 0
    while k < n:
        stop = len(text) if len(text) - start <= block else _cut(text, start, start + block)
        beyond = np.flatnonzero(ends[k:] > stop)
        done = k + (int(beyond[0]) if len(beyond) else n - k)  # the spans ending in this block
        if done > k:
            c = _word_start_cumsum(text[start:stop])
            s, e = starts[k:done], ends[k:done]
            inside = s >= start
            counts[k:done][inside] = c[e[inside] - start] - c[s[inside] - start]
            for i in np.flatnonzero(~inside):  # a span begun before the cut
                counts[k + i] = count_words(text[s[i]:e[i]])
        k, start = done, stop
    return counts.tolist()


def _cut(text: str, start: int, at: int) -> int:
    """A block end in ``(start, at]``: just after the last newline, else whitespace, else ``at``."""
    for sep in ("\n", " "):
        i = text.rfind(sep, start, at)
        if i >= 0:
            return i + 1
    return at
