"""Passages: runs of an article's paragraphs, the units that are vectorized, clustered and compared."""
from __future__ import annotations

import pandas as pd

__all__ = ["build_passages", "PASSAGE_COLUMNS", "PASSAGE_EXCLUDED_ZONES"]

#: zones left out of passages: page furniture and legal boilerplate, not article content
PASSAGE_EXCLUDED_ZONES = ("navigation", "disclaimer")
PASSAGE_COLUMNS = ["doc_id", "passage", "paras", "start", "end", "zones", "n_words", "text"]


def build_passages(paragraphs: pd.DataFrame, *, min_words: int = 25) -> pd.DataFrame:
    """Merge each article's paragraphs (:func:`analysis.paragraphs`) into passages of at least ``min_words`` words.

    Within each article, in order: paragraphs in :data:`PASSAGE_EXCLUDED_ZONES` are dropped; a heading joins the
    paragraphs after it, and a new heading closes the current passage; paragraphs are added until the passage holds
    ``min_words`` non-heading words (so short list items merge); a short remainder joins the article's previous
    passage when there is one.

    Returns ``doc_id, passage, paras, start, end, zones, n_words, text``: ``passage`` counts from 0 per article,
    ``paras`` lists the merged paragraphs (``"3,4"``), ``start``/``end`` are character offsets into the article (the
    span may include dropped paragraphs), ``zones`` the distinct zones.
    """
    if isinstance(paragraphs, (str, bytes)):
        raise TypeError("build_passages() expects the paragraphs table from analysis.paragraphs(), got a string.")
    missing = {"doc_id", "para", "start", "end", "zone", "n_words", "text"} - set(paragraphs.columns)
    if missing:
        raise ValueError(f"paragraphs table lacks column(s) {sorted(missing)}; "
                         "use analysis.paragraphs(segment(articles)).")
    kept = paragraphs[~paragraphs["zone"].isin(PASSAGE_EXCLUDED_ZONES)].sort_values(["doc_id", "para"], kind="stable")
    doc_ids = kept["doc_id"].astype(str).tolist()
    is_heading = (kept["zone"] == "heading").tolist()
    n_words = kept["n_words"].astype("int64").tolist()
    columns = {name: kept[name].tolist() for name in ("para", "start", "end", "zone", "text")}
    cols: dict[str, list] = {c: [] for c in PASSAGE_COLUMNS}
    bounds = [i for i in range(1, len(doc_ids)) if doc_ids[i] != doc_ids[i - 1]]
    for a, b in zip([0] + bounds, bounds + [len(doc_ids)]):
        for number, items in enumerate(_passage_items(range(a, b), is_heading, n_words, min_words)):
            cols["doc_id"].append(doc_ids[a])
            cols["passage"].append(number)
            cols["paras"].append(",".join(str(columns["para"][i]) for i in items))
            cols["start"].append(min(columns["start"][i] for i in items))
            cols["end"].append(max(columns["end"][i] for i in items))
            cols["zones"].append(",".join(dict.fromkeys(columns["zone"][i] for i in items)))
            cols["n_words"].append(sum(n_words[i] for i in items))
            cols["text"].append(" ".join(columns["text"][i] for i in items))
    return pd.DataFrame(cols, columns=PASSAGE_COLUMNS).astype(
        {"doc_id": str, "passage": "int64", "paras": str, "start": "int64", "end": "int64", "zones": str,
         "n_words": "int64", "text": str})


def _passage_items(rows: range, is_heading: list[bool], n_words: list[int], min_words: int) -> list[list[int]]:
    """The paragraph rows of each passage of one article (the rules of :func:`build_passages`)."""
    passages: list[list[int]] = []
    buffer: list[int] = []
    body = 0  # non-heading words in the buffer

    def flush():
        if buffer:
            if (body < min_words or all(is_heading[i] for i in buffer)) and passages:
                passages[-1].extend(buffer)
            else:
                passages.append(buffer)

    for i in rows:
        if is_heading[i] and buffer and not is_heading[buffer[-1]]:
            flush()
            buffer, body = [], 0
        buffer.append(i)
        if not is_heading[i]:
            body += n_words[i]
            if body >= min_words:
                passages.append(buffer)
                buffer, body = [], 0
    flush()
    return passages
