"""Zone rules: the patterns of ``data/zones.csv``, and which of them a line or sentence matches.

Each row (``zone,scope,pattern,trigger,note``) is a case-insensitive regular expression for a short line (scope
``line``, or ``pager`` for pager links) or a sentence, tried only on the texts that contain one of its triggers (lower
case, ``|``-separated; required for sentence rules). The first rule that matches wins, in the order navigation,
disclaimer, call to action, then file order.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Callable, NamedTuple

import numpy as np
import pandas as pd

from .engine import Matcher
from .paths import DATA_DIR

__all__ = ["ZONES", "ZoneRule", "ZoneRules", "load_zone_rules"]

ZONES = ("body", "heading", "call_to_action", "disclaimer", "navigation")
_RULE_ORDER = ("navigation", "disclaimer", "call_to_action")


class ZoneRule(NamedTuple):
    """One row of ``zones.csv``: ``pattern`` (case-insensitive) puts a text of ``scope`` (``line``, ``pager`` or
    ``sentence``) in ``zone``; every text it matches contains one of its ``triggers`` (none: tried on every line)."""

    zone: str
    scope: str
    pattern: re.Pattern
    triggers: tuple[str, ...]


class ZoneRules:
    """A zones file's rules in the order tried, ``rules["line"]`` (pager rules first) and ``rules["sentence"]``;
    ``matcher`` finds their trigger strings."""

    def __init__(self, rules: list[ZoneRule]):
        self.rules = {"line": [r for r in rules if r.scope == "pager"] + [r for r in rules if r.scope == "line"],
                      "sentence": [r for r in rules if r.scope == "sentence"]}
        triggers = sorted({t for rule in rules for t in rule.triggers})
        self.matcher = Matcher(triggers, whole_words=False)
        # _rules_of[scope][t]: the rules of the scope that name the trigger triggers[t]
        self._rules_of = {scope: [[r for r, rule in enumerate(rules) if t in rule.triggers] for t in triggers]
                          for scope, rules in self.rules.items()}

    def first_matches(self, scope: str, text_of: Callable[[int], str], hits: tuple[np.ndarray, np.ndarray],
                      every_rule: np.ndarray, always: np.ndarray) -> dict[int, ZoneRule]:
        """For each text ``u`` (line or sentence) that has one, the first rule of ``scope`` found in ``text_of(u)``:
        tried on each ``u`` of ``hits`` (``u``, trigger index), the rules naming the trigger; where ``always[u]``, the
        rules without triggers; on either, where ``every_rule[u]`` (case folding may differ), every rule."""
        rules, rules_of = self.rules[scope], self._rules_of[scope]
        untriggered = [r for r, rule in enumerate(rules) if not rule.triggers]
        tried = {(u, r) for u, t in zip(*(h.tolist() for h in hits)) if rules_of[t]
                 for r in ([-1] if every_rule[u] else rules_of[t])}
        tried |= {(u, r) for u in np.flatnonzero(always if untriggered else always & every_rule).tolist()
                  for r in ([-1] if every_rule[u] else untriggered)}
        found: dict[int, ZoneRule] = {}
        first: dict[tuple[str, int], ZoneRule | None] = {}  # once per distinct (text, r): pages repeat their footers
        for u, r in sorted(tried):  # a text's rules in order (-1: all of them): the first that matches wins
            if u in found:
                continue
            text = text_of(u)
            if (text, r) not in first:
                first[text, r] = next((rule for rule in (rules if r < 0 else (rules[r],)) if rule.pattern.search(text)),
                                      None)
            if first[text, r] is not None:
                found[u] = first[text, r]
        return found


@lru_cache(maxsize=None)
def load_zone_rules(path: str | None = None) -> ZoneRules:
    """The rules of ``zones.csv`` (or of the file ``path``); a ``ValueError`` names the file and line of an unknown
    zone or scope, a bad regular expression, or missing or upper-case triggers."""
    file = Path(path) if path else DATA_DIR / "zones.csv"
    table = pd.read_csv(file, dtype=str, keep_default_na=False)
    missing = {"zone", "scope", "pattern"} - set(table.columns)
    if missing:
        raise ValueError(f"{file}: missing column(s) {sorted(missing)}; expected zone,scope,pattern,trigger,note.")
    rules = []
    for i, row in enumerate(table.to_dict("records")):
        where, zone, scope = f"{file}, line {i + 2}", row["zone"], row["scope"]
        if zone not in _RULE_ORDER:
            raise ValueError(f"{where}: unknown zone {zone!r}; use one of {ZONES[2:]}.")
        if scope not in ("line", "sentence", "pager") or (scope == "pager" and zone != "navigation"):
            raise ValueError(f"{where}: scope must be 'line', 'sentence' or 'pager' (navigation), got {scope!r}.")
        try:
            pattern = re.compile(row["pattern"], re.IGNORECASE)
        except re.error as exc:
            raise ValueError(f"{where}: invalid regular expression {row['pattern']!r} ({exc}).") from exc
        triggers = tuple(t for t in row.get("trigger", "").split("|") if t)
        if (scope == "sentence" and not triggers) or any(t != t.lower() for t in triggers):
            raise ValueError(f"{where}: a {scope}-scope rule needs lower-case trigger strings ('|'-separated) "
                             "that any matching text contains" + ("." if scope == "sentence" else ", or none."))
        rules.append(ZoneRule(zone, scope, pattern, triggers))
    return ZoneRules(sorted(rules, key=lambda rule: _RULE_ORDER.index(rule.zone)))
