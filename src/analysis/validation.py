"""Does the certainty score track human judgement? Correlations, AUCs and agreement on labelled sentences.

Ratings (``.jsonl``; Pei & Jurgens 2021) give Pearson and Spearman r, claim-strength labels (``.csv``; Yu et al.
2020) ROC AUCs, sentences coded in the coding format per-category agreement (:mod:`analysis.agreement`); each is
also scored with a naive modal-verb baseline. Formats and sources:
docs/measures.md#validation-and-codebook-moved-from-docstrings.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np
import pandas as pd

from .agreement import (agreement_intervals, agreement_long, agreement_table, is_coding_file, naive_certainty,
                        of_source, read_coding)
from .claim_check_agreement import claim_check_agreement, is_claim_check_file, read_claim_check_coding
from .resampled_agreement import N_BOOT, auc_statistic, correlation_statistics, percentile_interval, resample_weights

__all__ = ["read_labelled", "validate_file", "validate_folder", "naive_certainty", "VALIDATION_COLUMNS"]

VALIDATION_COLUMNS = ["data", "split", "n", "measure", "scorer", "value", "ci_low", "ci_high"]


def read_labelled(path: str | os.PathLike, split: str | None = None) -> pd.DataFrame:
    """Read a labelled-sentence file (``.jsonl``: text, certainty[, split]; ``.csv``: text, label).

    A ``ValueError`` names the file (and line, for JSON) of a malformed row, a missing column or an unknown split.
    """
    path = Path(path)
    if not path.exists():
        raise ValueError(f"{path}: file not found.")
    if path.suffix == ".jsonl":
        rows = []
        for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}, line {i}: not valid JSON ({exc.msg}).") from None
        table = pd.DataFrame(rows)
        need = {"text", "certainty"}
    elif path.suffix == ".csv":
        table = pd.read_csv(path, encoding="utf-8")
        need = {"text", "label"}
    else:
        raise ValueError(f"{path}: expected a .jsonl (text, certainty) or .csv (text, label) file.")
    missing = need - set(table.columns)
    if missing and is_coding_file(path):
        raise ValueError(f"{path}: a coded-sentence file (coding format); read it with analysis.agreement.read_coding.")
    if missing:
        raise ValueError(f"{path}: missing column(s) {sorted(missing)}.")
    table["text"] = table["text"].astype(str)
    if split is not None:
        if "split" not in table:
            raise ValueError(f"{path}: --split {split!r} given but the file has no 'split' column.")
        if split not in set(table["split"]):
            raise ValueError(f"{path}: no rows with split {split!r}; splits are {sorted(set(table['split']))}.")
        table = table[table["split"] == split]
    return table.reset_index(drop=True)


def validate_file(path: str | os.PathLike, split: str | None = None, n_boot: int = 0, seed: int = 0,
                  source: str | None = None) -> pd.DataFrame:
    """Score a labelled or coded file with the project's scorer and the naive baseline.

    ``path``: ratings ``.jsonl``, labels ``.csv``, a ``.csv`` in the coding format or a claim-check coding
    (both detected by their columns). ``split`` keeps the rows whose ``split`` is this value (e.g. ``"val"``); for a
    coded file, this part of the tune/report split (``tune``, ``report``, ``unsplit`` or ``all``); for a
    claim-check coding, the rows whose ``part`` is this value. ``source`` (a coded file only): its sentences of this
    source alone (e.g. ``seed``, ``abstract``, ``press``), to see where a measure agrees less. ``n_boot`` > 0: 95 %
    bootstrap intervals of each figure from that many resamples of the sentences (seed ``seed``;
    :mod:`analysis.resampled_agreement`).

    Returns
    -------
    DataFrame
        ``data, split, n, measure, scorer, value, ci_low, ci_high`` (NaN bounds when ``n_boot`` is 0),
        ``scorer`` = ``stance`` or ``naive_modals``. Ratings:
        ``pearson_r``, ``spearman_r`` (−1…1; positive = the score rises with human certainty). Labels:
        ``auc_3_vs_2`` (direct vs conditional causal), ``auc_23_vs_1`` (causal vs correlational); 0.5 = chance, 1 =
        perfect. A coded file: :func:`analysis.agreement.agreement_table` (its intervals:
        :func:`analysis.agreement.agreement_intervals`). A claim-check coding: the measures of
        :func:`analysis.claim_check_agreement.claim_check_agreement`, ``scorer`` ``claim_check`` or ``naive_ceiling``.
    """
    from scipy.stats import pearsonr, spearmanr
    from sklearn.metrics import roc_auc_score

    from .stance import score_sentences

    path = Path(path)
    if source is not None and not is_coding_file(path):
        raise ValueError(f"{path}: a source can only be chosen in a file of coded sentences.")
    if is_coding_file(path):
        table = agreement_table(of_source(read_coding(path), source, path), data=path.name)
        if split is not None:
            if split not in set(table["part"]):
                raise ValueError(f"{path}: no part {split!r}; parts are {sorted(set(table['part']))}.")
            table = table[table["part"] == split].reset_index(drop=True)
        return table
    if is_claim_check_file(path):
        coding = read_claim_check_coding(path)
        if split is not None:
            if split not in set(coding["part"]):
                raise ValueError(f"{path}: no part {split!r}; parts are {sorted(set(coding['part']))}.")
            coding = coding[coding["part"] == split].reset_index(drop=True)
        table = claim_check_agreement(coding, n_boot, seed)
        return pd.concat([pd.DataFrame({"data": path.name, "split": split or "all"}, index=table.index), table],
                         axis=1)[VALIDATION_COLUMNS]
    table = read_labelled(path, split)
    if table.empty:
        raise ValueError(f"{path}: no labelled rows to validate on.")
    scores = {"stance": score_sentences(table["text"])["certainty"].to_numpy(),
              "naive_modals": naive_certainty(table["text"])}
    weights = resample_weights(np.arange(len(table)), np.zeros(len(table)), n_boot, seed) if n_boot else None
    rows = []
    if "certainty" in table:
        y = table["certainty"].to_numpy(dtype=float)
        for scorer, s in scores.items():
            bounds = correlation_statistics(y, s, weights) if n_boot else {}
            rows += [(path.name, split or "all", len(y), measure, scorer, float(r(s, y)[0]),
                      *percentile_interval(bounds.get(measure, [])))
                     for measure, r in (("pearson_r", pearsonr), ("spearman_r", spearmanr))]
    else:
        label = table["label"].to_numpy()
        for measure, pos, neg in (("auc_3_vs_2", [3], [2]), ("auc_23_vs_1", [2, 3], [1])):
            keep = np.isin(label, pos + neg)
            for scorer, s in scores.items():
                bounds = auc_statistic(np.isin(label[keep], pos), s[keep], weights[:, keep]) if n_boot else []
                rows.append((path.name, split or "all", int(keep.sum()), measure, scorer,
                             float(roc_auc_score(np.isin(label[keep], pos), s[keep])), *percentile_interval(bounds)))
    out = pd.DataFrame(rows, columns=VALIDATION_COLUMNS)
    out[["value", "ci_low", "ci_high"]] = out[["value", "ci_low", "ci_high"]].round(4)
    return out


def validate_folder(folder: str | os.PathLike, n_boot: int = N_BOOT, seed: int = 0) -> pd.DataFrame:
    """The project's validation report on a folder of the shared files, in one long table: ratings
    (``certainty_*.jsonl``) on the authors' ``val`` split (the weights were fitted on ``train``), labels
    (``claim_strength_*.csv``) on all rows, coded sentences (``stance_coding_*.csv``) per part of the tune/report
    split (:func:`analysis.agreement.agreement_long`); each figure with its 95 % bootstrap interval from ``n_boot``
    resamples (0: none)."""
    folder = Path(folder)
    parts = [validate_file(file, split="val", n_boot=n_boot, seed=seed)
             for file in sorted(folder.glob("certainty_*.jsonl"))]
    parts += [validate_file(file, n_boot=n_boot, seed=seed) for file in sorted(folder.glob("claim_strength_*.csv"))]
    for file in sorted(folder.glob("stance_coding_*.csv")):
        coding = read_coding(file)
        intervals = agreement_intervals(coding, file.name, n_boot, seed) if n_boot else None
        parts.append(agreement_long(agreement_table(coding, data=file.name), intervals))
    if not parts:
        raise ValueError(f"{folder}: no certainty_*.jsonl, claim_strength_*.csv or stance_coding_*.csv files found.")
    return pd.concat(parts, ignore_index=True)
