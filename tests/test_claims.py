"""The claim finder (analysis.claims): known answers on tiny texts, every decision decomposable."""
import numpy as np
import pandas as pd
import pytest

from analysis.agreement import read_coding
from analysis.claims import (FEATURES, WEIGHTS_FILE, claim_flags, claim_scores, claim_table, cue_features,
                             load_claim_weights, load_cues)
from analysis.paths import PROJECT_ROOT
from analysis.stance import score_sentences

CLAIMS = ["Ketamine cures PTSD.", "It eliminates PTSD symptoms within hours.",
          "Ketamine clearly outperforms standard treatments.",
          "Ketamine did not reduce PTSD symptoms."]  # non-response is a claim (codebook §Claim)
NOT_CLAIMS = ["Ketamine is a safe anesthetic.", "Ketamine is used to treat depression.",
              "Book your consultation today.", "How Ketamine Works"]


def test_known_claims_and_non_claims():
    assert claim_flags(CLAIMS).tolist() == [True] * len(CLAIMS)
    assert claim_flags(NOT_CLAIMS).tolist() == [False] * len(NOT_CLAIMS)


def test_the_table_shows_why():
    table = claim_table(CLAIMS + NOT_CLAIMS)
    assert table["claim"].tolist() == [True] * len(CLAIMS) + [False] * len(NOT_CLAIMS)
    cures, eliminates, outperforms, negated = (table.iloc[k] for k in range(4))
    assert cures["treatment"] == 1 and cures["effect"] == 1 and cures["agent_effect"] == 1
    assert "effect:cures" in cures["cues"]
    assert eliminates["anaphor"] == 1 and eliminates["agent_effect"] == 1 and eliminates["outcome"] == 1
    assert outperforms["agent_effect"] == 1 and negated["agent_effect"] == 1
    used, book, heading = table.iloc[5], table.iloc[6], table.iloc[7]
    assert used["effect"] == 0 and "[effect:treat]" in used["cues"]  # dropped by the used-to-treat rule
    assert book["not_claim"] != "" and heading["not_claim"] == "heading-or-question"


def test_every_score_decomposes_into_its_features():
    weights = load_claim_weights()
    assert list(weights.index) == ["intercept"] + FEATURES
    table = claim_table(CLAIMS + NOT_CLAIMS + ["Smoking is a risk factor for stroke."])
    by_hand = weights["intercept"] + sum(weights[f] * table[f] for f in FEATURES)
    assert np.allclose(table["log_odds"], by_hand)
    assert np.allclose(claim_scores(table[FEATURES]), by_hand)
    assert set(np.unique(table[FEATURES].to_numpy())) <= {0.0, 1.0}


def test_the_weights_are_fitted_on_the_tune_part():
    note = pd.read_csv(WEIGHTS_FILE).set_index("feature").loc["intercept", "note"]
    assert "tune" in note and "fit_claim_weights.py" in note
    assert load_claim_weights()["agent_effect"] > 0  # the treatment as the subject of an effect makes a claim


def test_an_agent_reaches_its_effect_only_within_a_clause():
    texts = ["It eliminates symptoms.", "We offer ketamine. Stress reduces sleep.",
             "Symptoms improved markedly with esketamine."]
    cues = load_cues().find(texts)
    cues = pd.DataFrame({"text_id": cues["text"], "start": cues["start"], "end": cues["end"],
                         "kind": cues["category"]})
    features = cue_features(texts, cues)
    assert features["agent_effect"].tolist() == [1.0, 0.0, 0.0]
    assert features["effect_agent"].tolist() == [0.0, 0.0, 1.0]


def test_the_table_agrees_with_the_stance_scorer_on_the_seed_sentences():
    seeds = read_coding(PROJECT_ROOT / "tests" / "data" / "stance_coding_seeds.csv")
    texts = seeds["sentence"].tolist()
    assert np.array_equal(claim_table(texts)["claim"].to_numpy(), score_sentences(texts)["claim"].to_numpy())


def test_bad_input():
    with pytest.raises(ValueError, match="string object received"):
        claim_flags("Ketamine cures PTSD.")
    with pytest.raises(TypeError, match="text 1"):
        claim_table(["fine", 3])
    assert claim_flags([]).tolist() == [] and len(claim_table([])) == 0
