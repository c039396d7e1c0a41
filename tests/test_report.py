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
    result = build_report(corpus, tmp_path / "out")
    assert corpus_hashes(FIGURES_DIR) == before
    page = result["html"].read_text(encoding="utf-8")
    assert "<script" not in page and not re.search(r"(src|href)=\"(https?:)?//", page), "the report must open offline"
    assert page.count("<section") == len(notebook_paths())
    assert "def " not in page and "import analysis" not in page, "code is hidden"
    assert [p.name for p in result["notebooks"]] == [p.name for p in notebook_paths()]
    for fmt in ("png", "svg", "pdf", "csv"):
        assert list(result["figures"].glob(f"*.{fmt}")), fmt
    assert not list(PROJECT_ROOT.joinpath("corpus").glob("*.tmp"))



def test_a_missing_codebook_or_evidence_file_fails_before_any_notebook(tmp_path):
    corpus = write_corpus(tmp_path / "c", PLAIN_ARTICLES)
    with pytest.raises(ValueError, match=r"nope.csv: evidence file not found"):
        build_report(corpus, tmp_path / "out", evidence=tmp_path / "nope.csv")
    with pytest.raises(Exception, match=r"nope.yaml: codebook file not found"):
        build_report(corpus, tmp_path / "out", codebook=tmp_path / "nope.yaml")
    assert not list((tmp_path / "out").rglob("*.ipynb"))


@pytest.mark.notebook
@pytest.mark.slow
def test_report_with_a_researchers_own_codebook_and_evidence_file(tmp_path):
    import yaml

    from test_claim_check import SSRI
    from test_concepts import MINI

    corpus = write_corpus(tmp_path / "c", {**PLAIN_ARTICLES, "ssri.txt": "Sertraline works within a few days. "
                                           "Sertraline has no side effects. Apples cost little."})
    (tmp_path / "mini.yaml").write_text(yaml.safe_dump(MINI), encoding="utf-8")
    (tmp_path / "ssri.csv").write_text(SSRI, encoding="utf-8")
    page = build_report(corpus, tmp_path / "out", codebook=tmp_path / "mini.yaml",
                        evidence=tmp_path / "ssri.csv")["html"].read_text(encoding="utf-8")
    assert page.count("<section") == len(notebook_paths())
    assert "side_effects" in page and "onset" in page, "notebook 06 checks against the given evidence file"
    assert "Price" in page and "Regulatory status" not in page, "notebooks 04 and 05 use the given codebook"

# Eight articles as a researcher saves them: long file names, no manifest, no metadata.
LONG_NAMED_ARTICLES = {
    **{f"{stem}-ketamine-assisted-therapy-for-post-traumatic-stress-disorder-saved-page-2024-{i:02d}.txt": text
       for i, (stem, text) in enumerate(zip(("what-our-infusion-clinic-patients-should-know-before-booking",
                                             "why-choose-our-ketamine-clinic-for-lasting-relief-from-trauma",
                                             "a-cautious-look-at-the-evidence-behind-ketamine-infusions"),
                                            PLAIN_ARTICLES.values()))},
    "frequently-asked-questions-about-ketamine-infusions-cost-safety-and-insurance-coverage-03.txt": (
        "Frequently asked questions\n"
        "Is ketamine safe? Ketamine is given under medical supervision, and blood pressure is monitored throughout.\n"
        "How much does it cost? A series of six infusions costs between $2,400 and $4,800; insurance rarely pays.\n"
        "Common side effects include nausea, dizziness and a feeling of detachment that fades within two hours."),
    "our-team-of-experienced-providers-brings-new-hope-to-veterans-living-with-ptsd-04.txt": (
        "New hope for veterans\n"
        "Our experienced team has helped hundreds of veterans find relief. Ketamine is a game-changer for PTSD.\n"
        "You will feel the difference within hours, and you can be sure that our caring staff will guide you.\n"
        "Book your free consultation today."),
    "how-ketamine-acts-on-glutamate-and-nmda-receptors-in-the-traumatized-brain-explained-05.txt": (
        "The science of ketamine\n"
        "Ketamine blocks NMDA receptors, which increases glutamate release and triggers BDNF-driven synaptogenesis.\n"
        "These changes may restore connections in the prefrontal cortex that chronic stress has weakened.\n"
        "Researchers suggest that this neuroplasticity could explain why some patients improve quickly."),
    "comparing-ketamine-with-ssris-and-trauma-focused-psychotherapy-for-ptsd-treatment-06.txt": (
        "Ketamine compared with standard care\n"
        "SSRIs such as sertraline take weeks to work, and many patients stop them because of side effects.\n"
        "Trauma-focused psychotherapy, including prolonged exposure and CPT, remains the first-line treatment.\n"
        "Ketamine might be considered when these options have failed, ideally alongside psychotherapy."),
    "esketamine-spravato-approval-status-and-off-label-use-of-racemic-ketamine-07.txt": (
        "Regulatory status\n"
        # a double space, as pages have: notebook 02's passage check must not trip on it
        "Esketamine  nasal spray (Spravato) is FDA-approved for treatment-resistant depression, not for PTSD.\n"
        "Racemic ketamine infusions for PTSD are off-label, and the largest trial in veterans found no clear benefit.\n"
        "Patients should discuss the uncertain evidence and the risks with their doctor."),
}
# Sentences of the findings once written for the five seed articles (and seed-only wording): none may appear
# in a report on another corpus.
SEED_FINDINGS = [
    "Findings (seed corpus", "Only 001 carries a disclaimer", "Four of the five end in a call to action",
    "Four of five articles omit risks", "a larger share than the 7 of 17", "seed articles omit risks",
    "Read by hand", "r ≈ 0.62", "Promotion outweighs hedging in every article", "The articles share little vocabulary",
    "No article mentions regulatory status or cost", "Only 002 names a harm", "000 has only one key word",
    "510–1,410 words", "001 spends about a quarter of its words", "k = 8 is the only number of themes",
    "002 is least like the others", "is the mechanism article",
]


@pytest.mark.notebook
@pytest.mark.slow
def test_report_on_eight_long_named_articles_states_only_their_findings(tmp_path):
    corpus = write_corpus(tmp_path / "my articles", LONG_NAMED_ARTICLES)
    page = build_report(corpus, tmp_path / "out")["html"].read_text(encoding="utf-8")
    text = re.sub(r"<img [^>]*>|<svg.*?</svg>", "", page, flags=re.S)  # base64 and SVG paths can spell 'NaN'
    for sentence in SEED_FINDINGS:
        assert sentence not in text, f"seed finding in a report on another corpus: {sentence!r}"
    assert not re.search(r"\bnan\b|&lt;NA&gt;", text, flags=re.I), "missing values must not print as NaN"
    assert "The 8 articles run from" in text, "the corpus findings are written from this corpus"
    assert len(re.findall(r"<h2[^>]*>Findings", text)) == 6, "every notebook states its findings"


def test_html_tables_show_missing_values_as_empty_cells(tmp_path):
    import numpy as np
    import pandas as pd
    from analysis.report import write_html_report

    table = pd.DataFrame({"doc_id": ["a", "b"], "organization": pd.array([pd.NA, "Clinic"], dtype=object),
                          "location": [np.nan, "nan river"], "certainty_ci_low": [np.nan, 4.1]})
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("articles")
    cell.outputs = [nbformat.v4.new_output("execute_result", data={"text/html": table._repr_html_()}, execution_count=1)]
    nb.cells = [nbformat.v4.new_markdown_cell("# 01 · Test"), cell]
    nbformat.write(nb, str(tmp_path / "01_test.ipynb"))
    page = write_html_report([tmp_path / "01_test.ipynb"], tmp_path / "report.html").read_text(encoding="utf-8")
    assert not re.search(r">\s*(NaN|&lt;NA&gt;|None)\s*<", page)
    assert page.count("<td></td>") == 3 and "<td>nan river</td>" in page and "<td>4.1</td>" in page
