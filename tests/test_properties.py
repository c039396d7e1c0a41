"""Property tests over arbitrary Unicode text: segmentation never loses or invents text."""
from __future__ import annotations

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import analysis as an
from analysis.segment import ZONES, split_sentences
from analysis.tokens import count_words

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


PHRASES = st.sampled_from([
    "Ketamine may reduce PTSD symptoms.", "It is proven and clearly works within hours!", "Ketamine can help.",
    "It is not a cure.", "Side effects include nausea.", "Call us today.", "Results suggest it might help some.",
    "A game-changer for trauma.", "Disclaimer:", "This is for informational purposes only.", "Relief in May 2024.",
    "Previous", "The FDA has not approved it.", "   ", "\n", "Insurance does not cover the cost.",
])
ARTICLE = st.one_of(st.lists(PHRASES, min_size=1, max_size=12).map(" ".join),
                    st.lists(PHRASES, min_size=1, max_size=12).map("\n".join), st.text(min_size=1, max_size=200))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(ARTICLE, min_size=1, max_size=3))
def test_article_scores_and_coverage_stay_within_their_bounds(texts):
    articles = pd.DataFrame({"doc_id": [f"d{i}" for i in range(len(texts))], "text": texts})
    sentences = an.segment(articles)
    scores = an.score_articles(articles, sentences, n_boot=50, random_state=0)
    assert list(scores["doc_id"]) == list(articles["doc_id"])
    rates = [c for c in scores.columns if c.endswith("_per_1k_words")]
    assert (scores[rates].fillna(0) >= 0).all().all()
    for rate in rates:
        if f"{rate}_ci_low" in scores:
            no_interval = scores[f"{rate}_ci_low"].isna() & scores[f"{rate}_ci_high"].isna()  # < 2 sentences
            ok = scores[rate].isna() | no_interval | ((scores[f"{rate}_ci_low"] <= scores[rate] + 1e-9)
                                        & (scores[rate] <= scores[f"{rate}_ci_high"] + 1e-9))
            assert ok.all(), rate
    shares = scores[["share_claims_hedged", "share_claims_boosted", "share_claims_can", "share_claims_unqualified"]]
    assert ((shares.fillna(0) >= 0) & (shares.fillna(0) <= 1)).all().all()
    with_claims = scores["n_claims"] > 0
    # each share is rounded to 6 decimals (article_scores), so four of them sum to 1 within 4 × 0.5e-6
    # (three claims, one hedged, one boosted, one "can": 3 × 0.333333 = 0.999999)
    assert ((shares[with_claims].sum(axis=1) - 1).abs() <= 2e-6 + 1e-12).all()
    certainty = scores["certainty_index"].dropna()
    assert certainty.between(1, 6).all()
    coverage = an.concept_coverage(sentences)
    assert (coverage["mentions"] >= coverage["negated_mentions"]).all() and (coverage["negated_mentions"] >= 0).all()
    assert (coverage["present"] == (coverage["mentions"] > 0)).all()
    assert (coverage["mentions_per_1k_words"] >= 0).all()
