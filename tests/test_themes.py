"""Themes and keyness: planted themes are recovered, known answers, edge cases, determinism."""
from __future__ import annotations

import math

import matplotlib
import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone
from sklearn.metrics import adjusted_rand_score

matplotlib.use("Agg")

import analysis as an  # noqa: E402
from analysis.figures import themes as fig  # noqa: E402
from analysis.keyness import distinctive_terms, keyness_table, log_likelihood, log_ratio  # noqa: E402
from analysis.themes import StemTokenizer, ThemeModel, build_passages, near_duplicates, synthetic_passages  # noqa: E402

ARTICLE = (
    "Why Ketamine Works\n"
    "Ketamine acts on the glutamate system and NMDA receptors, which supports new neural connections "
    "in brain regions linked to memory and emotion, so patients may process trauma differently.\n"
    "Read more: Helpful Tips for Ketamine Safety\n"
    "Rapid Relief\n"
    "- Fast: relief within hours.\n"
    "- Lasting: effects persist for weeks after an infusion session.\n"
    "- Supervised: staff monitor every session.\n"
)


def _passages(texts: dict[str, str]) -> pd.DataFrame:
    arts = pd.DataFrame({"doc_id": list(texts), "text": list(texts.values())})
    return build_passages(an.paragraphs(an.segment(arts)), min_words=10)


@pytest.fixture(scope="module")
def planted():
    return synthetic_passages(160, 4, random_state=3)


@pytest.fixture(scope="module")
def planted_model(planted):
    return ThemeModel(k_range=range(2, 6), n_seeds=10, n_init=2, random_state=0).fit(planted["text"])


# ---------------------------------------------------------------------------------- vectorizing
def test_tokenizer_lowercases_drops_stopwords_and_numbers_and_stems():
    assert StemTokenizer("english")("The Healing of 2 Brains isn't FAST-acting") == ["heal", "brain", "isn't", "fast-act"]
    assert StemTokenizer(None)("may heal") == ["may", "heal"]


def test_cached_and_uncached_stemming_agree():
    text = "Patients reported healing; therapies were integrating memories"
    assert StemTokenizer("english", cache=True)(text) == StemTokenizer("english", cache=False)(text)


def test_vectorizer_is_pipeline_with_bigrams_and_unit_rows():
    vec = an.make_vectorizer()
    X = vec.fit_transform(["Ketamine heals trauma quickly", "Ketamine healing works"])
    names = list(vec.get_feature_names_out())
    assert "heal trauma" in names and "ketamin" in names and "the" not in names
    assert np.allclose(np.sqrt(X.multiply(X).sum(axis=1)).A1, 1.0)
    with pytest.raises(ValueError, match="stop_words"):
        an.make_vectorizer(stop_words="klingon").fit_transform(["a b"])


def test_passages_join_headings_merge_list_items_and_drop_navigation():
    p = _passages({"a": ARTICLE})
    assert len(p) == 2
    assert p["text"].iloc[0].startswith("Why Ketamine Works Ketamine acts")
    assert "Read more" not in " ".join(p["text"])
    assert p["text"].iloc[1].startswith("Rapid Relief - Fast") and p["text"].iloc[1].endswith("every session.")
    assert p["zones"].iloc[1] == "heading,body"
    assert (p["n_words"] >= 10).all()
    assert ARTICLE[p["start"].iloc[0]:p["start"].iloc[0] + 12] == "Why Ketamine"


# ---------------------------------------------------------------------------------- themes
def test_planted_themes_are_recovered(planted, planted_model):
    assert planted_model.n_themes_ == 4
    assert adjusted_rand_score(planted["theme_true"], planted_model.labels_) >= 0.9
    assert planted_model.stability_ >= 0.9
    chosen = planted_model.selection_.set_index("k")
    assert chosen.loc[4, "chosen"] and chosen.loc[4, "stable"]


def test_same_random_state_same_themes(planted, planted_model):
    again = ThemeModel(k_range=range(2, 6), n_seeds=10, n_init=2, random_state=0).fit(planted["text"])
    assert np.array_equal(again.labels_, planted_model.labels_)
    pd.testing.assert_frame_equal(again.selection_, planted_model.selection_)
    pd.testing.assert_frame_equal(again.theme_terms_, planted_model.theme_terms_)
    assert np.array_equal(again.predict(planted["text"][:20]), planted_model.labels_[:20])


def test_estimator_contract(planted):
    model = ThemeModel(n_themes=3, n_seeds=2, random_state=1)
    assert clone(model).get_params() == model.get_params()
    assert not hasattr(model, "labels_")
    assert model.fit(planted["text"][:60]) is model
    assert model.n_themes_ == 3 and model.cluster_centers_.shape[0] == 3
    assert sorted(np.bincount(model.labels_), reverse=True) == list(np.bincount(model.labels_))  # 0 = largest
    with pytest.raises(ValueError, match="Iterable over raw text"):
        model.fit("one string")


def test_theme_terms_are_class_tfidf_of_planted_vocabulary(planted, planted_model):
    shares = an.theme_shares(planted, planted_model.labels_, planted_model.theme_labels_)
    assert np.allclose(shares.groupby("doc_id")["share_passages"].sum(), 1.0)
    assert set(shares["doc_id"]) == set(planted["doc_id"])
    # each theme's top terms include words planted in exactly one (its own) true theme
    tokens = planted["text"].map(lambda t: set(StemTokenizer("english")(t)))
    planted_theme_of = []
    for theme, group in planted_model.theme_terms_.groupby("theme"):
        owners = [planted.loc[tokens.map(lambda s, st=st: st in s), "theme_true"].unique() for st in group["stem"]]
        own = {int(o[0]) for o in owners if len(o) == 1}
        assert len(own) == 1
        planted_theme_of.append(own.pop())
    assert sorted(planted_theme_of) == [0, 1, 2, 3]


def test_more_themes_than_passages_raises_clear_error():
    texts = ["ketamine infusion dose", "therapy session emdr", "brain glutamate receptor"]
    with pytest.raises(ValueError, match="asked for 5 themes but there are only 3 passages"):
        ThemeModel(n_themes=5, min_df=1, random_state=0).fit(texts)
    with pytest.raises(ValueError, match="only 3 passages"):
        ThemeModel(k_range=range(4, 8), min_df=1, random_state=0).fit(texts)
    with pytest.raises(ValueError, match="at least 2 passages"):
        ThemeModel(min_df=1).fit(texts[:1])


def test_one_article_clusters_but_cannot_be_compared():
    p = _passages({"solo": ARTICLE + "\nOur clinic team explains whether ketamine infusion therapy suits you and your needs and goals."})
    sim = an.article_similarity(p)
    assert sim.shape == (1, 1) and sim.iloc[0, 0] == 1.0
    with pytest.raises(ValueError, match="at least two articles"):
        an.article_linkage(sim)
    with pytest.raises(ValueError, match="found 1 article"):
        distinctive_terms(p)
    assert near_duplicates(p).empty
    model = ThemeModel(k_range=[2], min_df=1, n_seeds=3, random_state=0).fit(p["text"])
    assert model.n_themes_ == 2 and len(model.labels_) == len(p)


def test_identical_articles():
    p = _passages({"a": ARTICLE, "b": ARTICLE})
    sim = an.article_similarity(p)
    assert np.allclose(sim.to_numpy(), 1.0)
    assert an.article_linkage(sim)["distance"].iloc[0] == pytest.approx(0.0, abs=1e-12)
    dups = near_duplicates(p)
    assert len(dups) == len(p) // 2 and (dups["jaccard"] == 1.0).all()
    assert distinctive_terms(p, min_freq=1, min_g2=0.0, min_log_ratio=0.01).empty
    model = ThemeModel(k_range=[2], min_df=1, n_seeds=3, random_state=0).fit(p["text"])
    shares = an.theme_shares(p, model.labels_).pivot(index="theme", columns="doc_id", values="share_passages")
    assert np.allclose(shares["a"], shares["b"])


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


# ---------------------------------------------------------------------------------- keyness
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


# ---------------------------------------------------------------------------------- figures
def test_plots_draw_on_given_axes(planted, planted_model):
    import matplotlib.pyplot as plt

    sim = an.article_similarity(planted)
    shares = an.theme_shares(planted, planted_model.labels_, planted_model.theme_labels_)
    points = an.passage_map(planted_model, planted["text"], random_state=0).assign(doc_id=planted["doc_id"].values)
    fig_, axes = plt.subplots(1, 5)
    assert fig.plot_similarity_heatmap(sim, ax=axes[0]) is axes[0]
    assert fig.plot_article_dendrogram(an.article_linkage(sim), labels=sim.index, ax=axes[1]) is axes[1]
    assert len(fig.plot_theme_shares(shares, ax=axes[2]).patches) == 5 * 4
    assert len(fig.plot_passage_map(points, ax=axes[3]).collections) >= 4
    assert len(fig.plot_theme_terms(planted_model.theme_terms_, n_terms=3, ax=axes[4]).patches) == 12
    plt.close(fig_)
    again = an.passage_map(planted_model, planted["text"], random_state=0)
    pd.testing.assert_frame_equal(points.drop(columns="doc_id"), again)
