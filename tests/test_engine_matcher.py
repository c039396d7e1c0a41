"""The engine's one multi-string matcher finds exactly what a plain regular expression finds."""
import re

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.engine import Matcher

TERMS = ["may", "can", "can be sure", "reduc*", "reduce symptoms", "a b c", "b c*", "e.g.", "x", "not a cure",
         "game-changer", "it's", "no", "side effects", "fda-approved", "iv", "suggest*"]


def reference(terms, text):
    """(start, end) of every match by one regular expression: whole words, longest term first, leftmost first.

    Case-insensitive per character (a character whose lower case is longer stays as it is).
    """
    lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    parts = []
    for term in sorted(terms, key=lambda t: -len(t.rstrip("*"))):
        words = re.split(r"[\s\-–]+", term.rstrip("*"))
        body = r"[\s\-–]+".join(re.escape(w).replace("'", "['’]") for w in words)
        parts.append(body + (r"\w*" if term.endswith("*") else ""))
    pattern = rf"(?<!\w)(?<!\w[\-'’])(?:{'|'.join(parts)})(?!\w|-\w|['’](?!s\b)\w)"
    return [m.span() for m in re.finditer(pattern, lowered)]


def spans(found, text_no=0):
    return [(a, b) for t, a, b in zip(found.text, found.start, found.end) if t == text_no]


@pytest.mark.parametrize("text, expected", [
    ("You can be sure it MAY help.", ["can be sure", "MAY"]),
    ("DSM-IV, not IV-like; IV ketamine", ["IV"]),
    ("It is a game changer and a Game–changer.", ["game changer", "Game–changer"]),
    ("Reducing symptoms; reduce   symptoms", ["Reducing", "reduce   symptoms"]),
    ("ketamine's may’s mayn't", ["may"]),
    ("mayor, cancan, e.g. x", ["e.g.", "x"]),
])
def test_known_answers(text, expected):
    found = Matcher(TERMS).find([text])
    assert [text[a:b] for a, b in spans(found)] == expected


def test_term_ids_offsets_and_many_texts():
    m = Matcher(["may", "can be sure", "suggest*"])
    found = m.find(["You can be sure it MAY help.", "", "Data suggested it; mayor"])
    assert found.text.tolist() == [0, 0, 2]
    assert found.start.tolist() == [4, 19, 5] and found.end.tolist() == [15, 22, 14]
    assert [m.terms[t] for t in found.term] == ["can be sure", "may", "suggest*"]
    empty = m.find([])
    assert len(empty.start) == 0


def test_probe_mode_finds_every_occurrence():
    found = Matcher(["no", "not", "n't"], whole_words=False).find(["Nothing now; don’t NOT"])
    got = sorted(zip(found.start.tolist(), found.term.tolist()))
    assert got == [(0, 0), (0, 1), (8, 0), (15, 2), (19, 0), (19, 1)]


def test_bad_terms():
    with pytest.raises(ValueError, match="non-empty"):
        Matcher(["may", "  "])
    with pytest.raises(ValueError, match="Basic Multilingual Plane"):
        Matcher(["🙂"])


_WORDS = sorted({w for t in TERMS for w in re.split(r"[\s\-–]+", t.replace("*", ""))})
_PIECES = st.one_of(
    st.sampled_from(_WORDS), st.sampled_from(_WORDS).map(str.upper), st.sampled_from(_WORDS).map(str.title),
    st.sampled_from(list(" -–'’\n\t_0123456789sx.,\x00") + ["  ", " \n ", "- ", " – ", "İ", "\u00a0", "\u2009",
                                                          "'s", "🙂", "𝐀"]),
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz", max_size=3))
TRICKY_TEXT = st.lists(_PIECES, max_size=40).map("".join)


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(TRICKY_TEXT, min_size=1, max_size=4), st.lists(st.sampled_from(TERMS), min_size=1, unique=True))
def test_equals_the_regular_expression(texts, terms):
    found = Matcher(terms).find(texts)
    for i, text in enumerate(texts):
        assert spans(found, i) == reference(terms, text)
    assert np.all(np.diff(found.text) >= 0)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.text("ab '’é", min_size=1, max_size=4), min_size=1, max_size=10, unique=True),
       st.lists(st.text("ab '’éxA😀", max_size=60), min_size=1, max_size=3))
def test_probe_mode_equals_a_plain_search(strings, texts):
    found = Matcher(strings, whole_words=False).find(texts)
    got = sorted(zip(found.text.tolist(), found.start.tolist(), found.end.tolist(), found.term.tolist()))
    keys = [s.lower().replace("’", "'") for s in strings]
    want = []
    for i, text in enumerate(texts):
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text).replace("’", "'")
        for k, s in enumerate(keys):
            if keys.index(s) != k:
                continue  # a repeated string reports its first term
            want += [(i, a, a + len(s), k) for a in range(len(low)) if low.startswith(s, a)]
    assert got == sorted(want)
