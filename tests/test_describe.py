import pandas as pd

import analysis as an


def test_known_answers_on_tiny_corpus():
    arts = pd.DataFrame({"doc_id": ["a"], "title": ["t"],
                         "text": ["Ketamine Works\nIt may help some people. It acts fast.\nCall us today!"]})
    row = an.describe_corpus(arts, an.segment(arts)).iloc[0]
    assert (row.n_words, row.n_sentences, row.n_paragraphs) == (13, 4, 3)
    assert row.share_words_heading == 2 / 13 and row.share_words_call_to_action == 3 / 13
    assert row.share_words_body == 8 / 13 and row.share_words_disclaimer == 0
    assert row.words_per_sentence_body == 4.0


def test_count_words_definition():
    assert an.count_words("Ketamine's fast-acting effect: 2.5 hours — N-methyl-D-aspartate") == 7


def test_seed_regression_values(seed_articles, seed_sentences):
    summary = an.describe_corpus(seed_articles, seed_sentences).set_index("doc_id")
    assert summary["n_words"].to_dict() == {"000": 513, "001": 956, "002": 579, "003": 1407, "004": 679}
    assert summary.loc["001", "share_words_disclaimer"] > 0.05 and (summary.drop("001")["share_words_disclaimer"] == 0).all()
    assert summary["fk_grade_body"].round(1).to_dict() == {"000": 12.6, "001": 13.5, "002": 10.2, "003": 11.9, "004": 12.2}
