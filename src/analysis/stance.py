"""Hedging, boosting and promotion: how certainly each sentence and article states its claims.

Markers come from a lexicon file (default ``data/lexicons/stance.csv``; categories
``hedge``, ``booster``, ``can``, ``promotion``, ``caveat``, ``cta``; sources cited per row
and in ``data/lexicons/README.md``) and are matched in context:

* whole words and multi-word terms, inflections listed or wildcarded (:mod:`analysis.lexicon`);
* "May" the month (capitalised *May* inside a sentence, or followed by a number) is not a hedge;
* negation (:func:`analysis.negation.negation_cue`, which handles *cannot*) changes a marker:
  a negated booster is a hedge ("not proven", "not always"), a negated promotion is a caveat
  ("not a miracle"), a negated risk is promotion ("no side effects", "not addictive"),
  a negated *can* or call to action is not counted; a negated hedge stays a hedge;
* "can" is its own tier, between direct causal wording and hedges (Adams et al. 2017);
* markers in disclaimers, calls to action and navigation (the ``zone`` column of
  :func:`analysis.segment`) are counted apart from markers in the text's claims;
* a **claim sentence** (a body or heading sentence naming a treatment and an effect, cues in
  ``data/lexicons/claims.csv``) is what the shares of hedged / boosted / unqualified claims count.

Stance is never computed on stop-listed text: scikit-learn's English stop list contains
*may, might, could, must, should, will, always, never, not, cannot*.

The sentence ``certainty`` score is a linear function of marker counts with one weight per
feature (``data/stance_weights.csv``, fitted on the train split of Pei & Jurgens 2021 by
``scripts/fit_stance_weights.py``): units are the human rating scale of that data set
(1 = very uncertain ... 6 = very certain); higher = stated more certainly.
"""
from __future__ import annotations

import os
import re
import zlib
from functools import lru_cache
from pathlib import Path
from typing import Iterable

import numpy as np
import pandas as pd

from .lexicon import LEXICON_DIR, Lexicon, load_lexicon
from .negation import load_negation_cues, negation_cue
from .paths import DATA_DIR
from .tokens import word_counts

__all__ = [
    "CATEGORIES", "CLAIM_ZONES", "score_sentences", "score_articles", "find_markers", "sentence_stance",
    "sentence_features", "FEATURES", "load_stance_lexicon", "load_weights", "certainty_from_features",
    "keyword_in_context", "annotate_sentences", "export_annotations", "highlight",
]

#: lexicon category -> count column (rate columns append ``_per_1k_words``)
CATEGORIES = {"hedge": "hedges", "booster": "boosters", "can": "can", "promotion": "promotion",
              "caveat": "caveats", "cta": "calls_to_action"}
#: zones whose sentences make the article's claims; markers elsewhere are counted apart
CLAIM_ZONES = ("body", "heading")
WEIGHTS_FILE = DATA_DIR / "stance_weights.csv"
MARKER_COLUMNS = ["doc_id", "sent", "term", "matched", "category", "subtype", "counted_as", "start", "end",
                  "negated", "cue", "counted", "rule", "zone"]

# what negation turns a marker into (None: not counted)
_NEGATED_AS = {"hedge": "hedge", "booster": "hedge", "promotion": "caveat", "caveat": "promotion",
               "can": None, "cta": None}
_CUE = "_negation_cue"          # negation cues scanned in the same pass, used as a prefilter
_CLAIM = {"treatment": "_claim_treatment", "effect": "_claim_effect"}
_NEG_WINDOW_CHARS = 80          # negation_cue looks at most this far back
_SEP = "\x00"                   # joins texts for one scan; neither a word nor a space
_MONTH_NEXT = re.compile(r"\s*(?:\d|of\b)")


# ----------------------------------------------------------------------------- lexicons
def load_stance_lexicon(lexicon: str | os.PathLike | Lexicon | None = None) -> Lexicon:
    """The stance lexicon: bundled ``stance`` by default, or a name, ``.csv``/``.dic`` path, or a Lexicon.

    Categories beyond :data:`CATEGORIES` (e.g. LIWC's ``tentat``) are kept and counted
    under their own name; only the known ones enter the certainty score.
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
    """Stance terms + claim cues + negation cues in one matcher (one scan per text)."""
    stance = lexicon.entries.copy()
    if "subtype" not in stance:
        stance["subtype"] = ""
    stance["subtype"] = stance["subtype"].fillna("").astype(str).replace("nan", "")
    claims = load_lexicon(LEXICON_DIR / "claims.csv").entries.copy()
    claims["category"] = claims["category"].map(_CLAIM)
    single, multi = load_negation_cues()
    cues = sorted(single | {" ".join(p) for p, _ in multi})
    cue_rows = pd.DataFrame({"category": _CUE, "term": cues, "weight": 1.0})
    table = pd.concat([stance, claims, cue_rows], ignore_index=True)
    subtypes = {(c, t): s for c, t, s in zip(stance["category"], stance["term"], stance["subtype"])}
    return Lexicon(table[["category", "term", "weight"]], name=f"{lexicon.name} + claim and negation cues"), subtypes


def load_weights(path: str | os.PathLike | None = None) -> pd.Series:
    """Certainty weights (``feature,weight``; the ``intercept`` row included) as a Series.

    Raises
    ------
    ValueError
        Naming the file and line of a missing column or a non-numeric weight.
    """
    file = Path(path) if path else WEIGHTS_FILE
    return _weights_cached(str(file), file.stat().st_mtime_ns if file.exists() else None).copy()


@lru_cache(maxsize=8)
def _weights_cached(path: str, stamp) -> pd.Series:
    file = Path(path)
    table = pd.read_csv(file, dtype=str, keep_default_na=False, comment="#")
    if not {"feature", "weight"} <= set(table.columns):
        raise ValueError(f"{file}: expected columns feature,weight[,note]; got {list(table.columns)}.")
    values = pd.to_numeric(table["weight"], errors="coerce")
    if values.isna().any():
        line = int(values.isna().to_numpy().argmax()) + 2
        raise ValueError(f"{file}, line {line}: weight {table['weight'].iloc[line - 2]!r} is not a number.")
    return pd.Series(values.to_numpy(), index=table["feature"], name="weight")


# ----------------------------------------------------------------------------- scanning
def _check_texts(texts) -> list[str]:
    if isinstance(texts, (str, bytes)):
        raise ValueError("Iterable over raw text documents expected, string object received.")
    texts = list(texts)
    bad = next((i for i, t in enumerate(texts) if not isinstance(t, str)), None)
    if bad is not None:
        raise TypeError(f"text {bad} is {type(texts[bad]).__name__}, not str.")
    return texts


def _scan(texts: list[str], lexicon: Lexicon) -> tuple[pd.DataFrame, np.ndarray]:
    """Every marker of every text, in context. Offsets are into each text.

    All texts are joined and scanned once; per-match work is a dictionary look-up, the
    rest is vectorised (the NegEx rule runs only where a negation cue is within reach).
    """
    matcher, subtypes = _compiled(lexicon)
    lengths = np.fromiter((len(t) for t in texts), dtype=np.int64, count=len(texts))
    starts = np.concatenate([[0], np.cumsum(lengths + 1)[:-1]]).astype(np.int64) if len(texts) else lengths
    joined = _SEP.join(texts)
    n_words = np.array(word_counts(joined, list(zip(starts.tolist(), (starts + lengths).tolist()))), dtype=np.int64)
    span_start, span_end, ids, distinct = matcher._span_ids(joined)
    # distinct spans -> their lexicon entries (a span may belong to several categories)
    entry_span, entry_cat, entry_term, entry_weight, entry_text = [], [], [], [], []
    for k, text in enumerate(distinct):
        for category, term, weight in matcher.entries_for(text):
            entry_span.append(k), entry_cat.append(category), entry_term.append(term)
            entry_weight.append(weight), entry_text.append(text)
    entry_span = np.array(entry_span, dtype=np.int64)
    n_entries = np.bincount(entry_span, minlength=len(distinct))
    first_entry = np.concatenate([[0], np.cumsum(n_entries)[:-1]]) if len(distinct) else n_entries
    # expand matches to one row per (match, entry)
    per_match = n_entries[ids] if len(ids) else np.zeros(0, dtype=np.int64)
    match_idx = np.repeat(np.arange(len(ids)), per_match)
    offset_in = np.arange(len(match_idx)) - np.repeat(np.cumsum(per_match) - per_match, per_match)
    entry = first_entry[ids][match_idx] + offset_in if len(match_idx) else np.zeros(0, dtype=np.int64)
    pos, end = span_start[match_idx], span_end[match_idx]
    cat = np.array(entry_cat, dtype=object)[entry] if len(entry) else np.zeros(0, dtype=object)
    text_id = np.searchsorted(starts, pos, side="right") - 1
    start, stop = pos - starts[text_id], end - starts[text_id]
    is_cue = cat == _CUE
    is_claim = (cat == _CLAIM["treatment"]) | (cat == _CLAIM["effect"])
    n = len(texts)
    claim = ((np.bincount(text_id[cat == _CLAIM["treatment"]], minlength=n) > 0)
             & (np.bincount(text_id[cat == _CLAIM["effect"]], minlength=n) > 0))[:n]
    keep = ~is_cue & ~is_claim
    entry_k = entry[keep]
    markers = pd.DataFrame({
        "text_id": text_id[keep], "start": start[keep], "end": stop[keep],
        "matched": np.array(entry_text, dtype=object)[entry_k] if len(entry_k) else np.zeros(0, dtype=object),
        "category": cat[keep], "term": np.array(entry_term, dtype=object)[entry_k] if len(entry_k) else [],
        "weight": np.array(entry_weight, dtype=float)[entry_k] if len(entry_k) else np.zeros(0),
        "subtype": np.array([subtypes.get(k, "") for k in zip(entry_cat, entry_term)], dtype=object)[entry_k]
        if len(entry_k) else np.zeros(0, dtype=object),
    })
    # negation: the NegEx rule runs only for markers with a cue within reach in the same text
    negated = np.zeros(len(markers), dtype=bool)
    cue_word = np.full(len(markers), "", dtype=object)
    cue_key = np.sort(text_id[is_cue] * (1 << 40) + stop[is_cue])
    if len(markers) and len(cue_key):
        tid, mstart = markers["text_id"].to_numpy(), markers["start"].to_numpy()
        mkey = tid * (1 << 40) + mstart
        i = np.searchsorted(cue_key, mkey, side="right") - 1
        found = cue_key[np.maximum(i, 0)]
        near = (i >= 0) & (found > mkey - _NEG_WINDOW_CHARS) & ((found >> 40) == tid)
        for j in np.flatnonzero(near):
            cue = negation_cue(texts[tid[j]], int(mstart[j]))
            if cue is not None:
                negated[j], cue_word[j] = True, cue
    markers["negated"] = negated
    markers["cue"] = cue_word
    # "May" the month: capitalised May inside a sentence, or followed by a number
    month = np.zeros(len(markers), dtype=bool)
    for j in np.flatnonzero((markers["matched"] == "May").to_numpy()):
        text, s0, e0 = texts[markers.at[j, "text_id"]], int(markers.at[j, "start"]), int(markers.at[j, "end"])
        inside = bool(text[:s0].strip(" \t\n\"'“‘([*•-"))
        month[j] = inside or bool(_MONTH_NEXT.match(text, e0))
    flipped = markers["category"].map(_NEGATED_AS)
    # only a named risk flips ("no side effects"); "never disregard medical advice" stays a caveat
    flipped = flipped.where((markers["category"] != "caveat") | (markers["subtype"] == "risk"), "caveat")
    counted_as = markers["category"].where(~markers["negated"], flipped)
    counted_as = counted_as.where(~month, None)
    markers["counted_as"] = counted_as.fillna("")
    markers["counted"] = markers["counted_as"] != ""
    markers["rule"] = np.select([month, markers["negated"] & markers["counted"], markers["negated"]],
                                ["may-month", "negated", "negated-not-counted"], "")
    return markers, np.stack([n_words, claim.astype(np.int64)], axis=1) if n else np.zeros((0, 2), dtype=np.int64)


def _feature_name(category: str, subtype: str) -> str:
    return f"hedge_{subtype}" if category == "hedge" and subtype else category


def _aggregate(markers: pd.DataFrame, info: np.ndarray, lexicon: Lexicon,
               weights: pd.Series) -> pd.DataFrame:
    """One row per text: counts per category, features, claim flag, certainty."""
    n = len(info)
    out = pd.DataFrame({"n_words": info[:, 0], "claim": info[:, 1].astype(bool)})
    counted = markers[markers["counted"]]
    ids = counted["text_id"].to_numpy()
    w = counted["weight"].to_numpy(dtype=float)
    cats = list(dict.fromkeys(list(CATEGORIES) + [c for c in lexicon.categories if c not in CATEGORIES]))
    for cat in cats:
        mask = (counted["counted_as"] == cat).to_numpy()
        out[CATEGORIES.get(cat, cat)] = np.bincount(ids[mask], weights=w[mask], minlength=n) if n else []
    out["negated"] = np.bincount(markers.loc[markers["negated"], "text_id"].to_numpy(), minlength=n) if n else []
    out["certainty"] = certainty_from_features(_features(markers, out), weights)
    return out


_HEDGE_SUBTYPES = ("modal", "verb", "adverb", "adjective", "approximator", "limitation", "negated")
FEATURES = [f"hedge_{s}" for s in _HEDGE_SUBTYPES] + [c for c in CATEGORIES if c != "hedge"] + ["negated", "claim"]


def _features(markers: pd.DataFrame, counts: pd.DataFrame) -> pd.DataFrame:
    """Feature matrix of the certainty model, one row per text (see :func:`sentence_features`)."""
    n = len(counts)
    hedges = markers[markers["counted"] & (markers["counted_as"] == "hedge")]
    sub = np.where(hedges["category"] == "hedge", hedges["subtype"], "negated")
    ids = hedges["text_id"].to_numpy()
    feats = {}
    for s in _HEDGE_SUBTYPES:
        mask = sub == s
        feats[f"hedge_{s}"] = np.bincount(ids[mask], weights=hedges["weight"].to_numpy()[mask], minlength=n)[:n]
    for cat, col in CATEGORIES.items():
        if cat != "hedge":  # the hedge total is the sum of its subtypes
            feats[cat] = counts[col].to_numpy(dtype=float)
    feats["negated"] = counts["negated"].to_numpy(dtype=float)
    feats["claim"] = counts["claim"].to_numpy(dtype=float)
    return pd.DataFrame(feats, index=counts.index)


def certainty_from_features(features: pd.DataFrame, weights: pd.Series | None = None) -> np.ndarray:
    """``intercept + Σ weight_f × feature_f``: predicted certainty on the 1–6 rating scale.

    Features absent from ``features`` count as 0; the result is clipped to [1, 6].
    """
    weights = load_weights() if weights is None else weights
    score = np.full(len(features), float(weights.get("intercept", 0.0)))
    for name, w in weights.items():
        if name != "intercept" and name in features:
            score = score + w * features[name].to_numpy(dtype=float)
    return np.clip(score, 1.0, 6.0).round(6)


# ----------------------------------------------------------------------------- public API
def sentence_features(texts: Iterable[str], lexicon=None) -> pd.DataFrame:
    """The certainty model's inputs: one row per text, one column per feature in :data:`FEATURES`.

    Features are counts of counted markers: ``hedge_<subtype>`` (modal, verb, adverb, adjective,
    approximator, limitation; ``hedge_negated`` = a negated booster such as "not proven"),
    ``booster``, ``can``, ``promotion``, ``caveat``, ``cta``, ``negated`` (markers under a
    negation cue) and ``claim`` (1 if the text names a treatment and an effect).
    """
    lex = load_stance_lexicon(lexicon)
    texts = [" ".join(t.split()) for t in _check_texts(texts)]
    markers, info = _scan(texts, lex)
    counts = _aggregate(markers, info, lex, pd.Series({"intercept": 0.0}))
    return _features(markers, counts)


def score_sentences(texts: Iterable[str], lexicon=None, weights: pd.Series | str | os.PathLike | None = None
                    ) -> pd.DataFrame:
    """Stance of each text: marker counts per category and a certainty score.

    Parameters
    ----------
    texts : iterable of str
        Sentences (or any texts). Runs of whitespace count as one space.
    lexicon : name, path (``.csv`` or LIWC ``.dic``) or Lexicon, optional
        Default: the bundled ``stance`` lexicon.
    weights : Series or path, optional
        Certainty weights (default ``data/stance_weights.csv``).

    Returns
    -------
    DataFrame
        One row per text, in order: ``n_words``, ``claim`` (names a treatment and an effect),
        counts ``hedges, boosters, can, promotion, caveats, calls_to_action`` (after the
        context rules: a negated booster counts as a hedge, "May" the month not at all),
        ``negated`` (markers under negation) and ``certainty`` (predicted human certainty
        rating, 1 = very uncertain ... 6 = very certain, Pei & Jurgens 2021 scale; higher =
        stated more certainly).

    Examples
    --------
    >>> t = score_sentences(["Ketamine may help some patients.", "Ketamine is a proven game-changer!"])
    >>> t[["hedges", "boosters", "promotion"]].values.tolist()
    [[2.0, 0.0, 0.0], [0.0, 1.0, 1.0]]
    >>> bool(t["certainty"][0] < t["certainty"][1])
    True
    """
    lex = load_stance_lexicon(lexicon)
    weights = weights if isinstance(weights, pd.Series) else load_weights(weights)
    texts = [" ".join(t.split()) for t in _check_texts(texts)]
    markers, info = _scan(texts, lex)
    return _aggregate(markers, info, lex, weights)


def find_markers(sentences: pd.DataFrame, lexicon=None) -> pd.DataFrame:
    """The evidence trail: every marker in a segmented corpus, one row each.

    Parameters
    ----------
    sentences : DataFrame
        From :func:`analysis.segment` (``doc_id, sent, start, zone, text``).

    Returns
    -------
    DataFrame
        ``doc_id, sent, term`` (lexicon entry), ``matched`` (the words on the page),
        ``category`` (lexicon), ``subtype``, ``counted_as`` (after context rules; empty when
        not counted), ``start, end`` (character offsets into the article text), ``negated``,
        ``cue`` (the negation cue), ``counted``, ``rule`` (``may-month``, ``negated``...),
        ``zone``.
    """
    lex = load_stance_lexicon(lexicon)
    markers, _ = _scan(list(sentences["text"]), lex)
    return _markers_table(markers, sentences)


def _markers_table(markers: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
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


def sentence_stance(sentences: pd.DataFrame, lexicon=None, weights=None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Score a segmented corpus: ``(sentence table, markers)``.

    The sentence table is ``sentences`` plus the columns of :func:`score_sentences`
    (``n_words`` is recomputed identically); markers are as in :func:`find_markers`.
    """
    lex = load_stance_lexicon(lexicon)
    weights = weights if isinstance(weights, pd.Series) else load_weights(weights)
    markers, info = _scan(list(sentences["text"]), lex)
    scores = _aggregate(markers, info, lex, weights)
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
    articles : DataFrame
        From :func:`analysis.load_corpus` (``doc_id``, ``text``).
    sentences : DataFrame, optional
        From :func:`analysis.segment`; computed when not given.
    n_boot : int
        Bootstrap resamples (of sentences, within each article) for the confidence intervals.
    random_state : int or None
        Seed of the bootstrap.
    seed_per_article : bool
        ``False`` (default): one generator seeded with ``random_state`` draws the resamples of
        all articles in turn, so an article's interval depends on the articles before it.
        ``True``: each article's resamples come from a generator seeded with ``random_state``
        and its ``doc_id``, so intervals do not depend on the other articles (what
        :func:`analysis.score.score_corpus` uses to score a large corpus in chunks).

    Returns
    -------
    DataFrame
        Keyed on ``doc_id``. ``n_words`` (all words, as in notebook 01), ``n_words_text``
        (body and heading words: the denominator of the rates), ``<category>_per_1k_words``
        (markers in body and heading sentences per 1,000 of their words, with
        ``_ci_low``/``_ci_high`` percentile-bootstrap 95% bounds for hedges, boosters, can and
        promotion), ``<category>_outside_text`` (markers in disclaimers, calls to action and
        navigation: counted apart), ``n_claims``, ``share_claims_hedged`` / ``_boosted`` / ``_can`` /
        ``_unqualified`` (fractions 0–1, summing to 1; hedged = any hedge, boosted = a booster and
        no hedge, can = "can" only), and ``certainty_index`` (mean sentence certainty of the claim
        sentences, 1–6 scale, higher = more certain; body sentences when an article has no claim)
        with ``certainty_ci_low``/``_high``.
    """
    from .segment import segment

    if isinstance(articles, (str, bytes)):
        raise TypeError("score_articles() expects the articles table from load_corpus(), got a string.")
    sentences = segment(articles) if sentences is None else sentences
    table, _ = sentence_stance(sentences, lexicon, weights)
    return _article_scores([str(d) for d in articles["doc_id"]], table, lexicon, n_boot, random_state,
                           seed_per_article)


def _article_scores(doc_ids: list[str], table: pd.DataFrame, lexicon, n_boot: int, random_state,
                    seed_per_article: bool) -> pd.DataFrame:
    """:func:`score_articles` from a sentence table already scored by :func:`sentence_stance`."""
    rng = np.random.default_rng(random_state)
    count_cols = [c for c in table.columns if c in set(CATEGORIES.values()) or c in
                  set(load_stance_lexicon(lexicon).categories)]
    # column arrays once; each article is a set of row positions (no per-article filtering of the table)
    positions = table.groupby("doc_id", sort=False).indices if len(table) else {}
    in_text = table["zone"].isin(CLAIM_ZONES).to_numpy()
    n_words_all = table["n_words"].to_numpy()
    counts = {col: table[col].to_numpy() for col in count_cols}
    claim_all = table["claim"].to_numpy(dtype=bool)
    certainty_all = table["certainty"].to_numpy()
    empty = np.zeros(0, dtype=np.int64)
    boot_cols = [c for c in ("hedges", "boosters", "can", "promotion") if c in counts]
    boot_values = np.column_stack([n_words_all] + [counts[c] for c in boot_cols]).astype(float)
    # whole-number counts (every weight 1): resample sums by matrix product are exact; else sum drawn rows
    exact_counts = bool(np.all(boot_values == np.floor(boot_values)) and np.abs(boot_values).sum() < 2 ** 52)
    rows = []
    for doc_id in doc_ids:
        if seed_per_article:
            rng = _article_rng(random_state, doc_id)
        pos = positions.get(doc_id, empty)
        text, other = pos[in_text[pos]], pos[~in_text[pos]]
        words_t = n_words_all[text]
        n_text = int(words_t.sum())
        row = {"doc_id": doc_id, "n_words": int(n_words_all[pos].sum()), "n_words_text": n_text,
               "n_sentences_text": len(text)}
        for col in count_cols:
            row[f"{col}_per_1k_words"] = 1000 * counts[col][text].sum() / n_text if n_text else np.nan
        boot_idx = rng.integers(0, len(text), size=(n_boot, len(text))) if len(text) else None
        packed = _pack_counts(boot_values[text]) if boot_idx is not None and exact_counts else None
        if packed is not None:
            # whole-number columns packed side by side in one int64 per sentence: one gather and one
            # sum give every resample's sums exactly, as summing each drawn column would
            sums = _unpack_counts(packed[0][boot_idx].sum(axis=1), packed[1])
            words = np.maximum(sums[:, 0], 1)
            bounds = np.percentile(1000 * sums[:, 1:] / words[:, None], [2.5, 97.5], axis=0)
        elif boot_idx is not None and exact_counts:
            # how often each sentence is drawn in each resample, times the (integer) counts: one matrix
            # product gives every resample's sums exactly, as summing the drawn rows would
            m = len(text)
            drawn = np.bincount((boot_idx + m * np.arange(n_boot)[:, None]).ravel(), minlength=n_boot * m)
            sums = drawn.reshape(n_boot, m).astype(float) @ boot_values[text]
            words = np.maximum(sums[:, 0], 1)
            bounds = np.percentile(1000 * sums[:, 1:] / words[:, None], [2.5, 97.5], axis=0)
        elif boot_idx is not None:
            words = np.maximum(words_t[boot_idx].sum(axis=1), 1)
            bounds = np.array([np.percentile(1000 * counts[c][text][boot_idx].sum(axis=1) / words, [2.5, 97.5])
                               for c in boot_cols]).T.reshape(2, len(boot_cols))
        for col in ("hedges", "boosters", "can", "promotion"):
            if boot_idx is not None and col in counts:
                k = boot_cols.index(col)
                row[f"{col}_per_1k_words_ci_low"], row[f"{col}_per_1k_words_ci_high"] = bounds[0, k], bounds[1, k]
            else:
                row[f"{col}_per_1k_words_ci_low"] = row[f"{col}_per_1k_words_ci_high"] = np.nan
        for col in count_cols:
            row[f"{col}_outside_text"] = float(counts[col][other].sum())
        claims = text[claim_all[text]]
        row["n_claims"] = len(claims)
        hedged = counts["hedges"][claims] > 0
        boosted = ~hedged & (counts["boosters"][claims] > 0)
        can = ~hedged & ~boosted & (counts["can"][claims] > 0)
        for name, mask in (("hedged", hedged), ("boosted", boosted), ("can", can),
                           ("unqualified", ~hedged & ~boosted & ~can)):
            row[f"share_claims_{name}"] = mask.mean() if len(claims) else np.nan
        values = certainty_all[claims if len(claims) else text]
        row["certainty_index"] = values.mean() if len(values) else np.nan
        if len(values):
            means = values[rng.integers(0, len(values), size=(n_boot, len(values)))].mean(axis=1)
            row["certainty_ci_low"], row["certainty_ci_high"] = np.percentile(means, [2.5, 97.5])
        else:
            row["certainty_ci_low"] = row["certainty_ci_high"] = np.nan
        rows.append(row)
    out = pd.DataFrame(rows)
    num = out.columns.drop(["doc_id"])
    out[num] = out[num].astype(float).round(6)
    for col in ("n_words", "n_words_text", "n_sentences_text", "n_claims"):
        out[col] = out[col].astype("int64")
    return out


def _pack_counts(values: np.ndarray) -> tuple[np.ndarray, list[int]] | None:
    """Non-negative whole-number columns packed into one int64 per row, each field wide enough to hold
    the column's sum over any resample of the rows (``len(values)`` draws of its largest value).

    Returns ``(packed, field widths)``, or ``None`` when a value is negative or the fields need more
    than 62 bits.
    """
    if not len(values) or values.min() < 0:
        return None
    widths = [max(1, int(len(values) * v).bit_length()) for v in values.max(axis=0)]
    if sum(widths) > 62:
        return None
    ints = values.astype(np.int64)
    packed = np.zeros(len(values), dtype=np.int64)
    shift = 0
    for k, w in enumerate(widths):
        packed += ints[:, k] << shift
        shift += w
    return packed, widths


def _unpack_counts(packed: np.ndarray, widths: list[int]) -> np.ndarray:
    """Inverse of :func:`_pack_counts` for summed rows: one float column per field."""
    out = np.empty((len(packed), len(widths)))
    shift = 0
    for k, w in enumerate(widths):
        out[:, k] = (packed >> shift) & ((1 << w) - 1)
        shift += w
    return out


def _article_rng(random_state: int | None, doc_id: str) -> np.random.Generator:
    """A bootstrap generator of its own for one article, from ``random_state`` and the ``doc_id``.

    An article's confidence intervals then do not depend on which other articles are scored
    with it, so a corpus scored in chunks, in any order, gives the same numbers.
    """
    if random_state is None:
        return np.random.default_rng()
    return np.random.default_rng([int(random_state), zlib.crc32(doc_id.encode("utf-8"))])


# ----------------------------------------------------------------------------- evidence views
def highlight(text: str, spans: Iterable[tuple[int, int]], left: str = "[", right: str = "]") -> str:
    """``text`` with each ``(start, end)`` span wrapped in brackets (spans may come in any order).

    Examples
    --------
    >>> highlight("It may help.", [(3, 6)])
    'It [may] help.'
    """
    out, cursor = [], 0
    for a, b in sorted(set(spans)):
        if a < cursor:
            continue
        out += [text[cursor:a], left, text[a:b], right]
        cursor = b
    return "".join(out + [text[cursor:]])


def keyword_in_context(markers: pd.DataFrame, articles: pd.DataFrame, width: int = 40) -> pd.DataFrame:
    """Keyword-in-context view of markers: ``left``, ``keyword``, ``right`` from the article text.

    Returns
    -------
    DataFrame
        The marker columns plus ``left`` (``width`` characters before, right-aligned),
        ``keyword`` and ``right``; whitespace runs shown as single spaces.
    """
    texts = articles.set_index(articles["doc_id"].astype(str))["text"]
    clean = lambda s: " ".join(s.split())  # noqa: E731
    left, key, right = [], [], []
    for d, a, b in zip(markers["doc_id"], markers["start"], markers["end"]):
        t = texts[d]
        left.append(clean(t[max(0, a - width):a])[-width:].rjust(width))
        key.append(t[a:b])
        right.append(clean(t[b:b + width])[:width])
    return markers.assign(left=left, keyword=key, right=right)


def annotate_sentences(sentence_table: pd.DataFrame, markers: pd.DataFrame) -> pd.DataFrame:
    """Sentences with their markers bracketed, for a human coder.

    Returns
    -------
    DataFrame
        ``doc_id, sent, zone, claim, hedges, boosters, can, promotion, caveats, certainty,
        markers`` (``term→counted_as`` list), ``text_marked`` (markers in ``[brackets]``) and
        empty ``coder_certainty`` / ``coder_note`` columns to fill in.
    """
    by_sent = {key: grp for key, grp in markers.groupby(["doc_id", "sent"], sort=False)}
    marked, listed = [], []
    for d, s, s0, text in zip(sentence_table["doc_id"], sentence_table["sent"], sentence_table["start"],
                              sentence_table["text"]):
        grp = by_sent.get((d, s))
        if grp is None:
            marked.append(text)
            listed.append("")
            continue
        marked.append(highlight(text, [(a - s0, b - s0) for a, b in zip(grp["start"], grp["end"])]))
        listed.append("; ".join(f"{m}→{c or 'not counted'}" for m, c in zip(grp["matched"], grp["counted_as"])))
    cols = ["doc_id", "sent", "zone", "claim"] + [c for c in ("hedges", "boosters", "can", "promotion", "caveats")
                                                  if c in sentence_table] + ["certainty"]
    out = sentence_table[cols].copy()
    out["markers"] = listed
    out["text_marked"] = marked
    out["coder_certainty"] = ""
    out["coder_note"] = ""
    return out


def export_annotations(annotated: pd.DataFrame, path: str | os.PathLike) -> Path:
    """Write :func:`annotate_sentences` output as UTF-8 CSV (atomically, byte-stable); returns the path."""
    from .io import write_csv

    return write_csv(annotated, Path(path))
