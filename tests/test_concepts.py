"""Concept coverage: known answers on tiny texts, negation, zones, custom and bad codebooks,
and the seed articles coded by hand."""
from __future__ import annotations

import copy

import pandas as pd
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import analysis as an
from analysis.concepts import (CODEBOOK_PATH, CodebookError, concept_coverage, concept_mentions, cooccurrence,
                               group_coverage, load_codebook, quality_omissions)
from analysis.negation import load_negation_cues, negation_cue


def sentences_of(**docs: str) -> pd.DataFrame:
    return an.segment(pd.DataFrame({"doc_id": list(docs), "text": list(docs.values())}))


def present(coverage: pd.DataFrame, doc_id: str) -> set[str]:
    rows = coverage[(coverage["doc_id"] == doc_id) & coverage["present"]]
    return set(rows["concept"])


# --- the bundled codebook -------------------------------------------------------------------

def test_default_codebook_shape_and_quality_items():
    cb = load_codebook()
    assert len(cb.concepts) >= 14 and cb.concepts["concept"].is_unique
    quality = cb.concepts[cb.concepts["quality_item"]].set_index("concept")["quality_source"]
    # the six information-quality items of the brief, each citing its instrument
    assert set(quality.index) == {"evidence_cited", "uncertainty", "risks_side_effects", "comparison_standard_care",
                                  "cost_insurance", "regulatory_status"}
    assert quality.str.contains("DISCERN|HNR").all()
    assert (cb.concepts[["definition", "include", "exclude"]] != "").all().all()
    assert cb.counted_zones == ("body", "heading")
    assert "call_to_action" in cb.concepts.set_index("concept").at["call_to_action", "zones"]


# --- known answers --------------------------------------------------------------------------

@pytest.mark.parametrize("text, concept", [
    ("Ketamine blocks NMDA receptors and triggers a glutamate surge.", "receptor_pharmacology"),
    ("It raises BDNF and drives synaptogenesis.", "neuroplasticity"),
    ("It quiets the default mode network.", "brain_networks"),
    ("Patients feel better within hours.", "rapid_onset"),
    ("A randomized, placebo-controlled trial was published in JAMA.", "evidence_cited"),
    ("Long-term effects are unknown and more research is needed.", "uncertainty"),
    ("It works faster than SSRIs.", "comparison_standard_care"),
    ("We combine ketamine with EMDR and cognitive-behavioural therapy.", "psychotherapy"),
    ("Each IV infusion lasts 40 minutes.", "administration"),
    ("Sessions are medically supervised and vital signs are monitored.", "supervision_setting"),
    ("Side-effects include nausea and raised blood pressure.", "risks_side_effects"),
    ("Esketamine (Spravato) is FDA-approved; IV ketamine is used off-label.", "regulatory_status"),
    ("Most insurers do not cover it, so the cost is paid out-of-pocket.", "cost_insurance"),
    ("Clinics are charging $400 to $800 per session.", "cost_insurance"),
    ("Candidates are screened for a history of psychosis.", "eligibility_screening"),
])
def test_each_concept_on_a_tiny_text(text, concept):
    coverage = concept_coverage(sentences_of(a=text))
    assert concept in present(coverage, "a")



def test_the_emotional_charge_of_a_memory_is_no_cost():
    coverage = concept_coverage(sentences_of(a="Ketamine lowers the emotional charge of memories; they feel less charged."))
    assert "cost_insurance" not in present(coverage, "a")

def test_counts_rates_and_absent_articles():
    # 20 words, 2 risk mentions -> 100.0 per 1,000 words; doc b mentions nothing but still gets rows
    text = "Ketamine has risks. Common side effects are reported by some patients in the clinic after every single visit to us."
    sents = sentences_of(a=text, b="Nothing relevant here at all.")
    assert sents.groupby("doc_id")["n_words"].sum()["a"] == 20
    cov = concept_coverage(sents).set_index(["doc_id", "concept"])
    row = cov.loc[("a", "risks_side_effects")]
    assert row["mentions"] == 2 and row["sentences"] == 2 and row["n_words"] == 20
    assert row["mentions_per_1k_words"] == pytest.approx(100.0)
    assert not cov.loc["b", "present"].any() and len(cov.loc["b"]) == len(load_codebook().concepts)
    assert (cov.loc["b", "n_words"] == 5).all()


def test_rates_use_the_same_word_counts_as_notebook_01(seed_articles, seed_sentences):
    cov = concept_coverage(seed_sentences)
    summary = an.describe_corpus(seed_articles, seed_sentences).set_index("doc_id")["n_words"]
    assert cov.groupby("doc_id")["n_words"].first().to_dict() == summary.to_dict()


def test_general_patterns_inflections_and_abbreviations():
    sents = sentences_of(
        a="Infusions are given intravenously (IV).",      # abbreviation
        b="Criteria follow DSM-IV and DSM-5.",            # not IV
        c="Trials have shown it is efficacious; researchers studied 40 veterans.",
        d="People at risk of PTSD and other risk factors.",  # exclusion spans: not a treatment risk
        e="It is reducing symptoms for many.",            # an inflected multi-word pattern
    )
    cov = concept_coverage(sents)
    assert {"administration"} <= present(cov, "a")
    assert "administration" not in present(cov, "b")
    assert {"evidence_cited", "efficacy"} <= present(cov, "c")
    assert "risks_side_effects" not in present(cov, "d")
    m = concept_mentions(sents)
    assert set(m.loc[m["doc_id"] == "c", "matched"]) >= {"Trials", "researchers", "studied", "efficacious"}
    assert list(m.loc[m["doc_id"] == "e", "matched"]) == ["reducing symptoms"]


# --- negation --------------------------------------------------------------------------------

def test_negated_mentions_are_flagged_but_still_cover_the_concept():
    sents = sentences_of(a="Ketamine is not addictive. It is not FDA-approved for PTSD. Nausea can occur.")
    m = concept_mentions(sents).set_index("matched")
    assert m.at["addictive", "negated"] and m.at["addictive", "negation_cue"] == "not"
    assert m.at["FDA-approved", "negated"] and not m.at["Nausea", "negated"]
    cov = concept_coverage(sents).set_index("concept")
    assert cov.at["risks_side_effects", "mentions"] == 2 and cov.at["risks_side_effects", "negated_mentions"] == 1
    assert cov.at["regulatory_status", "present"] and cov.at["regulatory_status", "negated_mentions"] == 1


def test_no_side_effects_is_a_negated_risk_claim():
    m = concept_mentions(sentences_of(a="Enjoy relief without side effects."))
    risk = m[m["concept"] == "risks_side_effects"]
    assert risk["negated"].tolist() == [True] and risk["negation_cue"].tolist() == ["without"]


_NEGATION_PIECES = (sorted(load_negation_cues()[0]) + ["free of", "not only", "no doubt", "Not", "DON’T", "know",
                                                       "nothing", "İ", "side effects", "addictive", "FDA-approved",
                                                       "risks", "nausea", "cure", "x" * 60, ",", ".", "but", "\n"])


@pytest.mark.parametrize("text, cue", [
    ("It is not " + "x" * 60 + " nausea.", "not"),    # 3 words but 65 characters back: still in reach
    ("It is not " + "x" * 77 + " nausea.", None),     # the rule looks 80 characters back at most
    ("A casino " + "x" * 76 + " nausea.", "no"),      # ... and reads the word it cuts there as "no"
])
def test_negation_reach_at_the_window_edge(text, cue):
    m = concept_mentions(sentences_of(a=text))
    assert m["negation_cue"].tolist() == [cue or ""] and negation_cue(text, text.index("nausea")) == cue


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_NEGATION_PIECES), max_size=30).map(" ".join))
def test_negation_flags_are_the_rule_on_every_mention(text):
    # the rule runs only where the scan found a cue string in reach: that must never miss a negation
    sents = sentences_of(a=text)
    m = concept_mentions(sents)
    sentence_start = sents.set_index("sent")["start"]
    expected = [negation_cue(row.text, row.start - sentence_start[row.sent]) for row in m.itertuples()]
    assert m["negation_cue"].tolist() == [cue or "" for cue in expected]
    assert m["negated"].tolist() == [cue is not None for cue in expected]


# --- zones and the evidence table ------------------------------------------------------------

def test_zones_navigation_and_disclaimer_do_not_count_but_stay_in_the_evidence():
    text = ("Ketamine Basics\nIt works within hours.\nRead more: The Safety and Side Effects of Ketamine\n"
            "Disclaimer:\nAsk your physician about the risks.\nCall us today to book a consultation!")
    sents = sentences_of(a=text)
    m = concept_mentions(sents)
    assert set(sents["zone"]) >= {"navigation", "disclaimer", "call_to_action"}
    nav = m[m["zone"].isin(["navigation", "disclaimer"])]
    assert set(nav["concept"]) >= {"risks_side_effects", "safety_assurance"} and not nav["counted"].any()
    cov = concept_coverage(sents, mentions=m)
    assert {"rapid_onset", "call_to_action"} <= present(cov, "a")
    assert not {"risks_side_effects", "safety_assurance"} & present(cov, "a")
    # every evidence row slices back to the article text and its sentence
    row = m[m["matched"] == "within hours"].iloc[0]
    assert text[row.start:row.end] == "within hours" and row.text == "It works within hours."
    assert list(m.columns[:6]) == ["doc_id", "para", "sent", "zone", "group", "concept"]


def test_cooccurrence_counts_sentences():
    sents = sentences_of(a="SSRIs take weeks, ketamine works within hours. It is fast. Side effects are rare.")
    co = cooccurrence(concept_mentions(sents)).set_index(["concept_a", "concept_b"])
    assert co.at[("rapid_onset", "comparison_standard_care"), "units"] == 1
    assert co.at[("rapid_onset", "rapid_onset"), "units"] == 2
    assert co.at[("rapid_onset", "risks_side_effects"), "units"] == 0
    assert co.at[("rapid_onset", "rapid_onset"), "docs"] == 1


def test_group_coverage_and_omissions_tables():
    cov = concept_coverage(sentences_of(a="It costs $400; insurance rarely pays. It works within hours."))
    groups = group_coverage(cov).set_index("group")
    assert groups.at["access", "concepts_present"] == 1 and groups.at["access", "concepts"] == 4
    assert groups.at["access", "share_present"] == pytest.approx(0.25)
    om = quality_omissions(cov).set_index("concept")
    assert om.at["cost_insurance", "covered"] and om.at["risks_side_effects", "omitted"]
    assert len(om) == 6


# --- custom and bad codebooks ----------------------------------------------------------------

MINI = {
    "counted_zones": ["body", "heading"],
    "groups": [{"id": "food", "label": "Food", "concepts": [
        {"id": "fruit", "label": "Fruit", "definition": "Fruit named.", "include": "apples, pears",
         "exclude": "apple the company", "patterns": ["apple*", "pear", "pears"],
         "exclude_patterns": ["apple inc"]},
        {"id": "price", "label": "Price", "definition": "Money.", "include": "cost", "exclude": "none",
         "quality": {"item": "cost", "source": "HNR 1"}, "patterns": ["cost*"]},
    ]}],
}


def test_custom_codebook_from_file_and_mapping(tmp_path):
    path = tmp_path / "mini.yaml"
    path.write_text(yaml.safe_dump(MINI), encoding="utf-8")
    sents = sentences_of(a="Apples and a pear. Apple Inc makes phones.", b="It costs little.")
    for codebook in (path, MINI, load_codebook(path)):
        cov = concept_coverage(sents, codebook)
        assert list(dict.fromkeys(cov["concept"])) == ["fruit", "price"]
        assert cov.set_index(["doc_id", "concept"]).at[("a", "fruit"), "mentions"] == 2   # Apple Inc excluded
        assert present(cov, "b") == {"price"}
    assert quality_omissions(concept_coverage(sents, MINI))["concept"].unique().tolist() == ["price"]


def _bad(mutate) -> dict:
    data = copy.deepcopy(MINI)
    mutate(data)
    return data


@pytest.mark.parametrize("mutate, message", [
    (lambda d: d["groups"][0]["concepts"][0].pop("definition"), r"group 'food' / concept 'fruit': missing 'definition'"),
    (lambda d: d["groups"][0]["concepts"][1].update(patterns=[]), r"concept 'price': 'patterns' must be a non-empty list"),
    (lambda d: d["groups"][0]["concepts"][0].update(patterns=["*apple"]), r"concept 'fruit': bad pattern '\*apple'"),
    (lambda d: d["groups"][0]["concepts"][0].update(patterns=["appl* pie"]), r"concept 'fruit': bad pattern 'appl\* pie'"),
    (lambda d: d["groups"][0]["concepts"][1].update(id="fruit"), r"concept 'fruit': duplicate concept id"),
    (lambda d: d["groups"][0]["concepts"][1].update(id="Price Tag"), r"id must be lower_snake_case.*'Price Tag'"),
    (lambda d: d["groups"][0]["concepts"][0].update(zones=["sidebar"]), r"concept 'fruit': zones: unknown zone\(s\) \['sidebar'\]"),
    (lambda d: d["groups"][0]["concepts"][0].update(pattern=["x"]), r"concept 'fruit': unknown key\(s\) \['pattern'\]"),
    (lambda d: d["groups"][0]["concepts"][1].update(quality={"item": "cost"}), r"concept 'price': 'quality' must be"),
    (lambda d: d["groups"][0]["concepts"][0].update(patterns=["pear", "Pear"]), r"concept 'fruit': pattern\(s\) \['pear'\] listed twice"),
    (lambda d: d["groups"][0].update(concepts=[]), r"group 'food': 'concepts' must be a non-empty list"),
    (lambda d: d.update(groups=[]), r"'groups' must be a non-empty list"),
    (lambda d: d.update(counted_zones=["body", "footer"]), r"counted_zones: unknown zone"),
])
def test_bad_codebook_names_the_entry(tmp_path, mutate, message):
    path = tmp_path / "bad.yaml"
    path.write_text(yaml.safe_dump(_bad(mutate)), encoding="utf-8")
    with pytest.raises(CodebookError, match=message) as info:
        load_codebook(path)
    assert str(path) in str(info.value)


def test_bad_yaml_and_missing_file_name_the_file(tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text("groups:\n  - id: a\n    concepts: [\n", encoding="utf-8")
    with pytest.raises(CodebookError, match=r"broken.yaml, line \d+: YAML syntax error"):
        load_codebook(path)
    with pytest.raises(CodebookError, match="not found"):
        load_codebook(tmp_path / "nope.yaml")
    with pytest.raises(TypeError, match="got a string"):
        concept_coverage("some text")


def test_default_codebook_path_is_package_data():
    assert CODEBOOK_PATH.is_file() and load_codebook(CODEBOOK_PATH).concepts.equals(load_codebook().concepts)


# --- the seed articles, coded by hand --------------------------------------------------------
# What a human coder reading the five articles codes (body text and headings only):
# * risks / side effects: only 002 names a harm ("This can be an unsettling experience" about the dissociative
#   state). 001 and 004 mention dissociation but as the therapeutic effect; 004 only reassures ("ketamine is safe");
#   000's "safety" is a link title (navigation) and "safe" a reassurance. 4 of 5 omit risks (cf. Crane et al. 2023).
# * regulatory status: none mentions FDA approval, off-label use, esketamine/Spravato or scheduling.
# * cost / insurance: none mentions price, insurance or payment.
# * evidence cited: only 000 points to research ("As more clinical studies affirm its potential"); 001 says
#   "science-backed" and 001-004 promise "the science behind" (appeal to science, not a source); 003's
#   "ongoing research" concerns MDMA's availability, an uncertainty statement, not a source.
# * uncertainty: 000 says ketamine "is not a standalone cure" and "is being explored"; 002 and 004 state no limits.
# * psychotherapy: 000 (EMDR, CBT), 001 (KAP), 003 (CBT, somatic therapy), 004 (KAP, EMDR); 002 names exposure
#   therapy only as the slow alternative (the concept's exclusion note: coded, check the sentence) - not asserted.
# * brain networks: 000 names "brain circuits" and "brain regions involved in emotion and memory", 002 and 003 the
#   amygdala and hippocampus, 004 the default mode network; 001 names none (only "the brain").
# * mechanism: all five name glutamate or NMDA receptors.
# * call to action: 001-004 ask the reader to contact the clinic; 000 has none.

HAND_CODED = {
    "risks_side_effects": {"002"},
    "regulatory_status": set(),
    "cost_insurance": set(),
    "evidence_cited": {"000"},
    "brain_networks": {"000", "002", "003", "004"},
    "receptor_pharmacology": {"000", "001", "002", "003", "004"},
    "call_to_action": {"001", "002", "003", "004"},
}


@pytest.mark.parametrize("concept", sorted(HAND_CODED))
def test_seed_articles_match_hand_coding(seed_sentences, concept):
    cov = concept_coverage(seed_sentences)
    coded = set(cov.loc[(cov["concept"] == concept) & cov["present"], "doc_id"])
    assert coded == HAND_CODED[concept]


def test_seed_articles_hand_coded_partial(seed_sentences):
    cov = concept_coverage(seed_sentences)
    assert "uncertainty" in present(cov, "000")
    assert not {"uncertainty", "risks_side_effects"} & present(cov, "004")
    assert "safety_assurance" in present(cov, "004")
    for doc in ("000", "001", "003", "004"):
        assert "psychotherapy" in present(cov, doc)
    m = concept_mentions(seed_sentences)
    risk = m[(m["concept"] == "risks_side_effects") & m["counted"]]
    assert risk["text"].tolist() == ["This can be an unsettling experience, but it is also short-lived."]
    # 000's only "Safety" is the title of a linked post: kept as evidence, not counted
    nav = m[(m["doc_id"] == "000") & (m["zone"] == "navigation")]
    assert "safety_assurance" in set(nav["concept"]) and not nav["counted"].any()
