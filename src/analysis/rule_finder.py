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
  cues; ``not_claim``: in texts that are claims so far; ``claim_cue``: in every text (its triggers
  narrow that);
* ``triggers`` (any kind): literal strings, ``|``-separated, one of which every text the pattern
  matches contains: the rule is tried only on the texts that hold one. An entry may ask for several
  strings at once, joined by ``+``, each a string or a ``(a|b|c)`` choice: ``(may|might)+help``;
* ``starts`` (any kind): literal strings one of which every match of the pattern begins with (``^``:
  the text's start): the pattern is tried only where one begins (``match`` at each, skipping those
  inside the previous match, as ``finditer`` scans);
* a place inside a word (between two word characters) is skipped for a rule whose every match begins
  at a word boundary, the text's start or a punctuation character, as read from its pattern
  (:func:`begins_outside_words`; all bundled rules with starts but one);
* ``drop``, ``only``, ``level``, ``claim_drop``: places after the last marker or cue of a text that a
  match could hold are skipped (``until`` of :meth:`RuleFinder.matches`);
* a sentence that repeats an earlier one (navigation, calls to action, boilerplate) is not scanned
  again (:mod:`analysis.repeats`, in :func:`analysis.stance.sentence_stance`).

What the last two place filters (and less numpy per rule) buy, measured with ``benchmarks/bench_rules.py`` on
the 1,000 synthetic articles made repetition-free (6.2 MB, 55,165 distinct sentences; a shared machine, best
of two runs, one core): 161,000 instead of 276,000 ``match`` calls; the rules alone 0.68 s instead of 0.99 s; the
stance stage 5.2 MB/s instead of 3.7 (without rules 14.7 and 12.9 in the same runs), far from the no-rules speed. What is left is mostly one ``match`` per remaining place (about a third of them for
``heading-or-question``, ``specific-grounds`` and the speed rules) and finding the short start strings
(``i``, ``p``, ``in``, ``on``: 1.5 million hits) in every text.

Trigger and start strings are lower case, without spaces, of characters that are ASCII or have no
case; the engine's matcher finds those of all rules in one pass over the texts, case-insensitively
character by character (``’`` read as ``'``). A text holding ``İ``,
``ı`` or ``ſ`` (which the regular expressions match to ``i`` or ``s`` case-insensitively, and
lower-casing does not) is tried on every rule of its kind, everywhere. A rule of kind ``add``,
``claim_cue``, ``claim`` or ``not_claim`` without triggers or starts is tried on every text (allowed; none of the
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

from .engine import WORD, Matcher, code_points, flags_of
from .lexicon import LEXICON_DIR

__all__ = ["RULES_FILE", "RULE_KINDS", "COLUMNS", "Rule", "Rules", "RuleFinder", "load_rules", "mask"]

RULES_FILE = LEXICON_DIR / "stance_rules.csv"
RULE_KINDS = ("drop", "drop_sentence", "only", "add", "level", "not_claim", "claim_cue", "claim_drop", "claim")
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
    outside_words: bool = False  # no match can begin inside a word (:func:`begins_outside_words`)

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
        # per string, the rules it starts (``starting[bounds[s]:bounds[s + 1]]``), for RuleFinder.every_match
        starting = [[k for k, ids in enumerate(self.start_ids) if s in ids] for s in range(len(self.strings))]
        self.starting = np.array([k for ks in starting for k in ks], dtype=np.int64)
        self.starting_bounds = np.cumsum([0] + [len(ks) for ks in starting])

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


#: lookbehinds (without groups inside them) at the start of a pattern's alternative
_LOOKBEHINDS = re.compile(r"(?:\(\?<[!=](?:[^()\\]|\\.)*\))*")


def begins_outside_words(pattern: str) -> bool:
    r"""Whether no match of ``pattern`` can begin inside a word (between two word characters, ``\w``): each of its
    top-level alternatives begins, after lookbehinds if any, with ``\b``, ``^`` or an ASCII punctuation character
    that is not optional (a reading of the pattern's text that may say False where True holds, never the reverse).

    Examples
    --------
    >>> begins_outside_words(r"(?<!\bvery\s)\beffective\b|^\W*finally|\(p\b"), begins_outside_words(r"\bp|p\b")
    (True, False)
    """
    alternatives, depth, start, k = [], 0, 0, 0
    while k < len(pattern):
        c = pattern[k]
        if c == "\\":  # an escaped character
            k += 1
        elif c == "[":  # a character class: on to its closing bracket (a first ] or ^] belongs to it)
            k += 1
            k += pattern[k:k + 1] == "^"
            k += pattern[k:k + 1] == "]"
            while k < len(pattern) and pattern[k] != "]":
                k += 2 if pattern[k] == "\\" else 1
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            alternatives.append(pattern[start:k])
            start = k + 1
        k += 1
    return all(_opens_outside_words(a[_LOOKBEHINDS.match(a).end():]) for a in alternatives + [pattern[start:]])


def _opens_outside_words(alternative: str) -> bool:
    """Whether ``alternative`` (without its lookbehinds) begins with ``\\b``, ``^`` or a punctuation character."""
    if alternative.startswith(("\\b", "^")):
        return True
    escaped = alternative.startswith("\\")
    char, rest = alternative[escaped:escaped + 1], alternative[escaped + 1:]
    return (char.isascii() and not (char.isalnum() or char.isspace() or char in "_#")
            and (escaped or char not in ".^$*+?{}[]|()") and not rest.startswith(("?", "*", "{")))


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
                          pattern, triggers, starts, begins_outside_words(row["pattern"])))
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
        lengths = np.fromiter(map(len, texts), dtype=np.int64, count=n)
        self.offsets = np.cumsum(lengths + 1) - lengths - 1  # of each text in the texts joined by newlines
        self.spaced = [t.replace("\n", " ") for t in texts]  # the texts as the patterns read them
        if not prefilter:
            return
        self.width = 1 + int(lengths.max(initial=0))  # places are coded text * width + position
        self.odd = mask(n, [i for i, t in enumerate(texts) if not t.isascii() and _ODD.search(t)])
        self.any_odd = bool(self.odd.any())
        self.codes = code_points("\n".join(texts))
        found = rules.matcher.find(texts) if rules.matcher is not None and n else None
        small = np.int16 if len(rules.strings) < 2 ** 15 else np.int32  # numpy sorts int16 by radix: ~6x faster
        term = found.term.astype(small) if found else np.zeros(0, dtype=small)
        order = np.argsort(term, kind="stable")
        bounds = np.searchsorted(term[order], np.arange(len(rules.strings) + 1))
        text = found.text[order] if found else np.zeros(0, dtype=np.int64)
        start = found.start[order] if found else np.zeros(0, dtype=np.int64)
        # per string, the text and start of each place it is found (all: by string, from bounds[s] to bounds[s + 1])
        self.found = [(text[a:b], start[a:b]) for a, b in zip(bounds[:-1], bounds[1:])]
        self.hits, self.bounds = (text, start), bounds

    def holding(self, k: int) -> np.ndarray:
        """Which texts hold one of rule ``k``'s triggers (a mask)."""
        n, triggers = len(self.texts), self.rules.trigger_ids[k]

        def holders(part):  # the texts holding one of the strings of a part
            return np.concatenate([self.found[s][0] for s in part])

        held = mask(n, np.concatenate([holders(parts[0]) for parts in triggers if len(parts) == 1]
                                      + [np.zeros(0, dtype=np.int64)]))
        for parts in (parts for parts in triggers if len(parts) > 1):  # one string of every part
            held |= np.logical_and.reduce([mask(n, holders(part)) for part in parts])
        return held

    def inside_words(self, text: np.ndarray, pos: np.ndarray) -> np.ndarray:
        """Whether each place (``text``, ``pos``) lies inside a word: between two word characters (``\\w``)."""
        at = self.offsets[text] + pos
        return (pos > 0) & ((flags_of(self.codes[at - 1]) & flags_of(self.codes[at]) & WORD) != 0)

    def covers(self, k: int, text: np.ndarray, pos: np.ndarray) -> np.ndarray:
        """Which places (``text``, ``pos``) lie inside a match of rule ``k``. The rule is tried only in the
        texts holding a place, and only up to each text's last place (a later match cannot cover one)."""
        until = np.full(len(self.texts), -1, dtype=np.int64)
        np.maximum.at(until, text, pos)
        mt, ms, me = self.matches(k, until >= 0, until)
        if not len(ms) or not len(pos):
            return np.zeros(len(pos), dtype=bool)
        starts, points = self.offsets[mt] + ms, self.offsets[text] + pos  # one pattern's matches: sorted, disjoint
        j = np.searchsorted(starts, points, "right") - 1
        return (j >= 0) & ((self.offsets[mt] + me)[np.maximum(j, 0)] > points)

    def matches(self, k: int, where: np.ndarray | None = None, until: np.ndarray | None = None
                ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Text index, start and end of each match of rule ``k`` (its group ``m`` when the pattern has one),
        in order, in the texts ``where`` holds (a mask; None: every text) when prefiltering, else in
        every text. ``until`` (one position per text), when given: only the matches that begin at or
        before it are needed (others may be left out; as ``finditer`` scans from the left, those that
        begin before are the same)."""
        rule, n = self.rules.rules[k], len(self.texts)
        if not self.prefilter:
            return _finditer(rule, self.spaced, range(n))
        tried = np.ones(n, dtype=bool) if where is None else where.copy()
        if rule.triggers:
            tried &= self.holding(k) | self.odd
        if not rule.starts:
            return _finditer(rule, self.spaced, np.flatnonzero(tried).tolist())
        plain = tried & ~self.odd
        text = np.concatenate([self.found[s][0] for s in self.rules.start_ids[k]] + [np.zeros(0, dtype=np.int64)])
        pos = np.concatenate([self.found[s][1] for s in self.rules.start_ids[k]] + [np.zeros(0, dtype=np.int64)])
        text, pos = text[plain[text]], pos[plain[text]]
        if until is not None:
            text, pos = text[pos <= until[text]], pos[pos <= until[text]]
        if rule.outside_words:
            keep = ~self.inside_words(text, pos)
            text, pos = text[keep], pos[keep]
        if "^" in rule.starts:
            first = np.flatnonzero(plain)
            text, pos = np.concatenate([text, first]), np.concatenate([pos, np.zeros(len(first), dtype=np.int64)])
        return self._tried(k, tried, np.unique(text * self.width + pos))

    def every_match(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Rule index, text index, start and end of each match of every rule, by rule: :meth:`matches` of each rule
        in turn (in every text), its array work done once for all rules instead of once per rule. What that buys,
        measured on the claim check (44 rules) of a 500-article benchmark chunk, 250 distinct sentences: half the
        time of ``matches`` rule by rule (4.2 against 8.0 ms, best of 30 on a loaded machine; the numpy calls, not
        the patterns' 500 ``match`` calls, took most of it)."""
        rules, n = self.rules.rules, len(self.texts)
        if not self.prefilter or not n or not rules:
            return _by_rule([self.matches(k) for k in range(len(rules))])
        every = np.ones(n, dtype=bool)
        tried = np.array([self.holding(k) | self.odd if r.triggers else every for k, r in enumerate(rules)])
        plain = tried & ~self.odd
        # each place a start string is found, once for each rule it starts: (rule, text, position), kept where tried
        (text, pos), term = self.hits, np.repeat(np.arange(len(self.found)), np.diff(self.bounds))
        bounds, count = self.rules.starting_bounds, np.diff(self.rules.starting_bounds)[term]  # rules per hit
        hit = np.repeat(np.arange(len(term)), count)
        rule = self.rules.starting[np.repeat(bounds[term] - (np.cumsum(count) - count), count) + np.arange(len(hit))]
        text, pos = text[hit], pos[hit]
        keep = plain[rule, text]
        check = keep & np.array([r.outside_words for r in rules], dtype=bool)[rule]
        keep[check] = ~self.inside_words(text[check], pos[check])
        rule, text, pos = [rule[keep]], [text[keep]], [pos[keep]]
        for k in (k for k, r in enumerate(rules) if "^" in r.starts):  # and the start of each text tried
            text.append(np.flatnonzero(plain[k]))
            rule.append(np.full(len(text[-1]), k))
            pos.append(np.zeros(len(text[-1]), dtype=np.int64))
        span = n * self.width  # places are coded (rule * n + text) * width + position
        places = np.unique(np.concatenate(rule) * span + np.concatenate(text) * self.width + np.concatenate(pos))
        cut = np.searchsorted(places, np.arange(len(rules) + 1) * span)
        return _by_rule([self._tried(k, tried[k], places[cut[k]:cut[k + 1]] - k * span) if r.starts else
                         _finditer(r, self.spaced, np.flatnonzero(tried[k]).tolist()) for k, r in enumerate(rules)])

    def _tried(self, k: int, tried: np.ndarray, places: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The matches of rule ``k`` (which has starts) at ``places`` (sorted codes ``text * width + position``)
        and anywhere in the texts ``tried`` holds that have ``İ``, ``ı`` or ``ſ``."""
        rule = self.rules.rules[k]
        found = _anchored(rule, self.spaced, places, self.width)
        odd = _finditer(rule, self.spaced, np.flatnonzero(tried & self.odd).tolist()) if self.any_odd else [()]
        if not len(odd[0]):
            return found
        merged = [np.concatenate([a, b]) for a, b in zip(found, odd)]
        order = np.lexsort((merged[1], merged[0]))
        return tuple(a[order] for a in merged)


def _by_rule(found: list[tuple[np.ndarray, np.ndarray, np.ndarray]]
             ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The matches of each rule in turn (``text, start, end``) as ``rule, text, start, end``."""
    rule = np.repeat(np.arange(len(found)), [len(f[0]) for f in found])
    return (rule,) + tuple(np.concatenate([f[j] for f in found] + [np.zeros(0, dtype=np.int64)]) for j in range(3))


def _group(rule: Rule) -> int | str:
    return "m" if "m" in rule.pattern.groupindex else 0


def _arrays(found: list[tuple[int, int, int]]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    if not found:
        return tuple(np.zeros(0, dtype=np.int64) for _ in range(3))
    return tuple(np.array(found, dtype=np.int64).T)


def _finditer(rule: Rule, texts: list[str], ids) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The matches of ``rule`` in the texts ``ids`` (newlines read as spaces): every position of each text scanned."""
    group, finditer = _group(rule), rule.pattern.finditer
    return _arrays([(i, m.start(group), m.end(group)) for i in ids
                    for m in finditer(texts[i]) if m.start(group) >= 0])


def _anchored(rule: Rule, texts: list[str], places: np.ndarray, width: int
              ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The matches of ``rule`` in ``texts`` (newlines read as spaces) trying the pattern only at ``places``
    (sorted codes ``text * width + position``), skipping the places inside the previous match of a text as ``finditer`` does (a text
    where the pattern matches an empty string is scanned whole instead)."""
    if not len(places):
        return _arrays([])
    group, match = _group(rule), rule.pattern.match
    found, rescan, last, end, text = [], set(), -1, 0, ""
    for i, p in zip((places // width).tolist(), (places % width).tolist()):
        if i != last:
            last, end, text = i, 0, texts[i]
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
