"""Paragraphs, sentences and zones, with character offsets into the article text.

No downloaded model is needed: sentences are split by rule, which is fast,
deterministic and easy to audit.

* A **paragraph** is a non-blank line (web scrapes put one paragraph, heading or
  list item per line; blank lines between them are optional).
* A **sentence** ends at ``.``, ``!``, ``?`` or ``…`` (plus closing quotes or
  brackets) followed by whitespace and an upper-case letter, digit, quote or
  bracket, unless the word before the full stop is a known abbreviation
  (``data/abbreviations.txt``: Dr., e.g., U.S., ...) or a single initial.
  A question glued to its answer (``treatment?A: When``) is split too. Numbers
  (``2.5 mg``) never split because no space follows the dot.
* A **zone** says what a sentence is doing on the page: ``body``, ``heading``,
  ``call_to_action``, ``disclaimer`` or ``navigation``. Zones come from the
  patterns in ``data/zones.csv`` (first match wins, in the order navigation,
  disclaimer, call to action) and, for headings, from the line's shape: short,
  no closing full stop, or a title-case question. Line-scope patterns mark the
  whole line; the paragraph after a disclaimer heading is disclaimer; the
  heading-shaped line after a pager link ("Previous") is navigation. A rule's
  ``trigger`` strings (lower case, ``|``-separated; required for sentence
  rules, optional for line rules) are literals every text it matches contains:
  a rule is only tried where one of them occurs.

Every sentence row satisfies ``text[start:end] == article_text[start:end]``.

:func:`segment` works on batches of articles joined by newlines: each character
test runs once over a batch (numpy arrays, and small loops compiled with numba where
a rule walks the characters), and the rules above are applied to the resulting
arrays, so its speed does not depend on how many articles, paragraphs or sentences
there are. Zone patterns run only on the lines and sentences that may match them.
"""
from __future__ import annotations

import itertools
import os
import re
import string
from functools import lru_cache
from typing import Callable
from pathlib import Path
from re import _constants as sre_constants, _parser as sre_parse

import numba
import numpy as np
import pandas as pd

from .paths import DATA_DIR
from .tokens import _ALNUM_BMP, _JOINERS, WORD_RE, _word_starts

__all__ = [
    "ZONES", "split_paragraphs", "split_sentences", "segment", "paragraphs",
    "load_zone_rules", "load_zone_triggers", "load_abbreviations",
]

ZONES = ("body", "heading", "call_to_action", "disclaimer", "navigation")
SENTENCE_COLUMNS = ["doc_id", "para", "sent", "start", "end", "zone", "n_words", "text"]

_PARAGRAPH = re.compile(r"[^\s](?:[^\n]*[^\s])?")
_PREV_WORD = re.compile(r"\S+$")
_PREV_WORD_CHARS = 30  # the word before a full stop is looked for in the 30 characters before it
_OPENERS = "(\"'“‘["  # stripped from the front of that word; also the quotes/brackets that may open a sentence
_BATCH_CHARS = 1 << 17  # articles are segmented in batches of about this many characters (small: fresh memory is slow)
_NO_ZONE = -1
_ZONE_CODE = {zone: code for code, zone in enumerate(ZONES)}
_HEADING_MAX_WORDS = 20
_HEADING_MAX_CHARS = 250
_LINE_RULE_MAX_CHARS = 300  # page-furniture lines (buttons, pagers, bylines) are short
_RULE_ORDER = ("navigation", "disclaimer", "call_to_action")


@lru_cache(maxsize=None)
def load_abbreviations(path: str | None = None) -> frozenset[str]:
    """Non-terminal abbreviations (lowercase, no final dot) from a one-per-line file."""
    file = Path(path) if path else DATA_DIR / "abbreviations.txt"
    lines = file.read_text(encoding="utf-8").splitlines()
    return frozenset(l.strip().lower().rstrip(".") for l in lines if l.strip() and not l.startswith("#"))


@lru_cache(maxsize=None)
def load_zone_rules(path: str | None = None) -> dict[tuple[str, str], re.Pattern]:
    """Compile ``zones.csv`` into one case-insensitive regex per (zone, scope).

    Raises
    ------
    ValueError
        Naming the file and line of an unknown zone or scope or a bad regex.
    """
    file = Path(path) if path else DATA_DIR / "zones.csv"
    table = pd.read_csv(file, dtype=str, keep_default_na=False)
    missing = {"zone", "scope", "pattern"} - set(table.columns)
    if missing:
        raise ValueError(f"{file}: missing column(s) {sorted(missing)}; expected zone,scope,pattern,trigger,note.")
    grouped: dict[tuple[str, str], list[str]] = {}
    for i, row in table.iterrows():
        where = f"{file}, line {i + 2}"
        if row.zone not in ZONES[2:]:
            raise ValueError(f"{where}: unknown zone {row.zone!r}; use one of {ZONES[2:]}.")
        if row.scope not in ("line", "sentence", "pager"):
            raise ValueError(f"{where}: scope must be 'line', 'sentence' or 'pager', got {row.scope!r}.")
        try:
            re.compile(row.pattern)
        except re.error as exc:
            raise ValueError(f"{where}: invalid regular expression {row.pattern!r} ({exc}).") from exc
        grouped.setdefault((row.zone, row.scope), []).append(f"(?:{row.pattern})")
    return {key: re.compile("|".join(parts), re.IGNORECASE) for key, parts in grouped.items()}


@lru_cache(maxsize=None)
def load_zone_triggers(path: str | None = None) -> tuple[str, ...]:
    """All trigger strings of the sentence-scope zone rules (lower case).

    A sentence-scope pattern is only tried on sentences containing one of the
    literal strings in its ``trigger`` column (``|``-separated), which keeps
    segmentation fast on large corpora. Every such pattern must name triggers, and
    any text the pattern matches must contain one of them.
    """
    triggers = _triggers(path, ("sentence",), required=True)
    return tuple(sorted(set().union(*triggers)))


@lru_cache(maxsize=None)
def _line_triggers(path: str | None = None) -> tuple[str, ...] | None:
    """All trigger strings of the line- and pager-scope rules, or None when one of them names none.

    Naming triggers is optional for these rules; when each does, only the short lines that
    contain one of them are tried (any text the pattern matches must contain one).
    """
    triggers = _triggers(path, ("line", "pager"), required=False)
    return tuple(sorted(set().union(*triggers))) if all(triggers) else None


def _triggers(path: str | None, scopes: tuple[str, ...], required: bool) -> list[frozenset[str]]:
    """The trigger strings of each rule of these scopes in ``zones.csv`` (checked: lower case, and named
    when ``required``)."""
    file = Path(path) if path else DATA_DIR / "zones.csv"
    table = pd.read_csv(file, dtype=str, keep_default_na=False)
    out = []
    for i, row in table.iterrows():
        if row.get("scope") not in scopes:
            continue
        parts = [t for t in str(row.get("trigger", "")).split("|") if t]
        if (required and not parts) or any(t != t.lower() for t in parts):
            raise ValueError(f"{file}, line {i + 2}: a {row.get('scope')}-scope rule needs lower-case trigger "
                             "strings ('|'-separated) that any matching text contains"
                             + ("." if required else ", or none."))
        out.append(frozenset(parts))
    return out


def split_paragraphs(text: str) -> list[tuple[int, int]]:
    """Character spans of the non-blank lines of ``text``, stripped of outer whitespace.

    Examples
    --------
    >>> split_paragraphs("Title\\n\\n  First para.  \\nSecond.")
    [(0, 5), (9, 20), (23, 30)]
    """
    return [m.span() for m in _PARAGRAPH.finditer(text)]


def split_sentences(text: str, start: int = 0, end: int | None = None,
                    abbreviations: frozenset[str] | None = None) -> list[tuple[int, int]]:
    """Character spans of the sentences in ``text[start:end]`` (offsets into ``text``).

    Examples
    --------
    >>> t = "Dr. Lee treats PTSD, e.g. with KAP. It may help. Doses of 0.5 mg/kg are used."
    >>> [t[s:e] for s, e in split_sentences(t)]
    ['Dr. Lee treats PTSD, e.g. with KAP.', 'It may help.', 'Doses of 0.5 mg/kg are used.']
    """
    end = len(text) if end is None else end
    abbreviations = load_abbreviations() if abbreviations is None else abbreviations
    piece = text[start:end]
    body = piece.strip()
    if not body:
        return []
    first = start + len(piece) - len(piece.lstrip())
    codes = _codes(piece)
    cuts, after = _sentence_ends(text, start, codes, _classes(codes), np.array([start]), abbreviations)
    _, starts, ends = _sentence_spans(np.array([first]), np.array([first + len(body)]), cuts, after)
    return list(zip(starts.tolist(), ends.tolist()))


# Bit flags of the characters the sentence-end rule looks at; _CASED: a non-ASCII character with
# case (there case-insensitive regular expressions and str.lower() may disagree); _LONG: lower-cases
# to more than one character; _ALNUM and _JOINER: for analysis.tokens' word starts; _CAPITAL
# (str.isupper or str.isdigit) and _CLAUSE (";,"): for the heading shape of a line.
(_SPACE, _PUNCT, _DOT, _CLOSER, _OPENER, _START, _UPPER, _LOWER, _QUERY, _COLON,
 _CASED, _LONG, _ALNUM, _JOINER, _CAPITAL, _CLAUSE) = (1 << i for i in range(16))
_PAD = 5  # flag-less slots after a block: the rule sees nothing beyond its end


@lru_cache(maxsize=None)
def _char_tables() -> tuple[np.ndarray, np.ndarray]:
    """The flags and the (one-character) lower case of every BMP character.

    ``\\s`` is ``str.isspace``. Characters outside the BMP have none of the sentence-end
    rule's flags; :func:`_classes` and :func:`_lowered` look them up one by one.
    """
    chars = [chr(i) for i in range(0x10000)]
    lowers = [c.lower() for c in chars]
    flags = np.zeros(0x10000, dtype=np.uint16)
    flags[[i for i, c in enumerate(chars) if c.isspace()]] = _SPACE
    flags[[i for i, (c, low) in enumerate(zip(chars, lowers)) if i > 127 and low != c.upper()]] |= _CASED
    flags[[i for i, low in enumerate(lowers) if len(low) != 1]] |= _LONG
    flags[_ALNUM_BMP] |= _ALNUM
    flags[_JOINERS] |= _JOINER
    flags[[i for i, c in enumerate(chars) if c.isupper() or c.isdigit()]] |= _CAPITAL
    for letters, flag in ((".!?…", _PUNCT), (".", _DOT), ("\"'”’)]", _CLOSER), (_OPENERS, _OPENER),
                          (string.ascii_uppercase + string.digits + "-•*", _START), (string.ascii_uppercase, _UPPER),
                          (string.ascii_lowercase, _LOWER), ("?!", _QUERY), (":", _COLON), (";,", _CLAUSE)):
        flags[[ord(c) for c in letters]] |= flag
    lower = np.array([ord(low) if len(low) == 1 else i for i, low in enumerate(lowers)], dtype=np.uint32)
    return flags, lower


def _codes(text: str) -> np.ndarray:
    """The code points of ``text``."""
    return np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)


@numba.njit(cache=True, nogil=True)
def _lookup(table: np.ndarray, codes: np.ndarray, pad: int = 0) -> np.ndarray:
    """``table.take(codes, mode="clip")`` (in half the time), followed by ``pad`` zeros."""
    out = np.zeros(len(codes) + pad, dtype=table.dtype)
    for i in range(len(codes)):
        out[i] = table[min(codes[i], len(table) - 1)]
    return out


def _classes(codes: np.ndarray) -> np.ndarray:
    """The flags of each character, followed by ``_PAD`` flag-less slots."""
    out = _lookup(_char_tables()[0], codes, _PAD)  # beyond the BMP reads U+FFFF's: set below
    big = np.flatnonzero(codes > 0xFFFF)
    out[big] = [_CASED | (_LONG if len(chr(c).lower()) != 1 else 0) | (_ALNUM if chr(c).isalnum() else 0)
                | (_CAPITAL if chr(c).isupper() or chr(c).isdigit() else 0)
                for c in codes[big].tolist()]
    return out


def _lowered(codes: np.ndarray) -> np.ndarray:
    """The code point of ``str.lower()`` of each character (itself where that is longer than one character)."""
    lower = _char_tables()[1].take(codes, mode="clip")  # (several times faster than take(np.minimum(...)))
    for i in np.flatnonzero(codes > 0xFFFF).tolist():
        low = chr(codes[i]).lower()
        lower[i] = ord(low) if len(low) == 1 else codes[i]
    return lower


@numba.njit(cache=True, nogil=True)
def _line_spans(codes: np.ndarray, cls: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Start and end of each non-blank line of a block, stripped of outer whitespace (what
    ``_PARAGRAPH`` finds), given its code points and their flags (see :func:`_classes`)."""
    n = len(codes)
    starts, ends = np.empty(n // 2 + 1, dtype=np.int64), np.empty(n // 2 + 1, dtype=np.int64)
    k, line = 0, 0
    while line <= n:
        end = line
        while end < n and codes[end] != 10:  # "\n"
            end += 1
        first, last = line, end
        while first < last and cls[first] & _SPACE:
            first += 1
        while last > first and cls[last - 1] & _SPACE:
            last -= 1
        if first < last:
            starts[k], ends[k], k = first, last, k + 1
        line = end + 1
    return starts[:k], ends[:k]


@numba.njit(cache=True, nogil=True)
def _end_candidates(cls: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The sentence ends of a block by the rule of :func:`_sentence_ends`, before the abbreviation check.

    One scan of the flags ``cls`` (from :func:`_classes`: its flag-less padding stops
    every look-ahead) for the runs of sentence punctuation, each followed by closing
    quotes or brackets, whitespace and an opener (or glued to ``A:``).

    Returns
    -------
    cuts, after : ndarray of int64
        Where each sentence ends and where the next one starts (block offsets).
    stops : ndarray of int64
        Where the end is a lone full stop followed by whitespace (ending no sentence after an
        abbreviation or an initial): the stop's position, else -1.
    words : ndarray of int64
        For such a stop, the position after the last whitespace among the
        ``_PREV_WORD_CHARS`` characters before it (else the first of them), else -1.
    """
    n = len(cls) - _PAD
    size = n // 2 + 1  # at most one end per run of punctuation
    cuts, after = np.empty(size, dtype=np.int64), np.empty(size, dtype=np.int64)
    stops, words = np.empty(size, dtype=np.int64), np.empty(size, dtype=np.int64)
    k, i = 0, 0
    while i < n:
        if not cls[i] & _PUNCT:
            i += 1
            continue
        r0 = i
        while cls[i] & _PUNCT:
            i += 1
        closed = i
        while cls[closed] & _CLOSER:
            closed += 1
        opener = closed
        while cls[opener] & _SPACE:
            opener += 1
        if opener > closed and (cls[opener] & _START or (cls[opener] & _OPENER and cls[opener + 1] & _START)):
            stop = word = -1
            if i - r0 == 1 and cls[r0] & _DOT:
                stop = word = r0
                while word > max(r0 - _PREV_WORD_CHARS, 0) and not cls[word - 1] & _SPACE:
                    word -= 1
            cuts[k], after[k], stops[k], words[k], k = closed, opener, stop, word, k + 1
        elif cls[i - 1] & _QUERY and cls[i] & _UPPER:  # glued: [?!] then [A-Z][a-z]{0,3}:
            colon = i + 1
            while colon < i + 4 and cls[colon] & _LOWER:
                colon += 1
            if cls[colon] & _COLON:
                cuts[k], after[k], stops[k], words[k], k = i, i, -1, -1, k + 1
    return cuts[:k], after[:k], stops[:k], words[:k]


def _sentence_ends(text: str, b0: int, codes: np.ndarray, cls: np.ndarray, art_starts: np.ndarray,
                   abbreviations: frozenset[str]) -> tuple[np.ndarray, np.ndarray]:
    """Where sentences end in a block of ``text`` and where the sentence after each end starts.

    The block starts at offset ``b0`` and has the code points ``codes`` and character
    flags ``cls`` (from :func:`_classes`); ``art_starts`` are the sorted offsets where its articles start.
    This is what a scan of each article with the regular expression
    ``[.!?…]+["'”’)\\]]*(?=\\s+["'“‘(\\[]?[A-Z0-9\\-•*])|[?!](?=[A-Z][a-z]{0,3}:)`` finds, done
    with one compiled loop (:func:`_end_candidates`): a run of sentence punctuation and any
    closing quotes or brackets, then whitespace and a sentence opener; or a ``?``/``!``
    glued to ``A:``. A lone full stop ends no sentence after an abbreviation or an
    initial (:func:`_after_abbreviation`).
    Nothing is seen past the block's end, so an end found just before it (or before the
    next article) may be missed or extra; either way it lies in the whitespace after a
    line, where no paragraph is cut.

    Returns
    -------
    cuts, after : ndarray
        Sorted offsets of the sentence ends, and of the first character after each end
        that is not whitespace.
    """
    cuts, after, stops, words = _end_candidates(cls)
    keep = stops < 0
    at = np.flatnonzero(~keep)
    keep[at] = ~_after_abbreviation(text, b0, codes, cls, stops[at], words[at], art_starts, abbreviations)
    return cuts[keep] + b0, after[keep] + b0


def _after_abbreviation(text: str, b0: int, codes: np.ndarray, cls: np.ndarray, stops: np.ndarray,
                        words: np.ndarray, art_starts: np.ndarray, abbreviations: frozenset[str]) -> np.ndarray:
    """Whether the word before each full stop is an abbreviation or an initial.

    ``stops`` are positions in the block and ``words`` where the word before each starts
    unless an article starts after that (block offsets, see :func:`_end_candidates`). The
    word is what ``\\S+$`` finds in the 30 characters before the stop, within its
    article, lower-cased, without opening quotes or brackets. It is located with arrays
    when a non-space character precedes the stop, and looked up only when short enough
    to be an abbreviation (or starting with a quote or bracket), with arrays too when it
    is short and ASCII (:func:`_ascii_abbreviations`).
    """
    at = stops + b0
    window = np.maximum(at - _PREV_WORD_CHARS, art_starts[np.searchsorted(art_starts, at, side="right") - 1])
    word = np.maximum(words + b0, window)
    odd = (stops == 0) | ((cls[stops - 1] & _SPACE) != 0) | (window == at)  # whitespace or nothing before it
    longest = max(1, max(map(len, abbreviations), default=0))
    check = ~odd & ((at - word <= longest) | ((cls[np.minimum(word - b0, len(cls) - 1)] & _OPENER) != 0))
    out = np.zeros(len(stops), dtype=bool)
    check = np.flatnonzero(check)
    ascii_, known = _ascii_abbreviations(codes, cls, word[check] - b0, at[check] - b0, abbreviations)
    out[check[ascii_]] = known[ascii_]
    check = check[~ascii_]
    out[check] = _are_abbreviations([text[w:a] for w, a in zip(word[check].tolist(), at[check].tolist())],
                                    abbreviations)
    odd = np.flatnonzero(odd)
    tokens = [_PREV_WORD.search(text, w, a) for w, a in zip(window[odd].tolist(), at[odd].tolist())]
    out[odd] = _are_abbreviations([found.group() if found else "" for found in tokens], abbreviations)
    return out


_PACKED_CHARS = 8  # ASCII tokens of up to 8 characters are looked up as integers of 7 bits per character


def _packed(word: str) -> int:
    """An ASCII word of up to ``_PACKED_CHARS`` characters as an integer (its characters and its length)."""
    return sum(ord(c) << 7 * j for j, c in enumerate(word)) | len(word) << 7 * _PACKED_CHARS


@lru_cache(maxsize=None)
def _packed_abbreviations(abbreviations: frozenset[str]) -> np.ndarray:
    """:func:`_packed` of the abbreviations a token of ``_PACKED_CHARS`` ASCII characters can be, and of the letters."""
    words = [w for w in abbreviations if w.isascii() and len(w) <= _PACKED_CHARS] + list(string.ascii_lowercase)
    return np.unique(np.array([_packed(w) for w in words], dtype=np.int64))


def _ascii_abbreviations(codes: np.ndarray, cls: np.ndarray, word: np.ndarray, at: np.ndarray,
                         abbreviations: frozenset[str]) -> tuple[np.ndarray, np.ndarray]:
    """:func:`_are_abbreviations` with arrays, for the tokens ``[word, at)`` (block offsets) of at
    most ``_PACKED_CHARS`` ASCII characters: which tokens those are, and the answer for them."""
    packed = _packed_tokens(codes, cls, word, at)
    known = _packed_abbreviations(abbreviations)  # sorted, never empty (the letters)
    return packed >= 0, known[np.minimum(np.searchsorted(known, packed), len(known) - 1)] == packed


@numba.njit(cache=True, nogil=True)
def _packed_tokens(codes: np.ndarray, cls: np.ndarray, word: np.ndarray, at: np.ndarray) -> np.ndarray:
    """:func:`_packed` of each token ``[word, at)`` lower-cased without its leading quotes and
    brackets, given the code points and flags of the text; -1 unless the token has at most
    ``_PACKED_CHARS`` characters, all ASCII."""
    out = np.full(len(word), -1, dtype=np.int64)
    for t in range(len(word)):
        n, lead = at[t] - word[t], 0
        if n > _PACKED_CHARS:
            continue
        while lead < n and cls[word[t] + lead] & _OPENER:
            lead += 1
        packed = (n - lead) << 7 * _PACKED_CHARS
        for j in range(n):
            code = np.int64(codes[word[t] + j])
            if code > 127:
                break
            if j >= lead:
                packed |= (code + 32 if cls[word[t] + j] & _UPPER else code) << 7 * (j - lead)
        else:
            out[t] = packed
    return out


def _are_abbreviations(tokens: list[str], abbreviations: frozenset[str]) -> list[bool]:
    """Whether each token, lower-cased and without opening quotes or brackets, is an abbreviation or a letter."""
    words = [token.lower().lstrip(_OPENERS) for token in tokens]
    return [word in abbreviations or (len(word) == 1 and word.isalpha()) for word in words]


def _sentence_spans(p0: np.ndarray, p1: np.ndarray, cuts: np.ndarray,
                    after: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Split the stripped paragraphs ``[p0, p1)`` (sorted) at the sentence ends inside them.

    Returns
    -------
    para, start, end : ndarray
        For each sentence in text order: its paragraph's index and its span. A sentence
        ends at a cut (or its paragraph's end) and the next starts at the cut's ``after``.
    """
    lo = np.searchsorted(cuts, p0, side="right")
    n = np.searchsorted(cuts, p1 - 1, side="right") - lo + 1
    para = np.repeat(np.arange(len(p0)), n)
    rank = np.arange(len(para)) - np.repeat(np.cumsum(n) - n, n)
    k = lo[para] + rank  # the cut that ends the sentence, unless it is its paragraph's last
    cuts, after = np.append(cuts, 0), np.append(after, 0)
    starts = np.where(rank == 0, p0[para], after[k - 1])
    ends = np.where(rank == n[para] - 1, p1[para], cuts[k])
    return para, starts, ends


def _heading_shapes(text: str, p0: np.ndarray, p1: np.ndarray, n_words: np.ndarray, first: np.ndarray,
                    last: np.ndarray) -> np.ndarray:
    """Whether each (stripped, non-empty) line ``text[p0:p1]`` is shaped like a heading, given its
    word count and the flags (see :func:`_classes`) of its first and last characters.

    Short (at most 250 characters and 20 words), not ending like a sentence (``.``,
    ``;``, ``,``, ``…``, or ``:`` after more than three words), and either a title-case
    question or exclamation (at least 60 % of its words of 4+ letters capitalised) or
    starting with an upper-case letter or digit.
    """
    sentence_end = (((last & (_PUNCT | _QUERY)) == _PUNCT) | ((last & _CLAUSE) != 0)  # . … ; ,
                    | (((last & _COLON) != 0) & (n_words > 3)))
    shaped = (n_words >= 1) & (n_words <= _HEADING_MAX_WORDS) & (p1 - p0 <= _HEADING_MAX_CHARS) & ~sentence_end
    question = (last & _QUERY) != 0
    shapes = shaped & ~question & ((first & _CAPITAL) != 0)
    for i in np.flatnonzero(shaped & question).tolist():
        long_words = [w for w in WORD_RE.findall(text[p0[i]:p1[i]]) if len(w) >= 4]
        shapes[i] = bool(long_words) and sum(w[0].isupper() for w in long_words) / len(long_words) >= 0.6
    return shapes


@lru_cache(maxsize=None)
def _anchored_rules(path: str | None = None) -> frozenset[tuple[str, str]]:
    """The (zone, scope) rules of ``zones.csv`` whose every pattern is anchored at the start (``^...``
    with no top-level ``|``): for them ``match`` finds what ``search`` finds, without trying every position."""
    file = Path(path) if path else DATA_DIR / "zones.csv"
    table = pd.read_csv(file, dtype=str, keep_default_na=False)
    anchored: dict[tuple[str, str], bool] = {}
    for zone, scope, pattern in zip(table["zone"], table["scope"], table["pattern"]):
        try:
            first = sre_parse.parse(pattern, re.IGNORECASE).data[0]
            ok = first[0] == sre_constants.AT and first[1] == sre_constants.AT_BEGINNING
        except Exception:  # noqa: BLE001 - anything unusual: keep search()
            ok = False
        anchored[(zone, scope)] = anchored.get((zone, scope), True) and ok
    return frozenset(k for k, v in anchored.items() if v)


_GROUP_REFERENCE = re.compile(r"\\[1-9]|\(\?P=|\(\?\(")


@lru_cache(maxsize=None)
def _sentence_rules(path: str | None = None) -> tuple[tuple[int, re.Pattern, frozenset[str]], ...]:
    """Each sentence-scope rule of ``zones.csv`` as (zone code, pattern, triggers), zone by zone in
    the order navigation, disclaimer, call to action (then file order)."""
    load_zone_rules(path), load_zone_triggers(path)  # validate the file
    file = Path(path) if path else DATA_DIR / "zones.csv"
    table = pd.read_csv(file, dtype=str, keep_default_na=False)
    triggers = table["trigger"] if "trigger" in table else [""] * len(table)
    rows = [(_ZONE_CODE[zone], re.compile(pattern, re.IGNORECASE), frozenset(t for t in trigger.split("|") if t))
            for zone, scope, pattern, trigger in zip(table["zone"], table["scope"], table["pattern"], triggers)
            if scope == "sentence"]
    return tuple(sorted(rows, key=lambda row: _RULE_ORDER.index(ZONES[row[0]])))


def _any_of(finds: list) -> Callable[[str], object]:
    """One regular expression that matches where any of these ``match``/``search`` methods of
    case-insensitive patterns does (or a function that always does, when a pattern refers
    to a group by number: joining the patterns would renumber the groups)."""
    patterns = [find.__self__.pattern for find in finds]
    if any(_GROUP_REFERENCE.search(pattern) for pattern in patterns):
        return lambda text: True
    combined = re.compile("|".join(f"(?:{pattern})" for pattern in patterns), re.IGNORECASE)
    return combined.match if all(find.__name__ == "match" for find in finds) else combined.search


class _TriggerFinder:
    """Finds every occurrence of a set of strings in text lower-cased character by character
    (see :func:`_lowered`).

    Each character is read as a symbol: 1 + the index of its lower case among the
    strings' characters, or 0 (from a table composed with the lower-case one, so the text
    is not lower-cased first). The strings are indexed by a hash of their first three
    symbols (a shorter string under every completion); a compiled loop
    (:func:`_find_strings`) looks up the hash at each position and compares the few
    strings found, if any. Its steps do not wait for each other, so it reads the text
    faster than an Aho-Corasick automaton (:mod:`analysis.automaton`), whose every step
    waits for the state the last one reached.
    """

    _HASH_BITS = 14  # 16,384 buckets: exact for up to 24 distinct characters, and the index stays in cache

    def __init__(self, strings: tuple[str, ...]):
        chars = sorted({c for word in strings for c in word})
        self.symbol = dict(zip(map(ord, chars), range(1, len(chars) + 1)))  # code point -> symbol
        self.width = len(chars) + 1  # symbols: 0 to len(chars)
        dtype = np.uint8 if self.width <= 256 else np.uint16
        bmp = np.zeros(0x10000, dtype=dtype)
        bmp[[c for c in self.symbol if c < 0x10000]] = [v for c, v in self.symbol.items() if c < 0x10000]
        self.table = bmp[_char_tables()[1]]  # the symbol of each BMP character's lower case
        self.lengths = np.array([len(s) for s in strings], dtype=np.int64)
        self.strings = np.zeros((len(strings), max(self.lengths, default=0)), dtype=dtype)
        keys = []  # (hash of the first three symbols, string)
        for k, word in enumerate(strings):
            symbols = [self.symbol[ord(c)] for c in word]
            self.strings[k, :len(word)] = symbols
            tails = itertools.product(range(self.width), repeat=max(0, 3 - len(symbols)))
            keys += {(self._hash(*symbols[:3], *tail), k) for tail in tails}
        keys.sort()
        self.entries = np.array([k for _, k in keys], dtype=np.int64)
        self.first = np.searchsorted(np.array([key for key, _ in keys], dtype=np.int64),
                                     np.arange((1 << self._HASH_BITS) + 1)).astype(np.int32)

    def _hash(self, a: int, b: int, c: int) -> int:
        """The bucket of three symbols (what :func:`_find_strings` computes)."""
        return ((a * self.width + b) * self.width + c) & ((1 << self._HASH_BITS) - 1)

    def find(self, codes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Start offset and string index of every occurrence (overlapping ones too) in ``codes`` lower-cased."""
        symbols = _lookup(self.table, codes, 2)  # beyond the BMP reads U+FFFF's: set below
        big = np.flatnonzero(codes > 0xFFFF)
        symbols[big] = [self.symbol.get(c, 0) for c in _lowered(codes[big]).tolist()]
        capacity = len(codes) // 16 + 64
        while True:
            start, index = np.empty(capacity, dtype=np.int64), np.empty(capacity, dtype=np.int64)
            k = _find_strings(symbols, self.width, (1 << self._HASH_BITS) - 1, self.first, self.entries,
                              self.strings, self.lengths, start, index)
            if k >= 0:
                return start[:k], index[:k]
            capacity *= 4


@numba.njit(cache=True, nogil=True)
def _find_strings(symbols, width, mask, first, entries, strings, lengths, start, index):
    """The loop behind :meth:`_TriggerFinder.find` over ``symbols`` (and 2 padding zeros).

    Writes the start and string index of each occurrence to ``start`` and ``index`` and
    returns how many, or -1 if they are too short. The strings whose first three symbols
    hash to ``h`` are ``entries[first[h]:first[h + 1]]``.
    """
    n, k = len(symbols) - 2, 0
    for i in range(n):
        h = ((symbols[i] * width + symbols[i + 1]) * width + symbols[i + 2]) & mask
        for e in range(first[h], first[h + 1]):
            s = entries[e]
            j = 0
            while j < lengths[s] and i + j < n and symbols[i + j] == strings[s, j]:
                j += 1
            if j == lengths[s]:
                if k == len(start):
                    return -1
                start[k], index[k], k = i, s, k + 1
    return k


class _ZoneRules:
    """Zone rules compiled for fast use: line rules run on short lines only (those containing
    one of their trigger strings, when every line rule names some), and a sentence rule runs
    only on sentences that contain one of its trigger strings."""

    def __init__(self, path: str | None):
        rules = load_zone_rules(path)
        anchored = _anchored_rules(path)
        empty = re.compile(r"(?!x)x")
        # a rule whose every pattern starts with '^' can only match at the start: match(), not search()
        find = lambda key, rx: rx.match if key in anchored else rx.search  # noqa: E731
        pager = ("navigation", "pager")
        self.pager = find(pager, rules[pager]) if pager in rules else empty.match
        self.line = [(_ZONE_CODE[z], find((z, "line"), rules[(z, "line")])) for z in _RULE_ORDER if (z, "line") in rules]
        self.sentence = [(_ZONE_CODE[z], rules[(z, "sentence")].search) for z in _RULE_ORDER if (z, "sentence") in rules]
        self.rules = _sentence_rules(path)
        self.rule_zone = [code for code, _, _ in self.rules]
        self.rule_search = [rx.search for _, rx, _ in self.rules]
        # a pattern tried alone must mean what it means among its zone's patterns: no group numbers
        self.per_rule = not any(_GROUP_REFERENCE.search(rx.pattern) for _, rx, _ in self.rules)
        sentence_triggers, line_triggers = load_zone_triggers(path), _line_triggers(path)
        triggers = tuple(sorted(set(sentence_triggers) | set(line_triggers or ())))  # found in one pass
        self.sentence_trigger = np.isin(triggers, sentence_triggers)
        self.line_trigger = np.isin(triggers, line_triggers or ())
        self.line_filter = line_triggers is not None  # else every short line is tried
        self.trigger_length = np.array([len(t) for t in triggers], dtype=np.int64)
        named = [[r for r, (_, _, names) in enumerate(self.rules) if t in names] for t in triggers]
        self.trigger_rules = np.array([r for rules_of in named for r in rules_of], dtype=np.int64)
        self.trigger_first = np.cumsum([0] + [len(rules_of) for rules_of in named])  # trigger t: rules [first[t], first[t+1])
        self.any_line = _any_of([self.pager] + [find for _, find in self.line])
        self.triggers = _TriggerFinder(triggers)

    def line_zones(self, text: str, p0: np.ndarray, p1: np.ndarray, hits: tuple[np.ndarray, np.ndarray],
                   odd: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Whether each line ``text[p0:p1]`` is a pager link, and the zone code its line rules give (or ``_NO_ZONE``).

        Only lines of at most ``_LINE_RULE_MAX_CHARS`` are tried, first on all the rules at once
        (one regular expression, unless a pattern refers to a group by number); with the line
        triggers, only those of them in which a line trigger is found (``hits``: start and trigger
        of each occurrence in the lower-cased text) or which are ``odd`` (a character where
        ``re.IGNORECASE`` and lower-casing may disagree).
        """
        pager, zones = np.zeros(len(p0), dtype=bool), np.full(len(p0), _NO_ZONE, dtype=np.int8)
        short = p1 - p0 <= _LINE_RULE_MAX_CHARS
        if self.line_filter:
            begin, trigger = (h[self.line_trigger[hits[1]]] for h in hits)
            line = np.maximum(np.searchsorted(p0, begin, side="right") - 1, 0)
            hit = np.zeros(len(p0), dtype=bool)
            hit[line[(begin >= p0[line]) & (begin + self.trigger_length[trigger] <= p1[line])]] = True
            short &= hit | odd
        tried = np.flatnonzero(short)
        any_line = self.any_line
        for i, start, end in zip(tried.tolist(), p0[tried].tolist(), p1[tried].tolist()):
            line = text[start:end]
            if any_line(line):
                pager[i] = bool(self.pager(line))
                zones[i] = _ZONE_CODE["navigation"] if pager[i] else next(
                    (code for code, find in self.line if find(line)), _NO_ZONE)
        return pager, zones

    def rules_to_try(self, sentences: np.ndarray, triggers: np.ndarray) -> tuple[list[int], list[int]]:
        """The (sentence, rule) pairs to try given the triggers found in sentences, sorted and unique."""
        first, count = self.trigger_first[triggers], np.diff(self.trigger_first)[triggers]
        rank = np.arange(count.sum()) - np.repeat(np.cumsum(count) - count, count)
        pairs = np.unique(np.repeat(sentences, count) * len(self.rules) + self.trigger_rules[np.repeat(first, count) + rank])
        return (pairs // len(self.rules)).tolist(), (pairs % len(self.rules)).tolist()

    def sentence_zone(self, sentence: str) -> int:
        """The zone code of the first zone whose sentence patterns match (or ``_NO_ZONE``)."""
        return next((code for code, search in self.sentence if search(sentence)), _NO_ZONE)


class _Batch:
    """Articles joined by newlines, with where each starts and ends in the joined text."""

    def __init__(self, texts: list[str]):
        self.text = "\n".join(texts)
        lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
        self.ends = np.cumsum(lengths + 1) - 1
        self.starts = self.ends - lengths

    def blocks(self, size: int | None = None):
        """``(start, end)`` of consecutive pieces of whole lines of about ``size`` characters or more.

        By default twice the batch size: a batch ends with the article that takes it past
        ``_BATCH_CHARS``, so it is one block unless that article is very long (no small
        leftover block, each of which costs as many array operations as a full one).
        """
        text, b0, size = self.text, 0, size or 2 * _BATCH_CHARS
        while b0 < len(text):
            b1 = text.rfind("\n", b0, b0 + size) + 1 if len(text) - b0 > size else len(text)
            if b1 <= b0:  # no newline within size: take the whole (long) line
                b1 = text.find("\n", b0 + size) + 1 or len(text)
            yield b0, b1
            b0 = b1


def _batches(texts: list[str], size: int | None = None):
    """Consecutive slices of ``texts`` of about ``size`` characters (at least one text each)."""
    start, total, size = 0, 0, size or _BATCH_CHARS
    for i, text in enumerate(texts):
        total += len(text) + 1
        if total >= size:
            yield slice(start, i + 1)
            start, total = i + 1, 0
    if start < len(texts):
        yield slice(start, len(texts))


def _segment_batch(texts: list[str], rules: _ZoneRules, abbreviations: frozenset[str]) -> dict[str, np.ndarray]:
    """Sentences of a few articles as arrays: article, para, sent, start, end, zone, n_words, text."""
    batch = _Batch(texts)
    scan, flags, codes = _scan(batch, abbreviations)
    p0, p1 = scan["p0"], scan["p1"]
    para_art = np.searchsorted(batch.starts, p0, side="right") - 1
    hits = rules.triggers.find(codes)  # every zone trigger, for the line and the sentence rules
    odd = (_count_in(scan["cased"], p0, p1) > 0) | (_count_in(scan["long"], p0, p1) > 0)
    line_zone, heading = _line_zones(batch.text, p0, p1, para_art, _count_in(scan["words"], p0, p1), flags,
                                     rules.line_zones(batch.text, p0, p1, hits, odd))

    para, starts, ends = _sentence_spans(p0, p1, scan["cuts"], scan["after"])
    art = para_art[para]
    zone = line_zone[para]
    sentences = [batch.text[s:e] for s, e in zip(starts.tolist(), ends.tolist())]
    _sentence_zones(zone, sentences, starts, ends, art, batch, scan, hits, rules)
    zone = np.where(zone != _NO_ZONE, zone, np.where(heading[para], _ZONE_CODE["heading"], _ZONE_CODE["body"]))
    first_para = np.searchsorted(p0, batch.starts)
    first_sent = np.searchsorted(starts, batch.starts)
    return {"article": art, "para": para - first_para[art], "sent": np.arange(len(para)) - first_sent[art],
            "start": starts - batch.starts[art], "end": ends - batch.starts[art], "zone": zone,
            "n_words": _count_in(scan["words"], starts, ends),
            "text": np.array(sentences, dtype=object)}


def _scan(batch: _Batch, abbreviations: frozenset[str]) -> tuple[dict[str, np.ndarray], np.ndarray, np.ndarray]:
    """One pass over a batch, block by block, with arrays of its characters.

    Returns
    -------
    positions : dict of ndarray
        Sorted offsets of: the starts and ends of the paragraphs (``p0``, ``p1``, see
        :func:`_line_spans`), word starts (``words``), sentence ends (``cuts``) and the
        sentence start after each (``after``, see :func:`_sentence_ends`), characters
        flagged ``_CASED`` (``cased``) and ``_LONG`` (``long``).
    flags : ndarray
        The flags of the batch's characters (see :func:`_classes`).
    codes : ndarray
        The code points of the batch.
    """
    found: dict[str, list[np.ndarray]] = {name: [] for name in ("p0", "p1", "words", "cuts", "after", "cased", "long")}
    flags, codes = [], []
    for b0, b1 in batch.blocks():
        block = _codes(batch.text[b0:b1])
        cls = _classes(block)
        p0, p1 = _line_spans(block, cls)
        cuts, after = _sentence_ends(batch.text, b0, block, cls, batch.starts, abbreviations)
        words = _word_starts((cls[:-_PAD] & _ALNUM) != 0, (cls[:-_PAD] & _JOINER) != 0)
        rare = np.flatnonzero((cls & (_CASED | _LONG)) != 0)  # one pass over the block for both
        for name, at in (("p0", p0), ("p1", p1), ("words", np.flatnonzero(words)), ("cuts", cuts - b0),
                         ("after", after - b0), ("cased", rare[(cls[rare] & _CASED) != 0]),
                         ("long", rare[(cls[rare] & _LONG) != 0])):
            found[name].append(at + b0)
        flags.append(cls[:-_PAD])
        codes.append(block)
    positions = {name: _joined(at, np.int64) for name, at in found.items()}
    return positions, _joined(flags, np.uint16), _joined(codes, np.uint32)


def _joined(arrays: list[np.ndarray], dtype) -> np.ndarray:
    """The arrays end to end (the one array itself, not a copy: most batches are one block)."""
    return arrays[0] if len(arrays) == 1 else np.concatenate(arrays) if arrays else np.zeros(0, dtype=dtype)


def _sentence_zones(zone: np.ndarray, sentences: list[str], starts: np.ndarray, ends: np.ndarray, art: np.ndarray,
                    batch: _Batch, scan: dict[str, np.ndarray], hits: tuple[np.ndarray, np.ndarray],
                    rules: _ZoneRules) -> None:
    """Set the zone the sentence rules give to each sentence without a line zone (in place).

    ``sentences`` holds the texts of the sentences, ``starts`` and ``ends`` their offsets in the batch.

    A sentence is tried when a trigger string starts inside it (or in the whitespace
    after it) in its lower-cased article, on the rules naming the triggers found. It
    is tried on every zone's patterns when it has a non-ASCII character with case (where
    ``re.IGNORECASE`` and ``str.lower`` may disagree) and, with every other sentence of
    its article, when lower-casing changes the article's length (offsets would not match).
    ``hits`` are the start and trigger of each zone trigger found in the batch lower-cased.
    """
    if not len(starts):
        return
    begin, trigger = (h[rules.sentence_trigger[hits[1]]] for h in hits)
    hit_art = np.searchsorted(batch.starts, begin, side="right") - 1
    k = np.maximum(np.searchsorted(starts, begin, side="right") - 1, 0)
    changed = np.isin(art, np.searchsorted(batch.starts, scan["long"], side="right") - 1)
    exhaustive = changed | (_count_in(scan["cased"], starts, ends) > 0) | (not rules.per_rule)
    ok = ((begin + rules.trigger_length[trigger] <= batch.ends[hit_art]) & (begin >= starts[0])
          & (art[k] == hit_art) & (zone[k] == _NO_ZONE))
    for i in np.union1d(k[ok & exhaustive[k]], np.flatnonzero(changed & (zone == _NO_ZONE))).tolist():
        zone[i] = rules.sentence_zone(sentences[i])
    found: dict[int, int] = {}
    search, rule_zone = rules.rule_search, rules.rule_zone
    for i, r in zip(*rules.rules_to_try(k[ok & ~exhaustive[k]], trigger[ok & ~exhaustive[k]])):
        if i not in found and search[r](sentences[i]):  # (not when an earlier rule, or zone, matched)
            found[i] = rule_zone[r]
    zone[list(found)] = list(found.values())


def _count_in(positions: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """How many of the sorted ``positions`` lie in each ``[start, end)``."""
    return np.searchsorted(positions, ends) - np.searchsorted(positions, starts)


def _line_zones(text: str, p0: np.ndarray, p1: np.ndarray, art: np.ndarray, n_words: np.ndarray, flags: np.ndarray,
                ruled: tuple[np.ndarray, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """Zone code (or ``_NO_ZONE``) and heading flag of each line (paragraph) ``text[p0:p1]``, of articles ``art``.

    ``flags`` are the flags (see :func:`_classes`) of the characters of ``text``; ``ruled`` is what
    the line rules say (:meth:`_ZoneRules.line_zones`).

    Line rules and pager links set the zone; a heading-shaped line without one is a
    heading, except right after a pager link (the linked title: navigation); the first
    line that is neither after a heading-shaped disclaimer line is disclaimer.
    """
    pager, zone = ruled
    shape = _heading_shapes(text, p0, p1, n_words, flags[p0], flags[p1 - 1])
    heading = (zone == _NO_ZONE) & shape
    after_pager = np.zeros(len(p0), dtype=bool)
    after_pager[1:] = pager[:-1] & (art[1:] == art[:-1])
    zone[heading & after_pager] = _ZONE_CODE["navigation"]
    heading &= ~after_pager
    disclaimer = _ZONE_CODE["disclaimer"]
    # a disclaimer heading's zone passes to the next line that is neither (that line is not
    # heading-shaped, or it would be a heading: it passes it on no further)
    free = np.flatnonzero(~heading & (zone == _NO_ZONE))
    heads = np.flatnonzero((zone == disclaimer) & shape)
    k = np.searchsorted(free, heads, side="right")
    heads, nxt = heads[k < len(free)], free[k[k < len(free)]]
    zone[nxt[art[nxt] == art[heads]]] = disclaimer
    return zone, heading


@lru_cache(maxsize=None)
def _zone_rules(path: str | None) -> _ZoneRules:
    return _ZoneRules(path)


def segment(articles: pd.DataFrame, zone_rules: str | os.PathLike | None = None) -> pd.DataFrame:
    """Split articles into sentences with offsets and zones.

    Parameters
    ----------
    articles : DataFrame
        Output of :func:`analysis.load_corpus` (needs ``doc_id`` and ``text``).
    zone_rules : path-like, optional
        A zones CSV (``zone,scope,pattern,trigger,note``) replacing ``data/zones.csv``.

    Returns
    -------
    DataFrame
        One row per sentence: ``doc_id, para, sent, start, end, zone, n_words, text``.
        ``para`` and ``sent`` count from 0 within each article; ``start``/``end`` are
        character offsets into the article's text.

    Examples
    --------
    >>> arts = pd.DataFrame({"doc_id": ["a"], "text": ["Why Ketamine\\nIt may help. Call us today!"]})
    >>> segment(arts)[["sent", "zone", "text"]].values.tolist()
    [[0, 'heading', 'Why Ketamine'], [1, 'body', 'It may help.'], [2, 'call_to_action', 'Call us today!']]
    """
    if isinstance(articles, (str, bytes)):
        raise TypeError("segment() expects the articles table from load_corpus(), got a string.")
    rules = _zone_rules(str(zone_rules) if zone_rules else None)
    abbreviations = load_abbreviations()
    texts = list(articles["text"])
    parts = []
    for batch in _batches(texts):
        part = _segment_batch(texts[batch], rules, abbreviations)
        part["article"] += batch.start
        parts.append(part)
    doc_ids = np.array([str(d) for d in articles["doc_id"]], dtype=object)
    cols = {c: np.concatenate([p[c] for p in parts]) if parts else np.zeros(0, dtype=object if c == "text" else np.int64)
            for c in ("article", "para", "sent", "start", "end", "zone", "n_words", "text")}
    # object arrays, not lists: pandas then takes the strings without converting them one by one
    zone, text = np.array(ZONES, dtype=object)[cols["zone"]], cols["text"]
    if not len(text):  # no sentence: empty lists, which pandas makes float64 columns, as it always has
        zone, text = [], []
    table = pd.DataFrame({"doc_id": doc_ids[cols["article"]], **{c: cols[c] for c in SENTENCE_COLUMNS[1:5]},
                          "zone": zone, "n_words": cols["n_words"], "text": text}, columns=SENTENCE_COLUMNS)
    return table.astype({"doc_id": str, "para": "int64", "sent": "int64", "start": "int64", "end": "int64", "n_words": "int64"})

def paragraphs(sentences: pd.DataFrame) -> pd.DataFrame:
    """Collapse sentences into paragraphs; a paragraph's zone is the zone of most of its words.

    Paragraphs come sorted by ``doc_id`` and ``para``, their sentences in table order; a
    tie between zones goes to the zone that comes first in the paragraph.

    Returns
    -------
    DataFrame
        ``doc_id, para, start, end, zone, n_words, text`` (text joined with single spaces).
    """
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
