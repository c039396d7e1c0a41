"""Comparative content analysis of clinic web articles on ketamine for PTSD: the public API (the README shows the
data flow); modules load on first use, so ``python -m analysis`` starts quickly."""
from __future__ import annotations

import importlib

# Light core modules load eagerly (``segment`` is both a module and a function: the
# function must win); heavier ones (matplotlib, scikit-learn, nbclient) load on first use.
from .corpus import CorpusError, load_corpus
from .describe import describe_corpus
from .lexicon import Lexicon, LexiconError, load_lexicon
from .segment import paragraphs, segment, split_sentences
from .tokens import count_words

__version__ = "0.1.0"

_EAGER = ["CorpusError", "load_corpus", "describe_corpus", "Lexicon", "LexiconError", "load_lexicon",
          "paragraphs", "segment", "split_sentences", "count_words"]
_LAZY = {  # module -> its public names, loaded on first access
    "figures": ["save_figure"], "labels": ["article_labels"], "report": ["environment_versions"],
    "findings": ["Findings", "is_seed_corpus", "corpus_findings", "theme_findings", "stance_findings",
                 "concept_findings", "validation_findings"],
    "stance": ["score_sentences", "score_articles"], "claims": ["claim_table", "claim_flags"],
    "certainty": ["explain_certainty"],
    "evidence": ["keyword_in_context", "annotate_sentences", "highlight"],
    "codebook": ["load_codebook", "CodebookError"],
    "concepts": ["concept_mentions", "concept_coverage", "group_coverage", "quality_omissions", "cooccurrence"],
    "passages": ["build_passages"], "vectorize": ["make_vectorizer"],
    "similarity": ["article_similarity", "article_linkage", "near_duplicates"],
    "themes": ["ThemeModel", "theme_candidates", "theme_shares", "passage_map"],
    "groups": ["article_counts", "pool_units", "compare_groups"], "group_findings": ["group_findings"],
    "keyness": ["group_terms", "keyness_table", "distinctive_terms", "log_likelihood", "log_ratio"],
    "claim_check": ["load_evidence", "check_claims", "article_verdicts", "verdict_cells", "verdicts_by_type",
                    "worst_sentences", "coder_sheet"],
}
_EXPORTS = {name: module for module, names in _LAZY.items() for name in names}

__all__ = sorted(_EAGER + list(_EXPORTS))


def __getattr__(name: str):
    if name in _EXPORTS:
        value = getattr(importlib.import_module(f".{_EXPORTS[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'analysis' has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | set(_EXPORTS))
