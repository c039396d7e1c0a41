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
    articles = pd.DataFrame({"doc_id": ["001"], "title": ["How Ketamine Helps the Brain Heal from Trauma: The Science"]})
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
