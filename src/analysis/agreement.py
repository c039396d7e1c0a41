"""Agreement with a careful coder: the coded stance sentences, their tune/report split and the statistics.

The coding format (``stance_coding_*.csv``; codebook ``stance_coding_codebook.md`` beside the data)
has one row per sentence: ``id, source, doc, sentence, promo`` (0 none, 1 promotional, 2 strong hype),
``promo_spans, hedge`` (0/1), ``hedge_spans, certainty`` (1 very uncertain … 6 very certain; 0 = no
claim) and ``claim`` (0/1: asserts an effect of a medical intervention). The codes come from a
model-based coder working blind against the codebook, not from a human panel: say so when reporting.

:func:`agreement_table` sets the project's scorer (:func:`analysis.score_sentences`, mapped to
per-sentence flags by :func:`scorer_flags`) and a naive baseline (:func:`baseline_flags`) against
the codes, per part of the split in ``data/validation_split.csv`` (``tune``: fit and tune on it;
``report``: never used for fitting or tuning).
"""
from __future__ import annotations

import csv
import hashlib
import io
import os
import re
import warnings
import zlib
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from .paths import DATA_DIR
from .resampled_agreement import (N_BOOT, binary_statistics, correlation_statistics, percentile_interval,
                                  rate_statistic, resample_weights)

__all__ = ["CODING_COLUMNS", "KEY_COLUMNS", "SPLIT_FILE", "AGREEMENT_COLUMNS", "read_coding", "of_source",
           "is_coding_file", "read_split", "make_split", "write_split", "binary_agreement", "correlation",
           "scorer_flags", "baseline_flags", "naive_terms", "count_terms", "naive_certainty", "agreement_table",
           "agreement_intervals", "agreement_long"]

CODING_COLUMNS = ["id", "source", "doc", "sentence", "promo", "promo_spans", "hedge", "hedge_spans", "certainty",
                  "claim"]
_CODES = {"promo": (0, 1, 2), "hedge": (0, 1), "certainty": (0, 1, 2, 3, 4, 5, 6), "claim": (0, 1)}
SPLIT_FILE = DATA_DIR / "validation_split.csv"
SPLIT_COLUMNS = ["source", "doc", "id", "sentence_sha1", "part"]
#: a keyed coding file names each sentence by these instead of holding it (the codes of sentences that
#: belong to a reference file, not to the project)
KEY_COLUMNS = ["from_file", "from_row", "sentence_sha1"]
#: ``doc`` values that name a pool of single sentences from different papers / press releases
#: (Yu et al. 2020 data), not one document: each of their sentences is its own document in the split
POOLED_DOCS = ("pubmed", "eurekalert")
#: known groups: promotional markers per 1,000 words, the first source over the second
KNOWN_GROUPS = ("seed", "abstract")
BINARY = {"promotion": "promo", "hedge": "hedge", "claim": "claim"}  # category -> code column (coded >= 1)
AGREEMENT_COLUMNS = ["data", "category", "part", "method", "rule", "n", "precision", "recall", "f1", "kappa",
                     "pearson_r", "spearman_r", "seed_per_1k", "abstract_per_1k", "ratio"]
#: which metrics belong to which category (the long table of :func:`analysis.validation.validate_folder`)
METRICS = {**{c: ["precision", "recall", "f1", "kappa"] for c in BINARY},
           "certainty": ["pearson_r", "spearman_r"], "known_groups": ["seed_per_1k", "abstract_per_1k", "ratio"]}
_LEXICONS = DATA_DIR / "lexicons"


# ----------------------------------------------------------------------------- reading
def is_coding_file(path: str | os.PathLike) -> bool:
    """True if ``path`` is a ``.csv`` whose header has every column of the coding format (or of its keyed
    form, where :data:`KEY_COLUMNS` stand for ``sentence``)."""
    path = Path(path)
    if path.suffix != ".csv" or not path.exists():
        return False
    with path.open(encoding="utf-8-sig", newline="") as f:
        header = set(next(csv.reader(f), []))
    return set(CODING_COLUMNS) <= header or set(CODING_COLUMNS) - {"sentence"} | set(KEY_COLUMNS) <= header


def _referenced_sentence(path: Path, fields: dict, line: int, files: dict) -> str:
    """The sentence a keyed coding row names: row ``from_row`` (0-based record) of the labelled file
    ``from_file`` (relative to the coding file's folder), checked against its ``sentence_sha1``."""
    from .validation import read_labelled

    source = (path.parent / fields["from_file"]).resolve()
    if source not in files:
        if not source.exists():
            raise ValueError(f"{path}, line {line}: from_file {fields['from_file']!r} not found ({source}).")
        files[source] = read_labelled(source)["text"].tolist()
    texts = files[source]
    try:
        sentence = texts[int(fields["from_row"])]
    except (ValueError, IndexError):
        raise ValueError(f"{path}, line {line}: from_row {fields['from_row']!r} is not a row of {source.name} "
                         f"(0 to {len(texts) - 1}).") from None
    if _sentence_key(sentence) != fields["sentence_sha1"]:
        raise ValueError(f"{path}, line {line}: row {fields['from_row']} of {source.name} is not the sentence "
                         f"that was coded (sentence_sha1 differs); has the file changed?")
    return sentence


def _sentence_key(sentence: str) -> str:
    """First 16 hex digits of the SHA-1 of the whitespace-normalised sentence (identifies a row, holds no text)."""
    return hashlib.sha1(" ".join(sentence.split()).encode("utf-8")).hexdigest()[:16]


def read_coding(path: str | os.PathLike, split_file: str | os.PathLike | None = SPLIT_FILE) -> pd.DataFrame:
    """Read a coded-sentence file and join the tune/report split.

    Parameters
    ----------
    path : path-like
        A ``.csv`` with the columns :data:`CODING_COLUMNS` (more are allowed; spans may be empty), or
        its keyed form: :data:`KEY_COLUMNS` instead of ``sentence``, which is then read from row
        ``from_row`` of the labelled file ``from_file`` (a path relative to this file's folder).
    split_file : path-like or None
        The split (default :data:`SPLIT_FILE`); ``None``: every row is ``unsplit``. A file with a
        column ``part`` (``tune`` or ``report`` per row) carries its own split and this one is not read.

    Returns
    -------
    DataFrame
        The coding columns (codes as int, spans as str), ``line`` (the row's last line in the file)
        and ``part``: ``tune``, ``report`` or ``unsplit`` (rows the split does not name, e.g. of
        another coded file).

    Raises
    ------
    ValueError
        Naming the file and line of a malformed row (wrong number of fields, an empty id, doc,
        source or sentence, a code out of range, a repeated id) or the missing columns.
    """
    path = Path(path)
    if not path.exists():
        raise ValueError(f"{path}: file not found.")
    rows, seen = [], {}
    with path.open(encoding="utf-8-sig", newline="") as f:
        reader = csv.reader(f)
        header = next(reader, None) or []
        keyed = "sentence" not in header and set(KEY_COLUMNS) <= set(header)
        names = [c for c in CODING_COLUMNS if c != "sentence"] + KEY_COLUMNS if keyed else CODING_COLUMNS
        missing = [c for c in names if c not in header]
        if missing:
            raise ValueError(f"{path}: not a coding file: missing column(s) {missing} (need {CODING_COLUMNS}, or "
                             f"{KEY_COLUMNS} in place of 'sentence').")
        col = {name: header.index(name) for name in names}
        part_col = header.index("part") if "part" in header else None  # the file carries its own split
        files: dict = {}
        for fields in reader:
            line = reader.line_num
            if not fields:
                continue
            if len(fields) != len(header):
                raise ValueError(f"{path}, line {line}: {len(fields)} fields, the header has {len(header)} "
                                 f"(an unquoted comma in the sentence?).")
            row = {name: fields[i] for name, i in col.items()}
            if keyed:
                row["sentence"] = _referenced_sentence(path, {k: row.pop(k) for k in KEY_COLUMNS}, line, files)
            for name in ("id", "source", "doc", "sentence"):
                if not row[name].strip():
                    raise ValueError(f"{path}, line {line}: empty {name!r}.")
            for name, allowed in _CODES.items():
                value = row[name].strip()
                if value not in {str(a) for a in allowed}:
                    raise ValueError(f"{path}, line {line}: {name} is {value!r}, expected one of "
                                     f"{', '.join(map(str, allowed))}.")
                row[name] = int(value)
            if part_col is not None:
                row["part"] = fields[part_col].strip()
                if row["part"] not in ("tune", "report"):
                    raise ValueError(f"{path}, line {line}: part is {row['part']!r}, expected tune or report.")
            if row["id"] in seen:
                raise ValueError(f"{path}, line {line}: id {row['id']!r} repeats line {seen[row['id']]}.")
            seen[row["id"]] = line
            rows.append({**row, "line": line})
    if not rows:
        raise ValueError(f"{path}: no coded rows.")
    table = pd.DataFrame(rows, columns=CODING_COLUMNS + ["line"] + (["part"] if part_col is not None else []))
    if part_col is None:
        table["part"] = "unsplit"
    if split_file is not None and part_col is None:
        split = read_split(split_file)
        whole = split[split["id"] == ""].set_index(["source", "doc"])["part"]
        single = split[split["id"] != ""].set_index(["source", "doc", "id", "sentence_sha1"])["part"]
        keys = zip(table["source"], table["doc"], table["id"], table["sentence"].map(_sentence_key))
        table["part"] = [whole.get((s, d)) or single.get((s, d, i, h)) or "unsplit" for s, d, i, h in keys]
    return table


def of_source(coding: pd.DataFrame, source: str | None, path: str | os.PathLike = "") -> pd.DataFrame:
    """The rows of a coding (:func:`read_coding`) whose ``source`` is ``source`` (all rows when None).

    Raises
    ------
    ValueError
        Naming ``path`` and the sources it has, when none of its rows has this source.
    """
    if source is None:
        return coding
    if source not in set(coding["source"]):
        raise ValueError(f"{path}: no sentences of source {source!r}; sources are {sorted(set(coding['source']))}.")
    return coding[coding["source"] == source].reset_index(drop=True)


def read_split(path: str | os.PathLike = SPLIT_FILE) -> pd.DataFrame:
    """Read a split file (``#`` comment lines, then ``source, doc, id, sentence_sha1, part``)."""
    path = Path(path)
    if not path.exists():
        raise ValueError(f"{path}: split file not found.")
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if not ln.startswith("#")]
    split = pd.read_csv(io.StringIO("\n".join(lines)), dtype=str, keep_default_na=False)
    if list(split.columns) != SPLIT_COLUMNS:
        raise ValueError(f"{path}: columns {list(split.columns)}, expected {SPLIT_COLUMNS}.")
    bad = split.index[~split["part"].isin(["tune", "report"])]
    if len(bad):
        raise ValueError(f"{path}: part {split.loc[bad[0], 'part']!r} in row {bad[0] + 1}; expected tune or report.")
    return split


# ----------------------------------------------------------------------------- the split
def make_split(coding: pd.DataFrame, tune_share: float = 0.6, seed: int = 15,
               pooled_docs: tuple[str, ...] = POOLED_DOCS) -> pd.DataFrame:
    """Split coded sentences by document into ``tune`` and ``report``, stratified by source.

    A document is a ``doc`` (every sentence of a seed article goes to the same part) or, for the
    pooled ``doc`` values (:data:`POOLED_DOCS`: single sentences from different abstracts or press
    releases), one sentence. Per source, the documents are sorted, permuted with
    ``numpy.random.default_rng([seed, crc32(source)])`` and the first ``round(tune_share × n)``
    (at least 1 and at most n − 1 when n ≥ 2) go to ``tune``: the same input gives the same split,
    and each source with two or more documents is in both parts.

    Returns
    -------
    DataFrame
        ``source, doc, id, sentence_sha1, part``; ``id`` and ``sentence_sha1`` are empty for a whole document.
    """
    rows = []
    for source, group in coding.groupby("source", sort=True):
        units = []
        for doc, part in group.groupby("doc", sort=True):
            if doc in pooled_docs:
                units += [(doc, i, _sentence_key(s)) for i, s in sorted(zip(part["id"], part["sentence"]))]
            else:
                units.append((doc, "", ""))
        order = np.random.default_rng([seed, zlib.crc32(source.encode("utf-8"))]).permutation(len(units))
        n_tune = int(np.floor(tune_share * len(units) + 0.5))
        n_tune = min(max(n_tune, 1), len(units) - 1) if len(units) >= 2 else n_tune
        for rank, k in enumerate(order):
            rows.append((source, *units[k], "tune" if rank < n_tune else "report"))
    split = pd.DataFrame(rows, columns=SPLIT_COLUMNS)
    return split.sort_values(["source", "doc", "id"], kind="stable", ignore_index=True)


def write_split(split: pd.DataFrame, path: str | os.PathLike = SPLIT_FILE, made_from: str = "") -> Path:
    """Write a split with a header comment saying how it was made and what each part is for."""
    path = Path(path)
    lines = [f"# Tune/report split of the coded development sentences{f' ({made_from})' if made_from else ''}.",
             "# tune: measures may be fitted and tuned on these rows. report: only ever reported, NEVER used for",
             "# fitting or tuning. Split by document, stratified by source: every sentence of one seed article is in",
             "# one part; the pubmed / eurekalert rows are single sentences from different abstracts / press releases",
             "# (Yu et al. 2020), so each is its own document, named by id and sentence_sha1 (first 16 hex digits of",
             "# the SHA-1 of the whitespace-normalised sentence: a file that reuses the ids is not mistaken for this",
             "# one).",
             "# Made by analysis.agreement.make_split(read_coding(FILE, split_file=None)) (tune_share 0.6, seed 15):",
             "# per source the documents, sorted, are permuted by numpy default_rng([15, crc32(source)]) and the first",
             "# round(0.6 n) go to tune. Documents per source:"]
    for source, group in split.groupby("source", sort=True):
        counts = group["part"].value_counts()
        lines.append(f"#   {source}: {counts.get('tune', 0)} tune, {counts.get('report', 0)} report")
        if (group["id"] == "").all() and len(group) <= 10:
            lines += [f"#     {part}: {', '.join(group.loc[group['part'] == part, 'doc'])}"
                      for part in ("tune", "report")]
    path.write_text("\n".join(lines) + "\n" + split.to_csv(index=False, lineterminator="\n"), encoding="utf-8")
    return path


# ----------------------------------------------------------------------------- statistics
def binary_agreement(coded, predicted) -> dict:
    """Agreement of a 0/1 prediction with 0/1 codes (the codes are the reference).

    Returns
    -------
    dict
        ``n``; ``precision`` (share of predicted positives the coder coded positive), ``recall``
        (share of coded positives predicted), ``f1`` (their harmonic mean), all 0…1 and NaN when
        undefined (nothing predicted / nothing coded); ``kappa``: Cohen's κ, −1…1, 0 = chance
        agreement, NaN when both sides are constant.
    """
    from sklearn.metrics import cohen_kappa_score, precision_recall_fscore_support

    y, p = np.asarray(coded, dtype=bool), np.asarray(predicted, dtype=bool)
    if len(y) == 0:
        return {"n": 0, "precision": np.nan, "recall": np.nan, "f1": np.nan, "kappa": np.nan}
    prec, rec, f1, _ = precision_recall_fscore_support(y, p, average="binary", zero_division=np.nan)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        kappa = cohen_kappa_score(y, p) if len(set(y) | set(p)) > 1 else np.nan
    return {"n": len(y), "precision": float(prec), "recall": float(rec), "f1": float(f1), "kappa": float(kappa)}


def correlation(coded, predicted) -> dict:
    """``n``, Pearson and Spearman r (−1…1; positive = the prediction rises with the code); NaN if constant."""
    from scipy.stats import pearsonr, spearmanr

    y, p = np.asarray(coded, dtype=float), np.asarray(predicted, dtype=float)
    if len(y) < 2 or np.ptp(y) == 0 or np.ptp(p) == 0:
        return {"n": len(y), "pearson_r": np.nan, "spearman_r": np.nan}
    return {"n": len(y), "pearson_r": float(pearsonr(p, y)[0]), "spearman_r": float(spearmanr(p, y)[0])}


# ----------------------------------------------------------------------------- scorer and baseline
def scorer_flags(scores: pd.DataFrame) -> pd.DataFrame:
    """Map :func:`analysis.score_sentences` output to the coded categories (adjust here when stance changes).

    ``promotion``: at least one counted promotion marker or call to action (the codebook codes
    invitations to book or act as promotional); ``hedge``: at least one counted hedge or disclaimer
    (the codebook counts disclaimers as hedges; the scorer keeps them apart as caveats);
    ``claim``: the scorer's claim flag; ``certainty``: the sentence certainty (1–6);
    ``promotion_markers``: promotion markers plus calls to action (for the known-groups rates).
    """
    selling = scores["promotion"].to_numpy(dtype=float) + scores["calls_to_action"].to_numpy(dtype=float)
    return pd.DataFrame({"promotion": selling > 0,
                         "hedge": (scores["hedges"].to_numpy() > 0) | (scores["disclaimers"].to_numpy() > 0),
                         "claim": scores["claim"].to_numpy(dtype=bool),
                         "certainty": scores["certainty"].to_numpy(dtype=float),
                         "promotion_markers": selling})


@lru_cache(maxsize=None)
def naive_terms(name: str) -> tuple[str, ...]:
    """The word list of a naive baseline, from the project's lexicon files (sources cited per row).

    ``hype139``: the 139 hype adjectives of Millar, Batalo & Budgell (2022) (rows of
    ``lexicons/stance.csv`` whose source is ``millar2022``); ``modals``: *may, might, could, would,
    should* (``lexicons/naive_modals.csv``); ``treatment`` and ``effect``: the two lists of
    ``lexicons/naive_claims.csv``.
    """
    if name == "hype139":
        table = pd.read_csv(_LEXICONS / "stance.csv", dtype=str)
        terms = table.loc[table["source"].str.contains("millar2022", na=False), "term"]
    elif name == "modals":
        terms = pd.read_csv(_LEXICONS / "naive_modals.csv", dtype=str)["term"]
    elif name in ("treatment", "effect"):
        table = pd.read_csv(_LEXICONS / "naive_claims.csv", dtype=str)
        terms = table.loc[table["category"] == name, "term"]
    else:
        raise ValueError(f"unknown naive word list {name!r}: hype139, modals, treatment or effect.")
    return tuple(terms)


def count_terms(texts, terms) -> np.ndarray:
    """Occurrences of ``terms`` in each text: whole words, any case, no context rule (the naive matcher)."""
    pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, sorted(terms, key=len, reverse=True))) + r")\b",
                         re.IGNORECASE)
    return np.array([len(pattern.findall(t)) for t in texts], dtype=float)


def naive_certainty(texts) -> np.ndarray:
    """Baseline certainty: minus the count of the five modal verbs (``naive_modals.csv``), no context rules."""
    return -count_terms(texts, naive_terms("modals"))


def baseline_flags(texts) -> pd.DataFrame:
    """The naive baseline, in the columns of :func:`scorer_flags`.

    ``promotion``: any of Millar et al.'s 139 hype adjectives; ``hedge``: any of *may, might, could,
    would, should*; ``claim``: a treatment word and an effect word (``naive_claims.csv``) in the
    sentence; ``certainty``: :func:`naive_certainty`; ``promotion_markers``: hype adjectives counted.
    All whole words in any case, without negation, sense or zone rules.
    """
    texts = list(texts)
    hype = count_terms(texts, naive_terms("hype139"))
    modals = count_terms(texts, naive_terms("modals"))
    claim = (count_terms(texts, naive_terms("treatment")) > 0) & (count_terms(texts, naive_terms("effect")) > 0)
    return pd.DataFrame({"promotion": hype > 0, "hedge": modals > 0, "claim": claim, "certainty": -modals,
                         "promotion_markers": hype})


# ----------------------------------------------------------------------------- the table
_RULES = {"scorer": {c: "stance" for c in METRICS},
          "baseline": {"promotion": "naive_hype139", "hedge": "naive_modals", "claim": "naive_claim_words",
                       "certainty": "naive_modals", "known_groups": "naive_hype139"},
          "coder": {"known_groups": "coded_spans"}}


def _parts(coding: pd.DataFrame) -> list[tuple[str, np.ndarray]]:
    present = [p for p in ("tune", "report", "unsplit") if (coding["part"] == p).any()]
    parts = [(p, (coding["part"] == p).to_numpy()) for p in present] if len(present) > 1 else []
    return parts + [("all", np.ones(len(coding), dtype=bool))]


def _per_1k(markers: np.ndarray, words: np.ndarray) -> float:
    return float(1000 * markers.sum() / words.sum()) if words.sum() else np.nan


def _flags(coding: pd.DataFrame) -> tuple[dict, np.ndarray, np.ndarray]:
    """Per sentence: the flags of the scorer and of the baseline, the words, and the coder's promotion markers."""
    from .stance import score_sentences

    scores = score_sentences(coding["sentence"])
    methods = {"scorer": scorer_flags(scores), "baseline": baseline_flags(coding["sentence"])}
    spans = coding["promo_spans"].fillna("").map(lambda s: sum(1 for x in s.split("|") if x.strip()))
    coder_markers = np.where(coding["promo"].to_numpy() >= 1, spans.to_numpy(dtype=float), 0.0)
    return methods, scores["n_words"].to_numpy(dtype=float), coder_markers


def agreement_table(coding: pd.DataFrame, data: str = "") -> pd.DataFrame:
    """Scorer and naive baseline against the coder, per category and part.

    Parameters
    ----------
    coding : DataFrame
        From :func:`read_coding`.
    data : str
        Name of the coded file (the ``data`` column).

    Returns
    -------
    DataFrame
        :data:`AGREEMENT_COLUMNS`, one row per category, part (``tune``, ``report``, [``unsplit``],
        ``all``; only ``all`` when the split names no row) and method (``scorer``, ``baseline``;
        ``coder`` for known groups); ``rule`` names the scorer (``stance``) or baseline word list.
        Categories ``promotion`` (coded promo ≥ 1), ``hedge``, ``claim``: n, precision, recall, F1,
        Cohen's κ over all sentences of the part. ``certainty``: Pearson and Spearman r between the
        predicted certainty and the coded one over the sentences the coder gave a certainty of
        1–6 (0, "no claim", is not on the scale). ``known_groups`` (when the part has seed and
        abstract sentences): promotional markers per 1,000 words (the scorer's n_words) in seed
        sentences and in PubMed abstract sentences, and their ratio; the coder's markers are its
        promo spans.
    """
    methods, words, coder_markers = _flags(coding)
    rows = []
    for part, mask in _parts(coding):
        def add(category, method, stats):
            rows.append({"data": data, "category": category, "part": part, "method": method,
                         "rule": _RULES[method][category], **stats})

        for category, column in BINARY.items():
            coded = coding[column].to_numpy() >= 1
            for method, flags in methods.items():
                add(category, method, binary_agreement(coded[mask], flags[category].to_numpy()[mask]))
        rated = mask & (coding["certainty"].to_numpy() >= 1)
        for method, flags in methods.items():
            add("certainty", method, correlation(coding["certainty"].to_numpy()[rated],
                                                 flags["certainty"].to_numpy()[rated]))
        groups = [mask & (coding["source"].to_numpy() == g) for g in KNOWN_GROUPS]
        if all(g.any() for g in groups):
            counts = {m: f["promotion_markers"].to_numpy(dtype=float) for m, f in methods.items()}
            counts["coder"] = coder_markers
            for method, markers in counts.items():
                hi, lo = (_per_1k(markers[g], words[g]) for g in groups)
                ratio = hi / lo if lo else (np.inf if hi else np.nan)
                add("known_groups", method, {"n": int(sum(g.sum() for g in groups)), "seed_per_1k": hi,
                                             "abstract_per_1k": lo, "ratio": ratio})
    table = pd.DataFrame(rows).reindex(columns=AGREEMENT_COLUMNS)
    table["n"] = table["n"].astype(int)
    numeric = AGREEMENT_COLUMNS[AGREEMENT_COLUMNS.index("precision"):]
    table[numeric] = table[numeric].astype(float).round(4)
    return table


def agreement_long(table: pd.DataFrame, intervals: pd.DataFrame | None = None) -> pd.DataFrame:
    """The agreement table in the long format of :func:`analysis.validation.validate_file`.

    ``data, split`` (= part), ``n, measure`` (``<category>_<metric>``), ``scorer`` (= rule), ``value``, and
    ``ci_low, ci_high`` from ``intervals`` (:func:`agreement_intervals` of the same coding; NaN without it).
    """
    bounds = {} if intervals is None else {
        (r.part, r.category, r.method, r.metric): (r.ci_low, r.ci_high) for r in intervals.itertuples(index=False)}
    rows = [(r.data, r.part, r.n, f"{r.category}_{metric}", r.rule, getattr(r, metric),
             *bounds.get((r.part, r.category, r.method, metric), (np.nan, np.nan)))
            for r in table.itertuples(index=False) for metric in METRICS[r.category]]
    return pd.DataFrame(rows, columns=["data", "split", "n", "measure", "scorer", "value", "ci_low", "ci_high"])


def agreement_intervals(coding: pd.DataFrame, data: str = "", n_boot: int = N_BOOT, seed: int = 0) -> pd.DataFrame:
    """95 % bootstrap intervals of the statistics of :func:`agreement_table`.

    Documents are drawn with replacement within each source and part, then the sentences of each drawn
    document (the pooled single sentences of :data:`POOLED_DOCS` are each a document, as in the split); see
    :mod:`analysis.resampled_agreement`.

    Returns
    -------
    DataFrame
        ``data, category, part, method, metric, ci_low, ci_high``: one row per statistic of
        :func:`agreement_table` (the known groups: their ``ratio`` only), in the same units; NaN where
        the statistic is undefined in half the resamples or more.
    """
    methods, words, coder_markers = _flags(coding)
    doc, source = coding["doc"].astype(str), coding["source"].astype(str)
    units = np.where(doc.isin(POOLED_DOCS), doc + "/" + coding["id"].astype(str), doc)
    certainty = coding["certainty"].to_numpy()
    rows = []
    for part, mask in _parts(coding):
        weights = resample_weights(units[mask], source[mask], n_boot, seed)
        stats = []
        for category, column in BINARY.items():
            coded = coding[column].to_numpy()[mask] >= 1
            stats += [(category, method, binary_statistics(coded, flags[category].to_numpy()[mask], weights))
                      for method, flags in methods.items()]
        rated = certainty[mask] >= 1
        stats += [("certainty", method, correlation_statistics(certainty[mask][rated],
                                                               flags["certainty"].to_numpy()[mask][rated],
                                                               weights[:, rated]))
                  for method, flags in methods.items()]
        groups = [coding["source"].to_numpy()[mask] == g for g in KNOWN_GROUPS]
        if all(g.any() for g in groups):
            markers = {**{m: f["promotion_markers"].to_numpy(dtype=float) for m, f in methods.items()},
                       "coder": coder_markers}
            stats += [("known_groups", method, {"ratio": rate_statistic(m[mask], words[mask], *groups, weights)})
                      for method, m in markers.items()]
        rows += [(data, category, part, method, metric, *percentile_interval(values))
                 for category, method, by_metric in stats for metric, values in by_metric.items()]
    table = pd.DataFrame(rows, columns=["data", "category", "part", "method", "metric", "ci_low", "ci_high"])
    table[["ci_low", "ci_high"]] = table[["ci_low", "ci_high"]].round(4)
    return table
