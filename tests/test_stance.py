import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import analysis as an
from analysis.lexicon import LexiconError
from analysis.stance import find_markers, load_weights, score_articles, score_sentences, sentence_features

FILLER = "the clinic offers treatment for patients in the area every week".split()  # 10 words, no markers


def filler(n_words: int) -> str:
    return " ".join(FILLER[i % len(FILLER)] for i in range(n_words))


def one(text: str, **kw) -> pd.Series:
    return score_sentences([text], **kw).iloc[0]


# ---------------------------------------------------------------- known answers
def test_three_hedges_in_300_words_is_10_per_1000():
    text = filler(100) + " it may help. " + filler(96) + " perhaps. " + filler(99) + " possibly."
    articles = pd.DataFrame({"doc_id": ["x"], "text": [text]})
    row = score_articles(articles).iloc[0]
    assert row["n_words"] == 300 == an.count_words(text)
    assert row["hedges_per_1k_words"] == pytest.approx(10.0)
    assert row["boosters_per_1k_words"] == 0 and row["promotion_per_1k_words"] == 0


def test_api_is_exported_and_one_row_per_text():
    table = an.score_sentences(["It may help.", "", "Call us today!"])
    assert len(table) == 3 and {"hedges", "boosters", "promotion", "certainty"} <= set(table.columns)
    assert table["n_words"].tolist() == [3, 0, 3]
    assert table["calls_to_action"].tolist() == [0, 0, 1]


@pytest.mark.parametrize("text, column, expected", [
    ("Ketamine may help.", "hedges", 1),
    ("Results suggest it might possibly work.", "hedges", 3),
    ("It helps, but more research is needed.", "hedges", 1),       # limitation phrase counts once
    ("More research is needed.", "hedges", 0),                     # ... and not at all with no claim beside it
    ("It is clearly proven.", "boosters", 2),
    ("You can be sure it works.", "boosters", 1),                   # booster, not the can tier
    ("You can be sure it works.", "can", 0),
    ("Ketamine will relieve your symptoms.", "boosters", 1),         # will predicting an outcome
    ("We do not know yet who will respond.", "boosters", 0),         # ... not inside an open question
    ("Nobody can say how long the effects will last.", "boosters", 0),
    ("A game-changer that brings new hope within hours.", "promotion", 3),
    ("This is not a substitute for medical advice.", "caveats", 2),
    ("Schedule a consultation today.", "calls_to_action", 1),
])
def test_category_counts(text, column, expected):
    assert one(text)[column] == expected


# ---------------------------------------------------------------- context rules
def test_may_the_month_is_not_a_hedge():
    assert one("The study ended in May 2023.")["hedges"] == 0
    assert one("Since May, patients improved.")["hedges"] == 0
    assert one("May 5 is the start date.")["hedges"] == 0
    assert one("May help with symptoms.")["hedges"] == 1           # sentence-initial modal
    assert one("It may help.")["hedges"] == 1


def test_can_is_its_own_tier_between_direct_and_may():
    direct, can, may = score_sentences(["Ketamine reduces symptoms.", "Ketamine can reduce symptoms.",
                                        "Ketamine may reduce symptoms."])["certainty"]
    assert one("Ketamine can reduce symptoms.")[["can", "hedges"]].tolist() == [1, 0]
    assert direct > can > may


def test_negation_changes_what_a_marker_means():
    proven, not_proven = score_sentences(["It is proven.", "It is not proven."])[["boosters", "hedges"]].values
    assert proven.tolist() == [1, 0] and not_proven.tolist() == [0, 1]   # negated booster -> hedge
    row = one("It is not addictive and has no side effects.")
    assert row["promotion"] == 2 and row["caveats"] == 0                 # negated risk -> promotion
    assert one("Never disregard medical advice.")["caveats"] == 1        # a disclaimer stays a caveat
    assert one("It cannot be sure to help.")["boosters"] == 0             # 'cannot' negates
    assert one("It is not a miracle.")["promotion"] == 0


def test_stance_is_not_computed_on_stop_listed_text():
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS
    assert {"may", "might", "could"} <= ENGLISH_STOP_WORDS
    assert one("It may, might or could work.")["hedges"] == 3


def test_direction_hedged_below_promotional():
    hedged, promo = score_sentences([
        "Early research suggests ketamine may possibly help some patients.",
        "Ketamine is a revolutionary breakthrough that will transform your life within hours!"])["certainty"]
    assert hedged < promo
    assert 1 <= hedged <= 6 and 1 <= promo <= 6


def test_claim_sentences():
    claims = score_sentences(["Ketamine therapy can reduce PTSD symptoms.", "Our office is in Ohio.",
                              "It relieves depression quickly."])["claim"]
    assert claims.tolist() == [True, False, True]


def test_zones_are_counted_apart():
    text = ("Ketamine may help.\nDisclaimer:\nThis article may not be used as a substitute for medical advice.\n"
            "Contact us today to schedule a consultation.")
    articles = pd.DataFrame({"doc_id": ["z"], "text": [text]})
    sentences = an.segment(articles)
    markers = find_markers(sentences)
    assert set(markers["zone"]) >= {"body", "disclaimer", "call_to_action"}
    row = score_articles(articles, sentences).iloc[0]
    assert row["hedges_outside_text"] == 1             # the 'may' of the disclaimer
    assert row["hedges_per_1k_words"] == pytest.approx(1000 * 1 / row["n_words_text"])


# ---------------------------------------------------------------- evidence trail
def test_markers_trace_back_to_the_article_text(seed_articles, seed_sentences):
    markers = find_markers(seed_sentences)
    assert list(markers.columns[:3]) == ["doc_id", "sent", "term"]
    text = seed_articles.set_index("doc_id")["text"]
    assert all(text[d][a:b] == m for d, a, b, m in zip(markers["doc_id"], markers["start"], markers["end"],
                                                        markers["matched"]))
    assert markers["counted"].any() and (markers["counted_as"] != "").sum() == markers["counted"].sum()


# ---------------------------------------------------------------- errors and user lexicons
def test_bad_lexicon_file_names_the_line(tmp_path):
    bad = tmp_path / "mine.csv"
    bad.write_text("category,term\nhedge,may\nhedge,mi*ght\n")
    with pytest.raises(LexiconError, match=r"mine.csv, line 3"):
        score_sentences(["It may help."], lexicon=bad)


def test_user_dic_lexicon(tmp_path):
    dic = tmp_path / "mini.dic"
    dic.write_text("%\n1\thedge\n2\ttentat\n%\nmaybe\t1\nperhap*\t1 2\n")
    row = one("Perhaps, maybe.", lexicon=dic)
    assert row["hedges"] == 2 and row["tentat"] == 1


def test_string_input_is_an_error():
    with pytest.raises(ValueError, match="Iterable over raw text documents expected"):
        score_sentences("It may help.")


def test_weights_file_errors(tmp_path):
    bad = tmp_path / "w.csv"
    bad.write_text("feature,weight\nintercept,4\nhedge_modal,strong\n")
    with pytest.raises(ValueError, match="line 3"):
        load_weights(bad)


# ---------------------------------------------------------------- regression on the seed articles
SEED = {  # doc_id: (hedges, promotion per 1k words, certainty index)
    # issue 15: sense and construction rules (stance_rules.csv) and refitted weights changed every article;
    # then the claim finder (which sentences the certainty index averages) and the codebook-scale certainty
    # features (booster present, stacked hedges; no promotion/caveat/negated/claim inputs) moved certainty;
    # speed-on-benefit: a "rapidly" in 000 that qualifies no treatment or benefit is no longer promotion;
    # frequency-on-action: "often creates", "typically focus", "often fail", "often shows" are hedges (scope);
    # claim cue classes (drug-name suffixes, outcome nouns, associated with) changed which 002 sentences are claims;
    # the claim model (analysis.claims: agent + effect features, weights fitted on the tune part) changed which
    # sentences the certainty index averages (hedge and promotion rates unchanged); the certainty weights refitted
    # by scripts/fit_stance_weights.py (4th-decimal changes) moved 004 by 0.001; the certainty tiers could / would
    # apart from may / might, each hedge kind once per sentence, the cues research_needed and no_denial and their
    # refit (intercept 4.96 -> 4.93, may -1.37 -> -1.95) moved certainty only (hedge and promotion rates unchanged);
    # claim cues beyond the tune wording (side effects, mechanism verbs, lead-ins that assert an effect, treated/
    # assisted compounds, beneficiary-reports-benefit) made more sentences claims: the index averages more of them;
    # stop 29 (rules from the second coder's tune parts): one 000 sentence is no longer a claim, certainty 4.72 -> 4.732;
    # stop 30 (it after a condition refers to the condition): two 000 and one 003 sentence no longer claims;
    # stop 32 (promising sells unless a caveat comes with it): one promotion marker more in 000, 002 and 003
    # stop 36 (a frequency word hedges only on a treatment): 001's 'often heightened in PTSD' no longer counts
    "000": (15.97, 17.96, 4.716), "001": (9.95, 29.85, 4.794), "002": (8.93, 23.21, 4.915),
    "003": (6.61, 29.39, 4.851), "004": (4.64, 26.28, 4.773),
}


def test_seed_article_regression(seed_articles, seed_sentences):
    table = score_articles(seed_articles, seed_sentences, random_state=0).set_index("doc_id")
    assert table.index.tolist() == ["000", "001", "002", "003", "004"]
    got = {d: (round(r.hedges_per_1k_words, 2), round(r.promotion_per_1k_words, 2), round(r.certainty_index, 3))
           for d, r in table.iterrows()}
    assert got == SEED
    assert (table["certainty_ci_low"] <= table["certainty_index"]).all()
    assert (table["certainty_index"] <= table["certainty_ci_high"]).all()
    shares = table[[c for c in table if c.startswith("share_claims_")]].sum(axis=1)
    assert np.allclose(shares[table["n_claims"] > 0], 1)


def test_bootstrap_is_seeded(seed_articles, seed_sentences):
    a = score_articles(seed_articles, seed_sentences, random_state=1)
    b = score_articles(seed_articles, seed_sentences, random_state=1)
    pd.testing.assert_frame_equal(a, b)


def test_no_resamples_leaves_only_the_intervals_empty(seed_articles, seed_sentences):
    full = score_articles(seed_articles, seed_sentences, n_boot=50)
    none = score_articles(seed_articles, seed_sentences, n_boot=0)
    ci = [c for c in full if "_ci_" in c]
    assert len(ci) == 10 and none[ci].isna().all().all() and full[ci].notna().all().all()
    pd.testing.assert_frame_equal(none.drop(columns=ci), full.drop(columns=ci))
    with pytest.raises(ValueError, match="n_boot must be a whole number"):
        score_articles(seed_articles, seed_sentences, n_boot=-1)


# ---------------------------------------------------------------- properties
@settings(max_examples=150, deadline=None)
@given(st.lists(st.text(max_size=200), max_size=5))
def test_scoring_never_raises_and_counts_words_like_tokens(texts):
    table = score_sentences(texts)
    assert len(table) == len(texts)
    assert table["n_words"].tolist() == [an.count_words(" ".join(t.split())) for t in texts]
    assert table["certainty"].between(1, 6).all()


WORDS = st.sampled_from(["ketamine", "may", "not", "proven", "can", "help", "May", "2024", "within", "hours",
                         "game-changer", "side", "effects", "no", ",", ".", "suggests", "it"])


@settings(max_examples=150, deadline=None)
@given(st.lists(WORDS, max_size=25), st.lists(st.sampled_from([" ", "  ", "\n", "\t "]), min_size=25, max_size=25))
def test_extra_whitespace_changes_nothing(words, gaps):
    plain = " ".join(words)
    spaced = "".join(w + g for w, g in zip(words, gaps))
    pd.testing.assert_frame_equal(score_sentences([plain]), score_sentences(["  " + spaced]))


def test_features_have_one_column_per_weight():
    weights = load_weights()
    assert set(weights.index) - {"intercept"} == set(sentence_features(["x"]).columns)


def test_a_table_without_word_counts_gets_them_counted(seed_sentences):
    # sentence_stance uses the segment table's n_words; without the column it counts them itself
    table, markers = an.stance.sentence_stance(seed_sentences)
    bare_table, bare_markers = an.stance.sentence_stance(seed_sentences.drop(columns="n_words"))
    pd.testing.assert_frame_equal(bare_table[table.columns], table)
    pd.testing.assert_frame_equal(bare_markers, markers)
