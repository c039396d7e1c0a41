"""The scanning engine: the only compiled (numba) code in the package, behind one small interface.

The measures (:mod:`analysis.segment`, :mod:`analysis.stance`, ...) are plain rules on top of it. What each piece
buys (one core, ``benchmarks/bench_scale.py``; the measurements: ``docs/pipeline.md``, "The engine"):

* :mod:`.chars` -- one character table: a whole text classified in one look-up (~100x a ``str`` call per character).
* :mod:`.matcher` -- one multi-string matcher: every lexicon term, negation cue and zone trigger in one pass
  (~0.1 s for 11.6 M characters; ``pyahocorasick`` ~0.4 s, a regular expression per term ~100x longer).
* :mod:`.loops` -- segmentation's loops: where sentences may end and the paragraphs (segment ~1.3x faster).
* :mod:`.resample` -- the bootstrap's sums and percentiles (numpy): the intervals in ~40 % less CPU.
"""
from __future__ import annotations

from .chars import ALNUM, ASCII, CASED, DIGIT, LONG, SPACE, UPPER, WORD, code_points, flags_of, word_starts
from .loops import line_spans, punctuation_runs
from .matcher import Matcher
from .resample import pack_rows, percentiles, unpack_rows

__all__ = ["ALNUM", "ASCII", "CASED", "DIGIT", "LONG", "SPACE", "UPPER", "WORD", "code_points", "flags_of",
           "word_starts", "line_spans", "punctuation_runs", "Matcher", "pack_rows", "unpack_rows", "percentiles"]
