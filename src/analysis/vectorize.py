"""Vectorize texts: the stemming tokenizer and the TF-IDF pipeline shared by similarity and themes.

Preprocessing: lowercase; words are :data:`analysis.tokens.WORD_RE` runs with at least one letter;
scikit-learn's English stop list, removed *before* stemming so bigrams skip it; NLTK Snowball English
stems; 1–2-grams; TF-IDF with sublinear tf (``1 + ln tf``), smooth idf (``ln((1+n)/(1+df)) + 1``) and
L2 rows, so a dot product of two rows is their cosine similarity.
The stop list serves grouping only (themes, similarity); keyness and near-duplicates use every word.
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

import numpy as np
from nltk.stem import SnowballStemmer
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, CountVectorizer, TfidfTransformer
from sklearn.pipeline import Pipeline

from .tokens import WORD_RE

__all__ = ["StemTokenizer", "make_vectorizer", "stem", "surface_forms"]

_STEMMER = SnowballStemmer("english")
_LETTER = re.compile(r"[^\W\d_]")


@lru_cache(maxsize=None)
def stem(word: str) -> str:
    """Snowball stem of one lowercase word, cached: each distinct word is stemmed once.

    Examples
    --------
    >>> stem("healing")
    'heal'
    """
    return _STEMMER.stem(word)


def _words(text: str):
    """The lowercase words of ``text`` that are not stop words and hold a letter."""
    for w in WORD_RE.findall(text.lower()):
        w = w.replace("’", "'")
        if w not in ENGLISH_STOP_WORDS and _LETTER.search(w):
            yield w


class StemTokenizer:
    """Callable tokenizer: lowercase words → English stop words removed → Snowball stems, each distinct
    word stemmed once.

    Examples
    --------
    >>> StemTokenizer()("Ketamine's effects are Healing the 2 brains")
    ['ketamin', 'effect', 'heal', 'brain']
    """

    def __call__(self, text: str) -> list[str]:
        if "_table" not in self.__dict__:  # word -> stem, or "" for a dropped word (not pickled)
            self._table = {}
        table, out = self._table, []
        for w in WORD_RE.findall(text.lower()):
            s = table.get(w)
            if s is None:
                v = w.replace("’", "'")
                s = table[w] = "" if v in ENGLISH_STOP_WORDS or not _LETTER.search(v) else stem(v)
            if s:
                out.append(s)
        return out

    def __getstate__(self):  # the lookup table is a cache, not state
        return {}


def make_vectorizer(*, min_df=1) -> Pipeline:
    """The TF-IDF pipeline of 1–2-grams of stems used for passages and articles (preprocessing: see the
    module docstring).

    Parameters
    ----------
    min_df : int or float
        Fewest passages (or share of them) a term must be in, as in scikit-learn's TfidfVectorizer.

    Returns
    -------
    Pipeline
        ``counts`` (CountVectorizer) then ``tfidf`` (TfidfTransformer), so the raw counts stay
        reachable for class-based TF-IDF; ``get_feature_names_out()`` gives the stem n-grams.

    Examples
    --------
    >>> vec = make_vectorizer()
    >>> X = vec.fit_transform(["Ketamine heals trauma", "Ketamine healing works"])
    >>> list(vec.get_feature_names_out())[:3]
    ['heal', 'heal trauma', 'heal work']
    """
    counts = CountVectorizer(tokenizer=StemTokenizer(), lowercase=False, token_pattern=None, ngram_range=(1, 2),
                             min_df=min_df, dtype=np.float64)
    return Pipeline([("counts", counts), ("tfidf", TfidfTransformer(sublinear_tf=True, norm="l2"))])


def surface_forms(texts) -> dict[str, str]:
    """Most frequent lowercase word form of each stem, to show stems as words (stop words get no entry).

    Parameters
    ----------
    texts : iterable of str
        The texts the stems came from.

    Returns
    -------
    dict
        Stem → its most frequent word form (ties: alphabetical), a possessive ``'s`` cut off.

    Examples
    --------
    >>> surface_forms(["Healing heals; healing helps"])
    {'heal': 'healing', 'help': 'helps'}
    """
    counts = Counter(w for text in texts for w in _words(text))
    best: dict[str, tuple[int, str]] = {}
    for w, cnt in counts.items():
        s = stem(w)
        form = w[:-2] if w.endswith("'s") else w
        cur = best.get(s)
        if cur is None or (-cnt, form) < (-cur[0], cur[1]):
            best[s] = (cnt, form)
    return {s: f for s, (_, f) in best.items()}
