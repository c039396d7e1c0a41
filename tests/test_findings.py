"""Findings are written from the run's tables: known answers on tiny tables, no NaN in the text,
seed-only wording only for the seed corpus, and a stated reason when a result cannot be computed."""
from __future__ import annotations

import math
import re
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

import analysis as an
from analysis.findings import (concept_findings, corpus_findings, is_seed_corpus, stance_findings, theme_findings,
                               validation_findings)
from analysis.wording import Findings, article_names, number

ARTICLES = pd.DataFrame({"doc_id": ["a1", "b2", "c3"],
                         "title": ["Ketamine Clinic", "Trauma Relief Now", None],
                         "text": ["one", "two", "three"]})
SEED_ONLY = ("Crane", "Read by hand", "seed", "7 of 17")


def no_nan(findings) -> str:
    assert isinstance(findings, Findings) and all(isinstance(s, str) and s for s in findings)
    text = " ".join(findings)
    assert not re.search(r"\bnan\b|<NA>|\bNone\b", text, flags=re.I), text
    return text


def test_a_measure_equal_in_every_article_is_said_so_not_given_as_a_range():
    summary = pd.DataFrame({"doc_id": ["a1", "b2"], "n_words": [500, 900], "fk_grade_body": [9.0, 11.0],
                            "share_words_body": [1.0, 1.0]})
    text = no_nan(corpus_findings(summary, ARTICLES))
    assert "outside the body text (headings, calls to action, disclaimers, navigation) is 0 % in every article." in text
    assert "runs from 0 %" not in text
    text = no_nan(stance_findings(_stance(promotion_per_1k_words=[0.0, 0.0, 0.0]), ARTICLES))
    assert "promotion is 0.0 in every article and the hedge rate runs from 2.0" in text


def test_findings_display_as_a_markdown_list_and_refuse_to_print_nan():
    f = Findings(["One.", "Two."])
    assert f._repr_markdown_() == "* One.\n* Two." and str(f) == f.markdown()
    with pytest.raises(ValueError, match="missing number"):
        number(float("nan"))



def test_findings_name_an_article_so_that_its_row_can_be_found():
    arts = pd.DataFrame({"doc_id": ["science_summary", "cautious_page", "003_e1010c1c7fcf5e0e", "a" * 25, "plain"],
                         "title": ["Ketamine for post-traumatic stress: the trials", "Ketamine and PTSD: information",
                                   "How Ketamine Helps", "A very long file name", None]})
    names = article_names(arts)
    assert names["science_summary"] == "“Ketamine for…” (science_summary)"  # a cut label keeps its id
    assert names["003_e1010c1c7fcf5e0e"] == "“How Ketamine Helps” (003_e1010c1c7fcf5e0e)"
    assert names["a" * 25] == "“A very long file name”"  # ids longer than a label would bury the sentence
    assert names["plain"] == "plain"

def test_corpus_findings_name_the_right_articles_and_numbers():
    summary = pd.DataFrame({
        "doc_id": ["a1", "b2", "c3"], "n_words": [500, 1500, 800],
        "fk_grade_body": [12.0, 7.5, np.nan],  # c3 has no body sentences
        "share_words_body": [0.9, 0.7, 0.0], "share_words_disclaimer": [0.0, 0.1, 0.0],
        "share_words_call_to_action": [0.05, 0.1, 0.0]})
    text = no_nan(corpus_findings(summary, ARTICLES))
    assert "run from 500 (“Ketamine Clinic” (a1)) to 1,500 (“Trauma Relief Now” (b2)) words (median 800)" in text
    assert "runs from 7.5 (“Trauma Relief Now” (b2)) to 12.0 (“Ketamine Clinic” (a1))" in text
    assert "1 of 2 articles read above grade 8" in text
    assert "No reading grade for c3: no body sentences." in text  # no title: named by doc_id
    assert "from 10 % (“Ketamine Clinic” (a1)) to 100 % (c3)" in text
    assert "Only “Trauma Relief Now” (b2) carries a disclaimer (10 % of its words)." in text
    assert "2 of 3 articles carry a call to action; c3 does not." in text
    assert "With only 3 articles" in text


def test_one_article_says_there_is_nothing_to_compare():
    summary = pd.DataFrame({"doc_id": ["a1"], "n_words": [420], "fk_grade_body": [9.0], "share_words_body": [1.0],
                            "share_words_disclaimer": [0.0], "share_words_call_to_action": [0.0]})
    text = no_nan(corpus_findings(summary, ARTICLES.iloc[:1]))
    assert "The corpus is one article, “Ketamine Clinic” (a1), of 420 words." in text
    assert "With one article there is nothing to compare" in text and "carries no disclaimer" in text


def _stance(**columns) -> pd.DataFrame:
    base = {"doc_id": ["a1", "b2", "c3"], "n_words_text": [1000, 1000, 1000],
            "hedges_per_1k_words": [20.0, 5.0, 2.0], "promotion_per_1k_words": [10.0, 30.0, 40.0],
            "boosters_per_1k_words": [0.0, 9.0, 1.0], "can_per_1k_words": [4.0, 8.0, 16.0],
            "caveats_per_1k_words": [3.0, 0.0, 0.0], "caveats_outside_text": [0, 4, 0],
            "n_claims": [10, 1, 0], "share_claims_hedged": [0.5, 0.0, np.nan],
            "share_claims_unqualified": [0.4, 1.0, np.nan], "certainty_index": [3.5, 5.2, np.nan],
            "certainty_ci_low": [3.0, np.nan, np.nan], "certainty_ci_high": [4.0, np.nan, np.nan]}
    return pd.DataFrame({**base, **columns})


def test_stance_findings_known_answers_and_missing_intervals():
    text = no_nan(stance_findings(_stance(), ARTICLES))
    assert "Promotional terms outnumber hedges in 2 of 3 articles." in text
    assert "promotion runs from 10.0 (“Ketamine Clinic” (a1)) to 40.0 (c3)" in text
    assert "the hedge rate runs from 2.0 (c3) to 20.0 (“Ketamine Clinic” (a1))" in text
    assert "“Trauma Relief Now” (b2) uses the most boosters: 9.0 per 1,000 words" in text
    assert "c3 uses the most “can” wording: 16.0" in text
    assert "c3: no claim sentences, so no claim shares; the certainty index below covers only articles with claims." in text
    assert "(11 in all)" in text and "from 40 % (“Ketamine Clinic” (a1)) to 100 % (“Trauma Relief Now” (b2))" in text
    assert "1 of 2 articles hedge a quarter or more of their claims: “Ketamine Clinic” (a1)." in text
    assert "No interval for “Trauma Relief Now” (b2): fewer than two claim sentences." in text
    assert "counted apart from claims: “Trauma Relief Now” (b2) (4)" in text


def test_stance_findings_non_overlapping_intervals_and_no_claims():
    apart = _stance(n_claims=[10, 12, 8], share_claims_hedged=[0.5, 0.1, 0.0], share_claims_unqualified=[0.4, 0.8, 0.9],
                    certainty_index=[3.5, 5.2, 5.0], certainty_ci_low=[3.0, 5.0, 4.6], certainty_ci_high=[4.0, 5.4, 5.3])
    text = no_nan(stance_findings(apart, ARTICLES))
    assert ("2 pair(s) of articles have 95 % intervals that do not overlap, the widest apart “Ketamine Clinic” (a1) "
            "(3.50, 3.00–4.00) and “Trauma Relief Now” (b2) (5.20, 5.00–5.40)") in text
    overlapping = apart.assign(certainty_ci_low=[3.0, 3.5, 3.5], certainty_ci_high=[5.5, 5.5, 5.5])
    assert "All 95 % intervals overlap" in no_nan(stance_findings(overlapping, ARTICLES))
    none = _stance(n_claims=[0, 0, 0], share_claims_hedged=[np.nan] * 3, share_claims_unqualified=[np.nan] * 3,
                   certainty_index=[np.nan] * 3)
    text = no_nan(stance_findings(none, ARTICLES))
    assert "no claim sentences" in text and "certainty index cannot be computed" in text


def _omissions(covered: dict) -> pd.DataFrame:
    labels = {"risks_side_effects": "risks", "cost_insurance": "cost", "uncertainty": "uncertainty"}
    rows = [{"doc_id": d, "concept": c, "quality_label": labels[c], "mentions": int(d in docs) * 2,
             "negated_mentions": int(d in docs and c == "risks_side_effects"), "covered": d in docs,
             "omitted": d not in docs} for c, docs in covered.items() for d in ["a1", "b2", "c3"]]
    return pd.DataFrame(rows)


def test_concept_findings_name_who_covers_and_who_omits():
    om = _omissions({"risks_side_effects": ["b2"], "cost_insurance": [], "uncertainty": ["a1", "b2", "c3"]})
    coverage = pd.DataFrame({"doc_id": ["a1", "b2", "c3"] * 2, "label": ["Efficacy"] * 3 + ["Mechanism"] * 3,
                             "present": [True, True, True, True, False, False]})
    cooc = pd.DataFrame({"concept_a": ["x", "x", "y"], "concept_b": ["x", "y", "z"], "label_a": ["X", "X", "Y"],
                         "label_b": ["X", "Y", "Z"], "units": [9, 4, 0]})
    text = no_nan(concept_findings(coverage, om, ARTICLES, cooccurrence=cooc))
    assert "Risks: covered by 1 of 3 articles, only by “Trauma Relief Now” (b2), 1 of its 2 mentions negated." in text
    assert "No article mentions cost." in text and "Every article mentions uncertainty." in text
    assert "Concepts every article covers: Efficacy." in text
    assert "share the most sentences: X and Y (4)." in text
    assert not any(word in text for word in SEED_ONLY), "seed-only wording for another corpus"


def test_seed_corpus_is_recognised_by_its_texts():
    seeds = an.load_corpus()
    assert is_seed_corpus(seeds), "the notebooks' seed checks would silently stop running"
    assert not is_seed_corpus(seeds.iloc[:4])
    edited = seeds.copy()
    edited.loc[0, "text"] = edited.loc[0, "text"] + " One more sentence."
    assert not is_seed_corpus(edited)


def test_seed_wording_appears_only_for_the_seed_corpus():
    seeds = an.load_corpus()
    sentences = an.segment(seeds)
    codebook = an.load_codebook()
    coverage = an.concept_coverage(sentences, codebook)
    omissions = an.quality_omissions(coverage)
    text = no_nan(concept_findings(coverage, omissions, seeds))
    assert "4 of 5 seed articles omit risks (80 %), a larger share than the 7 of 17 (41 %)" in text
    assert "Read by hand" in text
    other = seeds.assign(text=seeds["text"] + "\nMore text.")
    text = no_nan(concept_findings(coverage, omissions, other))
    assert not any(word in text for word in SEED_ONLY)
    assert "Risks: covered by 1 of 5 articles, only by" in text and "(002)" in text


def test_validation_findings_say_when_data_is_missing_and_state_what_is_there(tmp_path):
    missing = validation_findings(None, tmp_path / "validation")
    assert missing == [f"Validation data not found at {tmp_path / 'validation'}: no agreement figures can be stated."]
    table = pd.DataFrame([
        ("certainty_pj.jsonl", "val", 136, "pearson_r", "stance", 0.5812),
        ("certainty_pj.jsonl", "val", 136, "spearman_r", "stance", np.nan),
        ("certainty_pj.jsonl", "val", 136, "pearson_r", "naive_modals", 0.52),
        ("claim_strength_yu.csv", "all", 345, "auc_3_vs_2", "stance", 0.95),
        ("claim_strength_yu.csv", "all", 843, "auc_23_vs_1", "stance", 0.39),
        ("stance_coding_dev.csv", "report", 123, "hedge_kappa", "stance", 0.69),
        ("stance_coding_dev.csv", "report", 123, "hedge_kappa", "naive_modals", 0.30),
    ], columns=["data", "split", "n", "measure", "scorer", "value"])
    text = no_nan(validation_findings(table))
    assert "val split (136 sentences): Pearson r = 0.58 (naive five-modal count: r = 0.52)" in text
    assert "above the bag-of-words ridge but below" in text and "Spearman" not in text  # NaN left out, not printed
    assert "AUC = 0.95; 0.5 = chance." in text
    assert "Causal conclusions (direct or conditional) score below correlational ones with AUC = 0.39:" in text
    assert "not used to write rules or fit weights (123): hedge κ = 0.69 (naive 0.30)" in text
    assert "promotion" not in text and "CI" not in text and "resample" not in text
    # with intervals (analysis.validation.validate_folder): each figure with its own
    table["ci_low"], table["ci_high"] = np.nan, np.nan
    table.loc[0, ["ci_low", "ci_high"]] = 0.4512, 0.7049
    table.loc[len(table)] = ("stance_coding_dev.csv", "report", 123, "claim_f1", "stance", 0.764, 0.6265, 0.8696)
    text = no_nan(validation_findings(table))
    assert "Pearson r = 0.58 (95 % CI 0.45–0.70) (naive five-modal count: r = 0.52)" in text
    assert "AUC = 0.95 (naive" not in text and "AUC = 0.95; 0.5 = chance." in text  # no interval, none stated
    assert "claim F1 = 0.76 (95 % CI 0.63–0.87) against two coders who agree at κ 0.92" in text
    assert text.endswith("then the sentences of each document.")


def _model(stable: bool, k: int = 3):
    selection = pd.DataFrame({"k": [2, 3, 4], "stability_ari": [0.5, 0.9 if stable else 0.6, 0.4]})
    selection["stable"] = selection["stability_ari"] >= 0.8
    return SimpleNamespace(selection_=selection, n_themes_=k, stability_=float(selection.loc[1, "stability_ari"]),
                           min_stability=0.8, silhouette_=0.31, labels_=np.array([0, 0, 1, 2, 2, 2]),
                           theme_labels_={0: "brain · glutamate", 1: "cost · insurance", 2: "therapy · trauma"})


def test_theme_findings_known_answers():
    sim = pd.DataFrame([[1, 0.2, 0.05], [0.2, 1, 0.1], [0.05, 0.1, 1]], index=["a1", "b2", "c3"], columns=["a1", "b2", "c3"])
    key = pd.DataFrame({"doc_id": ["b2", "b2", "a1"], "rank": [1, 2, 1], "term": ["your", "you", "nmda"],
                        "g2": [61.2, 20.0, 9.4]})
    shares = pd.DataFrame({"doc_id": ["a1", "a1", "b2", "b2"], "theme": [0, 1, 0, 1], "share_passages": [0.75, 0.25, 0.4, 0.6]})
    empty = pd.DataFrame(columns=["doc_id_a", "doc_id_b"])
    text = no_nan(theme_findings(ARTICLES, sim, duplicates=empty, key_terms=key, model=_model(True), shares=shares,
                                 choices={0: 3, 1: 3}, map_variance=[0.03, 0.02]))
    assert "runs from 0.05 to 0.20; the closest pair is “Ketamine Clinic” (a1) and “Trauma Relief Now” (b2) (0.20)" in text
    assert "c3 is least like the others (mean 0.07)" in text
    assert "no reused copy was found" in text
    assert "“Trauma Relief Now” (b2): your, you (top G² 61)" in text and "No word is key for c3." in text
    assert "fall into 3 themes (mean pairwise adjusted Rand index 0.90 across seeds, silhouette 0.31)" in text
    assert "1: cost · insurance (1 passage) and 2: therapy · trauma (3 passages)" in text
    assert "“Ketamine Clinic” (a1) theme 0 (75 %)" in text and "“Trauma Relief Now” (b2) theme 1 (60 %)" in text
    assert "keeps 5 % of the variance" in text


def test_theme_findings_say_when_themes_are_unstable_or_cannot_be_formed():
    sim = pd.DataFrame([[1, 0.2], [0.2, 1]], index=["a1", "b2"], columns=["a1", "b2"])
    text = no_nan(theme_findings(ARTICLES.iloc[:2], sim, model=_model(False), choices={0: 3, 1: 2, 2: 3}))
    assert "These passages do not form stable themes" in text and "k = 3, reached 0.60" in text
    assert "k = 3 for random_state 0, 2 for random_state 1, 3 for random_state 2" in text and "not robust" in text
    assert "Themes by their top terms" not in text, "unstable themes are not described as themes"
    why_not = an.theme_candidates(["Ketamine may help."], range(2, 9))[1]
    text = no_nan(theme_findings(ARTICLES.iloc[:1], sim.iloc[:1, :1], model=None, why_not=why_not))
    assert "With one article, similarity, shared copy and keyness cannot be computed" in text
    assert "No themes: 1 passage(s) cannot be split into 2 or more themes (a partition" in text


def test_a_missing_number_never_reaches_the_text():
    summary = pd.DataFrame({"doc_id": ["a1", "b2", "c3"], "n_words": [10, 20, 30], "fk_grade_body": [np.nan] * 3,
                            "share_words_body": [1.0] * 3})
    text = no_nan(corpus_findings(summary, ARTICLES))
    assert "no reading grade can be computed" in text
    assert all(math.isfinite(float(x)) for x in re.findall(r"\d+(?:\.\d+)?", text.replace(",", "")))


def test_long_file_name_ids_are_not_repeated_in_the_sentences():
    long_id = "what-our-infusion-clinic-patients-should-know-before-booking-2024"
    articles = pd.DataFrame({"doc_id": [long_id, "b2"], "title": ["Infusions for PTSD", "Relief"],
                             "text": ["x", "y"]})
    summary = pd.DataFrame({"doc_id": [long_id, "b2"], "n_words": [100, 200], "fk_grade_body": [9.0, 10.0],
                            "share_words_body": [1.0, 1.0]})
    text = no_nan(corpus_findings(summary, articles))
    assert "from 100 (“Infusions for PTSD”) to 200 (“Relief” (b2))" in text and long_id not in text
