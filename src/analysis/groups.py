"""Compare groups of articles (or of organizations) on every measure, with intervals, effect sizes and tests.

Groups come from any column of the manifest or front matter (``kind``, ``organization``, a ``group``
or ``year`` column a researcher adds). The flow:

1. :func:`article_counts`: one row per article of the *additive* counts behind every measure
   (words, markers, claim sentences, concept mentions, passages per theme), with its group.
2. :func:`pool_units`: the units compared. ``unit="article"`` keeps the articles;
   ``unit="organization"`` sums the counts over each organization's pages and computes the
   measures from the sums, exactly as if each organization were one page made of all its pages.
   Pages of one site share writers and templates, so they are not independent units.
3. :func:`compare_groups`: per group and measure the mean over units with a 95 % bootstrap
   interval over units; per measure an effect size, a test over units and p-values corrected
   across all measures tested (see :mod:`analysis.effects`). Groups with fewer than
   ``min_units`` units are described but not tested, and :attr:`GroupComparison.messages` says so.

Measures (units in the catalogue :attr:`GroupComparison.measures`): hedges, boosters, "can" and
promotion per 1,000 words of text; the certainty index (1–6, higher = more certain); the shares
(0–1) of claim sentences hedged, "can", boosted or unqualified; the number of quality items omitted
(0 to the codebook's count); each concept's presence (0/1; group value = share of units that
mention it) and mentions per 1,000 words; each theme's share of passages (0–1), when themes are given.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .effects import (adjust_p, bootstrap_means, cliffs_delta, cramers_v, epsilon_squared, presence_test,
                      rank_test, risk_difference)
from .group_counts import UNITS, article_counts, measure_catalogue, pool_units, unit_ids, unit_measures

__all__ = ["article_counts", "pool_units", "unit_ids", "measure_catalogue", "unit_measures", "compare_groups",
           "GroupComparison", "measure_points", "UNITS", "MIN_UNITS"]

#: a group needs this many units to be tested (fewer: described only)
MIN_UNITS = 3


@dataclass
class GroupComparison:
    """What :func:`compare_groups` found. Every table is tidy; ``messages`` say what could not be done and why.

    Attributes
    ----------
    group_by, unit : str
        The grouping column and the unit compared (``article`` or ``organization``).
    units : DataFrame
        One row per unit: ``unit, group, n_articles`` and one column per measure.
    measures : DataFrame
        The catalogue (:func:`measure_catalogue`).
    summary : DataFrame
        Per group and measure: ``n_units`` (with a value), ``mean`` with bootstrap ``ci_low/ci_high``
        (95 %, resampling units within the group), ``median``.
    tests : DataFrame
        Per measure: the groups compared, ``effect_size`` (name) and ``effect`` (sign: the first group
        higher when positive), ``test``, ``statistic``, ``p_value``, ``p_adjusted`` (``correction``
        across the ``n_tests`` measures tested), ``significant`` (``p_adjusted < alpha``) and a ``note``.
    messages : list of str
    alpha, min_units
        The level of ``significant`` and the fewest units a tested group has.
    """

    group_by: str
    unit: str
    units: pd.DataFrame
    measures: pd.DataFrame
    summary: pd.DataFrame
    tests: pd.DataFrame
    messages: list = field(default_factory=list)
    alpha: float = 0.05
    min_units: int = MIN_UNITS


def compare_groups(counts: pd.DataFrame, *, unit: str = "article", group_by: str | None = None, groups=None,
                   codebook=None, theme_labels: dict | None = None, min_units: int = MIN_UNITS, n_boot: int = 2000,
                   random_state: int | None = 0, correction: str = "holm", alpha: float = 0.05) -> GroupComparison:
    """Compare the groups of ``counts`` (:func:`article_counts`) on every measure, over units.

    Parameters
    ----------
    counts : DataFrame
        From :func:`article_counts` (one chunk's rows concatenated with the others' is fine).
    unit : {"article", "organization"}
        What one observation is (see :func:`pool_units`).
    group_by : str, optional
        Name of the grouping column, for the messages (default: the one :func:`article_counts` recorded).
    groups : list of str, optional
        The groups to compare, in this order (the first is group A of the effect sizes); default: all,
        sorted by name.
    codebook, theme_labels
        For the concept labels and quality items; theme number → label.
    min_units : int
        Groups with fewer units are described, not tested.
    n_boot, random_state
        Bootstrap resamples (0: no intervals) and their seed.
    correction : {"holm", "bh"}
        Holm (family-wise error) or Benjamini–Hochberg (false discovery rate), across all measures tested.
    alpha : float
        Level of the ``significant`` column (on corrected p-values).

    Returns
    -------
    GroupComparison
    """
    adjust_p([], correction)  # a bad name fails before any work
    group_by = group_by or counts.attrs.get("group_by", "group")
    units = pool_units(counts, unit)
    catalogue = measure_catalogue(units, codebook, theme_labels)
    values = unit_measures(units, catalogue)
    messages = _unit_messages(counts, units, group_by, unit)
    sizes = units["group"].value_counts()
    order = [str(g) for g in (groups if groups is not None else sorted(sizes.index))]
    unknown = [g for g in order if g not in sizes.index]
    if unknown:
        messages.append(f"No unit is in group(s) {', '.join(map(repr, unknown))} of {group_by!r}; "
                        f"the groups are {', '.join(map(repr, sorted(sizes.index)))}.")
    order = [g for g in order if g in sizes.index]
    values = values[values["group"].isin(order)].reset_index(drop=True)
    summary = _summaries(values, catalogue, order, n_boot, random_state)
    tested = [g for g in order if sizes[g] >= min_units]
    small = [f"{g}: {sizes[g]} {unit}{'s' if sizes[g] != 1 else ''}" for g in order if sizes[g] < min_units]
    if not order:
        messages.append(f"No article has a value in {group_by!r} (a column of manifest.csv or of the front matter): "
                        "there are no groups to compare.")
    elif len(order) < 2:
        messages.append(f"Only one group of {group_by!r} in the corpus ({order[0]}): nothing to compare; the tables "
                        "describe it.")
    elif len(tested) < 2:
        messages.append(f"Fewer than two groups have at least {min_units} {unit}s ({', '.join(small)}): no test "
                        "is run; the tables describe the groups" + (" and give effect sizes, descriptively."
                                                                    if len(order) == 2 else "."))
    elif small:
        messages.append(f"Described but not tested (fewer than {min_units} {unit}s): {', '.join(small)}.")
    compared = tested if len(tested) >= 2 else order if len(order) == 2 else []
    tests = _tests(values, catalogue, compared, run=len(tested) >= 2, correction=correction, alpha=alpha)
    return GroupComparison(group_by, unit, values, catalogue, summary, tests, messages, alpha, min_units)


def _unit_messages(counts, units, group_by, unit) -> list[str]:
    out = []
    missing = int(counts["group"].isna().sum())
    if 0 < missing < len(counts):
        has, are = ("has", "is") if missing == 1 else ("have", "are")
        out.append(f"{missing} of {len(counts)} articles {has} no value in {group_by!r} and {are} left out.")
    if unit == "organization":
        alone = int(counts.loc[counts["group"].notna(), "organization"].isna().sum())
        if alone:
            out.append(f"{alone} article{' names' if alone == 1 else 's name'} no organization: "
                       f"{'it is a unit of its own' if alone == 1 else 'each is a unit of its own'}.")
        split = units.groupby("unit")["group"].nunique()
        if (split > 1).any():
            out.append(f"{int((split > 1).sum())} organization(s) have pages in more than one group "
                       "(a unit in each): those units are not independent.")
    elif counts["organization"].notna().any():
        per_org = counts.dropna(subset=["group", "organization"]).groupby("organization").size()
        if (per_org > 1).any():
            out.append(f"{int((per_org > 1).sum())} organization(s) have more than one page, and pages of one site "
                       "are not independent: compare with unit='organization' as well.")
    return out


def _summaries(values, catalogue, order, n_boot, random_state) -> pd.DataFrame:
    rng = np.random.default_rng(random_state)
    measures = list(catalogue["measure"])
    frames = []
    for g in order:
        x = values.loc[values["group"] == g, measures].to_numpy(dtype=float)
        low, high = bootstrap_means(x, n_boot, rng)
        with np.errstate(all="ignore"):
            n = np.isfinite(x).sum(axis=0)
            mean = np.where(n > 0, np.nansum(x, axis=0) / np.maximum(n, 1), np.nan)
            median = np.array([np.median(c[np.isfinite(c)]) if np.isfinite(c).any() else np.nan for c in x.T])
        frames.append(pd.DataFrame({"group": g, "measure": measures, "n_units": n, "mean": mean,
                                    "ci_low": low, "ci_high": high, "median": median}))
    cols = ["group", "measure", "n_units", "mean", "ci_low", "ci_high", "median"]
    summary = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=cols)
    return summary.merge(catalogue, on="measure", how="left")[
        ["group", "measure", "label", "kind", "family", "scale", "quality_item"] + cols[2:]]


def _tests(values, catalogue, compared, *, run, correction, alpha) -> pd.DataFrame:
    rows = []
    two = len(compared) == 2
    matrix = values[list(catalogue["measure"])].to_numpy(dtype=float)
    members = [values["group"].to_numpy() == g for g in compared]
    for k, m in enumerate(catalogue.itertuples()):
        samples = [matrix[rows_of, k] for rows_of in members]
        presence = m.kind == "presence"
        row = {"measure": m.measure, "label": m.label, "kind": m.kind, "family": m.family,
               "groups": " vs ".join(compared), "n_units": " vs ".join(str(int(np.isfinite(s).sum())) for s in samples)}
        if two:
            row["effect_size"] = "risk difference" if presence else "Cliff's delta"
            row["effect"] = (risk_difference if presence else cliffs_delta)(*samples)
        stat = p = np.nan
        if run:
            stat, p = (presence_test if presence else rank_test)(samples)
            if not two:
                row["effect_size"] = "Cramér's V" if presence else "epsilon squared"
                row["effect"] = (cramers_v([[np.sum(s[np.isfinite(s)] != 0), np.sum(s[np.isfinite(s)] == 0)]
                                            for s in samples]) if presence else
                                 epsilon_squared(stat, int(sum(np.isfinite(s).sum() for s in samples))))
        row["test"] = ("Fisher's exact" if two else "chi-square") if presence else (
            "Mann-Whitney U" if two else "Kruskal-Wallis H")
        row.update({"statistic": stat, "p_value": p})
        row["note"] = ("" if np.isfinite(p) else "not tested: too few units" if not run
                       else "not tested: every unit has the same value")
        rows.append(row)
    cols = ["measure", "label", "kind", "family", "groups", "n_units", "effect_size", "effect", "test", "statistic",
            "p_value", "p_adjusted", "correction", "n_tests", "significant", "note"]
    tests = pd.DataFrame(rows).reindex(columns=cols) if compared else pd.DataFrame(columns=cols)
    if len(tests):
        tests["p_adjusted"] = adjust_p(tests["p_value"].to_numpy(dtype=float), correction)
        n_tests = int(np.isfinite(tests["p_value"].astype(float)).sum())
        tests["correction"] = "Holm" if correction == "holm" else "Benjamini-Hochberg"
        tests["n_tests"] = n_tests
        tests["significant"] = pd.array(np.where(np.isfinite(tests["p_adjusted"].astype(float)),
                                                 tests["p_adjusted"].astype(float) < alpha, pd.NA), dtype="boolean")
    return tests


def measure_points(comparison: GroupComparison, measures) -> pd.DataFrame:
    """The numbers :func:`analysis.figures.groups.plot_group_measures` draws: each unit's value and each group's
    mean with its interval, for ``measures`` (names from the catalogue), in one long table
    (``measure, label, scale, group, what, unit, value, ci_low, ci_high``; ``what`` is ``unit`` or ``mean``)."""
    measures = list(measures)
    cat = comparison.measures.set_index("measure")
    units = comparison.units.melt(id_vars=["unit", "group"], value_vars=measures, var_name="measure")
    units["what"] = "unit"
    means = comparison.summary[comparison.summary["measure"].isin(measures)].rename(columns={"mean": "value"})
    means = means.assign(what="mean", unit="")[["measure", "group", "what", "unit", "value", "ci_low", "ci_high"]]
    table = pd.concat([means, units.dropna(subset=["value"])], ignore_index=True)
    table["measure"] = pd.Categorical(table["measure"], measures)
    table = table.sort_values(["measure", "group", "what"], kind="stable").astype({"measure": str})
    table.insert(1, "label", table["measure"].map(cat["label"]))
    table.insert(2, "scale", table["measure"].map(cat["scale"]))
    return table.reset_index(drop=True)[["measure", "label", "scale", "group", "what", "unit", "value", "ci_low",
                                         "ci_high"]]
