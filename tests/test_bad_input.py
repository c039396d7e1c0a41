"""Bad input gets a clear error naming the file and the fix; nothing is lost; the corpus is never modified.

Each case here is one row of the "bad input" table in the README. Corpus-format errors are
covered in detail in test_corpus.py, lexicon and codebook errors in test_lexicon.py and
test_concepts.py; this file checks what a researcher sees end to end.
"""
from __future__ import annotations

import codecs
import subprocess
import sys
import warnings

import pandas as pd
import pytest

import analysis as an
from analysis.corpus import CorpusError
from analysis.io import write_csv
from analysis.notebook import NotebookError, execute_notebook
from analysis.report import build_report, notebook_paths

from conftest import corpus_hashes, write_corpus

GOOD = "Ketamine for PTSD\nKetamine may reduce symptoms within hours. Side effects include dissociation.\n"


def test_utf16_without_bom_gets_its_own_hint(tmp_path):
    folder = write_corpus(tmp_path / "c", {"a.txt": GOOD.encode("utf-16-le")})
    with pytest.raises(CorpusError, match="a.txt: .*looks like UTF-16 without a byte-order mark"):
        an.load_corpus(folder)


def test_latin1_is_rejected_with_the_iconv_fix(tmp_path):
    folder = write_corpus(tmp_path / "c", {"a.txt": "Ketamine – “new hope” for PTSD, naïve café".encode("cp1252")})
    with pytest.raises(CorpusError, match=r"a.txt: not valid UTF-8 .* iconv -f cp1252 -t utf-8"):
        an.load_corpus(folder)


def test_utf16_with_bom_and_html_are_decoded(tmp_path):
    folder = write_corpus(tmp_path / "c", {
        "a.txt": codecs.BOM_UTF16_BE + GOOD.encode("utf-16-be"),
        "b.html": "<html><body><nav>Home</nav><p>Ketamine may help.</p><script>x()</script></body></html>"})
    text = an.load_corpus(folder).set_index("doc_id")["text"]
    assert text["a"] == GOOD and text["b"] == "Ketamine may help."


def test_saved_clinic_page_keeps_the_article_not_the_site_chrome(tmp_path):
    page = """<!DOCTYPE html><html><head><title>Ketamine for PTSD | Clinic X</title><style>p{}</style></head>
    <body><header><a href="/">Clinic X</a><nav><ul><li>Home</li><li>Insurance</li><li>Book Now</li></ul></nav></header>
    <main><article><h1>Ketamine   for
    PTSD</h1><p>Ketamine <em>may</em> reduce symptoms. <a href="/c">Call us</a> today.</p>
    <ul><li>Fast relief</li><li>Supervised setting</li></ul><aside>Related posts</aside></article></main>
    <footer>© 2024 Clinic X · Privacy</footer><script>track()</script></body></html>"""
    row = an.load_corpus(write_corpus(tmp_path / "c", {"page.html": page})).iloc[0]
    assert row["text"] == "Ketamine for PTSD\nKetamine may reduce symptoms. Call us today.\nFast relief\nSupervised setting"
    assert row["title"] == "Ketamine for PTSD"


def test_unsupported_files_are_named_in_a_warning_not_silently_dropped(tmp_path):
    folder = write_corpus(tmp_path / "c", {"a.txt": GOOD, "scan.pdf": b"%PDF-1.4", "b.docx": b"PK"})
    with pytest.warns(UserWarning, match=r"ignored 2 file\(s\) .*b.docx, scan.pdf"):
        assert list(an.load_corpus(folder)["doc_id"]) == ["a"]
    cli = subprocess.run([sys.executable, "-m", "analysis", "score", str(folder), "--out", str(tmp_path / "out")],
                         capture_output=True, text=True, check=True)
    assert cli.stderr.startswith(f"warning: {folder}: ignored 2 file(s) that are not .txt/.md/.html: b.docx, scan.pdf.")
    assert "UserWarning" not in cli.stderr and "warnings.warn" not in cli.stderr  # one line a researcher reads


def test_articles_in_subfolders_are_named_not_silently_skipped(tmp_path):
    folder = write_corpus(tmp_path / "c", {"a.txt": GOOD})
    write_corpus(folder / "clinics", {"b.md": GOOD, "notes.pdf": b"%PDF-1.4"})
    with pytest.warns(UserWarning, match=r"ignored 1 article file\(s\) in subfolders \(clinics/b.md\)"):
        assert list(an.load_corpus(folder)["doc_id"]) == ["a"]
    only_nested = tmp_path / "d"
    write_corpus(only_nested / "x", {"same.txt": GOOD})
    write_corpus(only_nested / "y", {"same.txt": GOOD})
    with pytest.raises(CorpusError, match=r"no articles found.* 2 article file\(s\) in its subfolders "
                                          r"\(x/same.txt, y/same.txt\) are not read"):
        an.load_corpus(only_nested)


@pytest.mark.slow
def test_a_100_mb_article_loads_and_segments(tmp_path):
    seed = "\n".join(an.load_corpus()["text"])
    big = (seed + "\n") * (100_000_000 // len(seed.encode()) + 1)
    folder = write_corpus(tmp_path / "c", {"big.txt": big})
    with pytest.warns(UserWarning, match=r"big.txt: 10\d MB is unusually large"):
        articles = an.load_corpus(folder)
    sentences = an.segment(articles)
    assert sentences["n_words"].sum() == an.count_words(big)
    last = sentences.iloc[-1]
    assert big[last.start:last.end] == last.text


def test_notebook_pointed_at_a_missing_corpus_names_notebook_cell_and_folder(tmp_path):
    with pytest.raises(NotebookError, match=r"01_corpus.ipynb, cell \d+ .*CorpusError: .*nope: corpus folder not found"):
        execute_notebook(notebook_paths()[0], {"corpus_dir": str(tmp_path / "nope"), "figures_dir": str(tmp_path)})


def test_atomic_csv_write_leaves_old_file_intact_on_crash(tmp_path):
    target = tmp_path / "table.csv"
    write_csv(pd.DataFrame({"a": [1]}), target)

    class Exploding(pd.DataFrame):
        def to_csv(self, path, **kwargs):
            open(path, "w").write("a\n2\n")  # half-written
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_csv(Exploding({"a": [2]}), target)
    assert target.read_text() == "a\n1\n"
    assert [p.name for p in tmp_path.iterdir()] == ["table.csv"]


@pytest.mark.notebook
@pytest.mark.slow
def test_one_article_corpus_runs_every_notebook(tmp_path):
    """Everything that can run on one article does; what cannot (clustering) says why instead of crashing."""
    corpus = write_corpus(tmp_path / "one", {"only.txt": an.load_corpus()["text"][0]})
    before = corpus_hashes(corpus)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = build_report(corpus, tmp_path / "out")
    assert corpus_hashes(corpus) == before
    page = result["html"].read_text(encoding="utf-8")
    assert page.count("<section") == len(notebook_paths())


SHORT_NEWS = """Could a party drug help veterans with PTSD?

Researchers are increasingly interested in ketamine, an anaesthetic that has been used in operating rooms for decades.
Dr. Alicia Moreno, a psychiatrist at a university hospital, said early results were encouraging but cautioned against overstating them.
"We are seeing some patients improve quickly, but we do not know yet who will respond or for how long," she said.
Private clinics offering infusions have multiplied across the U.S., often charging $400 to $800 per session.
Critics say some clinics advertise success rates that are not supported by published studies.
"""


@pytest.mark.notebook
@pytest.mark.slow
def test_one_short_article_whose_passages_share_no_word_gets_a_report(tmp_path):
    """Three passages with no word in common cannot be clustered: notebooks 02 and 05 say so and go on."""
    corpus = write_corpus(tmp_path / "one", {"news.txt": SHORT_NEWS})
    passages = an.build_passages(an.paragraphs(an.segment(an.load_corpus(corpus))))
    assert an.theme_candidates(passages["text"], range(2, 9))[1].startswith("no word")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = build_report(corpus, tmp_path / "out")
    page = result["html"].read_text(encoding="utf-8")
    assert page.count("<section") == len(notebook_paths())
    assert "No themes: no word (stop words aside) occurs in 2 or more of the 3 passages" in page
