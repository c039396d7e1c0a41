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
  heading-shaped line after a pager link ("Previous") is navigation.

Every sentence row satisfies ``text[start:end] == article_text[start:end]``.
"""
from __future__ import annotations

import os
import re
from bisect import bisect_right
from functools import lru_cache
from pathlib import Path

import pandas as pd

from .paths import DATA_DIR
from .tokens import WORD_RE, word_counts

__all__ = [
    "ZONES", "split_paragraphs", "split_sentences", "segment", "paragraphs",
    "load_zone_rules", "load_zone_triggers", "load_abbreviations",
]

ZONES = ("body", "heading", "call_to_action", "disclaimer", "navigation")
SENTENCE_COLUMNS = ["doc_id", "para", "sent", "start", "end", "zone", "n_words", "text"]

_PARAGRAPH = re.compile(r"[^\s](?:[^\n]*[^\s])?")
_CANDIDATE = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9\-•*])|[?!](?=[A-Z][a-z]{0,3}:)")
_PREV_WORD = re.compile(r"\S+$")
_HEADING_MAX_WORDS = 20
_HEADING_MAX_CHARS = 250
_LINE_RULE_MAX_CHARS = 300  # page-furniture lines (buttons, pagers, bylines) are short
_RULE_ORDER = ("navigation", "disclaimer", "call_to_action")
_FIXED = ("navigation", "disclaimer", "call_to_action")  # a line-level zone beats sentence rules


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
    file = Path(path) if path else DATA_DIR / "zones.csv"
    table = pd.read_csv(file, dtype=str, keep_default_na=False)
    triggers = set()
    for i, row in table.iterrows():
        if row.get("scope") != "sentence":
            continue
        parts = [t for t in str(row.get("trigger", "")).split("|") if t]
        if not parts or any(t != t.lower() for t in parts):
            raise ValueError(f"{file}, line {i + 2}: a sentence-scope rule needs lower-case trigger strings "
                             "('|'-separated) that any matching sentence contains.")
        triggers.update(parts)
    return tuple(sorted(triggers))


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
    return _sentences_in(text, start, end, _cuts(text, start, end, abbreviations))


def _cuts(text: str, start: int, end: int, abbreviations: frozenset[str]) -> list[int]:
    """Offsets where a sentence ends, from one scan of ``text[start:end]``."""
    cuts = []
    for m in _CANDIDATE.finditer(text, start, end):
        if m.group().rstrip("\"'”’)]") == ".":
            prev = _PREV_WORD.search(text, max(start, m.start() - 30), m.start())
            word = prev.group().lower().lstrip("(\"'“‘[") if prev else ""
            if word in abbreviations or (len(word) == 1 and word.isalpha()):
                continue
        cuts.append(m.end())
    return cuts


def _sentences_in(text: str, p0: int, p1: int, cuts: list[int]) -> list[tuple[int, int]]:
    """Sentence spans of the paragraph ``text[p0:p1]``, given the sorted sentence ends ``cuts``."""
    spans, cursor = [], p0
    for k in range(bisect_right(cuts, p0), bisect_right(cuts, p1 - 1)):
        _append(text, cursor, cuts[k], spans)
        cursor = cuts[k]
    _append(text, cursor, p1, spans)
    return spans


def _append(text: str, a: int, b: int, spans: list) -> None:
    piece = text[a:b]
    stripped = piece.strip()
    if stripped:
        a += len(piece) - len(piece.lstrip())
        spans.append((a, a + len(stripped)))


def _is_heading(line: str) -> bool:
    if len(line) > _HEADING_MAX_CHARS:
        return False
    words = WORD_RE.findall(line)
    if not words or len(words) > _HEADING_MAX_WORDS:
        return False
    last = line.rstrip()[-1]
    if last in ".;,…" or (last == ":" and len(words) > 3):
        return False
    if last in "?!":
        long_words = [w for w in words if len(w) >= 4]
        return bool(long_words) and sum(w[0].isupper() for w in long_words) / len(long_words) >= 0.6
    return line.lstrip()[0].isupper() or line.lstrip()[0].isdigit()


@lru_cache(maxsize=None)
def _anchored_rules(path: str | None = None) -> frozenset[tuple[str, str]]:
    """The (zone, scope) rules of ``zones.csv`` whose every pattern is anchored at the start (``^...``
    with no top-level ``|``): for them ``match`` finds what ``search`` finds, without trying every position."""
    try:
        from re import _constants as sre_constants, _parser as sre_parse
    except ImportError:  # pragma: no cover - Python < 3.11 names
        import sre_constants
        import sre_parse
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


class _ZoneRules:
    """Zone rules compiled for fast use: line rules run on short lines only, and a
    sentence rule runs only on sentences that contain one of its trigger strings."""

    def __init__(self, path: str | None):
        rules = load_zone_rules(path)
        anchored = _anchored_rules(path)
        empty = re.compile(r"(?!x)x")
        # a rule whose every pattern starts with '^' can only match at the start: match(), not search()
        find = lambda key, rx: rx.match if key in anchored else rx.search  # noqa: E731
        self.pager = find(("navigation", "pager"), rules.get(("navigation", "pager"), empty))
        self.line = [(z, find((z, "line"), rules[(z, "line")])) for z in _RULE_ORDER if (z, "line") in rules]
        self.sentence = [(z, rules[(z, "sentence")]) for z in _RULE_ORDER if (z, "sentence") in rules]
        self.triggers = load_zone_triggers(path)

    def sentence_zones(self, text: str, spans: list[tuple[int, int]]) -> list[str | None]:
        zones: list[str | None] = [None] * len(spans)
        if not spans:
            return zones
        low = text.lower()
        if len(low) != len(text):  # rare: lower-casing changed the length; check every sentence
            candidates = range(len(spans))
        else:
            starts = [s for s, _ in spans]
            hits = set()
            for trigger in self.triggers:
                i = low.find(trigger)
                while i >= 0:
                    hits.add(bisect_right(starts, i) - 1)
                    i = low.find(trigger, i + 1)
            candidates = sorted(h for h in hits if h >= 0)
        for k in candidates:
            sentence = text[spans[k][0]:spans[k][1]]
            zones[k] = next((z for z, rx in self.sentence if rx.search(sentence)), None)
        return zones


def _segment_article(text: str, rules: _ZoneRules, abbreviations: frozenset[str]):
    """Sentences of one article as parallel lists: para, start, end, zone, n_words."""
    cuts = _cuts(text, 0, len(text), abbreviations)
    paras, spans, line_zones = [], [], []
    carry_disclaimer = after_pager = False
    for para_no, (p0, p1) in enumerate(split_paragraphs(text)):
        line = text[p0:p1]
        short = len(line) <= _LINE_RULE_MAX_CHARS
        is_pager = short and bool(rules.pager(line))
        line_zone = "navigation" if is_pager else (
            next((z for z, find in rules.line if find(line)), None) if short else None)
        heading = line_zone is None and _is_heading(line)
        if heading and after_pager:  # the linked title after "Previous" / "Next"
            line_zone, heading = "navigation", False
        after_pager = is_pager
        if carry_disclaimer and not heading and line_zone is None:
            line_zone, carry_disclaimer = "disclaimer", False
        if line_zone == "disclaimer" and _is_heading(line):
            carry_disclaimer = True
        default = line_zone or ("heading" if heading else None)
        for span in _sentences_in(text, p0, p1, cuts):
            spans.append(span)
            paras.append(para_no)
            line_zones.append(default)
    matched = rules.sentence_zones(text, spans)
    zones = [lz if lz in _FIXED else (m or lz or "body") for lz, m in zip(line_zones, matched)]
    return paras, spans, zones, word_counts(text, spans)


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
    rules = _ZoneRules(str(zone_rules) if zone_rules else None)
    abbreviations = load_abbreviations()
    cols = {c: [] for c in SENTENCE_COLUMNS}
    for doc_id, text in zip(articles["doc_id"], articles["text"]):
        paras, spans, zones, n_words = _segment_article(text, rules, abbreviations)
        cols["doc_id"].extend([str(doc_id)] * len(spans))
        cols["para"].extend(paras)
        cols["sent"].extend(range(len(spans)))
        cols["start"].extend(s for s, _ in spans)
        cols["end"].extend(e for _, e in spans)
        cols["zone"].extend(zones)
        cols["n_words"].extend(n_words)
        cols["text"].extend(text[s:e] for s, e in spans)
    table = pd.DataFrame(cols, columns=SENTENCE_COLUMNS)
    return table.astype({"doc_id": str, "para": "int64", "sent": "int64", "start": "int64", "end": "int64", "n_words": "int64"})


def paragraphs(sentences: pd.DataFrame) -> pd.DataFrame:
    """Collapse sentences into paragraphs; a paragraph's zone is the zone of most of its words.

    Returns
    -------
    DataFrame
        ``doc_id, para, start, end, zone, n_words, text`` (text joined with single spaces).
    """
    if sentences.empty:
        return pd.DataFrame(columns=["doc_id", "para", "start", "end", "zone", "n_words", "text"])
    words_by_zone = (sentences.groupby(["doc_id", "para", "zone"], sort=False)["n_words"].sum()
                     .reset_index().sort_values(["doc_id", "para", "n_words"], ascending=[True, True, False], kind="stable")
                     .drop_duplicates(["doc_id", "para"]))
    grouped = sentences.groupby(["doc_id", "para"], sort=True)
    table = grouped.agg(start=("start", "min"), end=("end", "max"), n_words=("n_words", "sum"),
                        text=("text", " ".join)).reset_index()
    table = table.merge(words_by_zone[["doc_id", "para", "zone"]], on=["doc_id", "para"], how="left")
    return table[["doc_id", "para", "start", "end", "zone", "n_words", "text"]]
