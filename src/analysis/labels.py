"""Short, unique, readable labels for articles (for figures, tables and findings).

A figure labelled ``000 … 004`` cannot be read without the manifest beside it, and a
full title ("How Ketamine Helps the Brain Heal from Trauma: The Science Behind PTSD
Treatment") does not fit under a bar. :func:`article_labels` derives one short label
per article from a chosen metadata column.
"""
from __future__ import annotations

import pandas as pd

__all__ = ["article_labels", "shorten"]

_BY = ("auto", "title", "organization", "doc_id")


def _text(value) -> str:
    """A metadata value as clean text: missing (None, NaN, NA) → ''; whitespace collapsed."""
    if value is None:
        return ""
    try:
        if pd.isna(value):
            return ""
    except (TypeError, ValueError):  # list-like values: not metadata text
        pass
    return " ".join(str(value).split())


def shorten(text: str, max_chars: int = 24) -> str:
    """``text`` cut to at most ``max_chars`` characters, at a word boundary, ending in "…".

    Text that fits is returned unchanged. The cut falls after the last whole word that
    fits (trailing punctuation such as ":" or "–" dropped); a first word longer than the
    limit is cut inside the word.

    Examples
    --------
    >>> shorten("How Ketamine Therapy Helps with Trauma Recovery", 24)
    'How Ketamine Therapy…'
    """
    text = " ".join(str(text).split())
    if max_chars < 2:
        raise ValueError(f"max_chars must be at least 2, got {max_chars}.")
    if len(text) <= max_chars:
        return text
    head = text[: max_chars - 1]  # room for the ellipsis
    if text[max_chars - 1] != " " and " " in head:
        head = head[: head.rindex(" ")]  # do not cut inside a word
    head = head.rstrip(" -–—:;,./|(")
    return (head or text[: max_chars - 1]) + "…"


def article_labels(articles: pd.DataFrame, by: str = "auto", max_chars: int = 24) -> pd.Series:
    """One short, unique label per article, for figures and findings.

    Parameters
    ----------
    articles : DataFrame
        One row per article with ``doc_id`` (from :func:`analysis.load_corpus`) and
        optionally ``title`` and ``organization``. Missing values (NaN, None, "") are
        treated as absent and never shown.
    by : {"auto", "title", "organization", "doc_id"}
        Column to label by. ``"auto"``: the title when present and non-empty, else the
        organization, else the ``doc_id``. For ``"title"`` and ``"organization"``, an
        article without that value falls back to its ``doc_id``. A ``"[untitled] "``
        prefix (the manifest's mark for a title written by the curator) is dropped.
    max_chars : int
        Longest label before the ``doc_id`` suffix below; longer labels are cut at a word
        boundary and end in "…".

    Returns
    -------
    Series
        Index ``doc_id`` (str, in the order of ``articles``), value the label (str).
        Labels are unique: articles whose short labels coincide get their ``doc_id``
        appended, as ``"Ketamine for PTSD… (003)"``.
    """
    if by not in _BY:
        raise ValueError(f"by must be one of {', '.join(_BY)}; got {by!r}.")
    if "doc_id" not in articles:
        raise ValueError("articles needs a 'doc_id' column.")
    ids = [_text(d) for d in articles["doc_id"]]
    columns = {"auto": ["title", "organization"], "title": ["title"], "organization": ["organization"],
               "doc_id": []}[by]
    labels = []
    for i, doc in enumerate(ids):
        label = ""
        for column in columns:
            if column in articles:
                label = _text(articles[column].iloc[i])
                if label.lower().startswith("[untitled]"):
                    label = label[len("[untitled]"):].strip()
            if label:
                break
        labels.append(shorten(label, max_chars) if label else doc)
    counts = pd.Series(labels).value_counts()
    unique = [f"{label} ({doc})" if counts[label] > 1 and label != doc else label
              for label, doc in zip(labels, ids)]
    return pd.Series(unique, index=pd.Index(ids, name="doc_id"), name="label", dtype=object)
