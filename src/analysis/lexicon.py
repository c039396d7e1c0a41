"""Lexicons as data, compiled once into one fast matcher.

A lexicon is a table of ``category, term`` rows (optional ``weight``, ``source``,
``note``). It is read from a CSV file, from a LIWC-style ``.dic`` dictionary, or
from a table built in code (the concept codebook is turned into one), and
compiled into one matcher, so a text is scanned once whatever the number of
terms. Stance markers and concept mentions use this same matcher.

The scan finds candidate term occurrences with an Aho-Corasick automaton
(:class:`analysis.automaton.Automaton`) over a normalised lower-cased copy of the text and keeps those
that pass the word-boundary rules below; a trie-factored regular expression with
the same rules is the fallback (texts whose lower-casing changes their length,
terms containing a curly apostrophe) and the reference the tests compare against.

Term syntax
-----------
* Words are matched whole and case-insensitively: ``may`` matches "May" and
  "may" but not "mayor"; context rules (May the month, negation) live in the
  measures that use the matcher, not here.
* A multi-word term (``not a cure``) matches across any run of spaces or
  hyphens; a hyphen in a term is the same as a space (``game-changer`` matches
  "game changer" and "game-changer").
* ``*`` at the end of a word matches any ending (``suggest*`` → suggests,
  suggested, suggestion), as in LIWC dictionaries. Only a term's last word may
  end in ``*``: the scan stops a term at its ``*``, so ``reduc* symptoms`` finds
  the span "reducing" (which has no entry, so no match) and matches only
  "reduc symptoms", not "reducing symptoms" (a known limitation).
* ``'`` matches both straight and curly apostrophes.
* Where terms overlap, the longest match at a position wins (``can be sure``
  beats ``can``), and matches do not overlap.
* A term inside a hyphenated compound is not matched (``IV`` does not match
  "DSM-IV"); a possessive ``'s`` does not stop a match ("ketamine's").
"""
from __future__ import annotations

import csv
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain, count
from pathlib import Path
from typing import Iterable, Iterator, NamedTuple

import numba
import numpy as np
import pandas as pd

from .automaton import Automaton
from .paths import DATA_DIR

__all__ = ["Lexicon", "Match", "load_lexicon", "LexiconError", "LEXICON_DIR", "PreparedText", "JoinedTexts",
           "join_texts", "scan_together"]

LEXICON_DIR = DATA_DIR / "lexicons"
_SPLIT = re.compile(r"[\s\-–]+")
_VALID_WORD = re.compile(r"^[^\s*]+\*?$")


def _valid_term(term: str) -> bool:
    """Words separated by spaces or hyphens, with ``*`` only at the end of the last word.

    A ``*`` inside a multi-word term (``reduc* symptoms``) is rejected: the matchers treat a
    wildcard as ending the term, so it could only match literally.
    """
    words = _SPLIT.split(term)
    return all(w and _VALID_WORD.match(w) for w in words) and "*" not in "".join(words[:-1])
_GAP = r"[\s\-–]+"
_SEP = "\x00"  # joins texts for one scan: neither a word character, a gap nor an apostrophe
#: every character of ``[\s\-–]`` (checked in the tests), each mapped to one space in the Aho-Corasick copy
_GAP_CHARS = "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f -\x85\xa0\u1680" + "".join(map(chr, range(0x2000, 0x200B))) + \
    "\u2013\u2028\u2029\u202f\u205f\u3000"
_WORD_TAIL = re.compile(r"\w*")


class LexiconError(ValueError):
    """A lexicon file or table is malformed; the message names the file and line."""


@dataclass(frozen=True)
class Match:
    """One lexicon hit: character span, the matched text and the lexicon entry."""

    start: int
    end: int
    text: str
    category: str
    term: str
    weight: float


def _normalize(span: str) -> str:
    return " ".join(_SPLIT.split(span.lower().replace("’", "'"))).strip()


def _term_regex(term: str) -> str:
    parts = []
    for word in _SPLIT.split(term.strip()):
        wild = word.endswith("*")
        piece = re.escape(word.rstrip("*")).replace("'", "['’]")
        parts.append(piece + (r"\w*" if wild else ""))
    return _GAP.join(parts)


def _trie_regex(terms: list[str]) -> str:
    """One regular expression for all ``terms``, factored as a character trie.

    A trie lets the regex engine reject a position after a character or two instead
    of trying every term in turn (about 20x faster than a flat alternation on a
    600-term lexicon). At every node, longer continuations are tried before a
    wildcard ending, and both before the term ends there: the longest match wins,
    as in a flat alternation sorted by length.
    """
    return _node_regex(_trie(terms))


def _trie(terms: list[str]) -> dict:
    """The character trie behind :func:`_trie_regex`: ``" "`` is a gap, ``_END`` ends a term, ``_WILD`` a
    ``*`` (which ends the path there: a term's words after a ``*`` hang off the node before it)."""
    root: dict = {}
    for term in terms:
        node = root
        words = _SPLIT.split(term.strip())
        for i, word in enumerate(words):
            for ch in word.rstrip("*"):
                node = node.setdefault(ch, {})
            if word.endswith("*"):
                node[_WILD] = True
            if i < len(words) - 1:
                node = node.setdefault(" ", {})
        node[_END] = True
    return root


def _trie_keys(root: dict) -> dict[str, bool]:
    """Every path of the trie that ends a term, as ``key → wildcard`` (words joined by one space).

    These are exactly the alternatives of :func:`_trie_regex`: a literal key, or (wildcard) a key
    followed by ``\\w*``, which also covers the key alone.
    """
    keys, stack = {}, [("", root)]
    while stack:
        prefix, node = stack.pop()
        if node.get(_WILD) or node.get(_END):
            keys[prefix] = bool(node.get(_WILD))
        stack.extend((prefix + ch, child) for ch, child in node.items() if ch not in (_END, _WILD))
    return keys


_END, _WILD = "", "*"


def _node_regex(node: dict) -> str:
    alternatives = []
    for ch in sorted(k for k in node if k not in (_END, _WILD)):
        piece = _GAP if ch == " " else "['’]" if ch == "'" else re.escape(ch)
        alternatives.append(piece + _node_regex(node[ch]))
    if node.get(_WILD):
        alternatives.append(r"\w*")
    elif node.get(_END):
        alternatives.append("")
    if len(alternatives) == 1:
        return alternatives[0]
    return "(?:" + "|".join(alternatives) + ")"


class Lexicon:
    """A compiled set of ``category → terms``.

    Parameters
    ----------
    entries : DataFrame or iterable of dict
        Rows with ``category`` and ``term``; optional ``weight`` (float, default 1.0)
        and any other columns (``source``, ``note``), which are kept in :attr:`entries`.
    name : str
        Shown in error messages (usually the file it came from).

    Examples
    --------
    >>> lex = Lexicon([{"category": "hedge", "term": "may"}, {"category": "booster", "term": "can be sure"}])
    >>> [(m.text, m.category) for m in lex.matches("You can be sure it may help; May 2024.")]
    [('can be sure', 'booster'), ('may', 'hedge'), ('May', 'hedge')]
    """

    def __init__(self, entries: pd.DataFrame | Iterable[dict], name: str = "lexicon"):
        table = pd.DataFrame(entries).copy()
        self.name = name
        missing = {"category", "term"} - set(table.columns)
        if missing:
            raise LexiconError(f"{name}: missing column(s) {sorted(missing)}; a lexicon needs category and term.")
        if table.empty:
            raise LexiconError(f"{name}: has no terms.")
        if "weight" not in table:
            table["weight"] = 1.0
        table["category"] = table["category"].astype(str).str.strip()
        table["term"] = table["term"].astype(str).str.strip().str.lower()
        for i, row in enumerate(table.itertuples(index=False)):
            where = f"{name}, entry {i + 1} ({row.category!r}, {row.term!r})"
            if not row.category or row.category == "nan":
                raise LexiconError(f"{where}: empty category.")
            if not row.term or row.term == "nan" or not _valid_term(row.term):
                raise LexiconError(f"{where}: a term must be words separated by spaces, '*' only at its end.")
        try:
            table["weight"] = pd.to_numeric(table["weight"], errors="raise").astype(float)
        except (ValueError, TypeError) as exc:
            raise LexiconError(f"{name}: weight must be a number ({exc}).") from exc
        dup = table.duplicated(["category", "term"], keep="first")
        if dup.any():
            row = table[dup].iloc[0]
            raise LexiconError(f"{name}: term {row.term!r} listed twice in category {row.category!r}.")
        self.entries = table.reset_index(drop=True)
        self.categories = tuple(dict.fromkeys(table["category"]))

        self._literal: dict[str, list[tuple[str, str, float]]] = {}
        self._wild: list[tuple[re.Pattern, tuple[str, str, float]]] = []
        for row in self.entries.itertuples(index=False):
            entry = (row.category, row.term, row.weight)
            if "*" in row.term:
                self._wild.append((re.compile(_term_regex(row.term), re.I), entry))
            else:
                self._literal.setdefault(_normalize(row.term), []).append(entry)
        self._cache: dict[str, list[tuple[str, str, float]]] = {}
        terms = sorted(set(self.entries["term"]))
        alternation = _trie_regex(terms)
        self._keys = _trie_keys(_trie(terms))
        self._scanners: dict[tuple[str, ...], _Scanner | None] = {}  # per probe set, built on first use
        pattern = rf"(?<!\w)(?<!\w[\-'’])(?:{alternation})(?!\w|-\w|['’](?!s\b)\w)"
        self._regex = re.compile(pattern, re.I)
        self._lower_regex = re.compile(pattern)  # on lower-cased text: about twice as fast as re.I

    def __repr__(self) -> str:
        return f"Lexicon({self.name!r}, {len(self.entries)} terms, categories={list(self.categories)})"

    def entries_for(self, span: str) -> list[tuple[str, str, float]]:
        """All ``(category, term, weight)`` entries whose pattern matches ``span`` exactly."""
        hits = self._cache.get(span)
        if hits is None:
            hits = list(self._literal.get(_normalize(span), ()))
            hits += [entry for rx, entry in self._wild if rx.fullmatch(span)]
            if len(self._cache) < 100_000:
                self._cache[span] = hits
        return list(hits)

    def spans(self, text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str]]:
        """``(start, end, matched text)`` of every match in ``text[start:end]``, in order.

        The fast path behind :meth:`matches`: one scan, no per-category objects. Look
        the entries of a span up with :meth:`entries_for` (cached per distinct span).
        """
        starts, ends, _, _ = self._scan(text, start, end)
        return _slices(text, starts, ends)

    def _scan(self, text: str, start: int = 0, end: int | None = None, probes: tuple[str, ...] = ()
              ) -> tuple[np.ndarray, np.ndarray, np.ndarray | None, np.ndarray | None]:
        """Start and end offsets of every match in ``text[start:end]``, then those of every occurrence of
        the ``probes`` strings (see :meth:`_scan_prepared`)."""
        end = len(text) if end is None else end
        return self._scan_prepared(PreparedText(text if end >= len(text) else text[:end]), start, probes)

    def _scan_prepared(self, prepared: "PreparedText", start: int = 0, probes: tuple[str, ...] = ()
                       ) -> tuple[np.ndarray, np.ndarray, np.ndarray | None, np.ndarray | None]:
        """Start and end offsets of every match in ``prepared.text[start:]``, Aho-Corasick where it applies,
        else the regex; then start and end offsets of every occurrence of the ``probes`` strings (see
        :meth:`_ac_scan`), or ``None, None`` on the regex path, which does not look for them."""
        found = prepared.found.get((self, tuple(probes))) if start == 0 else None
        if found is not None:  # scanned with other lexicons in one pass (scan_together)
            return found
        scanner = self._scanner(tuple(probes))
        if scanner is None or not prepared.lower_keeps_length:
            return *self._regex_scan(prepared.text, start), None, None
        return _resolve(prepared, start, *scanner.candidates(prepared.codes[:-_PAD])[0])

    def _regex_scan(self, text: str, start: int = 0, end: int | None = None) -> tuple[np.ndarray, np.ndarray]:
        """The reference scan: the trie regex, on lower-cased text when that keeps offsets, else with ``re.I``."""
        end = len(text) if end is None else end
        lower = text.lower()
        if len(lower) != len(text):  # a character lower-cases to two ('İ'): offsets would shift
            found = [m.span() for m in self._regex.finditer(text, start, end)]
        else:
            found = [m.span() for m in self._lower_regex.finditer(lower, start, end)]
        pos = np.array(found, dtype=np.int64).reshape(-1, 2)
        return pos[:, 0].copy(), pos[:, 1].copy()

    def _regex_spans(self, text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str]]:
        """:meth:`spans` by the regex scan only (the reference the Aho-Corasick scan must equal)."""
        starts, ends = self._regex_scan(text, start, end)
        return _slices(text, starts, ends)

    def _scanner(self, probes: tuple[str, ...]) -> "_Scanner | None":
        """The Aho-Corasick scanner of the trie keys plus ``probes`` (normalised as terms are), built once per
        probe set; None where the automaton cannot express a key (see :func:`_scanner`)."""
        if probes not in self._scanners:
            self._scanners[probes] = _scanner(((self._keys, tuple(_normalize(p) for p in probes)),))
        return self._scanners[probes]

    def _span_ids(self, prepared: "PreparedText") -> tuple[np.ndarray, np.ndarray, np.ndarray, list[str]]:
        """:meth:`spans` of ``prepared.text`` as arrays: ``starts, ends, ids`` (index into the distinct
        matched texts, in order of first appearance) and the distinct matched texts."""
        starts, ends, _, _ = self._scan_prepared(prepared)
        ids, distinct = _factorize_spans(prepared, starts, ends)
        return starts, ends, ids, list(distinct)

    def matches(self, text: str, start: int = 0, end: int | None = None) -> Iterator[Match]:
        """Yield every match in ``text[start:end]``, in order; offsets index ``text``.

        A span that belongs to several categories yields one :class:`Match` per category.
        """
        for a, b, span in self.spans(text, start, end):
            for category, term, weight in self.entries_for(span):
                yield Match(a, b, span, category, term, weight)

    def match_table(self, sentences: pd.DataFrame) -> pd.DataFrame:
        """Match every sentence of a segmented corpus.

        Parameters
        ----------
        sentences : DataFrame
            From :func:`analysis.segment` (``doc_id, sent, start, text``).

        Returns
        -------
        DataFrame
            One row per match: ``doc_id, sent, category, term, matched, start, end``,
            offsets into the article text (sentence start + offset in sentence).
        """
        found = self._match_texts(sentences["text"].tolist())
        text_id = found.text_id
        s0 = sentences["start"].to_numpy(dtype=np.int64)[text_id]
        return pd.DataFrame({
            "doc_id": sentences["doc_id"].to_numpy()[text_id], "sent": sentences["sent"].to_numpy()[text_id],
            "category": found.category, "term": found.term, "matched": found.matched,
            "start": s0 + found.start, "end": s0 + found.end,
        }, columns=["doc_id", "sent", "category", "term", "matched", "start", "end"]).astype(
            {"doc_id": str, "sent": "int64", "start": "int64", "end": "int64"})

    def _match_texts(self, texts: list[str], probes: tuple[str, ...] = (), joined: "JoinedTexts | None" = None
                     ) -> "TextMatches":
        """Every (match, entry) in ``texts``, scanned as one joined string, and where ``probes`` occur.

        Rows are in text order, then match order, then entry order, exactly as :meth:`matches` on
        each text in turn; see :class:`TextMatches`. ``joined`` is :func:`join_texts` of ``texts`` if the
        caller has it.
        """
        joined = join_texts(texts) if joined is None else joined
        prepared, bounds = joined.prepared, joined.starts
        if prepared.lower_keeps_length:
            starts, ends, probe_start, probe_end = self._scan_prepared(prepared, probes=probes)
            unprobed = np.full(len(texts), probe_start is None)
        else:  # rare: per text, so each keeps its own lower-casing path
            parts = [self._scan(t, probes=probes) for t in texts]
            unprobed = np.array([p[2] is None for p in parts], dtype=bool)
            starts, ends, probe_start, probe_end = (_shift_concat([p[k] for p in parts], bounds) for k in range(4))
        if probe_start is None:
            probe_start = probe_end = np.zeros(0, dtype=np.int64)
        ids, distinct = _factorize_spans(prepared, starts, ends)
        entries = [self.entries_for(span) for span in distinct]
        n_entries = np.fromiter(map(len, entries), dtype=np.int64, count=len(entries))
        flat = list(chain.from_iterable(entries))
        row, entry = _rows_per_entry(ids, n_entries)
        text_id = np.searchsorted(bounds, starts[row], side="right") - 1
        probe_text = np.searchsorted(bounds, probe_start, side="right") - 1
        return TextMatches(
            text_id, starts[row] - bounds[text_id], ends[row] - bounds[text_id], distinct[ids[row]],
            np.array([e[0] for e in flat], dtype=object)[entry], np.array([e[1] for e in flat], dtype=object)[entry],
            probe_text, probe_start - bounds[probe_text], probe_end - bounds[probe_text], unprobed)


class TextMatches(NamedTuple):
    """What :meth:`Lexicon._match_texts` finds in a list of texts; offsets are into each text.

    Attributes
    ----------
    text_id, start, end : ndarray of int64
        One row per (match, entry): the text, where the match starts and ends.
    matched, category, term : ndarray of object
        The matched text and the entry's category and term.
    probe_text, probe_start, probe_end : ndarray of int64
        One row per occurrence of a probe string: the text, where it starts and ends.
    unprobed : ndarray of bool
        One per text: True where the regex scanned the text, which does not look for probes.
    """

    text_id: np.ndarray
    start: np.ndarray
    end: np.ndarray
    matched: np.ndarray
    category: np.ndarray
    term: np.ndarray
    probe_text: np.ndarray
    probe_start: np.ndarray
    probe_end: np.ndarray
    unprobed: np.ndarray


def _slices(text: str, starts: np.ndarray, ends: np.ndarray) -> list[tuple[int, int, str]]:
    return [(a, b, text[a:b]) for a, b in zip(starts.tolist(), ends.tolist())]


def _rows_per_entry(ids: np.ndarray, n_entries: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """One row per (match, entry): the match (index into ``ids``) and the entry of each row, where the
    ``n_entries[k]`` entries of distinct span ``k`` follow those of spans ``0 .. k - 1`` in one flat list."""
    per_match = n_entries[ids]
    row = np.repeat(np.arange(len(ids)), per_match)
    first_entry, first_row = np.cumsum(n_entries) - n_entries, np.cumsum(per_match) - per_match
    return row, np.repeat(first_entry[ids] - first_row, per_match) + np.arange(len(row))


def _shift_concat(arrays: list[np.ndarray | None], offsets: np.ndarray) -> np.ndarray:
    """The arrays (None: skipped) shifted by their offsets, end to end."""
    shifted = [x + o for x, o in zip(arrays, offsets.tolist()) if x is not None]
    return np.concatenate([np.zeros(0, dtype=np.int64)] + shifted)


def _resolve(prepared: "PreparedText", start: int, a: np.ndarray, b: np.ndarray, wild: np.ndarray,
             probe_start: np.ndarray, probe_end: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Matches in ``prepared.text`` from offset ``start``, and the occurrences of the probes, from one part
    of :meth:`_Scanner.candidates` (key ``a, b, wild``; probe ``probe_start, probe_end``).

    The automaton finds the trie keys in a lower-cased copy of the text with gap characters as
    spaces, runs of spaces as one and curly apostrophes straight (see :class:`_Scanner`); a candidate
    is kept if it passes the regex's boundary rules on the lower-cased text: not after ``\\w`` or
    ``\\w`` + hyphen/apostrophe; a wildcard key extends over ``\\w*``; not before ``\\w``, ``-\\w`` or
    an apostrophe + ``\\w`` other than a possessive ``'s``. At each start the longest candidate wins
    (the trie regex tries longer alternatives first, and a shorter one can only succeed where no
    longer one does); then matches are taken left to right without overlap, as ``finditer`` does.

    Probes are extra strings found in the same pass, in the same normalised copy (so ``'`` also
    finds ``’``) but anywhere, overlapping or not, with no boundary rule; their start and end
    offsets are returned after those of the matches.
    """
    in_scan = probe_start >= start
    probe_start, probe_end = probe_start[in_scan], probe_end[in_scan]
    in_scan = a >= start
    a, b, wild = a[in_scan], b[in_scan], wild[in_scan]
    cp = prepared.codes  # is_word and is_joiner are the same for a character and its lower case
    before = cp[a - 1]
    keep = ~_is_word(before) & ~(_is_joiner(before) & _is_word(cp[a - 2]))
    a, b, wild = a[keep], b[keep], wild[keep]
    idx = np.flatnonzero(wild & _is_word(cp[b]))  # wildcards followed by a word character: extend
    for _ in range(32):  # a step at a time, vectorised; the few longer words take the regex below
        if not len(idx):
            break
        b[idx] += 1
        idx = idx[_is_word(cp[b[idx]])]
    if len(idx):
        tail = _WORD_TAIL.match
        b[idx] = [tail(prepared.text, x).end() for x in b[idx].tolist()]
    c0, c1 = cp[b], _lower_codes(cp[b + 1])  # 'S' is a possessive 's' too
    w1 = _is_word(c1)
    bad = _is_word(c0) | ((c0 == 45) & w1) | \
        (((c0 == 39) | (c0 == 0x2019)) & w1 & ~((c1 == 115) & ~_is_word(cp[b + 2])))
    a, b = a[~bad], b[~bad]
    order = _sort_order(a, b.max(initial=0) - b)  # by start, longest first
    a, b = a[order], b[order]
    taken = _leftmost_longest(a, b)
    a, b = a[taken], b[taken]
    return a, b, probe_start, probe_end


def _sort_order(*keys: np.ndarray) -> np.ndarray:
    """``np.lexsort(keys[::-1])``: the stable order by the first key, then the next... (non-negative integer
    arrays); one stable sort of a combined key when it fits 63 bits, which is quick on the nearly sorted
    rows of a scan (matches arrive in text order)."""
    sizes = [int(k.max(initial=0)) + 1 for k in keys]
    if min((k.min(initial=0) for k in keys), default=0) < 0 or np.prod(sizes, dtype=float) >= 2.0 ** 63:
        return np.lexsort(keys[::-1])
    combined = np.zeros(len(keys[0]), dtype=np.int64)
    for key, size in zip(keys, sizes):
        combined = combined * size + key
    return np.argsort(combined, kind="stable")


@numba.njit(cache=True, nogil=True)
def _leftmost_longest(a, b):
    """Which of the candidates ``[a, b)`` (sorted by start, longest first) are taken left to right
    without overlap, the longest at each start, as ``finditer`` takes the matches of a regex."""
    taken = np.zeros(len(a), dtype=np.bool_)
    end = -1
    for i in range(len(a)):
        if a[i] >= end and (i == 0 or a[i] != a[i - 1]):
            taken[i] = True
            end = b[i]
    return taken


def _factorize_spans(prepared: "PreparedText", starts: np.ndarray, ends: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``ids`` (int64) of the spans ``text[start:end]`` into ``distinct`` (object array), in order of first appearance.

    Spans are grouped by a hash of their code points, then every span is compared with the first of its
    group, so the grouping is exact; one string is made per distinct span (a hash collision, never seen,
    falls back to a string per span).
    """
    codes = prepared.codes
    ids, _ = pd.factorize(_span_hashes(codes, starts, ends))
    first = np.flatnonzero(np.diff(np.maximum.accumulate(ids), prepend=-1))  # ids count up from 0 as they appear
    if _spans_equal(codes, starts, ends, first[ids]):
        text = prepared.text
        distinct = [text[a:b] for a, b in zip(starts[first].tolist(), ends[first].tolist())]
        return ids.astype(np.int64), np.array(distinct, dtype=object)
    spans = np.array([prepared.text[a:b] for a, b in zip(starts.tolist(), ends.tolist())], dtype=object)
    ids, distinct = pd.factorize(spans)
    return ids.astype(np.int64), np.asarray(distinct, dtype=object)


@numba.njit(cache=True, nogil=True)
def _span_hashes(codes, starts, ends):
    """A 64-bit FNV-1a hash of the code points of each span ``codes[start:end]``."""
    out = np.empty(len(starts), dtype=np.uint64)
    for k in range(len(starts)):
        h = np.uint64(0xCBF29CE484222325)
        for i in range(starts[k], ends[k]):
            h = (h ^ np.uint64(codes[i])) * np.uint64(0x100000001B3)
        out[k] = h
    return out


@numba.njit(cache=True, nogil=True)
def _spans_equal(codes, starts, ends, rep):
    """Whether each span ``codes[starts[k]:ends[k]]`` equals the span ``rep[k]``."""
    for k in range(len(starts)):
        a, b, r = starts[k], ends[k], starts[rep[k]]
        if b - a != ends[rep[k]] - r:
            return False
        for i in range(b - a):
            if codes[a + i] != codes[r + i]:
                return False
    return True


_PAD = 3  # zeros after a text's code points, so that [-1], [-2] and the look-ahead past its end read as edges


class PreparedText:
    """A text and its code points, prepared once for any number of lexicon scans.

    Parameters
    ----------
    text : str

    Attributes
    ----------
    text : str
    codes : ndarray of uint16 or uint32
        The code points of ``text`` followed by three zeros (so ``codes[-1]`` and ``codes[-2]`` read as
        the text's start, and look-ahead past its end as its end); uint16 unless a character is beyond
        the BMP (half the memory of uint32).
    lower_keeps_length : bool
        False when a character lower-cases to several ('İ'): offsets into ``text.lower()`` would shift,
        so a lexicon scans such a text with its regex.
    found : dict
        ``(lexicon, probes)`` -> the lexicon's scan of the whole text, filled by :func:`scan_together`.
    """

    def __init__(self, text: str):
        padded = text + "\x00" * _PAD
        data = padded.encode("utf-16-le", "surrogatepass")
        if len(data) == 2 * len(padded):
            self.codes = np.frombuffer(data, dtype=np.uint16)
        else:
            self.codes = np.frombuffer(padded.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        self.text = text
        self.lower_keeps_length = not any(ch in text for ch in _MULTI_LOWER_BMP) and (
            self.codes.dtype == np.uint16 or _lower_keeps_length(self.codes[self.codes > 0xFFFF]))
        self.found: dict[tuple[Lexicon, tuple[str, ...]], tuple] = {}


def scan_together(prepared: PreparedText, requests: Iterable[tuple[Lexicon, tuple[str, ...]]]) -> None:
    """Scan ``prepared`` for several lexicons in one walk of the text, so that later scans of it by
    those lexicons (with those probes) cost nothing.

    The results are what each lexicon's own scan gives; they are kept in ``prepared.found``. Lexicons the
    Aho-Corasick scan cannot serve, and texts whose lower-casing changes their length, are left to the
    lexicons' own scans.

    Parameters
    ----------
    prepared : PreparedText
        Usually ``join_texts(texts).prepared``.
    requests : iterable of (Lexicon, tuple of str)
        Each lexicon with the probe strings its caller scans for (see :meth:`Lexicon._match_texts`).
    """
    requests = tuple((lexicon, tuple(probes)) for lexicon, probes in requests)
    scanner = _joint_scanner(requests) if prepared.lower_keeps_length else None
    if scanner is None:
        return
    for request, part in zip(requests, scanner.candidates(prepared.codes[:-_PAD])):
        prepared.found[request] = _resolve(prepared, 0, *part)


@lru_cache(maxsize=8)
def _joint_scanner(requests: tuple[tuple[Lexicon, tuple[str, ...]], ...]) -> _Scanner | None:
    """One :class:`_Scanner` for the lexicons and probes of ``requests`` (built once per set)."""
    return _scanner(tuple((lexicon._keys, tuple(_normalize(p) for p in probes)) for lexicon, probes in requests))


class JoinedTexts(NamedTuple):
    """Texts joined into one for a single scan, prepared once and shared by any number of lexicons.

    Build it with :func:`join_texts`. Stance (:func:`analysis.stance.sentence_stance`) and concepts
    (:func:`analysis.concepts.concept_mentions`) accept it as ``joined=`` so that a pipeline running
    both on the same sentences joins and encodes their texts once, and, after :func:`scan_together`
    with both modules' ``scan_request()``, walks them once::

        joined = join_texts(sentences["text"].tolist())
        scan_together(joined.prepared, [stance.scan_request(), concepts.scan_request()])
        table, markers = stance.sentence_stance(sentences, joined=joined)
        mentions = concepts.concept_mentions(sentences, joined=joined)

    Attributes
    ----------
    texts : list of str
        The texts, in order.
    prepared : PreparedText
        The texts joined by ``"\\x00"`` (neither a word character, a gap nor an apostrophe, so no match
        and no word crosses it).
    starts : ndarray of int64
        Offset of each text in ``prepared.text``.
    """

    texts: list[str]
    prepared: PreparedText
    starts: np.ndarray


def join_texts(texts: Iterable[str]) -> JoinedTexts:
    """Join ``texts`` for one scan (see :class:`JoinedTexts`).

    Examples
    --------
    >>> joined = join_texts(["It may help.", "", "Yes"])
    >>> joined.prepared.text, joined.starts.tolist()
    ('It may help.\\x00\\x00Yes', [0, 13, 14])
    """
    texts = list(texts)
    lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts)) + 1
    return JoinedTexts(texts, PreparedText(_SEP.join(texts)), np.cumsum(lengths) - lengths)


def _check_joined(joined: JoinedTexts, texts: list[str]) -> None:
    """Raise ValueError unless ``joined`` was built from ``texts`` (cheap: the strings are usually the same objects)."""
    if joined.texts != texts:
        raise ValueError("joined= must be join_texts() of the same texts (the sentences' text column, in order).")


def _bmp_tables() -> tuple[np.ndarray, np.ndarray, str]:
    """For every BMP code point: its lower-case code point (itself where lower-casing gives several
    characters), whether that is a word character, and the characters that lower-case to several."""
    chars = [chr(c) for c in range(0x10000)]
    lowers = [c.lower() for c in chars]
    lower = np.array([ord(low) if len(low) == 1 else ord(c) for c, low in zip(chars, lowers)], dtype=np.uint16)
    word = np.array([low.isalnum() or low == "_" for low in lowers], dtype=bool)
    return lower, word, "".join(c for c, low in zip(chars, lowers) if len(low) != 1)


_BMP_LOWER, _BMP_WORD, _MULTI_LOWER_BMP = _bmp_tables()  # no BMP character lower-cases beyond the BMP
_GAP_CODES = np.array([ord(c) for c in _GAP_CHARS], dtype=np.uint32)


def _lower_keeps_length(codes: np.ndarray) -> bool:
    return all(len(chr(c).lower()) == 1 for c in np.unique(codes).tolist())


def _lower_codes(codes: np.ndarray) -> np.ndarray:
    """The lower-case code point of each code point (itself where lower-casing gives several characters)."""
    out = _BMP_LOWER[np.minimum(codes, 0xFFFF)].astype(codes.dtype)
    astral = np.flatnonzero(codes > 0xFFFF)
    if len(astral):
        unique, inverse = np.unique(codes[astral], return_inverse=True)
        lowers = [chr(c).lower() for c in unique.tolist()]
        out[astral] = np.array([ord(low) if len(low) == 1 else c for c, low in zip(unique.tolist(), lowers)],
                               dtype=codes.dtype)[inverse]
    return out


class _Scanner(NamedTuple):
    """An Aho-Corasick automaton over the trie keys (and probe strings) of one or more lexicons ("parts"),
    and how to normalise a text for it.

    The automaton reads a copy of the lower-cased text in which gap characters are spaces, runs of spaces
    are one, ``’`` is ``'`` and every other character that is neither a word character nor in a key or
    probe (``keep``) is ``boundary``, with one ``boundary`` before and after the text. When ``framed``, each
    key is stored once per frame: after any non-word character it can follow in that copy (space,
    ``boundary`` or a ``keep`` character) and, unless a wildcard, before one, so the automaton reports
    only candidates at word edges (a key inside a longer word, as 'it' in "with", is never reported).
    An automaton value holds flags: the framed flag, then per part whether the string is a key, a
    wildcard key and a probe of that part (see :func:`_flag`). Several lexicons scanned with one
    automaton walk the text once.
    """

    automaton: Automaton
    table: np.ndarray    # BMP code point -> code point in the normalised copy (uint16)
    symbol: np.ndarray   # BMP code point -> the automaton's symbol of its normalised code point
    keep: str
    boundary: int
    n_parts: int

    def symbols(self, codes: np.ndarray) -> np.ndarray:
        """The automaton's symbols of the normalised copy of the code points ``codes``."""
        out = self.symbol.take(codes, mode="clip")  # beyond the BMP reads U+FFFF: set below
        astral = np.flatnonzero(codes > 0xFFFF) if codes.dtype.itemsize > 2 else ()
        if len(astral):
            unique, inverse = np.unique(codes[astral], return_inverse=True)
            lower = _lower_codes(unique)
            out[astral] = self.automaton.symbols(_normalise(lower, _is_word(lower), self.keep, self.boundary))[inverse]
        return out

    def candidates(self, codes: np.ndarray) -> list[tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]]:
        """Per part, every key and probe found in the text of code points ``codes``: key ``start, end``
        (offsets into the text; a wildcard key not yet extended) and ``wild``, then probe ``start, end``."""
        automaton = self.automaton
        space = int(automaton.table[32]) if automaton.table[32] else -1  # no string has a space: nothing to squeeze
        boundary = int(automaton.table[self.boundary])
        hits = automaton.find(self.symbols(codes), squeeze=space, before=boundary, after=boundary)
        code, in_frame = hits.value, (hits.value & 1) != 0  # _FRAMED
        out = []
        for part in range(self.n_parts):
            key, probe = (code & _flag(part, _KEY)) != 0, (code & _flag(part, _PROBE)) != 0
            wild = ((code & _flag(part, _WILD)) != 0)[key]
            framed = in_frame[key]
            key_first = np.where(framed, hits.second[key], hits.start[key])
            key_last = np.where(framed & ~wild, hits.prev[key], hits.end[key])
            out.append((key_first, key_last + 1, wild, hits.start[probe], hits.end[probe] + 1))
        return out


_KEY, _WILD, _PROBE = 0, 1, 2  # per-part flags of an automaton value; bit 0 is "framed"


def _flag(part: int, kind: int) -> int:
    """The bit of an automaton value saying the string is a key (``_KEY``), a wildcard key (``_WILD``) or a
    probe (``_PROBE``) of part ``part``."""
    return 1 << (1 + 3 * part + kind)


def _word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def _scanner(parts: tuple[tuple[dict[str, bool], tuple[str, ...]], ...]) -> _Scanner | None:
    """The :class:`_Scanner` of the parts' trie keys and (normalised) probe strings, or None where the scan
    cannot express a key (a curly apostrophe in a term matches only itself, not a straight one; a lone
    surrogate in the text is read as a non-word character)."""
    parts = tuple((keys, tuple(p for p in probes if p)) for keys, probes in parts)
    strings = [s for keys, probes in parts for s in chain(keys, probes)]
    if any("’" in s or re.search("[\ud800-\udfff]", s) for s in strings):
        return None
    keep = "".join(sorted({ch for s in strings for ch in s if ch != " " and not _word_char(ch)}))
    boundary = next(c for c in count(1) if chr(c) not in keep)
    frames = " " + chr(boundary) + keep
    strings_of = [_key_strings(keys, frames) for keys, _ in parts]
    framed = all(s is not None for s in strings_of)
    if not framed:
        strings_of = [_key_strings(keys, "") for keys, _ in parts]
    values: dict[str, int] = {}
    for part, ((_, probes), key_strings) in enumerate(zip(parts, strings_of)):
        for string, wild in key_strings.items():
            values[string] = values.get(string, 0) | _flag(part, _KEY) | (_flag(part, _WILD) if wild else 0) | int(framed)
        for probe in probes:
            values[probe] = values.get(probe, 0) | _flag(part, _PROBE)
    automaton = Automaton(list(values), list(values.values()))
    table = _normalise(_BMP_LOWER, _BMP_WORD, keep, boundary)
    table[0xD800:0xE000] = boundary  # lone surrogates: each read as a non-word character
    return _Scanner(automaton, table, automaton.symbols(table), keep, boundary, len(parts))


def _key_strings(keys: dict[str, bool], frames: str) -> dict[str, bool] | None:
    """Automaton strings of the keys (and whether each is a wildcard), each framed by every ``frames``
    character before it and, unless a wildcard, after it (no frames: the keys alone); None if two framed
    strings coincide (a wildcard key equal to another key plus a frame character), where the caller does
    without frames."""
    strings: dict[str, bool] = {}
    for key, wild in keys.items():
        for string in ([p + key for p in frames] if wild else [p + key + f for p in frames for f in frames]) \
                if frames else [key]:
            if string in strings:
                return None
            strings[string] = wild
    return strings


def _normalise(lower: np.ndarray, word: np.ndarray, keep: str, boundary: int) -> np.ndarray:
    """The normalised copy (see :class:`_Scanner`) of lower-cased code points ``lower`` (``word``: which
    are word characters)."""
    out = np.where(word | np.isin(lower, [ord(ch) for ch in keep]), lower, boundary).astype(lower.dtype)
    out[np.isin(lower, _GAP_CODES)] = 32
    if "'" in keep:
        out[lower == 0x2019] = 39
    return out


_ASCII_WORD = np.array([chr(i).isalnum() or chr(i) == "_" for i in range(128)] + [False])


def _is_word(codes: np.ndarray) -> np.ndarray:
    """``\\w`` for an array of code points (``str.isalnum`` or ``_``, which is what ``\\w`` means)."""
    out = _ASCII_WORD[np.minimum(codes, 128)]
    high = codes >= 128
    if high.any():
        unique, inverse = np.unique(codes[high], return_inverse=True)
        out[high] = np.array([chr(c).isalnum() for c in unique.tolist()], dtype=bool)[inverse]
    return out


def _is_joiner(codes: np.ndarray) -> np.ndarray:
    """A hyphen or an apostrophe (straight or curly)."""
    return (codes == 45) | (codes == 39) | (codes == 0x2019)


def load_lexicon(source: str | os.PathLike, categories: Iterable[str] | None = None) -> Lexicon:
    """Load a lexicon by bundled name (``data/lexicons/NAME.csv``) or from a file.

    Parameters
    ----------
    source : str or path-like
        A bundled lexicon name, a ``.csv`` file (``category,term[,weight,source,note]``)
        or a LIWC-style ``.dic`` file.
    categories : iterable of str, optional
        Keep only these categories; an unknown one raises ``LexiconError``.

    Raises
    ------
    LexiconError
        Unknown name, unreadable file, or a malformed line (named in the message).
    """
    path = Path(source)
    if not path.suffix and not path.exists():
        path = LEXICON_DIR / f"{source}.csv"
        if not path.exists():
            names = sorted(p.stem for p in LEXICON_DIR.glob("*.csv"))
            raise LexiconError(f"unknown lexicon {str(source)!r}; bundled lexicons: {names}, or pass a .csv/.dic path.")
    if not path.exists():
        raise LexiconError(f"{path}: lexicon file not found.")
    if path.suffix.lower() == ".dic":
        table = _read_dic(path)
    elif path.suffix.lower() == ".csv":
        table = _read_csv(path)
    else:
        raise LexiconError(f"{path}: unsupported lexicon format {path.suffix!r}; use .csv or .dic.")
    lexicon = Lexicon(table, name=str(path))
    if categories is not None:
        categories = list(categories)
        unknown = sorted(set(categories) - set(lexicon.categories))
        if unknown:
            raise LexiconError(f"{path}: unknown categor(y/ies) {unknown}; it has {list(lexicon.categories)}.")
        lexicon = Lexicon(lexicon.entries[lexicon.entries["category"].isin(categories)], name=str(path))
    return lexicon


def _read_csv(path: Path) -> pd.DataFrame:
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            rows = [r for r in csv.reader(handle)]
    except UnicodeDecodeError as exc:
        raise LexiconError(f"{path}: not valid UTF-8 (offset {exc.start}); re-save it as UTF-8.") from exc
    if not rows:
        raise LexiconError(f"{path}: empty file; the first line must be a header such as category,term,weight,source.")
    header = [h.strip() for h in rows[0]]
    missing = {"category", "term"} - set(header)
    if missing:
        raise LexiconError(f"{path}, line 1: header lacks {sorted(missing)}; expected category,term[,weight,source,note].")
    records = []
    for line, row in enumerate(rows[1:], start=2):
        if not row or (len(row) == 1 and not row[0].strip()) or row[0].startswith("#"):
            continue
        if len(row) != len(header):
            raise LexiconError(f"{path}, line {line}: {len(row)} fields, expected {len(header)} ({','.join(header)}).")
        record = dict(zip(header, (v.strip() for v in row)))
        if not record["term"] or not record["category"]:
            raise LexiconError(f"{path}, line {line}: empty category or term.")
        if not _valid_term(record["term"].lower()):
            raise LexiconError(f"{path}, line {line}: bad term {record['term']!r}; '*' is allowed only at its end.")
        if "weight" in record and record["weight"]:
            try:
                float(record["weight"])
            except ValueError:
                raise LexiconError(f"{path}, line {line}: weight {record['weight']!r} is not a number.") from None
        records.append(record)
    if not records:
        raise LexiconError(f"{path}: no terms after the header.")
    table = pd.DataFrame(records)
    if "weight" in table:
        table["weight"] = table["weight"].replace("", "1")
    dup = table.duplicated(["category", "term"])
    if dup.any():
        first = dup.idxmax()
        raise LexiconError(f"{path}, line {first + 2}: term {table.term[first]!r} repeats in category {table.category[first]!r}.")
    return table


def _read_dic(path: Path) -> pd.DataFrame:
    """Read a LIWC-style dictionary: ``%`` / ``id<TAB>name`` lines / ``%`` / ``word<TAB>id id ...``."""
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except UnicodeDecodeError as exc:
        raise LexiconError(f"{path}: not valid UTF-8 (offset {exc.start}); re-save it as UTF-8.") from exc
    marks = [i for i, l in enumerate(lines) if l.strip() == "%"]
    if len(marks) < 2:
        raise LexiconError(f"{path}: a .dic file starts with a category block between two '%' lines; found {len(marks)} '%' line(s).")
    names = {}
    for i in range(marks[0] + 1, marks[1]):
        if not lines[i].strip():
            continue
        parts = lines[i].split()
        if len(parts) < 2:
            raise LexiconError(f"{path}, line {i + 1}: category lines are 'id<TAB>name', got {lines[i]!r}.")
        names[parts[0]] = parts[1]
    records = []
    for i in range(marks[1] + 1, len(lines)):
        line = lines[i].strip()
        if not line:
            continue
        if "\t" in line:
            term, _, ids = line.partition("\t")
        else:
            *words, ids = line.rsplit(None, 1)
            term = " ".join(words)
            if not term:
                raise LexiconError(f"{path}, line {i + 1}: expected 'word<TAB>category ids', got {line!r}.")
        for cid in ids.split():
            if cid not in names:
                raise LexiconError(f"{path}, line {i + 1}: category id {cid!r} is not declared in the '%' block.")
            records.append({"category": names[cid], "term": term.strip().lower(), "line": i + 1})
    if not records:
        raise LexiconError(f"{path}: no words after the category block.")
    table = pd.DataFrame(records)
    for rec in table.itertuples():
        if not _valid_term(rec.term):
            raise LexiconError(f"{path}, line {rec.line}: bad term {rec.term!r}; '*' is allowed only at its end.")
    return table.drop_duplicates(["category", "term"]).drop(columns="line")
