"""Passages: paragraphs merged into units of at least ``min_words`` words, navigation left out."""
from __future__ import annotations

from synthetic import ARTICLE, article_passages


def test_passages_join_headings_merge_list_items_and_drop_navigation():
    p = article_passages({"a": ARTICLE})
    assert len(p) == 2
    assert p["text"].iloc[0].startswith("Why Ketamine Works Ketamine acts")
    assert "Read more" not in " ".join(p["text"])
    assert p["text"].iloc[1].startswith("Rapid Relief - Fast") and p["text"].iloc[1].endswith("every session.")
    assert p["zones"].iloc[1] == "heading,body"
    assert (p["n_words"] >= 10).all()
    assert ARTICLE[p["start"].iloc[0]:p["start"].iloc[0] + 12] == "Why Ketamine"
