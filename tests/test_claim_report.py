"""Notebook 06's figures and findings on tiny hand-made tables of checked claims: known answers."""
from __future__ import annotations

import re

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from analysis.claim_check import VERDICTS, article_verdicts, verdict_cells, verdicts_by_type
from analysis.claim_findings import claim_findings
from analysis.figures.claims import (MAX_ARTICLES, VERDICT_COLORS, most_flagged, plot_claim_verdicts,
                                     plot_verdicts_by_type)

ARTICLES = pd.DataFrame({"doc_id": ["a", "b", "c"], "title": ["Clinic A", "Clinic B", "Clinic C"],
                         "text": ["x", "y", "z"]})
TYPES = ["fda_approval", "speed", "cure", "other claim"]


def _checked(rows) -> pd.DataFrame:
    """Checked-claim rows from (doc_id, sent, claim_type, verdict, certainty, ceiling) tuples."""
    table = pd.DataFrame(rows, columns=["doc_id", "sent", "claim_type", "verdict", "certainty", "ceiling"])
    table["excess"] = np.where(table["verdict"] == "overstated", table["certainty"] - table["ceiling"], 0.0)
    table["text"] = [f"Sentence {d}{s} about {t or 'something'}." for d, s, t in
                     zip(table["doc_id"], table["sent"], table["claim_type"])]
    table["supported"], table["sources"] = "What the trials show.", "Feder et al. 2014"
    table["negated"], table["percent"], table["numbers"] = False, np.nan, ""
    return table


CHECKED = _checked([
    ("a", 1, "fda_approval", "contradicted", 5.0, np.nan),
    ("a", 1, "speed", "overstated", 5.0, 4.0),
    ("a", 2, "speed", "overstated", 5.5, 4.0),
    ("a", 3, "cure", "consistent", 2.0, 2.0),
    ("b", 0, "", "not checkable", 5.0, np.nan),
])


def test_cells_hold_the_worst_verdict_and_the_number_of_sentences():
    cells = verdict_cells(CHECKED, ["a", "b", "c"])
    got = {(r.doc_id, r.claim_type): (r.verdict, r.n_sentences) for r in cells.itertuples()}
    assert got == {("a", "fda_approval"): ("contradicted", 1), ("a", "speed"): ("overstated", 2),
                   ("a", "cure"): ("consistent", 1), ("b", "other claim"): ("not checkable", 1)}
    assert list(VERDICT_COLORS) == list(VERDICTS)  # colours in the order of the verdicts, worst first


def test_matrix_colours_cells_by_verdict_and_leaves_claims_not_made_blank():
    cells = verdict_cells(CHECKED, ["a", "b", "c"])
    ax = plot_claim_verdicts(cells, TYPES, labels={"a": "Clinic A", "b": "Clinic B"})
    grid = ax.collections[0].get_array()
    assert grid.shape == (4, 2)  # claim types × the articles that make claims
    every = plot_claim_verdicts(cells, TYPES, doc_ids=["a", "b", "c"])
    assert every.collections[0].get_array().shape == (4, 3)  # c makes none: an empty column
    assert np.ma.getmaskarray(every.collections[0].get_array())[:, 2].all()
    assert grid[0, 0] == 0 and grid[1, 0] == 1 and grid[2, 0] == 2 and grid[3, 1] == 3  # verdict index
    assert np.ma.getmaskarray(grid)[0, 1]  # article b makes no approval claim: blank
    assert [t.get_text() for t in ax.get_yticklabels()] == ["fda approval", "speed", "cure", "other claim"]
    assert "Clinic A" in [t.get_text() for t in ax.get_xticklabels()]
    assert sorted(t.get_text() for t in ax.texts) == ["1", "1", "1", "2"]
    plt.close("all")


def test_matrix_refuses_more_articles_than_it_can_show_and_most_flagged_picks_them():
    verdicts = pd.DataFrame({"doc_id": [f"d{i}" for i in range(MAX_ARTICLES + 5)], "n_contradicted": 0,
                             "n_overstated": 0, "n_claim_sentences": 1})
    verdicts.loc[[3, 44], "n_contradicted"] = 1
    shown = most_flagged(verdicts)
    assert len(shown) == MAX_ARTICLES and shown[0] == "d0" and "d3" in shown and "d44" in shown
    assert shown == sorted(shown, key=lambda d: int(d[1:]))  # in table order
    assert most_flagged(verdicts.head(3)) == ["d0", "d1", "d2"]
    many = pd.DataFrame({"doc_id": [f"d{i}" for i in range(MAX_ARTICLES + 1)], "claim_type": "speed",
                         "verdict": "consistent", "n_sentences": 1})
    with pytest.raises(ValueError, match="at most 40 articles"):
        plot_claim_verdicts(many, TYPES)


def test_bars_count_sentences_per_claim_type_and_verdict():
    ax = plot_verdicts_by_type(verdicts_by_type(CHECKED), TYPES)
    widths = {(c.get_label(), round(b.get_y() + b.get_height() / 2)): b.get_width()
              for c in ax.containers for b in c}
    assert widths[("overstated", 1)] == 2 and widths[("contradicted", 0)] == 1
    assert widths[("not checkable", 3)] == 1 and widths[("consistent", 2)] == 1
    assert widths[("consistent", 0)] == 0
    plt.close("all")


def test_findings_name_counts_shares_types_and_the_evidence():
    verdicts = article_verdicts(CHECKED, ["a", "b", "c"])
    text = " ".join(claim_findings(CHECKED, verdicts, ARTICLES))
    assert "1 of 3 articles make claims the evidence file can check: 3 of 4 claim sentences are checkable (a" in text
    assert "or the claim finder of notebook 03 marks, so more than notebook 03 counts): 1 contradicted" in text
    assert "counts): 1 contradicted by the evidence, 1 overstated (stated more certainly" in text  # sentences, at their worst
    assert "“Clinic A” (a): 67 % of its checkable claim sentences are overstated or contradicted" in text
    assert "Overstated claims by type (sentences): speed (2 in 1 of 3 articles)." in text
    assert "The median overstatement is 1.2 points" in text and "50 % of the overstated rows" in text
    assert "certainty 5.5 against a ceiling of 4" in text and "[Feder et al. 2014]" in text
    assert "1 claim sentence is not checkable" in text
    assert not re.search(r"\bnan\b", text, flags=re.I)


def test_findings_without_claims_say_there_is_nothing_to_check():
    empty = CHECKED.iloc[:0]
    text = " ".join(claim_findings(empty, article_verdicts(empty, ["a", "b"]), ARTICLES))
    assert "nothing to check" in text and "only 2 articles" in text
