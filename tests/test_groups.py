"""Group comparisons: known answers for the effect sizes and corrections, a planted difference found, random labels
rejected at the nominal rate or less, organization pooling equal to concatenated pages, clear messages for too few
units, the score command's group tables, and the plots."""
from __future__ import annotations

import math
import re

import matplotlib
import numpy as np
import pandas as pd
import pytest

import analysis as an
from analysis.batch import GROUP_FILES, score_corpus
from analysis.cli import build_parser
from analysis.effects import (adjust_p, bootstrap_means, cliffs_delta, cramers_v, epsilon_squared,
                              rank_test, risk_difference, smallest_rank_p)
from analysis.groups import article_counts, compare_groups, measure_points, pool_units, unit_ids
from analysis.report import build_report
from analysis.stance import sentence_stance
from conftest import write_corpus

matplotlib.use("Agg")
CODEBOOK = an.load_codebook()


# ------------------------------------------------------------------ known answers
def test_cliffs_delta_counts_pairs_above_minus_pairs_below():
    assert cliffs_delta([1, 2, 3], [2, 4]) == pytest.approx(-0.5)  # 1 pair above, 4 below, 1 tie, of 6
    assert cliffs_delta([5, 6], [1, 2, 3]) == 1.0 and cliffs_delta([1, 2, 3], [5, 6]) == -1.0
    assert cliffs_delta([1, 2, np.nan], [1, 2]) == 0.0  # NaN dropped
    x, y = np.random.default_rng(1).normal(size=(2, 15))
    brute = np.mean(np.sign(x[:, None] - y[None, :]))
    assert cliffs_delta(x, y) == pytest.approx(brute)


def test_risk_difference_equals_cliffs_delta_on_presence():
    a, b = [1, 1, 0, 0], [0, 0, 0, 1, 1]
    assert risk_difference(a, b) == pytest.approx(0.5 - 0.4)
    assert cliffs_delta(a, b) == pytest.approx(risk_difference(a, b))


def test_holm_and_benjamini_hochberg_known_answers():
    p = [0.01, 0.02, 0.03, 0.04, 0.05]
    assert adjust_p(p, "holm").round(6).tolist() == [0.05, 0.08, 0.09, 0.09, 0.09]
    assert adjust_p(p, "bh").round(6).tolist() == [0.05] * 5
    assert adjust_p([0.01, 0.04, 0.03]).round(6).tolist() == [0.03, 0.06, 0.06]
    assert adjust_p([0.01, 0.04, 0.03], "bh").round(6).tolist() == [0.03, 0.04, 0.04]
    out = adjust_p([0.01, np.nan, 0.02])  # NaN = not a test: m = 2
    assert np.isnan(out[1]) and out[[0, 2]].round(6).tolist() == [0.02, 0.02]
    assert adjust_p([0.6, 0.9]).tolist() == [1.0, 1.0]  # capped at 1
    with pytest.raises(ValueError, match="holm"):
        adjust_p([0.1], "bonferroni")


def test_other_effect_sizes_and_the_smallest_attainable_p():
    assert cramers_v([[10, 0], [0, 10]]) == pytest.approx(1.0) and cramers_v([[5, 5], [5, 5]]) == pytest.approx(0.0)
    assert epsilon_squared(4.5, 10) == pytest.approx(0.5)
    assert smallest_rank_p(3, 2) == pytest.approx(0.2) and smallest_rank_p(5, 5) == pytest.approx(2 / 252)
    stat, p = rank_test([[1, 2, 3], [4, 5, 6, 7]])  # exact Mann-Whitney: 2 of C(7,3) = 35 arrangements as extreme
    assert stat == 0 and p == pytest.approx(2 / 35)
    assert all(math.isnan(v) for v in rank_test([[1, 1], [1, 1, 1]]))  # nothing can differ: no test


def test_bootstrap_means_resample_units_and_are_seeded():
    values = np.column_stack([np.arange(10.0), np.full(10, 3.0), [np.nan] * 9 + [1.0]])
    low, high = bootstrap_means(values, 500, np.random.default_rng(0))
    assert low[0] < 4.5 < high[0] and 0 <= low[0] and high[0] <= 9
    assert low[1] == high[1] == 3.0  # a constant measure has a zero-width interval
    assert np.isnan(low[2]) and np.isnan(high[2])  # one unit with a value: no interval
    again = bootstrap_means(values, 500, np.random.default_rng(0))
    assert np.array_equal(low, again[0], equal_nan=True)


def _counts(groups: dict[str, list[tuple[int, int]]]) -> pd.DataFrame:
    """A counts table by hand: per group, (hedges, promotion) per unit of 1,000 words; nothing else varies."""
    rows = []
    for g, units in groups.items():
        for i, (hedges, promotion) in enumerate(units):
            rows.append({"doc_id": f"{g}{i}", "group": g, "organization": pd.NA, "n_words_text": 1000,
                         "n_sentences_text": 50, "hedges": hedges, "boosters": 0, "can": 0, "promotion": promotion,
                         "n_claims": 10, "claims_hedged": 0, "claims_can": 0, "claims_boosted": 0,
                         "claims_unqualified": 10, "certainty_sum_claims": 40.0, "certainty_sum_text": 0.0})
    return pd.DataFrame(rows).astype({"group": "string", "organization": "string"})


def test_compare_groups_known_answer_on_a_tiny_table():
    counts = _counts({"a": [(1, 10), (2, 20), (3, 30)], "b": [(4, 40), (5, 50), (6, 60), (7, 70)]})
    result = compare_groups(counts, group_by="kind", n_boot=200)
    tests = result.tests.set_index("measure")
    assert tests.loc["promotion_per_1k_words", "effect"] == -1.0  # every unit of a below every unit of b
    assert tests.loc["promotion_per_1k_words", "p_value"] == pytest.approx(2 / 35)
    # two measures vary (hedges, promotion); the others are the same in every unit and are not tests
    assert (tests["n_tests"] == 2).all() and tests["p_value"].notna().sum() == 2
    assert tests.loc["hedges_per_1k_words", "p_adjusted"] == pytest.approx(4 / 35)  # Holm: 2 x 2/35
    assert tests.loc["boosters_per_1k_words", "note"] == "not tested: every unit has the same value"
    summary = result.summary.set_index(["group", "measure"])
    assert summary.loc[("a", "promotion_per_1k_words"), "mean"] == pytest.approx(20.0)
    assert summary.loc[("b", "promotion_per_1k_words"), "median"] == pytest.approx(55.0)
    assert summary.loc[("a", "certainty_index"), "mean"] == pytest.approx(4.0)
    bh = compare_groups(counts, group_by="kind", n_boot=0, correction="bh").tests.set_index("measure")
    assert bh.loc["hedges_per_1k_words", "p_adjusted"] == pytest.approx(2 / 35)
    assert bh["correction"].iloc[0] == "Benjamini-Hochberg"


# ------------------------------------------------------------------ synthetic corpora from real sentences
@pytest.fixture(scope="module")
def sentence_pools(seed_sentences):
    """Body sentences of the seed articles, split into those with and without a promotional marker."""
    table, _ = sentence_stance(seed_sentences)
    body = table[(table["zone"] == "body") & table["text"].str.match(r"^[A-Z].{30,}[.!?]$")]
    return list(body.loc[body["promotion"] == 0, "text"]), list(body.loc[body["promotion"] > 0, "text"])


def _pages(rng, neutral, promotional, n_neutral, n_promo) -> str:
    lines = list(rng.choice(neutral, n_neutral)) + list(rng.choice(promotional, n_promo))
    rng.shuffle(lines)
    return "\n".join(lines) + "\n"


def _score(folder):
    articles = an.load_corpus(folder)
    sentences = an.segment(articles)
    return articles, an.score_articles(articles, sentences, n_boot=0), an.concept_coverage(sentences, CODEBOOK)


def test_a_planted_threefold_promotion_difference_is_found(tmp_path, sentence_pools):
    rng = np.random.default_rng(7)
    files, manifest = {}, ["doc_id,file,organization,kind"]
    for g, n_promo in (("plain", 2), ("promo", 6)):  # same length; three times the promotional sentences
        for i in range(12):
            files[f"{g}{i}.txt"] = _pages(rng, *sentence_pools, 26 - n_promo, n_promo)
            manifest.append(f"{g}{i},{g}{i}.txt,{g} org {i},{g} pages")
    files["manifest.csv"] = "\n".join(manifest) + "\n"
    articles, doc_stance, coverage = _score(write_corpus(tmp_path / "c", files))
    counts = article_counts(articles, doc_stance, coverage, group_by="kind")
    result = compare_groups(counts, group_by="kind", codebook=CODEBOOK, n_boot=200)
    promo = result.tests.set_index("measure").loc["promotion_per_1k_words"]
    assert promo["groups"] == "plain pages vs promo pages"
    assert promo["p_adjusted"] < 0.01 and promo["effect"] < -0.8 and promo["significant"]  # promo pages higher
    assert promo["n_tests"] > 20  # corrected across every measure, not only this one
    means = result.summary.set_index(["group", "measure"])["mean"]
    ratio = means[("promo pages", "promotion_per_1k_words")] / means[("plain pages", "promotion_per_1k_words")]
    assert 2 < ratio < 4.5
    text = " ".join(an.group_findings(result))
    assert re.search(r"differ between plain pages and promo pages at Holm-corrected p < 0\.05", text)
    assert "promotion per 1,000 words (Cliff's delta -" in text and "promo pages higher" in text


def test_random_group_labels_reject_at_the_nominal_rate_or_less(tmp_path, sentence_pools):
    """Real sentences, 10 + 10 articles drawn from a pool of 150 and labelled at random, 150 seeded splits."""
    rng = np.random.default_rng(11)
    neutral, promotional = sentence_pools
    pool = pd.DataFrame({"doc_id": [f"p{i:03d}" for i in range(150)],
                         "text": [_pages(rng, neutral + promotional, promotional, 22, 0) for _ in range(150)]})
    pool["kind"], pool["organization"] = "x", pd.NA
    sentences = an.segment(pool)
    doc_stance = an.score_articles(pool, sentences, n_boot=0)
    base = article_counts(pool, doc_stance, an.concept_coverage(sentences, CODEBOOK), group_by="kind")
    any_rejected, raw_rejected, raw_tests = 0, 0, 0
    for seed in range(150):
        split = np.random.default_rng(seed)
        counts = base.iloc[np.sort(split.choice(len(base), 20, replace=False))].copy()
        counts["group"] = pd.array(split.permutation(["a"] * 10 + ["b"] * 10), dtype="string")
        tests = compare_groups(counts, codebook=CODEBOOK, n_boot=0).tests
        any_rejected += bool(tests["significant"].fillna(False).any())
        p = tests["p_value"].dropna()
        raw_rejected, raw_tests = raw_rejected + int((p < 0.05).sum()), raw_tests + len(p)
    assert any_rejected / 150 <= 0.05 + 0.04  # family-wise: nominal 5 %, plus about 2.5 binomial SE
    assert raw_tests > 150 * 20  # most measures vary, so they were tested ...
    assert 0.005 < raw_rejected / raw_tests <= 0.065  # ... each at or below 5 % (discrete tests are conservative)


def test_organization_pooling_equals_one_concatenated_page_per_organization(tmp_path, seed_articles):
    texts = dict(zip(seed_articles["doc_id"], seed_articles["text"]))
    orgs = {"Alpha": ["000", "001"], "Beta": ["002", "003", "004"]}
    pages = {f"{d}.txt": texts[d] for d in texts}
    page_manifest = ["doc_id,file,organization,kind"] + [f"{d},{d}.txt,{o},k{o}" for o, ds in orgs.items() for d in ds]
    joined = {f"{o}.txt": "\n\n".join(texts[d].rstrip("\n") for d in ds) + "\n" for o, ds in orgs.items()}
    joined_manifest = ["doc_id,file,organization,kind"] + [f"{o},{o}.txt,{o},k{o}" for o in orgs]
    by_page = write_corpus(tmp_path / "pages", {**pages, "manifest.csv": "\n".join(page_manifest) + "\n"})
    by_org = write_corpus(tmp_path / "orgs", {**joined, "manifest.csv": "\n".join(joined_manifest) + "\n"})
    pooled = compare_groups(article_counts(*_score(by_page), group_by="kind"), unit="organization", n_boot=0)
    single = compare_groups(article_counts(*_score(by_org), group_by="kind"), unit="article", n_boot=0)
    a, b = pooled.units.set_index("unit"), single.units.set_index("unit")
    assert list(a.index) == ["Alpha", "Beta"] and a["n_articles"].tolist() == [2, 3]
    measures = list(pooled.measures["measure"])
    assert measures == list(single.measures["measure"]) and len(measures) > 40
    pd.testing.assert_frame_equal(a[measures], b.loc[a.index, measures], atol=1e-6, rtol=0)


# ------------------------------------------------------------------ too few units: messages, not errors
def _seed_counts(seed_articles, kinds, organizations=None):
    articles = seed_articles.assign(kind=kinds)
    if organizations is not None:
        articles = articles.assign(organization=organizations)
    sentences = an.segment(articles)
    return article_counts(articles, an.score_articles(articles, sentences, n_boot=0), an.concept_coverage(sentences))


def test_one_group_and_a_one_unit_group_give_messages_not_errors(seed_articles):
    one = compare_groups(_seed_counts(seed_articles, ["clinic"] * 5), group_by="kind", n_boot=100)
    assert any("Only one group of 'kind'" in m for m in one.messages) and one.tests.empty
    assert set(one.summary["group"]) == {"clinic"}  # still described
    assert "Only one group" in " ".join(an.group_findings(one))
    lone = compare_groups(_seed_counts(seed_articles, ["a", "a", "a", "a", "b"]), group_by="kind", n_boot=100)
    assert any("b: 1 article)" in m and "no test" in m for m in lone.messages)
    assert lone.tests["p_value"].isna().all() and lone.tests["effect"].notna().any()  # effect sizes, descriptively
    text = " ".join(an.group_findings(lone))
    assert "no two-sided rank test can give a p-value below 0.40" in text and "support no inference" in text
    none = compare_groups(_seed_counts(seed_articles, [None] * 5), group_by="kind")
    assert none.messages == ["No article has a value in 'kind' (a column of manifest.csv or of the front matter): "
                             "there are no groups to compare."]
    assert list(an.group_findings(none)) == none.messages
    some = compare_groups(_seed_counts(seed_articles, [None, "a", "a", "b", "b"]), group_by="kind", n_boot=0)
    assert "1 of 5 articles has no value in 'kind' and is left out." in some.messages


def test_a_small_third_group_is_described_but_not_tested(tmp_path, sentence_pools):
    rng = np.random.default_rng(3)
    kinds = ["x"] * 4 + ["y"] * 4 + ["z"]
    files = {f"d{i}.txt": _pages(rng, *sentence_pools, 15, 2) for i in range(len(kinds))}
    files["manifest.csv"] = "doc_id,file,kind\n" + "".join(f"d{i},d{i}.txt,{k}\n" for i, k in enumerate(kinds))
    articles, doc_stance, coverage = _score(write_corpus(tmp_path / "c", files))
    result = compare_groups(article_counts(articles, doc_stance, coverage), group_by="kind", n_boot=50)
    assert any(m.startswith("Described but not tested") and "z: 1 article" in m for m in result.messages)
    assert (result.tests["groups"] == "x vs y").all() and result.tests["p_value"].notna().any()
    assert "With 4 articles in the smallest group tested, only large differences" in " ".join(an.group_findings(result))
    three = compare_groups(article_counts(articles, doc_stance, coverage), group_by="kind", min_units=1, n_boot=0)
    assert (three.tests["groups"] == "x vs y vs z").all()
    assert set(three.tests["effect_size"]) == {"epsilon squared", "Cramér's V"}


def test_pooling_messages_and_bad_parameters(seed_articles):
    counts = _seed_counts(seed_articles, ["a", "a", "b", "b", "b"], ["O1", "O1", "O2", None, "O1"])
    assert unit_ids(counts, "organization").to_dict() == {"000": "O1", "001": "O1", "002": "O2", "003": "003",
                                                          "004": "O1"}
    units = pool_units(counts, "organization")
    assert units[["unit", "group", "n_articles"]].values.tolist() == [["O1", "a", 2], ["003", "b", 1], ["O1", "b", 1],
                                                                      ["O2", "b", 1]]
    messages = " ".join(compare_groups(counts, unit="organization", n_boot=0).messages)
    assert "1 article names no organization" in messages and "pages in more than one group" in messages
    assert "compare with unit='organization'" in " ".join(compare_groups(counts, n_boot=0).messages)
    with pytest.raises(ValueError, match="group_by='year' is not a column.*organization"):
        article_counts(seed_articles, pd.DataFrame({"doc_id": []}), group_by="year")
    with pytest.raises(ValueError, match="unit must be"):
        compare_groups(counts, unit="site")
    recoded = article_counts(seed_articles, an.score_articles(seed_articles, n_boot=0), group_by="kind",
                             recode={"therapy practice blog article": "practice",
                                     "counseling practice blog article": "practice"})
    assert recoded["group"].value_counts().to_dict() == {"clinic blog article": 3, "practice": 2}


def test_group_terms_find_a_planted_word_and_count_the_units_using_it():
    passages = pd.DataFrame({"doc_id": ["a1", "a2", "a3", "b1", "b2", "b3"],
                             "text": ["zygomatic zygomatic care here"] * 2 + ["zygomatic plain care"]
                             + ["plain words about care"] * 3})
    terms = an.group_terms(passages, {"a1": "A", "a2": "A", "a3": "A", "b1": "B", "b2": "B", "b3": "B"},
                           min_g2=3.84)
    top = terms[terms["group"] == "A"].iloc[0]
    assert top["term"] == "zygomatic" and top["freq_target"] == 5 and top["freq_reference"] == 0
    assert top["units_with_term"] == 3 and top["n_units"] == 3
    pooled = an.group_terms(passages, {"a1": "A", "a2": "A", "a3": "A", "b1": "B", "b2": "B", "b3": "B"},
                            units={"a1": "o", "a2": "o", "a3": "p"}, min_g2=3.84)
    assert pooled.iloc[0]["n_units"] == 2
    assert an.group_terms(passages, {"a1": "A"}).empty


# ------------------------------------------------------------------ the score command and the plots
def test_score_writes_the_group_tables_whatever_the_chunk_size(tmp_path, sentence_pools):
    rng = np.random.default_rng(5)
    files = {f"d{i}.txt": _pages(rng, *sentence_pools, 12, 1 + i % 3) for i in range(8)}
    files["manifest.csv"] = "doc_id,file,organization,kind\n" + "".join(
        f"d{i},d{i}.txt,org{i // 2},{'one' if i < 4 else 'two'}\n" for i in range(8))
    corpus = write_corpus(tmp_path / "c", files)
    a = score_corpus(corpus, tmp_path / "a", n_jobs=1, chunk_size=3, n_boot=50, group_by="kind",
                     unit="organization", progress=False)
    b = score_corpus(corpus, tmp_path / "b", n_jobs=1, chunk_size=8, n_boot=50, group_by="kind",
                     unit="organization", progress=False)
    for file in GROUP_FILES.values():
        assert (tmp_path / "a" / file).read_bytes() == (tmp_path / "b" / file).read_bytes(), file
    units = pd.read_csv(tmp_path / "a" / "group_units.csv")
    assert units["unit"].tolist() == ["org0", "org1", "org2", "org3"] and units["n_articles"].tolist() == [2] * 4
    assert any("Fewer than two groups have at least 3 organizations" in m for m in a.group_messages)
    expected = compare_groups(article_counts(*_score(corpus), group_by="kind"), unit="organization", group_by="kind")
    assert np.allclose(units.filter(like="per_1k_words").to_numpy(), expected.units.filter(like="per_1k_words"))
    args = build_parser().parse_args(["score", str(corpus), "--out", "o", "--group-by", "kind", "--unit",
                                      "organization"])
    assert (args.group_by, args.unit) == ("kind", "organization")
    assert build_parser().parse_args(["report", "--group-by", "year"]).group_by == "year"
    with pytest.raises(ValueError, match="--group-by year: no such column"):
        build_report(corpus, tmp_path / "r", group_by="year")


def test_group_plots_draw_the_tables_and_say_when_there_is_nothing(seed_articles):
    from analysis.figures.groups import plot_group_measures, plot_group_presence, plot_group_terms

    result = compare_groups(_seed_counts(seed_articles, ["a", "a", "a", "b", "b"]), n_boot=100)
    points = measure_points(result, ["hedges_per_1k_words", "promotion_per_1k_words"])
    assert (points["what"] == "unit").sum() == 10 and (points["what"] == "mean").sum() == 4
    ax = plot_group_measures(points)
    assert ax.get_ylabel() == "per 1,000 words of text" and len(ax.get_xticklabels()) == 2
    ax = plot_group_presence(result.summary)
    assert len(ax.get_yticklabels()) == len(CODEBOOK.concepts)
    bold = {t.get_text() for t in ax.get_yticklabels() if t.get_fontweight() == "bold"}
    assert bold == set(CODEBOOK.concepts.loc[CODEBOOK.concepts["quality_item"], "label"])
    empty = plot_group_terms(an.group_terms(pd.DataFrame({"doc_id": ["x"], "text": ["a b"]}), {"x": "A"}))
    assert any("Not shown" in t.get_text() for t in empty.texts)
