import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.negation import load_negation_cues, negation_cue, negation_cues


@pytest.mark.parametrize("sentence, marker, cue", [
    ("Ketamine is not a cure.", "cure", "not"),
    ("It is not FDA-approved for PTSD.", "FDA", "not"),
    ("Ketamine is not addictive.", "addictive", "not"),
    ("You cannot be sure.", "sure", "cannot"),
    ("It doesn’t guarantee relief.", "guarantee", "doesn't"),
    ("There are no side effects.", "side", "no"),
    ("Relief without side effects.", "side", "without"),
    ("Completely free of side effects.", "side", "free of"),
    ("It is not only fast but safe.", "fast", None),          # pseudo-negation
    ("There is no doubt it works.", "works", None),
    ("It is not cheap, but it is effective.", "effective", None),  # clause boundary
    ("It is not, however, proven.", "proven", None),
    ("Studies have never been larger than a few dozen patients.", "larger", "never"),
    ("It may help.", "help", None),
    ("It is not very likely at all to help.", "help", None),  # beyond the 3-word window
])
def test_negation_known_answers(sentence, marker, cue):
    assert negation_cue(sentence, sentence.index(marker)) == cue
    assert negation_cues([sentence], np.zeros(1), np.array([sentence.index(marker)])).tolist() == [cue or ""]


# --- many markers at once ---------------------------------------------------------------------

_SINGLE, _MULTI = load_negation_cues()
_CUE_PIECES = sorted(_SINGLE | {w for phrase, _ in _MULTI for w in phrase} | {" ".join(p) for p, _ in _MULTI})
_PIECES = (_CUE_PIECES + [w.upper() for w in _CUE_PIECES] + [w.replace("'", "’") for w in _CUE_PIECES]
           + ["Not", "DON’T", "can’t've", "x’but’no", "but’s", "_no", "no_", "know", "now", "cannot", "casino",
              "nothing", "not-only"]                                                  # cue-like words
           + [",", ";", ":", ".", "!", "?", "(", ")", "[", "]", "—", "–", "but", "BUT", "although", "however",
              "though", "yet", "whereas", "whereaſ"]                                  # clause breaks
           + ["'", "’", "''", "cure", "side effects", "x" * 30, "1", "²", "é", "😀", "𝐀", "x𝐀y",  # filler
              "İ", "İNOT", "LAC\u212a", "ΣΣ"])                                        # odd lower-casing
_SEPARATORS = [" ", " ", "", "-", "\n", "  "]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.tuples(st.sampled_from(_PIECES), st.sampled_from(_SEPARATORS)), max_size=25)
                .map(lambda parts: "".join(p + s for p, s in parts)), min_size=1, max_size=3))
def test_negation_cues_are_the_rule_at_every_offset(texts):
    # the vectorised prefilter and the shortened text it hands the rule must never change an answer
    text_id = np.concatenate([np.full(len(t) + 1, i) for i, t in enumerate(texts)])
    start = np.concatenate([np.arange(len(t) + 1) for t in texts])
    expected = [negation_cue(texts[i], s) or "" for i, s in zip(text_id.tolist(), start.tolist())]
    assert negation_cues(texts, text_id, start).tolist() == expected


@pytest.mark.parametrize("sentence, marker, cue", [
    ("A nice x’but’no cure.", "cure", "no"),           # a clause break inside a word leaves its end
    ("No doubt, free of side effects.", "side", "free of"),
    ("It is free of any side effects.", "effects", "free of"),  # a two-word cue reaches a word further
    ("It is not, in fact, " + "x" * 70 + " cure.", "cure", None),
    ("CANNOT cure", "cure", "cannot"),
    ("LAC\u212a of cure", "cure", "lack"),              # Kelvin sign lower-cases to 'k'
    ("İNOT cure", "cure", None),                       # 'İ' lower-cases to two characters
    ("Not a x𝐀y cure", "cure", "not"),                # a letter beyond the BMP is inside the word
    ("WONDER can’t've ", "ve", "can't"),             # cut after the apostrophe, "can’t" is a word (found by hypothesis)
])
def test_negation_cues_known_answers(sentence, marker, cue):
    got = negation_cues([sentence], np.zeros(1, dtype=int), np.array([sentence.index(marker)]))
    assert got.tolist() == [cue or ""] and negation_cue(sentence, sentence.index(marker)) == cue


def test_negation_cues_of_nothing():
    assert negation_cues([], np.zeros(0, dtype=int), np.zeros(0, dtype=int)).tolist() == []
    assert negation_cues(["", "no"], np.array([0, 1]), np.array([0, 2])).tolist() == ["", "no"]
