"""Claims checked against the evidence file (``analysis.claim_check``, issue 18): known answers on tiny texts,
another treatment's file, malformed files, per-article counts, the prefilter and the seed corpus."""
import re

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import analysis as an
from analysis.claim_check import (CLAIM_TYPES, COLUMNS, EVIDENCE_FILE, MARGIN, VERDICTS, article_verdicts, check_claims,
                                  coder_sheet, load_evidence, quantities, verdict_cells, worst_sentences)
from analysis.certainty import load_weights
from analysis.stance import sentence_stance


def scored(*texts: str) -> pd.DataFrame:
    """The sentence table of articles ``a0, a1, ...``, one per text."""
    articles = pd.DataFrame({"doc_id": [f"a{i}" for i in range(len(texts))], "text": list(texts)})
    return sentence_stance(an.segment(articles))[0]


def checked(*texts: str, evidence=None) -> pd.DataFrame:
    return check_claims(scored(*texts), evidence)


# ---------------------------------------------------------------- the known answers
@pytest.mark.parametrize("text, rule, verdict", [
    ("Ketamine is FDA-approved for the treatment of PTSD.", "fda-ptsd-false", "contradicted"),
    ("Ketamine has been FDA-approved as an anesthetic since 1970.", "fda-anesthetic", "consistent"),
    ("Ketamine is not FDA-approved for PTSD.", "fda-ptsd-false", "consistent"),
    ("Ketamine may ease PTSD symptoms for some people within a day.", "speed-day", "consistent"),
    ("Ketamine will eliminate your PTSD within hours.", "speed-hours", "overstated"),
    ("90% of our patients are cured", "success-remission", "overstated"),
])
def test_known_answers(text, rule, verdict):
    rows = checked(text)
    assert rule in set(rows["rule"])
    assert rows.loc[rows["rule"] == rule, "verdict"].tolist() == [verdict]


def test_accurate_regulatory_and_negative_statements_are_not_flagged():
    rows = checked("Esketamine (Spravato) is approved for depression, not for PTSD.",
                   "Esketamine nasal spray (Spravato) is FDA-approved for treatment-resistant depression.",
                   "The largest trial in veterans found no clear benefit.")
    assert set(rows["verdict"]) <= {"consistent", "not checkable"}, rows[["doc_id", "rule", "verdict"]]
    assert rows.loc[rows["doc_id"] == "a0", "rule"].tolist() == ["fda-esketamine-depression"]  # a brand name in brackets
    assert "treatment_resistant" not in set(rows["claim_type"])  # an approval for TRD is an approval claim
    assert "efficacy-veterans" not in set(rows["rule"])  # "found no clear benefit" denies the benefit


def test_the_wording_of_a_level_is_consistent_with_that_ceiling_and_a_plain_statement_overstates_one_below():
    rows = checked("Ketamine possibly relieves PTSD symptoms within a day.",
                   "Ketamine relieves PTSD symptoms within a day.",
                   "Ketamine may reduce PTSD symptoms.").set_index(["doc_id", "rule"])
    soft = rows.loc[("a0", "speed-day")]  # one soft hedge: level 4, the ceiling of relief within a day
    assert 4 < soft["certainty"] < 4 + MARGIN and soft["verdict"] == "consistent" and soft["excess"] == 0
    flat = rows.loc[("a1", "speed-day")]
    assert flat["verdict"] == "overstated" and flat["excess"] == pytest.approx(round(flat["certainty"] - 4, 4))
    may = rows.loc[("a2", "efficacy-ptsd")]  # "may": level 3, the ceiling of efficacy for PTSD
    # within the margin of its level on either side: the fitted "may" alone is 2.98 since could / would got a tier
    # of their own (the weaker "may" and "might" are no longer averaged with them)
    assert abs(may["certainty"] - 3) < MARGIN and may["verdict"] == "consistent"


def test_the_margin_fits_the_fitted_certainty_weights():
    """Refitted weights could move a level's wording past the margin: one hedge of each soft kind stays within it
    of level 4, "may" of level 3, and a plain statement lies beyond it above level 4."""
    w = load_weights()
    plain = w["intercept"]
    assert plain - 4 >= MARGIN
    assert all(plain + w[f] - 4 < MARGIN for f in ("hedge_verb", "hedge_adverb", "hedge_adjective"))
    assert plain + w["hedge_modal"] - 3 < MARGIN


def test_known_answers_in_detail():
    rows = checked("Ketamine is not FDA-approved for PTSD.",
                   "Ketamine may ease PTSD symptoms for some people within a day.",
                   "Ketamine will eliminate your PTSD within hours.", "90% of our patients are cured")
    by_doc = {d: group for d, group in rows.groupby("doc_id")}
    denial = by_doc["a0"].iloc[0]
    assert denial["negated"] and denial["matched"] == "FDA-approved" and np.isnan(denial["ceiling"])
    hedged = by_doc["a1"]
    assert hedged["claim_type"].tolist() == ["speed", "efficacy"]  # the evidence file's order of claim types
    assert set(hedged["verdict"]) == {"consistent"} and (hedged["excess"] == 0).all()
    assert hedged["numbers"].tolist() == ["1 day", "1 day"]
    promise = by_doc["a2"].set_index("claim_type")
    assert set(promise.index) == {"speed", "cure"} and set(promise["verdict"]) == {"overstated"}
    certainty = promise["certainty"].iloc[0]
    assert certainty > 5  # "will" is a booster
    assert promise.loc["speed", "excess"] == pytest.approx(round(certainty - 3, 4))
    assert promise.loc["cure", "excess"] == pytest.approx(round(certainty - 2, 4))
    cured = by_doc["a3"]
    assert set(cured["claim_type"]) == {"success_rate", "cure"} and set(cured["verdict"]) == {"overstated"}
    assert cured["percent"].tolist() == [90.0, 90.0] and cured["numbers"].tolist() == ["90%", "90%"]
    assert rows["sources"].str.len().gt(0).all() and rows["supported"].str.len().gt(0).all()


@pytest.mark.parametrize("text, rule", [
    ("Ketamine does not cure PTSD.", "cure"),
    ("Ketamine is not a permanent solution.", "duration-permanent"),
    ("It does not work within hours for most people.", "speed-hours"),
    # a claim left as an open question is not asserted either
    ("It is not clear whether the benefits last, and some studies found little or no improvement.", "duration-lasting"),
    ("We do not yet know how long the relief lasts for months at a time.", "duration-months"),
    ("It remains to be seen whether ketamine is FDA-approved for PTSD.", "fda-ptsd-false"),
])
def test_a_denied_or_open_claim_is_consistent(text, rule):
    row = checked(text).set_index("rule").loc[rule]
    assert row["negated"] and row["verdict"] == "consistent" and row["excess"] == 0


def test_an_open_question_reaches_only_to_the_end_of_its_clause():
    rows = checked("It is not clear why, but the benefits last for months.")
    assert rows.set_index("claim_type").at["duration", "verdict"] == "overstated"


def test_false_and_true_claims_under_negation():
    rows = checked("Ketamine has no side effects.", "Ketamine is non-addictive.",
                   "Ketamine is not an NMDA receptor antagonist.", "Spravato is FDA-approved for depression.")
    assert rows.set_index("rule")["verdict"].to_dict() == {
        "safety-no-side-effects": "contradicted", "addiction-non-addictive": "contradicted",
        "mechanism-nmda": "not checkable", "fda-esketamine-depression": "consistent"}


def test_questions_and_text_outside_the_article_body_are_not_checked():
    text = ("Is ketamine FDA-approved for PTSD?\nKetamine is FDA-approved for the treatment of PTSD.\n"
            "Disclaimer:\nKetamine is FDA-approved for PTSD according to this disclaimer.")
    table = scored(text)
    assert "disclaimer" in set(table["zone"])
    rows = check_claims(table)
    assert rows["text"].tolist() == ["Ketamine is FDA-approved for the treatment of PTSD."]


def test_a_claim_no_rule_knows_is_not_checkable():
    table = scored("Ketamine reduces anxiety in dogs.")
    assert table["claim"].all()
    row = check_claims(table).iloc[0]
    assert (row["claim_type"], row["rule"], row["verdict"], row["excess"]) == ("", "", "not checkable", 0)


def test_quantities():
    assert [q for _, q in quantities("After 6 infusions over 2-3 weeks, 75 percent felt better within a day "
                                     "or an hour; one session lasts 40 minutes, a treatment plan 3 treatments.")] == [
        "6 infusions", "2-3 weeks", "75%", "1 day", "1 hour", "1 session", "40 minutes", "3 treatments"]
    assert quantities("It took 24-hour monitoring and 12.5% fewer visits.") == [(24.0, "24 hours"), (12.5, "12.5%")]
    assert quantities("A treatment for PTSD, one of the best, since 1970.") == []


# ---------------------------------------------------------------- another treatment's file
SSRI = """rule,claim_type,pattern,verdict,ceiling,supported,sources
ssri-approved,approval,"\\bapproved\\b(?=[^.]*\\bptsd)",true,,Sertraline is approved for PTSD.,Zoloft label (FDA)
ssri-days,onset,"\\bwithin\\s+(?:a\\s+few\\s+)?days\\b",ceiling,2.5,SSRIs take weeks to act.,Example trial 2001
ssri-no-side-effects,side_effects,\\bno\\s+side\\s+effects\\b,false,,SSRIs have side effects.,Zoloft label (FDA)
"""


def test_an_evidence_file_for_another_treatment(tmp_path):
    path = tmp_path / "ssri.csv"
    path.write_text(SSRI, encoding="utf-8")
    evidence = load_evidence(path)
    assert evidence["claim_type"].tolist() == ["approval", "onset", "side_effects"]
    assert evidence["ceiling"].tolist()[1] == 2.5 and np.isnan(evidence["ceiling"].tolist()[0])
    texts = ("Sertraline is approved for PTSD.", "Sertraline works within a few days.",
             "Sertraline has no side effects.", "Sertraline reduces anxiety.")
    rows = checked(*texts, evidence=path)
    assert rows["rule"].tolist() == ["ssri-approved", "ssri-days", "ssri-no-side-effects", ""]
    assert rows["verdict"].tolist() == ["consistent", "overstated", "contradicted", "not checkable"]
    assert rows["excess"].iloc[1] == pytest.approx(round(rows["certainty"].iloc[1] - 2.5, 4))
    pd.testing.assert_frame_equal(rows, checked(*texts, evidence=evidence))  # a path or the table
    cells = verdict_cells(rows, ["a0", "a1", "a2", "a3"]).set_index(["doc_id", "claim_type"])["verdict"]
    assert cells.to_dict() == {("a0", "approval"): "consistent", ("a1", "onset"): "overstated",
                               ("a2", "side_effects"): "contradicted", ("a3", "other claim"): "not checkable"}


@pytest.mark.parametrize("line, problem", [
    ("r1,speed,fast,maybe,,Some note.,Some source", "unknown verdict 'maybe'"),
    ("r1,speed,fast,ceiling,,Some note.,Some source", "needs a ceiling"),
    ("r1,speed,fast,ceiling,7,Some note.,Some source", "needs a ceiling"),
    ("r1,speed,fast,ceiling,high,Some note.,Some source", "needs a ceiling"),
    ("r1,speed,fast,true,3,Some note.,Some source", "takes no ceiling"),
    ("r1,speed,fast(,true,,Some note.,Some source", "no valid regular expression"),
    ("r1,speed,fast,true,,Some note.,", "empty sources"),
    ("r1,,fast,true,,Some note.,Some source", "empty claim_type"),
    ("r1,speed,fast,true,,Some note.,Some source,extra", "8 fields"),
])
def test_a_malformed_evidence_file_names_the_rule_and_line(tmp_path, line, problem):
    path = tmp_path / "bad.csv"
    path.write_text("rule,claim_type,pattern,verdict,ceiling,supported,sources\n"
                    "r0,speed,quick,ceiling,4,A note.,A source\n" + line + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match=re.escape(problem)) as info:
        load_evidence(path)
    assert "bad.csv, line 3, rule 'r1'" in str(info.value)


def test_malformed_files_duplicate_ids_columns_and_hints(tmp_path):
    header = "rule,claim_type,pattern,verdict,ceiling,supported,sources"
    cases = {
        f"{header}\nr0,speed,quick,true,,A note.,A source\nr0,speed,fast,true,,A note.,A source\n":
            "line 3, rule 'r0': duplicate rule id (first on line 2)",
        "rule,claim_type,pattern,verdict,supported,sources\nr0,speed,quick,true,A note.,A source\n":
            "missing column(s) ceiling",
        f"{header},starts\nr0,speed,quick,true,,A note.,A source,Quick\n": "line 2, rule 'r0': starts 'Quick'",
    }
    for k, (content, problem) in enumerate(cases.items()):
        path = tmp_path / f"bad{k}.csv"
        path.write_text(content, encoding="utf-8")
        with pytest.raises(ValueError, match=re.escape(problem)) as info:
            load_evidence(path)
        assert f"bad{k}.csv" in str(info.value)


def test_the_bundled_file():
    evidence = load_evidence()
    assert EVIDENCE_FILE.name == "ketamine_ptsd.csv" and evidence["rule"].is_unique
    assert list(dict.fromkeys(evidence["claim_type"])) == list(CLAIM_TYPES)
    ceiling = evidence["verdict"] == "ceiling"
    assert evidence.loc[ceiling, "ceiling"].between(1, 6).all() and evidence.loc[~ceiling, "ceiling"].isna().all()
    # the order that makes the specific rule decide: false before true before the generic rule
    order = evidence["rule"].tolist()
    assert order.index("fda-ptsd-false") < order.index("fda-anesthetic") < order.index("fda-approved")


# ---------------------------------------------------------------- per article
TWO_ARTICLES = ("Ketamine is FDA-approved for PTSD. Ketamine may ease PTSD symptoms for some people within a day. "
                "Ketamine blocks NMDA receptors and will eliminate your PTSD within hours. "
                "Ketamine reduces anxiety in dogs.",
                "Our clinic is in Denver and has free parking.")


def test_article_verdicts_count_each_sentence_once_at_its_worst():
    rows = checked(*TWO_ARTICLES)
    assert rows.groupby("sent").size().tolist() == [1, 2, 3, 1]
    assert rows.loc[rows["sent"] == 2, "verdict"].tolist() == ["overstated", "consistent", "overstated"]
    out = article_verdicts(rows, ["a0", "a1"]).set_index("doc_id")
    counts = ["n_claim_sentences", "n_checkable", "n_consistent", "n_overstated", "n_contradicted", "n_not_checkable"]
    assert out.loc["a0", counts].tolist() == [4, 3, 1, 1, 1, 1]
    assert out.loc["a0", "share_flagged"] == pytest.approx(2 / 3)
    certainty = rows.loc[rows["sent"] == 2, "certainty"].iloc[0]
    assert out.loc["a0", "max_excess"] == pytest.approx(round(certainty - 2, 4))  # the cure ceiling
    assert out.loc["a1", counts].tolist() == [0] * 6 and np.isnan(out.loc["a1", "share_flagged"])
    assert out.loc["a1", "max_excess"] == 0


def test_verdict_cells_hold_the_worst_verdict_of_each_article_and_claim_type():
    rows = checked("Ketamine may ease PTSD symptoms for some people within a day. It works within hours.",
                   "Ketamine is not FDA-approved for PTSD. Ketamine is FDA-approved for PTSD.", "No claims here.")
    cells = verdict_cells(rows, ["a0", "a1", "a2"])
    got = cells.set_index(["doc_id", "claim_type"])
    assert got.loc[("a0", "speed"), "verdict"] == "overstated"  # consistent within a day, overstated within hours
    assert got.loc[("a0", "speed"), "n_sentences"] == 2
    assert got.loc[("a0", "efficacy"), "verdict"] == "consistent"
    assert got.loc[("a1", "fda_approval"), "verdict"] == "contradicted"  # consistent denial, contradicted claim
    assert "a2" not in set(cells["doc_id"]) and ("a0", "cure") not in got.index
    assert cells["doc_id"].tolist() == sorted(cells["doc_id"])  # in the order of doc_ids
    assert verdict_cells(rows, ["a1"])["doc_id"].unique().tolist() == ["a1"]


def test_worst_sentences_contradicted_first_then_by_excess():
    rows = checked("Ketamine may ease PTSD symptoms for some people within a day. Ketamine works quickly. "
                   "Ketamine cures PTSD. Ketamine is FDA-approved for PTSD.", TWO_ARTICLES[1])
    worst = worst_sentences(rows, n=2)
    assert worst["sent"].tolist() == [3, 2] and worst["verdict"].tolist() == ["contradicted", "overstated"]
    assert worst["rule"].tolist() == ["fda-ptsd-false", "cure"]
    three = worst_sentences(rows, n=5)
    assert three["sent"].tolist() == [3, 2, 1] and three["excess"].iloc[1] > three["excess"].iloc[2] > 0
    assert list(three.columns) == COLUMNS and set(three["doc_id"]) == {"a0"}


def test_coder_sheet_has_empty_coder_columns_and_marks_the_claim():
    rows = checked("Ketamine is FDA-approved for PTSD.")
    sheet = coder_sheet(rows)
    assert list(sheet.columns) == COLUMNS + ["text_marked", "coder_verdict", "coder_ceiling", "coder_note"]
    assert sheet["text_marked"].iloc[0] == "Ketamine is [FDA-approved] for PTSD."
    assert (sheet[["coder_verdict", "coder_ceiling", "coder_note"]] == "").all().all()


# ---------------------------------------------------------------- the prefilter, determinism, properties
HARD = ["The FDA has not approved ketamine for PTSD.", "Spravato is FDA-approved for treatment-resistant depression.",
        "Ketamine is approved by the U.S. Food and Drug Administration.", "Ketamine is FDA-approved, but not for PTSD.",
        "Sertraline and paroxetine are the only medications FDA-approved for PTSD.",
        "You will feel relief immediately.",
        "Most patients respond within 24 hours.", "Ketamine helps veterans with PTSD.", "Our success rate is 85%.",
        "Around 80% of patients achieve remission.", "Results can last for months.", "Ketamine cures PTSD permanently.",
        "Side effects are short-lived.", "At-home ketamine is safe and convenient.", "It isn’t addictive.",
        "KETAMINE IS A BREAKTHROUGH THAT WORKS RAPIDLY.", "İt ıs ſafe and rewires the brain.",
        "Ketamine\nworks fast.",
        "Combining ketamine with EMDR can accelerate progress.", "The VA recommends ketamine for PTSD.", ""]


def test_the_prefilter_changes_nothing(seed_sentences):
    for table in (sentence_stance(seed_sentences)[0], scored(*HARD)):
        fast = check_claims(table)
        assert len(fast) > 10
        pd.testing.assert_frame_equal(fast, check_claims(table, prefilter=False))


def test_each_match_begins_with_a_start_and_its_text_holds_a_trigger(seed_sentences):
    """The contract of the ``triggers`` and ``starts`` columns (texts with İ ı ſ, which a case-insensitive pattern
    reads as i or s, are tried on every rule, everywhere: :mod:`analysis.rule_finder`)."""
    evidence = load_evidence()
    texts = [t for t in seed_sentences["text"].tolist() + HARD if not re.search("[İıſ]", t)]
    for rule, pattern, triggers, starts in zip(evidence["rule"], evidence["pattern"], evidence["triggers"],
                                               evidence["starts"]):
        for text in texts:
            matches = list(re.finditer(pattern, text.replace("\n", " "), re.I))
            low = text.lower().replace("’", "'")
            if matches and triggers:
                assert any(all(s in low for s in t.split("+")) for t in triggers.split("|")), (rule, text)
            for m in matches:  # "^": the match begins at the text's start (its words then in group m)
                assert (not starts or low.startswith(tuple(starts.split("|")), m.start())
                        or ("^" in starts.split("|") and m.start() == 0)), (rule, text, m.group())


def test_deterministic_and_repeats_change_nothing(seed_sentences):
    table = sentence_stance(seed_sentences)[0]
    first, second = check_claims(table), check_claims(table)
    pd.testing.assert_frame_equal(first, second)
    assert list(first.columns) == COLUMNS
    # an article repeated under another id gets the same rows
    doc = seed_sentences["doc_id"].iloc[0]
    copy = seed_sentences[seed_sentences["doc_id"] == doc].assign(doc_id="copy")
    both = check_claims(sentence_stance(pd.concat([seed_sentences, copy], ignore_index=True))[0])
    original = first[first["doc_id"] == doc].drop(columns="doc_id").reset_index(drop=True)
    assert len(original) > 10
    pd.testing.assert_frame_equal(both[both["doc_id"] == "copy"].drop(columns="doc_id").reset_index(drop=True),
                                  original)


WORDS = ["ketamine", "is", "not", "FDA-approved", "for", "PTSD", "may", "could", "ease", "symptoms", "within", "a",
         "day", "hours", "cures", "90%", "of", "patients", "no", "side", "effects", "proven", "rapid", "relief",
         "lasting", "never", "safe", "rewires", "the", "brain", "NMDA", "treatment-resistant", "."]


@settings(max_examples=30, deadline=None)
@given(st.lists(st.lists(st.sampled_from(WORDS), min_size=1, max_size=14), min_size=1, max_size=5))
def test_every_row_has_a_verdict_and_excess_only_when_overstated(sentences):
    rows = checked(*(" ".join(words) for words in sentences))
    assert list(rows.columns) == COLUMNS
    assert rows["verdict"].isin(VERDICTS).all()
    assert (rows["excess"] >= 0).all()
    assert ((rows["excess"] > 0) == (rows["verdict"] == "overstated")).all()
    assert (rows["verdict"].eq("contradicted") <= rows["ceiling"].isna()).all()
    assert (rows["claim_type"].eq("") == rows["rule"].eq("")).all()


# ---------------------------------------------------------------- the seed corpus (pinned after reading each flag)
# claim cues beyond the tune wording made one more sentence of 000, 002 and 004 a claim; none of the three is
# checkable (no claim type), so the verdicts stay as read; the it-after-condition rule (it refers to trauma) made two
# sentences of 000 and one of 003 no claim, none of them checkable; stop 34's efficacy-general and kap-benefit forms
# (chosen on the tune half of tests/data/coded_claim_checks.csv) made 9 claim sentences of 003 and one heading checkable,
# all overstated, and one of 001 ("ketamine fosters a new emotional resilience") overstated where it was consistent
SEED_COUNTS = {  # n_claim_sentences, n_checkable, n_consistent, n_overstated, n_contradicted, n_not_checkable
    "000": [20, 15, 2, 13, 0, 5],
    "001": [34, 29, 5, 24, 0, 5],
    "002": [16, 11, 2, 9, 0, 5],
    "003": [56, 43, 1, 42, 0, 13],
    "004": [26, 22, 5, 17, 0, 4],
}


def test_seed_corpus_verdicts(seed_articles, seed_sentences):
    rows = check_claims(sentence_stance(seed_sentences)[0])
    out = article_verdicts(rows, seed_articles["doc_id"]).set_index("doc_id")
    counts = ["n_claim_sentences", "n_checkable", "n_consistent", "n_overstated", "n_contradicted", "n_not_checkable"]
    assert {d: out.loc[d, counts].tolist() for d in out.index} == SEED_COUNTS
    flagged = rows.set_index(["doc_id", "sent"])
    # sentences read and judged: a promise of relief within hours, a denial, a plain mechanism fact
    assert flagged.loc[("002", 30), "rule"].tolist() == ["speed-hours", "efficacy-ptsd"]
    assert set(flagged.loc[("002", 30), "verdict"]) == {"overstated"}
    denial = flagged.loc[("000", 24)]
    assert (denial["rule"], denial["negated"], denial["verdict"]) == ("cure", True, "consistent")
    fact = flagged.loc[("003", 33)]
    assert (fact["rule"], fact["verdict"]) == ("mechanism-nmda", "consistent")


# ---------------------------------------------------------------- forms chosen on the tune half of the coded claim checks
@pytest.mark.parametrize("text, rule, verdict", [
    ("Common side effects include nausea, dizziness and dissociation.", "safety-side-effects", "consistent"),
    ("Like any treatment, ketamine has side effects.", "safety-side-effects", "consistent"),
    ("Additionally, ketamine therapy supports emotional resilience.", "efficacy-general", "overstated"),
    ("\u201cIt gave me my weekends back,\u201d says Jordan.", "efficacy-general", "overstated"),
    ("Integrating ketamine therapy with other healing practices amplifies its benefits.", "kap-benefit", "overstated"),
    ("Ketamine tends to work best when paired with integration sessions.", "kap-benefit", "overstated"),
    ("Relief often comes within hours.", "speed-hours", "overstated"),
    ("Ketamine may reset the brain's stress circuits.", "mechanism-rewire", "overstated"),  # ceiling 2
])
def test_claim_forms_a_coder_reads_as_checkable(text, rule, verdict):
    rows = checked(text)
    assert rows.loc[rows["rule"] == rule, "verdict"].tolist() == [verdict]


@pytest.mark.parametrize("text, claim_type", [
    ("Meet with a licensed clinician by video, often within 48 hours", "speed"),  # an appointment, not an effect
    ("An integration session within a few days of each medicine session", "speed"),
    ("## Book Your Reset", "mechanism"),  # a product name
    ("I've been in therapy for my PTSD for years.", "duration"),
    ("It is getting attention, and for good reason.", "duration"),
    ("The staff made me feel safe from the moment I walked in.", "safety"),  # a feeling, not a safety claim
])
def test_words_of_a_claim_type_in_another_sense_are_no_claim(text, claim_type):
    assert claim_type not in set(checked(text)["claim_type"])
