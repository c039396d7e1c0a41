"""The claim finder: which sentences assert an outcome or effect of a medical intervention.

The project's coding codebook (§Claim) counts a sentence as a claim when it states, even with a
hedge, what an intervention does: a benefit, non-response, a mechanism, a side effect, also of a
comparator drug, a procedure or a care programme. Safety stated as a property, "used to treat",
risk factors, exposures and headings are no claim.

How a sentence is decided (every step traceable to words):

1. **Cues** (``data/lexicons/claims.csv``, sources per row) of five kinds: ``treatment`` (an
   intervention named: ketamine, therapy, infusion, surgery, a drug class), ``anaphor`` (words that
   on these pages refer back to the treatment: *it*, *its*, *this treatment*), ``effect`` (verbs and
   nouns of effect: reduces, relieves, cures, eliminates, outperforms, works, benefit), ``outcome``
   (what an effect acts on: symptoms, remission, side effects, survival) and ``risk`` (risk factors
   and associations). The ``claim_cue`` rules of ``data/lexicons/stance_rules.csv`` add cues that a
   word list cannot hold (a drug named by its INN stem, a procedure by its suffix), and the ``claim_drop`` rules of ``data/lexicons/stance_rules.csv`` remove cues
   that are no intervention or no effect ("used to treat", "drug overdose", "how it works").
2. **Features** (:data:`FEATURES`, each 0 or 1): which cue kinds the sentence holds, and the ones that
   stand for the sentence's structure: ``agent_effect`` (an effect cue at most :data:`AGENT_REACH`
   characters after a treatment or anaphor cue, no clause break between: the treatment is the
   subject of the effect, "ketamine clearly outperforms", "it eliminates", "ketamine did not
   reduce"), ``agent_and_effect`` (both anywhere in the sentence), ``effect_agent`` (a treatment cue at
   most :data:`AGENT_REACH` characters after an effect cue in one clause: "symptoms improved with
   esketamine") and ``outcome_effect`` (an effect cue at most
   :data:`AGENT_REACH` characters after an outcome cue in one clause: the outcome is the subject of the
   change, "symptoms often improve within hours", "mortality was lower in the statin group").
3. **Score**: log-odds ``intercept + Σ weight_f × feature_f`` (``data/claim_weights.csv``, one
   weight per feature, fitted by ``scripts/fit_claim_weights.py`` on the tune part of the coded
   development sentences only); the model says claim when the log-odds are ≥ 0.
4. **Rules** of ``stance_rules.csv``: a ``claim`` rule makes a claim of a sentence the model does not
   ("improves quality of life" with no intervention word, a drug named by its suffix); a
   ``not_claim`` rule, or a counted call to action, disclaimer, invitation, self-praise or promise
   (:data:`ACTING`), makes any sentence no claim (headings, questions, instructions, adverts).

:func:`claim_table` shows every step for a list of texts; :func:`claim_flags` gives the decision.
How the cues, rules and weights were chosen, and every held-out evaluation: docs/claims.md.
The stance scorer (:mod:`analysis.stance`) decides claims the same way, with the cues found in its
own scan of the texts.
"""
from __future__ import annotations

import os
import re
from functools import lru_cache
from pathlib import Path
from typing import Iterable

import numpy as np
import pandas as pd

from .io import read_weights
from .lexicon import LEXICON_DIR, Lexicon, load_lexicon
from .paths import DATA_DIR
from .rule_finder import RuleFinder, load_rules
from .tokens import text_list

__all__ = ["CUES_FILE", "WEIGHTS_FILE", "CUE_KINDS", "AGENTS", "FEATURES", "AGENT_REACH", "ACTING", "load_cues",
           "load_claim_weights", "rule_cues", "drop_cues", "cue_features", "claim_scores", "model_claims", "claim_table",
           "claim_flags"]

CUES_FILE = LEXICON_DIR / "claims.csv"
WEIGHTS_FILE = DATA_DIR / "claim_weights.csv"
#: the kinds of cue in ``claims.csv``
CUE_KINDS = ("treatment", "anaphor", "effect", "outcome", "risk")
#: the cue kinds that can be the subject (agent) of an effect
AGENTS = ("treatment", "anaphor")
#: at most this many characters between an agent cue and an effect cue of one clause
AGENT_REACH = 60
#: the model's features, in the order of the weights file
FEATURES = list(CUE_KINDS) + ["agent_and_effect", "agent_effect", "effect_agent", "outcome_effect"]
#: counted markers (``counted_as:subtype``) that make a sentence an instruction or an advertisement, not a claim
ACTING = r"cta:|caveat:disclaimer|promotion:(?:invitation|self-praise|promise)"
_BREAK = re.compile(r"[.;:!?]\s|[!?]")  # a clause or sentence break between two cues (not a decimal point)


@lru_cache(maxsize=4)
def _cues_cached(path: str, stamp) -> Lexicon:
    lexicon = load_lexicon(path)
    unknown = sorted(set(lexicon.categories) - set(CUE_KINDS))
    if unknown:
        raise ValueError(f"{path}: unknown claim cue kind(s) {unknown}; expected {list(CUE_KINDS)}.")
    return lexicon


def load_cues(path: str | os.PathLike | None = None) -> Lexicon:
    """The claim cues (default ``data/lexicons/claims.csv``): a lexicon whose categories are :data:`CUE_KINDS`."""
    file = Path(path) if path else CUES_FILE
    return _cues_cached(str(file), file.stat().st_mtime_ns if file.exists() else None)


@lru_cache(maxsize=4)
def _weights_cached(path: str, stamp) -> pd.Series:
    return read_weights(path, FEATURES)


def load_claim_weights(path: str | os.PathLike | None = None) -> pd.Series:
    """The claim model's weights (``feature,weight``; ``intercept`` included) as a Series, log-odds units."""
    file = Path(path) if path else WEIGHTS_FILE
    return _weights_cached(str(file), file.stat().st_mtime_ns if file.exists() else None).copy()


def rule_cues(finder: RuleFinder, cues: pd.DataFrame) -> pd.DataFrame:
    """``cues`` (``text_id, start, end, kind``) and after them one cue per match of each ``claim_cue`` rule
    (its kind the rule's ``category``): drugs named by an INN stem, procedures by their suffix."""
    found = [cues]
    for k, rule in enumerate(finder.rules):
        if rule.kind == "claim_cue":
            tid, start, end = finder.matches(k)
            found.append(pd.DataFrame({"text_id": tid, "start": start, "end": end, "kind": rule.category}))
    return pd.concat(found, ignore_index=True) if len(found) > 1 else cues


def drop_cues(finder: RuleFinder, cues: pd.DataFrame) -> pd.DataFrame:
    """The cues left after the ``claim_drop`` rules: a cue of the rule's kind (``category``) whose first
    character lies inside a match is dropped ("used to treat", "drug overdose", "how it works").

    With the finder's prefilter a rule is tried only in the texts that hold a cue of its kind.
    """
    n = len(finder.texts)
    tid = cues["text_id"].to_numpy(dtype=np.int64)
    start = cues["start"].to_numpy(dtype=np.int64)
    kind = cues["kind"].to_numpy(dtype=object)
    keep = np.ones(len(cues), dtype=bool)
    for k, rule in enumerate(finder.rules):
        if rule.kind != "claim_drop":
            continue
        target = kind == rule.category
        tried = target & keep
        if tried.any() or not finder.prefilter:
            keep[tried] &= ~finder.covers(k, tid[tried], start[tried])
    return cues[keep]


def cue_features(texts: list[str], cues: pd.DataFrame) -> pd.DataFrame:
    """The model's features (:data:`FEATURES`, 0 or 1), one row per text, from its cues (``text_id, start,
    end, kind``; offsets into each text)."""
    n = len(texts)
    tid = cues["text_id"].to_numpy(dtype=np.int64)
    start, end = cues["start"].to_numpy(dtype=np.int64), cues["end"].to_numpy(dtype=np.int64)
    kind = cues["kind"].to_numpy(dtype=object)
    out = {k: (np.bincount(tid[kind == k], minlength=n)[:n] > 0).astype(float) for k in CUE_KINDS}
    agent, effect = np.isin(kind, AGENTS), kind == "effect"
    out["agent_and_effect"] = ((np.bincount(tid[agent], minlength=n)[:n] > 0)
                               & (np.bincount(tid[effect], minlength=n)[:n] > 0)).astype(float)
    out["agent_effect"] = _linked(texts, n, tid[agent], end[agent], tid[effect], start[effect])
    treat = kind == "treatment"
    out["effect_agent"] = _linked(texts, n, tid[effect], end[effect], tid[treat], start[treat])
    outcome = kind == "outcome"
    out["outcome_effect"] = _linked(texts, n, tid[outcome], end[outcome], tid[effect], start[effect])
    return pd.DataFrame(out)[FEATURES]


def _linked(texts: list[str], n: int, first_text: np.ndarray, first_end: np.ndarray, second_text: np.ndarray,
            second_start: np.ndarray) -> np.ndarray:
    """1 for the texts where a second cue starts at most :data:`AGENT_REACH` characters after the end of a
    first cue, with no clause break between them."""
    found = np.zeros(n)
    if not len(first_text) or not len(second_text):
        return found
    width = 1 + max(map(len, texts))
    ends = np.sort(first_text * width + first_end)
    points = second_text * width + second_start
    k = np.searchsorted(ends, points, "right") - 1  # the nearest first cue ending before each second cue
    ok = k >= 0
    near = ends[np.maximum(k, 0)]
    ok &= (near // width == second_text) & (points - near <= AGENT_REACH)
    for i in np.flatnonzero(ok & (found[second_text] == 0)).tolist():
        t = int(second_text[i])
        if not found[t] and not _BREAK.search(texts[t], int(near[i] % width), int(second_start[i])):
            found[t] = 1.0
    return found


def claim_scores(features: pd.DataFrame, weights: pd.Series | None = None) -> np.ndarray:
    """``intercept + Σ weight_f × feature_f``: the log-odds that a text is a claim (≥ 0: the model says claim).

    Features absent from ``features`` count as 0.
    """
    weights = load_claim_weights() if weights is None else weights
    score = np.full(len(features), float(weights.get("intercept", 0.0)))
    for name, w in weights.items():
        if name != "intercept" and name in features:
            score = score + w * features[name].to_numpy(dtype=float)
    return score.round(6)


def model_claims(finder: RuleFinder, cues: pd.DataFrame, weights: pd.Series | None = None
                 ) -> tuple[pd.DataFrame, np.ndarray]:
    """Steps 1–3 for the texts of ``finder``: ``(features, log-odds)`` from the texts' cues (``text_id,
    start, end, kind``) with those of the ``claim_cue`` rules, after the ``claim_drop`` rules."""
    features = cue_features(finder.texts, drop_cues(finder, rule_cues(finder, cues)))
    return features, claim_scores(features, weights)


def claim_table(texts: Iterable[str]) -> pd.DataFrame:
    """Every step of the claim finder for each text (runs of whitespace count as one space).

    Returns
    -------
    DataFrame
        One row per text, in order: ``text``; ``cues`` (the cue words found, ``kind:word`` separated by
        ``; ``, those a ``claim_drop`` rule removed in brackets); the features (:data:`FEATURES`, 0/1);
        ``log_odds`` (the model's score; ≥ 0: a claim by its cues); ``claim_rule`` (the first ``claim``
        rule that matches, else ""); ``not_claim`` (why the text can make no claim: a ``not_claim``
        rule's name or ``counted_as:subtype`` of an acting marker, else ""); ``claim`` (the decision:
        no ``not_claim`` reason, and the model or a claim rule says claim; the same as the ``claim``
        column of :func:`analysis.stance.score_sentences`).
    """
    from .stance import find_markers  # the stance scorer imports this module

    texts = [" ".join(t.split()) for t in text_list(texts)]
    n = len(texts)
    found = load_cues().find(texts)
    cues = pd.DataFrame({"text_id": found["text"].to_numpy(dtype=np.int64), "start": found["start"].to_numpy(),
                         "end": found["end"].to_numpy(), "kind": found["category"].to_numpy(dtype=object)})
    finder = RuleFinder(load_rules(), texts, prefilter=True)
    cues = rule_cues(finder, cues)
    kept = drop_cues(finder, cues)
    features = cue_features(texts, kept)
    words = [[] for _ in range(n)]
    dropped = ~cues.index.isin(kept.index)
    for t, k, a, b, d in zip(cues["text_id"].tolist(), cues["kind"].tolist(), cues["start"].tolist(),
                             cues["end"].tolist(), dropped.tolist()):
        words[t].append(f"[{k}:{texts[t][a:b]}]" if d else f"{k}:{texts[t][a:b]}")
    table = pd.DataFrame({"text": texts, "cues": ["; ".join(w) for w in words]})
    table = pd.concat([table, features], axis=1)
    table["log_odds"] = claim_scores(features)
    table["claim_rule"] = _first_rule(finder, "claim", n)
    why = _first_rule(finder, "not_claim", n)
    sentences = pd.DataFrame({"doc_id": "", "sent": np.arange(n), "start": 0, "zone": "body", "text": texts})
    markers = find_markers(sentences)
    acting = markers[markers["counted"] & (markers["counted_as"] + ":" + markers["subtype"]).str.match(ACTING)]
    for sent, what in zip(acting["sent"].tolist(), (acting["counted_as"] + ":" + acting["subtype"]).tolist()):
        why[sent] = why[sent] or what
    table["not_claim"] = why
    table["claim"] = (why == "") & ((table["log_odds"].to_numpy() >= 0) | (table["claim_rule"].to_numpy() != ""))
    return table


def _first_rule(finder: RuleFinder, kind: str, n: int) -> np.ndarray:
    """Per text, the name of the first rule of ``kind`` that matches it ("" for none)."""
    names = np.full(n, "", dtype=object)
    for k, rule in enumerate(finder.rules):
        if rule.kind == kind:
            hit = np.unique(finder.matches(k)[0])
            names[hit] = np.where(names[hit] == "", rule.name, names[hit])
    return names


def claim_flags(texts: Iterable[str]) -> np.ndarray:
    """Which texts assert an outcome or effect of a medical intervention (codebook §Claim): a bool array.

    Examples
    --------
    >>> claim_flags(["Ketamine cures PTSD.", "Ketamine is used to treat depression."]).tolist()
    [True, False]
    """
    from .stance import score_sentences  # the stance scorer imports this module

    return score_sentences(text_list(texts))["claim"].to_numpy(dtype=bool)
