"""Property tests over arbitrary Unicode text: segmentation never loses or invents text."""
from __future__ import annotations

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import analysis as an
from analysis.segment import ZONES, split_sentences
from analysis.tokens import count_words, word_counts

# Text drawn from everything, plus a dense alphabet of the characters that matter to the rules.
TRICKY = st.text(alphabet=st.sampled_from(list("aZ .!?…\n\t-'’\"”)(:;0Dr.e.g.U.S.IV—") + ["\u00a0", "İ", "ß", "𝐀", "\r"]),
                 max_size=300)
TEXT = st.one_of(st.text(max_size=300), TRICKY)
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(TEXT)
def test_sentence_spans_slice_back_and_cover_all_text(text):
    spans = split_sentences(text)
    previous_end = 0
    for start, end in spans:
        assert previous_end <= start < end <= len(text)
        piece = text[start:end]
        assert piece == piece.strip() and piece
        assert text[previous_end:start].strip() == ""  # nothing but whitespace between sentences
        previous_end = end
    assert text[previous_end:].strip() == ""


@SETTINGS
@given(st.lists(TEXT, min_size=1, max_size=3))
def test_segment_offsets_zones_and_word_counts(texts):
    articles = pd.DataFrame({"doc_id": [f"d{i}" for i in range(len(texts))], "text": texts})
    table = an.segment(articles)
    for row in table.itertuples():
        assert texts[int(row.doc_id[1:])][row.start:row.end] == row.text
        assert row.zone in ZONES
        assert row.n_words == count_words(row.text)
    assert table.groupby("doc_id")["n_words"].sum().sum() == sum(count_words(t) for t in texts)


@SETTINGS
@given(TEXT, st.integers(min_value=1, max_value=40))
def test_blockwise_word_counts_equal_the_regex(text, block):
    spans = [(m.start(), m.end()) for m in __import__("re").finditer(r"[^\n]+", text)]
    assert word_counts(text, spans, block=block) == [count_words(text[s:e]) for s, e in spans]
