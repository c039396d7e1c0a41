"""The one character table of the package: lower case and character classes of every code point.

What it buys: a whole text classified with one array look-up instead of a ``str`` method call per character (~100x
faster). The arrays cover the Basic Multilingual Plane (U+0000-U+FFFF); beyond it each code point is answered with
the ``str`` methods, so every answer equals the ``str`` method's.

``FLAGS[c]`` bits (``FLAGS[c] & ALNUM``): ``ALNUM`` ``str.isalnum()`` (regex ``[^\\W_]``); ``WORD`` alphanumeric or
``"_"`` (regex ``\\w``); ``JOINER`` one of ``' ’ -`` (joins two runs of letters into one word); ``SPACE``, ``UPPER``,
``LOWER``, ``DIGIT``: ``str.isspace()``, ``isupper()``, ``islower()``, ``isdigit()``; ``CASED`` ``lower() !=
upper()``; ``LONG`` ``lower()`` gives several characters (``"İ"``: offsets into a lower-cased text would shift);
``ASCII`` below 128. ``LOWER_CASE[c]``: the code point of ``chr(c).lower()``, or ``c`` where that is several
characters (uint16: no BMP character lower-cases beyond the BMP).
"""
from __future__ import annotations

import numba
import numpy as np

__all__ = ["ALNUM", "WORD", "JOINER", "SPACE", "UPPER", "LOWER", "DIGIT", "CASED", "LONG", "ASCII",
           "JOINERS", "FLAGS", "LOWER_CASE", "code_points", "flags_of", "lower_of", "char_flags",
           "word_starts"]

ALNUM, WORD, JOINER, SPACE, UPPER, LOWER, DIGIT, CASED, LONG, ASCII = (1 << i for i in range(10))
JOINERS = "'’-"


def char_flags(char: str) -> int:
    """The flag bits of one character (what ``FLAGS`` holds for the BMP), from ``str`` methods."""
    lower = char.lower()
    return ((ALNUM | WORD if char.isalnum() else WORD if char == "_" else 0)
            | (JOINER if char in JOINERS else 0) | (SPACE if char.isspace() else 0)
            | (UPPER if char.isupper() else 0) | (LOWER if char.islower() else 0)
            | (DIGIT if char.isdigit() else 0) | (CASED if lower != char.upper() else 0)
            | (LONG if len(lower) != 1 else 0) | (ASCII if ord(char) < 128 else 0))


def _bmp_tables() -> tuple[np.ndarray, np.ndarray]:
    """``FLAGS`` and ``LOWER_CASE``, once per process."""
    chars = [chr(c) for c in range(0x10000)]
    flags = np.array([char_flags(char) for char in chars], dtype=np.uint16)
    lower = np.array([ord(low) if len(low) == 1 else c for c, low in enumerate(map(str.lower, chars))], dtype=np.uint16)
    return flags, lower


FLAGS, LOWER_CASE = _bmp_tables()
FLAGS.flags.writeable = LOWER_CASE.flags.writeable = False


def code_points(text: str) -> np.ndarray:
    """The code points of ``text``, lone surrogates kept: uint16 if all are in the BMP, else uint32."""
    data = text.encode("utf-16-le", "surrogatepass")
    if len(data) == 2 * len(text):  # no character took two UTF-16 units: all in the BMP
        return np.frombuffer(data, dtype=np.uint16)
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


@numba.njit(cache=True, nogil=True)
def _look_up(table, codes):
    """``table.take(codes, mode="clip")`` without ``take``'s copy to 64-bit indices (segment ~5 % faster)."""
    out = np.empty(len(codes), dtype=table.dtype)
    last = len(table) - 1
    for i in range(len(codes)):
        out[i] = table[min(max(np.int64(codes[i]), 0), last)]
    return out


def _astral(codes: np.ndarray) -> tuple[np.ndarray, list[int], np.ndarray]:
    """Where ``codes`` lie beyond the BMP, their distinct values and the index of each in those."""
    at = np.flatnonzero(codes > 0xFFFF) if codes.dtype.itemsize > 2 else np.zeros(0, dtype=np.int64)
    unique, inverse = np.unique(codes[at], return_inverse=True)
    return at, unique.tolist(), inverse


def flags_of(codes: np.ndarray) -> np.ndarray:
    """The flag bits (uint16) of each code point (see the module docstring)."""
    out = _look_up(FLAGS, codes)  # beyond the BMP reads U+FFFF's: set below
    at, unique, inverse = _astral(codes)
    if len(at):
        out[at] = np.array([char_flags(chr(c)) for c in unique], dtype=np.uint16)[inverse]
    return out


def lower_of(codes: np.ndarray) -> np.ndarray:
    """The code point of ``str.lower()`` of each code point (itself where that gives several characters)."""
    out = _look_up(LOWER_CASE, codes).astype(codes.dtype, copy=False)
    at, unique, inverse = _astral(codes)
    if len(at):
        lows = [chr(c).lower() for c in unique]
        out[at] = np.array([ord(low) if len(low) == 1 else c for c, low in zip(unique, lows)],
                           dtype=codes.dtype)[inverse]
    return out


def word_starts(flags: np.ndarray) -> np.ndarray:
    """True where a word begins, given the flags of a text's characters: a word is a run of ``ALNUM`` characters,
    optionally joined by single ``JOINER`` characters (the definition of :mod:`analysis.tokens`)."""
    alnum, joiner = (flags & ALNUM) != 0, (flags & JOINER) != 0
    starts = alnum.copy()
    starts[1:] &= ~alnum[:-1]
    starts[2:] &= ~(joiner[1:-1] & alnum[:-2])
    return starts
