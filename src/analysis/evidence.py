"""Evidence views of the stance markers (:func:`analysis.stance.find_markers`): keyword in context,
highlighting and a sheet for human coders (write it with :func:`analysis.io.write_csv`), so that a
reader can check each marker in its text."""
from __future__ import annotations

from typing import Iterable

import pandas as pd

__all__ = ["highlight", "keyword_in_context", "annotate_sentences"]


def highlight(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """``text`` with each ``(start, end)`` span wrapped in brackets (spans may come in any order)."""
    out, cursor = [], 0
    for a, b in sorted(set(spans)):
        if a < cursor:
            continue
        out += [text[cursor:a], "[", text[a:b], "]"]
        cursor = b
    return "".join(out + [text[cursor:]])


def keyword_in_context(markers: pd.DataFrame, articles: pd.DataFrame, width: int = 40) -> pd.DataFrame:
    """Keyword-in-context view of ``markers`` (``doc_id, start, end``) in the ``articles``' text: the marker
    columns plus ``left`` (``width`` characters before, right-aligned), ``keyword`` and ``right``; whitespace runs
    shown as single spaces."""
    texts = articles.set_index(articles["doc_id"].astype(str))["text"]
    clean = lambda s: " ".join(s.split())  # noqa: E731
    left, key, right = [], [], []
    for d, a, b in zip(markers["doc_id"], markers["start"], markers["end"]):
        t = texts[d]
        left.append(clean(t[max(0, a - width):a])[-width:].rjust(width))
        key.append(t[a:b])
        right.append(clean(t[b:b + width])[:width])
    return markers.assign(left=left, keyword=key, right=right)


def annotate_sentences(sentence_table: pd.DataFrame, markers: pd.DataFrame) -> pd.DataFrame:
    """Sentences with their markers bracketed, for a human coder (both tables from ``sentence_stance``).

    Columns: ``doc_id, sent, zone, claim, hedges, boosters, can, promotion, caveats, certainty``, ``markers``
    (``term→counted_as`` list), ``text_marked`` (markers in ``[brackets]``) and empty ``coder_certainty`` /
    ``coder_note`` columns to fill in.
    """
    by_sent = {key: grp for key, grp in markers.groupby(["doc_id", "sent"], sort=False)}
    none = markers.iloc[:0]  # a sentence without markers: its text as it is, an empty list
    marked, listed = [], []
    for d, s, s0, text in zip(sentence_table["doc_id"], sentence_table["sent"], sentence_table["start"],
                              sentence_table["text"]):
        grp = by_sent.get((d, s), none)
        marked.append(highlight(text, [(a - s0, b - s0) for a, b in zip(grp["start"], grp["end"])]))
        listed.append("; ".join(f"{m}→{c or 'not counted'}" for m, c in zip(grp["matched"], grp["counted_as"])))
    cols = ["doc_id", "sent", "zone", "claim"] + [c for c in ("hedges", "boosters", "can", "promotion", "caveats")
                                                  if c in sentence_table] + ["certainty"]
    return sentence_table[cols].assign(markers=listed, text_marked=marked, coder_certainty="", coder_note="")
