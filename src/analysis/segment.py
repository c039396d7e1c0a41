"""Paragraphs (non-blank lines), sentences and zones (:data:`ZONES`), with character offsets into the article text.

Split by rule, with no model: sentence ends, heading shapes and zone rules (:mod:`analysis.zones`) are set out in
docs/measures.md#segmentation. Every sentence row satisfies ``text[start:end] == article_text[start:end]``.
"""
from __future__ import annotations

import os
import re
import string
from functools import lru_cache

import numpy as np
import pandas as pd

from .engine import (ASCII, CASED, DIGIT, LONG, SPACE, UPPER, code_points, flags_of, line_spans, punctuation_runs,
                     word_starts)
from .paths import DATA_DIR
from .tokens import WORD_RE
from .zones import ZONES, ZoneRules, load_zone_rules

__all__ = ["ZONES", "split_sentences", "segment", "paragraphs", "load_abbreviations"]

SENTENCE_COLUMNS = ["doc_id", "para", "sent", "start", "end", "zone", "n_words", "text"]

# A sentence may end after a run of _PUNCTUATION and _CLOSERS, then whitespace and one of _STARTERS
# (or one of _OPENERS and a starter); or at a question glued to its answer.
_PUNCTUATION, _CLOSERS, _OPENERS = ".!?…", "\"'”’)]", "(\"'“‘["
_STARTERS = string.ascii_uppercase + string.digits + "-•*"
_GLUED_ANSWER = re.compile(r"[?!](?=[A-Z][a-z]{0,3}:)")  # "safe?A: When"
_PREV_WORD = re.compile(r"\S+$")  # the word before a full stop, in the 30 characters before it
_PREV_WORD_CHARS = 30
_HEADING_MAX_WORDS, _HEADING_MAX_CHARS = 20, 250
_LINE_RULE_MAX_CHARS = 300  # page-furniture lines (buttons, pagers, bylines) are short
_ZONE_CODE = {zone: code for code, zone in enumerate(ZONES)}
_NO_ZONE = -1
_BATCH_CHARS = 1 << 20  # articles are segmented in batches of about this many characters (docs/measures.md)
_COLUMNS = ("article", "para", "sent", "start", "end", "zone", "n_words", "text")  # of a batch


@lru_cache(maxsize=None)
def load_abbreviations() -> frozenset[str]:
    """Non-terminal abbreviations (lowercase, no final dot) from ``data/abbreviations.txt``."""
    lines = (DATA_DIR / "abbreviations.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(l.strip().lower().rstrip(".") for l in lines if l.strip() and not l.startswith("#"))


def split_sentences(text: str, abbreviations: frozenset[str] | None = None) -> list[tuple[int, int]]:
    """Character spans of the sentences in ``text``, split as :func:`segment` splits a paragraph (with
    ``abbreviations`` in place of :func:`load_abbreviations`, if given)."""
    body = text.strip()
    if not body:
        return []
    first = len(text) - len(text.lstrip())
    codes = code_points(text)
    abbreviations = load_abbreviations() if abbreviations is None else abbreviations
    cuts, after = _sentence_ends(text, codes, flags_of(codes), np.array([0]), abbreviations)
    _, starts, ends = _sentence_spans(np.array([first]), np.array([first + len(body)]), cuts, after)
    return list(zip(starts.tolist(), ends.tolist()))


def _sentence_ends(text: str, codes: np.ndarray, flags: np.ndarray, art_starts: np.ndarray,
                   abbreviations: frozenset[str]) -> tuple[np.ndarray, np.ndarray]:
    """Sorted offsets of the sentence ends in ``text`` and of the first non-space character after each (an end in
    the blank after an article's last line may be missed or extra: no paragraph is cut there)."""
    start, end, closed, after = punctuation_runs(codes, flags, _PUNCTUATION, _CLOSERS)
    at = np.stack([after, after + 1])
    starter, then = np.where(at < len(codes), codes[np.minimum(at, len(codes) - 1)], 0)  # (0 past the end)
    ends = (after > closed) & (_is_in(starter, _STARTERS) | (_is_in(starter, _OPENERS) & _is_in(then, _STARTERS)))
    glued = ~ends & (after == end) & _is_in(codes[end - 1], "?!")  # no closer or space after the run
    glued[glued] = [bool(_GLUED_ANSWER.match(text, e - 1)) for e in end[glued].tolist()]
    stop = ends & (end - start == 1) & (codes[start] == ord("."))
    ends[stop] = ~_after_abbreviation(text, codes, flags, start[stop], art_starts, abbreviations)
    ends |= glued
    return np.where(glued, end, closed)[ends], np.where(glued, end, after)[ends]


def _after_abbreviation(text: str, codes: np.ndarray, flags: np.ndarray, stops: np.ndarray,
                        art_starts: np.ndarray, abbreviations: frozenset[str]) -> np.ndarray:
    """Whether the word before each full stop (``_PREV_WORD`` within its article) is an abbreviation or initial."""
    window = np.maximum(stops - _PREV_WORD_CHARS, art_starts[np.searchsorted(art_starts, stops, side="right") - 1])
    longest = max([1, *map(len, abbreviations)])  # (a single letter is an initial)
    before = stops[:, None] - np.arange(1, longest + 2)  # the characters before each stop, nearest first
    blank = (before < window[:, None]) | ((flags[np.maximum(before, 0)] & SPACE) != 0)
    length = np.where(blank.any(axis=1), blank.argmax(axis=1), longest + 1)  # of the word, up to longest + 1
    out = np.zeros(len(stops), dtype=bool)
    short = np.flatnonzero((length > 0) & (length <= longest))
    out[short] = [_is_abbreviation(text[s - n:s], abbreviations)
                  for s, n in zip(stops[short].tolist(), length[short].tolist())]
    odd = (length == 0) | ((length > longest) & _is_in(codes[np.maximum(before[:, -1], 0)], _OPENERS))
    for i in np.flatnonzero(odd).tolist():
        found = _PREV_WORD.search(text, window[i], stops[i])
        out[i] = _is_abbreviation(found.group() if found else "", abbreviations)
    return out


def _is_abbreviation(token: str, abbreviations: frozenset[str]) -> bool:
    """Whether ``token``, lower-cased and without opening quotes or brackets, is an abbreviation or a letter."""
    word = token.lower().lstrip(_OPENERS)
    return word in abbreviations or (len(word) == 1 and word.isalpha())


def _sentence_spans(p0: np.ndarray, p1: np.ndarray, cuts: np.ndarray,
                    after: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The paragraph and span of each sentence of the sorted paragraphs ``[p0, p1)``, cut at ``cuts``."""
    lo = np.searchsorted(cuts, p0, side="right")
    n = np.searchsorted(cuts, p1 - 1, side="right") - lo + 1
    para = np.repeat(np.arange(len(p0)), n)
    rank = np.arange(len(para)) - np.repeat(np.cumsum(n) - n, n)
    k = lo[para] + rank  # the cut that ends the sentence, unless it is its paragraph's last
    cuts, after = np.append(cuts, 0), np.append(after, 0)
    starts = np.where(rank == 0, p0[para], after[k - 1])
    ends = np.where(rank == n[para] - 1, p1[para], cuts[k])
    return para, starts, ends


def _is_in(codes: np.ndarray, chars: str) -> np.ndarray:
    """Whether each code point is one of ``chars`` (looked up in a small table: ``np.isin`` is slower)."""
    table = _table_of(chars)
    return table[np.minimum(codes, len(table) - 1)]


@lru_cache(maxsize=None)
def _table_of(chars: str) -> np.ndarray:
    table = np.zeros(max(map(ord, chars)) + 2, dtype=bool)  # the last entry: every larger code point
    table[[ord(c) for c in chars]] = True
    return table


def _heading_shapes(text: str, codes: np.ndarray, flags: np.ndarray, p0: np.ndarray, p1: np.ndarray,
                    n_words: np.ndarray) -> np.ndarray:
    """Whether each line ``text[p0:p1]`` is shaped like a heading (docs/measures.md#segmentation)."""
    last = codes[p1 - 1]
    sentence_end = _is_in(last, ".…;,") | ((last == ord(":")) & (n_words > 3))
    shaped = (n_words >= 1) & (n_words <= _HEADING_MAX_WORDS) & (p1 - p0 <= _HEADING_MAX_CHARS) & ~sentence_end
    question = _is_in(last, "?!")
    shapes = shaped & ~question & ((flags[p0] & (UPPER | DIGIT)) != 0)
    for i in np.flatnonzero(shaped & question).tolist():
        long_words = [w for w in WORD_RE.findall(text[p0[i]:p1[i]]) if len(w) >= 4]
        shapes[i] = bool(long_words) and sum(w[0].isupper() for w in long_words) / len(long_words) >= 0.6
    return shapes


def _line_headings(zone: np.ndarray, pager: np.ndarray, shape: np.ndarray, art: np.ndarray) -> np.ndarray:
    """Which lines are headings: heading-shaped, without a line rule's ``zone``. Updates ``zone`` in place: such a
    line after a ``pager`` link is navigation; the next line after a disclaimer heading is disclaimer."""
    heading = (zone == _NO_ZONE) & shape
    after_pager = np.zeros(len(zone), dtype=bool)
    after_pager[1:] = pager[:-1] & (art[1:] == art[:-1])
    zone[heading & after_pager] = _ZONE_CODE["navigation"]
    heading &= ~after_pager
    disclaimer = _ZONE_CODE["disclaimer"]
    # a disclaimer heading's zone passes to the next line that is neither (and no further)
    free = np.flatnonzero(~heading & (zone == _NO_ZONE))
    heads = np.flatnonzero((zone == disclaimer) & shape)
    k = np.searchsorted(free, heads, side="right")
    heads, nxt = heads[k < len(free)], free[k[k < len(free)]]
    zone[nxt[art[nxt] == art[heads]]] = disclaimer
    return heading


def _count_in(positions: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """How many of the sorted ``positions`` lie in each ``[start, end)``."""
    return np.searchsorted(positions, ends) - np.searchsorted(positions, starts)


def _marked_lines(kinds: list, art_starts: np.ndarray, p0: np.ndarray, p1: np.ndarray
                  ) -> tuple[np.ndarray, np.ndarray]:
    """The lines whose markup (per article, ``(offset, kind)`` pairs) states their kind; whether each is a heading."""
    pos, heading = [], []
    for art, pairs in enumerate(kinds):
        for offset, kind in pairs if isinstance(pairs, (tuple, list)) else ():
            pos.append(art_starts[art] + int(offset))
            heading.append(kind == "heading")
    pos = np.asarray(pos, dtype=np.int64)
    line = np.searchsorted(p0, pos, side="right") - 1
    inside = (line >= 0) & (pos < p1[np.maximum(line, 0)])  # on the line, not in the blank after it
    return line[inside], np.asarray(heading, dtype=bool)[inside]


def _segment_batch(texts: list[str], rules: ZoneRules, abbreviations: frozenset[str],
                   kinds: list | None = None) -> dict[str, np.ndarray]:
    """Sentences of a few articles as arrays: article, para, sent, start, end, zone, n_words, text."""
    text = "\n".join(texts)
    lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
    art_starts = np.cumsum(lengths + 1) - lengths - 1
    codes = code_points(text)
    flags = flags_of(codes)
    p0, p1 = line_spans(codes, flags)  # the paragraphs
    if not len(p0):
        return {c: np.zeros(0, dtype=object if c == "text" else np.int64) for c in _COLUMNS}
    words = np.flatnonzero(word_starts(flags))
    cased = np.flatnonzero((flags & (CASED | ASCII)) == CASED)  # where re.IGNORECASE and lower-casing may differ
    long = np.flatnonzero(flags & LONG)  # lower-cases to several characters: offsets would shift
    para_art = np.searchsorted(art_starts, p0, side="right") - 1
    hit_text, hit_start, hit_end, trigger = rules.matcher.find(texts)
    hit_start, hit_end = hit_start + art_starts[hit_text], hit_end + art_starts[hit_text]

    # lines: the line rules, tried on the short lines in which their triggers are found
    short = p1 - p0 <= _LINE_RULE_MAX_CHARS
    line = np.maximum(np.searchsorted(p0, hit_start, side="right") - 1, 0)
    inside = short[line] & (hit_start >= p0[line]) & (hit_end <= p1[line])
    odd = (_count_in(cased, p0, p1) > 0) | (_count_in(long, p0, p1) > 0)
    found = rules.first_matches("line", lambda u: text[p0[u]:p1[u]], (line[inside], trigger[inside]), odd, short)
    line_zone = np.full(len(p0), _NO_ZONE, dtype=np.int8)
    line_zone[list(found)] = [_ZONE_CODE[rule.zone] for rule in found.values()]
    pager = np.zeros(len(p0), dtype=bool)
    pager[[u for u, rule in found.items() if rule.scope == "pager"]] = True
    shape = _heading_shapes(text, codes, flags, p0, p1, _count_in(words, p0, p1))
    if kinds is not None:  # a line's markup (a Markdown '#', an HTML <li>) outranks its shape
        marked, is_heading = _marked_lines(kinds, art_starts, p0, p1)
        shape[marked] = is_heading
    heading = _line_headings(line_zone, pager, shape, para_art)

    # sentences: the line's zone, else the sentence rules, tried on the sentences in which (or in
    # the whitespace after which) their triggers start
    cuts, after = _sentence_ends(text, codes, flags, art_starts, abbreviations)
    para, starts, ends = _sentence_spans(p0, p1, cuts, after)
    art = para_art[para]
    zone = line_zone[para]
    sentences = [text[s:e] for s, e in zip(starts.tolist(), ends.tolist())]
    k = np.maximum(np.searchsorted(starts, hit_start, side="right") - 1, 0)
    inside = (hit_start >= starts[0]) & (art[k] == hit_text) & (zone[k] == _NO_ZONE)
    changed = np.isin(art, np.searchsorted(art_starts, long, side="right") - 1)
    found = rules.first_matches("sentence", sentences.__getitem__, (k[inside], trigger[inside]),
                                changed | (_count_in(cased, starts, ends) > 0), changed & (zone == _NO_ZONE))
    zone[list(found)] = [_ZONE_CODE[rule.zone] for rule in found.values()]
    zone = np.where(zone != _NO_ZONE, zone, np.where(heading[para], _ZONE_CODE["heading"], _ZONE_CODE["body"]))
    first_para = np.searchsorted(p0, art_starts)
    first_sent = np.searchsorted(starts, art_starts)
    return {"article": art, "para": para - first_para[art], "sent": np.arange(len(para)) - first_sent[art],
            "start": starts - art_starts[art], "end": ends - art_starts[art], "zone": zone,
            "n_words": _count_in(words, starts, ends), "text": np.array(sentences, dtype=object)}


def _batches(texts: list[str]):
    """Consecutive slices of ``texts`` of about ``_BATCH_CHARS`` characters (one empty slice if there is no text)."""
    start, total = 0, 0
    for i, text in enumerate(texts):
        total += len(text) + 1
        if total >= _BATCH_CHARS:
            yield slice(start, i + 1)
            start, total = i + 1, 0
    if start < len(texts) or not texts:
        yield slice(start, len(texts))


def segment(articles: pd.DataFrame, zone_rules: str | os.PathLike | None = None) -> pd.DataFrame:
    """Split the articles of :func:`analysis.load_corpus` into sentences with offsets and zones.

    Needs ``doc_id`` and ``text``; ``line_kinds``, if present, says which lines the markup makes headings or body
    text. ``zone_rules``: a zones CSV (``zone,scope,pattern,trigger,note``) replacing ``data/zones.csv``. Returns one
    row per sentence: ``doc_id, para, sent, start, end, zone, n_words, text``; ``para`` and ``sent`` count from 0
    within each article, ``start``/``end`` are character offsets into its text.
    """
    if isinstance(articles, (str, bytes)):
        raise TypeError("segment() expects the articles table from load_corpus(), got a string.")
    rules = load_zone_rules(str(zone_rules) if zone_rules else None)
    abbreviations = load_abbreviations()
    texts = list(articles["text"])
    kinds = list(articles["line_kinds"]) if "line_kinds" in articles else None
    parts = []
    for batch in _batches(texts):
        part = _segment_batch(texts[batch], rules, abbreviations, None if kinds is None else kinds[batch])
        part["article"] += batch.start
        parts.append(part)
    doc_ids = np.array([str(d) for d in articles["doc_id"]], dtype=object)
    cols = {c: np.concatenate([p[c] for p in parts]) for c in _COLUMNS}
    # object arrays, not lists: pandas then takes the strings without converting them one by one
    zone, text = np.array(ZONES, dtype=object)[cols["zone"]], cols["text"]
    if not len(text):  # no sentence: empty lists, which pandas makes float64 columns, as it always has
        zone, text = [], []
    table = pd.DataFrame({"doc_id": doc_ids[cols["article"]], **{c: cols[c] for c in SENTENCE_COLUMNS[1:5]},
                          "zone": zone, "n_words": cols["n_words"], "text": text}, columns=SENTENCE_COLUMNS)
    return table.astype({"doc_id": str, "para": "int64", "sent": "int64", "start": "int64", "end": "int64",
                         "n_words": "int64"})


def paragraphs(sentences: pd.DataFrame) -> pd.DataFrame:
    """Collapse sentences into paragraphs: ``doc_id, para, start, end, zone, n_words, text``, sorted by ``doc_id``
    and ``para``, the text of the sentences joined in table order with single spaces. A paragraph's zone is the zone
    of most of its words (a tie goes to the zone that comes first in the paragraph)."""
    columns = ["doc_id", "para", "start", "end", "zone", "n_words", "text"]
    if sentences.empty:
        return pd.DataFrame(columns=columns)
    doc, docs = pd.factorize(sentences["doc_id"], sort=True)
    para = sentences["para"].to_numpy()
    order = np.lexsort((para, doc))  # stable: sentences keep their order within a paragraph
    doc, para = doc[order], para[order]
    first = np.flatnonzero(np.r_[True, (doc[1:] != doc[:-1]) | (para[1:] != para[:-1])])
    bounds = np.r_[first, len(order)].tolist()
    column = {c: sentences[c].to_numpy()[order] for c in ("start", "end", "n_words")}
    texts = sentences["text"].to_numpy()[order].tolist()
    return pd.DataFrame({
        "doc_id": docs[doc[first]], "para": para[first],
        "start": np.minimum.reduceat(column["start"], first), "end": np.maximum.reduceat(column["end"], first),
        "zone": _majority_zones(sentences["zone"].to_numpy()[order], column["n_words"], first),
        "n_words": np.add.reduceat(column["n_words"], first),
        "text": [" ".join(texts[a:b]) for a, b in zip(bounds[:-1], bounds[1:])]}, columns=columns)


def _majority_zones(zone: np.ndarray, n_words: np.ndarray, first: np.ndarray) -> np.ndarray:
    """For groups of rows starting at ``first``: the zone with most words, ties to the earliest."""
    codes, names = pd.factorize(zone)
    group = np.repeat(np.arange(len(first)), np.diff(np.r_[first, len(zone)]))
    key = group * len(names) + codes
    pairs, where, inverse = np.unique(key, return_index=True, return_inverse=True)
    words = np.bincount(inverse.ravel(), weights=n_words, minlength=len(pairs))
    best = np.lexsort((where, -words, pairs // len(names)))  # by group, most words, earliest
    winners = best[np.r_[True, np.diff(pairs[best] // len(names)) != 0]]
    return np.asarray(names, dtype=object)[pairs[winners] % len(names)]

