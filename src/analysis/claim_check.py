"""Check each article's claim sentences against the clinical evidence.

An **evidence file** (default :data:`EVIDENCE_FILE`; columns and source keys in ``data/evidence/README.md``) has one
rule per row: a claim type, a regular expression that finds the claim, and what the evidence says of it: ``false``
(false as stated: "FDA-approved for PTSD"), ``true`` (accurate as stated: "approved as an anaesthetic") or
``ceiling``, the strongest certainty the evidence supports on the 1–6 scale of :mod:`analysis.certainty` (6
booster, 5 plain statement, 4 one soft hedge, 3 may / could, 2 stacked hedges). A sentence more certain than the
ceiling overstates its source (Sumner et al., BMJ 2014, measured such exaggeration; Crane et al., JAMA Netw Open
2023, checked ketamine advertisers' FDA claims by hand).

For each claim type, the first rule of that type in file order whose pattern matches a body or heading sentence
(:data:`analysis.stance.CLAIM_ZONES`; no questions) decides. A rule is **negated** when a negation cue stands just
before each of its matches (:func:`analysis.negation.negation_cues`) or the sentence leaves the claim an open
question (:data:`OPEN_QUESTION`: "it is not clear whether", "we do not yet know how long", earlier in the same
clause). Verdicts: a ``false`` rule is *contradicted*, or *consistent* when negated ("not FDA-approved for PTSD"); a
``true`` rule is *consistent*, or *not checkable* when negated; a ``ceiling`` rule is *overstated* by
``certainty − ceiling`` when the sentence is at least :data:`MARGIN` (three quarters of a level) more certain than
its ceiling, else (and when negated: a denial overstates nothing) *consistent*; a claim sentence
(:mod:`analysis.claims`) no rule matches is *not checkable*.

Speed: each distinct sentence is scanned once (:mod:`analysis.repeats`), and a pattern is tried only in the texts
holding one of its rule's ``triggers`` and where one of its ``starts`` begins (optional columns, ``|``-separated
lower-case strings: one of the triggers is in every text the pattern matches, ``a+b`` for both; every match begins
with one of the starts), all found in one pass of the engine's matcher (:class:`analysis.rule_finder.RuleFinder`,
as for the stance rules). Without them a rule is tried everywhere: slower, the same result.
"""
from __future__ import annotations

import csv
import os
import re
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from .negation import negation_cues
from .paths import DATA_DIR
from .repeats import copies, distinct_texts
from .rule_finder import Rule, RuleFinder, Rules, begins_outside_words
from .stance import CLAIM_ZONES

__all__ = ["EVIDENCE_FILE", "VERDICTS", "CLAIM_TYPES", "MARGIN", "OPEN_QUESTION", "RULE_VERDICTS", "EVIDENCE_COLUMNS",
           "HINTS", "COLUMNS", "load_evidence", "check_claims", "quantities", "article_verdicts", "verdict_cells",
           "verdicts_by_type", "worst_sentences", "coder_sheet"]

EVIDENCE_FILE = DATA_DIR / "evidence" / "ketamine_ptsd.csv"
#: sentence verdicts, worst first
VERDICTS = ("contradicted", "overstated", "consistent", "not checkable")
#: the claim types of the bundled file, in the order of issue 18
CLAIM_TYPES = ("fda_approval", "speed", "efficacy", "success_rate", "duration", "safety", "addiction",
               "treatment_resistant", "mechanism", "guideline", "kap", "cure")
#: certainty-scale points above its ceiling from which a sentence overstates. The ceilings are the coding scheme's
#: whole levels (5 plain, 4 one soft hedge, 3 may); the score, fitted to human ratings, puts the wording of a level
#: up to about 0.6 above it (one "may" 3.58, one soft hedge 4.2–4.6) and a plain statement about 1 above level 4
#: (4.96): three quarters of a level separates the two (a test checks this against the fitted weights)
MARGIN = 0.75
#: a question the sentence leaves open ("it is not clear whether", "we do not yet know how long", "remains to be
#: seen"): a claim after it in the same clause is not asserted and reads as negated (codebook §verdict: a denial
#: overstates nothing), so a page that says the evidence is open is not counted as overstating it
OPEN_QUESTION = re.compile(
    r"\b(?:(?:is|are|was|were|remains?|still)\s+(?:not\s+(?:yet\s+)?(?:clear|known|established)|unclear|unknown|"
    r"uncertain)|(?:do|does|did)\s+not\s+(?:yet\s+)?know|(?:don|doesn|didn)['’]t\s+(?:yet\s+)?know|"
    r"remains?\s+to\s+be\s+(?:seen|determined|established))\b", re.I)
_CLAUSE_BREAK = re.compile(r"[;:.!?()]\s|\b(?:but|although|however|though|whereas)\b", re.I)
#: what a rule can say of its claim
RULE_VERDICTS = ("false", "true", "ceiling")
EVIDENCE_COLUMNS = ["rule", "claim_type", "pattern", "verdict", "ceiling", "supported", "sources"]
#: optional columns that speed the scan up (module docstring)
HINTS = ["triggers", "starts"]
COLUMNS = ["doc_id", "sent", "zone", "claim_type", "rule", "negated", "certainty", "ceiling", "excess", "verdict",
           "percent", "numbers", "matched", "supported", "sources", "text"]

_UNITS = {"%": "%", "percent": "%", "per cent": "%", "min": "minutes", "mins": "minutes", "hr": "hours",
          "hrs": "hours"}
_WORDS = {w: str(i) for i, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve"
                                          .split())}
#: a number in words needs one of these after it (so a text with no digit and none of them holds no quantity)
_WORD_UNITS = ("min", "hour", "hr", "day", "week", "month", "year", "session", "infusion", "percent", "per cent", "%")
_TIMES = ("minutes", "hours", "days", "weeks", "months", "years")
_DIGIT = re.compile(r"\d")
_QUANTITY = re.compile(
    r"(?<![\w.])(\d+(?:\.\d+)?|an?|" + "|".join(_WORDS) + r")(?:\s*(?:-|–|to)\s*(\d+(?:\.\d+)?))?(?:\s*|-)"
    r"(%|percent\b|per cent\b|(?:minute|min|hour|hr|day|week|month|year|session|infusion|treatment)s?\b)", re.I)


# ----------------------------------------------------------------------------- the evidence file
def load_evidence(path: str | os.PathLike | None = None) -> pd.DataFrame:
    """Read and check an evidence file (default :data:`EVIDENCE_FILE`; any claim type is allowed).

    Returns
    -------
    DataFrame
        :data:`EVIDENCE_COLUMNS` in file order (``ceiling`` a float, NaN on ``true``/``false`` rules), the
        optional :data:`HINTS` (``""`` when the file has none) and ``line`` (each rule's line in the file).

    Raises
    ------
    ValueError
        Naming the file, the rule and its line: a missing column, an empty field, a duplicate rule id, a
        verdict not in :data:`RULE_VERDICTS`, a ``ceiling`` rule without a ceiling from 1 to 6, a ceiling on
        another rule, a pattern that is no regular expression, hints that are not lower-case strings.
    """
    return _evidence(path).copy()


def _evidence(path: str | os.PathLike | None) -> pd.DataFrame:
    """:func:`load_evidence` without the copy, for reading only (the copy costs ~0.5 ms a call)."""
    file = Path(path) if path is not None else EVIDENCE_FILE
    if not file.is_file():
        raise ValueError(f"{file}: evidence file not found; pass the path of an evidence .csv (columns in "
                         f"src/analysis/data/evidence/README.md) or none for the bundled {EVIDENCE_FILE.name}.")
    return _evidence_cached(str(file), file.stat().st_mtime_ns)


@lru_cache(maxsize=8)
def _evidence_cached(file: str, stamp) -> pd.DataFrame:
    """The checked file, read once per version (``stamp``: its modification time)."""
    with open(file, encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        header = [h.strip() for h in next(reader, [])]
        if missing := [c for c in EVIDENCE_COLUMNS if c not in header]:
            raise ValueError(f"{file}: missing column(s) {', '.join(missing)}; expected "
                             f"{','.join(EVIDENCE_COLUMNS)}.")
        rows = [(reader.line_num, fields) for fields in reader if any(f.strip() for f in fields)]
    table, seen = [], {}
    for line, fields in rows:
        row = dict(zip(header, (f.strip() for f in fields)))
        where = f"{file}, line {line}, rule {row.get('rule') or '(no id)'!r}"
        if len(fields) != len(header):
            raise ValueError(f"{where}: {len(fields)} fields, the header has {len(header)} (quote commas).")
        _check_rule(row, where)
        if row["rule"] in seen:
            raise ValueError(f"{where}: duplicate rule id (first on line {seen[row['rule']]}).")
        seen[row["rule"]] = line
        table.append([row.get(c, "") for c in EVIDENCE_COLUMNS + HINTS] + [line])
    table = pd.DataFrame(table, columns=EVIDENCE_COLUMNS + HINTS + ["line"]).astype({"line": "int64"})
    return table.assign(ceiling=pd.to_numeric(table["ceiling"].replace("", np.nan)).astype(float))


def _check_rule(row: dict, where: str) -> None:
    """Raise ValueError, starting with ``where``, if a rule is malformed."""
    for column in ("rule", "claim_type", "pattern", "supported", "sources"):
        if not row[column]:
            raise ValueError(f"{where}: empty {column}.")
    if row["verdict"] not in RULE_VERDICTS:
        raise ValueError(f"{where}: unknown verdict {row['verdict']!r}; expected one of {', '.join(RULE_VERDICTS)}.")
    if row["verdict"] != "ceiling" and row["ceiling"]:
        raise ValueError(f"{where}: a {row['verdict']!r} rule takes no ceiling, got {row['ceiling']!r}.")
    if row["verdict"] == "ceiling":
        if not (re.fullmatch(r"\d+(\.\d+)?", row["ceiling"]) and 1 <= float(row["ceiling"]) <= 6):
            raise ValueError(f"{where}: a ceiling rule needs a ceiling on the certainty scale 1–6, "
                             f"got {row['ceiling']!r}.")
    for hint in HINTS:
        strings = re.split(r"[|+]", row[hint]) if row.get(hint) else []
        if any(not t or t != t.lower() or re.search(r"[\s()]", t) or not all(c.isascii() or c.upper() == c for c in t)
               for t in strings):
            raise ValueError(f"{where}: {hint} {row[hint]!r}: expected lower-case strings without spaces or "
                             "parentheses, '|'-separated.")
    try:
        re.compile(row["pattern"], re.I)
    except re.error as exc:
        raise ValueError(f"{where}: the pattern is no valid regular expression ({exc}).") from None


@lru_cache(maxsize=8)
def _rules(rows: tuple[tuple[str, str, str], ...]) -> Rules:
    """The evidence rules (``pattern, triggers, starts``) as :class:`analysis.rule_finder.Rules`, for its prefilter."""
    split = lambda strings: tuple(strings.split("|")) if strings else ()  # noqa: E731
    return Rules(Rule(str(k), "claim_check", "", None, "", 0, re.compile(p, re.I), split(t), split(s),
                      begins_outside_words(p)) for k, (p, t, s) in enumerate(rows))


# ----------------------------------------------------------------------------- sentences
def quantities(text: str) -> list[tuple[float, str]]:
    """Every quantity in ``text``: ``(value, normalised)`` such as ``(90.0, "90%")``, ``(1.0, "1 day")``.

    Units: %, percent, minutes, hours, days, weeks, months, years, sessions, infusions, treatments. Numbers in
    digits, or words up to twelve (not before *treatments*; *a*, *an* only before a unit of time: "a day" is 1
    day); a range keeps both ends and the first as its value.

    Examples
    --------
    >>> [q for _, q in quantities("90% felt better within a day, after 6 infusions over 2-3 weeks.")]
    ['90%', '1 day', '6 infusions', '2-3 weeks']
    """
    out = []
    low = text.lower()
    if not _DIGIT.search(text) and not any(unit in low for unit in _WORD_UNITS):
        return out
    for m in _QUANTITY.finditer(text):
        number, upper, unit = m.group(1).lower(), m.group(2), m.group(3).lower()
        unit = _UNITS.get(unit) or _UNITS.get(unit.rstrip("s")) or unit.rstrip("s") + "s"
        if not number[0].isdigit() and (unit == "treatments" or number in ("a", "an") and unit not in _TIMES):
            continue  # "a treatment for PTSD", "one treatment option", "a session" count nothing
        number = "1" if number in ("a", "an") else _WORDS.get(number, number)
        shown = number + (f"-{upper}" if upper else "")
        out.append((float(number), f"{shown}%" if unit == "%" else f"{shown} {unit[:-1] if shown == '1' else unit}"))
    return out


def _scan(texts: list[str], evidence: pd.DataFrame, prefilter: bool) -> tuple[np.ndarray, ...]:
    """``rule, text, start, end`` of every match of the rule that decides each claim type found in each text."""
    hints = [evidence[c] if c in evidence else [""] * len(evidence) for c in HINTS]
    rules = _rules(tuple(zip(evidence["pattern"], *hints)))
    rule, text, start, end = RuleFinder(rules, texts, prefilter).every_match()
    key = text * len(rules) + _type_order(evidence)[rule]
    first = np.full(int(key.max(initial=-1)) + 1, len(rules))
    np.minimum.at(first, key, rule)  # the first rule of each claim type found in each text
    keep = rule == first[key]
    return rule[keep], text[keep], start[keep], end[keep]


def _type_order(evidence: pd.DataFrame) -> np.ndarray:
    """Each rule's claim type as its place among the file's claim types, in order of first appearance."""
    return pd.factorize(evidence["claim_type"].to_numpy(dtype=object))[0]


def check_claims(table: pd.DataFrame, evidence: pd.DataFrame | str | os.PathLike | None = None, *,
                 prefilter: bool = True) -> pd.DataFrame:
    """Check each claim sentence of a scored sentence table against an evidence file.

    Parameters
    ----------
    table : DataFrame
        The sentence table of :func:`analysis.stance.sentence_stance` (``doc_id, sent, zone, text, claim,
        certainty``; certainty on the 1–6 scale, higher = stated more certainly).
    evidence : DataFrame, path or None
        From :func:`load_evidence`, or its path; default :data:`EVIDENCE_FILE`.
    prefilter : bool
        False: try every pattern at every place of every sentence (slow; the same result).

    Returns
    -------
    DataFrame
        :data:`COLUMNS`: one row per (sentence, claim type found), and one with ``claim_type`` ``""`` and verdict
        *not checkable* per claim sentence no rule matches; in the table's article order, then ``sent``, then
        the claim types' order in the evidence file. ``negated``: the deciding rule's matches all are;
        ``ceiling``: 1–6, NaN on true/false rules; ``excess``: certainty − ceiling (scale points, 4 decimals)
        when overstated (≥ :data:`MARGIN`), else 0; ``verdict``: one of :data:`VERDICTS`; ``percent``: the sentence's first
        percentage (NaN if none); ``numbers``: its quantities (:func:`quantities`), ``"; "``-joined;
        ``matched``: the deciding match's words; ``supported``, ``sources``: the rule's.
    """
    evidence = evidence if isinstance(evidence, pd.DataFrame) else _evidence(evidence)
    in_zone = np.flatnonzero(table["zone"].isin(CLAIM_ZONES).to_numpy())  # the rows checked: article text
    distinct, code, first = distinct_texts(table["text"].to_numpy(dtype=object)[in_zone].tolist())
    first = in_zone[first]  # the table row of each distinct text's first occurrence
    scanned = np.array([k for k, text in enumerate(distinct) if not text.rstrip().endswith("?")],
                       dtype=np.int64)  # a text's claims depend on its words alone; a question asserts none
    rule, text, start, end = _scan([distinct[k] for k in scanned.tolist()], evidence, prefilter)
    text = scanned[text]
    # the same texts as the stance scan's, so negation reuses its index of cue words
    negated = (negation_cues(distinct, text, start) != "") | _in_open_question(distinct, text, start)
    # one row per (text, rule): its first match not negated, else its first match
    order = np.lexsort((start, negated, rule, text))
    rule, text, negated, start, end = rule[order], text[order], negated[order], start[order], end[order]
    keep = np.r_[True, (text[1:] != text[:-1]) | (rule[1:] != rule[:-1])][:len(text)]
    rule, text, negated, start, end = rule[keep], text[keep], negated[keep], start[keep], end[keep]
    matched = [distinct[t][a:b] for t, a, b in zip(text.tolist(), start.tolist(), end.tolist())]
    # claim texts (the claim finder's decision depends on the text alone) that no rule matches: one row each,
    # with the rule one past the end of the file
    claims = np.flatnonzero(table["claim"].to_numpy(dtype=bool)[first])
    unmatched = claims[~np.isin(claims, text)]
    rule = np.concatenate([rule, np.full(len(unmatched), len(evidence))])
    negated = np.concatenate([negated, np.zeros(len(unmatched), dtype=bool)])
    checks = _verdicts(np.concatenate([text, unmatched]), rule, negated, matched + [""] * len(unmatched), evidence,
                       table["certainty"].to_numpy(dtype=float)[first], distinct)
    # every sentence of the table gets its text's rows, where the zone is article text
    row, k = copies(checks.pop("text_id"), code)  # in table order, then claim-type order
    row = in_zone[row]
    # in the table's article order (of first appearance), then sentence, then the claim types' order
    doc, doc_ids = pd.factorize(table["doc_id"].to_numpy(dtype=object))
    sent = table["sent"].to_numpy(dtype=np.int64)[row]
    order = np.argsort(doc[row] * (int(sent.max(initial=0)) + 1) + sent, kind="stable")
    row, k, sent = row[order], k[order], sent[order]
    out = {"doc_id": _rows(pd.Series([str(d) for d in doc_ids]), doc[row]), "sent": sent,
           "zone": _rows(table["zone"], row), "text": _rows(table["text"], row)}
    return pd.DataFrame(out | {c: _rows(pd.Series(values), k) for c, values in checks.items()}, columns=COLUMNS,
                        copy=False)


def _rows(values: pd.Series, at: np.ndarray):
    """``values`` at the positions ``at``, as :class:`pandas.DataFrame` types them from Python objects (``str`` when
    all are strings, object when there are none). A ``str`` column is taken as it is, not checked value by value
    again: the result table's eight text columns cost 0.3 instead of 5 ms for a benchmark chunk's 18,000 rows."""
    if len(at) and values.dtype == "str":
        return values.array.take(at)
    return values.to_numpy()[at]


def _in_open_question(texts: list[str], text: np.ndarray, start: np.ndarray) -> np.ndarray:
    """Whether each match (``text`` of ``texts``, ``start``) follows an :data:`OPEN_QUESTION` of its clause."""
    out = np.zeros(len(text), dtype=bool)
    for i, (t, at) in enumerate(zip(text.tolist(), start.tolist())):
        frame = OPEN_QUESTION.search(texts[t], 0, at)
        out[i] = frame is not None and not _CLAUSE_BREAK.search(texts[t], frame.end(), at)
    return out


def _verdicts(text: np.ndarray, rule: np.ndarray, negated: np.ndarray, matched: list[str], evidence: pd.DataFrame,
              certainty: np.ndarray, distinct: list[str]) -> dict[str, np.ndarray]:
    """The checks of each distinct text, a column each: ``text_id`` (of ``distinct``) and the result columns of
    :func:`check_claims` from the found ``text, rule`` (of ``evidence``, its one past the end standing for no rule),
    ``negated`` and ``matched`` (the matched words), with the rule's evidence, the verdict and the quantities;
    ``certainty`` per distinct text. In text order, then the evidence file's order of claim types."""
    type_order = np.append(_type_order(evidence), -1)[rule]
    order = np.lexsort((type_order, text))
    rule, text, negated = rule[order], text[order], negated[order]
    ev = {c: np.append(evidence[c].to_numpy(dtype=object), "")[rule] for c in EVIDENCE_COLUMNS if c != "ceiling"}
    kind = ev["verdict"]
    certainty = certainty[text]
    ceiling = np.append(evidence["ceiling"].to_numpy(dtype=float), np.nan)[rule]
    excess = np.round(certainty - ceiling, 4)
    overstated = (kind == "ceiling") & ~negated & (excess >= MARGIN)
    verdict = np.select([kind == "", overstated, (kind == "false") & ~negated, (kind == "true") & negated],
                        [3, 1, 0, 3], 2)
    percent, numbers = np.full(len(distinct), np.nan), np.full(len(distinct), "", dtype=object)
    for t in np.unique(text).tolist():
        found_q = quantities(distinct[t])
        percent[t] = next((v for v, q in found_q if q.endswith("%")), np.nan)
        numbers[t] = "; ".join(q for _, q in found_q)
    return {
        "text_id": text, "claim_type": ev["claim_type"], "rule": ev["rule"], "negated": negated,
        "certainty": certainty, "ceiling": ceiling, "excess": np.where(overstated, excess, 0.0),
        "verdict": np.array(VERDICTS, dtype=object)[verdict], "percent": percent[text], "numbers": numbers[text],
        "matched": np.array(matched, dtype=object)[order], "supported": ev["supported"],
        "sources": ev["sources"]}


# ----------------------------------------------------------------------------- per article
def _rank(checked: pd.DataFrame) -> np.ndarray:
    """Each row's verdict as its position in :data:`VERDICTS` (0 = worst)."""
    return pd.Index(VERDICTS).get_indexer(checked["verdict"])


def article_verdicts(checked: pd.DataFrame, doc_ids) -> pd.DataFrame:
    """Verdict counts per article, each sentence counted once, at its worst row's verdict.

    Returns
    -------
    DataFrame
        One row per ``doc_ids`` entry: ``n_claim_sentences`` (sentences with a row in ``checked``),
        ``n_checkable`` (those not *not checkable*), ``n_consistent, n_overstated, n_contradicted,
        n_not_checkable``, ``share_flagged`` (overstated + contradicted ÷ checkable, 0–1, higher = more claims
        beyond the evidence; NaN when nothing is checkable) and ``max_excess`` (the largest excess of its rows,
        certainty-scale points; 0 if none).
    """
    doc_ids = [str(d) for d in doc_ids]
    doc = pd.Index(doc_ids).get_indexer(checked["doc_id"].astype(str))
    sent, rank, excess = (checked["sent"].to_numpy(dtype=np.int64), _rank(checked),
                          checked["excess"].to_numpy(dtype=float))
    keep = doc >= 0
    doc, sent, rank, excess = doc[keep], sent[keep], rank[keep], excess[keep]
    order = np.argsort((doc * (int(sent.max(initial=0)) + 1) + sent) * len(VERDICTS) + rank,
                       kind="stable")  # each sentence's rows, its worst verdict first
    doc, sent, rank = doc[order], sent[order], rank[order]
    worst = np.r_[True, (doc[1:] != doc[:-1]) | (sent[1:] != sent[:-1])] if len(doc) else np.zeros(0, dtype=bool)
    counts = np.bincount(doc[worst] * len(VERDICTS) + rank[worst],
                         minlength=len(doc_ids) * len(VERDICTS)).reshape(len(doc_ids), len(VERDICTS))
    max_excess = np.zeros(len(doc_ids))
    np.maximum.at(max_excess, doc, excess[order])
    checkable = counts[:, :3].sum(axis=1)
    flagged = counts[:, 0] + counts[:, 1]
    return pd.DataFrame({
        "doc_id": doc_ids, "n_claim_sentences": counts.sum(axis=1), "n_checkable": checkable,
        "n_consistent": counts[:, 2], "n_overstated": counts[:, 1], "n_contradicted": counts[:, 0],
        "n_not_checkable": counts[:, 3],
        "share_flagged": np.where(checkable > 0, flagged / np.maximum(checkable, 1), np.nan),
        "max_excess": max_excess})


def _named(checked: pd.DataFrame) -> pd.DataFrame:
    """``checked`` with the claim type ``"other claim"`` for claim sentences no rule checks."""
    return checked.assign(claim_type=checked["claim_type"].replace("", "other claim"))


def verdicts_by_type(checked: pd.DataFrame) -> pd.DataFrame:
    """``claim_type, verdict, n_sentences``: how many rows of ``checked`` (one per sentence and claim type) get each
    verdict, per claim type (``"other claim"``: claim sentences no rule checks); the combinations found, sorted."""
    return _named(checked).groupby(["claim_type", "verdict"]).size().rename("n_sentences").reset_index()


def verdict_cells(checked: pd.DataFrame, doc_ids) -> pd.DataFrame:
    """The article × claim-type matrix in long form: each article's worst verdict per claim type it makes.

    Returns
    -------
    DataFrame
        ``doc_id, claim_type, verdict, n_sentences``: one row per article of ``doc_ids`` (in that order) and
        claim type it makes, in the order of ``checked`` (the evidence file's); claim sentences no rule
        checks have the claim type ``"other claim"``; ``n_sentences`` counts the article's sentences of the type.
    """
    doc_ids = [str(d) for d in doc_ids]
    rows = _named(checked[checked["doc_id"].isin(set(doc_ids))])
    rows = rows.assign(rank=_rank(rows))
    cells = (rows.groupby(["doc_id", "claim_type"], sort=False)
             .agg(rank=("rank", "min"), n_sentences=("sent", "nunique")).reset_index())
    cells["verdict"] = np.asarray(VERDICTS, dtype=object)[cells["rank"].to_numpy(dtype=np.int64)]
    order = pd.Index(doc_ids).get_indexer(cells["doc_id"])
    cells = cells.iloc[np.argsort(order, kind="stable")]
    return cells[["doc_id", "claim_type", "verdict", "n_sentences"]].reset_index(drop=True)


def worst_sentences(checked: pd.DataFrame, n: int = 3) -> pd.DataFrame:
    """Each article's ``n`` worst sentences: contradicted first, then overstated by excess, largest first.

    A sentence appears once, at its worst row (its other rows stay in ``checked``); ties keep sentence order.
    The rows have the columns of ``checked``: ``supported`` and ``sources`` are the flagging rule's evidence.
    """
    flagged = checked[checked["verdict"].isin(VERDICTS[:2])]
    doc_order = pd.Index(pd.unique(checked["doc_id"])).get_indexer(flagged["doc_id"])
    order = np.lexsort((np.arange(len(flagged)), -flagged["excess"].to_numpy(dtype=float), _rank(flagged), doc_order))
    ranked = flagged.iloc[order].drop_duplicates(["doc_id", "sent"])
    return ranked.groupby("doc_id", sort=False).head(n).reset_index(drop=True)


# ----------------------------------------------------------------------------- for coders
def coder_sheet(checked: pd.DataFrame) -> pd.DataFrame:
    """The checked rows for a human coder: the columns of ``checked``, ``text_marked`` (the matched words in
    ``[brackets]``, as :func:`analysis.evidence.annotate_sentences` marks markers) and empty ``coder_verdict``
    (one of :data:`VERDICTS`), ``coder_ceiling`` (1–6) and ``coder_note`` columns to fill in."""
    marked = [t.replace(m, f"[{m}]", 1) if m else t for t, m in zip(checked["text"], checked["matched"])]
    return checked.assign(text_marked=marked, coder_verdict="", coder_ceiling="", coder_note="")
