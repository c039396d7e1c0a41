"""Hedging, boosting and promotion: how certainly each sentence and article states its claims.

Markers come from a lexicon (default ``data/lexicons/stance.csv``: ``hedge, booster, can, promotion, caveat, cta``;
sources per row and in ``data/lexicons/README.md``), found as :mod:`analysis.lexicon` says, then read in context:
"May" the month (capitalised inside a sentence, or before a number) is no hedge; under negation
(:func:`analysis.negation.negation_cue`) a booster is a hedge ("not proven"), a promotion a caveat ("not a
miracle"), a risk promotion ("no side effects", "not addictive"), a *can* or call to action not counted, a hedge
still a hedge. "Can" is a tier between direct causal wording and hedges (Adams et al. 2017). Markers in
disclaimers, calls to action and navigation (``zone`` of :func:`analysis.segment`) are counted apart. The shares
of hedged / boosted / unqualified claims count **claim sentences**: body or heading sentences asserting an effect
of an intervention (:mod:`analysis.claims`). Sentence ``certainty`` (1 = very uncertain ... 6 = very certain,
Pei & Jurgens 2021; higher = more certain) is the linear model of :mod:`analysis.certainty` over these markers.
Why stance is never computed on stop-listed text: docs/measures.md#stance-markers-and-negation.
"""
from __future__ import annotations

import os
import re
from functools import lru_cache
from pathlib import Path
from typing import Iterable

import numpy as np
import pandas as pd

from .certainty import FEATURES, certainty_features, certainty_from_features, load_weights, sentence_features
from .claims import load_cues
from .intervals import bootstrap_intervals
from .lexicon import LEXICON_DIR, Lexicon, load_lexicon
from .negation import load_negation_cues, negation_cues
from .repeats import distinct_texts, rows_per_text
from .stance_rules import apply_rules
from .tokens import count_words, text_list

__all__ = [
    "CATEGORIES", "CLAIM_ZONES", "score_sentences", "score_articles", "article_scores", "find_markers", "sentence_stance",
    "sentence_features", "FEATURES", "load_stance_lexicon", "load_weights", "certainty_from_features",
    "text_markers",
]

#: lexicon category -> count column (rate columns append ``_per_1k_words``)
CATEGORIES = {"hedge": "hedges", "booster": "boosters", "can": "can", "promotion": "promotion",
              "caveat": "caveats", "cta": "calls_to_action", "approximator": "approximators"}
#: zones whose sentences make the article's claims; markers elsewhere are counted apart
CLAIM_ZONES = ("body", "heading")
MARKER_COLUMNS = ["doc_id", "sent", "term", "matched", "category", "subtype", "counted_as", "level", "start", "end",
                  "negated", "cue", "counted", "rule", "zone"]

# what negation turns a marker into (None: not counted)
_NEGATED_AS = {"hedge": "hedge", "booster": "hedge", "promotion": "caveat", "caveat": "promotion",
               "can": None, "cta": None}
_CUE = "_negation_cue"  # negation cues, matched with the markers so that a cue phrase ("free of") is no marker ("free")
_MONTH_NEXT = re.compile(r"\s*(?:\d|of\b)")
_BOOT_COLUMNS = ("hedges", "boosters", "can", "promotion")  # rates with bootstrap intervals


# ----------------------------------------------------------------------------- lexicons
def load_stance_lexicon(lexicon: str | os.PathLike | Lexicon | None = None) -> Lexicon:
    """The stance lexicon: bundled ``stance`` by default, or a name, ``.csv``/``.dic`` path, or a Lexicon.

    Categories beyond :data:`CATEGORIES` (e.g. LIWC's ``tentat``) are counted under their own name, not in certainty.
    """
    if isinstance(lexicon, Lexicon):
        return lexicon
    path = Path(LEXICON_DIR / "stance.csv" if lexicon is None else lexicon)
    stamp = path.stat().st_mtime_ns if path.exists() else None
    return _load_cached(str(lexicon if lexicon is not None else "stance"), stamp)


@lru_cache(maxsize=8)
def _load_cached(source: str, stamp) -> Lexicon:
    """Load once per file version (``stamp`` = modification time), so repeated calls reuse the compiled matcher."""
    return load_lexicon(source)


@lru_cache(maxsize=8)
def _compiled(lexicon: Lexicon) -> tuple[Lexicon, dict]:
    """Stance terms + negation cues in one matcher (claim cues apart: "safe and effective" hides no "effective")."""
    stance = lexicon.entries.copy()
    if "subtype" not in stance:
        stance["subtype"] = ""
    stance["subtype"] = stance["subtype"].fillna("").astype(str).replace("nan", "")
    single, multi = load_negation_cues()
    cues = sorted(single | {" ".join(p) for p, _ in multi})
    cue_rows = pd.DataFrame({"category": _CUE, "term": cues, "weight": 1.0})
    table = pd.concat([stance, cue_rows], ignore_index=True)
    subtypes = {(c, t): s for c, t, s in zip(stance["category"], stance["term"], stance["subtype"])}
    return Lexicon(table[["category", "term", "weight"]], name=f"{lexicon.name} + negation cues"), subtypes


# ----------------------------------------------------------------------------- scanning
def _scan(texts: list[str], lexicon: Lexicon, n_words: np.ndarray | None = None, prefilter: bool = True
          ) -> tuple[pd.DataFrame, np.ndarray]:
    """Every marker of every text in context (offsets into each text), and each text's word count and claim flag.

    ``n_words``: the texts' word counts if known (counted otherwise); ``prefilter``: as in ``apply_rules``.
    """
    matcher, subtypes = _compiled(lexicon)
    found = matcher.find(texts, matched=False)
    n = len(texts)
    category = found["category"].to_numpy(dtype=object)
    text_id = found["text"].to_numpy()
    claim_cues = load_cues().find(texts, matched=False)
    cues = pd.DataFrame({"text_id": claim_cues["text"].to_numpy(), "start": claim_cues["start"].to_numpy(),
                         "end": claim_cues["end"].to_numpy(), "kind": claim_cues["category"].to_numpy(dtype=object)})
    markers = found[category != _CUE]
    markers = markers.rename(columns={"text": "text_id"}).reset_index(drop=True)
    tid, mstart, mend = markers["text_id"].to_numpy(), markers["start"].to_numpy(), markers["end"].to_numpy()
    markers.insert(3, "matched", np.array([texts[t][a:b] for t, a, b in zip(tid.tolist(), mstart.tolist(),
                                                                            mend.tolist())], dtype=object))
    cue = negation_cues(texts, tid, mstart)
    negated = cue != ""
    month = _may_the_month(texts, tid, mstart, mend, markers["matched"].to_numpy() == "May")
    category = markers["category"].to_numpy(dtype=object)
    subtype = np.array([subtypes.get(key, "") for key in zip(category.tolist(), markers["term"].tolist())],
                       dtype=object)
    # what a negated marker counts as ("" = not counted); only a named risk flips ("no side effects"),
    # "never disregard medical advice" stays a caveat
    flipped = np.array(["caveat" if c == "caveat" and s != "risk" else _NEGATED_AS.get(c) or ""
                        for c, s in zip(category.tolist(), subtype.tolist())], dtype=object)
    counted = ~month & (~negated | (flipped != ""))
    markers = markers.assign(
        subtype=subtype, negated=negated, cue=cue,
        counted_as=np.where(counted, np.where(negated, flipped, category), ""), counted=counted,
        rule=np.select([month, negated & counted, negated], ["may-month", "negated", "negated-not-counted"], ""))
    markers, claim = apply_rules(texts, markers, cues, prefilter=prefilter)
    if n_words is None:
        n_words = np.fromiter(map(count_words, texts), dtype=np.int64, count=n)
    return markers, np.stack([n_words, claim.astype(np.int64)], axis=1) if n else np.zeros((0, 2), dtype=np.int64)


def _score_each_distinct(texts: list[str], lexicon: Lexicon, weights: pd.Series, n_words: np.ndarray | None = None,
                         prefilter: bool = True) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``(markers, scores per text)`` of :func:`_scan` and :func:`_aggregate`, each distinct text scanned once."""
    distinct, code, first = distinct_texts(texts)
    markers, info = _scan(distinct, lexicon, None if n_words is None else n_words[first], prefilter)
    scores = _aggregate(markers, info, lexicon, weights)
    if len(distinct) == len(texts):
        return markers, scores
    return rows_per_text(markers, "text_id", code), scores.iloc[code].reset_index(drop=True)


def _may_the_month(texts: list[str], tid: np.ndarray, mstart: np.ndarray, mend: np.ndarray,
                   may: np.ndarray) -> np.ndarray:
    """Which "May" markers are the month: capitalised inside a sentence, or followed by a number."""
    month = np.zeros(len(tid), dtype=bool)
    for j in np.flatnonzero(may).tolist():
        text, s0 = texts[tid[j]], int(mstart[j])
        month[j] = bool(text[:s0].strip(" \t\n\"'“‘([*•-")) or bool(_MONTH_NEXT.match(text, int(mend[j])))
    return month


def _aggregate(markers: pd.DataFrame, info: np.ndarray, lexicon: Lexicon, weights: pd.Series) -> pd.DataFrame:
    """One row per text of :func:`_scan`'s ``info``: counts per category, claim flag, certainty."""
    n = len(info)
    out = pd.DataFrame({"n_words": info[:, 0], "claim": info[:, 1].astype(bool)})
    counted = markers["counted"].to_numpy(dtype=bool)
    ids = markers["text_id"].to_numpy()[counted]
    w = markers["weight"].to_numpy(dtype=float)[counted]
    counted_as = markers["counted_as"].to_numpy(dtype=object)[counted]
    cats = list(dict.fromkeys(list(CATEGORIES) + [c for c in lexicon.categories if c not in CATEGORIES]))
    for cat in cats:
        mask = counted_as == cat
        out[CATEGORIES.get(cat, cat)] = np.bincount(ids[mask], weights=w[mask], minlength=n) if n else []
    level = markers["level"].to_numpy(dtype=np.int64)[counted]
    out["strong_hype"] = np.bincount(ids[level == 2], minlength=n)[:n].astype(float) if n else []
    disclaimer = (counted_as == "caveat") & (markers["subtype"].to_numpy(dtype=object)[counted] == "disclaimer")
    out["disclaimers"] = np.bincount(ids[disclaimer], minlength=n)[:n].astype(float) if n else []
    negated = markers["negated"].to_numpy(dtype=bool)
    out["negated"] = np.bincount(markers["text_id"].to_numpy()[negated], minlength=n) if n else []
    out["certainty"] = certainty_from_features(certainty_features(markers, n), weights)
    return out


# ----------------------------------------------------------------------------- public API
def text_markers(texts: Iterable[str], lexicon=None) -> tuple[list[str], pd.DataFrame]:
    """Every marker of each text as the scanner leaves it: ``(texts, markers)``, input of :mod:`analysis.certainty`.

    ``texts`` have runs of whitespace made one space (offsets refer to them); ``markers`` has ``text_id``, ``weight``
    (the lexicon's) and the columns of :func:`find_markers` that need no segment table.
    """
    lex = load_stance_lexicon(lexicon)
    texts = [" ".join(t.split()) for t in text_list(texts)]
    return texts, _scan(texts, lex)[0]


def score_sentences(texts: Iterable[str], lexicon=None, weights: pd.Series | str | os.PathLike | None = None
                    ) -> pd.DataFrame:
    """Stance of each text (runs of whitespace count as one space): marker counts and a certainty score.

    ``lexicon``: as in :func:`load_stance_lexicon`; ``weights``: certainty weights, a Series or a path (default
    ``data/stance_weights.csv``).

    Returns
    -------
    DataFrame
        One row per text, in order: ``n_words``, ``claim`` (names a treatment and an effect), counts ``hedges,
        boosters, can, promotion, caveats, calls_to_action`` (after the context rules), ``negated`` (markers under
        negation) and ``certainty`` (predicted human rating, 1 = very uncertain ... 6 = very certain, Pei & Jurgens
        2021 scale; higher = stated more certainly).
    """
    lex = load_stance_lexicon(lexicon)
    weights = weights if isinstance(weights, pd.Series) else load_weights(weights)
    texts = [" ".join(t.split()) for t in text_list(texts)]
    return _score_each_distinct(texts, lex, weights)[1]


def find_markers(sentences: pd.DataFrame, lexicon=None) -> pd.DataFrame:
    """The evidence trail: every marker of a :func:`analysis.segment` table, one row each.

    Columns: ``doc_id, sent, term`` (lexicon entry), ``matched`` (the words on the page), ``category``, ``subtype``,
    ``counted_as`` (after context rules; empty when not counted), ``start, end`` (offsets into the article text),
    ``negated``, ``cue`` (the negation cue), ``counted``, ``rule`` (``may-month``, ``negated``...), ``zone``.
    """
    lex = load_stance_lexicon(lexicon)
    markers, _ = _scan(sentences["text"].to_numpy(dtype=object).tolist(), lex, n_words=_segment_words(sentences))
    return _markers_table(markers, sentences)


def _segment_words(sentences: pd.DataFrame) -> np.ndarray | None:
    """The ``n_words`` column of a segment table (counted as :func:`analysis.tokens.count_words` does), or None."""
    return sentences["n_words"].to_numpy(dtype=np.int64) if "n_words" in sentences else None


def _markers_table(markers: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """The markers with their sentence's keys and article offsets, sorted (stably) by sentence and start."""
    markers = markers.iloc[np.lexsort((markers["start"].to_numpy(), markers["text_id"].to_numpy()))]
    idx = markers["text_id"].to_numpy()
    out = markers.assign(
        doc_id=sentences["doc_id"].to_numpy()[idx].astype(str) if len(idx) else [],
        sent=sentences["sent"].to_numpy()[idx] if len(idx) else [],
        zone=sentences["zone"].to_numpy()[idx] if len(idx) else [],
        start=markers["start"].to_numpy() + (sentences["start"].to_numpy()[idx] if len(idx) else 0),
        end=markers["end"].to_numpy() + (sentences["start"].to_numpy()[idx] if len(idx) else 0),
    )
    out = out[MARKER_COLUMNS].reset_index(drop=True)
    return out.astype({"doc_id": str, "sent": "int64", "start": "int64", "end": "int64",
                       "negated": bool, "counted": bool})


def sentence_stance(sentences: pd.DataFrame, lexicon=None, weights=None, *, prefilter: bool = True
                    ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Score a segmented corpus: ``(sentences + the columns of score_sentences, markers as in find_markers)``.

    ``n_words`` is the table's own when it has one. ``prefilter=False`` tries every context rule on every sentence
    (slow; the same result: :mod:`analysis.stance_rules`).
    """
    lex = load_stance_lexicon(lexicon)
    weights = weights if isinstance(weights, pd.Series) else load_weights(weights)
    texts = sentences["text"].to_numpy(dtype=object).tolist()
    markers, scores = _score_each_distinct(texts, lex, weights, _segment_words(sentences), prefilter)
    table = sentences.reset_index(drop=True).drop(columns=[c for c in scores if c in sentences])
    table = pd.concat([table, scores], axis=1)
    table["claim"] = table["claim"] & table["zone"].isin(CLAIM_ZONES)
    return table, _markers_table(markers, sentences.reset_index(drop=True))


def score_articles(articles: pd.DataFrame, sentences: pd.DataFrame | None = None, lexicon=None, weights=None,
                   n_boot: int = 2000, random_state: int | None = 0, *, seed_per_article: bool = False
                   ) -> pd.DataFrame:
    """One row per article: stance rates, shares of qualified claims, certainty index with a 95% CI.

    Parameters
    ----------
    articles, sentences : DataFrame
        From :func:`analysis.load_corpus`, and its :func:`analysis.segment` table (computed when not given).
    n_boot, random_state : int
        Bootstrap resamples of sentences within each article, and their seed; ``n_boot=0`` makes the ``_ci_``
        columns NaN and changes nothing else.
    seed_per_article : bool
        False: one generator draws all articles' resamples in turn (an interval depends on the articles before
        it). True: a generator per article, seeded with ``random_state`` and its ``doc_id`` (used by
        :func:`analysis.batch.score_corpus` to score in chunks).

    Returns
    -------
    DataFrame
        Keyed on ``doc_id``: ``n_words`` (all words, as in notebook 01), ``n_words_text`` (body and heading words,
        the rates' denominator), ``<category>_per_1k_words`` (markers in body and heading sentences per 1,000 of
        their words; percentile-bootstrap 95% ``_ci_low``/``_ci_high`` for hedges, boosters, can, promotion),
        ``<category>_outside_text`` (disclaimers, calls to action, navigation), ``n_claims``,
        ``share_claims_hedged`` / ``_boosted`` / ``_can`` / ``_unqualified`` (fractions 0–1 summing to 1: any hedge; a
        booster, no hedge; "can" only; none), ``certainty_index`` (mean certainty of the claim sentences, or of the
        body sentences of an article without claims; 1–6, higher = more certain) with ``certainty_ci_low``/``_high``.
    """
    from .segment import segment

    if isinstance(articles, (str, bytes)):
        raise TypeError("score_articles() expects the articles table from load_corpus(), got a string.")
    sentences = segment(articles) if sentences is None else sentences
    table, _ = sentence_stance(sentences, lexicon, weights)
    return article_scores([str(d) for d in articles["doc_id"]], table, lexicon, n_boot, random_state,
                          seed_per_article)


def article_scores(doc_ids: list[str], table: pd.DataFrame, lexicon=None, n_boot: int = 2000,
                   random_state: int | None = 0, seed_per_article: bool = False) -> pd.DataFrame:
    """:func:`score_articles` (one row per ``doc_ids`` entry) from a :func:`sentence_stance` table, which the
    batch runner scores once and reuses. Intervals: :func:`analysis.intervals.bootstrap_intervals`."""
    if int(n_boot) != n_boot or n_boot < 0:
        raise ValueError(f"n_boot must be a whole number ≥ 0 (0: no confidence intervals), got {n_boot!r}.")
    n_boot = int(n_boot)
    count_cols = [c for c in table.columns if c in set(CATEGORIES.values()) or c in
                  set(load_stance_lexicon(lexicon).categories)]
    boot_cols = [c for c in _BOOT_COLUMNS if c in count_cols]
    keys = pd.Index(list(dict.fromkeys(doc_ids)))
    group = keys.get_indexer(doc_ids)  # requested article -> the rows of its doc_id
    code = keys.get_indexer(table["doc_id"]) if len(table) else np.zeros(0, dtype=np.int64)
    in_text = table["zone"].isin(CLAIM_ZONES).to_numpy()
    claim = table["claim"].to_numpy(dtype=bool) & in_text
    text, other, claims = (_rows_by_article(code, rows, len(keys)) for rows in (in_text, ~in_text, claim))
    n_text, n_claims = (np.array([len(r) for r in rows], dtype=np.int64) for rows in (text, claims))
    # the certainty index averages the claim sentences, or the text sentences of an article without claims
    no_claims = np.append(n_claims == 0, True)[code]
    averaged = _rows_by_article(code, claim | (in_text & no_claims), len(keys))
    columns = np.vstack([table[c].to_numpy(dtype=float) for c in ["n_words"] + count_cols])
    certainty = table["certainty"].to_numpy(dtype=float)
    rate_ci, certainty_ci = bootstrap_intervals(
        doc_ids, columns[0], columns[[1 + count_cols.index(c) for c in boot_cols]], [text[g] for g in group],
        certainty, [averaged[g] for g in group], n_boot, random_state, seed_per_article=seed_per_article)
    text_sums, other_sums = _sums(columns, text)[group], _sums(columns, other)[group]
    out = {"doc_id": list(doc_ids), "n_words": text_sums[:, 0] + other_sums[:, 0], "n_words_text": text_sums[:, 0],
           "n_sentences_text": n_text[group]}
    for k, col in enumerate(count_cols):
        out[f"{col}_per_1k_words"] = _ratio(1000 * text_sums[:, 1 + k], text_sums[:, 0])
    for col in _BOOT_COLUMNS:
        k = boot_cols.index(col) if col in boot_cols else None
        out[f"{col}_per_1k_words_ci_low"] = rate_ci[:, 0, k] if k is not None else np.nan
        out[f"{col}_per_1k_words_ci_high"] = rate_ci[:, 1, k] if k is not None else np.nan
    for k, col in enumerate(count_cols):
        out[f"{col}_outside_text"] = other_sums[:, 1 + k]
    out["n_claims"] = n_claims[group]
    hedged, boosted, can = (table[c].to_numpy() > 0 for c in ("hedges", "boosters", "can"))
    boosted &= ~hedged
    can &= ~hedged & ~boosted
    for name, mask in (("hedged", hedged), ("boosted", boosted), ("can", can),
                       ("unqualified", ~hedged & ~boosted & ~can)):
        flagged = np.bincount(code[claim & mask & (code >= 0)], minlength=len(keys))
        out[f"share_claims_{name}"] = _ratio(flagged, n_claims)[group]
    n_averaged = np.array([len(r) for r in averaged], dtype=np.int64)
    out["certainty_index"] = _ratio(_sums(certainty[None, :], averaged)[:, 0], n_averaged)[group]
    out["certainty_ci_low"], out["certainty_ci_high"] = certainty_ci[:, 0], certainty_ci[:, 1]
    counts = ("n_words", "n_words_text", "n_sentences_text", "n_claims")
    for col, values in out.items():  # every number rounded to 6 decimals; counts as integers
        if col != "doc_id":
            values = np.round(np.broadcast_to(np.asarray(values, dtype=float), (len(doc_ids),)), 6)
            out[col] = values.astype("int64") if col in counts else values
    return pd.DataFrame(out)


def _rows_by_article(code: np.ndarray, mask: np.ndarray, n_articles: int) -> list[np.ndarray]:
    """Each article's rows where ``mask`` holds, in table order (``code``: row's article, -1 = not asked for)."""
    rows = np.flatnonzero(mask & (code >= 0))
    rows = rows[np.argsort(code[rows], kind="stable")]
    return np.split(rows, np.cumsum(np.bincount(code[rows], minlength=n_articles))[:-1])


def _sums(columns: np.ndarray, rows: list[np.ndarray]) -> np.ndarray:
    """Articles × rows of ``columns``: each article's sum over its ``rows`` (0 when it has none)."""
    out = np.zeros((len(rows), len(columns)))
    for k, r in enumerate(rows):
        if len(r):
            out[k] = columns[:, r].sum(axis=1)
    return out


def _ratio(numerator: np.ndarray, denominator: np.ndarray) -> np.ndarray:
    """``numerator / denominator``, NaN where the denominator is 0."""
    return np.where(denominator != 0, numerator / np.where(denominator != 0, denominator, 1), np.nan)
