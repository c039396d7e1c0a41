import numpy as np
import pytest

from analysis.lexicon import Lexicon, LexiconError, load_lexicon


def hits(lex, text):
    found = lex.find([text])
    return list(zip(found["matched"], found["category"]))


LEX = Lexicon([
    {"category": "hedge", "term": "may"}, {"category": "hedge", "term": "suggest*"},
    {"category": "booster", "term": "can be sure"}, {"category": "can", "term": "can"},
    {"category": "route", "term": "IV"}, {"category": "promo", "term": "game-changer"},
    {"category": "caveat", "term": "not a cure"}, {"category": "drug", "term": "ketamine"},
    {"category": "hedge", "term": "it's possible"},
])


@pytest.mark.parametrize("text, expected", [
    ("It may help.", [("may", "hedge")]),
    ("The mayor says maybe.", []),                                   # whole words only
    ("You can be sure. You can.", [("can be sure", "booster"), ("can", "can")]),  # longest match wins
    ("Results suggest; it suggested.", [("suggest", "hedge"), ("suggested", "hedge")]),  # wildcard
    ("IV infusions, not DSM-IV criteria.", [("IV", "route")]),      # no match inside a hyphenated compound
    ("A game changer and a game-changer.", [("game changer", "promo"), ("game-changer", "promo")]),
    ("It is not  a\ncure.", [("not  a\ncure", "caveat")]),           # flexible whitespace
    ("Ketamine’s effect; ketamines", [("Ketamine", "drug")]),        # possessive kept, plural not
    ("It’s possible and it's possible", [("It’s possible", "hedge"), ("it's possible", "hedge")]),
    ("You can't know.", []),                                         # "can" is not "can't"
])
def test_matching_known_answers(text, expected):
    assert hits(LEX, text) == expected


def test_offsets_are_per_text():
    table = LEX.find(["It may help.", "We can be sure."])
    assert table[["text", "category", "start", "end"]].values.tolist() == [[0, "hedge", 3, 6], [1, "booster", 3, 14]]


def test_term_in_two_categories_yields_both():
    lex = Lexicon([{"category": "a", "term": "potential"}, {"category": "b", "term": "potential"}])
    assert hits(lex, "its potential") == [("potential", "a"), ("potential", "b")]


def test_liwc_dic_file(tmp_path):
    dic = tmp_path / "mini.dic"
    dic.write_text("%\n1\ttentat\n2\tcertitude\n%\nmaybe\t1\nperhap*\t1\ndefinitely\t2\nfor sure\t2\n")
    lex = load_lexicon(dic)
    assert lex.categories == ("tentat", "certitude")
    assert hits(lex, "Perhaps it is, maybe; definitely for sure.") == [
        ("Perhaps", "tentat"), ("maybe", "tentat"), ("definitely", "certitude"), ("for sure", "certitude")]


@pytest.mark.parametrize("content, message", [
    ("%\n1\ttentat\nmaybe\t1\n", "found 1 '%' line"),
    ("%\n1\ttentat\n%\nmaybe\t7\n", "line 4: category id '7' is not declared"),
    ("%\n1\ttentat\n%\nma*ybe\t1\n", r"line 4: bad term 'ma\*ybe'"),
])
def test_bad_dic_names_the_line(tmp_path, content, message):
    dic = tmp_path / "bad.dic"
    dic.write_text(content)
    with pytest.raises(LexiconError, match=message):
        load_lexicon(dic)


@pytest.mark.parametrize("content, message", [
    ("word\nmay\n", "line 1: header lacks"),
    ("category,term\nhedge,may\nhedge\n", "line 3: 1 fields, expected 2"),
    ("category,term\nhedge,\n", "line 2: empty category or term"),
    ("category,term,weight\nhedge,may,strong\n", "line 2: weight 'strong' is not a number"),
    ("category,term\nhedge,may\nhedge,may\n", "line 3: term 'may' repeats"),
    ("category,term\nhedge,*may\n", "line 2: bad term"),
    ("category,term\nwin,reduc* symptoms\n", r"line 2: bad term 'reduc\* symptoms'; '\*' is allowed only at its end"),
    ("", "empty file"),
])
def test_bad_csv_names_the_line(tmp_path, content, message):
    path = tmp_path / "bad.csv"
    path.write_text(content)
    with pytest.raises(LexiconError, match=message) as info:
        load_lexicon(path)
    assert "bad.csv" in str(info.value)


def test_unknown_names_and_formats(tmp_path):
    with pytest.raises(LexiconError, match="unknown lexicon 'nope'"):
        load_lexicon("nope")
    with pytest.raises(LexiconError, match="unsupported lexicon format"):
        load_lexicon(tmp_path / "x.txt") if (tmp_path / "x.txt").write_text("x") else None


# --- the Aho-Corasick scan equals the reference regex scan -------------------------------------------
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.codebook import load_codebook
from analysis.lexicon import MATCH_COLUMNS
from test_engine_matcher import reference

LEXICONS = [load_lexicon("stance"), load_codebook().lexicon, LEX,
            Lexicon([{"category": "w", "term": "reduc*"}, {"category": "w", "term": "reduce symptoms"},
                     {"category": "w", "term": "a b c"}, {"category": "w", "term": "b c*"},
                     {"category": "w", "term": "e.g."}, {"category": "w", "term": "x"}])]
_WORDS = sorted({w for lex in LEXICONS for t in lex.entries["term"] for w in re.split(r"[\s\-–]+", t.replace("*", ""))})
_PIECES = st.one_of(
    st.sampled_from(_WORDS), st.sampled_from(_WORDS).map(str.upper), st.sampled_from(_WORDS).map(str.title),
    st.sampled_from(list(" -–'’\n\t_0123456789sx.,\x00") + ["  ", " \n ", "- ", " – ", "\u00a0", "\u2009", "'s", "🙂"]),
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz", max_size=3))
TRICKY_TEXT = st.lists(_PIECES, max_size=40).map("".join)


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(TRICKY_TEXT, max_size=4), st.integers(0, len(LEXICONS) - 1))
def test_find_equals_matching_each_text_and_the_regex(texts, which):
    lex = LEXICONS[which]
    found = lex.find(texts)
    assert list(found.columns) == MATCH_COLUMNS
    rows = list(zip(found["text"], found["start"], found["end"], found["matched"], found["category"], found["term"]))
    # each text alone: its spans, each with the entries its text belongs to, in order
    expected, terms = [], sorted(set(lex.entries["term"]))
    for i, text in enumerate(texts):
        one = lex.matcher.find([text])
        spans = list(zip(one.start.tolist(), one.end.tolist()))
        assert spans == reference(terms, text)
        expected += [(i, a, b, text[a:b], c, term) for a, b in spans for c, term, _ in lex.entries_for(text[a:b])]
    assert rows == expected


def test_find_of_nothing_and_of_a_string():
    assert LEX.find([]).empty and list(LEX.find([]).columns) == MATCH_COLUMNS
    assert LEX.find(["", "no marker here"]).empty
    with pytest.raises(ValueError, match="string object received"):
        LEX.find("It may help.")


def test_a_span_in_several_categories_gives_a_row_each():
    lex = Lexicon([{"category": "a", "term": "may"}, {"category": "b", "term": "may"}, {"category": "c", "term": "ma*"}])
    found = lex.find(["It may help."])
    assert found[["category", "term"]].values.tolist() == [["a", "may"], ["b", "may"], ["c", "ma*"]]
    assert found["start"].tolist() == [3, 3, 3] and found["matched"].tolist() == ["may"] * 3
