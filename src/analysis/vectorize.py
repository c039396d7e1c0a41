"""Vectorize texts: the stemming tokenizer and the TF-IDF pipeline shared by similarity and themes (choices and
sources: docs/themes.md#vectorizing)."""
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
    """Snowball stem of one lowercase word (cached: each distinct word is stemmed once)."""
    return _STEMMER.stem(word)


def _stem_or_empty(word: str) -> str:
    """The stem of one lowercase word, or "" for a stop word or a word without a letter."""
    word = word.replace("’", "'")
    return "" if word in ENGLISH_STOP_WORDS or not _LETTER.search(word) else stem(word)


class StemTokenizer:
    """Callable tokenizer: lowercase words → English stop words removed → Snowball stems, each distinct word
    looked up once per tokenizer."""

    def __call__(self, text: str) -> list[str]:
        table = self.__dict__.setdefault("_table", {})  # word -> stem, or "" for a dropped word
        out = []
        for w in WORD_RE.findall(text.lower()):
            s = table.get(w)
            if s is None:
                s = table[w] = _stem_or_empty(w)
            if s:
                out.append(s)
        return out

    def __getstate__(self):  # the lookup table is a cache, not state
        return {}


def make_vectorizer(*, min_df=1) -> Pipeline:
    """The TF-IDF pipeline of 1–2-grams of stems used for passages and articles; ``min_df`` as in
    scikit-learn's TfidfVectorizer.

    Steps ``counts`` (CountVectorizer, so the raw counts stay reachable for class-based TF-IDF) and ``tfidf``
    (TfidfTransformer: ``1 + ln tf``, idf ``ln((1+n)/(1+df)) + 1``, L2 rows, so a dot product of two rows is their
    cosine); ``get_feature_names_out()`` gives the stem n-grams.
    """
    counts = CountVectorizer(tokenizer=StemTokenizer(), lowercase=False, token_pattern=None, ngram_range=(1, 2),
                             min_df=min_df, dtype=np.float64)
    return Pipeline([("counts", counts), ("tfidf", TfidfTransformer(sublinear_tf=True, norm="l2"))])


def surface_forms(texts) -> dict[str, str]:
    """Stem → its most frequent lowercase word form in ``texts`` (ties: alphabetical; a possessive ``'s`` cut
    off), to show stems as words; stop words get no entry."""
    counts = Counter(w.replace("’", "'") for text in texts for w in WORD_RE.findall(text.lower()))
    best: dict[str, tuple[int, str]] = {}
    for w, cnt in counts.items():
        s = _stem_or_empty(w)
        form = w[:-2] if w.endswith("'s") else w
        if s and (s not in best or (-cnt, form) < (-best[s][0], best[s][1])):
            best[s] = (cnt, form)
    return {s: f for s, (_, f) in best.items()}
