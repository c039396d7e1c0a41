"""Context rules of the stance measure: which lexicon markers a sense rule drops, which constructions add one.

The rules are data (default ``data/lexicons/stance_rules.csv``; one row per rule, each citing its
source: the project's coding codebook, Millar et al. 2022, the EACL 2026 hype-annotation guidelines,
Hyland 2005), columns ``rule, kind, category, terms, subtype, level, pattern, source, note``:

* ``drop``: a marker counted as ``category`` whose first character lies inside a match of
  ``pattern`` is not counted (technical senses: "statistically significant", "treatment-resistant
  depression", "systematic review", "first session");
* ``only``: a marker counted as ``category`` whose words fully match ``terms`` is counted only
  inside a match of ``pattern`` (an approximator before a quantity, "hope" as "we hope that");
* ``add``: each match of ``pattern`` (its group ``m`` if it has one) is a marker of ``category``
  with ``subtype`` and promotion ``level`` (constructions that sell without a hype word,
  conditionals, "it is not clear whether");
* ``level``: a counted promotion marker inside a match is strong hype (level 2);
* ``not_claim``: a sentence matching ``pattern`` makes no claim (headings, questions, instructions);
* ``claim_drop``: a claim cue of ``category`` (``treatment`` or ``effect``, cues in
  ``data/lexicons/claims.csv``) whose first character lies inside a match is no cue ("used to
  treat", "drug overdose", "how ketamine works" as a topic);
* ``claim``: a sentence matching ``pattern`` asserts an outcome without a named intervention word
  (a benefit verb on an outcome: "eases symptoms", "improved quality of life"; a treatment role:
  "a promising treatment for trauma"; a comparison: "inferior to MRI").

A sentence is a claim (codebook §Claim) when it has an intervention cue and an effect cue left
after ``claim_drop``, or matches a ``claim`` rule, and no ``not_claim`` rule
(:func:`claim_flags`).

Patterns are Python regular expressions, matched case-insensitively (``(?-i:...)`` where case
matters), over the texts joined by newlines (``^``/``$`` are a text's start and end); a match
that runs over two texts is ignored. Every marker keeps the name of the rule that counted or
dropped it in its ``rule`` column. Overlapping counted markers of one category collapse to the
longest (:func:`collapse_overlaps`).
"""
from __future__ import annotations

import os
import re
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import numpy as np
import pandas as pd

from .lexicon import LEXICON_DIR

__all__ = ["RULES_FILE", "RULE_KINDS", "Rule", "load_rules", "apply_rules", "claim_flags", "collapse_overlaps"]

RULES_FILE = LEXICON_DIR / "stance_rules.csv"
RULE_KINDS = ("drop", "only", "add", "level", "not_claim", "claim_drop", "claim")
_COLUMNS = ["rule", "kind", "category", "terms", "subtype", "level", "pattern", "source", "note"]


class Rule(NamedTuple):
    """One row of the rules file, its ``pattern`` (and ``terms``) compiled."""
    name: str
    kind: str
    category: str
    terms: re.Pattern | None
    subtype: str
    level: int
    pattern: re.Pattern


def load_rules(path: str | os.PathLike | None = None) -> tuple[Rule, ...]:
    """The context rules, in file order.

    Raises
    ------
    ValueError
        Naming the file and line of an unknown kind, a repeated rule name or a pattern that does not compile.
    """
    file = Path(path) if path else RULES_FILE
    return _rules_cached(str(file), file.stat().st_mtime_ns if file.exists() else None)


@lru_cache(maxsize=8)
def _rules_cached(path: str, stamp) -> tuple[Rule, ...]:
    table = pd.read_csv(path, dtype=str, keep_default_na=False, comment="#")
    if list(table.columns) != _COLUMNS:
        raise ValueError(f"{path}: columns {list(table.columns)}, expected {_COLUMNS}.")
    rules, seen = [], set()
    for k, row in enumerate(table.itertuples(index=False), start=2):
        if row.kind not in RULE_KINDS or row.rule in seen:
            raise ValueError(f"{path}, line {k}: kind {row.kind!r} (expected one of {RULE_KINDS}) "
                             f"or rule name {row.rule!r} repeated.")
        seen.add(row.rule)
        try:
            pattern = re.compile(row.pattern, re.IGNORECASE | re.MULTILINE)
            terms = re.compile(row.terms, re.IGNORECASE) if row.terms else None
        except re.error as err:
            raise ValueError(f"{path}, line {k}: rule {row.rule!r}: {err}") from None
        rules.append(Rule(row.rule, row.kind, row.category, terms, row.subtype, int(row.level or 0), pattern))
    return tuple(rules)


def _spans(rule: Rule, joined: str, bounds: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Global (start, end) of each match of ``rule`` (group ``m`` when the pattern has one) within one text."""
    group = "m" if "m" in rule.pattern.groupindex else 0
    spans = [(m.start(group), m.end(group)) for m in rule.pattern.finditer(joined) if m.start(group) >= 0]
    if not spans:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    s, e = np.array(spans, dtype=np.int64).T
    same = np.searchsorted(bounds, s, "right") == np.searchsorted(bounds, np.maximum(e - 1, s), "right")
    return s[same], e[same]


def _inside(points: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """Which ``points`` (global offsets) lie inside one of the sorted, non-overlapping spans."""
    if not len(starts):
        return np.zeros(len(points), dtype=bool)
    k = np.searchsorted(starts, points, "right") - 1
    return (k >= 0) & (ends[np.maximum(k, 0)] > points)


def _joined(texts: list[str]) -> tuple[str, np.ndarray, np.ndarray]:
    """The texts joined by newlines, each text's global offset and the offset of the separator after it."""
    lengths = np.fromiter((len(t) for t in texts), dtype=np.int64, count=len(texts))
    offsets = np.concatenate([[0], np.cumsum(lengths + 1)])[:-1] if len(texts) else np.zeros(0, dtype=np.int64)
    return "\n".join(t.replace("\n", " ") for t in texts), offsets, offsets + lengths


def claim_flags(texts: list[str], cues: pd.DataFrame, rules: tuple[Rule, ...] | None = None) -> np.ndarray:
    """Which texts assert an effect of an intervention, before the ``not_claim`` rules (codebook §Claim).

    Parameters
    ----------
    texts : list of str
    cues : DataFrame
        Claim cues found in ``texts``: ``text_id``, ``start`` (offset into the text) and ``part``
        (``treatment`` or ``effect``).

    Returns
    -------
    ndarray of bool
        One per text: an intervention cue and an effect cue outside every ``claim_drop`` match, or a
        match of a ``claim`` rule.
    """
    rules = load_rules() if rules is None else rules
    joined, offsets, bounds = _joined(texts)
    n = len(texts)
    tid = cues["text_id"].to_numpy(dtype=np.int64)
    glob = offsets[tid] + cues["start"].to_numpy(dtype=np.int64) if len(cues) else np.zeros(0, dtype=np.int64)
    part = cues["part"].to_numpy(dtype=object)
    keep = np.ones(len(cues), dtype=bool)
    claim = np.zeros(n, dtype=bool)
    for rule in rules:
        if rule.kind == "claim_drop":
            s, e = _spans(rule, joined, bounds)
            keep &= ~((part == rule.category) & _inside(glob, s, e))
        elif rule.kind == "claim":
            s, _ = _spans(rule, joined, bounds)
            claim[np.searchsorted(offsets, s, "right") - 1] = True
    has = {p: np.bincount(tid[keep & (part == p)], minlength=n)[:n] > 0 for p in ("treatment", "effect")}
    return claim | (has["treatment"] & has["effect"])


def apply_rules(texts: list[str], markers: pd.DataFrame, rules: tuple[Rule, ...] | None = None
                ) -> tuple[pd.DataFrame, np.ndarray]:
    """Apply the rules to the markers of ``texts``: ``(markers with added rows and a level column, no_claim)``.

    ``markers`` has ``text_id, start, end, matched, counted, counted_as, rule`` (offsets into each
    text). Added markers have ``term`` = the rule name, weight 1 and ``counted`` True. ``level`` is
    1 for a counted promotion marker, 2 for strong hype, 0 otherwise. ``no_claim`` is a boolean per
    text: a ``not_claim`` rule matched it.
    """
    rules = load_rules() if rules is None else rules
    joined, offsets, bounds = _joined(texts)
    no_claim = np.zeros(len(texts), dtype=bool)
    added = []
    for rule in (r for r in rules if r.kind == "add"):
        s, e = _spans(rule, joined, bounds)
        tid = np.searchsorted(offsets, s, "right") - 1
        added.append(pd.DataFrame({
            "text_id": tid, "start": s - offsets[tid], "end": e - offsets[tid], "term": rule.name,
            "matched": [joined[a:b] for a, b in zip(s, e)], "category": rule.category, "weight": 1.0,
            "subtype": rule.subtype, "negated": False, "cue": "", "counted_as": rule.category, "counted": True,
            "rule": rule.name, "level": rule.level}))
    markers = markers.assign(level=np.where(markers["counted_as"] == "promotion", 1, 0))
    markers = pd.concat([markers] + added, ignore_index=True) if added else markers
    glob = offsets[markers["text_id"].to_numpy()] + markers["start"].to_numpy() if len(markers) else np.zeros(0)
    counted = markers["counted"].to_numpy(dtype=bool).copy()
    counted_as = markers["counted_as"].to_numpy(dtype=object).copy()
    rule_col = markers["rule"].to_numpy(dtype=object).copy()
    level = markers["level"].to_numpy(dtype=np.int64).copy()
    matched = markers["matched"].to_numpy(dtype=object)
    for rule in (r for r in rules if r.kind in ("drop", "only", "level", "not_claim")):
        s, e = _spans(rule, joined, bounds)
        if rule.kind == "not_claim":
            no_claim[np.searchsorted(offsets, s, "right") - 1] = True
            continue
        target = counted & (counted_as == rule.category)
        if rule.terms is not None:
            target &= np.fromiter((bool(rule.terms.fullmatch(m)) for m in matched), dtype=bool, count=len(matched))
        inside = _inside(glob, s, e)
        if rule.kind == "level":
            level[target & inside] = 2
            rule_col[target & inside] = np.where(rule_col[target & inside] == "", rule.name,
                                                 rule_col[target & inside])
            continue
        hit = target & (inside if rule.kind == "drop" else ~inside)
        counted[hit], counted_as[hit], level[hit], rule_col[hit] = False, "", 0, rule.name
    markers = markers.assign(counted=counted, counted_as=counted_as, rule=rule_col, level=level)
    return collapse_overlaps(markers), no_claim


def collapse_overlaps(markers: pd.DataFrame) -> pd.DataFrame:
    """One counted marker per span: of overlapping counted markers of one category in one text, the longest counts.

    Ties go to the earlier marker. The others stay in the table with ``counted`` False and rule ``overlap``.
    """
    counted = markers["counted"].to_numpy(dtype=bool)
    if counted.sum() < 2:
        return markers
    rows = markers[counted]
    order = np.lexsort((rows["start"].to_numpy(), -(rows["end"] - rows["start"]).to_numpy(),
                        rows["counted_as"].to_numpy().astype(str), rows["text_id"].to_numpy()))
    keep = np.ones(len(rows), dtype=bool)
    kept: dict[tuple, list[tuple[int, int]]] = {}
    tid, cat = rows["text_id"].to_numpy(), rows["counted_as"].to_numpy(dtype=object)
    st, en = rows["start"].to_numpy(), rows["end"].to_numpy()
    for i in order.tolist():
        spans = kept.setdefault((tid[i], cat[i]), [])
        if any(st[i] < b and a < en[i] for a, b in spans):
            keep[i] = False
        else:
            spans.append((st[i], en[i]))
    if keep.all():
        return markers
    drop = rows.index[~keep]
    markers = markers.copy()
    markers.loc[drop, ["counted", "counted_as", "rule"]] = [False, "", "overlap"]
    markers.loc[drop, "level"] = 0
    return markers
