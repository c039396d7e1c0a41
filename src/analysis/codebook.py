"""The concept codebook: groups of concepts (definition, inclusion and exclusion notes, patterns in lexicon term
syntax, and for information-quality items the DISCERN or HealthNewsReview item), read and checked from YAML;
:mod:`analysis.concepts` measures coverage with it."""
from __future__ import annotations

import os
import re
from collections.abc import Mapping
from pathlib import Path

import pandas as pd
import yaml

from .lexicon import Lexicon, is_valid_term
from .paths import DATA_DIR
from .segment import ZONES

__all__ = ["CODEBOOK_PATH", "Codebook", "CodebookError", "load_codebook", "EXCLUDED"]

CODEBOOK_PATH = DATA_DIR / "codebook.yaml"
#: lexicon category of exclude_patterns (cannot clash: ids are lower_snake_case)
EXCLUDED = "~excluded"
_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_TOP_KEYS = {"name", "version", "counted_zones", "groups", "description"}
_GROUP_KEYS = {"id", "label", "concepts", "description"}
_CONCEPT_KEYS = {"id", "label", "definition", "include", "exclude", "quality", "zones", "patterns", "exclude_patterns"}
_REQUIRED_TEXT = ("definition", "include", "exclude")


class CodebookError(ValueError):
    """A codebook is malformed; the message names the file, the group/concept entry and the problem."""


class Codebook:
    """A validated concept codebook compiled into one lexicon (build one with :func:`load_codebook`).

    Attributes: ``concepts`` (one row per concept, in codebook order: ``group, group_label, concept, label,
    definition, include, exclude, quality_item, quality_label, quality_source, zones``), ``patterns``
    (``category, term, group``; category: the concept id, or :data:`EXCLUDED`), ``lexicon`` (the compiled
    patterns), ``counted_zones`` (default zones whose mentions count as coverage), ``name`` (its file)."""

    def __init__(self, concepts: pd.DataFrame, patterns: pd.DataFrame, counted_zones: tuple[str, ...], name: str):
        self.concepts = concepts.reset_index(drop=True)
        self.patterns = patterns.reset_index(drop=True)
        self.counted_zones = tuple(counted_zones)
        self.name = name
        self.lexicon = Lexicon(patterns[["category", "term"]], name=name)

    def __repr__(self) -> str:
        return (f"Codebook({self.name!r}, {self.concepts['group'].nunique()} groups, {len(self.concepts)} concepts, "
                f"{int(self.concepts['quality_item'].sum())} quality items)")


def load_codebook(path: str | os.PathLike | Mapping | Codebook | None = None) -> Codebook:
    """Load and validate a concept codebook: a YAML file (default: ``data/codebook.yaml``), a parsed mapping of
    the same shape, or a :class:`Codebook` (returned unchanged).

    Raises :class:`CodebookError` for an unreadable file, YAML syntax (with the line) or an invalid entry; the
    message names the file, the group/concept id and what is wrong."""
    if isinstance(path, Codebook):
        return path
    if isinstance(path, Mapping):
        return _build(dict(path), "<mapping>")
    file = Path(CODEBOOK_PATH if path is None else path)
    if not file.is_file():
        raise CodebookError(f"{file}: codebook file not found; "
                            "pass the path of a .yaml codebook or None for the default.")
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
    counted = _check_zones(data.get("counted_zones", ["body", "heading"]), f"{name}: counted_zones")
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
    return Codebook(concepts_table, patterns_table, counted, name)


def _check_zones(zones, where: str) -> tuple[str, ...]:
    if isinstance(zones, str) or not isinstance(zones, list) or not zones:
        raise CodebookError(f"{where}: must be a non-empty list of zones from {list(ZONES)}.")
    bad = [z for z in zones if z not in ZONES]
    if bad:
        raise CodebookError(f"{where}: unknown zone(s) {bad}; use zones from {list(ZONES)}.")
    return tuple(zones)


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
    zones = _check_zones(concept["zones"], f"{where}: zones") if "zones" in concept else counted
    rows = []
    for key, category in (("patterns", cid), ("exclude_patterns", EXCLUDED)):
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
        bad = [t for t in lowered if not is_valid_term(t)]
        if bad:
            raise CodebookError(f"{where}: bad pattern {bad[0]!r} in {key}: a pattern is words separated by "
                                "spaces or hyphens, with '*' only at its end.")
        rows += [{"category": category, "term": term, "group": gid} for term in lowered]
    row = {
        "concept": cid, "label": str(concept.get("label") or cid),
        "definition": concept["definition"].strip(), "include": concept["include"].strip(),
        "exclude": concept["exclude"].strip(), "quality_item": quality is not None,
        "quality_label": quality["item"].strip() if quality else "",
        "quality_source": quality["source"].strip() if quality else "", "zones": zones,
    }
    return row, rows

