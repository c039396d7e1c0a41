"""The engine's compiled loops find what the regular expressions they stand for find."""
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.engine import code_points, flags_of, line_spans, punctuation_runs

PUNCTUATION, CLOSERS = ".!?…", "\"'”’)]"
RUNS = re.compile(r"([.!?…]+)([\"'”’)\]]*)(\s*)")
LINES = re.compile(r"[^\s](?:[^\n]*[^\s])?")
TEXT = st.one_of(st.text(max_size=120), st.text(alphabet=list(PUNCTUATION + CLOSERS + " \n\t\u00a0\u2003aZ(𝐀"), max_size=120))


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT)
def test_punctuation_runs_are_the_regex_matches(text):
    codes = code_points(text)
    found = punctuation_runs(codes, flags_of(codes), PUNCTUATION, CLOSERS)
    expected = [(m.start(), m.end(1), m.end(2), m.end(3)) for m in RUNS.finditer(text)]
    assert list(zip(*(a.tolist() for a in found))) == expected


def test_punctuation_runs_of_an_empty_text_and_of_a_text_without_any():
    for text in ("", "no punctuation here"):
        codes = code_points(text)
        assert [a.tolist() for a in punctuation_runs(codes, flags_of(codes), PUNCTUATION, CLOSERS)] == [[]] * 4


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(TEXT, st.text(alphabet=list(" \n\t\r\u2028\x85\x1c\u00a0a𝐀"), max_size=60)))
def test_line_spans_are_the_regex_matches(text):
    codes = code_points(text)
    found = line_spans(codes, flags_of(codes))
    assert list(zip(*(a.tolist() for a in found))) == [m.span() for m in LINES.finditer(text)]
