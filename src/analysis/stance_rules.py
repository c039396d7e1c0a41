"""Context rules of the stance measure: which lexicon markers a sense rule drops, which constructions add one.

The rules are data (default ``data/lexicons/stance_rules.csv``; one row per rule, each citing its
source: the project's coding codebook, Millar et al. 2022, the EACL 2026 hype-annotation guidelines,
Hyland 2005), columns ``rule, kind, category, terms, subtype, level, triggers, starts, pattern, source, note``:

* ``drop``: a marker counted as ``category`` whose first character lies inside a match of
  ``pattern`` is not counted (technical senses: "statistically significant", "treatment-resistant
  depression", "systematic review", "first session");
* ``only``: a marker counted as ``category`` whose words fully match ``terms`` is counted only
  inside a match of ``pattern`` (an approximator before a quantity, "hope" as "we hope that");
* ``level``: a counted promotion marker inside a match is strong hype (level 2);
* ``add``: each match of ``pattern`` (its group ``m`` if it has one) is a marker of ``category``
  with ``subtype`` and promotion ``level`` (constructions that sell without a hype word,
  conditionals, "it is not clear whether");
* ``claim_drop``: a claim cue of ``category`` (``treatment`` or ``effect``, cues in
  ``data/lexicons/claims.csv``) whose first character lies inside a match is no cue ("used to
  treat", "drug overdose", "how ketamine works" as a topic);
* ``claim``: a sentence matching ``pattern`` asserts an outcome without a named intervention word
  (a benefit verb on an outcome: "eases symptoms", "improved quality of life"; a treatment role:
  "a promising treatment for trauma"; a comparison: "inferior to MRI");
* ``not_claim``: a sentence matching ``pattern`` makes no claim (headings, questions, instructions).

A sentence is a claim (codebook §Claim) when it has an intervention cue and an effect cue left
after ``claim_drop``, or matches a ``claim`` rule; and no ``not_claim`` rule matches it and it holds
no counted call to action, disclaimer, invitation, self-praise or promise (an instruction or an
advertisement asserts no outcome).

Patterns are Python regular expressions, matched case-insensitively (``(?-i:...)`` where case
matters) in each text alone, with its newlines read as spaces (``^`` and ``$`` are the text's start
and end). Every marker keeps the name of the rule that counted or dropped it in its ``rule`` column.
Overlapping counted markers of one category collapse to the longest (:func:`collapse_overlaps`).

**Prefilter** (what keeps the rules fast; the result is the same as trying every rule on every text,
which a test checks). A rule is tried only where it can change something:

* ``drop``, ``only``, ``level``: in texts holding a counted marker of the rule's category (for
  ``only``, one whose words match ``terms``); ``claim_drop``: in texts holding a cue of the rule's
  category and one of the other part; ``claim``: in texts that are no claim by their cues;
  ``not_claim``: in texts that are claims so far;
* ``triggers`` (any kind): literal strings, ``|``-separated, one of which every text the pattern
  matches contains: the rule is tried only on texts in which one is found;
* ``starts`` (any kind): literal strings one of which every match of the pattern begins with (``^``:
  the text's start): the pattern is tried only where one begins, as ``finditer`` would scan.

Trigger and start strings are lower case, without spaces, of characters that are ASCII or have no
case; all of them are found in one pass of the engine's matcher (case-insensitive character by
character, ``’`` read as ``'``). A text holding ``İ``, ``ı`` or ``ſ`` (which the regular expressions
match to ``i`` or ``s`` case-insensitively, and lower-casing does not) is tried on every rule of its
kind, everywhere. A rule of kind ``add``, ``claim`` or ``not_claim`` without triggers or starts is
tried on every text (allowed; none of the bundled rules needs it).
"""
from __future__ import annotations

import csv
import os
import re
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import numpy as np
import pandas as pd

from .engine import Matcher
from .lexicon import LEXICON_DIR

__all__ = ["RULES_FILE", "RULE_KINDS", "Rule", "Rules", "load_rules", "apply_rules", "collapse_overlaps"]

RULES_FILE = LEXICON_DIR / "stance_rules.csv"
RULE_KINDS = ("drop", "only", "add", "level", "not_claim", "claim_drop", "claim")
_COLUMNS = ["rule", "kind", "category", "terms", "subtype", "level", "triggers", "starts", "pattern", "source", "note"]
#: counted markers that make a sentence an instruction or an advertisement, not a claim (codebook §Claim: 0)
_ACTING = r"cta:|caveat:disclaimer|promotion:(?:invitation|self-praise|promise)"
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


class Rules:
    """The rules of a file in file order, with the matchers of their trigger and start strings: one for
    the triggers of all rules (a pass over every text), one per rule for its starts (a pass over the
    texts the rule is tried on).

    Attributes
    ----------
    rules : tuple of Rule
    """

    def __init__(self, rules):
        self.rules = tuple(rules)
        self.strings = sorted({s for rule in self.rules for s in rule.triggers})
        self.matcher = Matcher(self.strings, whole_words=False) if self.strings else None
        index = {s: k for k, s in enumerate(self.strings)}
        self.trigger_ids = [[index[s] for s in rule.triggers] for rule in self.rules]
        self.start_matchers = [Matcher([s for s in rule.starts if s != "^"], whole_words=False)
                               if set(rule.starts) - {"^"} else None for rule in self.rules]

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


def _bad_strings(strings: tuple[str, ...], caret: bool) -> bool:
    """Whether a trigger or start list breaks the rules (lower case, no spaces, ASCII or caseless characters;
    ``^`` only among starts)."""
    return any(not s or (s == "^" and not caret) or re.search(r"\s", s) or
               any(c.lower() != c or (not c.isascii() and c.upper() != c) for c in s) for s in strings)


@lru_cache(maxsize=8)
def _rules_cached(path: str, stamp) -> Rules:
    with open(path, newline="", encoding="utf-8") as f:
        numbered = [(k, line) for k, line in enumerate(f, start=1) if not line.startswith("#")]
    reader = csv.reader(line for _, line in numbered)
    header = next(reader, [])
    if header != _COLUMNS:
        raise ValueError(f"{path}: columns {header}, expected {_COLUMNS}.")
    rules, seen = [], set()
    for values in reader:
        where = f"{path}, line {numbered[reader.line_num - 1][0]}"
        if len(values) != len(_COLUMNS):
            raise ValueError(f"{where}: {len(values)} fields, expected {len(_COLUMNS)} ({', '.join(_COLUMNS)}).")
        row = dict(zip(_COLUMNS, values))
        if row["kind"] not in RULE_KINDS or row["rule"] in seen:
            raise ValueError(f"{where}: kind {row['kind']!r} (expected one of {RULE_KINDS}) "
                             f"or rule name {row['rule']!r} repeated.")
        seen.add(row["rule"])
        triggers, starts = (tuple(row[c].split("|")) if row[c] else () for c in ("triggers", "starts"))
        if _bad_strings(triggers, caret=False) or _bad_strings(starts, caret=True):
            raise ValueError(f"{where}: rule {row['rule']!r}: triggers {row['triggers']!r}, starts {row['starts']!r}: "
                             "expected lower-case strings without spaces ('|'-separated; characters ASCII or "
                             "without case; '^' only among starts): triggers one of which every text the pattern "
                             "matches contains, starts one of which every match begins with.")
        try:
            pattern = re.compile(row["pattern"], re.IGNORECASE)
            terms = re.compile(row["terms"], re.IGNORECASE) if row["terms"] else None
        except re.error as err:
            raise ValueError(f"{where}: rule {row['rule']!r}: {err}") from None
        rules.append(Rule(row["rule"], row["kind"], row["category"], terms, row["subtype"], int(row["level"] or 0),
                          pattern, triggers, starts))
    return Rules(rules)


class _Finder:
    """Finds the matches of the rules in a list of texts, each text alone (newlines read as spaces),
    trying a rule only on the texts and at the places its prefilter allows (module docstring)."""

    def __init__(self, rules: Rules, texts: list[str], prefilter: bool):
        self.rules, self.texts, self.prefilter, n = rules, texts, prefilter, len(texts)
        if not prefilter:
            return
        self.width = 1 + max(map(len, texts), default=0)  # places are coded text * width + position
        self.odd = np.zeros(n, dtype=bool)
        self.odd[[i for i, t in enumerate(texts) if not t.isascii() and _ODD.search(t)]] = True
        found = rules.matcher.find(texts) if rules.matcher is not None and n else None
        pairs = np.unique(found.term * n + found.text) if found else np.zeros(0, dtype=np.int64)
        bounds = np.searchsorted(pairs, np.arange(len(rules.strings) + 1) * n)
        self.texts_with = [pairs[a:b] % n for a, b in zip(bounds[:-1], bounds[1:])]  # per trigger string

    def matches(self, k: int, where: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Text index, start and end of each match of rule ``k`` (its group ``m`` when the pattern has one),
        in order, in the texts ``where`` holds (a mask; None: every text) when prefiltering, else in
        every text."""
        rule, n = self.rules.rules[k], len(self.texts)
        if not self.prefilter:
            return _finditer(rule, self.texts, range(n))
        tried = np.ones(n, dtype=bool) if where is None else where.copy()
        if rule.triggers:
            tried &= self.odd | _mask(n, np.concatenate([self.texts_with[s] for s in self.rules.trigger_ids[k]]))
        if not rule.starts:
            return _finditer(rule, self.texts, np.flatnonzero(tried).tolist())
        plain = np.flatnonzero(tried & ~self.odd)
        text, pos = np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
        if self.rules.start_matchers[k] is not None and len(plain):
            found = self.rules.start_matchers[k].find([self.texts[i] for i in plain.tolist()])
            text, pos = plain[found.text], found.start
        if "^" in rule.starts:
            text, pos = np.concatenate([text, plain]), np.concatenate([pos, np.zeros(len(plain), dtype=np.int64)])
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
    for code in places.tolist():
        i, p = divmod(code, width)
        if i == last and p < end:
            continue
        if i != last:
            last, end, text = i, 0, texts[i].replace("\n", " ")
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


def _inside(text: np.ndarray, pos: np.ndarray, matches: tuple[np.ndarray, ...], offsets: np.ndarray) -> np.ndarray:
    """Which points (``text``, ``pos``) lie inside one of the ``matches`` (text, start, end: sorted, not
    overlapping, as one pattern's matches are)."""
    mt, ms, me = matches
    if not len(ms):
        return np.zeros(len(pos), dtype=bool)
    starts, ends, points = offsets[mt] + ms, offsets[mt] + me, offsets[text] + pos
    k = np.searchsorted(starts, points, "right") - 1
    return (k >= 0) & (ends[np.maximum(k, 0)] > points)


def _mask(n: int, ids: np.ndarray) -> np.ndarray:
    out = np.zeros(n, dtype=bool)
    out[ids] = True
    return out


def apply_rules(texts: list[str], markers: pd.DataFrame, cues: pd.DataFrame, rules: Rules | None = None, *,
                prefilter: bool = True) -> tuple[pd.DataFrame, np.ndarray]:
    """Apply the rules to the markers and claim cues of ``texts``: ``(markers with added rows and a level
    column, claim)``.

    Parameters
    ----------
    texts : list of str
    markers : DataFrame
        The lexicon's markers: ``text_id, start, end, matched, category, term, weight, subtype,
        negated, cue, counted_as, counted, rule`` (offsets into each text).
    cues : DataFrame
        Claim cues found in ``texts``: ``text_id``, ``start`` (offset into the text) and ``part``
        (``treatment`` or ``effect``).
    rules : Rules, optional
        Default: :func:`load_rules`.
    prefilter : bool
        True (default): try each rule only where it can change something (module docstring).
        False: try every rule on every text (slow; the same result, which a test checks).

    Returns
    -------
    markers : DataFrame
        The given markers and those the rules add, in no fixed order (sort by text and start). Added
        markers have ``term`` = the rule name, weight 1 and ``counted`` True. ``level`` is 1 for a
        counted promotion marker, 2 for strong hype, 0 otherwise.
    claim : ndarray of bool
        One per text: the text asserts an effect of an intervention (module docstring).
    """
    rules = load_rules() if rules is None else rules
    codes, distinct = pd.factorize(pd.Series(texts, dtype=object)) if prefilter else (None, texts)
    if len(distinct) == len(texts):
        return _apply(texts, markers, cues, rules, prefilter)
    # a repeated text has the same markers and cues as its first occurrence: apply the rules once per
    # distinct text, then give each text the outcome of its first occurrence
    first = np.full(len(distinct), len(texts))
    np.minimum.at(first, codes, np.arange(len(texts)))
    is_first = np.zeros(len(texts), dtype=bool)
    is_first[first] = True
    sub_m = markers[is_first[markers["text_id"].to_numpy()]]
    sub_c = cues[is_first[cues["text_id"].to_numpy()]]
    done, claim = _apply(list(distinct), sub_m.assign(text_id=codes[sub_m["text_id"].to_numpy()]),
                         sub_c.assign(text_id=codes[sub_c["text_id"].to_numpy()]), rules, prefilter)
    done = done.iloc[np.argsort(done["text_id"].to_numpy(), kind="stable")]
    per_text = np.bincount(done["text_id"].to_numpy(), minlength=len(distinct))
    first_row = np.cumsum(per_text) - per_text
    count = per_text[codes]
    row_start = np.repeat(np.cumsum(count) - count, count)
    rows = np.repeat(first_row[codes], count) + np.arange(count.sum()) - row_start
    out = done.iloc[rows].reset_index(drop=True)
    return out.assign(text_id=np.repeat(np.arange(len(texts)), count)), claim[codes]


def _apply(texts: list[str], markers: pd.DataFrame, cues: pd.DataFrame, rules: Rules, prefilter: bool
           ) -> tuple[pd.DataFrame, np.ndarray]:
    """:func:`apply_rules` on texts as given (repeated ones each apart)."""
    n = len(texts)
    finder = _Finder(rules, texts, prefilter)
    offsets = np.concatenate([[0], np.cumsum([len(t) + 1 for t in texts])])[:-1].astype(np.int64)
    claim = _claims(finder, cues, offsets)

    added = [(rule, finder.matches(k)) for k, rule in enumerate(rules) if rule.kind == "add"]
    markers = markers.assign(level=np.where(markers["counted_as"] == "promotion", 1, 0))
    if any(len(m[0]) for _, m in added):
        tid = np.concatenate([m[0] for _, m in added])
        start, end = np.concatenate([m[1] for _, m in added]), np.concatenate([m[2] for _, m in added])
        per_rule = [len(m[0]) for _, m in added]

        def each(values):
            return np.repeat(np.array(values, dtype=object), per_rule)

        names = each([rule.name for rule, _ in added])
        markers = pd.concat([markers, pd.DataFrame({
            "text_id": tid, "start": start, "end": end, "term": names,
            "matched": np.array([texts[i][a:b].replace("\n", " ") for i, a, b in
                                 zip(tid.tolist(), start.tolist(), end.tolist())], dtype=object),
            "category": each([rule.category for rule, _ in added]), "weight": 1.0,
            "subtype": each([rule.subtype for rule, _ in added]), "negated": False, "cue": "",
            "counted_as": each([rule.category for rule, _ in added]), "counted": True, "rule": names,
            "level": np.repeat([rule.level for rule, _ in added], per_rule)})], ignore_index=True)
    text, start = markers["text_id"].to_numpy(dtype=np.int64), markers["start"].to_numpy(dtype=np.int64)
    counted = markers["counted"].to_numpy(dtype=bool).copy()
    counted_as = markers["counted_as"].to_numpy(dtype=object).copy()
    rule_col = markers["rule"].to_numpy(dtype=object).copy()
    level = markers["level"].to_numpy(dtype=np.int64).copy()
    matched = markers["matched"].to_numpy(dtype=object)
    for k, rule in enumerate(rules):
        if rule.kind not in ("drop", "only", "level"):
            continue
        target = counted & (counted_as == rule.category)
        if rule.terms is not None and target.any():
            rows = np.flatnonzero(target)
            words = pd.unique(matched[rows])
            fits = dict(zip(words, (bool(rule.terms.fullmatch(w)) for w in words)))
            target[rows] = [fits[w] for w in matched[rows]]
        if not target.any() and prefilter:
            continue
        inside = target & _inside(text, start, finder.matches(k, _mask(n, text[target])), offsets)
        if rule.kind == "level":
            level[inside] = 2
            rule_col[inside] = np.where(rule_col[inside] == "", rule.name, rule_col[inside])
            continue
        hit = inside if rule.kind == "drop" else target & ~inside
        counted[hit], counted_as[hit], level[hit], rule_col[hit] = False, "", 0, rule.name
    markers = collapse_overlaps(markers.assign(counted=counted, counted_as=counted_as, rule=rule_col, level=level))

    kind = markers["counted_as"].astype(str) + ":" + markers["subtype"].astype(str)
    acting = markers["counted"].to_numpy(dtype=bool) & kind.str.match(_ACTING).to_numpy()
    claim[markers["text_id"].to_numpy()[acting]] = False
    for k, rule in enumerate(rules):
        if rule.kind == "not_claim":
            claim[finder.matches(k, claim)[0]] = False
    return markers, claim


def _claims(finder: _Finder, cues: pd.DataFrame, offsets: np.ndarray) -> np.ndarray:
    """Which texts assert an effect of an intervention before the ``not_claim`` rules and the acting
    markers: an intervention cue and an effect cue outside every ``claim_drop`` match, or a match of
    a ``claim`` rule."""
    n = len(finder.texts)
    tid = cues["text_id"].to_numpy(dtype=np.int64)
    start = cues["start"].to_numpy(dtype=np.int64)
    part = cues["part"].to_numpy(dtype=object)
    keep = np.ones(len(cues), dtype=bool)

    def has(p):
        return np.bincount(tid[keep & (part == p)], minlength=n)[:n] > 0

    for k, rule in enumerate(finder.rules):
        if rule.kind != "claim_drop":
            continue
        target = part == rule.category
        # a cue matters only in a text that still has a cue of the other part
        tried = target & keep & has("effect" if rule.category == "treatment" else "treatment")[tid]
        if tried.any() or not finder.prefilter:
            keep &= ~(target & _inside(tid, start, finder.matches(k, _mask(n, tid[tried])), offsets))
    claim = has("treatment") & has("effect")
    for k, rule in enumerate(finder.rules):
        if rule.kind == "claim":
            claim[finder.matches(k, ~claim)[0]] = True
    return claim


def collapse_overlaps(markers: pd.DataFrame) -> pd.DataFrame:
    """One counted marker per span: of overlapping counted markers of one category in one text, the longest counts.

    Ties go to the earlier marker. The others stay in the table with ``counted`` False and rule ``overlap``.
    """
    counted = markers["counted"].to_numpy(dtype=bool)
    if counted.sum() < 2:
        return markers
    rows = np.flatnonzero(counted)
    tid = markers["text_id"].to_numpy()[rows]
    cat = pd.factorize(markers["counted_as"].to_numpy(dtype=object)[rows])[0]
    st, en = markers["start"].to_numpy()[rows], markers["end"].to_numpy()[rows]
    # clusters of markers that overlap one another (one text and category, by start): only within one
    # can a marker lose, so the longest-first pass below runs on the clusters of two or more only
    by_start = np.lexsort((st, cat, tid))
    group = np.r_[True, (tid[by_start][1:] != tid[by_start][:-1]) | (cat[by_start][1:] != cat[by_start][:-1])]
    reach = _group_cummax(en[by_start], group)
    new = group | np.r_[True, st[by_start][1:] >= reach[:-1]]
    cluster = np.empty(len(rows), dtype=np.int64)
    cluster[by_start] = np.cumsum(new) - 1
    size = np.bincount(cluster)
    crowded = np.flatnonzero(size[cluster] > 1)
    if not len(crowded):
        return markers
    # the longest first, then the earliest start, then table order (a stable sort): as one pass over all
    order = crowded[np.lexsort((st[crowded], -(en - st)[crowded], cluster[crowded]))]
    keep = np.ones(len(rows), dtype=bool)
    kept: dict[int, list[tuple[int, int]]] = {}
    for i in order.tolist():
        spans = kept.setdefault(cluster[i], [])
        if any(st[i] < b and a < en[i] for a, b in spans):
            keep[i] = False
        else:
            spans.append((st[i], en[i]))
    if keep.all():
        return markers
    drop = markers.index[rows[~keep]]
    markers = markers.copy()
    markers.loc[drop, ["counted", "counted_as", "rule"]] = [False, "", "overlap"]
    markers.loc[drop, "level"] = 0
    return markers


def _group_cummax(values: np.ndarray, group_start: np.ndarray) -> np.ndarray:
    """Running maximum of ``values`` restarting where ``group_start`` is True."""
    ids = np.cumsum(group_start) - 1
    shift = ids * (int(values.max()) + 1 if len(values) else 1)  # later groups lie above earlier ones
    return np.maximum.accumulate(values + shift) - shift
