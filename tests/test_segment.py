import pandas as pd
import pytest

import analysis as an
from analysis.segment import load_zone_rules, split_paragraphs, split_sentences


def sents(text):
    return [text[s:e] for s, e in split_sentences(text)]


@pytest.mark.parametrize("text, expected", [
    ("Dr. Smith treats PTSD. It may help.", ["Dr. Smith treats PTSD.", "It may help."]),
    ("Use SSRIs, e.g. sertraline. Others exist.", ["Use SSRIs, e.g. sertraline.", "Others exist."]),
    ("Approved in the U.S. Food and Drug rules. Yes.", ["Approved in the U.S. Food and Drug rules.", "Yes."]),
    ("A dose of 0.5 mg/kg is used. It lasts 40 min. Then rest.", ["A dose of 0.5 mg/kg is used.", "It lasts 40 min. Then rest."]),
    ("It works! Really? Yes.", ["It works!", "Really?", "Yes."]),
    ('He said "it works." Then left.', ['He said "it works."', "Then left."]),
    ("Is it safe?A: When administered well, yes.", ["Is it safe?", "A: When administered well, yes."]),
    ("J. K. Rowling wrote it. Fine.", ["J. K. Rowling wrote it.", "Fine."]),
    ("Relief comes within hours. 70% of patients respond.", ["Relief comes within hours.", "70% of patients respond."]),
    ("no punctuation at all", ["no punctuation at all"]),
])
def test_sentence_splitting_known_answers(text, expected):
    assert sents(text) == expected


def test_paragraph_spans_strip_and_skip_blank_lines():
    text = "Heading\n\n  Para one.  \nPara two."
    assert [text[s:e] for s, e in split_paragraphs(text)] == ["Heading", "Para one.", "Para two."]


def test_zones_on_tiny_page():
    text = ("How Ketamine Works\nKetamine may help. Book a consultation today.\nDisclaimer:\n"
            "This is for informational purposes only.\nPrevious\nOther Post Title\nRead more: Safety Tips")
    table = an.segment(pd.DataFrame({"doc_id": ["x"], "text": [text]}))
    assert table["zone"].tolist() == ["heading", "body", "call_to_action", "disclaimer", "disclaimer",
                                      "navigation", "navigation", "navigation"]
    assert table["para"].tolist() == [0, 1, 1, 2, 3, 4, 5, 6]
    assert table["n_words"].tolist()[:2] == [3, 3]


def test_seed_boilerplate_lines_get_their_zones(seed_sentences):
    zone = seed_sentences.set_index(["doc_id", "text"])["zone"]
    assert zone[("000", "Read more: Helpful Tips for Maintaining the Safety of Ketamine Infusion Therapy")] == "navigation"
    assert zone[("000", "Conclusion")] == "heading"
    assert zone[("001", "Book An Appointment")] == "call_to_action"
    assert zone[("001", "Don’t wait, the journey to a happier you starts today.")] == "call_to_action"
    assert zone[("001", "Disclaimer:")] == "disclaimer"
    assert zone[("001", "Never disregard professional medical advice or delay in seeking it because of something you have read here.")] == "disclaimer"
    assert zone[("001", "Is Ketamine the Right Treatment for Your PTSD?")] == "heading"
    assert set(zone[("003", "Previous")]) == {"navigation"} and set(zone[("003", "Next")]) == {"navigation"}
    assert zone[("003", "The Importance of Self Compassion for Mental Health")] == "navigation"
    assert zone[("004", "Comentarios")] == "navigation"
    assert zone[("004", "Dampening the Default Mode Network (DMN)")] == "heading"
    assert zone[("004", "Q: Is ketamine safe for mental health treatment?")] == "body"


def test_seed_offsets_slice_back_and_counts(seed_articles, seed_sentences):
    text = seed_articles.set_index("doc_id")["text"]
    assert all(text[r.doc_id][r.start:r.end] == r.text for r in seed_sentences.itertuples())
    assert seed_sentences.groupby("doc_id").size().to_dict() == {"000": 32, "001": 57, "002": 36, "003": 101, "004": 50}
    assert (seed_sentences.groupby("doc_id")["sent"].apply(lambda s: list(s) == list(range(len(s))))).all()


def test_paragraph_table(seed_sentences):
    paras = an.paragraphs(seed_sentences)
    assert paras.groupby("doc_id").size().to_dict() == {"000": 14, "001": 37, "002": 13, "003": 58, "004": 34}
    assert paras["n_words"].sum() == seed_sentences["n_words"].sum()


def test_segment_rejects_a_string():
    with pytest.raises(TypeError, match="got a string"):
        an.segment("Some text.")


def test_bad_zone_rules_name_the_line(tmp_path):
    bad = tmp_path / "zones.csv"
    bad.write_text("zone,scope,pattern,note\nnavigation,line,^ok$,x\nnavigation,line,(unclosed,x\n")
    with pytest.raises(ValueError, match=r"zones.csv, line 3: invalid regular expression"):
        load_zone_rules(str(bad))
    bad.write_text("zone,scope,pattern,note\nfooter,line,^x$,n\n")
    with pytest.raises(ValueError, match=r"line 2: unknown zone 'footer'"):
        load_zone_rules(str(bad))
