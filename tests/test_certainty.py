"""The sentence certainty model: known directions, and every score decomposes into its matched words."""
import numpy as np
import pandas as pd
import pytest

import analysis.stance as stance
from analysis.certainty import (FEATURES, FEATURE_ROW_COLUMNS, WEIGHTS_FILE, certainty_features,
                                certainty_from_features, explain_certainty, feature_rows, load_weights,
                                sentence_features)
from analysis.stance import score_sentences, text_markers

LADDER = ["Ketamine definitely cures PTSD.",                              # booster: 6 on the codebook scale
          "Ketamine cures PTSD.",                                         # plain statement: 5
          "Ketamine may reduce PTSD symptoms.",                           # may: 3
          "It is not clear whether ketamine might possibly help."]        # stacked hedges: 2

SENTENCES = LADDER + [
    "Ketamine can reduce symptoms.", "The results suggest that ketamine may possibly help some patients.",
    "It is not proven.", "About 70% of patients responded.", "Ketamine is a revolutionary breakthrough!",
    "If needed, a second infusion is given, and it may perhaps possibly help, though this is unclear and "
    "might not work; further research is needed and results may vary.", "", "Our office is in Ohio.",
]


def test_known_directions():
    scores = score_sentences(LADDER)["certainty"].to_numpy()
    assert scores[0] > scores[1] > scores[2] > scores[3]
    assert scores[1] >= 4.5 and scores[3] <= 3.5        # a plain claim near 5, stacked hedges well below


def test_can_sits_between_direct_and_may():
    direct, can, may = score_sentences(["Ketamine reduces symptoms.", "Ketamine can reduce symptoms.",
                                        "Ketamine may reduce symptoms."])["certainty"]
    assert direct > can > may


def test_decomposition_sums_to_the_score():
    explained = explain_certainty(SENTENCES)
    scores = score_sentences(SENTENCES)["certainty"].to_numpy()
    sums = explained.groupby("text_id")["contribution"].sum().reindex(range(len(SENTENCES))).to_numpy()
    assert np.allclose(sums, scores, atol=1e-5)
    assert (explained.groupby("text_id")["feature"].first() == "intercept").all()
    words = explained[~explained["feature"].isin(["intercept", "clip"])]
    assert np.allclose(words["contribution"], words["weight"] * words["value"])
    # every contribution is tied to the words on the page
    texts = [" ".join(t.split()) for t in SENTENCES]
    assert all(texts[i][s:e] == m for i, s, e, m in zip(words["text_id"], words["start"], words["end"],
                                                          words["matched"]))


def test_clipping_is_a_row_of_its_own():
    explained = explain_certainty(SENTENCES[-3:-2])      # the long, heavily hedged sentence
    total = explained["contribution"].sum()
    assert total == pytest.approx(score_sentences(SENTENCES[-3:-2])["certainty"].iloc[0], abs=1e-6)
    assert "clip" in set(explained["feature"]) and total == pytest.approx(1.0)   # the words alone sum below 1


def test_the_words_behind_a_score():
    explained = explain_certainty(["Ketamine may reduce PTSD symptoms."]).set_index("feature")
    assert explained.loc["hedge_modal", "matched"] == "may"
    assert explained.loc["hedge_modal", "contribution"] == load_weights()["hedge_modal"]
    boosted = explain_certainty(["Ketamine definitely cures PTSD."])
    assert "definitely" in boosted["matched"].tolist() and boosted["contribution"].iloc[1:].sum() > 0


def test_features_are_sums_of_feature_rows():
    texts, markers = text_markers(SENTENCES)
    rows = feature_rows(markers)
    assert list(rows.columns) == FEATURE_ROW_COLUMNS and set(rows["feature"]) <= set(FEATURES)
    matrix = certainty_features(markers, len(texts))
    summed = rows.pivot_table(index="text_id", columns="feature", values="value", aggfunc="sum")
    summed = summed.reindex(index=range(len(texts)), columns=FEATURES).fillna(0.0)
    assert np.allclose(matrix.to_numpy(), summed.to_numpy())
    pd.testing.assert_frame_equal(sentence_features(SENTENCES), matrix)
    # stacked counts each hedge after the first; booster only where no hedge
    one = dict(zip(FEATURES, sentence_features(["It may possibly help."]).iloc[0]))
    assert one["stacked"] == 1 and one["hedge_modal"] == 1 and one["hedge_adverb"] == 1
    hedged = sentence_features(["It is proven, but it may not help."])
    assert hedged["booster"].iloc[0] == 0
    # a flat denial with "no" is its own feature (once per sentence), not a booster
    denial = dict(zip(FEATURES, sentence_features(["There was no difference and no effect."]).iloc[0]))
    assert denial["no_denial"] == 1 and sum(denial.values()) == 1


def test_each_hedge_kind_counts_once_and_repeats_are_stacked():
    repeated = dict(zip(FEATURES, sentence_features(["It may help and it may harm."]).iloc[0]))
    assert repeated["hedge_modal"] == 1 and repeated["stacked"] == 1
    explained = explain_certainty(["It may help and it may harm."])
    assert explained["feature"].tolist() == ["intercept", "hedge_modal", "stacked"]
    assert explained["start"].tolist()[1:] == [3, 19]                 # the first may, then the second


def test_could_and_would_are_their_own_tier_above_may():
    features = sentence_features(["It could help.", "It would help.", "It may help.", "It might help.",
                                  "It perhaps helps."])
    assert features["hedge_could"].tolist() == [1, 1, 0, 0, 0]
    assert features["hedge_modal"].tolist() == [0, 0, 1, 1, 1]
    weights = load_weights()
    assert weights["hedge_modal"] < weights["hedge_could"] <= 0
    could, may, plain = score_sentences(["It could help.", "It may help.", "It helps."])["certainty"]
    assert may < could < plain


def test_certainty_cues():
    features = sentence_features([
        "There was no difference between the groups.",                  # 0 a flat denial
        "No significant effect was found.",                             # 1 sentence-initial
        "It is no longer used.",                                        # 2 no longer: no denial
        "It costs no more than ten dollars.",                           # 3 no more than: a quantity
        "There is no doubt that it works.",                             # 4 no doubt: a booster
        "Further study is warranted to confirm this.",                  # 5 a call for further research
        "This finding needs additional investigation.",                 # 6
        "The study found more research participants than needed.",     # 7 not a call for research
        "It helps."])                                                   # 8
    assert features["no_denial"].tolist() == [1, 1, 0, 0, 0, 0, 0, 0, 0]
    assert features["research_needed"].tolist() == [0, 0, 0, 0, 0, 1, 1, 0, 0]
    weights = load_weights()
    assert weights["no_denial"] >= 0 and weights["research_needed"] <= 0
    scores = score_sentences(["It may help.", "It helps.", "There was no difference.",
                              "Further research is needed."])["certainty"].to_numpy()
    assert scores[0] < scores[1] <= scores[2]
    # a call for research lowers certainty (the research_needed cue), less than may since stop 33: alone in its
    # sentence it is no hedge (the codebook does not list it; the coders code such sentences 0)
    assert scores[0] < scores[3] < scores[1] - 0.5


def test_certainty_cues_leave_the_stance_counts_alone():
    texts = ["It would help.", "There was no difference.", "Further research is needed.", "Further study is warranted."]
    table = score_sentences(texts)
    assert table["hedges"].tolist() == [1, 0, 0, 0]                     # the hedges of the lexicon, no more (a
    # research need alone in its sentence is none: research-need-alone)
    assert not any(c.startswith("certainty_cue") for c in table.columns)
    explained = explain_certainty(texts[1:2])
    assert explained.loc[explained["feature"] == "no_denial", "matched"].tolist() == ["no"]


def test_an_estimate_lowers_certainty_as_a_hedging_verb_but_counts_as_no_hedge():
    texts = ["We estimate that the effect lasts a week.", "The effect lasts a week.",
             "We suggest that the effect lasts a week."]
    table = score_sentences(texts)
    assert table["hedges"].tolist() == [0, 0, 1]                        # coders leave an estimate unhedged
    estimate, plain, suggest = table["certainty"]
    assert estimate == suggest < plain                                  # one hedge_verb, as suggest
    features = sentence_features(texts)
    assert features["hedge_verb"].tolist() == [1, 0, 1]
    explained = explain_certainty(texts[:1])
    assert explained.loc[explained["feature"] == "hedge_verb", "matched"].tolist() == ["estimate"]

def test_score_is_the_linear_model_of_the_features():
    weights = load_weights()
    direct = certainty_from_features(sentence_features(SENTENCES), weights)
    assert np.array_equal(direct, score_sentences(SENTENCES)["certainty"].to_numpy())
    assert certainty_from_features(pd.DataFrame({"hedge_modal": [100.0]}), weights)[0] == 1.0   # clipped to 1-6


def test_weights_file_names_every_feature_with_a_note():
    table = pd.read_csv(WEIGHTS_FILE, comment="#")
    assert table["feature"].tolist() == ["intercept"] + FEATURES
    assert table["note"].notna().all()
    assert 1 <= table.loc[0, "weight"] <= 6


def test_stance_uses_the_certainty_module():
    assert stance.load_weights is load_weights and stance.sentence_features is sentence_features
    assert stance.certainty_from_features is certainty_from_features and stance.FEATURES is FEATURES
