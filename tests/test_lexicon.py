import numpy as np
import pandas as pd
import pytest

from analysis.lexicon import Lexicon, LexiconError, load_lexicon


def hits(lex, text):
    return [(m.text, m.category) for m in lex.matches(text)]


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


def test_offsets_and_match_table():
    sentences = pd.DataFrame({"doc_id": ["a", "a"], "sent": [0, 1], "start": [0, 13],
                              "text": ["It may help.", "We can be sure."]})
    table = LEX.match_table(sentences)
    assert table[["sent", "category", "start", "end"]].values.tolist() == [[0, "hedge", 3, 6], [1, "booster", 16, 27]]


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


def test_unknown_names_and_categories(tmp_path):
    with pytest.raises(LexiconError, match="unknown lexicon 'nope'"):
        load_lexicon("nope")
    path = tmp_path / "ok.csv"
    path.write_text("category,term\nhedge,may\n")
    with pytest.raises(LexiconError, match=r"unknown categor\(y/ies\) \['booster'\]"):
        load_lexicon(path, categories=["booster"])
    with pytest.raises(LexiconError, match="unsupported lexicon format"):
        load_lexicon(tmp_path / "x.txt") if (tmp_path / "x.txt").write_text("x") else None


# --- the Aho-Corasick scan equals the reference regex scan -------------------------------------------
import re
import sys

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis import lexicon as lexicon_module


def _bundled_lexicons():
    from analysis.concepts import load_codebook
    from analysis.stance import _compiled, load_stance_lexicon

    return [load_lexicon("stance"), load_codebook().lexicon, _compiled(load_stance_lexicon())[0], LEX,
            Lexicon([{"category": "w", "term": "reduc*"}, {"category": "w", "term": "reduce symptoms"},
                     {"category": "w", "term": "a b c"}, {"category": "w", "term": "b c*"},
                     {"category": "w", "term": "e.g."}, {"category": "w", "term": "x"}])]


LEXICONS = _bundled_lexicons()
_WORDS = sorted({w for lex in LEXICONS for t in lex.entries["term"] for w in re.split(r"[\s\-–]+", t.replace("*", ""))})
_PIECES = st.one_of(
    st.sampled_from(_WORDS), st.sampled_from(_WORDS).map(str.upper), st.sampled_from(_WORDS).map(str.title),
    st.sampled_from(list(" -–'’\n\t_0123456789sx.,\x00") + ["  ", " \n ", "- ", " – ", "İ", "\u00a0", "\u2009", "'s", "🙂"]),
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz", max_size=3))
TRICKY_TEXT = st.lists(_PIECES, max_size=40).map("".join)


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TRICKY_TEXT, st.integers(0, len(LEXICONS) - 1), st.integers(0, 5), st.integers(0, 5))
def test_aho_corasick_scan_equals_the_regex(text, which, cut_start, cut_end):
    lex = LEXICONS[which]
    assert lex.spans(text) == lex._regex_spans(text)
    start, end = min(cut_start, len(text)), max(0, len(text) - cut_end)
    assert lex.spans(text, start, end) == lex._regex_spans(text, start, end)
    starts, ends, ids, distinct = lex._span_ids(lexicon_module.PreparedText(text))
    assert [(a, b, distinct[k]) for a, b, k in zip(starts, ends, ids)] == lex._regex_spans(text)


def test_gap_characters_are_the_regex_class():
    gap = re.compile(r"[\s\-–]")
    assert sorted(lexicon_module._GAP_CHARS) == sorted(c for c in map(chr, range(sys.maxunicode + 1)) if gap.match(c))


def test_curly_apostrophe_in_a_term_falls_back_to_the_regex():
    lex = Lexicon([{"category": "a", "term": "it’s"}, {"category": "a", "term": "it"}])
    assert lex._scanner(()) is None
    assert lex.spans("it’s it's") == [(0, 4, "it’s"), (5, 7, "it")]


# --- probes: extra strings found in the same scan, anywhere -------------------------------------

def test_probes_are_found_anywhere_with_their_text():
    found = LEX._match_texts(["I know it isn’t no", "", "NO not"], probes=("no", "n't"))
    assert sorted(zip(found.probe_text.tolist(), found.probe_start.tolist(), found.probe_end.tolist())) == [
        (0, 3, 5), (0, 12, 15), (0, 16, 18), (2, 0, 2), (2, 3, 5)]  # inside words too; ' also finds ’
    assert not found.unprobed.any()
    assert list(found.matched) == [] and found.text_id.dtype == np.int64


def test_texts_the_regex_scans_are_unprobed():
    found = LEX._match_texts(["İt may be no", "it may be no"], probes=("no",))  # 'İ' lower-cases to two characters
    assert found.unprobed.tolist() == [True, False]
    assert found.probe_text.tolist() == [1] and list(found.matched) == ["may", "may"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(TRICKY_TEXT, max_size=4), st.integers(0, len(LEXICONS) - 1))
def test_probe_occurrences_equal_a_plain_search(texts, which):
    lex = LEXICONS[which]
    probes = ("no", "n't", "e", "b c", "x")
    found = lex._match_texts(texts, probes=probes)
    expected = set()
    for k, text in enumerate(texts):
        s = text.lower().replace("’", "'")
        if len(s) != len(text) or lex._scanner(()) is None:
            assert found.unprobed[k]
            continue
        norm = re.sub(r"[\s\-–]", " ", s)
        for p in probes:
            pattern = re.escape(p).replace(r"\ ", " +")  # a probe's space is a run of gap characters
            expected |= {(k, m.start(), m.start() + len(m.group(1))) for m in re.finditer(f"(?=({pattern}))", norm)}
    assert set(zip(found.probe_text.tolist(), found.probe_start.tolist(), found.probe_end.tolist())) == expected
    rows = [(k, a, b, m) for k, t in enumerate(texts) for a, b, m in lex.spans(t)
            for _ in lex.entries_for(m)]
    assert list(zip(found.text_id.tolist(), found.start.tolist(), found.end.tolist(), found.matched)) == rows


# --- the framed automaton, the normalised copy and shared preparation ------------------------------

def test_framed_keys_find_words_at_edges_only():
    lex = Lexicon([{"category": "c", "term": "it"}, {"category": "c", "term": "heal*"}])
    scanner = lex._scanner(())
    [(a, b, wild, _, _)] = scanner.candidates(lexicon_module.PreparedText("with it, health; it's").codes[:-3])
    assert sorted(zip(a.tolist(), b.tolist())) == [(5, 7), (9, 13), (17, 19)]  # not the 'it' inside "with"
    assert lex.spans("with it, health; it's") == [(5, 7, "it"), (9, 15, "health"), (17, 19, "it")]


def test_frame_collisions_fall_back_to_plain_keys():
    # the wildcard "co'*" framed by a space equals the key "co" framed by a space and an apostrophe
    lex = Lexicon([{"category": "c", "term": "co'*"}, {"category": "c", "term": "co"}])
    assert lex._scanner(()) is not None
    assert lex.spans("co co'x co's") == lex._regex_spans("co co'x co's")
    assert lexicon_module._key_strings({"co'": True, "co": False}, " \x01'") is None


def test_normalised_table_of_the_bmp_equals_the_scalar_rule():
    scanner = LEXICONS[2]._scanner(())
    gap = set(lexicon_module._GAP_CHARS)
    for c in range(0x10000):
        low = chr(c).lower()
        if len(low) != 1 or 0xD800 <= c < 0xE000:
            continue
        want = (" " if low in gap else "'" if low == "’" and "'" in scanner.keep else
                low if low.isalnum() or low == "_" or low in scanner.keep else chr(scanner.boundary))
        assert chr(scanner.table[c]) == want, hex(c)


def test_prepared_text_codes_and_lower_casing():
    bmp, astral, dotted = (lexicon_module.PreparedText(t) for t in ("ab", "a🙂", "İ"))
    assert bmp.codes.dtype == np.uint16 and bmp.codes.tolist() == [97, 98, 0, 0, 0]
    assert astral.codes.dtype == np.uint32 and astral.codes.tolist()[:2] == [97, ord("🙂")]
    assert bmp.lower_keeps_length and astral.lower_keeps_length and not dotted.lower_keeps_length


def test_join_texts_offsets():
    joined = lexicon_module.join_texts(["It may", "", "x"])
    assert joined.prepared.text == "It may\x00\x00x" and joined.starts.tolist() == [0, 7, 8]
    assert lexicon_module.join_texts([]).starts.tolist() == []
    found = LEX._match_texts(["It may", "", "x"], joined=joined)
    assert list(zip(found.text_id.tolist(), found.matched)) == [(0, "may")]


# --- several lexicons in one walk -----------------------------------------------------------------

COLLIDING = Lexicon([{"category": "c", "term": "co'*"}, {"category": "c", "term": "co"}])  # scanned unframed


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TRICKY_TEXT, st.lists(st.integers(0, len(LEXICONS)), min_size=1, max_size=3, unique=True),
       st.sampled_from([(), ("no", "n't"), ("e", "b c")]))
def test_scan_together_equals_each_lexicons_own_scan(text, which, probes):
    requests = [((LEXICONS + [COLLIDING])[i], probes if k % 2 else ()) for k, i in enumerate(which)]
    together = lexicon_module.PreparedText(text)
    lexicon_module.scan_together(together, requests)
    for lex, request_probes in requests:
        alone = lex._scan_prepared(lexicon_module.PreparedText(text), probes=request_probes)
        got = lex._scan_prepared(together, probes=request_probes)
        assert [None if x is None else x.tolist() for x in got] == [None if x is None else x.tolist() for x in alone]
    assert set(together.found) <= set(requests)


def test_scan_together_fills_the_cache_once_for_each_request():
    from analysis.concepts import scan_request as concepts_request
    from analysis.stance import scan_request as stance_request

    prepared = lexicon_module.join_texts(["Ketamine may reduce symptoms.", "It is not a cure."]).prepared
    requests = [stance_request(), concepts_request()]
    lexicon_module.scan_together(prepared, requests)
    assert list(prepared.found) == requests
    starts, ends, _, _ = prepared.found[requests[0]]
    assert [prepared.text[a:b] for a, b in zip(starts.tolist(), ends.tolist())][:3] == ["Ketamine", "may", "reduce"]
    untouched = lexicon_module.PreparedText("İt may help")  # lower-casing changes its length: left to each lexicon
    lexicon_module.scan_together(untouched, requests)
    assert untouched.found == {}


@settings(max_examples=200, deadline=None)
@given(st.text("aAb ’😀", max_size=40), st.lists(st.tuples(st.integers(0, 40), st.integers(0, 6)), max_size=30))
def test_factorize_spans_equals_factorizing_the_strings(text, spans):
    prepared = lexicon_module.PreparedText(text)
    starts = np.array([min(a, len(text)) for a, _ in spans], dtype=np.int64)
    ends = np.array([min(a + n, len(text)) for a, n in spans], dtype=np.int64)
    want_ids, want = pd.factorize(np.array([text[a:b] for a, b in zip(starts, ends)], dtype=object))
    ids, distinct = lexicon_module._factorize_spans(prepared, starts, ends)
    assert ids.tolist() == want_ids.tolist() and distinct.tolist() == list(want)


def test_factorize_spans_survives_hash_collisions(monkeypatch):
    """Equal hashes of different spans are caught and the strings are factorized instead."""
    monkeypatch.setattr(lexicon_module, "_span_hashes", lambda codes, a, b: np.zeros(len(a), dtype=np.uint64))
    prepared = lexicon_module.PreparedText("may May may")
    ids, distinct = lexicon_module._factorize_spans(prepared, np.array([0, 4, 8]), np.array([3, 7, 11]))
    assert ids.tolist() == [0, 1, 0] and distinct.tolist() == ["may", "May"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 5), st.integers(0, 10**6), st.integers(0, 3)), max_size=50),
       st.booleans())
def test_sort_order_equals_lexsort(rows, huge):
    keys = [np.array([r[k] for r in rows], dtype=np.int64) for k in range(3)]
    if huge:  # a combined key beyond 63 bits takes the lexsort path
        keys[1] = keys[1] * 10**12
    assert lexicon_module._sort_order(*keys).tolist() == np.lexsort(keys[::-1]).tolist()
