"""The compiled Aho-Corasick automaton finds exactly what a naive search finds."""
import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from analysis.automaton import Automaton

ALPHABET = "ab 'é😀"


def naive(strings, text):
    """(end, index, start) of every occurrence of every string, overlapping ones too."""
    found = []
    for k, s in enumerate(strings):
        at = text.find(s)
        while at >= 0:
            found.append((at + len(s) - 1, k, at))
            at = text.find(s, at + 1)
    return sorted(found)


def hits(automaton, text, **kwargs):
    h = automaton.find(automaton.symbols(text), **kwargs)
    return sorted(zip(h.end.tolist(), h.value.tolist(), h.start.tolist()))


def test_known_answer():
    ac = Automaton(["he", "she", "his", "hers"])
    h = ac.find(ac.symbols("ushers"))
    assert list(zip(h.start.tolist(), h.end.tolist(), h.value.tolist())) == [(1, 3, 1), (2, 3, 0), (2, 5, 3)]
    assert h.second.tolist() == [2, 3, 3] and h.prev.tolist() == [2, 2, 4]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(ALPHABET, min_size=1, max_size=5), min_size=1, max_size=20, unique=True),
       st.text(ALPHABET + "xyz", max_size=120))
def test_equals_naive_search(strings, text):
    assert hits(Automaton(strings), text) == naive(strings, text)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text("ab #", min_size=1, max_size=5), min_size=1, max_size=12, unique=True),
       st.text("ab #x", max_size=80))
def test_squeeze_before_and_after(strings, text):
    """Runs of the squeezed symbol read as one, and the extra symbols stand at positions -1 and n."""
    ac = Automaton(strings)
    sym = ac.symbols(text)
    space, hash_ = int(ac.table[ord(" ")]), int(ac.table[ord("#")])
    if not space or not hash_:
        return
    kept = [i for i in range(len(text)) if not (text[i] == " " and i and text[i - 1] == " ")]
    squeezed = "#" + "".join(text[i] for i in kept) + "#"
    where = [-1] + kept + [len(text)]  # position of each character of the squeezed text
    want = sorted((where[e], k, where[s]) for e, k, s in naive(strings, squeezed))
    got = ac.find(sym, squeeze=space, before=hash_, after=hash_)
    assert sorted(zip(got.end.tolist(), got.value.tolist(), got.start.tolist())) == want
    long = [i for i, v in enumerate(got.value.tolist()) if len(strings[v]) > 1]
    assert all(where[where.index(got.start[i]) + 1] == got.second[i] for i in long)
    assert all(where[where.index(got.end[i]) - 1] == got.prev[i] for i in long)


def test_many_hits_grow_the_output():
    ac = Automaton(["a", "aa", "aaa"], values=[7, 8, 9])
    h = ac.find(ac.symbols("a" * 5000))
    assert len(h.end) == 5000 + 4999 + 4998
    assert np.bincount(h.value)[7:].tolist() == [5000, 4999, 4998]


def test_characters_beyond_the_bmp():
    ac = Automaton(["😀 a", "a"])
    assert hits(ac, "x😀 a😀") == [(3, 0, 1), (3, 1, 3)]


@pytest.mark.parametrize("strings, values", [([""], None), (["a", "a"], None), (["a"], [-1]), (["a", "b"], [1])])
def test_bad_strings_raise(strings, values):
    with pytest.raises(ValueError):
        Automaton(strings, values)


def test_more_states_than_sixteen_bits_hold():
    import itertools
    import random

    strings = ["".join(p) for p in itertools.product("abcdefghij", repeat=5)]  # 111,111 states
    ac = Automaton(strings)
    assert ac.delta.dtype == np.int32
    text = "".join(random.Random(0).choice("abcdefghijk") for _ in range(300))
    index = {s: k for k, s in enumerate(strings)}
    want = sorted((i + 4, index[text[i:i + 5]], i) for i in range(len(text) - 4) if "k" not in text[i:i + 5])
    assert hits(ac, text) == want
