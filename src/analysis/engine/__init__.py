"""The scanning engine: the only compiled code in the package, behind one small interface.

Everything here is speed machinery; the measures (:mod:`analysis.segment`, :mod:`analysis.stance`,
...) read as plain rules on top of it. What each piece buys (one core, measured with
``benchmarks/bench_scale.py``):

* :mod:`.chars` -- the one character table: lower case and character classes (``str.isalnum``,
  ``str.isspace``, ...) of every code point as arrays, so a whole text is classified with one
  look-up instead of a ``str`` method call per character (~100x faster).
"""
from __future__ import annotations

from .chars import (ALNUM, ASCII, CASED, DIGIT, FLAGS, JOINER, JOINERS, LONG, LOWER, LOWER_CASE, SPACE, UPPER, WORD,
                    char_flags, code_points, flags_of, lower_of)

__all__ = ["ALNUM", "ASCII", "CASED", "DIGIT", "FLAGS", "JOINER", "JOINERS", "LONG", "LOWER", "LOWER_CASE", "SPACE",
           "UPPER", "WORD", "char_flags", "code_points", "flags_of", "lower_of"]
