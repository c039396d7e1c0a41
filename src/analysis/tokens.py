"""Words: the one definition of a word behind every count and every per-1,000-word rate in the package.

A word is a run of letters or digits, optionally joined by an apostrophe or hyphen
(``don't``, ``fast-acting``, ``N-methyl-D-aspartate``, ``5-HT`` count as one word each).
"""
from __future__ import annotations

import re

__all__ = ["WORD_RE", "count_words", "text_list"]

WORD_RE = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")


def count_words(text: str) -> int:
    """Number of words in ``text``.

    Examples
    --------
    >>> count_words("Ketamine's fast-acting effect: 2 hours.")
    5
    """
    return sum(1 for _ in WORD_RE.finditer(text))


def text_list(texts) -> list[str]:
    """``texts`` (any iterable of str) as a list; a single string, or an item that is not a str, is an error."""
    if isinstance(texts, (str, bytes)):
        raise ValueError("Iterable over raw text documents expected, string object received.")
    texts = list(texts)
    bad = next((i for i, t in enumerate(texts) if not isinstance(t, str)), None)
    if bad is not None:
        raise TypeError(f"text {bad} is {type(texts[bad]).__name__}, not str.")
    return texts
