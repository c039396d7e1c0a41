"""Lexicons as data: word lists and codebooks read from files and matched in many texts at once.

A lexicon is a table of ``category, term`` rows (optional ``weight``, ``source``, ``note``) from a CSV file, a
LIWC-style ``.dic`` dictionary or code (the concept codebook), found in one pass by :class:`analysis.engine.Matcher`.

Term syntax: words match whole and case-insensitively (``may``: "May", not "mayor"; context rules such as May the
month live in the measures). A multi-word term matches across any run of spaces or hyphens, and a hyphen in a term
is a space (``game-changer``: "game changer"). A final ``*`` matches any word ending (``suggest*``: suggestion), as in
LIWC; ``'`` matches straight and curly apostrophes. Where terms overlap the longest match at a position wins
(``can be sure`` beats ``can``) and matches do not overlap; a term inside a hyphenated compound is not matched
(``IV`` not in "DSM-IV"); a possessive ``'s`` does not stop a match ("ketamine's").
"""
from __future__ import annotations

import csv
import os
import re
from functools import cached_property
from pathlib import Path
from typing import Iterable

import numpy as np
import pandas as pd

from .engine import Matcher
from .paths import DATA_DIR
from .tokens import text_list

__all__ = ["Lexicon", "load_lexicon", "LexiconError", "is_valid_term", "LEXICON_DIR", "MATCH_COLUMNS"]

LEXICON_DIR = DATA_DIR / "lexicons"
#: columns of :meth:`Lexicon.find`
MATCH_COLUMNS = ["text", "start", "end", "matched", "category", "term", "weight"]
_SPLIT = re.compile(r"[\s\-–]+")
_VALID_WORD = re.compile(r"^[^\s*]+\*?$")


def is_valid_term(term: str) -> bool:
    """Whether ``term`` is words separated by spaces or hyphens, with ``*`` only at the end of the last word."""
    words = _SPLIT.split(term)
    return all(w and _VALID_WORD.match(w) for w in words) and "*" not in "".join(words[:-1])


class LexiconError(ValueError):
    """A lexicon file or table is malformed; the message names the file and line."""


def _normalize(span: str) -> str:
    """A matched span as a literal term is written: lower case, ``'`` for ``’``, words joined by one space."""
    return " ".join(_SPLIT.split(span.lower().replace("’", "'"))).strip()


def _term_regex(term: str) -> re.Pattern:
    """The regular expression a wildcard term's matches satisfy as a whole."""
    parts = []
    for word in _SPLIT.split(term.strip()):
        piece = re.escape(word.rstrip("*")).replace("'", "['’]")
        parts.append(piece + (r"\w*" if word.endswith("*") else ""))
    return re.compile(r"[\s\-–]+".join(parts), re.I)


class Lexicon:
    """A set of ``category → terms``, found in texts by one matcher.

    ``entries``: rows with ``category``, ``term``, optional ``weight`` (default 1.0), ``line`` (the file line, for
    error messages, not kept) and other columns (``source``, ``note``), kept in :attr:`entries`. ``name`` (usually
    the file) is shown in error messages (:class:`LexiconError`).
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
        seen = set()
        for i, row in enumerate(table.itertuples(index=False)):
            where = f"{name}, line {row.line}" if "line" in table else f"{name}, entry {i + 1}"
            if not row.category or row.category == "nan" or not row.term or row.term == "nan":
                raise LexiconError(f"{where}: empty category or term.")
            if not is_valid_term(row.term):
                raise LexiconError(f"{where}: bad term {row.term!r}; '*' is allowed only at its end "
                                   "(a term is words separated by spaces or hyphens).")
            try:
                float(row.weight)
            except (TypeError, ValueError):
                raise LexiconError(f"{where}: weight {row.weight!r} is not a number.") from None
            if (row.category, row.term) in seen:
                raise LexiconError(f"{where}: term {row.term!r} repeats in category {row.category!r}.")
            seen.add((row.category, row.term))
        table["weight"] = table["weight"].astype(float)
        self.entries = table.drop(columns="line", errors="ignore").reset_index(drop=True)
        self.categories = tuple(dict.fromkeys(table["category"]))
        self._literal: dict[str, list[tuple[str, str, float]]] = {}
        self._wild: list[tuple[re.Pattern, tuple[str, str, float]]] = []
        for row in self.entries.itertuples(index=False):
            entry = (row.category, row.term, row.weight)
            if "*" in row.term:
                self._wild.append((_term_regex(row.term), entry))
            else:
                self._literal.setdefault(_normalize(row.term), []).append(entry)
        self._cache: dict[str, list[tuple[str, str, float]]] = {}

    def __repr__(self) -> str:
        return f"Lexicon({self.name!r}, {len(self.entries)} terms, categories={list(self.categories)})"

    @cached_property
    def matcher(self) -> Matcher:
        """The engine's matcher of all the terms (built on first use)."""
        return Matcher(sorted(set(self.entries["term"])))

    @cached_property
    def _term_entries(self) -> list[list[tuple[str, str, float]]]:
        """The entries a match of each of the matcher's terms belongs to (wildcard terms: see :meth:`find`)."""
        return [self.entries_for(term) for term in self.matcher.terms]

    @cached_property
    def _term_is_wild(self) -> np.ndarray:
        return np.array([term.endswith("*") for term in self.matcher.terms], dtype=bool)

    def entries_for(self, span: str) -> list[tuple[str, str, float]]:
        """All ``(category, term, weight)`` entries whose term matches ``span`` as a whole."""
        hits = self._cache.get(span)
        if hits is None:
            hits = list(self._literal.get(_normalize(span), ()))
            hits += [entry for rx, entry in self._wild if rx.fullmatch(span)]
            if len(self._cache) < 100_000:
                self._cache[span] = hits
        return list(hits)

    def find(self, texts: Iterable[str], matched: bool = True) -> pd.DataFrame:
        """Every match of every entry in ``texts``, found in one pass.

        One row per (match, entry), in order of text, match and entry: ``text`` (index into ``texts``), ``start, end``
        (offsets into that text), ``matched`` (the span's text; left out when ``matched=False``), ``category, term,
        weight`` (the entry). A span in several categories gives one row per category.
        """
        texts = text_list(texts)
        found = self.matcher.find(texts)
        span = lambda rows: [texts[t][a:b] for t, a, b in zip(  # noqa: E731
            found.text[rows].tolist(), found.start[rows].tolist(), found.end[rows].tolist())]
        # the entries of a match: those of its term, or, for a wildcard term, those of the word it matched
        group = found.term.copy()
        wild = np.flatnonzero(self._term_is_wild[found.term]) if len(found.term) else found.term
        words, distinct = pd.factorize(pd.Series(span(wild), dtype=object))
        group[wild] = len(self.matcher.terms) + words
        entries = self._term_entries + [self.entries_for(word) for word in distinct]
        n_entries = np.array([len(e) for e in entries], dtype=np.int64)
        per_match = n_entries[group]
        row = np.repeat(np.arange(len(group)), per_match)  # the match of each output row
        first_entry = np.cumsum(n_entries) - n_entries
        entry = np.repeat(first_entry[group] - (np.cumsum(per_match) - per_match), per_match) + np.arange(len(row))
        flat = [e for es in entries for e in es]
        table = {"text": found.text[row], "start": found.start[row], "end": found.end[row]}
        if matched:
            table["matched"] = np.array(span(row), dtype=object) if len(row) else np.zeros(0, dtype=object)
        table["category"] = np.array([e[0] for e in flat], dtype=object)[entry]
        table["term"] = np.array([e[1] for e in flat], dtype=object)[entry]
        table["weight"] = np.array([e[2] for e in flat], dtype=float)[entry]
        return pd.DataFrame(table)


def load_lexicon(source: str | os.PathLike) -> Lexicon:
    """Load a lexicon: a bundled name (``data/lexicons/NAME.csv``), a ``.csv`` file
    (``category,term[,weight,source,note]``) or a LIWC-style ``.dic`` file.

    Raises :class:`LexiconError` on an unknown name, an unreadable file or a malformed line (named in the message).
    """
    path = Path(source)
    if not path.suffix and not path.exists():
        path = LEXICON_DIR / f"{source}.csv"
        if not path.exists():
            names = sorted(p.stem for p in LEXICON_DIR.glob("*.csv"))
            raise LexiconError(f"unknown lexicon {str(source)!r}; bundled lexicons: {names}, or pass a .csv/.dic path.")
    if not path.exists():
        raise LexiconError(f"{path}: lexicon file not found.")
    read = {".dic": _read_dic, ".csv": _read_csv}.get(path.suffix.lower())
    if read is None:
        raise LexiconError(f"{path}: unsupported lexicon format {path.suffix!r}; use .csv or .dic.")
    return Lexicon(read(path), name=str(path))


def _read_csv(path: Path) -> pd.DataFrame:
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.reader(handle))
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
        records.append({**dict(zip(header, (v.strip() for v in row))), "line": line})
    if not records:
        raise LexiconError(f"{path}: no terms after the header.")
    table = pd.DataFrame(records)
    if "weight" in table:
        table["weight"] = table["weight"].replace("", "1")
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
    return pd.DataFrame(records).drop_duplicates(["category", "term"])
