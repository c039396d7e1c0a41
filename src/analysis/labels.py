"""Short, unique, readable labels for articles (for figures, tables and findings).

A figure labelled ``000 … 004`` cannot be read without the manifest beside it, and a
full title ("How Ketamine Helps the Brain Heal from Trauma: The Science Behind PTSD
Treatment") does not fit under a bar. :func:`article_labels` derives one short label
per article from a chosen metadata column.
"""
from __future__ import annotations

import os
import re
from collections import Counter

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
        Longest label (characters) before the disambiguation below; longer labels are cut
        at a word boundary and end in "…". A ``doc_id`` shown as itself is never cut.

    Returns
    -------
    Series
        Index ``doc_id`` (str, in the order of ``articles``), value the label (str).
        Labels are unique: short labels that coincide drop the words they all start
        with and keep the last words that tell them apart (``"Frequently Asked…
        (Clinic 12)"``); identical texts get (the distinguishing end of) their
        ``doc_id`` appended (``"Journease (003)"``, ``"Mindful Infusions (clinic-12)"``).
    """
    if by not in _BY:
        raise ValueError(f"by must be one of {', '.join(_BY)}; got {by!r}.")
    if "doc_id" not in articles:
        raise ValueError("articles needs a 'doc_id' column.")
    ids = [_text(d) for d in articles["doc_id"]]
    columns = {"auto": ["title", "organization"], "title": ["title"], "organization": ["organization"],
               "doc_id": []}[by]
    labels, full = [], []
    for i, doc in enumerate(ids):
        label = ""
        for column in columns:
            if column in articles:
                label = _text(articles[column].iloc[i])
                if label.lower().startswith("[untitled]"):
                    label = label[len("[untitled]"):].strip()
            if label:
                break
        full.append(label or doc)
        labels.append(shorten(label, max_chars) if label else doc)
    return pd.Series(_unique(labels, full, ids, max_chars), index=pd.Index(ids, name="doc_id"), name="label",
                     dtype=object)


def _distinct_tails(texts: list[str], sep: str, min_chars: int) -> dict[str, str]:
    """Each distinct text → its fewest last words (split on ``sep``) that no other text ends with.

    At least two words, unless one word is already ``min_chars`` characters long.
    """
    texts = sorted(set(texts))
    parts = {t: re.split(f"({sep})", t) for t in texts}  # words and the separators between them
    for n in range(1, max(len(p) for p in parts.values()) // 2 + 2):
        tails = {t: "".join(p[-(2 * n - 1):]).strip(" -_.") for t, p in parts.items()}
        if len(set(tails.values())) == len(texts) and (n >= 2 or min(map(len, tails.values())) >= min_chars):
            return tails
    return {t: t for t in texts}


def _unique(labels: list[str], full: list[str], ids: list[str], max_chars: int) -> list[str]:
    """Make coinciding short labels unique, keeping them readable.

    Labels cut to the same head but whose full texts differ drop the words all of them
    start with and keep the last words that tell them apart: "Frequently Asked… (Clinic
    12)". Identical texts get the end of their doc_id that tells them apart appended:
    "Mindful Infusions (clinic-12)", "Journease (003)".
    """
    labels = list(labels)
    groups: dict[str, list[int]] = {}
    for i, label in enumerate(labels):
        groups.setdefault(label, []).append(i)
    for members in groups.values():
        texts = sorted({full[i] for i in members})
        if len(members) < 2 or len(texts) < 2:
            continue
        tails = _distinct_tails(texts, r"\s+", 8)
        common = len(os.path.commonprefix([t.split() for t in texts]))
        room = max(max_chars - max(map(len, tails.values())) - 1, 2 * max_chars // 3)
        for i in members:
            tail = tails[full[i]]
            words = full[i][: len(full[i]) - len(tail)].split()[common:]
            head = shorten(" ".join(words), room).rstrip("…") if words else ""
            labels[i] = f"{head}… {tail}" if head else tail
    counts = Counter(labels)
    for label in [label for label, n in counts.items() if n > 1]:
        members = [i for i, other in enumerate(labels) if other == label]
        id_tails = _distinct_tails([ids[i] for i in members], r"[-_.\s]+", 3)
        for i in members:
            labels[i] = label if label == ids[i] else f"{label} ({id_tails[ids[i]]})"
    return labels
