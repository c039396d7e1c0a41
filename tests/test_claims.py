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
              "Book your consultation today.", "How Ketamine Works",
              "Researchers are increasingly interested in ketamine, an anaesthetic."]  # a trend, no effect


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


def test_a_drug_named_only_by_its_inn_stem_is_an_intervention():
    # made-up names with real INN stems (-mab, -tinib, -pril, -statin): no word list holds them
    texts = ["Zorvimab prolonged progression-free survival.", "Velatinib shrank tumours in most patients.",
             "Quinapril lowered blood pressure.", "Pemastatin reduced cardiovascular deaths.",
             "In April, cocaine caused harm.", "The anatomy of this dichotomy is complex."]
    table = claim_table(texts)
    assert table["treatment"].tolist() == [1.0] * 4 + [0.0] * 2  # no -pril in April, cocaine is an exposure
    assert "treatment:Zorvimab" in table["cues"][0] and table["agent_effect"][0] == 1
    assert claim_flags(texts[:4]).tolist() == [True] * 4


def test_more_inn_stems_name_drugs_but_cholesterol_is_no_drug():
    texts = ["Ezetimibe increased cholesterol transport.", "Zelafil improved erectile function.",
             "Lorazolam eased anxiety before surgery.", "Cholesterol increased with age."]
    table = claim_table(texts)
    assert table["treatment"].tolist() == [1.0, 1.0, 1.0, 0.0]  # -imibe, -afil, -azolam; no -terol stem
    assert table["claim"].tolist() == [True, True, True, False]


def test_a_procedure_named_by_its_suffix_is_an_intervention():
    texts = ["Sleeve gastrectomy achieved durable weight loss.", "Balloon valvuloplasty yielded fewer complications.",
             "Cryotherapy eased the pain.", "Prophylactic craniotomy was feasible in children."]
    table = claim_table(texts)
    assert table["treatment"].tolist() == [1.0] * 4
    assert "treatment:gastrectomy" in table["cues"][0] and "effect:achieved" in table["cues"][0]
    assert table["claim"].tolist() == [True] * 4


def test_abbreviations_that_are_words_count_only_in_capitals():
    table = claim_table(["Men on ART had fewer deaths.", "Art classes and meal prep help many people."])
    assert "treatment:ART" in table["cues"][0] and table["claim"][0]
    assert table["treatment"][1] == 0


def test_a_trial_outcome_with_a_benefit_verb_is_a_claim_but_not_an_exposure_association():
    texts = ["The new regimen reduced hospitalisations.", "Early mobilisation prevented complications.",
             "Eating nuts was associated with reduced hospitalization."]  # diet exposure (codebook §Claim: 0)
    table = claim_table(texts)
    assert table["claim_rule"].tolist()[1] == "benefit-on-outcome"
    assert table["claim"].tolist() == [True, True, False]


def test_a_comparison_of_outcomes_is_an_effect_only_beside_an_intervention():
    texts = ["Patients on the new regimen had lower mortality.", "Surgery gave no difference in survival.",
             "Smokers had higher mortality.", "Lower doses of the drug are given at home."]
    table = claim_table(texts)
    assert "effect:lower mortality" in table["cues"][0] and "effect:no difference in" in table["cues"][1]
    assert table["effect"][3] == 0  # the adjective alone is no cue
    assert table["claim"].tolist() == [True, True, False, False]  # a risk factor names no intervention


def test_its_in_the_idiom_of_its_kind_does_not_refer_to_the_treatment():
    table = claim_table(["The first study of its kind found that hospitals with lower mortality rates fared well."])
    assert "[anaphor:its]" in table["cues"][0] and table["anaphor"][0] == 0 and not table["claim"][0]


def test_the_other_forms_of_an_effect_verb_and_outcome_first_comparisons_are_effects():
    texts = ["The treatment led to remission in 40% of participants.", "Taking the supplement did not lower blood pressure.",
             "Mortality was lower in the statin group.", "Smokers were more likely to relapse.",
             "Lower doses of the drug are given at home."]
    table = claim_table(texts)
    assert "effect:led to" in table["cues"][0] and "effect:not lower" in table["cues"][1]
    assert "effect:was lower" in table["cues"][2] and table["outcome_effect"][2] == 1
    assert table["effect"][4] == 0  # the adjective lower is still no cue
    assert table["claim"].tolist() == [True, True, True, False, False]  # a risk factor names no intervention


def test_side_effects_are_effects_of_an_intervention():
    texts = ["Some patients experience mild side effects during the infusion.",
             "Side effects typically wear off within an hour after treatment.",
             "Common side effects of trauma include:"]
    table = claim_table(texts)
    assert "effect:side effects" in table["cues"][0]
    assert table["claim"].tolist() == [True, True, False]  # no intervention named; and a lead-in of a list


def test_cue_words_keep_to_the_sense_that_states_an_effect():
    table = claim_table(["The clinic offers a supportive space for therapy.", "Ketamine is easily given as an infusion.",
                         "Dairy products reduced nothing in the treatment arm.", "Ketamine is not responsible for it."])
    assert "effect:supportive" not in table["cues"][0] and "effect:easily" not in table["cues"][1]
    assert "effect:products" not in table["cues"][2] and "outcome:responsible" not in table["cues"][3]
    assert not table["claim"][0] and not table["claim"][1]


def test_a_list_lead_in_is_no_claim_only_when_it_just_announces_the_list():
    table = claim_table(["Benefits of ketamine therapy include:", "Ketamine helps in three ways:",
                         "Ketamine’s effects are linked to its impact on several key areas of the brain:"])
    assert table["not_claim"].tolist() == ["list-lead-in", "", ""]
    assert table["claim"].tolist() == [False, True, True]


def test_a_treated_or_assisted_compound_names_an_intervention():
    table = claim_table(["Ketamine-treated patients showed reduced anxiety.", "MDMA-assisted therapy reduced nightmares.",
                         "Untreated PTSD worsened.", "Insulin resistance increased with age."])
    assert "treatment:Ketamine-treated" in table["cues"][0] and "treatment:MDMA-assisted" in table["cues"][1]
    assert "[treatment:Insulin]" in table["cues"][3]  # the body's hormone, not the drug
    assert table["claim"].tolist() == [True, True, False, False]


def test_the_people_treated_reporting_a_benefit_is_a_claim_a_symptom_they_have_is_not():
    table = claim_table(["Many patients experience relief within hours.", "Clients frequently report fewer nightmares.",
                         "Many people with PTSD experience flashbacks and poor sleep."])
    assert table["claim_rule"].tolist()[:2] == ["beneficiary-reports-benefit"] * 2
    assert table["claim"].tolist() == [True, True, False]


def test_how_long_or_how_soon_an_effect_comes_is_a_claim_of_the_effect_not_of_a_disease():
    table = claim_table(["The effects of a single infusion can last for weeks.", "The benefits typically last two to three weeks.",
                         "Ketamine’s antidepressant effect appears within hours.", "The effects of trauma can last for years."])
    assert table["claim_rule"].tolist()[1:3] == ["effect-duration"] * 2
    assert table["claim"].tolist() == [True, True, True, False]


def test_figures_and_lists_of_outcomes_name_an_intervention_outcome():
    table = claim_table(["Response rates of up to 70% have been reported.", "Side effects such as nausea are usually mild.",
                         "Within 24 hours, symptoms of depression decrease significantly.", "Symptoms of PTSD include flashbacks."])
    assert table["claim_rule"].tolist() == ["implied-intervention-outcome"] * 2 + ["symptoms-improve", ""]
    assert table["claim"].tolist() == [True, True, True, False]


def test_a_noun_that_looks_like_an_instruction_verb_makes_no_instruction():
    table = claim_table(["Talk therapy works better after ketamine sessions.", "Talk to your doctor about ketamine.",
                         "Visit-to-visit variability predicts relapse."])
    assert table["not_claim"].tolist() == ["", "instruction", ""]
    assert table["claim"][0]


def test_a_research_agenda_or_an_abbreviation_list_is_no_claim():
    table = claim_table(["Future trials should test whether ketamine improves sleep in veterans.",
                         "Larger studies are needed to confirm that ketamine reduces nightmares.",
                         "ABBREVIATIONS: TRD = treatment-resistant depression; IV = intravenous.",
                         "Ketamine reduced nightmares, and larger studies are needed."])
    assert table["not_claim"].tolist() == ["research-agenda", "research-agenda", "abbreviation-list", ""]
    assert table["claim"].tolist() == [False, False, False, True]


def test_what_a_person_feels_after_a_treatment_is_an_outcome_of_it():
    table = claim_table(["I finally slept well after my third infusion.",
                         "Many clients feel calm and detached during the session.",
                         "You will be monitored during the infusion.",
                         "Patients felt anxious before the first session."])
    assert table["claim_rule"].tolist()[:2] == ["experience-after-treatment"] * 2
    assert table["claim"].tolist() == [True, True, False, False]


def test_a_change_in_the_brain_is_a_mechanism_claim_but_a_definition_is_not():
    table = claim_table(["This is believed to encourage the growth of new synaptic connections.",
                         "Neuroplasticity is the ability of the brain to form new connections.",
                         "Chronic stress creates rigid neural pathways."])
    assert table["claim_rule"][0] == "brain-change"
    assert table["claim"].tolist() == [True, False, False]


def test_a_verbless_benefit_item_is_a_claim_a_price_item_is_not():
    table = claim_table(["Fewer nightmares and better sleep", "A calmer mood and less stress", "Reduced rates for veterans",
                         "Better sleep is important for health."])
    assert table["claim_rule"].tolist()[:2] == ["benefit-item"] * 2
    assert table["claim"].tolist()[:3] == [True, True, False]
    assert table["claim_rule"][3] != "benefit-item"


def test_a_booster_infusion_or_an_eye_mask_is_no_effect():
    table = claim_table(["Occasional booster infusions are offered.", "You rest with an eye mask during the infusion."])
    assert table["claim"].tolist() == [False, False]
    assert ["[effect:booster]" in table["cues"][0], "[effect:mask]" in table["cues"][1]] == [True, True]  # shown dropped


def test_a_quoted_first_person_account_of_feeling_better_is_a_claim():
    table = claim_table(['"I feel like myself again for the first time in years." — Dana, 38',
                         '"My nightmares finally stopped.',
                         "I feel like myself again.",  # no quotation: not a testimonial by its form
                         '"I was nervous before my first visit." — Sam'])
    assert table["claim_rule"].tolist()[:2] == ["testimonial"] * 2
    assert table["claim"].tolist() == [True, True, False, False]


def test_a_treatment_as_the_subject_of_a_hedged_action_is_a_claim():
    table = claim_table(["Ketamine appears to open a window for new learning.",
                         "It also seems to quiet the default mode network.",
                         "Ketamine appears to be well known.", "It seems to me that the clinic is busy."])
    assert table["claim_rule"].tolist()[:2] == ["hedged-action"] * 2
    assert table["claim"].tolist() == [True, True, False, False]


def test_experiencing_a_side_effect_or_a_boxed_warning_is_a_claim():
    table = claim_table(["Some guests may experience temporary lightheadedness or nausea.",
                         "Spravato carries a boxed warning about sedation.",
                         "Many people with PTSD experience dissociation.",  # a symptom of trauma, left out
                         "Nausea is common in pregnancy."])
    assert table["claim_rule"].tolist()[:2] == ["side-effect-experienced"] * 2
    assert table["claim"].tolist() == [True, True, False, False]


def test_named_symptoms_that_stop_or_fade_and_effects_that_wear_off_are_claims():
    table = claim_table(["Within a few weeks, the nightmares stopped.", "Flashbacks became less frequent.",
                         "These effects usually fade within an hour.", "Nightmares are common after trauma.",
                         "The effects of trauma can last for years."])
    assert table["claim_rule"].tolist()[:3] == ["symptoms-improve", "symptoms-improve", "effect-duration"]
    assert table["claim"].tolist() == [True, True, True, False, False]


def test_a_treatment_that_starts_working_and_a_lift_in_mood_are_claims():
    table = claim_table(["SSRIs can take six weeks to start working.", "Many patients notice a lift in mood.",
                         "Patients can start working again after the clinic visit."])
    assert "effect:start working" in table["cues"][0]
    assert table["claim_rule"][1] == "beneficiary-reports-benefit"
    assert table["claim"].tolist() == [True, True, False]  # no treatment in the third


def test_it_after_a_condition_refers_to_the_condition_not_the_treatment():
    table = claim_table(["When someone lives through a traumatic event, it can trigger a reaction in the brain.",
                         "PTSD is hard to treat, but ketamine can help because it works within hours."])
    assert "[anaphor:it]" in table["cues"][0]  # shown dropped
    assert table["claim"].tolist() == [False, True]


def test_a_benefit_as_the_result_of_an_unnamed_intervention_is_a_claim_a_change_from_an_exposure_is_not():
    table = claim_table(["The new care pathway led to significant improvements in postoperative outcomes.",
                         "The programme resulted in remission for most participants.",
                         "Lockdown led to a reduction in physical activity.",
                         "Childhood trauma led to changes in the brain."])
    assert table["claim_rule"].tolist()[:2] == ["benefit-result"] * 2
    assert table["claim"].tolist() == [True, True, False, False]


def test_something_effective_at_an_effect_is_a_claim_a_test_effective_at_detecting_is_not():
    table = claim_table(["MISC was effective in teaching caregivers new skills.",
                         "The score was effective in identifying patients at risk.",
                         "The questionnaire is cost-effective."])
    assert table["claim_rule"][0] == "effective-for"
    assert table["claim"].tolist() == [True, False, False]


def test_a_reported_absence_of_improvement_is_non_response_a_conditional_is_not():
    table = claim_table(["Fasting glucose did not significantly improve in the second group.",
                         "There was no clear improvement in neurological outcomes after TTM.",
                         "Participants in the waiting-list condition did not show any significant improvement.",
                         "If you do not see improvement, call your doctor."])
    assert table["claim_rule"].tolist()[:3] == ["no-improvement"] * 3
    assert table["claim"].tolist() == [True, True, True, False]


def test_an_expletive_it_refers_to_nothing_so_it_is_no_treatment():
    table = claim_table(["It is suggested that DHA down-regulates the expression of the LDL receptor.",
                         "It was not the diet, but other factors that increased insulin resistance.",
                         "It reduces PTSD symptoms within hours.",
                         "It is known to reduce PTSD symptoms within hours."])  # a raising verb: it is the treatment
    assert [c.startswith("anaphor:It") for c in table["cues"]] == [False, False, True, True]
    assert table["claim"].tolist() == [False, False, True, True]


def test_a_result_between_trial_arms_is_a_claim_a_baseline_comparison_is_not():
    table = claim_table(["There were no differences in symptom trajectories between study arms.",
                         "No statistically significant differences in QoL were found (one RCT).",
                         "Pain was similar in the intervention arm.",  # one arm: the prefilter must find it too
                         "Baseline characteristics did not differ between the treatment groups.",
                         "Patients were randomized to two study arms."])
    assert table["claim_rule"].tolist() == ["arm-comparison"] * 3 + ["", ""]
    assert table["claim"].tolist()[:3] == [True] * 3 and not table["claim"][4]


def test_what_people_eat_or_drink_is_a_diet_exposure_not_an_intervention():
    table = claim_table(["Caffeine intake reduced the odds of erectile dysfunction.",
                         "The consumption of sugar-sweetened beverages increased the risk of diabetes.",
                         "The effects on consumption suggest that mindfulness instructions reduce drinking.",
                         "Intake visit and medical screening"])
    assert table["not_claim"].tolist()[:2] == ["diet-exposure"] * 2
    assert table["not_claim"][2] != "diet-exposure" and table["not_claim"][3] != "diet-exposure"
    assert table["claim"].tolist()[:2] == [False, False]


def test_a_treatment_as_a_tool_for_a_condition_is_a_claim_a_tool_that_measures_is_not():
    table = claim_table(["Ketamine is a powerful tool for healing trauma.",
                         "Ketamine is a promising tool for treatment-resistant depression.",
                         "The questionnaire is a promising screening tool for the prediction of malnutrition.",
                         "Serum AMH is a relevant tool for ovarian reserve assessment during treatment.",
                         "The scan is a useful diagnostic tool."])
    assert table["claim_rule"].tolist() == ["treatment-role"] * 2 + [""] * 3
    assert table["claim"].tolist() == [True, True, False, False, False]


def test_safety_in_a_group_of_patients_is_an_outcome_safety_as_a_property_is_not():
    table = claim_table(["Prepectoral reconstruction can be safely performed in patients with a BMI below 40.",
                         "Treating young patients with sapropterin is safe.",
                         "The valve was safe and effective in a high-risk cohort of patients.",
                         "Ketamine is a safe anesthetic.",
                         "Is ketamine safe?",
                         "Our clinic is a safe space for veterans."])
    assert table["claim_rule"].tolist() == ["safety-in-use"] * 3 + [""] * 3
    assert table["claim"].tolist() == [True] * 3 + [False] * 3


def test_the_acute_experience_of_a_session_and_a_safety_result_are_claims():
    table = claim_table(["Most guests describe the infusion as floaty and dreamlike.",
                         "You will probably start to feel the effects within ten minutes.",
                         "No serious adverse events were observed.",
                         "Participants in both groups showed similar rates of improvement.",
                         "The drug seems to soften painful memories.",
                         "Travellers often feel the effects of jet lag.",  # effects of something named: no rule
                         "No complications of the disease were seen in the first year."])  # not an absence of harm
    assert table["claim_rule"].tolist()[:4] == ["side-effect-experienced", "side-effect-experienced",
                                                "implied-intervention-outcome", "beneficiary-reports-benefit"]
    assert table["claim"].tolist() == [True] * 5 + [False] * 2


def test_help_to_decide_advice_and_topics_are_no_effect():
    table = claim_table(["Our nurse will help you decide whether ketamine is a good fit.",
                         "We encourage you to keep seeing your therapist during treatment.",
                         "This guide explains how the two treatments differ.",
                         "Who may benefit from ketamine",
                         "Therapy can help you sleep again."])  # help with an effect stays an effect
    assert table["claim"].tolist() == [False, False, False, False, True]
