"""Concept coverage: which concepts each article mentions, and which it leaves out.

A **codebook** (``data/codebook.yaml``, or your own file of the same shape) lists
groups of concepts; each concept has a definition, inclusion and exclusion notes,
surface patterns and, for information-quality items (DISCERN, HealthNewsReview
criteria), the instrument item it stands for. The patterns are compiled into one
:class:`analysis.lexicon.Lexicon` (category = concept id): the same matcher the
stance measures use, so word boundaries, wildcards, hyphenation, possessives and
"IV" vs "DSM-IV" behave identically everywhere.

Measurement decisions (documented in the codebook file too)

* **Zones.** A mention counts as coverage only in the codebook's
  ``counted_zones`` (default ``body`` and ``heading``); a concept may name its
  own zones (``call_to_action`` also counts in the call-to-action zone). Links to
  other posts, disclaimers and calls to action are not the article discussing a
  concept. Every match is kept in the evidence table with its ``zone`` and a
  ``counted`` flag.
* **Negation.** A mention governed by a negation cue (:func:`analysis.negation.negation_cue`,
  the package's one negation rule) still covers the concept ("not FDA-approved"
  is regulatory status; "not addictive" is a claim about risk) but is flagged
  ``negated`` and counted separately.
* **Exclusions.** ``exclude_patterns`` are longer spans that contain a concept
  pattern but are not a mention (``at risk`` is not a treatment risk); they win by
  the matcher's longest-match rule and are dropped.
* **Rates** are mentions per 1,000 words of the whole article, words as
  :func:`analysis.tokens.count_words` counts them (the ``n_words`` of
  :func:`analysis.segment`, summed), so denominators agree with notebook 01.

Pattern matching finds mentions, not the quality or balance of what is said
about a concept: the evidence table holds the sentence behind every count.
"""
from __future__ import annotations

import os
import re
from functools import lru_cache
from collections.abc import Mapping
from itertools import combinations_with_replacement
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

from .lexicon import JoinedTexts, Lexicon, LexiconError, TextMatches, _check_joined, _sort_order, join_texts
from .negation import load_negation_cues, negation_cues
from .paths import DATA_DIR
from .segment import ZONES

__all__ = [
    "CODEBOOK_PATH", "Codebook", "CodebookError", "load_codebook", "concept_mentions",
    "concept_coverage", "group_coverage", "quality_omissions", "cooccurrence", "scan_request",
]

CODEBOOK_PATH = DATA_DIR / "codebook.yaml"
MENTION_COLUMNS = ["doc_id", "para", "sent", "zone", "group", "concept", "term", "matched", "start", "end",
                   "negated", "negation_cue", "counted", "text"]
_EXCLUDED = "~excluded"  # lexicon category of exclude_patterns (cannot clash: ids are lower_snake_case)
_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_TOP_KEYS = {"name", "version", "counted_zones", "groups", "description"}
_GROUP_KEYS = {"id", "label", "concepts", "description"}
_CONCEPT_KEYS = {"id", "label", "definition", "include", "exclude", "quality", "zones", "patterns", "exclude_patterns"}
_REQUIRED_TEXT = ("definition", "include", "exclude")
_NEG_WINDOW_CHARS = 80  # analysis.negation.negation_cue looks at most this far back


class CodebookError(ValueError):
    """A codebook is malformed; the message names the file, the group/concept entry and the problem."""


class Codebook:
    """A validated concept codebook compiled into one lexicon.

    Use :func:`load_codebook` to build one from a YAML file or a mapping.

    Attributes
    ----------
    concepts : DataFrame
        One row per concept, in codebook order: ``group, group_label, concept, label,
        definition, include, exclude, quality_item, quality_label, quality_source, zones``
        (``quality_item`` is bool; ``zones`` a tuple of counted zones).
    patterns : DataFrame
        ``category, term, group`` for every pattern (``category`` = concept id; exclusion
        spans carry the category ``~excluded``).
    lexicon : analysis.lexicon.Lexicon
        The compiled matcher (concept patterns plus exclusion spans).
    counted_zones : tuple of str
        Default zones whose mentions count as coverage.
    name : str
        The file (or label) it came from; used in messages.
    """

    def __init__(self, concepts: pd.DataFrame, patterns: pd.DataFrame, counted_zones: tuple[str, ...], name: str):
        self.concepts = concepts.reset_index(drop=True)
        self.patterns = patterns.reset_index(drop=True)
        self.counted_zones = tuple(counted_zones)
        self.name = name
        self.lexicon = Lexicon(patterns[["category", "term"]], name=name)

    @property
    def groups(self) -> tuple[str, ...]:
        """Group ids in codebook order."""
        return tuple(dict.fromkeys(self.concepts["group"]))

    def __repr__(self) -> str:
        return (f"Codebook({self.name!r}, {len(self.groups)} groups, {len(self.concepts)} concepts, "
                f"{int(self.concepts['quality_item'].sum())} quality items)")


def load_codebook(path: str | os.PathLike | Mapping | Codebook | None = None) -> Codebook:
    """Load and validate a concept codebook.

    Parameters
    ----------
    path : path-like, mapping or Codebook, optional
        A YAML file (default: the package's ``data/codebook.yaml``), an already-parsed
        mapping of the same shape (named ``<mapping>`` in messages), or a
        :class:`Codebook` (returned unchanged).

    Returns
    -------
    Codebook

    Raises
    ------
    CodebookError
        Unreadable file or YAML syntax (with the line), or an invalid entry; the message
        names the file, the group/concept id and what is wrong (missing definition, no
        patterns, a malformed pattern, duplicate id, unknown zone or key, ...).

    Examples
    --------
    >>> cb = load_codebook()
    >>> cb.concepts.loc[cb.concepts["concept"] == "risks_side_effects", "quality_source"].item()
    'DISCERN Q11; HNR 3 (harms)'
    """
    if isinstance(path, Codebook):
        return path
    if isinstance(path, Mapping):
        return _build(dict(path), "<mapping>")
    file = Path(CODEBOOK_PATH if path is None else path)
    if not file.is_file():
        raise CodebookError(f"{file}: codebook file not found; pass the path of a .yaml codebook or None for the default.")
    try:
        data = yaml.safe_load(file.read_text(encoding="utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise CodebookError(f"{file}: not valid UTF-8 (offset {exc.start}); re-save it as UTF-8.") from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f", line {mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise CodebookError(f"{file}{where}: YAML syntax error ({problem}); "
                            "quote text that contains ': ' or starts with a quote.") from exc
    return _build(data, str(file))


def _text(value) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _build(data, name: str) -> Codebook:
    if not isinstance(data, dict):
        raise CodebookError(f"{name}: a codebook is a mapping with a 'groups' list, got {type(data).__name__}.")
    unknown = sorted(set(data) - _TOP_KEYS)
    if unknown:
        raise CodebookError(f"{name}: unknown top-level key(s) {unknown}; allowed: {sorted(_TOP_KEYS)}.")
    counted = data.get("counted_zones", ["body", "heading"])
    counted = tuple(_check_zones(counted, f"{name}: counted_zones"))
    groups = data.get("groups")
    if not isinstance(groups, list) or not groups:
        raise CodebookError(f"{name}: 'groups' must be a non-empty list of groups, each with an id and concepts.")
    concept_rows, pattern_rows = [], []
    seen_groups: set[str] = set()
    seen_concepts: dict[str, str] = {}
    for g_no, group in enumerate(groups, start=1):
        if not isinstance(group, dict):
            raise CodebookError(f"{name}: group {g_no} must be a mapping with id, label and concepts.")
        gid = group.get("id")
        gwhere = f"{name}: group {gid!r}" if isinstance(gid, str) else f"{name}: group {g_no}"
        if not isinstance(gid, str) or not _ID.match(gid):
            raise CodebookError(f"{gwhere}: id must be lower_snake_case text (e.g. 'risks_safety'), got {gid!r}.")
        if gid in seen_groups:
            raise CodebookError(f"{gwhere}: duplicate group id.")
        seen_groups.add(gid)
        extra = sorted(set(group) - _GROUP_KEYS)
        if extra:
            raise CodebookError(f"{gwhere}: unknown key(s) {extra}; allowed: {sorted(_GROUP_KEYS)}.")
        concepts = group.get("concepts")
        if not isinstance(concepts, list) or not concepts:
            raise CodebookError(f"{gwhere}: 'concepts' must be a non-empty list.")
        for c_no, concept in enumerate(concepts, start=1):
            row, patterns = _concept(concept, gid, c_no, gwhere, counted, seen_concepts)
            concept_rows.append({"group": gid, "group_label": str(group.get("label") or gid), **row})
            pattern_rows += patterns
    concepts_table = pd.DataFrame(concept_rows)
    patterns_table = pd.DataFrame(pattern_rows).drop_duplicates(["category", "term"], ignore_index=True)
    try:
        return Codebook(concepts_table, patterns_table, counted, name)
    except LexiconError as exc:  # pragma: no cover - each concept was already compiled on its own
        raise CodebookError(f"{name}: {exc}") from exc


def _check_zones(zones, where: str) -> list[str]:
    if isinstance(zones, str) or not isinstance(zones, list) or not zones:
        raise CodebookError(f"{where}: must be a non-empty list of zones from {list(ZONES)}.")
    bad = [z for z in zones if z not in ZONES]
    if bad:
        raise CodebookError(f"{where}: unknown zone(s) {bad}; use zones from {list(ZONES)}.")
    return list(zones)


def _concept(concept, gid: str, c_no: int, gwhere: str, counted, seen: dict) -> tuple[dict, list[dict]]:
    if not isinstance(concept, dict):
        raise CodebookError(f"{gwhere}, concept {c_no}: must be a mapping with id, definition and patterns.")
    cid = concept.get("id")
    where = f"{gwhere} / concept {cid!r}" if isinstance(cid, str) else f"{gwhere}, concept {c_no}"
    if not isinstance(cid, str) or not _ID.match(cid):
        raise CodebookError(f"{where}: id must be lower_snake_case text (e.g. 'cost_insurance'), got {cid!r}.")
    if cid in seen:
        raise CodebookError(f"{where}: duplicate concept id (already used in group {seen[cid]!r}).")
    seen[cid] = gid
    extra = sorted(set(concept) - _CONCEPT_KEYS)
    if extra:
        raise CodebookError(f"{where}: unknown key(s) {extra}; allowed: {sorted(_CONCEPT_KEYS)}.")
    for key in _REQUIRED_TEXT:
        if not _text(concept.get(key)):
            raise CodebookError(f"{where}: missing '{key}' (a codebook entry needs a definition and inclusion and "
                                "exclusion notes, as text).")
    quality = concept.get("quality")
    if quality is not None and not (isinstance(quality, dict) and _text(quality.get("item"))
                                    and _text(quality.get("source"))):
        raise CodebookError(f"{where}: 'quality' must be a mapping with 'item' and 'source' (e.g. "
                            "{item: risks, source: DISCERN Q11}), got {quality!r}.")
    zones = tuple(_check_zones(concept["zones"], f"{where}: zones")) if "zones" in concept else counted
    rows = []
    for key, category in (("patterns", cid), ("exclude_patterns", _EXCLUDED)):
        terms = concept.get(key, [] if key == "exclude_patterns" else None)
        if not isinstance(terms, list) or (key == "patterns" and not terms):
            raise CodebookError(f"{where}: '{key}' must be a {'non-empty ' if key == 'patterns' else ''}list of "
                                "patterns such as [side effect*, adverse event*].")
        for term in terms:
            if not _text(term):
                raise CodebookError(f"{where}: {key} contains an empty or non-text pattern {term!r}.")
        lowered = [t.strip().lower() for t in terms]
        dupes = sorted({t for t in lowered if lowered.count(t) > 1})
        if dupes:
            raise CodebookError(f"{where}: pattern(s) {dupes} listed twice in {key}.")
        if lowered:
            _check_patterns(lowered, category, key, where)
        rows += [{"category": category, "term": term, "group": gid} for term in lowered]
    row = {
        "concept": cid, "label": str(concept.get("label") or cid),
        "definition": concept["definition"].strip(), "include": concept["include"].strip(),
        "exclude": concept["exclude"].strip(), "quality_item": quality is not None,
        "quality_label": quality["item"].strip() if quality else "",
        "quality_source": quality["source"].strip() if quality else "", "zones": zones,
    }
    return row, rows


def _check_patterns(terms: list[str], category: str, key: str, where: str) -> None:
    """Compile a concept's patterns with the shared matcher; on failure name the offending pattern."""
    try:
        Lexicon([{"category": category, "term": t} for t in terms], name="codebook")
    except LexiconError as exc:
        for term in terms:  # error path only: find which pattern the matcher rejects
            try:
                Lexicon([{"category": category, "term": term}], name="codebook")
            except LexiconError:
                raise CodebookError(f"{where}: bad pattern {term!r} in {key}: a pattern is words separated by "
                                    "spaces or hyphens, with '*' only at its end.") from None
        raise CodebookError(f"{where}: {key} rejected by the matcher ({exc}).") from exc


def _check_sentences(sentences) -> None:
    if isinstance(sentences, (str, bytes)):
        raise TypeError("expected the sentences table from analysis.segment(), got a string.")
    missing = {"doc_id", "sent", "start", "text", "zone", "n_words"} - set(getattr(sentences, "columns", []))
    if missing:
        raise ValueError(f"sentences table lacks column(s) {sorted(missing)}; pass the output of analysis.segment().")


def concept_mentions(sentences: pd.DataFrame, codebook: str | os.PathLike | Mapping | Codebook | None = None, *,
                     joined: JoinedTexts | None = None) -> pd.DataFrame:
    """The evidence table: every concept mention, with its sentence, zone and negation.

    Parameters
    ----------
    sentences : DataFrame
        From :func:`analysis.segment` (``doc_id, para, sent, start, zone, n_words, text``).
    codebook : path-like, mapping or Codebook, optional
        Default: the package codebook (see :func:`load_codebook`).
    joined : JoinedTexts, optional
        :func:`analysis.lexicon.join_texts` of ``sentences["text"]``, to share with
        :func:`analysis.stance.sentence_stance` on the same sentences (ValueError if it is of other texts).

    Returns
    -------
    DataFrame
        One row per (match, concept): ``doc_id, para, sent, zone, group, concept, term,
        matched, start, end, negated, negation_cue, counted, text``. ``start``/``end`` are
        character offsets into the article text; ``text`` is the whole sentence;
        ``counted`` is True when the sentence's zone counts for that concept;
        ``negated`` comes from :func:`analysis.negation.negation_cue` on the sentence.
        Exclusion spans are dropped. Sorted by ``doc_id``, ``start`` and codebook order.

    Examples
    --------
    >>> import pandas as pd
    >>> from analysis import segment
    >>> s = segment(pd.DataFrame({"doc_id": ["a"], "text": ["It is not FDA-approved for PTSD."]}))
    >>> concept_mentions(s)[["concept", "matched", "negated"]].values.tolist()
    [['regulatory_status', 'FDA-approved', True]]
    """
    _check_sentences(sentences)
    cb = load_codebook(codebook)
    texts = sentences["text"].tolist()
    if joined is not None:
        _check_joined(joined, texts)
    joined = join_texts(texts) if joined is None else joined
    found = cb.lexicon._match_texts(texts, probes=_cue_words(), joined=joined)
    row = np.flatnonzero(found.category != _EXCLUDED)
    code = pd.Index(cb.concepts["concept"]).get_indexer(found.category[row])  # codebook order
    sent_start = sentences["start"].to_numpy(dtype=np.int64)
    doc_id = sentences["doc_id"].astype(str).to_numpy()
    doc_rank = pd.factorize(doc_id, sort=True)[0]
    text_id = found.text_id[row]
    order = _sort_order(doc_rank[text_id], sent_start[text_id] + found.start[row], code)
    row, code = row[order], code[order]  # by doc_id, start, codebook order
    text_id, start = found.text_id[row], found.start[row]
    zone = sentences["zone"].to_numpy()[text_id]
    negated, cue = _negation_cues(texts, joined.starts, text_id, start, found)
    table = pd.DataFrame({
        "doc_id": doc_id[text_id], "para": sentences["para"].to_numpy()[text_id] if "para" in sentences else -1,
        "sent": sentences["sent"].to_numpy()[text_id], "zone": zone,
        "group": cb.concepts["group"].to_numpy()[code], "concept": found.category[row], "term": found.term[row],
        "matched": found.matched[row], "start": sent_start[text_id] + start,
        "end": sent_start[text_id] + found.end[row], "negated": negated, "negation_cue": cue,
        "counted": _counted(cb, code, zone), "text": np.array(texts, dtype=object)[text_id],
    }, columns=MENTION_COLUMNS)
    return table.astype({"doc_id": str, "para": "int64", "sent": "int64", "zone": str, "group": str, "concept": str,
                         "term": str, "matched": str, "start": "int64", "end": "int64", "negated": bool,
                         "negation_cue": str, "counted": bool, "text": str})


def _counted(cb: Codebook, code: np.ndarray, zone: np.ndarray) -> np.ndarray:
    """Whether each mention (concept code, zone) lies in a zone that counts for its concept."""
    zone_code, zones = pd.factorize(zone)
    allowed = np.array([[z in counted for z in zones] for counted in cb.concepts["zones"]], dtype=bool)
    return allowed.reshape(len(cb.concepts), len(zones))[code, zone_code]


def _negation_cues(texts: list[str], base: np.ndarray, text_id: np.ndarray, start: np.ndarray,
                   found: TextMatches) -> tuple[np.ndarray, np.ndarray]:
    """``negated`` and the cue (``""`` if none) of each match, by :func:`analysis.negation.negation_cues`,
    run only where a cue could be in reach.

    The rule looks at most ``_NEG_WINDOW_CHARS`` characters back within the sentence and needs
    a cue word there; a match with none of the :func:`_cue_words` wholly in that stretch (found
    by the lexicon scan, as ``found``'s probes) cannot be negated. ``base``: each text's offset in
    the joined scan (:attr:`analysis.lexicon.JoinedTexts.starts`).
    """
    negated = np.zeros(len(start), dtype=bool)
    cue = np.full(len(start), "", dtype=object)
    near = np.flatnonzero(_cue_in_reach(base, text_id, start, found))
    cue[near] = negation_cues(texts, text_id[near], start[near])
    negated[near] = cue[near] != ""
    return negated, cue


def _cue_in_reach(base: np.ndarray, text_id: np.ndarray, start: np.ndarray, found: TextMatches) -> np.ndarray:
    """Whether a probe occurrence lies wholly within the ``_NEG_WINDOW_CHARS`` characters before each
    match in its text (always True in texts the scan did not probe); ``base``: each text's offset in
    the joined scan, so one sorted array serves all texts."""
    near = found.unprobed[text_id]
    if len(found.probe_start):
        # probes by end, with the latest start among those ending earlier
        probe_end = base[found.probe_text] + found.probe_end
        by_end = np.argsort(probe_end, kind="stable")
        latest_start = np.maximum.accumulate((base[found.probe_text] + found.probe_start)[by_end])
        i = np.searchsorted(probe_end[by_end], base[text_id] + start, side="right") - 1
        window_start = base[text_id] + np.maximum(start - _NEG_WINDOW_CHARS, 0)
        near = near | ((i >= 0) & (latest_start[np.maximum(i, 0)] >= window_start))
    return near


@lru_cache(maxsize=None)
def _cue_words() -> tuple[str, ...]:
    """Strings at least one of which occurs in any negation cue word (``'`` also finds ``’``)."""
    single, multi = load_negation_cues()
    words = set(single) | {phrase[0] for phrase, kind in multi if kind == "negation"}
    words = {w.replace("’", "'") for w in words}
    return tuple(sorted(w for w in words if not any(o != w and o in w for o in words)))


def scan_request(codebook: str | os.PathLike | Mapping | Codebook | None = None) -> tuple[Lexicon, tuple[str, ...]]:
    """What :func:`concept_mentions` scans sentences for (the codebook's terms, probing for negation cue
    words), as a request for :func:`analysis.lexicon.scan_together`."""
    return load_codebook(codebook).lexicon, _cue_words()


def concept_coverage(sentences: pd.DataFrame, codebook: str | os.PathLike | Mapping | Codebook | None = None, *,
                     mentions: pd.DataFrame | None = None) -> pd.DataFrame:
    """Article × concept coverage: counted mentions, rate per 1,000 words, presence.

    Parameters
    ----------
    sentences : DataFrame
        From :func:`analysis.segment`; every article in it gets a row per concept,
        including articles that mention nothing.
    codebook : path-like, mapping or Codebook, optional
        Default: the package codebook.
    mentions : DataFrame, optional
        The :func:`concept_mentions` table for the same sentences and codebook (saves
        matching twice).

    Returns
    -------
    DataFrame
        One row per (``doc_id``, concept) in codebook order: ``doc_id, group, group_label,
        concept, label, quality_item, quality_label, quality_source, mentions,
        negated_mentions, sentences, n_words, mentions_per_1k_words, present``.
        ``mentions`` counts matches in counted zones (negated ones included);
        ``negated_mentions`` how many of them are negated; ``sentences`` how many
        sentences carry at least one; ``n_words`` is the article's word count (all zones,
        :func:`analysis.tokens.count_words`); ``mentions_per_1k_words`` = 1000 ×
        mentions / n_words (higher = mentioned more often); ``present`` = mentions > 0.
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
    """Article × concept group: how many of a group's concepts each article covers.

    Parameters
    ----------
    coverage : DataFrame
        From :func:`concept_coverage`.

    Returns
    -------
    DataFrame
        ``doc_id, group, group_label, concepts, concepts_present, share_present, mentions,
        mentions_per_1k_words``; ``share_present`` = concepts_present / concepts (0–1,
        higher = broader coverage of the group), groups in codebook order.
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
    """The information-quality items (DISCERN / HealthNewsReview) each article covers or omits.

    Parameters
    ----------
    coverage : DataFrame
        From :func:`concept_coverage`.

    Returns
    -------
    DataFrame
        One row per (``doc_id``, quality item) in codebook order: ``doc_id, concept,
        quality_label, quality_source, mentions, negated_mentions, covered, omitted``.
        ``covered`` = at least one counted mention; ``omitted`` is its negation.
    """
    table = coverage[coverage["quality_item"]]
    out = table[["doc_id", "concept", "quality_label", "quality_source", "mentions", "negated_mentions"]].copy()
    out["covered"] = table["present"].to_numpy()
    out["omitted"] = ~out["covered"]
    return out.reset_index(drop=True)


def cooccurrence(mentions: pd.DataFrame, codebook: str | os.PathLike | Mapping | Codebook | None = None, *,
                 unit: str = "sent", counted_only: bool = True) -> pd.DataFrame:
    """How often two concepts are mentioned in the same sentence (or paragraph, or article).

    Parameters
    ----------
    mentions : DataFrame
        From :func:`concept_mentions`.
    codebook : path-like, mapping or Codebook, optional
        Gives the concept order (default: the package codebook).
    unit : {"sent", "para", "doc"}
        The co-occurrence window.
    counted_only : bool
        Use only mentions in counted zones (default True, as for coverage).

    Returns
    -------
    DataFrame
        One row per unordered concept pair including the diagonal, in codebook order:
        ``concept_a, concept_b, label_a, label_b, units, docs``. ``units`` is the number of units (sentences,
        paragraphs or articles) that mention both (on the diagonal: that mention the
        concept); ``docs`` the number of articles with at least one such unit.
    """
    if unit not in ("sent", "para", "doc"):
        raise ValueError(f"unit must be 'sent', 'para' or 'doc', got {unit!r}.")
    cb = load_codebook(codebook)
    table = mentions[mentions["counted"]] if counted_only else mentions
    keys = ["doc_id"] if unit == "doc" else ["doc_id", unit]
    sets = table.groupby(keys, sort=True)["concept"].agg(lambda c: frozenset(c))
    order = list(cb.concepts["concept"])
    units = {pair: 0 for pair in combinations_with_replacement(order, 2)}
    docs: dict[tuple[str, str], set] = {pair: set() for pair in units}
    position = {c: i for i, c in enumerate(order)}
    for key, concepts in sets.items():
        doc = key[0] if isinstance(key, tuple) else key
        present = sorted((c for c in concepts if c in position), key=position.get)
        for i, a in enumerate(present):
            for b in present[i:]:
                units[(a, b)] += 1
                docs[(a, b)].add(doc)
    label = dict(zip(cb.concepts["concept"], cb.concepts["label"]))
    return pd.DataFrame([(a, b, label[a], label[b], n, len(docs[(a, b)])) for (a, b), n in units.items()],
                        columns=["concept_a", "concept_b", "label_a", "label_b", "units", "docs"])
