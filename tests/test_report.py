"""The one command from corpus to report: python -m analysis report [--corpus DIR] [--out DIR]."""
from __future__ import annotations

import re
import subprocess
import sys

import nbformat
import pytest

from analysis.notebook import NotebookError, execute_notebook
from analysis.paths import FIGURES_DIR, PROJECT_ROOT
from analysis.report import build_report, notebook_paths

from conftest import corpus_hashes, write_corpus

PLAIN_ARTICLES = {
    "clinic_a.txt": (
        "Ketamine Infusions for PTSD\n"
        "Ketamine may reduce PTSD symptoms within hours. It blocks NMDA receptors and increases glutamate release.\n"
        "Side effects can include dissociation and raised blood pressure. Ketamine is not FDA-approved for PTSD.\n"
        "Schedule a consultation today."),
    "clinic_b.txt": (
        "Why choose our clinic\n"
        "Our ketamine therapy is a game-changer for trauma. Patients feel better fast, and results are proven.\n"
        "Ketamine-assisted psychotherapy combines infusions with EMDR or CBT sessions in a safe, supervised setting.\n"
        "Insurance does not usually cover treatment; each infusion costs about $500.\n"
        "Call us now to book an appointment!"),
    "review_c.txt": (
        "A cautious look at the evidence\n"
        "A randomized trial suggests that repeated ketamine infusions might reduce PTSD severity, but the studies are small.\n"
        "Benefits appear to fade within weeks, and the long-term risks remain uncertain.\n"
        "Esketamine (Spravato) is approved for depression, not for PTSD; ketamine use for PTSD is off-label."),
}


def test_cli_reports_a_missing_corpus_before_running_anything(tmp_path):
    result = subprocess.run([sys.executable, "-m", "analysis", "report", "--corpus", str(tmp_path / "nope"),
                             "--out", str(tmp_path / "out")], capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert "corpus folder not found" in result.stderr and str(tmp_path / "nope") in result.stderr
    assert not (tmp_path / "out").exists()


def test_empty_corpus_and_unwritable_output_fail_early(tmp_path):
    (tmp_path / "empty").mkdir()
    with pytest.raises(Exception, match="no articles found"):
        build_report(tmp_path / "empty", tmp_path / "out")
    corpus = write_corpus(tmp_path / "c", PLAIN_ARTICLES)
    (tmp_path / "a_file").write_text("x")
    with pytest.raises(OSError, match="cannot write output here"):
        build_report(corpus, tmp_path / "a_file" / "out")


def test_failing_notebook_names_notebook_and_cell(tmp_path):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("x = 1", metadata={"tags": ["parameters"]}),
                nbformat.v4.new_code_cell("y = 2"),
                nbformat.v4.new_code_cell("assert x == 2, 'x is wrong'")]
    path = tmp_path / "99_broken.ipynb"
    nbformat.write(nb, str(path))
    with pytest.raises(NotebookError, match=r"99_broken.ipynb, cell 3 \(counting all cells from 1\): `assert x == 2, 'x is wrong'` failed: AssertionError: x is wrong"):
        execute_notebook(path, {"x": 1}, out_path=tmp_path / "executed.ipynb")
    assert (tmp_path / "executed.ipynb").exists()  # the failed run is kept for reading


@pytest.mark.notebook
@pytest.mark.slow
def test_report_on_a_plain_folder_leaves_project_figures_untouched(tmp_path):
    corpus = write_corpus(tmp_path / "articles", PLAIN_ARTICLES)
    before = corpus_hashes(FIGURES_DIR)
    result = build_report(corpus, tmp_path / "out", log=lambda msg: None)
    assert corpus_hashes(FIGURES_DIR) == before
    page = result["html"].read_text(encoding="utf-8")
    assert "<script" not in page and not re.search(r"(src|href)=\"(https?:)?//", page), "the report must open offline"
    assert page.count("<section") == len(notebook_paths())
    assert "def " not in page and "import analysis" not in page, "code is hidden"
    assert [p.name for p in result["notebooks"]] == [p.name for p in notebook_paths()]
    for fmt in ("png", "svg", "pdf", "csv"):
        assert list(result["figures"].glob(f"*.{fmt}")), fmt
    assert not list(PROJECT_ROOT.joinpath("corpus").glob("*.tmp"))
