"""Is a marker negated? A small NegEx-style rule shared by stance and concept measures.

A match is negated when a negation cue (``data/negation_cues.csv``: *not, no,
never, cannot, n't* forms, *without, free of*, ...) stands among the few words
before it in the same clause. Clause boundaries are ``, ; : . ! ? ( ) —`` and
the words *but, although, however, though, yet*. Pseudo-negations that affirm
(*not only, no doubt, not just*) are ignored. Unlike NLTK's ``mark_negation`` it
handles *cannot* and curly apostrophes, and it never looks past the clause.
:func:`negation_cues` gives the same answers for many markers at once, at a
fraction of the cost (the scorers use it).

Reference: Chapman et al. (2001) "A simple algorithm for identifying negated
findings and diseases in discharge summaries", J Biomed Inform 34(5) (NegEx).
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import numpy as np
import pandas as pd

from .lexicon import _lower_codes
from .paths import DATA_DIR
from .tokens import _ALNUM_BMP

__all__ = ["is_negated", "negation_cue", "negation_cues", "load_negation_cues", "NEGATION_WINDOW"]

NEGATION_WINDOW = 3
_REACH = 80  # the rule reads at most this many characters before a marker
_CLAUSE_BREAK = re.compile(r"[,;:.!?()\[\]—–]|\b(?:but|although|however|though|yet|whereas)\b", re.I)
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


@lru_cache(maxsize=None)
def load_negation_cues(path: str | None = None) -> tuple[frozenset, tuple]:
    """Return ``(single-word cues, multi-word cue tuples with their type)`` from the cue file."""
    file = Path(path) if path else DATA_DIR / "negation_cues.csv"
    table = pd.read_csv(file, dtype=str, keep_default_na=False)
    bad = table[~table["type"].isin(["negation", "pseudo"])]
    if not bad.empty:
        raise ValueError(f"{file}, line {bad.index[0] + 2}: type must be 'negation' or 'pseudo', got {bad.iloc[0]['type']!r}.")
    single = frozenset(c for c, t in zip(table.cue, table.type) if t == "negation" and " " not in c)
    multi = tuple((tuple(c.split()), t) for c, t in zip(table.cue, table.type) if " " in c or t == "pseudo")
    multi = tuple(sorted(multi, key=lambda x: -len(x[0])))
    return single, multi


def negation_cue(text: str, start: int, window: int = NEGATION_WINDOW) -> str | None:
    """The negation cue governing the match that begins at ``text[start]``, or ``None``.

    Parameters
    ----------
    text : str
        The sentence (or article) text.
    start : int
        Character offset where the marker begins.
    window : int
        How many words before the marker to search (default 3).

    Examples
    --------
    >>> s = "Ketamine is not a standalone cure, but it is not only fast: it cannot harm."
    >>> negation_cue(s, s.index("standalone")), negation_cue(s, s.index("fast")), negation_cue(s, s.index("harm"))
    ('not', None, 'cannot')
    """
    return _cue_before(text[max(0, start - _REACH):start], window)


def _cue_before(left: str, window: int) -> str | None:
    """The rule of :func:`negation_cue` on ``left``: the last ``_REACH`` characters before the marker, or an
    end of them that keeps the words the rule reads (see :func:`_reachable_cues`)."""
    single, by_first = _cue_index()
    breaks = list(_CLAUSE_BREAK.finditer(left))
    if breaks:
        left = left[breaks[-1].end():]
    tokens = [w.lower().replace("’", "'") for w in _WORD.findall(left)[-window - 1:]]
    # a pseudo-negation anywhere in the window cancels; multi-word cues checked first
    for i, token in enumerate(tokens):
        for phrase, kind in by_first.get(token, ()):
            if tuple(tokens[i:i + len(phrase)]) == phrase:
                if kind == "pseudo":
                    return None
                if len(tokens) - i <= window + len(phrase) - 1:
                    return " ".join(phrase)
    for token in reversed(tokens[-window:]):
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


def negation_cues(texts: list[str], text_id: np.ndarray, start: np.ndarray, window: int = NEGATION_WINDOW
                  ) -> np.ndarray:
    """:func:`negation_cue` of many markers at once, with the same answers.

    One vectorised pass over the text before every marker (:func:`_reachable_cues`) leaves only the
    markers with a cue word among the words the rule reads; the rule then reads only those words.

    Parameters
    ----------
    texts : list of str
        The texts the markers are in.
    text_id, start : ndarray of int
        Each marker's text (index into ``texts``) and the character offset where it begins.
    window : int
        How many words before a marker to search (default 3; at least 1).

    Returns
    -------
    ndarray of object
        Each marker's cue, ``""`` where none.

    Examples
    --------
    >>> s = "Ketamine is not a standalone cure, but it is not only fast: it cannot harm."
    >>> negation_cues([s], np.zeros(3, dtype=int), np.array([s.index(w) for w in ("standalone", "fast", "harm")]))
    array(['not', '', 'cannot'], dtype=object)
    """
    if window < 1:
        raise ValueError(f"window must be at least 1, got {window}.")
    text_id, start = np.asarray(text_id, dtype=np.int64), np.asarray(start, dtype=np.int64)
    lefts = [texts[t][a:b] for t, a, b in zip(text_id.tolist(), np.maximum(start - _REACH, 0).tolist(), start.tolist())]
    cue = np.full(len(lefts), "", dtype=object)
    candidate, skip = _reachable_cues(lefts, window)
    for j, k in zip(np.flatnonzero(candidate).tolist(), skip[candidate].tolist()):
        cue[j] = _cue_before(lefts[j][k:], window) or ""
    return cue


def _reachable_cues(lefts: list[str], window: int) -> tuple[np.ndarray, np.ndarray]:
    """For each text before a marker (``lefts``): whether :func:`_cue_before` may find a cue in it, and how
    many of its first characters the rule can skip; computed for all texts at once, on their code points.

    Words are the rule's (``_WORD``: runs of letters and digits, joined by single apostrophes). The
    rule reads the last ``window + 1`` words after the last clause break and answers only if one of
    them is a cue word: a single-word cue among the last ``window``, or the first word of an
    ``n``-word negation cue among the last ``window + n - 1``. A clause break only drops words from
    the front of that list, or, inside a word, leaves its part after an apostrophe ("x’but’no").
    So a text is kept if one of its words that near the end, or a part of it after an apostrophe,
    lower-cases to a cue word (compared by a 64-bit hash: a collision only keeps a text). Clause
    breaks and pseudo-negations are left to the rule.

    The rule can skip the text up to the end of the word before the last ``window + 1``: no clause
    break starts or ends across that point, and those before it cannot change the last ``window + 1``
    words.
    """
    cues = _cue_word_table(window)
    joined = "\0".join(["", *lefts, ""])  # "\0" is in no word
    codes = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    alnum = _is_alnum(codes)
    in_word = alnum.copy()  # and apostrophes between two of them
    in_word[1:-1] |= ((codes[1:-1] == 39) | (codes[1:-1] == 0x2019)) & alnum[:-2] & alnum[2:]
    edges = np.flatnonzero(in_word[1:] != in_word[:-1]) + 1
    first, end = edges[0::2], edges[1::2]  # of every word
    n = np.fromiter(map(len, lefts), dtype=np.int64, count=len(lefts))
    offset = np.cumsum(n + 1) - n  # lefts[j] is codes[offset[j]:offset[j] + n[j]]
    reach = int(cues.reach.max())
    word = np.searchsorted(first, offset + n)[:, None] - np.arange(1, max(reach, window + 2) + 1)  # last first
    real = word >= np.searchsorted(first, offset)[:, None]
    skip = np.zeros(len(lefts), dtype=np.int64)
    cut = real[:, window + 1]
    skip[cut] = end[word[cut, window + 1]] - offset[cut]
    # the words within reach of the end that end as a cue word does (last two characters) ...
    text, rank = np.nonzero(real[:, :reach])
    w = word[text, rank]
    keep = _isin_sorted(_last_two(_endings(codes, first[w], end[w], 2)), cues.last_two)
    text, rank, w = text[keep], rank[keep], w[keep]
    # ... and their endings that begin the word or follow an apostrophe in it, by hash
    char = _endings(codes, first[w], end[w], len(cues.powers) + 1)
    row, k = np.nonzero((char[:, :-1] != 0) & ((char[:, 1:] == 0) | (char[:, 1:] == 39)))
    found = np.cumsum(char[:, :-1] * cues.powers, axis=1)[row, k]
    i = np.minimum(np.searchsorted(cues.hashes, found), len(cues.hashes) - 1)
    hit = (cues.hashes[i] == found) & (rank[row] < cues.reach[i])
    candidate = np.zeros(len(lefts), dtype=bool)
    candidate[text[row[hit]]] = True
    return candidate, skip


def _is_alnum(codes: np.ndarray) -> np.ndarray:
    """``str.isalnum()`` of each code point (a table look-up, then those beyond the BMP one by one)."""
    out = _ALNUM_BMP.take(codes, mode="clip")
    astral = np.flatnonzero(codes > 0xFFFF)
    out[astral] = [chr(c).isalnum() for c in codes[astral].tolist()]
    return out


def _isin_sorted(values: np.ndarray, sorted_set: np.ndarray) -> np.ndarray:
    """``np.isin(values, sorted_set)`` for a small sorted ``sorted_set`` (without sorting ``values``)."""
    return sorted_set[np.minimum(np.searchsorted(sorted_set, values), len(sorted_set) - 1)] == values


def _endings(codes: np.ndarray, first: np.ndarray, end: np.ndarray, width: int) -> np.ndarray:
    """The last ``width`` characters of the words ``codes[first:end]``, last first, as uint64 code points
    lower-cased one by one, ``’`` as ``'`` (as the rule compares words), 0 before a word's start."""
    pos = end[:, None] - np.arange(1, width + 1)
    char = _lower_codes(codes[np.maximum(pos, 0)].ravel()).reshape(pos.shape).astype(np.uint64)
    char[pos < first[:, None]] = 0
    char[char == 0x2019] = 39
    return char


def _last_two(char: np.ndarray) -> np.ndarray:
    """A key of the last two characters of strings (:func:`_endings`), the second-to-last read as none where
    it is an apostrophe, so that a cue word's key is that of any word it ends, whole or after an apostrophe."""
    return char[:, 0] | np.where(char[:, 1] == 39, 0, char[:, 1]) << np.uint64(21)


class _CueWords(NamedTuple):
    """The words that can begin a negation cue, for :func:`_reachable_cues`."""

    hashes: np.ndarray    # sorted; of a word: sum(ord(word[-1 - k]) * _HASH_BASE**k) modulo 2**64
    reach: np.ndarray     # how many words from the end the rule looks for each (the larger first of equal hashes)
    powers: np.ndarray    # _HASH_BASE**k modulo 2**64, k < the longest word's length
    last_two: np.ndarray  # sorted :func:`_last_two` keys


_HASH_BASE = 0x9E3779B97F4A7C15  # odd, so its powers modulo 2**64 never vanish


@lru_cache(maxsize=None)
def _cue_word_table(window: int) -> _CueWords:
    """The :class:`_CueWords` of the default cues for a ``window``."""
    single, by_first = _cue_index()
    reach = dict.fromkeys(single, window)
    for first, phrases in by_first.items():
        for phrase, kind in phrases:
            if kind == "negation":
                reach[first] = max(reach.get(first, 0), window + len(phrase) - 1)
    # _endings lower-cases characters one by one; only str.lower() of a whole word gives these ('Σ' at its end, 'İ')
    if any(ch in word for word in reach for ch in "ς\u0307"):
        raise ValueError("negation cue words with 'ς' or U+0307 are not supported.")
    longest = max(map(len, reach))
    char = np.zeros((len(reach), longest + 1), dtype=np.uint64)
    for i, word in enumerate(reach):
        char[i, :len(word)] = [ord(ch) for ch in reversed(word)]
    powers = np.array([pow(_HASH_BASE, k, 1 << 64) for k in range(longest)], dtype=np.uint64)
    hashes = np.cumsum(char[:, :-1] * powers, axis=1)[np.arange(len(reach)), [len(word) - 1 for word in reach]]
    steps = np.array(list(reach.values()))
    order = np.lexsort((-steps, hashes))
    return _CueWords(hashes[order], steps[order], powers, np.unique(_last_two(char)))


def is_negated(text: str, start: int, window: int = NEGATION_WINDOW) -> bool:
    """True if a negation cue precedes ``text[start:]`` within ``window`` words in the same clause.

    Examples
    --------
    >>> is_negated("It is not FDA-approved for PTSD.", 10)
    True
    >>> is_negated("It is FDA-approved, not experimental.", 6)
    False
    """
    return negation_cue(text, start, window) is not None
