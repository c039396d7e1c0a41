"""How findings are worded: numbers that are never NaN, articles named by label, short lists,
and whether the corpus is the bundled seed corpus (whose hand-written interpretation may be shown).

Used by :mod:`analysis.findings`; a researcher adding a finding uses these so that every
sentence names articles and formats numbers the same way.
"""
from __future__ import annotations

import hashlib
import math

import pandas as pd

from .labels import article_labels

__all__ = ["Findings", "FEW_ARTICLES", "SEED_CORPUS_SHA256", "is_seed_corpus", "number", "percent", "article_names",
           "join", "k_of_n", "by_doc", "few_articles", "value_range"]

#: At or below this many articles, findings say what so few articles cannot show.
FEW_ARTICLES = 5

#: SHA-256 of the bundled seed corpus (doc_id and text of the five articles in corpus/).
SEED_CORPUS_SHA256 = "a9a45cbbe3346ebc7cee3779e09608f222ceb773f6a932f4998575f502c295b0"


def is_seed_corpus(articles: pd.DataFrame) -> bool:
    """True when ``articles`` are exactly the bundled seed articles (same ids, same text).

    A hash of the texts rather than the folder name: articles added to ``corpus/`` make it
    another corpus, and a copy of the seeds elsewhere is still the seed corpus.
    """
    digest = hashlib.sha256()
    for doc, text in sorted(zip(articles["doc_id"].astype(str), articles["text"])):
        digest.update(doc.encode() + b"\x00" + str(text).encode() + b"\x01")
    return digest.hexdigest() == SEED_CORPUS_SHA256


class Findings(list):
    """Finding sentences (a ``list`` of ``str``) that display as a Markdown bullet list."""

    def markdown(self) -> str:
        """The sentences as a Markdown bullet list."""
        return "\n".join(f"* {sentence}" for sentence in self)

    def _repr_markdown_(self) -> str:
        return self.markdown()

    def __str__(self) -> str:
        return self.markdown()


def number(x, digits: int = 1) -> str:
    """A number for a sentence; a missing number is a bug in the caller, never printed as nan."""
    x = float(x)
    if not math.isfinite(x):
        raise ValueError("a finding cannot rest on a missing number (NaN); say why it is missing instead")
    return f"{x:,.{digits}f}"


def percent(share) -> str:
    """A share (0–1) as a whole percentage, '24 %'."""
    return f"{number(100 * float(share), 0)} %"


def article_names(articles: pd.DataFrame, max_id_chars: int = 24) -> dict:
    """doc_id -> how a sentence names the article, from :func:`analysis.article_labels`.

    “label” (doc_id), so that the row can be found in a table; “label” alone when the id is
    longer than ``max_id_chars``, the longest label (a longer file name would bury the sentence;
    labels are unique anyway); the doc_id alone when it is the label.
    """
    labels = article_labels(articles)
    return {doc: doc if label == doc else f"“{label}”" if label.endswith(f"({doc})") or len(doc) > max_id_chars
            else f"“{label}” ({doc})" for doc, label in labels.items()}


def join(items, limit: int = 6) -> str:
    """'a, b and c'; past ``limit`` items, the rest counted as 'n others'."""
    items = [str(i) for i in items]
    if len(items) > limit:
        items = items[:limit - 1] + [f"{len(items) - limit + 1} others"]
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def k_of_n(k: int, n: int, noun: str = "article") -> str:
    """'all 5 articles', '2 of 5 articles', '1 of 1 article'."""
    return f"all {n} {noun}s" if k == n > 1 else f"{k} of {n} {noun}{'s' if n != 1 else ''}"


def by_doc(table: pd.DataFrame) -> pd.DataFrame:
    """``table`` indexed by its ``doc_id`` as str."""
    return table.set_index(table["doc_id"].astype(str))


def few_articles(n: int, what: str) -> list[str]:
    """The sentence on what ``n`` articles cannot show (none above FEW_ARTICLES)."""
    if n <= 1:
        return [f"With one article there is nothing to compare: {what} describe this page only."]
    if n <= FEW_ARTICLES:
        return [f"With only {n} articles, {what} describe these pages only: they cannot estimate how common "
                "a feature is among clinic websites, and a difference between two articles may be a difference "
                "between two writers rather than between kinds of clinic."]
    return []


def value_range(values: pd.Series, names: dict, digits: int = 1, unit: str = "") -> str:
    """'lo (name) to hi (name)' over the finite values of a doc-indexed Series."""
    values = values.dropna()
    lo, hi = values.idxmin(), values.idxmax()
    return f"{number(values[lo], digits)}{unit} ({names[lo]}) to {number(values[hi], digits)}{unit} ({names[hi]})"


def spread(values: pd.Series, names: dict, digits: int = 1, unit: str = "") -> str:
    """'runs from lo (name) to hi (name)', or 'is v in every article' when all values print the same."""
    values = values.dropna()
    lo, hi = number(values.min(), digits), number(values.max(), digits)
    if lo == hi:
        return f"is {lo}{unit} in every article"
    return f"runs from {value_range(values, names, digits, unit)}"
