"""Findings of a group comparison, written from its tables (:func:`analysis.groups.compare_groups`).

Each sentence names the groups, the effect sizes and the corrected p-values it rests on, and says
what the comparison cannot show: with a handful of units, the smallest p-value a rank test can
reach; that an absent difference is not evidence of sameness; that groups differ in more than
the grouping column. Wording follows :mod:`analysis.wording` (numbers never NaN, short lists).
"""
from __future__ import annotations


import numpy as np
import pandas as pd

from .effects import smallest_rank_p
from .wording import Findings, join, number, percent

__all__ = ["group_findings"]

#: below this many units in a group, findings say that only large differences can be detected
SMALL_GROUP = 20


def _p(p: float) -> str:
    return "p < 0.001" if p < 0.001 else f"p = {number(p, 3)}"


def _plural(n: int, noun: str) -> str:
    return f"{n} {noun}{'s' if n != 1 else ''}"


def _effect(row, summary: pd.DataFrame, groups: list[str]) -> str:
    """'label (Cliff's delta +0.67: A higher; mean 3.1 vs 1.2 scale)' for one row of the tests table."""
    means = summary[summary["measure"] == row.measure].set_index("group")["mean"]
    if len(groups) == 2:
        a, b = groups
        if row.kind == "presence":
            return (f"“{row.label}” (mentioned by {percent(means[a])} of {a} and {percent(means[b])} of {b} units; "
                    f"risk difference {row.effect:+.2f})")
        higher = a if row.effect > 0 else b if row.effect < 0 else "neither group"
        return (f"{row.label} (Cliff's delta {row.effect:+.2f}: {higher} higher; means {number(means[a], 2)} vs "
                f"{number(means[b], 2)})")
    top = means.dropna().idxmax()
    return f"{row.label} ({row.effect_size} {number(row.effect, 2)}; highest mean in {top})"


def group_findings(comparison, terms: pd.DataFrame | None = None) -> Findings:
    """Findings of a group comparison: what was compared, what differs (effect sizes, corrected p), and the limits.

    Parameters
    ----------
    comparison : GroupComparison
        From :func:`analysis.groups.compare_groups`.
    terms : DataFrame, optional
        :func:`analysis.keyness.group_terms` for the same groups.

    Returns
    -------
    Findings
        The groups and their sizes; the messages of the comparison (groups too small, pooled units);
        the measures that differ at the corrected level, or the largest effects when none does or when
        no test could be run (said to be descriptive); the smallest attainable p-value when groups are
        small; distinctive words; and what a group comparison cannot show.
    """
    c, out = comparison, Findings()
    unit, tests, summary = c.unit, c.tests, c.summary
    sizes = c.units.groupby("group", sort=False).agg(n=("unit", "size"), articles=("n_articles", "sum"))
    sizes = sizes.reindex(list(dict.fromkeys(summary["group"]))) if len(summary) else sizes
    if sizes.empty:
        return Findings(c.messages)
    listed = [f"{g} ({_plural(int(r.n), unit)}" + (f", {_plural(int(r.articles), 'page')}" if unit != "article" else "")
              + ")" for g, r in sizes.iterrows()]
    out.append(f"{unit.capitalize()}s grouped by {c.group_by!r}: {join(listed, limit=8)}.")
    out.extend(c.messages)
    if tests.empty:
        return Findings(out + _limits(c, tested=[]))
    groups = tests["groups"].iloc[0].split(" vs ")
    tested = tests[np.isfinite(tests["p_value"].astype(float))]
    if not tested.empty:
        n, how = int(tested["n_tests"].iloc[0]), tested["correction"].iloc[0]
        hits = tested[tested["significant"].fillna(False).astype(bool)].sort_values("p_adjusted", kind="stable")
        if len(hits):
            parts = [f"{_effect(r, summary, groups)}, corrected {_p(r.p_adjusted)}" for r in hits.itertuples()]
            out.append(f"{len(hits)} of {n} measures differ between {join(groups)} at {how}-corrected p < "
                       f"{number(c.alpha, 2)} (corrected across the {n} measures tested): {join(parts, limit=6)}.")
        else:
            best = tested.sort_values("p_value", kind="stable").iloc[0]
            out.append(f"No measure differs between {join(groups)} at {how}-corrected p < {number(c.alpha, 2)} "
                       f"({n} measures tested); the smallest p is for {_effect(best, summary, groups)}: "
                       f"{_p(best.p_value)} before correction, {_p(best.p_adjusted)} after.")
    elif len(groups) == 2:
        ranked = tests.dropna(subset=["effect"]).assign(size=lambda t: t["effect"].abs())
        ranked = ranked[ranked["size"] > 0].sort_values("size", ascending=False, kind="stable")
        if len(ranked):
            out.append("Not tested, so descriptive only: the largest effect sizes are "
                       + join([_effect(r, summary, groups) for r in ranked.head(3).itertuples()]) + ".")
    if len(groups) == 2:
        n_a, n_b = (int(sizes.at[g, "n"]) for g in groups)
        floor = smallest_rank_p(n_a, n_b)
        if floor >= c.alpha:
            out.append(f"With {n_a} {groups[0]} and {n_b} {groups[1]} {unit}s, no two-sided rank test can give a "
                       f"p-value below {number(floor, 2)}: these {unit}s support no inference about how the groups "
                       "differ, and an effect size from so few units can change a lot with one more unit.")
    if terms is not None and len(terms):
        parts = []
        for g, rows in terms.groupby("group", sort=True):
            top = [f"{r.term} ({r.units_with_term} of {r.n_units})" for r in rows.sort_values("rank").head(3).itertuples()]
            parts.append(f"{g}: {', '.join(top)}")
        out.append(f"Words distinctive of each group against the others (G², top three; units using the word): "
                   f"{'; '.join(parts)}. G² counts every word as independent and is not corrected for the many words "
                   "tested: a word one page repeats can be key for its group, so read the list as a description.")
    return Findings(out + _limits(c, tested=groups if not tested.empty else []))


def _limits(c, tested: list) -> list[str]:
    sizes = c.units.groupby("group").size()
    out = []
    smallest = int(sizes.reindex(tested).min()) if tested else 0
    if tested and smallest < SMALL_GROUP:
        out.append(f"With {_plural(smallest, c.unit)} in the smallest group tested, only large differences can be "
                   "detected: a measure that does not differ is not shown to be the same in the groups.")
    if len(sizes) and sizes.min() < 10 and c.summary["ci_low"].notna().any():
        out.append(f"The 95 % intervals resample {c.unit}s within each group; from fewer than 10 {c.unit}s they are "
                   "rough and too narrow, if anything.")
    if len(sizes) >= 2:
        out.append(f"A difference between groups is an association with {c.group_by!r}, not its effect: the groups "
                   "may also differ in who wrote the pages, when, and what they sell, and the measures count words "
                   "and patterns, not how readers take them.")
    return out
