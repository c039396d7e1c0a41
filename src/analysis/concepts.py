"""Concept coverage: which concepts each article mentions, and which it leaves out.

The codebook (:mod:`analysis.codebook`, ``data/codebook.yaml`` or a file of that shape) lists groups of concepts
with patterns, some of them information-quality items (DISCERN, HealthNewsReview); the patterns form one
:class:`analysis.lexicon.Lexicon` (category = concept id). Only mentions in a concept's ``counted_zones`` (default
``body``, ``heading``) count; a negated mention ("not FDA-approved") still covers its concept but is flagged and
counted apart; ``exclude_patterns`` spans ("at risk") win by the longest match and are dropped. Every match stays
in the evidence table. Rationale and limits: docs/measures.md#concepts.
"""
from __future__ import annotations

import os
from collections.abc import Mapping
from itertools import combinations_with_replacement

import numpy as np
import pandas as pd

from .codebook import CODEBOOK_PATH, EXCLUDED, Codebook, CodebookError, load_codebook
from .negation import negation_cues
from .repeats import distinct_texts, rows_per_text

__all__ = [
    "CODEBOOK_PATH", "Codebook", "CodebookError", "load_codebook", "concept_mentions",
    "concept_coverage", "group_coverage", "quality_omissions", "cooccurrence",
]

MENTION_COLUMNS = ["doc_id", "para", "sent", "zone", "group", "concept", "term", "matched", "start", "end",
                   "negated", "negation_cue", "counted", "text"]


def _check_sentences(sentences) -> None:
    if isinstance(sentences, (str, bytes)):
        raise TypeError("expected the sentences table from analysis.segment(), got a string.")
    missing = {"doc_id", "sent", "start", "text", "zone", "n_words"} - set(getattr(sentences, "columns", []))
    if missing:
        raise ValueError(f"sentences table lacks column(s) {sorted(missing)}; pass the output of analysis.segment().")


def concept_mentions(sentences: pd.DataFrame, codebook: str | os.PathLike | Mapping | Codebook | None = None
                     ) -> pd.DataFrame:
    """The evidence table: every concept mention in a :func:`analysis.segment` table, with its sentence and zone.

    ``codebook``: as :func:`analysis.codebook.load_codebook` takes it (default: the package codebook). Returns one row
    per (match, concept), sorted by ``doc_id``, ``start`` and codebook order: ``doc_id, para, sent, zone, group,
    concept, term, matched, start, end`` (offsets into the article text), ``negated, negation_cue`` (of
    :func:`analysis.negation.negation_cue` on the sentence), ``counted`` (the zone counts for the concept), ``text``
    (the sentence).
    """
    _check_sentences(sentences)
    cb = load_codebook(codebook)
    texts = sentences["text"].tolist()
    distinct, text_code, _ = distinct_texts(texts)  # each distinct sentence scanned once (analysis.repeats)
    found = cb.lexicon.find(distinct)
    found = found[found["category"].to_numpy() != EXCLUDED]
    found = found.assign(cue=negation_cues(distinct, found["text"].to_numpy(), found["start"].to_numpy()))
    if len(distinct) < len(texts):
        found = rows_per_text(found, "text", text_code)
    code = pd.Index(cb.concepts["concept"]).get_indexer(found["category"])  # codebook order
    sent_start = sentences["start"].to_numpy(dtype=np.int64)
    doc_id = sentences["doc_id"].astype(str).to_numpy()
    text_id, start = found["text"].to_numpy(), found["start"].to_numpy()
    order = np.lexsort((code, sent_start[text_id] + start, pd.factorize(doc_id, sort=True)[0][text_id]))
    found, code, text_id, start = found.iloc[order], code[order], text_id[order], start[order]
    zone = sentences["zone"].to_numpy()[text_id]
    cue = found["cue"].to_numpy()
    table = pd.DataFrame({
        "doc_id": doc_id[text_id], "para": sentences["para"].to_numpy()[text_id] if "para" in sentences else -1,
        "sent": sentences["sent"].to_numpy()[text_id], "zone": zone,
        "group": cb.concepts["group"].to_numpy()[code], "concept": found["category"].to_numpy(),
        "term": found["term"].to_numpy(), "matched": found["matched"].to_numpy(),
        "start": sent_start[text_id] + start, "end": sent_start[text_id] + found["end"].to_numpy(),
        "negated": cue != "", "negation_cue": cue, "counted": _counted(cb, code, zone),
        "text": np.array(texts, dtype=object)[text_id],
    }, columns=MENTION_COLUMNS)
    return table.astype({"doc_id": str, "para": "int64", "sent": "int64", "zone": str, "group": str, "concept": str,
                         "term": str, "matched": str, "start": "int64", "end": "int64", "negated": bool,
                         "negation_cue": str, "counted": bool, "text": str})


def _counted(cb: Codebook, code: np.ndarray, zone: np.ndarray) -> np.ndarray:
    """Whether each mention (concept code, zone) lies in a zone that counts for its concept."""
    zone_code, zones = pd.factorize(zone)
    allowed = np.array([[z in counted for z in zones] for counted in cb.concepts["zones"]], dtype=bool)
    return allowed.reshape(len(cb.concepts), len(zones))[code, zone_code]


def concept_coverage(sentences: pd.DataFrame, codebook: str | os.PathLike | Mapping | Codebook | None = None, *,
                     mentions: pd.DataFrame | None = None) -> pd.DataFrame:
    """Article × concept coverage: counted mentions, rate per 1,000 words, presence.

    Every article of ``sentences`` (:func:`analysis.segment`) gets a row per concept, even with no mention;
    ``mentions``: :func:`concept_mentions` of the same input, if already made.

    Returns
    -------
    DataFrame
        One row per (``doc_id``, concept) in codebook order: ``doc_id, group, group_label, concept, label,
        quality_item, quality_label, quality_source``, ``mentions`` (matches in counted zones, negated ones
        included), ``negated_mentions``, ``sentences`` (with at least one), ``n_words`` (the article's words, all
        zones, :func:`analysis.tokens.count_words`), ``mentions_per_1k_words`` (1000 × mentions / n_words, higher =
        mentioned more often), ``present`` (mentions > 0).
    """
    _check_sentences(sentences)
    cb = load_codebook(codebook)
    mentions = concept_mentions(sentences, cb) if mentions is None else mentions
    docs = pd.Index(pd.unique(sentences["doc_id"]), name="doc_id").sort_values()
    n_concepts = len(cb.concepts)
    counted = mentions["counted"].to_numpy(dtype=bool)
    doc = docs.get_indexer(mentions["doc_id"].to_numpy()[counted])
    concept = pd.Index(cb.concepts["concept"]).get_indexer(mentions["concept"].to_numpy()[counted])
    known = (doc >= 0) & (concept >= 0)  # mentions of other docs or concepts have no row
    cell = (doc * n_concepts + concept)[known]  # one row per (doc, concept), docs sorted, concepts in codebook order
    n_cells = len(docs) * n_concepts
    sent = mentions["sent"].to_numpy()[counted][known]
    by_cell = np.lexsort((sent, cell))
    new_sentence = np.ones(len(cell), dtype=bool)
    new_sentence[1:] = (np.diff(cell[by_cell]) != 0) | (np.diff(sent[by_cell]) != 0)
    n_mentions = np.bincount(cell, minlength=n_cells)
    words = np.bincount(docs.get_indexer(sentences["doc_id"]), weights=sentences["n_words"].to_numpy(dtype=float),
                        minlength=len(docs))
    n_words = np.repeat(words, n_concepts).astype("int64")
    row = np.tile(np.arange(n_concepts), len(docs))
    meta = {c: cb.concepts[c].array.take(row) for c in ("group", "group_label", "concept", "label", "quality_item",
                                                         "quality_label", "quality_source")}
    return pd.DataFrame({
        "doc_id": docs.repeat(n_concepts), **meta, "mentions": n_mentions,
        "negated_mentions": np.bincount(cell[mentions["negated"].to_numpy(dtype=bool)[counted][known]],
                                        minlength=n_cells),
        "sentences": np.bincount(cell[by_cell][new_sentence], minlength=n_cells), "n_words": n_words,
        "mentions_per_1k_words": np.divide(1000 * n_mentions, n_words, out=np.zeros(n_cells), where=n_words > 0),
        "present": n_mentions > 0,
    }).astype({"mentions": "int64", "negated_mentions": "int64", "sentences": "int64"})


def group_coverage(coverage: pd.DataFrame) -> pd.DataFrame:
    """Article × concept group from :func:`concept_coverage`: how many of a group's concepts each article covers.

    Columns ``doc_id, group, group_label, concepts, concepts_present, share_present`` (concepts_present / concepts,
    0–1, higher = broader coverage), ``mentions, mentions_per_1k_words`` (as in coverage); groups in codebook order.
    """
    by = coverage.groupby(["doc_id", "group"], sort=False)
    out = by.agg(group_label=("group_label", "first"), concepts=("concept", "size"),
                 concepts_present=("present", "sum"), mentions=("mentions", "sum"),
                 n_words=("n_words", "first")).reset_index()
    out["share_present"] = out["concepts_present"] / out["concepts"]
    out["mentions_per_1k_words"] = (1000 * out["mentions"] / out["n_words"].where(out["n_words"] > 0)).fillna(0.0)
    out = out.astype({"concepts_present": "int64", "mentions": "int64"})
    return out[["doc_id", "group", "group_label", "concepts", "concepts_present", "share_present", "mentions",
                "mentions_per_1k_words"]]


def quality_omissions(coverage: pd.DataFrame) -> pd.DataFrame:
    """The information-quality items (DISCERN / HealthNewsReview) each article of :func:`concept_coverage` covers.

    One row per (``doc_id``, quality item) in codebook order: ``doc_id, concept, quality_label, quality_source,
    mentions, negated_mentions, covered`` (at least one counted mention), ``omitted`` (not covered).
    """
    table = coverage[coverage["quality_item"]]
    out = table[["doc_id", "concept", "quality_label", "quality_source", "mentions", "negated_mentions"]].copy()
    out["covered"] = table["present"].to_numpy()
    out["omitted"] = ~out["covered"]
    return out.reset_index(drop=True)


def cooccurrence(mentions: pd.DataFrame, codebook: str | os.PathLike | Mapping | Codebook | None = None
                 ) -> pd.DataFrame:
    """How often two concepts are mentioned in the same sentence (counted mentions of :func:`concept_mentions`).

    ``codebook`` gives the concept order. One row per unordered pair, diagonal included, in codebook order:
    ``concept_a, concept_b, label_a, label_b``, ``units`` (sentences mentioning both; diagonal: the concept) and
    ``docs`` (articles with at least one such sentence).
    """
    cb = load_codebook(codebook)
    table = mentions[mentions["counted"]]
    sets = table.groupby(["doc_id", "sent"], sort=True)["concept"].agg(lambda c: frozenset(c))
    order = list(cb.concepts["concept"])
    units = {pair: 0 for pair in combinations_with_replacement(order, 2)}
    docs: dict[tuple[str, str], set] = {pair: set() for pair in units}
    position = {c: i for i, c in enumerate(order)}
    for (doc, _), concepts in sets.items():
        present = sorted((c for c in concepts if c in position), key=position.get)
        for i, a in enumerate(present):
            for b in present[i:]:
                units[(a, b)] += 1
                docs[(a, b)].add(doc)
    label = dict(zip(cb.concepts["concept"], cb.concepts["label"]))
    return pd.DataFrame([(a, b, label[a], label[b], n, len(docs[(a, b)])) for (a, b), n in units.items()],
                        columns=["concept_a", "concept_b", "label_a", "label_b", "units", "docs"])
