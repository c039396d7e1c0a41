"""Comparative content analysis of clinic web articles on ketamine for PTSD.

The public API is importable from here; modules load on first use, so
``python -m analysis`` starts quickly. See the README for the data flow.
"""
from __future__ import annotations

import importlib

# Light core modules load eagerly (``segment`` is both a module and a function: the
# function must win); heavier ones (matplotlib, scikit-learn, nbclient) load on first use.
from .corpus import CorpusError, load_corpus
from .describe import describe_corpus
from .lexicon import Lexicon, LexiconError, load_lexicon
from .segment import paragraphs, segment, split_paragraphs, split_sentences
from .negation import is_negated
from .tokens import count_words

__version__ = "0.1.0"

_EAGER = ["CorpusError", "load_corpus", "describe_corpus", "Lexicon", "LexiconError", "load_lexicon",
          "paragraphs", "segment", "split_paragraphs", "split_sentences", "count_words", "is_negated"]
# public name -> module that defines it (loaded on first access)
_EXPORTS = {
    "save_figure": "figures", "article_labels": "labels",
    "environment_versions": "report",
    # findings written from a run's tables (issue 16)
    "Findings": "findings", "is_seed_corpus": "findings", "corpus_findings": "findings", "theme_findings": "findings",
    "stance_findings": "findings", "concept_findings": "findings", "validation_findings": "findings",
    # stance (issue 8)
    "score_sentences": "stance", "score_articles": "stance",
    "keyword_in_context": "evidence", "annotate_sentences": "evidence", "export_annotations": "evidence", "highlight": "evidence",
    # concepts (issue 4)
    "load_codebook": "codebook", "concept_mentions": "concepts", "concept_coverage": "concepts", "group_coverage": "concepts", "quality_omissions": "concepts", "cooccurrence": "concepts", "CodebookError": "codebook",
    # groups of articles (issue 17)
    "article_counts": "groups", "pool_units": "groups", "compare_groups": "groups", "group_terms": "keyness",
    "group_findings": "group_findings",
    # themes (issue 3)
    "build_passages": "passages", "make_vectorizer": "vectorize", "article_similarity": "similarity", "article_linkage": "similarity", "near_duplicates": "similarity", "ThemeModel": "themes", "theme_shares": "themes", "passage_map": "themes", "keyness_table": "keyness", "distinctive_terms": "keyness", "log_likelihood": "keyness", "log_ratio": "keyness",
}

__all__ = sorted(_EAGER + list(_EXPORTS))


def __getattr__(name: str):
    if name in _EXPORTS:
        value = getattr(importlib.import_module(f".{_EXPORTS[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'analysis' has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | set(_EXPORTS))
