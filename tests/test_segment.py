import re
import tempfile
from functools import lru_cache
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import analysis as an
from analysis.paths import DATA_DIR
from analysis.segment import load_abbreviations, split_sentences
from analysis.zones import load_zone_rules

# The sentence-end rule as regular expressions (the module finds the same ends with arrays).
CANDIDATE = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9\-•*])|[?!](?=[A-Z][a-z]{0,3}:)")
PREV_WORD = re.compile(r"\S+$")
PARAGRAPH = re.compile(r"[^\s](?:[^\n]*[^\s])?")  # a non-blank line without its outer whitespace
TRICKY = st.lists(st.sampled_from(list("aZx .!?…\n\t-'’\"”“‘)(][:;0•*Dr.e.g.U.S.") + [
    "\u00a0", "İ", "ſ", "K", "𝐀", "Ab", "Abc:", "Abcd:", "A:", "((((((((((", "e.g.", "Dr.", " call us", " now",
    "Disclaimer", "Previous", "Read more", " seek the advice of your doctor", " post", "\n\n"]), max_size=120).map("".join)
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def sents(text):
    return [text[s:e] for s, e in split_sentences(text)]


def regex_split_sentences(text, abbreviations=None):
    """split_sentences done the plain way: one regex scan, the word before each full stop looked up."""
    abbreviations, cuts = load_abbreviations() if abbreviations is None else abbreviations, []
    for m in CANDIDATE.finditer(text):
        if m.group().rstrip("\"'”’)]") == ".":
            prev = PREV_WORD.search(text, max(0, m.start() - 30), m.start())
            word = prev.group().lower().lstrip("(\"'“‘[") if prev else ""
            if word in abbreviations or (len(word) == 1 and word.isalpha()):
                continue
        cuts.append(m.end())
    spans = []
    for a, b in zip([0] + cuts, cuts + [len(text)]):
        piece = text[a:b]
        if piece.strip():
            a += len(piece) - len(piece.lstrip())
            spans.append((a, a + len(piece.strip())))
    return spans


@SETTINGS
@given(TRICKY)
def test_array_sentence_ends_equal_the_regex_scan(text):
    assert split_sentences(text) == regex_split_sentences(text)


# longer than a batch of articles segmented together (2**20 characters): a batch ends after it (long
# lines of few sentences: quick to segment and to compare)
FILLER = ("Ketamine may help " * 7000 + "a lot. Call us today.\n") * 9


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(TRICKY, st.text(max_size=80)), min_size=1, max_size=5), st.integers(0, 5))
@example(["x", ". Next one.", "Dr", "\n. Yes", "Read our post", "s today."], 6)  # words before a stop stay in their article
def test_articles_segmented_together_equal_each_alone(texts, cut):
    """Batches join articles (and end after a long one) anywhere: the table must not change."""
    texts = texts[:cut] + [FILLER] + texts[cut:]
    articles = pd.DataFrame({"doc_id": [f"d{i}" for i in range(len(texts))], "text": texts})
    alone = pd.concat([an.segment(articles.iloc[[i]]) for i in range(len(texts))], ignore_index=True)
    together = an.segment(articles)
    pd.testing.assert_frame_equal(together, alone.astype(together.dtypes.to_dict()), check_exact=True)


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


@pytest.mark.parametrize("text, expected", [
    ("Dr\n. Next one.", ["Dr\n. Next one."]),  # a stop starting a line follows the previous line's word
    ("Do\n. Next one.", ["Do\n.", "Next one."]),
    ("x" + "(" * 29 + "e. Next", ["x" + "(" * 29 + "e. Next"]),  # only 30 characters are looked at: "e" is an initial
    ("x" + "(" * 28 + "e. Next", ["x" + "(" * 28 + "e.", "Next"]),
    ("Is it?Abcd: yes", ["Is it?", "Abcd: yes"]), ("Is it?Abcde: no", ["Is it?Abcde: no"]),
    ("It works.) (Yes", ["It works.)", "(Yes"]), ("Wait... What", ["Wait...", "What"]),
])
def test_sentence_end_edge_cases(text, expected):
    assert sents(text) == expected == [text[s:e] for s, e in regex_split_sentences(text)]


def test_a_sentence_rule_tried_on_every_zone_where_case_folding_differs():
    """'ſ' matches 's' case-insensitively but is not lower-cased to it: the disclaimer pattern still applies."""
    texts = ["Call us, and ſeek the advice of your doctor.", "Call us, and seek the advice of your doctor.",
             "Call us today."]
    table = an.segment(pd.DataFrame({"doc_id": ["a", "b", "c"], "text": texts}))
    assert table["zone"].tolist() == ["disclaimer", "disclaimer", "call_to_action"]


def test_a_phone_number_or_booking_online_is_a_call_to_action():
    texts = ["Call (602) 555-0148 or book online.", "Text us at 555.123.4567 for details.", "You can book now.",
             "Call 555-0199 or click below to schedule your first infusion.", "Schedule your first infusion today.",
             "The book online describes the drug.", "Ketamine was first used in 1970.", "Click below to read more."]
    table = an.segment(pd.DataFrame({"doc_id": list("abcdefgh"), "text": texts}))
    assert table["zone"].tolist() == ["call_to_action"] * 5 + ["body"] * 2 + ["navigation"]


def test_the_supplement_label_disclaimer_is_a_disclaimer():
    texts = ["These services are not intended to diagnose, treat, cure or prevent any disease.",
             "Ketamine is not intended to cure PTSD on its own."]
    table = an.segment(pd.DataFrame({"doc_id": ["a", "b"], "text": texts}))
    assert table["zone"].tolist() == ["disclaimer", "body"]


def test_paragraph_table_is_sorted_and_ties_go_to_the_first_zone(seed_sentences):
    shuffled = seed_sentences.sample(frac=1, random_state=0).reset_index(drop=True)
    expected = an.paragraphs(seed_sentences)
    pd.testing.assert_frame_equal(an.paragraphs(shuffled.sort_values(["doc_id", "para", "sent"])), expected)
    tie = pd.DataFrame({"doc_id": ["b", "a", "a", "a"], "para": [0, 1, 1, 0], "sent": [0, 1, 2, 0],
                        "start": [0, 5, 9, 0], "end": [4, 8, 12, 3], "zone": ["body", "heading", "body", "body"],
                        "n_words": [1, 2, 2, 1], "text": ["B.", "Hi", "Yo.", "A."]})
    assert an.paragraphs(tie).values.tolist() == [["a", 0, 0, 3, "body", 1, "A."], ["a", 1, 5, 12, "heading", 4, "Hi Yo."],
                                                  ["b", 0, 0, 4, "body", 1, "B."]]


def test_paragraph_spans_strip_and_skip_blank_lines():
    table = an.paragraphs(an.segment(pd.DataFrame({"doc_id": ["a"], "text": ["Heading\n\n  Para one.  \nPara two."]})))
    assert table["text"].tolist() == ["Heading", "Para one.", "Para two."]


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


PHRASES = st.sampled_from([
    "Call us today", "call now", "Contact the team at our clinic", "reach out to us", "don't wait", "Don’t wait",
    "schedule a free consultation", "for informational purposes only", "not a substitute for medical advice",
    "seek the advice of your doctor", "results may vary", "read our related blog", "click here", "information",
    "know", "post-traumatic", "visit", "email", "text", "ſeek the advice of a physician", "İ", "K", "\n", ". ", "! ",
    "? ", " ", "x" * 70, "Disclaimer:", "Previous", "Read more", "fill out the contact form", "Fill out our form",
    "platform", "sign up today", "get started now", "Share", "ſhare this", "HOME", "Main menu", "© 2024 Clinic",
    "(c) 2024", "5 min read", "Contact Us", "Book an appointment", "Tags: ketamine", "Categories:", "Posted on",
    "Last updated by", "3 Comments", "Leave a reply", "Newer post", "Learn more!", "Related posts", "Reply",
    "Medical Disclaimer", "Take the quiz", "Skip to content", "\n", "This does not constitute medical advice",
    "Give us a call", "Visit our clinic in Austin today", "Text us", "message our team", "set up a free consultation",
    "CALL US NOW", "called", "context"])


@lru_cache(maxsize=None)
def every_rule_file() -> Path:
    """data/zones.csv with every sentence rule naming every sentence trigger (a sentence with a trigger
    is tried on every rule) and no line rule naming any (every short line is tried on every line rule)."""
    table = pd.read_csv(DATA_DIR / "zones.csv", dtype=str, keep_default_na=False)
    sentence = table["scope"] == "sentence"
    table.loc[sentence, "trigger"] = "|".join(sorted({t for ts in table.loc[sentence, "trigger"] for t in ts.split("|")}))
    table.loc[~sentence, "trigger"] = ""
    path = Path(tempfile.mkdtemp()) / "zones_every_rule.csv"
    table.to_csv(path, index=False)
    return path


@SETTINGS
@given(st.lists(st.lists(PHRASES, max_size=12).map("".join), min_size=1, max_size=4))
def test_trigger_restricted_zones_equal_trying_every_zone(texts):
    """Trying only the rules named by the triggers found must give the zones that trying every
    rule on those sentences, and every line rule on every short line, gives."""
    articles = pd.DataFrame({"doc_id": [f"d{i}" for i in range(len(texts))], "text": texts})
    assert all(rule.triggers for rule in load_zone_rules().rules["line"])  # the bundled line rules all name some
    slow = an.segment(articles, zone_rules=every_rule_file())
    pd.testing.assert_frame_equal(an.segment(articles), slow, check_exact=True)


def test_line_rules_without_triggers_are_tried_on_every_short_line(tmp_path):
    rules = tmp_path / "zones.csv"
    rules.write_text("zone,scope,pattern,trigger,note\nnavigation,line,^home$,,\ncall_to_action,line,^call us$,call us,\n",
                     encoding="utf-8")
    table = an.segment(pd.DataFrame({"doc_id": ["a"], "text": ["HOME\nCall us\nText here."]}), zone_rules=rules)
    assert table["zone"].tolist() == ["navigation", "call_to_action", "body"]
    assert [rule.triggers for rule in load_zone_rules(str(rules)).rules["line"]] == [(), ("call us",)]
    bad = tmp_path / "bad.csv"
    bad.write_text("zone,scope,pattern,trigger,note\nnavigation,line,^home$,Home,\n", encoding="utf-8")
    with pytest.raises(ValueError, match="line 2: a line-scope rule needs lower-case trigger"):
        an.segment(pd.DataFrame({"doc_id": ["a"], "text": ["x"]}), zone_rules=bad)


@SETTINGS
@given(st.one_of(TRICKY, st.text(max_size=80)))
@example(" a\u2028b\x85c \r\n𝐀 b\x1c\n\n\t𝐀 ")  # line and paragraph separators are whitespace, not line ends
def test_the_paragraphs_of_segment_are_what_the_regex_finds(text):
    table = an.segment(pd.DataFrame({"doc_id": ["a"], "text": [text]}))
    spans = list(zip(*(an.paragraphs(table)[c].tolist() for c in ("start", "end"))))
    assert spans == [m.span() for m in PARAGRAPH.finditer(text)]


def test_markdown_headings_are_zoned_as_headings(tmp_path):
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "risks.md").write_text("---\ntitle: Risks\n---\n# Ketamine for PTSD: Risks…\n\nKetamine may help some "
                                     "patients. It is not for everyone.\n\n## What to expect\nSessions last an hour.\n",
                                     encoding="utf-8")
    articles = an.load_corpus(folder)
    table = an.segment(articles)
    text = articles["text"][0]
    assert all(text[r.start:r.end] == r.text for r in table.itertuples())
    assert not table["text"].str.contains("#").any()
    zones = dict(zip(table["text"], table["zone"]))
    assert zones["Ketamine for PTSD: Risks…"] == "heading" and zones["What to expect"] == "heading"
    assert zones["Ketamine may help some patients."] == "body"


def test_html_list_items_are_body_text_and_html_headings_are_headings(tmp_path):
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "page.html").write_text(
        "<html><body><main><h1>Ketamine care</h1><p>We offer ketamine infusions for PTSD.</p><ul><li>Rapid relief, "
        "often within hours</li><li>Safe and supervised</li></ul><h2>What a session is like.</h2><p>It lasts an "
        "hour.</p></main></body></html>", encoding="utf-8")
    zones = dict(zip(*an.segment(an.load_corpus(folder))[["text", "zone"]].T.values))
    assert zones["Rapid relief, often within hours"] == "body" and zones["Safe and supervised"] == "body"
    assert zones["Ketamine care"] == "heading" and zones["What a session is like."] == "heading"


def test_line_kinds_replace_the_shape_rule_and_only_where_given():
    text = "Rapid relief, often within hours\nRisks of ketamine…\nWhy Ketamine\nIt may help."
    plain = pd.DataFrame({"doc_id": ["a"], "text": [text]})
    marked = plain.assign(line_kinds=[((0, "body"), (text.index("Risks"), "heading"))])
    assert an.segment(plain)["zone"].tolist() == ["heading", "body", "heading", "body"]
    assert an.segment(marked)["zone"].tolist() == ["body", "heading", "heading", "body"]
    # kinds are per article: the same text in a batch with others gets the same zones
    many = pd.concat([plain.assign(doc_id="b", line_kinds=[()]), marked], ignore_index=True)
    assert an.segment(many).query("doc_id == 'a'")["zone"].tolist() == ["body", "heading", "heading", "body"]
    assert an.segment(many).query("doc_id == 'b'")["zone"].tolist() == ["heading", "body", "heading", "body"]


def test_a_disclaimer_heading_passes_its_zone_to_the_next_line_neither_heading_nor_zoned():
    texts = ["Disclaimer\nHow It Works\nThis is general. It may help.\nOther text.",
             "Disclaimer:\nMedical Disclaimer\nText one.\nText two.", "Read more\nDisclaimer", "First line here."]
    table = an.segment(pd.DataFrame({"doc_id": list("abcd"), "text": texts}))
    assert table["zone"].tolist() == ["disclaimer", "heading", "disclaimer", "disclaimer", "body",
                                      "disclaimer", "disclaimer", "disclaimer", "body", "navigation", "disclaimer", "body"]


@SETTINGS
@given(st.lists(st.text(alphabet="aBc.(\"'“é𝐀\n", min_size=1, max_size=10), max_size=30),
       st.frozensets(st.text(alphabet="abcB.é(", max_size=9), max_size=8))
def test_abbreviations_of_any_length_are_looked_up_as_one_by_one(tokens, abbreviations):
    """The few characters before a full stop are looked at for the word before it (all of them only
    where a word too long to be an abbreviation starts with an opener): as the plain regex scan."""
    text = ". ".join(tokens) + ". End"
    assert split_sentences(text, abbreviations=abbreviations) == regex_split_sentences(text, abbreviations)
