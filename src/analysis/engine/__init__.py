"""The scanning engine: the only compiled code in the package, behind one small interface.

The measures (:mod:`analysis.segment`, :mod:`analysis.stance`, ...) read as plain rules on top of
it. What each piece buys (one core, measured with ``benchmarks/bench_scale.py``):

* :mod:`.chars` -- the one character table: lower case and character classes (``str.isalnum``,
  ``str.isspace``, ...) of every code point as arrays, so a whole text is classified with one
  look-up instead of a ``str`` method call per character (~100x faster).
* :mod:`.matcher` -- the one multi-string matcher, :class:`Matcher` (Aho-Corasick over a dense table,
  walked by one compiled loop): every lexicon term, negation cue and zone trigger in a text in one
  pass, ~0.1 s for 11.6 M characters, where iterating over ``pyahocorasick``'s matches in Python took
  ~0.4 s and one regular expression per term ~100x longer.
* :mod:`.loops` -- segmentation's compiled loops: :func:`punctuation_runs` (where sentences may end),
  1.7 ms per MB of text, where iterating over the equivalent regular expression's matches in Python
  takes 11-18 ms per MB; with it :func:`analysis.segment` runs ~1.3x faster than with that
  regular expression (~24 against ~19 MB/s on the benchmark corpus, one core). :func:`line_spans`
  (the paragraphs): ~1.8 against ~5.9 ms per MB, segment ~8 % faster.
* :mod:`.resample` -- the bootstrap's sums and percentiles (numpy, not compiled): its intervals in ~40 % less
  CPU, the largest stage of a corpus run (:mod:`analysis.intervals`).
"""
from __future__ import annotations

from .chars import ALNUM, ASCII, CASED, DIGIT, LONG, SPACE, UPPER, WORD, code_points, flags_of, word_starts
from .loops import line_spans, punctuation_runs
from .matcher import Matcher
from .resample import pack_rows, percentiles, unpack_rows

__all__ = ["ALNUM", "ASCII", "CASED", "DIGIT", "LONG", "SPACE", "UPPER", "WORD", "code_points", "flags_of", "word_starts",
           "line_spans", "punctuation_runs", "Matcher", "pack_rows", "unpack_rows", "percentiles"]
