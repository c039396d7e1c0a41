"""Context rules of the stance measure: which lexicon markers a sense rule drops, which constructions add one.

The rules are data (default ``data/lexicons/stance_rules.csv``; one row per rule, each citing its
source: the project's coding codebook, Millar et al. 2022, the EACL 2026 hype-annotation guidelines,
Hyland 2005), columns ``rule, kind, category, terms, subtype, level, triggers, starts, pattern, source, note``:

* ``drop``: a marker counted as ``category`` whose first character lies inside a match of
  ``pattern`` is not counted (technical senses: "statistically significant", "treatment-resistant
  depression", "systematic review", "first session");
* ``drop_sentence``: every marker counted as ``category`` (whose words fully match ``terms``, when
  given) in a sentence where ``pattern`` is found is not counted (a named study, a statistic or a
  placebo arm lower the evaluative words of the whole sentence);
* ``only``: a marker counted as ``category`` whose words fully match ``terms`` is counted only
  inside a match of ``pattern`` (an approximator before a quantity, "hope" as "we hope that");
* ``level``: a counted promotion marker inside a match is strong hype (level 2);
* ``add``: each match of ``pattern`` (its group ``m`` if it has one) is a marker of ``category``
  with ``subtype`` and promotion ``level`` (constructions that sell without a hype word,
  conditionals, "it is not clear whether");
* ``claim_cue``: each match of ``pattern`` is a claim cue of ``category`` (a cue kind of
  :mod:`analysis.claims`), for words a word list cannot hold: drugs named by their INN stem
  (sertraline, rituximab), procedures by their suffix (mastectomy, angioplasty);
* ``claim_drop``: a claim cue of ``category`` (a cue kind of :mod:`analysis.claims`: ``treatment``,
  ``effect``...; cues in ``data/lexicons/claims.csv``) whose first character lies inside a match is no
  cue ("used to treat", "drug overdose", "how ketamine works" as a topic);
* ``claim``: a sentence matching ``pattern`` asserts an outcome without a named intervention word
  (a benefit verb on an outcome: "eases symptoms", "improved quality of life"; a treatment role:
  "a promising treatment for trauma"; a comparison: "inferior to MRI");
* ``not_claim``: a sentence matching ``pattern`` makes no claim (headings, questions, instructions).

A sentence is a claim (codebook §Claim) when the claim model of :mod:`analysis.claims` says so from
the cues left after ``claim_drop`` (an intervention, or a word referring to it, as the subject of an
effect...; weights in ``data/claim_weights.csv``), or it matches a ``claim`` rule; and no
``not_claim`` rule matches it and it holds no counted call to action, disclaimer, invitation,
self-praise or promise (an instruction or an advertisement asserts no outcome).

Patterns are Python regular expressions, matched case-insensitively (``(?-i:...)`` where case
matters) in each text alone, with its newlines read as spaces (``^`` and ``$`` are the text's start
and end). Every marker keeps the name of the rule that counted or dropped it in its ``rule`` column.
An added promotion marker that judges value (:data:`NEGATABLE`) is read under negation as a lexicon
promotion marker is, a caveat ("not perfect", "cannot guarantee"); invitations and promises are not
("don't hesitate to call", "you don't have to suffer" still sell).
Overlapping counted markers of one category collapse to the longest (:func:`collapse_overlaps`).

The rules file's ``triggers`` and ``starts`` columns and the prefilter that keeps the rules fast
(each rule tried only where it can change something, with the result of trying every rule on every
text) are described in :mod:`analysis.rule_finder`.
"""
from __future__ import annotations

import re

import numpy as np
import pandas as pd

from .claims import ACTING, model_claims
from .negation import negation_cues
from .rule_finder import RULE_KINDS, RULES_FILE, Rule, RuleFinder, Rules, load_rules, mask

__all__ = ["RULES_FILE", "RULE_KINDS", "NEGATABLE", "Rule", "Rules", "load_rules", "apply_rules", "collapse_overlaps"]

#: subtypes of added promotion markers that negation turns into a caveat, as it does a lexicon promotion marker
NEGATABLE = ("superlative", "guarantee", "speed", "evaluative")


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
        Claim cues found in ``texts``: ``text_id``, ``start``, ``end`` (offsets into the text) and
        ``kind`` (:data:`analysis.claims.CUE_KINDS`).
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
    n = len(texts)
    finder = RuleFinder(rules, texts, prefilter)
    claim = _claims(finder, cues)

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
        markers = _negate_added(texts, markers, len(markers) - len(tid))
    text, start = markers["text_id"].to_numpy(dtype=np.int64), markers["start"].to_numpy(dtype=np.int64)
    counted = markers["counted"].to_numpy(dtype=bool).copy()
    counted_as = markers["counted_as"].to_numpy(dtype=object).copy()
    rule_col = markers["rule"].to_numpy(dtype=object).copy()
    level = markers["level"].to_numpy(dtype=np.int64).copy()
    matched = markers["matched"].to_numpy(dtype=object)
    marker_rules = [(k, rule) for k, rule in enumerate(rules) if rule.kind in ("drop", "drop_sentence", "only", "level")]
    # a marker leaves its category only by no longer being counted: the categories as given select the targets
    of_category = {category: counted_as == category for category in {rule.category for _, rule in marker_rules}}
    for k, rule in marker_rules:
        target = counted & of_category[rule.category]
        if rule.terms is not None and target.any():
            rows = np.flatnonzero(target)
            word, words = pd.factorize(matched[rows])
            target[rows] = np.array([bool(rule.terms.fullmatch(w)) for w in words], dtype=bool)[word]
        if not target.any() and prefilter:
            continue
        rows, inside = np.flatnonzero(target), np.zeros(len(target), dtype=bool)
        if rule.kind == "drop_sentence":  # a match anywhere in the sentence
            inside[rows] = mask(n, finder.matches(k, mask(n, text[rows]))[0])[text[rows]]
        else:  # a match holding the marker's start
            inside[rows] = finder.covers(k, text[rows], start[rows])
        if rule.kind == "level":
            level[inside] = 2
            rule_col[inside] = np.where(rule_col[inside] == "", rule.name, rule_col[inside])
            continue
        hit = target & ~inside if rule.kind == "only" else inside
        counted[hit], counted_as[hit], level[hit], rule_col[hit] = False, "", 0, rule.name
    markers = collapse_overlaps(markers.assign(counted=counted, counted_as=counted_as, rule=rule_col, level=level))

    as_code, as_names = pd.factorize(markers["counted_as"].to_numpy(dtype=object))
    sub_code, sub_names = pd.factorize(markers["subtype"].to_numpy(dtype=object))
    acts = np.array([[bool(re.match(ACTING, f"{a}:{b}")) for b in sub_names] for a in as_names], dtype=bool)
    acting = markers["counted"].to_numpy(dtype=bool) & acts.reshape(len(as_names), len(sub_names))[as_code, sub_code]
    claim[markers["text_id"].to_numpy()[acting]] = False
    for k, rule in enumerate(rules):
        if rule.kind == "not_claim":
            claim[finder.matches(k, claim)[0]] = False
    return markers, claim


def _negate_added(texts: list[str], markers: pd.DataFrame, first: int) -> pd.DataFrame:
    """Markers with those added from row ``first`` on read under negation: a negated promotion marker of a
    :data:`NEGATABLE` subtype counts as a caveat (rule ``negated``)."""
    added = markers.iloc[first:]
    rows = added.index[(added["counted_as"] == "promotion") & added["subtype"].isin(NEGATABLE)]
    if not len(rows):
        return markers
    cue = negation_cues(texts, markers.loc[rows, "text_id"].to_numpy(), markers.loc[rows, "start"].to_numpy())
    rows, cue = rows[cue != ""], cue[cue != ""]
    if len(rows):
        markers.loc[rows, ["negated", "counted_as", "rule", "level"]] = [True, "caveat", "negated", 0]
        markers.loc[rows, "cue"] = cue
    return markers


def _claims(finder: RuleFinder, cues: pd.DataFrame) -> np.ndarray:
    """Which texts assert an effect of an intervention before the ``not_claim`` rules and the acting
    markers: the claim model says so (:func:`analysis.claims.model_claims`: cues outside every
    ``claim_drop`` match, weighted), or a ``claim`` rule matches."""
    _, log_odds = model_claims(finder, cues)
    claim = log_odds >= 0
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
