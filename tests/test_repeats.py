"""Each distinct sentence scored once: the copies equal what scoring every sentence apart gives."""
import numpy as np
import pandas as pd
import pytest

from analysis import segment
from analysis.concepts import concept_mentions
from analysis.repeats import distinct_texts, rows_per_text
from analysis.stance import score_sentences, sentence_stance

REPEATED = ["Call us today to book your free consultation!", "Ketamine may not help everyone.",
            "It is not FDA-approved for PTSD.", "Call us today to book your free consultation!", "",
            "Ketamine may not help everyone.", "Call us today to book your free consultation!",
            "Ketamine is a proven, remarkable breakthrough that may help you heal.", "Ketamine may not help everyone.",
            "Ketamine is a proven, remarkable breakthrough that may help you heal."]


def test_distinct_texts_known_answer():
    distinct, code, first = distinct_texts(["b", "a", "b", "c", "a"])
    assert distinct == ["b", "a", "c"]
    assert code.tolist() == [0, 1, 0, 2, 1]
    assert first.tolist() == [0, 1, 3]
    assert [distinct[c] for c in code] == ["b", "a", "b", "c", "a"]


def test_distinct_texts_of_nothing():
    distinct, code, first = distinct_texts([])
    assert distinct == [] and len(code) == 0 and len(first) == 0


def test_rows_per_text_copies_rows_in_order_and_renumbers():
    table = pd.DataFrame({"text": [1, 0, 1], "hit": ["x", "y", "z"]})
    out = rows_per_text(table, "text", np.array([1, 0, 1, 2]))
    assert out.values.tolist() == [[0, "x"], [0, "z"], [1, "y"], [2, "x"], [2, "z"]]
    assert rows_per_text(table.iloc[:0], "text", np.array([0, 0])).empty


def one_by_one(texts):
    """Each sentence in a table of its own: nothing repeats, so nothing is copied."""
    tables, markers = [], []
    for i, text in enumerate(texts):
        t, m = sentence_stance(pd.DataFrame({"doc_id": "t", "sent": [i], "start": 0, "zone": "body", "text": [text]}))
        tables.append(t)
        markers.append(m)
    return pd.concat(tables, ignore_index=True), pd.concat(markers, ignore_index=True)


def test_repeated_sentences_score_as_if_each_were_scored_apart():
    table, markers = sentence_stance(pd.DataFrame({"doc_id": "t", "sent": range(len(REPEATED)), "start": 0,
                                                   "zone": "body", "text": REPEATED}))
    apart, apart_markers = one_by_one(REPEATED)
    pd.testing.assert_frame_equal(table, apart)
    pd.testing.assert_frame_equal(markers, apart_markers, check_dtype=False)  # concat of empty parts: object
    assert markers["sent"].value_counts()[0] == markers["sent"].value_counts()[6] > 0  # the call to action, twice
    pd.testing.assert_frame_equal(score_sentences(REPEATED), apart.drop(columns=["doc_id", "sent", "start", "zone", "text"]))


@pytest.mark.parametrize("doc_ids", [["a", "b", "c"], ["a", "a", "a"]])
def test_concept_mentions_of_repeated_sentences_equal_those_found_apart(doc_ids):
    text = " ".join(REPEATED)
    sentences = segment(pd.DataFrame({"doc_id": doc_ids, "text": [text, text + " Side effects are rare.", text]}))
    together = concept_mentions(sentences)
    apart = pd.concat([concept_mentions(sentences.iloc[[i]]) for i in range(len(sentences))])
    apart = apart.sort_values(["doc_id", "start"], kind="stable").reset_index(drop=True)
    pd.testing.assert_frame_equal(together, apart)
    assert together["negated"].any() and (together["concept"] == "regulatory_status").sum() == 3
