import pytest

from analysis.negation import is_negated, negation_cue


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
    assert is_negated(sentence, sentence.index(marker)) == (cue is not None)
