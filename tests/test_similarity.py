"""Similarity: article cosine similarity, its dendrogram linkage, and shared copy (near-duplicates)."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import analysis as an
from analysis.similarity import near_duplicates
from synthetic import ARTICLE, SOLO_ARTICLE, article_passages


# ---------------------------------------------------------------------------------- edge cases
def test_one_article_cannot_be_compared():
    p = article_passages({"solo": SOLO_ARTICLE})
    sim = an.article_similarity(p)
    assert sim.shape == (1, 1) and sim.iloc[0, 0] == 1.0
    with pytest.raises(ValueError, match="at least two articles"):
        an.article_linkage(sim)
    assert near_duplicates(p).empty


def test_identical_articles_are_fully_similar_and_share_all_copy():
    p = article_passages({"a": ARTICLE, "b": ARTICLE})
    sim = an.article_similarity(p)
    assert np.allclose(sim.to_numpy(), 1.0)
    assert an.article_linkage(sim)["distance"].iloc[0] == pytest.approx(0.0, abs=1e-12)
    dups = near_duplicates(p)
    assert len(dups) == len(p) // 2 and (dups["jaccard"] == 1.0).all()


# ---------------------------------------------------------------------------------- similarity
def test_similarity_orders_related_articles_first():
    p = pd.DataFrame({"doc_id": ["a", "b", "c"], "passage": [0, 0, 0], "text": [
        "ketamine infusion reduces ptsd symptoms within hours",
        "ketamine infusion eases ptsd symptoms quickly",
        "our yoga retreat offers mindful breathing by the sea"]})
    sim = an.article_similarity(p)
    assert sim.loc["a", "b"] > 0.3 and sim.loc["a", "c"] == 0.0
    link = an.article_linkage(sim)
    assert set(link.loc[0, ["left", "right"]]) == {0, 1}


# ---------------------------------------------------------------------------------- near-duplicates
def test_near_duplicate_jaccard_known_answer():
    shared = "ketamine therapy offers rapid relief for patients who have not responded to other treatments"  # 14 words
    p = pd.DataFrame({"doc_id": ["x", "y", "y", "z"], "passage": [0, 0, 1, 0], "text": [
        shared, shared.replace("treatments", "options"), shared,  # y/1 duplicates x/0 exactly
        "call our office today to schedule a free consultation with a specialist"]})
    d = near_duplicates(p, shingle_size=5, threshold=0.5)
    pairs = {(r.doc_id_a, r.passage_a, r.doc_id_b, r.passage_b): r.jaccard for r in d.itertuples()}
    # 10 shingles each; changing the last word changes 1 shingle: 9 shared / 11 in the union
    assert pairs == {("x", 0, "y", 1): 1.0, ("x", 0, "y", 0): pytest.approx(9 / 11)}
    assert near_duplicates(p, threshold=0.95)[["doc_id_b", "passage_b"]].values.tolist() == [["y", 1]]


def test_near_duplicate_containment_finds_copy_inside_longer_passage():
    copy = "ketamine works on the glutamate system rather than serotonin like most antidepressants"
    p = pd.DataFrame({"doc_id": ["a", "b"], "passage": [0, 0], "text": [
        copy, "At our clinic we explain it simply. " + copy + " Ask us how infusions are scheduled and what they cost."]})
    d = near_duplicates(p)
    assert len(d) == 1 and d["containment"].iloc[0] == 1.0 and d["jaccard"].iloc[0] < 0.5
