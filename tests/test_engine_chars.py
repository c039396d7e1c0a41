"""The engine's character table agrees with Python's str methods on every BMP character and beyond."""
import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from analysis.engine import chars
from analysis.engine.chars import (ALNUM, ASCII, CASED, DIGIT, FLAGS, JOINER, LONG, LOWER, LOWER_CASE, SPACE, UPPER,
                                   WORD, code_points, flags_of, lower_of, word_starts)
from analysis.tokens import WORD_RE

ASTRAL = "😀𝐀𝐚𐐀𐐨𝟙𒀀\U0010FFFF"  # emoji, math bold A/a, Deseret upper/lower, math digit, cuneiform, last code point
BITS = {ALNUM: str.isalnum, WORD: lambda c: c.isalnum() or c == "_", JOINER: lambda c: c in "'’-",
        SPACE: str.isspace, UPPER: str.isupper, LOWER: str.islower, DIGIT: str.isdigit,
        CASED: lambda c: c.lower() != c.upper(), LONG: lambda c: len(c.lower()) != 1, ASCII: lambda c: ord(c) < 128}


def _expected_lower(char: str) -> int:
    low = char.lower()
    return ord(low) if len(low) == 1 else ord(char)


@pytest.mark.parametrize("bit", list(BITS), ids=[f"bit{b}" for b in BITS])
def test_every_bmp_flag_is_the_str_method(bit):
    expected = np.array([BITS[bit](chr(c)) for c in range(0x10000)])
    assert np.array_equal((FLAGS & bit) != 0, expected)


def test_every_bmp_lower_case_is_str_lower():
    assert LOWER_CASE.dtype == np.uint16
    assert LOWER_CASE.tolist() == [_expected_lower(chr(c)) for c in range(0x10000)]
    assert LOWER_CASE[ord("İ")] == ord("İ") and FLAGS[ord("İ")] & LONG  # 'i̇': two characters


def test_the_bits_are_distinct_and_the_tables_read_only():
    assert sorted(BITS) == [1 << i for i in range(len(BITS))]
    with pytest.raises(ValueError):
        FLAGS[0] = 1


def test_code_points_uint16_for_bmp_text_and_uint32_beyond():
    bmp = "Ketamine’s 2.5 mg İ \ud800"  # a lone surrogate stays one code point
    assert code_points(bmp).dtype == np.uint16 and code_points(bmp).tolist() == [ord(c) for c in bmp]
    mixed = "a" + ASTRAL + "b"
    assert code_points(mixed).dtype == np.uint32 and code_points(mixed).tolist() == [ord(c) for c in mixed]
    assert code_points("").tolist() == []


@pytest.mark.parametrize("text", ["Hello, World! 12 _x-y", "ÀÉÎ ßẞ İı ǅ K " + ASTRAL, ASTRAL * 3])
def test_flags_and_lower_of_any_text_are_the_str_methods(text):
    codes = code_points(text)
    assert flags_of(codes).tolist() == [chars.char_flags(c) for c in text]
    assert flags_of(codes).tolist() == [sum(bit for bit, test in BITS.items() if test(c)) for c in text]
    lower = lower_of(codes)
    assert lower.dtype == codes.dtype and lower.tolist() == [_expected_lower(c) for c in text]
    assert flags_of(codes.astype(np.uint32)).tolist() == flags_of(codes).tolist()


def test_astral_characters_are_answered_one_by_one():
    codes = code_points("𐐀𝐚")  # Deseret capital long I, mathematical bold small a
    assert lower_of(codes).tolist() == [ord("𐐨"), ord("𝐚")]
    assert flags_of(codes).tolist() == [ALNUM | WORD | UPPER | CASED, ALNUM | WORD | LOWER]


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=60), st.text(alphabet=list("ab1 _-'’.\u00e9\u0130") + ["𝐀"], max_size=60)))
@example("don't stop - go-go 2.5 a'b’c --x x-- 'y' ÀB𝐀c _a_ x’-y a--b")
def test_word_starts_are_where_the_words_of_tokens_begin(text):
    starts = word_starts(flags_of(code_points(text)))
    assert starts.nonzero()[0].tolist() == [m.start() for m in WORD_RE.finditer(text)]
