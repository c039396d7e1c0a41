"""Where the stance measure's context rules are tried: the rules file and the prefilter of :mod:`analysis.stance_rules`.

The rules file (default ``data/lexicons/stance_rules.csv``; lines starting with ``#`` are comments) has
the columns ``rule, kind, category, terms, subtype, level, triggers, starts, pattern, source, note``
(what each kind does: :mod:`analysis.stance_rules`).

Each rule's pattern is matched in each text alone, its newlines read as spaces.

**Prefilter** (what keeps the rules fast; the result is the same as trying every rule on every text,
which a test checks). A rule is tried only where it can change something:

* ``drop``, ``drop_sentence``, ``only``, ``level``: in texts holding a counted marker of the rule's
  category (one whose words match ``terms``, when given); ``claim_drop``: in texts holding a cue of
  the rule's category and one of the other part; ``claim``: in texts that are no claim by their
  cues; ``not_claim``: in texts that are claims so far;
* ``triggers`` (any kind): literal strings, ``|``-separated, one of which every text the pattern
  matches contains: the rule is tried only on the texts that hold one. An entry may ask for several
  strings at once, joined by ``+``, each a string or a ``(a|b|c)`` choice: ``(may|might)+help``;
* ``starts`` (any kind): literal strings one of which every match of the pattern begins with (``^``:
  the text's start): the pattern is tried only where one begins (``match`` at each, skipping those
  inside the previous match, as ``finditer`` scans);
* a text that repeats an earlier one (navigation, calls to action, boilerplate) gets its outcome
  (:func:`analysis.stance_rules.apply_rules`).

Trigger and start strings are lower case, without spaces, of characters that are ASCII or have no
case; the engine's matcher finds those of all rules in one pass over the texts, case-insensitively
character by character (``’`` read as ``'``). A text holding ``İ``,
``ı`` or ``ſ`` (which the regular expressions match to ``i`` or ``s`` case-insensitively, and
lower-casing does not) is tried on every rule of its kind, everywhere. A rule of kind ``add``,
``claim`` or ``not_claim`` without triggers or starts is tried on every text (allowed; none of the
bundled rules needs it).
"""
from __future__ import annotations

import csv
import os
import re
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import numpy as np

from .engine import Matcher
from .lexicon import LEXICON_DIR

__all__ = ["RULES_FILE", "RULE_KINDS", "COLUMNS", "Rule", "Rules", "RuleFinder", "load_rules", "mask"]

RULES_FILE = LEXICON_DIR / "stance_rules.csv"
RULE_KINDS = ("drop", "drop_sentence", "only", "add", "level", "not_claim", "claim_drop", "claim")
#: the columns of a rules file, in order
COLUMNS = ["rule", "kind", "category", "terms", "subtype", "level", "triggers", "starts", "pattern", "source", "note"]
#: the characters that a case-insensitive regular expression matches to an ASCII letter and lower-casing does not
_ODD = re.compile("[\u0130\u0131\u017f]")


class Rule(NamedTuple):
    """One row of the rules file: ``pattern`` (and ``terms``) compiled, ``triggers`` and ``starts`` split."""
    name: str
    kind: str
    category: str
    terms: re.Pattern | None
    subtype: str
    level: int
    pattern: re.Pattern
    triggers: tuple[str, ...] = ()
    starts: tuple[str, ...] = ()

    def triggered(self, text: str) -> bool:
        """Whether ``text`` holds one of the rule's triggers (lower-cased, ``’`` read as ``'``; True without
        triggers): the texts the rule is tried on, besides those with ``İ``, ``ı`` or ``ſ``."""
        low = text.lower().replace("’", "'")
        return not self.triggers or any(all(any(s in low for s in part) for part in _parts(t)) for t in self.triggers)


class Rules:
    """The rules of a file in file order, with one matcher for the trigger and start strings of all of them.

    Attributes
    ----------
    rules : tuple of Rule
    """

    def __init__(self, rules):
        self.rules = tuple(rules)
        self.strings = sorted({s for rule in self.rules for t in rule.triggers for part in _parts(t) for s in part}
                              | {s for rule in self.rules for s in rule.starts if s != "^"})
        self.matcher = Matcher(self.strings, whole_words=False) if self.strings else None
        index = {s: k for k, s in enumerate(self.strings)}
        # per rule and trigger, the string indices of each of its parts (one of every part must be found)
        self.trigger_ids = [[[[index[s] for s in part] for part in _parts(t)] for t in rule.triggers]
                            for rule in self.rules]
        self.start_ids = [[index[s] for s in rule.starts if s != "^"] for rule in self.rules]

    def __iter__(self):
        return iter(self.rules)

    def __len__(self) -> int:
        return len(self.rules)


def load_rules(path: str | os.PathLike | None = None) -> Rules:
    """The context rules, in file order (lines starting with ``#`` are comments).

    Raises
    ------
    ValueError
        Naming the file and line of an unknown kind, a repeated rule name, a pattern that does not
        compile, or trigger or start strings that are not lower case without spaces.
    """
    file = Path(path) if path else RULES_FILE
    return _rules_cached(str(file), file.stat().st_mtime_ns if file.exists() else None)


def _parts(trigger: str) -> list[tuple[str, ...]]:
    """The parts of a trigger (``+``-joined), each the strings of a ``(a|b)`` choice or one string."""
    return [tuple(p[1:-1].split("|")) if p.startswith("(") and p.endswith(")") else (p,) for p in trigger.split("+")]


def _split_triggers(column: str) -> tuple[str, ...]:
    """A triggers field split at the ``|`` outside parentheses (a field that does not parse keeps its
    pieces, which then fail :func:`_bad_strings`)."""
    parts = re.findall(r"(?:\([^()|]+(?:\|[^()|]+)*\)|[^|()])+", column)
    return tuple(parts) if "|".join(parts) == column else tuple(column.split("|"))


def _bad_strings(strings: tuple[str, ...], starts: bool) -> bool:
    """Whether a trigger or start list breaks the rules (lower case, no spaces, ASCII or caseless characters;
    ``^`` only among starts, ``+`` and ``(a|b)`` only among triggers)."""
    if not starts:
        strings = tuple(s for t in strings for part in _parts(t) for s in part)
    return any(not s or (s == "^" and not starts) or (not starts and set(s) & set("+()|")) or
               re.search(r"\s", s) or any(c.lower() != c or (not c.isascii() and c.upper() != c) for c in s)
               for s in strings)


@lru_cache(maxsize=8)
def _rules_cached(path: str, stamp) -> Rules:
    with open(path, newline="", encoding="utf-8") as f:
        numbered = [(k, line) for k, line in enumerate(f, start=1) if not line.startswith("#")]
    reader = csv.reader(line for _, line in numbered)
    header = next(reader, [])
    if header != COLUMNS:
        raise ValueError(f"{path}: columns {header}, expected {COLUMNS}.")
    rules, seen = [], set()
    for values in reader:
        where = f"{path}, line {numbered[reader.line_num - 1][0]}"
        if len(values) != len(COLUMNS):
            raise ValueError(f"{where}: {len(values)} fields, expected {len(COLUMNS)} ({', '.join(COLUMNS)}).")
        row = dict(zip(COLUMNS, values))
        if row["kind"] not in RULE_KINDS or row["rule"] in seen:
            raise ValueError(f"{where}: kind {row['kind']!r} (expected one of {RULE_KINDS}) "
                             f"or rule name {row['rule']!r} repeated.")
        seen.add(row["rule"])
        triggers = _split_triggers(row["triggers"]) if row["triggers"] else ()
        starts = tuple(row["starts"].split("|")) if row["starts"] else ()
        if _bad_strings(triggers, starts=False) or _bad_strings(starts, starts=True):
            raise ValueError(f"{where}: rule {row['rule']!r}: triggers {row['triggers']!r}, starts {row['starts']!r}: "
                             "expected lower-case strings without spaces ('|'-separated; characters ASCII or without "
                             "case; among triggers 'a+(b|c)' for a and b or c, so no + ( ) in a trigger string; among "
                             "starts '^' for the text's start): triggers one of which every text the pattern matches "
                             "holds, starts one of which every match begins with.")
        try:
            pattern = re.compile(row["pattern"], re.IGNORECASE)
            terms = re.compile(row["terms"], re.IGNORECASE) if row["terms"] else None
        except re.error as err:
            raise ValueError(f"{where}: rule {row['rule']!r}: {err}") from None
        rules.append(Rule(row["rule"], row["kind"], row["category"], terms, row["subtype"], int(row["level"] or 0),
                          pattern, triggers, starts))
    return Rules(rules)



class RuleFinder:
    """Finds the matches of the rules in a list of texts, each text alone (newlines read as spaces),
    trying a rule only on the texts and at the places its prefilter allows (module docstring).

    Parameters
    ----------
    rules : Rules
    texts : list of str
    prefilter : bool
        False: every rule is tried on every text, at every position (slow; the same result).
    """

    def __init__(self, rules: Rules, texts: list[str], prefilter: bool):
        self.rules, self.texts, self.prefilter, n = rules, texts, prefilter, len(texts)
        if not prefilter:
            return
        self.width = 1 + max(map(len, texts), default=0)  # places are coded text * width + position
        self.odd = np.zeros(n, dtype=bool)
        self.odd[[i for i, t in enumerate(texts) if not t.isascii() and _ODD.search(t)]] = True
        found = rules.matcher.find(texts) if rules.matcher is not None and n else None
        term = found.term.astype(np.int32) if found else np.zeros(0, dtype=np.int32)
        order = np.argsort(term, kind="stable")
        bounds = np.searchsorted(term[order], np.arange(len(rules.strings) + 1))
        text = found.text[order] if found else np.zeros(0, dtype=np.int64)
        start = found.start[order] if found else np.zeros(0, dtype=np.int64)
        # per string, the text and start of each place it is found
        self.found = [(text[a:b], start[a:b]) for a, b in zip(bounds[:-1], bounds[1:])]
        self._has: dict[int, np.ndarray] = {}

    def has(self, s: int) -> np.ndarray:
        """Which texts hold trigger string ``s`` (a mask)."""
        if s not in self._has:
            self._has[s] = mask(len(self.texts), self.found[s][0])
        return self._has[s]

    def matches(self, k: int, where: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Text index, start and end of each match of rule ``k`` (its group ``m`` when the pattern has one),
        in order, in the texts ``where`` holds (a mask; None: every text) when prefiltering, else in
        every text."""
        rule, n = self.rules.rules[k], len(self.texts)
        if not self.prefilter:
            return _finditer(rule, self.texts, range(n))
        tried = np.ones(n, dtype=bool) if where is None else where.copy()
        if rule.triggers:
            held = np.zeros(n, dtype=bool)
            for parts in self.rules.trigger_ids[k]:
                held |= np.logical_and.reduce([np.logical_or.reduce([self.has(s) for s in part]) for part in parts])
            tried &= held | self.odd
        if not rule.starts:
            return _finditer(rule, self.texts, np.flatnonzero(tried).tolist())
        plain = tried & ~self.odd
        text = np.concatenate([self.found[s][0] for s in self.rules.start_ids[k]] + [np.zeros(0, dtype=np.int64)])
        pos = np.concatenate([self.found[s][1] for s in self.rules.start_ids[k]] + [np.zeros(0, dtype=np.int64)])
        text, pos = text[plain[text]], pos[plain[text]]
        if "^" in rule.starts:
            first = np.flatnonzero(plain)
            text, pos = np.concatenate([text, first]), np.concatenate([pos, np.zeros(len(first), dtype=np.int64)])
        found = _anchored(rule, self.texts, np.unique(text * self.width + pos), self.width)
        odd = _finditer(rule, self.texts, np.flatnonzero(tried & self.odd).tolist())
        if not len(odd[0]):
            return found
        merged = [np.concatenate([a, b]) for a, b in zip(found, odd)]
        order = np.lexsort((merged[1], merged[0]))
        return tuple(a[order] for a in merged)


def _group(rule: Rule) -> int | str:
    return "m" if "m" in rule.pattern.groupindex else 0


def _arrays(found: list[tuple[int, int, int]]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    if not found:
        return tuple(np.zeros(0, dtype=np.int64) for _ in range(3))
    return tuple(np.array(found, dtype=np.int64).T)


def _finditer(rule: Rule, texts: list[str], ids) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The matches of ``rule`` in the texts ``ids``: every position of each text scanned."""
    group, finditer = _group(rule), rule.pattern.finditer
    return _arrays([(i, m.start(group), m.end(group)) for i in ids
                    for m in finditer(texts[i].replace("\n", " ")) if m.start(group) >= 0])


def _anchored(rule: Rule, texts: list[str], places: np.ndarray, width: int
              ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The matches of ``rule`` trying the pattern only at ``places`` (sorted codes ``text * width +
    position``), skipping the places inside the previous match of a text as ``finditer`` does (a text
    where the pattern matches an empty string is scanned whole instead)."""
    group, match = _group(rule), rule.pattern.match
    found, rescan, last, end, text = [], set(), -1, 0, ""
    for i, p in zip((places // width).tolist(), (places % width).tolist()):
        if i != last:
            last, end, text = i, 0, texts[i].replace("\n", " ")
        elif p < end:
            continue
        m = match(text, p)
        if m is None:
            continue
        if m.end() == m.start():  # where finditer goes on after an empty match is subtle: scan the text whole
            rescan.add(i)
            end = len(text) + 1
            continue
        end = m.end()
        if m.start(group) >= 0:
            found.append((i, m.start(group), m.end(group)))
    if rescan:
        again = _finditer(rule, texts, sorted(rescan))
        found = sorted([f for f in found if f[0] not in rescan] + list(zip(*(a.tolist() for a in again))))
    return _arrays(found)



def mask(n: int, ids: np.ndarray) -> np.ndarray:
    """A boolean array of length ``n``, True at ``ids``."""
    out = np.zeros(n, dtype=bool)
    out[ids] = True
    return out
