"""Findings of the evidence check (notebook 06), written from its tables
(:func:`analysis.claim_check.check_claims` and :func:`analysis.claim_check.article_verdicts`) and from its
agreement with a coder (:func:`analysis.claim_check_agreement.claim_check_agreement`).

Each sentence names the articles, counts and shares it rests on, and the limits: verdicts come from
word patterns and the certainty score, and the evidence file is a summary of one literature at one date.
"""
from __future__ import annotations

import pandas as pd

from .claim_check import CLAIM_TYPES
from .wording import Findings, article_names, by_doc, few_articles, join, k_of_n, number, percent, spread

__all__ = ["claim_findings", "claim_check_validation_findings"]

#: a quoted sentence is cut to this many characters
QUOTE_CHARS = 140


def _quote(text: str) -> str:
    text = " ".join(str(text).split())
    return f"“{text if len(text) <= QUOTE_CHARS else text[:QUOTE_CHARS - 1].rstrip() + '…'}”"


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def claim_findings(checked: pd.DataFrame, verdicts: pd.DataFrame, articles: pd.DataFrame) -> Findings:
    """Findings on how each article's claims compare with the evidence.

    Parameters
    ----------
    checked : DataFrame
        From :func:`analysis.claim_check.check_claims`: one row per claim sentence and claim type, with
        ``verdict`` (contradicted, overstated, consistent, not checkable), ``certainty`` (1–6) and
        ``ceiling`` (the strongest certainty the evidence supports, 1–6), ``excess`` (certainty above
        the ceiling), ``supported`` and ``sources``.
    verdicts : DataFrame
        From :func:`analysis.claim_check.article_verdicts`: per article ``n_claim_sentences``,
        ``n_checkable``, ``n_overstated``, ``n_contradicted`` and ``share_flagged`` (overstated or
        contradicted ÷ checkable, 0–1).
    articles : DataFrame
        From :func:`analysis.load_corpus` (for labels).

    Returns
    -------
    Findings
    """
    names, v = article_names(articles), by_doc(verdicts)
    n, out = len(v), Findings()
    if v["n_claim_sentences"].sum() == 0:
        return Findings(["No sentence makes a claim that the claim finder or the evidence file recognises: "
                         "nothing to check."] + few_articles(n, "these verdicts"))
    checkable = v[v["n_checkable"] > 0]
    totals = {k: int(v[f"n_{k}"].sum()) for k in ("claim_sentences", "checkable", "contradicted", "overstated")}
    out.append(f"{_capital(k_of_n(len(checkable), n))} make claims the evidence file can check: {totals['checkable']} of "
               f"{totals['claim_sentences']} claim sentences are checkable (a claim sentence here: one an evidence pattern "
               "matches or the claim finder of notebook 03 marks, so more than notebook 03 counts): "
               f"{totals['contradicted']} contradicted by the evidence, "
               f"{totals['overstated']} overstated (stated more certainly than the evidence supports).")
    if len(checkable) >= 2:
        out.append("The share of an article's checkable claim sentences that are overstated or contradicted "
                   f"{spread(100 * checkable['share_flagged'], names, 0, ' %')}.")
    elif len(checkable) == 1:
        doc = checkable.index[0]
        out.append(f"{names[doc]}: {percent(checkable.at[doc, 'share_flagged'])} of its checkable claim sentences "
                   "are overstated or contradicted.")
    rows = checked[checked["claim_type"] != ""].assign(doc_id=lambda t: t["doc_id"].astype(str))
    for verdict, what in (("contradicted", "contradicted"), ("overstated", "overstated")):
        flagged = rows[rows["verdict"] == verdict]
        if flagged.empty:
            out.append(f"No claim sentence is {what} by the evidence file." if verdict == "contradicted" else
                       "No claim sentence is stated more certainly than the evidence supports.")
            continue
        by_type = flagged.groupby("claim_type").agg(sentences=("sent", "size"), articles=("doc_id", "nunique"))
        listed = [f"{t.replace('_', ' ')} ({r.sentences} in {k_of_n(r.articles, n)})"
                  for t, r in by_type.sort_values("sentences", ascending=False, kind="stable").iterrows()]
        out.append(f"{what.capitalize()} claims by type (sentences): {join(listed)}.")
        if verdict == "overstated":
            out.append(f"The median overstatement is {number(flagged['excess'].median(), 1)} points on the 1–6 certainty "
                       "scale, where one point is one level of the coding scheme (a plain statement is 5, one soft "
                       "hedge 4, “may” 3): "
                       f"{percent((flagged['excess'] >= 1.5).mean())} of the overstated rows claim two or more levels "
                       "more certainly than the evidence supports.")
        worst = (flagged.sort_values("excess", ascending=False, kind="stable") if verdict == "overstated"
                 else flagged).iloc[0]
        detail = (f"certainty {number(worst['certainty'], 1)} against a ceiling of {number(worst['ceiling'], 0)}"
                  if verdict == "overstated" else "false as stated")
        out.append(f"For example {names[worst['doc_id']]}: {_quote(worst['text'])} ({worst['claim_type'].replace('_', ' ')}, "
                   f"{detail}). The evidence supports: {worst['supported']} [{worst['sources']}]")
    unchecked = int(v["n_not_checkable"].sum())
    if unchecked:
        out.append(f"{unchecked} claim sentence{'s are' if unchecked != 1 else ' is'} not checkable: the evidence file has no rule for what they claim "
                   "(or they deny a claim that is true), so they count in no share.")
    out.append("Verdicts come from word patterns and the certainty score, not from a reader: check them in the coder "
               "sheet before reporting them, and read the evidence file's date and sources.")
    return Findings(out + few_articles(n, "these verdicts"))


def claim_check_validation_findings(validation: pd.DataFrame) -> Findings:
    """What the agreement of the claim checks with a coder says, with its numbers.

    ``validation``: :func:`analysis.validation.validate_file` of a claim-check coding (``split, n, measure, scorer,
    value, ci_low, ci_high``). Whether the wording counts is stated from the difference between the checks' and the
    naive baseline's F1 on problem claims (below 0.02: no measurable gain); how a count of flagged claims compares
    with the coder's from recall ÷ precision.
    """
    v = validation.set_index(["measure", "scorer"])

    def stated(measure, scorer="claim_check"):
        row = v.loc[(measure, scorer)]
        low, high = row.get("ci_low"), row.get("ci_high")
        return number(row["value"], 2) + (f" [{number(low, 2)}–{number(high, 2)}]" if pd.notna(low) and pd.notna(high)
                                          else "")

    value = v["value"]
    gain = value[("problem_f1", "claim_check")] - value[("problem_f1", "naive_ceiling")]
    ratio = value[("problem_recall", "claim_check")] / value[("problem_precision", "claim_check")]
    both = v.loc[("verdict_agreement", "claim_check")]
    return Findings([
        f"Against a coder who judged {int(v['n'].max()) // len(CLAIM_TYPES)} sentences blind "
        f"({validation['split'].iloc[0]} part; a model-based coder, not a human panel; 95 % intervals in brackets), the "
        "checks find the coder's claim types with precision "
        f"{stated('type_precision')} and recall {stated('type_recall')}. They call a claim overstated or contradicted "
        f"where the coder does with precision {stated('problem_precision')}, recall {stated('problem_recall')} and F1 "
        f"{stated('problem_f1')}; where both find a claim, they give the same verdict in {percent(both['value'])} of "
        f"{int(both['n'])}.",
        f"A baseline that ignores how a claim is worded (every claim above its ceiling) reaches F1 "
        f"{stated('problem_f1', 'naive_ceiling')}: "
        + ("the certainty score adds no measurable agreement, so the verdicts rest on the claim-type patterns and the "
           "evidence ceilings." if gain < 0.02 else f"the certainty score adds {number(gain, 2)} of F1."),
        f"The checks flag {number(ratio, 2)} times as many problem claims as the coder, missing "
        f"{percent(1 - value[('problem_recall', 'claim_check')])} of the coder's and adding others: a count of "
        "overstated claims is an estimate of that size, not an exact tally."])
