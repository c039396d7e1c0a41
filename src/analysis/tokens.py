"""Words: the one definition of a word used for every count and rate in the package.

A word is a run of letters or digits, optionally joined by an apostrophe or hyphen
(``don't``, ``fast-acting``, ``N-methyl-D-aspartate``, ``5-HT`` count as one word each).
Per-1,000-word rates everywhere divide by this count.
"""
from __future__ import annotations

import re

__all__ = ["WORD_RE", "words", "count_words"]

WORD_RE = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")


def words(text: str) -> list[str]:
    """Return the words of ``text`` in order (original case).

    Examples
    --------
    >>> words("Ketamine's fast-acting effect: 2 hours.")
    ["Ketamine's", 'fast-acting', 'effect', '2', 'hours']
    """
    return WORD_RE.findall(text)


def count_words(text: str) -> int:
    """Number of words in ``text`` (see module docstring for the definition).

    Examples
    --------
    >>> count_words("It may help, within hours.")
    5
    """
    return sum(1 for _ in WORD_RE.finditer(text))
