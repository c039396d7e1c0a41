"""The stance measure's context rules (``analysis.stance_rules``, ``data/lexicons/stance_rules.csv``): sense rules,
one counted marker per span, and the prefilter, which must give the result of trying every rule on every text.

Tests that read ``../shared/data/validation`` skip with the reason when it is missing, except under CI
(``CI=true``), where a missing file fails.
"""
import os
import re

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.paths import PROJECT_ROOT
from analysis.rule_finder import RuleFinder, begins_outside_words
from analysis.stance import find_markers, score_sentences, sentence_stance
from analysis.stance_rules import collapse_overlaps, load_rules

VALIDATION = PROJECT_ROOT.parent / "shared" / "data" / "validation"
HEADER = "rule,kind,category,terms,subtype,level,triggers,starts,pattern,source,note\n"

# texts where the prefilter could go wrong: characters a case-insensitive pattern matches to i or s (İ ı ſ),
# repeated texts, newlines, an empty text, headings and questions, rules' words in upper case and mid-word
INLINE = [
    "Benefits of Ketamine Over SSRIs for PTSD", "Why NMDA Receptor Modulation Matters for PTSD",
    "How does ketamine work?", "Ketamine may help some patients.", "Ketamine may help some patients.",
    "KETAMINE IS ONE OF THE SAFEST MEDICINES THERE ARE.", "80% of our patients feel relief within hours.",
    "In a 2019 study (Smith et al.), ketamine was significantly better than placebo (p < 0.01).",
    "İf needed, ſome patients receive a second infusion; ıf not, they rest.",
    "Our experienced team is here to help you.",
    "Esketamine reduced symptoms\nrapidly, and sertraline improved sleep.", "", "Contact us today:",
    "Adverse events were mild.", "It is not clear whether the effect lasts.", "Call now to book your consultation!",
    "The treatment-resistant depression cohort had major depressive disorder.", "Symptoms vary from person to person.",
    "Please discuss the risks with your doctor.", "Ketamine is a promising treatment for trauma.",
    "Ketamine showed remarkable effects (2019).", "Esketamine lowered relapse rates in a remarkable way.",
    "Further research is needed.", "Ketamine reduced symptoms, but further research is needed.",
]


def shared(name: str):
    """Path of a shared validation file: skip (with the reason) when missing, fail under CI."""
    path = VALIDATION / name
    if not path.exists():
        reason = f"shared validation data not present: {path}"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{reason} (CI=true: this guard must run)")
        pytest.skip(reason)
    return path


def sentence_table(texts: list[str], doc_id: str = "t") -> pd.DataFrame:
    return pd.DataFrame({"doc_id": doc_id, "sent": range(len(texts)), "start": 0, "zone": "body", "text": texts})


def coded_sentences() -> pd.DataFrame:
    coded = pd.read_csv(shared("stance_coding_dev.csv"), dtype=str, keep_default_na=False)
    return sentence_table(coded["sentence"].tolist(), "coded")


def assert_prefilter_changes_nothing(sentences: pd.DataFrame):
    fast_table, fast_markers = sentence_stance(sentences)
    slow_table, slow_markers = sentence_stance(sentences, prefilter=False)
    pd.testing.assert_frame_equal(fast_table, slow_table)
    pd.testing.assert_frame_equal(fast_markers, slow_markers)


# ---------------------------------------------------------------- the prefilter changes no result
def test_prefilter_changes_nothing_on_the_seed_corpus(seed_sentences):
    assert_prefilter_changes_nothing(seed_sentences)


def test_prefilter_changes_nothing_on_the_coded_sentences():
    assert_prefilter_changes_nothing(coded_sentences())


def test_prefilter_changes_nothing_on_hard_texts():
    assert_prefilter_changes_nothing(sentence_table(INLINE))
    # the prefilter is no no-op here: rules fire, and the texts with İ ı ſ are found by the rules
    table, markers = sentence_stance(sentence_table(INLINE))
    assert {"conditional", "superlative", "efficacy-percent", "disclaimer"} <= set(markers["rule"])
    assert markers.loc[markers["sent"] == 8, "rule"].eq("conditional").sum() == 2  # "İf", "ıf"


def test_repeated_texts_score_like_their_first_occurrence():
    texts = INLINE * 3
    table, markers = sentence_stance(sentence_table(texts))
    once, once_markers = sentence_stance(sentence_table(INLINE))
    columns = [c for c in table if c != "sent"]
    for k in range(3):
        part = table.iloc[k * len(INLINE):(k + 1) * len(INLINE)].reset_index(drop=True)
        pd.testing.assert_frame_equal(part[columns], once[columns])
        rows = markers[markers["sent"].between(k * len(INLINE), (k + 1) * len(INLINE) - 1)]
        pd.testing.assert_frame_equal(rows.drop(columns="sent").reset_index(drop=True),
                                      once_markers.drop(columns="sent"))


def contract_breaches(texts: list[str]) -> list[str]:
    """Rules whose matches break their trigger or start strings on ``texts``: a text with a match holds
    none of the triggers, or a match begins with none of the starts."""
    bad = []
    for rule in load_rules():
        for text in texts:
            plain = text.replace("\n", " ")
            low = plain.lower().replace("’", "'")
            if len(low) != len(plain):
                continue  # İ: such texts are tried on every rule, everywhere
            found = list(rule.pattern.finditer(plain))
            if found and not rule.triggered(plain):
                bad.append(f"{rule.name}: no trigger in {text!r}")
            for m in found if rule.starts else []:
                if not (m.start() == 0 and "^" in rule.starts) and not any(low.startswith(s, m.start())
                                                                           for s in rule.starts):
                    bad.append(f"{rule.name}: a match begins with none of the starts: {plain[m.start():m.end()]!r}")
    return bad


def test_every_rule_keeps_its_trigger_and_start_strings(seed_sentences):
    assert contract_breaches(seed_sentences["text"].tolist() + INLINE) == []


def test_every_rule_keeps_its_trigger_and_start_strings_on_the_coded_sentences():
    assert contract_breaches(coded_sentences()["text"].tolist()) == []


def test_add_claim_and_not_claim_rules_name_triggers_or_starts():
    # a rule without either is tried on every text: allowed, but none of the bundled rules needs it
    untriggered = [r.name for r in load_rules()
                   if r.kind in ("add", "claim", "not_claim") and not (r.triggers or r.starts)]
    assert untriggered == []


# ---------------------------------------------------------------- where a rule is tried
@pytest.mark.parametrize("pattern, outside", [
    (r"\bif\b|\bunless\b", True),
    (r"(?<!\bdecide\s)(?<!\bsee\s)\b(?:even\s+)?if\b", True),    # lookbehinds first
    (r"^\W*finally\b|\bfinally\s*,", True),                      # ^ is the text's start
    (r"\(\s*(?:19|20)\d\d\s*\)|:\s*$|\?\s*$", True),             # punctuation, escaped or not
    (r"\bx[|]y|\bz", True),                                      # | inside a class does not split
    (r"\bx\|y", True),                                           # nor an escaped one
    (r"\bp\b|p\b", False),                                       # an alternative may begin inside a word
    (r"(?:\bx|\by)", False),                                     # a group first: not read, so not claimed
    (r"(?<!a)?\bx", False),                                      # an optional lookbehind
    (r":?x", False), (r"\(*x", False), (r"_x", False), (r"\dx", False), (r".x", False), (r"", False),
])
def test_begins_outside_words_reads_the_pattern(pattern, outside):
    assert begins_outside_words(pattern) == outside
    if outside:  # and then no match begins between two word characters
        for text in ["Ifx, if: unless? x|y zx (2019) finally, Finally x|yz", "a:b(c)d?"]:
            for m in re.finditer(pattern, text, re.IGNORECASE):
                assert m.start() == 0 or not (text[m.start() - 1].isalnum() and text[m.start()].isalnum()), m


def test_bundled_rules_skip_places_inside_words():
    # the place filter applies to all bundled rules with starts but one; a rule it cannot read is tried everywhere
    assert [r.name for r in load_rules() if r.starts and not r.outside_words] == ["approximator-quantity"]


def test_place_filters_change_no_match(tmp_path):
    path = tmp_path / "rules.csv"
    path.write_text(HEADER + "mid,add,hedge,,x,0,,p,p\\b,x,y\n" "edge,add,hedge,,x,0,,p,\\bp\\w*,x,y\n", encoding="utf-8")
    rules = load_rules(path)
    texts = ["Help: sleep and pain.", "up, Pp", "", "ſleep"]
    fast, slow = RuleFinder(rules, texts, prefilter=True), RuleFinder(rules, texts, prefilter=False)
    for k in range(len(rules)):
        assert [a.tolist() for a in fast.matches(k)] == [a.tolist() for a in slow.matches(k)]
    assert [rules.rules[0].outside_words, rules.rules[1].outside_words] == [False, True]
    assert fast.matches(0)[1].tolist() == [3, 10, 1, 5, 4]   # p at a word's end, also inside "Pp" and "ſleep"
    assert fast.matches(1)[1].tolist() == [16, 4]            # "pain", "Pp"
    # until: the matches that begin at or before a text's position are all given
    until = np.array([10, 0, -1, -1])
    text, start, _ = fast.matches(0, until >= 0, until)
    assert [(t, s) for t, s in zip(text.tolist(), start.tolist()) if s <= until[t]] == [(0, 3), (0, 10)]


def every_match_per_rule(finder: RuleFinder) -> list[list[list[int]]]:
    """``finder.every_match()`` split by rule: per rule, its texts, starts and ends."""
    rule, *found = finder.every_match()
    return [[a[rule == k].tolist() for a in found] for k in range(len(finder.rules))]


@pytest.mark.parametrize("prefilter", [True, False])
def test_every_match_is_matches_of_each_rule(tmp_path, seed_sentences, prefilter):
    # the bundled rules, and rules with a start inside words, the text's start, no starts, a two-part trigger
    path = tmp_path / "rules.csv"
    path.write_text(HEADER + "mid,add,hedge,,x,0,,p,p\\b,x,y\n" "edge,add,hedge,,x,0,,p|^,\\bp\\w*,x,y\n"
                    "any,add,hedge,,x,0,s,,\\bs\\w+,x,y\n" "two,add,hedge,,x,0,(may|might)+help,,help,x,y\n",
                    encoding="utf-8")
    texts = INLINE + ["Help: sleep and pain.", "up, Pp", "ſleep", "pain may help"] + seed_sentences["text"].tolist()
    for rules in (load_rules(), load_rules(path)):
        finder = RuleFinder(rules, texts, prefilter)
        per_rule = [[a.tolist() for a in finder.matches(k)] for k in range(len(rules))]
        assert every_match_per_rule(finder) == per_rule
        assert sum(len(t) > 0 for t, _, _ in per_rule) >= min(len(rules), 40)  # most rules match somewhere
    # prefiltered, both parts of the trigger are needed: not "here to help you" (9) nor "Help: sleep and pain."
    expected = [3, 4] + [9, len(INLINE)] * (not prefilter) + [len(INLINE) + 3]
    assert [t for t in per_rule[3][0] if t < len(INLINE) + 4] == expected
    rule, text, _, _ = RuleFinder(rules, [], prefilter).every_match()
    assert len(rule) == len(text) == 0


# ---------------------------------------------------------------- the rules file
@pytest.mark.parametrize("row, message", [
    ("up,add,hedge,,,,Maybe,,maybe,x,y", "line 3: rule 'up': triggers 'Maybe'"),     # upper case
    ("sp,add,hedge,,,,may be,,may be,x,y", "line 3: rule 'sp': triggers 'may be'"),   # a space
    ("ca,add,hedge,,,,^,,^may,x,y", "line 3: rule 'ca': triggers '\\^'"),             # ^ is a start, not a trigger
    ("bad,nope,hedge,,,,,,x,x,y", "line 3: kind 'nope'"),
    ("re,add,hedge,,,,may,,(may,x,y", "line 3: rule 're'"),
    ("short,add,hedge,,,,may,may", "line 3: 8 fields, expected 11"),
    ("grp,add,hedge,,,,(may|might+help,,may,x,y", "line 3: rule 'grp': triggers"),   # an unclosed choice
    ("plus,add,hedge,,,,c++,,c,x,y", "line 3: rule 'plus': triggers"),               # + is syntax
])
def test_rules_file_errors_name_the_line(tmp_path, row, message):
    path = tmp_path / "rules.csv"
    path.write_text(HEADER + "# a comment line counts\n" + row + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match=f"{path.name}, {message}"):
        load_rules(path)


def test_rules_file_without_the_new_columns_is_an_error(tmp_path):
    path = tmp_path / "old.csv"
    path.write_text("rule,kind,category,terms,subtype,level,pattern,source,note\n", encoding="utf-8")
    with pytest.raises(ValueError, match="expected .*'triggers', 'starts'"):
        load_rules(path)


def test_a_valid_file_loads_its_strings(tmp_path):
    path = tmp_path / "rules.csv"
    path.write_text(HEADER + "cond,add,hedge,,conditional,0,if|(may|might)+help,^|if|(|unless,\\bif\\b,x,y\n",
                    encoding="utf-8")
    (rule,) = load_rules(path)
    assert rule.triggers == ("if", "(may|might)+help") and rule.starts == ("^", "if", "(", "unless")
    assert rule.triggered("It might HELP.") and rule.triggered("if") and not rule.triggered("It may.")


# ---------------------------------------------------------------- one counted marker per span
_PIECES = ["The long-term effects are unknown.", "not FDA-approved", "may", "might possibly", "about 30%",
           "ask about", "one of the safest", "our experienced team", "will help you", "if needed", "significantly",
           "statistically significant", "first session", "in some cases", "more research is needed", "ketamine",
           "cures PTSD", "book your free consultation today", "80% of our patients", "breakthrough", "we hope"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=8))
def test_counted_markers_of_a_category_never_overlap(pieces):
    markers = find_markers(sentence_table([" ".join(pieces)]))
    counted = markers[markers["counted"]]
    for _, group in counted.groupby("counted_as"):
        spans = sorted(zip(group["start"], group["end"]))
        assert all(a_end <= b_start for (_, a_end), (b_start, _) in zip(spans, spans[1:])), spans


def collapse_by_hand(markers: pd.DataFrame) -> list[bool]:
    """Longest first (then earliest start, then table order); a marker overlapping a kept one of its text and
    category is dropped."""
    length = markers["end"] - markers["start"]
    order = sorted(range(len(markers)), key=lambda i: (-length[i], markers["start"][i], i))
    kept, counted = [], list(markers["counted"])
    for i in order:
        if not counted[i]:
            continue
        key, a, b = (markers["text_id"][i], markers["counted_as"][i]), markers["start"][i], markers["end"][i]
        if any(k == key and a < e and s < b for k, s, e in kept):
            counted[i] = False
        else:
            kept.append((key, a, b))
    return counted


SPANS = st.lists(st.tuples(st.integers(0, 2), st.sampled_from(["hedge", "promotion"]), st.integers(0, 30),
                           st.integers(0, 8), st.booleans()), max_size=25)


@settings(max_examples=200, deadline=None)
@given(SPANS)
def test_collapse_overlaps_keeps_the_longest_of_each_cluster(spans):
    markers = pd.DataFrame({"text_id": [s[0] for s in spans], "counted_as": [s[1] if s[4] else "" for s in spans],
                            "start": [s[2] for s in spans], "end": [s[2] + s[3] for s in spans],
                            "counted": [s[4] for s in spans], "rule": "", "level": 1})
    out = collapse_overlaps(markers)
    assert out["counted"].tolist() == collapse_by_hand(markers)
    dropped = markers["counted"] & ~out["counted"]
    assert (out.loc[dropped, "rule"] == "overlap").all() and (out.loc[dropped, "level"] == 0).all()


# ---------------------------------------------------------------- what the rules do (codebook)
def one(text: str) -> pd.Series:
    return score_sentences([text]).iloc[0]


@pytest.mark.parametrize("text, column, expected", [
    ("The long-term effects are unknown.", "hedges", 2),  # the two spelling variants collapse; "unknown" is another span
    ("Ketamine is not FDA-approved for PTSD.", "caveats", 1),
    ("Symptoms were significantly reduced (p < 0.01).", "promotion", 0),   # statistics
    ("Patients had treatment-resistant depression.", "promotion", 0),     # disease name
    ("A systematic review of randomized trials.", "promotion", 0),        # study design
    ("After the first session, patients rested.", "promotion", 0),        # ordinal
    ("Ketamine is one of the safest medicines there are.", "strong_hype", 1),
    ("80% of our patients feel relief.", "promotion", 1),
    ("Book your free consultation today.", "promotion", 1),           # overlapping invitations collapse
    ("It will give you your life back.", "strong_hype", 2),           # a promise and "your life back"
    ("Our clinic has helped hundreds of veterans.", "promotion", 1),  # the clinic praising its record
    ("Trusted by thousands of patients.", "promotion", 1),
    ("Most of our patients feel relief after one infusion.", "promotion", 1),  # an unsourced efficacy claim
    ("Most patients feel relief after one infusion.", "promotion", 0),        # not the clinic's own patients
    ("You don't have to live with PTSD any longer.", "promotion", 1),          # second-person promises
    ("Imagine a life free from trauma.", "promotion", 1),
    ("Say goodbye to nightmares and flashbacks for good.", "promotion", 1),
    ("Ketamine is completely safe when given by our doctors.", "promotion", 1),  # safety as an absolute
    ("Ketamine is not completely safe.", "promotion", 0),                       # ... denied: a caveat
    ("Start your healing journey today.", "promotion", 1),                     # invitations to act
    ("Find out if ketamine is right for you.", "promotion", 1),
    ("Ketamine offers hope to veterans.", "promotion", 1),                     # a reason for hope
    ("Proven results.", "promotion", 1),
    ("A free 15-minute phone consultation with our nurse.", "promotion", 1),   # offers (words between allowed)
    ("Veterans save 10% on every infusion.", "promotion", 1),
    ("Ask about our flexible payment plans.", "promotion", 1),
    ("Healthcare financing varies between countries.", "promotion", 0),         # financing as a topic
    ("Same-week appointments are available.", "promotion", 1),                  # speed of access
    ("Same-day discharge was safe after surgery.", "promotion", 0),
    ("Call (555) 010-2233 to book online.", "calls_to_action", 0),              # the invitation rule, not the lexicon
    ("Call (555) 010-2233 to book online.", "promotion", 2),                   # two invitations, apart
    ("Why choose our clinic?", "promotion", 1),                                 # the clinic praising itself
    ("The team has treated thousands of patients.", "promotion", 1),
    ("The ketamine program gave me my life back.", "promotion", 1),             # a testimonial promise
    ("It is one of our most popular services.", "strong_hype", 1),              # a superlative of the clinic's own
    ("Ask your doctor about ketamine.", "hedges", 0),                     # not an approximator
    ("About 30% of patients respond.", "approximators", 1),
    ("Many people find hope again.", "hedges", 0),
    ("It is not clear that ketamine reduces PTSD symptoms.", "hedges", 1),
    ("If needed, a second infusion is given.", "hedges", 1),
    ("A Small Clinic, On Purpose", "hedges", 0),                          # small as a size
    ("The benefit was seen in a small group of patients.", "hedges", 1),  # small as a scope limiter
    ("What to Expect", "hedges", 0),                                       # a procedure, not an expectation
    ("We expect that relief will last.", "hedges", 1),
    ("It has potential for misuse.", "hedges", 0),                        # potential stating a risk
    ("It has shown potential in trials.", "hedges", 1),
    ("You may not drive until the next day.", "hedges", 0),               # may of permission
    ("You don't have to live in survival mode.", "hedges", 0),            # an obligation, not certainty
    ("Our services are not intended to diagnose, treat, cure, or prevent any disease.", "disclaimers", 1),
    ("Ketamine is a safe and well-established medicine.", "promotion", 1),       # safety as a product label
    ("It has been used safely in emergency rooms for decades.", "promotion", 1),  # a safety record
    ("The drug was safe and well tolerated in the trial.", "promotion", 0),       # a trial finding
    ("Ketamine has emerged as a promising treatment for trauma.", "promotion", 1),  # promising sells ...
    ("Early results are promising, but larger trials are needed.", "promotion", 0),  # ... unless a caveat comes with it
    ("Patients used rapid-acting insulin analogues.", "promotion", 0),              # a drug class
    ("This is the largest cross-sectional study of vitamin D in psychosis.", "promotion", 0),  # a literal size
    ("Massive amounts of energy storage would be needed.", "promotion", 0),
    ("Side effects such as mild dizziness typically wear off within minutes.", "promotion", 0),  # no selling speed
    ("Many cells died within 24 hours.", "promotion", 0),
    ("Symptoms often ease within hours.", "promotion", 1),                          # the speed of a benefit sells
    ("Because we keep our schedule small, you will never feel rushed.", "promotion", 1),  # a promise
    ("Start Feeling Better This Week", "promotion", 1),                             # a heading that invites
    ("Begin With a Conversation", "promotion", 1),
    ("Begin each session with a short breathing exercise.", "promotion", 0),       # an instruction
    ("Benefits Our Guests Love", "promotion", 1),                                   # the clinic praising itself
    ("Landmark research published in a leading journal found dramatic reductions.", "promotion", 1),  # vague source
    ("Research published in JAMA found dramatic reductions in symptoms.", "promotion", 0),    # a named source lowers
    ("84% of our members reported improvement after four weeks.", "promotion", 1),  # stop 33: more efficacy nouns
    ("Why Patients Choose Our Clinic", "promotion", 1),
    ("Annual plan: $1,490 per year, saving you over 25%.", "promotion", 1),       # offers
    ("The Heroes Discount", "promotion", 1),
    ("Your dose is personalized by your clinician.", "promotion", 1),             # the codebook's personalized plan
    ("Personalized medicine is a growing field.", "promotion", 0),                # a field's name
    ("Call our veteran liaison at (910) 555-0117.", "promotion", 1),
    ("Our nurses are right there if you need anything.", "promotion", 1),         # the clinic praising its staff
    ('"By my fourth infusion I was sleeping six hours straight," says Marcus T., Army veteran.', "promotion", 1),
    ('"I was surprised by the size of the effect," says Dr. Jane Doe.', "promotion", 0),  # a researcher, no testimonial
    ("Think of it as a reset button for your brain.", "hedges", 0),                # an imperative, not a belief
    ("I think of it as a reset.", "hedges", 1),
    ("Ketamine has abuse potential.", "hedges", 0),                                # potential stating a risk
    ("Side effects usually pass within a couple of hours.", "hedges", 1),          # frequency of what it does
    ("Further research is needed in veterans.", "hedges", 0),  # only the need: no claim to weaken
    ("The mechanism requires further investigation.", "hedges", 0),
    ("Ketamine reduced symptoms, but further research is needed.", "hedges", 1),  # the need beside a claim hedges it
    ("Further studies are needed, but the results suggest a benefit.", "hedges", 2),
    # stop 36: senses from the coded blog and press sentences (tests/data/coded_blog_press.csv, tune part)
    ("Side effects can appear within minutes of the dose.", "hedges", 0),          # appear of emergence
    ("The benefit appears to fade after a month.", "hedges", 1),                   # appear to: a hedge
    ("Therapy can make it possible to face old memories.", "hedges", 0),           # possible of enablement
    ("It is possible that the benefit is short-lived.", "hedges", 1),
    ('"I could finally sleep through the night," says Ana P.', "hedges", 0),       # could of past ability
    ("Ketamine could reduce nightmares.", "hedges", 1),
    ("Patients can realistically expect two or three sessions a week.", "hedges", 0),
    ("Ketamine often produces a brief dreamlike state.", "hedges", 1),             # a frequency word on a treatment
    ("Clinics often charge extra for the first visit.", "hedges", 0),              # ... on what a clinic does
    ("In the first twenty minutes the nurse checks your blood pressure.", "promotion", 0),  # an ordinal
    ("Patients with the largest brain changes improved most.", "promotion", 0),   # a literal size of a change
    ("Our nurses are trained in trauma-informed care.", "promotion", 1),           # the clinic praising its staff
    ("Our doctors review each chart carefully before a first dose.", "promotion", 1),
    ("Talk to our team", "promotion", 1),                                           # a heading that invites
    ("Take the next step toward relief.", "promotion", 1),
])
def test_context_rules(text, column, expected):
    assert one(text)[column] == expected


@pytest.mark.parametrize("text, promotion, caveats", [
    ("We cannot guarantee results.", 0, 1),               # a negated guarantee is a caveat
    ("The method, while not perfect, is used widely.", 0, 1),
    ("It is not the best option for everyone.", 0, 1),
    ("The guarantee of relief is what we offer.", 1, 0),  # not negated: still selling
    ("Don't hesitate to contact us today.", 1, 0),        # an invitation sells under a rhetorical negation
])
def test_negated_value_words_added_by_rules_are_caveats(text, promotion, caveats):
    row = one(text)
    assert (row["promotion"], row["caveats"]) == (promotion, caveats)
    markers = find_markers(sentence_table([text]))
    negated = markers[markers["negated"] & (markers["counted_as"] == "caveat")]
    assert (negated["rule"] == "negated").all() and len(negated) == caveats


def test_selling_without_a_hype_word_names_its_rule():
    texts = ["Our clinic has helped hundreds of veterans.", "You don't have to live with PTSD any longer.",
             "Most of our patients feel relief after one infusion."]
    markers = find_markers(sentence_table(texts))
    counted = markers[markers["counted"] & (markers["counted_as"] == "promotion")]
    assert counted.sort_values("sent")["rule"].tolist() == ["clinic-record", "second-person-relief", "efficacy-percent"]


def test_descriptive_senses_name_the_rule_that_dropped_them():
    texts = ["Early results are promising, but larger trials are needed.", "Vast numbers of birds migrate.",
             "Nausea usually resolves quickly."]
    markers = find_markers(sentence_table(texts))
    dropped = markers[(markers["category"] == "promotion") & ~markers["counted"]].sort_values("sent")
    assert dropped["rule"].tolist() == ["promising-with-caveat", "literal-quantity", "speed-of-fading"]


def test_effect_verbs_make_claims_and_boosters_count():
    t = score_sentences(["Ketamine cures PTSD.", "Ketamine eliminates PTSD symptoms.",
                         "Ketamine clearly outperforms standard treatments.", "How Ketamine Helps the Brain"])
    assert t["claim"].tolist() == [True, True, True, False]
    plain, boosted = score_sentences(["Ketamine cures PTSD.", "Ketamine definitely cures PTSD."])["certainty"]
    assert boosted >= plain


def test_a_rule_judges_each_sentence_alone():
    # a heading followed by another heading-shaped sentence: each is a heading (no claim), whatever its neighbour
    texts = ["Benefits of Ketamine Over SSRIs for PTSD", "Integrating Ketamine Therapy with Other Healing Practices"]
    together = score_sentences(texts)["claim"].tolist()
    apart = [score_sentences([t])["claim"].iloc[0] for t in texts]
    assert together == apart == [False, False]
    assert np.array_equal(score_sentences(["It acts", "rapidly relieves pain."])["promotion"],
                          [0, score_sentences(["rapidly relieves pain."])["promotion"].iloc[0]])
