"""Evidence views (analysis.evidence): keyword in context, highlighting, coder export."""
import pandas as pd

from analysis.evidence import annotate_sentences, highlight, keyword_in_context
from analysis.io import write_csv
from analysis.stance import find_markers, sentence_stance


def test_keyword_in_context_shows_the_marker_in_its_text(seed_articles, seed_sentences):
    markers = find_markers(seed_sentences)
    kwic = keyword_in_context(markers.head(5), seed_articles, width=20)
    assert (kwic["keyword"] == markers.head(5)["matched"]).all() and kwic["left"].str.len().eq(20).all()


def test_annotation_export(tmp_path, seed_sentences):
    table, markers = sentence_stance(seed_sentences)
    annotated = annotate_sentences(table, markers)
    assert len(annotated) == len(seed_sentences) and "[" in "".join(annotated["text_marked"])
    path = write_csv(annotated, tmp_path / "a.csv")
    assert pd.read_csv(path, keep_default_na=False)["coder_certainty"].eq("").all()
    assert highlight("It may help; may.", [(13, 16), (3, 6)]) == "It [may] help; [may]."
