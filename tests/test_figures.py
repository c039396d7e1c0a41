import matplotlib.pyplot as plt
import pandas as pd
import pytest

from analysis.figures import plot_zone_shares, save_figure


def small_figure():
    summary = pd.DataFrame({"doc_id": ["a", "b"], "share_words_body": [0.75, 1.0], "share_words_heading": [0.25, 0.0]})
    return plot_zone_shares(summary).figure, summary


def test_save_figure_writes_four_formats_byte_identically(tmp_path):
    fig, data = small_figure()
    first = save_figure(fig, "zone_shares", data=data, out_dir=tmp_path / "1")
    second = save_figure(fig, "zone_shares", data=data, out_dir=tmp_path / "2")
    assert sorted(first) == ["csv", "pdf", "png", "svg"]
    for fmt in first:
        assert first[fmt].read_bytes() == second[fmt].read_bytes(), fmt
    assert first["png"].read_bytes()[:4] == b"\x89PNG"
    assert b"CreationDate" not in first["pdf"].read_bytes()
    assert pd.read_csv(first["csv"])["share_words_body"].tolist() == [0.75, 1.0]
    assert not list((tmp_path / "1").glob(".*"))  # no temporary files left behind
    plt.close(fig)


def test_a_crash_while_saving_leaves_no_partial_file(tmp_path, monkeypatch):
    fig, _ = small_figure()

    def broken(path, format, **kwargs):
        with open(path, "wb") as handle:
            handle.write(b"half a file")
        raise RuntimeError("disk full")

    monkeypatch.setattr(fig, "savefig", broken)
    with pytest.raises(RuntimeError, match="disk full"):
        save_figure(fig, "x", out_dir=tmp_path)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("name", ["", "a/b", "fig.png"])
def test_bad_figure_names(tmp_path, name):
    fig, _ = small_figure()
    with pytest.raises(ValueError, match="plain file stem"):
        save_figure(fig, name, out_dir=tmp_path)


# --- article labels (issue 16) -------------------------------------------------------------------

from analysis import article_labels  # noqa: E402
from analysis.labels import shorten  # noqa: E402


def test_long_labels_are_cut_at_a_word_boundary_with_an_ellipsis():
    assert shorten("How Ketamine Therapy Helps with Trauma Recovery", 24) == "How Ketamine Therapy…"
    assert shorten("Journease", 24) == "Journease"
    assert shorten("Supercalifragilisticexpialidocious clinic", 10) == "Supercali…"
    title = "How Ketamine Helps the Brain Heal from Trauma: The Science"
    articles = pd.DataFrame({"doc_id": ["001"], "title": [title]})
    label = article_labels(articles, max_chars=24)["001"]
    assert len(label) <= 24 and label.endswith("…") and "How Ketamine Helps the Brain".startswith(label[:-1])


def test_labels_use_title_then_organization_then_doc_id_and_never_show_nan():
    articles = pd.DataFrame({"doc_id": ["a", "b", "c", "d"], "title": ["Short title", None, float("nan"), ""],
                             "organization": [None, "Clinic B", pd.NA, float("nan")]})
    labels = article_labels(articles)
    assert labels.to_dict() == {"a": "Short title", "b": "Clinic B", "c": "c", "d": "d"}
    assert labels.index.name == "doc_id"
    by_org = article_labels(articles, by="organization")
    assert by_org.to_dict() == {"a": "a", "b": "Clinic B", "c": "c", "d": "d"}
    assert article_labels(articles, by="doc_id").tolist() == ["a", "b", "c", "d"]
    assert not any("nan" in label.lower() or "<na>" in label.lower() for label in labels)
    with pytest.raises(ValueError, match="by must be one of"):
        article_labels(articles, by="location")


def test_labels_are_unique_and_still_readable():
    stem = "Ketamine Infusion Therapy for PTSD – "
    articles = pd.DataFrame({
        "doc_id": ["x1", "x2", "x3", "x4", "x5"],
        "title": [stem + "Frequently Asked Questions (Clinic 1)", stem + "Frequently Asked Questions (Clinic 2)",
                  stem + "What to Expect (Clinic 3)", "Same Name", "Same Name"],
    })
    labels = article_labels(articles, max_chars=24)
    assert labels.is_unique
    assert labels["x1"].endswith("(Clinic 1)") and labels["x2"].endswith("(Clinic 2)")
    assert labels["x1"].startswith("Frequently") and labels["x3"].startswith("What to")  # shared start dropped
    assert labels["x4"] == "Same Name (x4)" and labels["x5"] == "Same Name (x5)"
    same_org = pd.DataFrame({"doc_id": ["clinic-faq-12", "clinic-faq-13"], "organization": ["Mindful", "Mindful"]})
    assert article_labels(same_org).tolist() == ["Mindful (faq-12)", "Mindful (faq-13)"]


def test_seed_labels_come_from_titles_without_the_untitled_mark():
    from analysis import load_corpus

    labels = article_labels(load_corpus())
    assert labels.is_unique and list(labels.index) == ["000", "001", "002", "003", "004"]
    assert labels["000"].startswith("Ketamine PTSD") and not any("[untitled]" in v for v in labels)
    assert all(len(v) <= 24 for v in labels)


# --- plots for a paper (issue 16) ----------------------------------------------------------------

import numpy as np  # noqa: E402
from matplotlib.text import Text  # noqa: E402

from analysis.figures.concepts import plot_cooccurrence  # noqa: E402
from analysis.figures.stance import plot_hedging_promotion_map, plot_stance_rates  # noqa: E402
from analysis.figures.themes import plot_passage_map, plot_similarity_heatmap  # noqa: E402


def _all_text(ax):
    return " ".join(t.get_text() for t in ax.figure.findobj(plt.Text))


def _doc_stance(ids):
    rng = np.random.default_rng(0)
    table = {"doc_id": ids}
    for cat in ("hedges", "can", "boosters", "promotion"):
        rate = rng.uniform(2, 30, len(ids))
        table |= {f"{cat}_per_1k_words": rate, f"{cat}_per_1k_words_ci_low": rate - 1,
                  f"{cat}_per_1k_words_ci_high": rate + 1}
    return pd.DataFrame(table)


def test_plots_show_article_labels_when_given_and_doc_ids_otherwise():
    stance = _doc_stance(["000", "001"])
    names = {"000": "Journease", "001": "Therapeutic Infusions"}
    for plot in (plot_stance_rates, plot_hedging_promotion_map):
        with_labels = _all_text(plot(stance, labels=names))
        without = _all_text(plot(stance))
        assert "Journease" in with_labels and "Therapeutic" in with_labels
        assert "000" in without and "Journease" not in without
    similarity = pd.DataFrame([[1.0, 0.2], [0.2, 1.0]], index=["000", "001"], columns=["000", "001"])
    assert "Journease" in _all_text(plot_similarity_heatmap(similarity, labels=pd.Series(names)))
    fig, ax = plt.subplots()
    assert plot_zone_shares(pd.DataFrame({"doc_id": ["000"], "share_words_body": [1.0]}), labels=names, ax=ax) is ax
    plt.close("all")


def test_map_labels_do_not_overlap_each_other():
    stance = _doc_stance([f"{i:03d}" for i in range(8)])
    stance["hedges_per_1k_words"] = 10.0 + np.arange(8) * 0.05  # eight points almost on top of each other
    stance["promotion_per_1k_words"] = 20.0
    for cat in ("hedges", "promotion"):
        stance[f"{cat}_per_1k_words_ci_low"] = stance[f"{cat}_per_1k_words"] - 1
        stance[f"{cat}_per_1k_words_ci_high"] = stance[f"{cat}_per_1k_words"] + 1
    ax = plot_hedging_promotion_map(stance, labels={f"{i:03d}": f"Clinic number {i}" for i in range(8)})
    renderer = ax.figure.canvas.get_renderer()
    boxes = [Text.get_window_extent(t, renderer) for t in ax.texts if t.get_text().startswith("Clinic")]  # text only
    assert len(boxes) == 8
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert not a.overlaps(b)
    assert ax.get_xlim()[1] > stance["hedges_per_1k_words_ci_high"].max()  # points off the axes' edge
    plt.close("all")


def test_cooccurrence_keeps_concepts_no_article_mentions_and_has_a_colour_bar():
    cooc = pd.DataFrame({"concept_a": ["a", "a", "a", "b", "b", "c"], "concept_b": ["a", "b", "c", "b", "c", "c"],
                         "label_a": ["A", "A", "A", "B", "B", "C never"], "label_b": ["A", "B", "C never", "B",
                                                                                     "C never", "C never"],
                         "units": [3, 2, 0, 4, 0, 0]})
    ax = plot_cooccurrence(cooc)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["A", "B", "C never"]
    assert len(ax.figure.axes) == 2  # the grid and its colour bar
    assert "never mentioned (1 of 3)" in _all_text(ax)
    plt.close("all")


def _points(n, variance):
    rng = np.random.default_rng(1)
    points = pd.DataFrame({"doc_id": ["000"] * n, "x": rng.normal(size=n), "y": rng.normal(size=n),
                           "theme": np.arange(n) % 3})
    points.attrs["explained_variance"] = variance
    return points


def test_passage_map_says_why_it_is_not_drawn():
    low = plot_passage_map(_points(40, [0.004, 0.042]))
    text = _all_text(low)
    assert "Not shown" in text and "0.4%" in text and "4.2%" in text and not low.collections
    few = plot_passage_map(_points(4, [0.4, 0.3]))
    assert "Not shown" in _all_text(few) and "4 passage" in _all_text(few)
    drawn = plot_passage_map(_points(40, [0.3, 0.2]))
    assert drawn.collections and "Not shown" not in _all_text(drawn)
    assert "30.0% of variance" in drawn.get_xlabel()
    assert len({tuple(c.get_facecolor()[0]) for c in drawn.collections}) == 3  # one colour per theme, one marker
    assert len({c.get_paths()[0].vertices.shape for c in drawn.collections}) == 1  # one marker shape
    plt.close("all")


def test_passage_map_thresholds_can_be_set():
    points = _points(40, [0.004, 0.042])
    assert plot_passage_map(points, min_variance=0.0).collections
    assert "Not shown" in _all_text(plot_passage_map(points, min_variance=0.0, min_passages=50))
    plt.close("all")
