"""Descriptive statistics per article: size, readability, and where the words go."""
from __future__ import annotations

import pandas as pd

from .segment import ZONES

__all__ = ["describe_corpus"]


def describe_corpus(articles: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """One row per article of ``articles`` (:func:`analysis.load_corpus`): size, readability and share of words
    per zone, from its ``sentences`` (:func:`analysis.segment`).

    Returns
    -------
    DataFrame
        ``doc_id, title, n_words, n_sentences, n_paragraphs, words_per_sentence_body, fk_grade_body,
        share_words_<zone>...``. ``fk_grade_body`` is the Flesch–Kincaid grade level (US school grade; higher =
        harder; Kincaid et al. 1975, via textstat) of the body-zone sentences; shares are fractions of the article's
        words (0–1) and sum to 1 per article.
    """
    import textstat

    by_doc = sentences.groupby("doc_id")
    out = pd.DataFrame({"n_words": by_doc["n_words"].sum(), "n_sentences": by_doc.size(),
                        "n_paragraphs": by_doc["para"].nunique()})
    body = sentences[sentences["zone"] == "body"].groupby("doc_id")
    out["words_per_sentence_body"] = body["n_words"].mean()
    out["fk_grade_body"] = body["text"].agg(lambda t: textstat.flesch_kincaid_grade(" ".join(t)))
    zone_words = sentences.pivot_table(index="doc_id", columns="zone", values="n_words", aggfunc="sum", fill_value=0)
    for zone in ZONES:
        col = zone_words[zone] if zone in zone_words else 0
        out[f"share_words_{zone}"] = col / out["n_words"]
    out = articles[["doc_id", "title"]].merge(out.reset_index(), on="doc_id", how="left")
    return out.fillna({c: 0 for c in out.columns if c.startswith(("n_", "share_"))})
