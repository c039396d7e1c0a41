"""Do the claim checks agree with a coder? The verdicts of :mod:`analysis.claim_check` against coded claims.

A **claim-check coding** file (``.csv``, :data:`CLAIM_CHECK_CODING_COLUMNS`, optionally ``zone``: the sentence's
zone in its article, default ``body``) holds the sentences the checks look at and, per
sentence, the checkable claims a coder found in it with the coder's verdict on each, judged against the evidence
file: ``claims`` is ``type:verdict`` pairs separated by ``;`` (types :data:`analysis.claim_check.CLAIM_TYPES`,
verdicts *contradicted*, *overstated*, *consistent*), empty when the sentence makes no checkable claim. How the
project's file was coded: ``tests/data/README.md``.

Every sentence is checked afresh (:func:`analysis.claim_check.check_claims` on :func:`analysis.stance.score_sentences`),
so a change to the claim finder, the evidence file or the certainty score shows here. Units are the (sentence,
claim type) cells of a sentence × type grid; the measures are in :func:`claim_check_agreement`.
"""
from __future__ import annotations

import csv
import os
from pathlib import Path

import numpy as np
import pandas as pd

from .agreement import binary_agreement
from .claim_check import CLAIM_TYPES, check_claims
from .resampled_agreement import binary_statistics, percentile_interval, resample_weights
from .zones import ZONES

__all__ = ["CLAIM_CHECK_CODING_COLUMNS", "CODER_VERDICTS", "is_claim_check_file", "read_claim_check_coding",
           "claim_check_grid", "claim_check_agreement"]

CLAIM_CHECK_CODING_COLUMNS = ["key", "source", "doc", "sentence", "claims", "part"]
#: the verdicts a coder gives a checkable claim
CODER_VERDICTS = ("contradicted", "overstated", "consistent")
_PROBLEM = ("contradicted", "overstated")


def is_claim_check_file(path: str | os.PathLike) -> bool:
    """True when ``path`` is a ``.csv`` whose header holds ``key`` and ``claims``."""
    path = Path(path)
    if path.suffix != ".csv" or not path.exists():
        return False
    with path.open(encoding="utf-8-sig", newline="") as f:
        header = next(csv.reader(f), [])
    return {"key", "claims"} <= set(header)


def read_claim_check_coding(path: str | os.PathLike) -> pd.DataFrame:
    """Read a claim-check coding file.

    Returns
    -------
    DataFrame
        :data:`CLAIM_CHECK_CODING_COLUMNS` and ``zone`` as str, and ``coded``: the coder's ``{claim type: verdict}``
        per row.

    Raises
    ------
    ValueError
        Naming the file and line of a row with a missing column, an empty key, sentence or part, a repeated key,
        an unknown zone, claim type or verdict, or a type listed twice.
    """
    path = Path(path)
    if not path.exists():
        raise ValueError(f"{path}: file not found.")
    table = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    missing = [c for c in CLAIM_CHECK_CODING_COLUMNS if c not in table]
    if missing:
        raise ValueError(f"{path}: missing column(s) {missing}.")
    if "zone" not in table:
        table["zone"] = "body"
    coded = []
    for line, row in zip(range(2, len(table) + 2), table.itertuples()):
        where = f"{path}, line {line}"
        if not (row.key and row.sentence and row.part):
            raise ValueError(f"{where}: empty key, sentence or part.")
        if row.zone not in ZONES:
            raise ValueError(f"{where}: zone {row.zone!r} is not one of {list(ZONES)}.")
        claims = {}
        for pair in filter(None, (p.strip() for p in row.claims.split(";"))):
            kind, _, verdict = (s.strip() for s in pair.partition(":"))
            if kind not in CLAIM_TYPES or verdict not in CODER_VERDICTS:
                raise ValueError(f"{where}: {pair!r} is not type:verdict with a type of {list(CLAIM_TYPES)} and a "
                                 f"verdict of {list(CODER_VERDICTS)}.")
            if kind in claims:
                raise ValueError(f"{where}: claim type {kind!r} listed twice.")
            claims[kind] = verdict
        coded.append(claims)
    repeated = table["key"][table["key"].duplicated()]
    if len(repeated):
        raise ValueError(f"{path}: key {repeated.iloc[0]!r} is repeated.")
    return table[CLAIM_CHECK_CODING_COLUMNS + ["zone"]].assign(coded=coded)


def claim_check_grid(coding: pd.DataFrame, naive: bool = False) -> pd.DataFrame:
    """One row per (sentence, claim type): the coder's and the claim checks' verdicts.

    The checks look at each sentence as :func:`analysis.claim_check.check_claims` does in an article (in its
    ``zone``). ``naive``: the baseline that ignores how certainly a claim is worded (every sentence at certainty 6),
    so that every claim a ceiling rule finds is overstated; the difference to the checks is what the certainty score
    adds.

    Returns
    -------
    DataFrame
        ``key, doc, source, part, claim_type``, ``coder`` and ``checks``: a verdict of :data:`CODER_VERDICTS`, or
        ``""`` when that side finds no such claim in the sentence.
    """
    from .stance import score_sentences  # the stance scorer is heavy to import

    return _grid(coding, score_sentences(coding["sentence"].tolist()), naive)


def _grid(coding: pd.DataFrame, scored: pd.DataFrame, naive: bool) -> pd.DataFrame:
    table = pd.DataFrame({"doc_id": coding["key"].to_numpy(), "sent": 0, "zone": coding["zone"].to_numpy(),
                          "text": coding["sentence"].to_numpy(), "claim": scored["claim"].to_numpy(),
                          "certainty": 6.0 if naive else scored["certainty"].to_numpy()})
    checked = check_claims(table)
    found = dict(zip(zip(checked["doc_id"], checked["claim_type"]), checked["verdict"]))
    rows = [(r.key, r.doc, r.source, r.part, kind, r.coded.get(kind, ""), found.get((r.key, kind), ""))
            for r in coding.itertuples() for kind in CLAIM_TYPES]
    return pd.DataFrame(rows, columns=["key", "doc", "source", "part", "claim_type", "coder", "checks"])


def claim_check_agreement(coding: pd.DataFrame, n_boot: int = 0, seed: int = 0) -> pd.DataFrame:
    """Agreement of the claim checks (and the naive baseline) with a coder.

    Measures, over the sentence × claim type grid of :func:`claim_check_grid`:

    - ``type_*``: is there a claim of this type (precision, recall, F1, Cohen's κ; the checks' claim-type patterns
      and the claim finder against the coder; the checks only, the baseline finds the same claims);
    - ``problem_*``: is there a contradicted or overstated claim of this type (the verdicts the report counts);
    - ``verdict_agreement``: on the cells where both find a claim, the share with the same verdict (0…1).

    Parameters
    ----------
    coding : DataFrame
        From :func:`read_claim_check_coding`.
    n_boot, seed : int
        > 0: 95 % intervals from that many two-stage resamples (documents within each source, then sentences;
        :func:`analysis.resampled_agreement.resample_weights`), seeded.

    Returns
    -------
    DataFrame
        ``n, measure, scorer, value, ci_low, ci_high``; ``scorer`` ``claim_check`` or ``naive_ceiling``; ``n``
        the grid cells (for ``verdict_agreement``: the cells both find). Values 0…1 (κ −1…1), NaN where
        undefined.
    """
    from .stance import score_sentences

    scored = score_sentences(coding["sentence"].tolist())
    rows = []
    for scorer, naive in (("claim_check", False), ("naive_ceiling", True)):
        grid = _grid(coding, scored, naive)
        weights = resample_weights(grid["doc"], grid["source"], n_boot, seed) if n_boot else None
        measures = [("problem", grid["coder"].isin(_PROBLEM), grid["checks"].isin(_PROBLEM))]
        if not naive:  # the baseline finds the same claims: only its verdicts differ
            measures.insert(0, ("type", grid["coder"] != "", grid["checks"] != ""))
        for what, coded, found in measures:
            point = binary_agreement(coded, found)
            spread = binary_statistics(coded, found, weights) if n_boot else {}
            rows += [(len(grid), f"{what}_{m}", scorer, point[m], *percentile_interval(spread.get(m, [])))
                     for m in ("precision", "recall", "f1", "kappa")]
        both = ((grid["coder"] != "") & (grid["checks"] != "")).to_numpy()
        same = (grid["coder"] == grid["checks"]).to_numpy(dtype=float)
        with np.errstate(divide="ignore", invalid="ignore"):
            spread = (weights[:, both] @ same[both]) / weights[:, both].sum(axis=1) if n_boot else []
        rows.append((int(both.sum()), "verdict_agreement", scorer, float(same[both].mean()) if both.any() else np.nan,
                     *percentile_interval(np.asarray(spread))))
    out = pd.DataFrame(rows, columns=["n", "measure", "scorer", "value", "ci_low", "ci_high"])
    out[["value", "ci_low", "ci_high"]] = out[["value", "ci_low", "ci_high"]].astype(float).round(4)
    return out
