"""Test data for the passage, similarity, theme and keyness tests and ``benchmarks/bench_themes.py``.

Not part of the library: :func:`synthetic_passages` generates passages with planted themes;
:data:`ARTICLE` and :func:`article_passages` give the passages of small hand-written articles.
Tests import it as ``from synthetic import synthetic_passages`` (pytest puts ``tests/`` on
``sys.path``: the folder has no ``__init__.py``); the benchmark adds ``tests/`` to ``sys.path`` itself.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

import analysis as an

__all__ = ["synthetic_passages", "ARTICLE", "SOLO_ARTICLE", "article_passages"]

ARTICLE = (
    "Why Ketamine Works\n"
    "Ketamine acts on the glutamate system and NMDA receptors, which supports new neural connections "
    "in brain regions linked to memory and emotion, so patients may process trauma differently.\n"
    "Read more: Helpful Tips for Ketamine Safety\n"
    "Rapid Relief\n"
    "- Fast: relief within hours.\n"
    "- Lasting: effects persist for weeks after an infusion session.\n"
    "- Supervised: staff monitor every session.\n"
)
"""A short article: a heading, a body paragraph, a navigation link, a heading and three list items."""

SOLO_ARTICLE = ARTICLE + "\nOur clinic team explains whether ketamine infusion therapy suits you and your needs and goals."
""":data:`ARTICLE` plus one more paragraph: the only article of a one-article corpus."""


def article_passages(texts: dict[str, str], min_words: int = 10) -> pd.DataFrame:
    """Passages of articles given as ``{doc_id: text}`` (segment → paragraphs → passages)."""
    arts = pd.DataFrame({"doc_id": list(texts), "text": list(texts.values())})
    return an.build_passages(an.paragraphs(an.segment(arts)), min_words=min_words)


_SYLLABLES = ["ba", "ke", "mi", "no", "ru", "sa", "ti", "vo", "ze", "lu", "pa", "do", "fi", "ga", "ho", "ju"]
_SUFFIXES = ["", "s", "ing", "ed", "ation", "ly", "ness", "er"]


def synthetic_passages(n_passages: int = 300, n_themes: int = 4, *, n_docs: int = 5, words_per_passage: int = 40,
                       theme_vocab: int = 60, shared_vocab: int = 400, theme_share: float = 0.5,
                       random_state=0) -> pd.DataFrame:
    """A corpus with planted themes, for tests and benchmarks.

    Each passage draws ``theme_share`` of its words from its theme's own vocabulary and the
    rest from a shared Zipf-distributed vocabulary; words are pseudo-words built from
    syllables plus English suffixes (so stemming has work to do).

    Returns
    -------
    DataFrame
        ``doc_id, passage, theme_true, n_words, text``.
    """
    rng = np.random.RandomState(random_state)
    n_syll = len(_SYLLABLES)

    def word(i: int, salt: int) -> str:
        parts, x = [], i * 7919 + salt * 104729 + 1
        for _ in range(3):
            parts.append(_SYLLABLES[x % n_syll])
            x //= n_syll
        return "".join(parts) + _SYLLABLES[(i + salt) % n_syll]

    shared = [word(i, 0) for i in range(shared_vocab)]
    themes = [[word(i, t + 1) for i in range(theme_vocab)] for t in range(n_themes)]
    zipf = 1.0 / np.arange(1, shared_vocab + 1)
    zipf /= zipf.sum()
    truth = rng.randint(0, n_themes, size=n_passages)
    n_theme = int(round(words_per_passage * theme_share))
    rows = []
    for i, t in enumerate(truth):
        w_theme = [themes[t][j] for j in rng.randint(0, theme_vocab, size=n_theme)]
        w_shared = [shared[j] for j in rng.choice(shared_vocab, size=words_per_passage - n_theme, p=zipf)]
        ws = w_theme + w_shared
        rng.shuffle(ws)
        suffix = rng.randint(0, len(_SUFFIXES), size=len(ws))
        text = " ".join(w + _SUFFIXES[s] for w, s in zip(ws, suffix))
        rows.append((f"{i % n_docs:03d}", i // n_docs, int(t), len(ws), text))
    return pd.DataFrame(rows, columns=["doc_id", "passage", "theme_true", "n_words", "text"])
