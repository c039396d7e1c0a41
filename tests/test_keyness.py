"""Keyness: log-likelihood G² and log ratio known answers, distinctive terms per article, edge cases."""
from __future__ import annotations

import math

import pandas as pd
import pytest

from analysis.keyness import distinctive_terms, keyness_table, log_likelihood, log_ratio
from synthetic import ARTICLE, SOLO_ARTICLE, article_passages


def test_log_likelihood_and_log_ratio_known_answers():
    # hand-computed: a=10, b=0, c=d=100 -> E1=E2=5, G2 = 2*10*ln 2
    assert log_likelihood(10, 0, 100, 100) == pytest.approx(20 * math.log(2))
    # a=5, b=15, c=100, d=900 -> E1=2, E2=18; G2 = 2(5 ln 2.5 + 15 ln(15/18)) = 3.69326
    assert log_likelihood(5, 15, 100, 900) == pytest.approx(2 * (5 * math.log(2.5) + 15 * math.log(15 / 18)))
    assert log_likelihood(5, 15, 100, 900) == pytest.approx(3.69326, abs=1e-5)
    assert log_likelihood(0, 0, 100, 900) == 0.0
    assert log_likelihood(10, 90, 100, 900) == pytest.approx(0.0)  # same relative frequency
    assert log_ratio(5, 15, 100, 900) == pytest.approx(math.log2(3))
    assert log_ratio(10, 0, 100, 100) == pytest.approx(math.log2(20))  # zero -> 0.5 (Hardie 2014)
    assert log_ratio(1, 4, 100, 100) == pytest.approx(-2.0)


def test_keyness_table_on_tiny_table():
    table = keyness_table({"may": 5, "cure": 1}, {"may": 15, "cure": 884, "the": 1}).set_index("term")
    assert table.loc["may", "g2"] == pytest.approx(log_likelihood(5, 15, 6, 900))
    assert table.loc["may", "log_ratio"] > 0 > table.loc["cure", "log_ratio"]
    assert table.loc["the", "freq_target"] == 0 and table.index[0] == "may"
    assert table.loc["may", "p_value"] < 0.001
    with pytest.raises(ValueError, match="empty"):
        keyness_table({"may": 1}, {})


def test_distinctive_terms_find_the_overused_word():
    p = pd.DataFrame({"doc_id": ["a", "b", "c"], "text": [
        "emdr emdr emdr emdr emdr emdr therapy helps",
        "ketamine therapy helps trauma patients recover",
        "ketamine helps patients with trauma recover well"]})
    d = distinctive_terms(p, min_g2=3.84)
    assert d.loc[d["doc_id"] == "a", "term"].tolist() == ["emdr"]
    assert (d["log_ratio"] >= 1).all() and (d["g2"] >= 3.84).all()


def test_one_article_has_nothing_to_be_distinctive_against():
    with pytest.raises(ValueError, match="found 1 article"):
        distinctive_terms(article_passages({"solo": SOLO_ARTICLE}))


def test_identical_articles_have_no_distinctive_terms():
    p = article_passages({"a": ARTICLE, "b": ARTICLE})
    assert distinctive_terms(p, min_freq=1, min_g2=0.0, min_log_ratio=0.01).empty
