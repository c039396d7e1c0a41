"""Is a marker negated? A small NegEx-style rule shared by stance and concept measures.

A match is negated when a negation cue (``data/negation_cues.csv``: *not, no, never, cannot, n't* forms, *without,
free of*, ...) stands among the :data:`NEGATION_WINDOW` words (within :data:`REACH` characters) before it in the
same clause (breaks: ``, ; : . ! ? ( ) [ ] — –`` and *but, although, however, though, yet, whereas*).
Pseudo-negations that affirm (*not only, no doubt*) cancel. Chapman et al. (2001) "A simple algorithm for
identifying negated findings and diseases in discharge summaries", J Biomed Inform 34(5) (NegEx).
:func:`negation_cues` gives the same answers for many markers at once, cheaply; comparison with NLTK and savings:
docs/measures.md#stance-markers-and-negation.
"""
from __future__ import annotations

import re
from functools import lru_cache

import numpy as np
import pandas as pd

from .engine import ALNUM, Matcher, code_points, flags_of
from .paths import DATA_DIR

__all__ = ["negation_cue", "negation_cues", "load_negation_cues", "NEGATION_WINDOW", "REACH"]

#: words before a marker the rule reads
NEGATION_WINDOW = 3
#: the rule reads at most this many characters before a marker (the one negation window of the package)
REACH = 80
_CLAUSE_BREAK = re.compile(r"[,;:.!?()\[\]—–]|\b(?:but|although|however|though|yet|whereas)\b", re.I)
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


@lru_cache(maxsize=None)
def load_negation_cues() -> tuple[frozenset, tuple]:
    """Return ``(single-word cues, multi-word cue tuples with their type)`` from ``data/negation_cues.csv``."""
    file = DATA_DIR / "negation_cues.csv"
    table = pd.read_csv(file, dtype=str, keep_default_na=False)
    bad = table[~table["type"].isin(["negation", "pseudo"])]
    if not bad.empty:
        raise ValueError(f"{file}, line {bad.index[0] + 2}: type must be 'negation' or 'pseudo', got {bad.iloc[0]['type']!r}.")
    single = frozenset(c for c, t in zip(table.cue, table.type) if t == "negation" and " " not in c)
    multi = tuple((tuple(c.split()), t) for c, t in zip(table.cue, table.type) if " " in c or t == "pseudo")
    multi = tuple(sorted(multi, key=lambda x: -len(x[0])))
    return single, multi


def negation_cue(text: str, start: int) -> str | None:
    """The negation cue governing the match that begins at ``text[start]`` (a sentence or article), or ``None``."""
    return _cue_before(text[max(0, start - REACH):start])


def _cue_before(left: str) -> str | None:
    """The rule of :func:`negation_cue` on ``left``, the ``REACH`` characters before the marker."""
    single, by_first = _cue_index()
    breaks = list(_CLAUSE_BREAK.finditer(left))
    if breaks:
        left = left[breaks[-1].end():]
    tokens = [w.lower().replace("’", "'") for w in _WORD.findall(left)[-NEGATION_WINDOW - 1:]]
    # a pseudo-negation anywhere in the window cancels; multi-word cues checked first
    for i, token in enumerate(tokens):
        for phrase, kind in by_first.get(token, ()):
            if tuple(tokens[i:i + len(phrase)]) == phrase:
                if kind == "pseudo":
                    return None
                if len(tokens) - i <= NEGATION_WINDOW + len(phrase) - 1:
                    return " ".join(phrase)
    for token in reversed(tokens[-NEGATION_WINDOW:]):
        if token in single:
            return token
    return None


@lru_cache(maxsize=None)
def _cue_index() -> tuple[frozenset, dict[str, tuple]]:
    """The default cues as ``(single-word cues, first word → its multi-word cues in checking order)``."""
    single, multi = load_negation_cues()
    by_first: dict[str, tuple] = {}
    for phrase, kind in multi:
        by_first[phrase[0]] = by_first.get(phrase[0], ()) + ((phrase, kind),)
    return single, by_first


def negation_cues(texts: list[str], text_id: np.ndarray, start: np.ndarray) -> np.ndarray:
    """:func:`negation_cue` of each marker (its text's index in ``texts``, its start), ``""`` where none.

    The rule runs only on the markers with a cue word among the ``REACH`` characters before them, found for all
    markers by one pass of the engine's matcher.
    """
    text_id, start = np.asarray(text_id, dtype=np.int64), np.asarray(start, dtype=np.int64)
    first = np.maximum(start - REACH, 0)
    cue = np.full(len(start), "", dtype=object)
    for j in np.flatnonzero(_cue_word_before(texts, text_id, first, start)).tolist():
        cue[j] = _cue_before(texts[text_id[j]][first[j]:start[j]]) or ""
    return cue


def _cue_word_before(texts: list[str], text_id: np.ndarray, first: np.ndarray, start: np.ndarray) -> np.ndarray:
    """Whether ``texts[text_id][first:start]`` may hold a word the rule reads as a cue (a superset of where it
    finds one): a whole cue word inside, or a cue word cut by either end or ending one character before the end."""
    base, starts, ends, by_start, by_end = _cue_words(tuple(texts))
    lo, hi = base[text_id] + first, base[text_id] + start
    # whole cue words do not overlap (and come in order of their ends), so the last one ending by ``hi``
    # is the one that may start after ``lo``
    last = np.searchsorted(ends, hi, side="right") - 1  # -1: none, which reads the -1 appended below
    near = np.append(starts, -1)[last] >= lo
    # cue words cut by an end of the stretch
    near |= np.searchsorted(by_start, lo, side="right") > np.searchsorted(by_start, lo, side="left")
    near |= np.searchsorted(by_end, hi, side="right") > np.searchsorted(by_end, hi, side="left")
    # ... or ending one character before the cut: an apostrophe there no longer joins the letter after ("can't|ve")
    near |= np.searchsorted(by_end, hi - 1, side="right") > np.searchsorted(by_end, hi - 1, side="left")
    return near


@lru_cache(maxsize=1)
def _cue_words(texts: tuple[str, ...]) -> tuple[np.ndarray, ...]:
    """Where cue words stand in ``texts`` joined by ``"\0"``: each text's offset there, the starts and ends of
    whole cue words (no letter or digit just before, none nor an apostrophe + one just after), and the sorted
    starts and ends of every cue-word hit. The last answer is kept: stance and concepts ask about the same texts.
    """
    joined = "\0".join(texts)
    found = _cue_matcher().find([joined])
    hit_start, hit_end = found.start, found.end
    codes = np.concatenate([code_points(joined), np.zeros(2, dtype=np.uint32)])  # reads past either end see "\0"
    before, after, next_ = (codes[i] for i in (hit_start - 1, hit_end, hit_end + 1))
    alnum = lambda c: (flags_of(c) & ALNUM) != 0  # noqa: E731
    whole = ~alnum(before) & ~alnum(after) & ~(((after == 39) | (after == 0x2019)) & alnum(next_))
    base = np.cumsum([0] + [len(t) + 1 for t in texts])[:-1].astype(np.int64)
    return base, hit_start[whole], hit_end[whole], np.sort(hit_start), np.sort(hit_end)


@lru_cache(maxsize=None)
def _cue_matcher() -> Matcher:
    """The words that can begin a negation cue (single-word cues and the first words of multi-word ones)."""
    single, multi = load_negation_cues()
    firsts = single | {phrase[0] for phrase, kind in multi if kind == "negation"}
    return Matcher(sorted(firsts), whole_words=False)
