"""Build the report: execute the numbered notebooks on a corpus, export the figures, and write one
self-contained HTML page (code hidden; figures embedded as data URIs, so it opens offline).
"""
from __future__ import annotations

import html
import multiprocessing
import os
import re
import sys
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from functools import partial
from pathlib import Path

import pandas as pd

from .codebook import load_codebook
from .corpus import load_corpus
from .io import ensure_writable_dir, write_text
from .notebook import execute_notebook
from .paths import DATA_DIR, FIGURES_DIR, NOTEBOOKS_DIR, PROJECT_ROOT

__all__ = ["notebook_paths", "build_report", "write_html_report", "environment_versions"]


def notebook_paths() -> list[Path]:
    """The report's notebooks: ``NN_name.ipynb`` in ``notebooks/``, in numeric order."""
    return sorted(NOTEBOOKS_DIR.glob("[0-9][0-9]_*.ipynb"))


def build_report(corpus: str | os.PathLike | None = None, out: str | os.PathLike | None = None,
                 jobs: int | None = None, group_by: str | None = None, unit: str | None = None,
                 codebook: str | os.PathLike | None = None, evidence: str | os.PathLike | None = None) -> dict:
    """Execute every notebook on ``corpus``; write figures, executed notebooks and ``report.html``.

    ``out`` gets ``figures/``, ``notebooks/`` and ``report.html`` (default: the project's ``figures/``, and
    ``report/`` for the rest); ``jobs`` notebooks run at once (default: the cores, at most 2; progress on stderr);
    ``group_by`` and ``unit`` (``article`` or ``organization``) are notebook 05's (default: its own, ``kind`` and
    ``article``); ``codebook`` (notebooks 04 and 05) and ``evidence`` (notebook 06) replace the bundled concept
    codebook and evidence file. Returns ``figures`` (folder), ``notebooks`` (executed paths), ``html`` (path) and
    ``seconds`` (per notebook, ``total``). A bad corpus, output folder, codebook or evidence file raises before any
    notebook runs (:class:`CorpusError`, :class:`OutputError`, :class:`CodebookError`, ``ValueError``);
    :class:`NotebookError` names the notebook and cell that failed.
    """
    log = partial(print, file=sys.stderr, flush=True)
    started = time.perf_counter()
    corpus_dir = str(Path(corpus).resolve()) if corpus else None
    articles = load_corpus(corpus_dir)  # fail fast, before any notebook runs
    if group_by is not None and group_by not in articles.columns:
        raise ValueError(f"--group-by {group_by}: no such column in the corpus's manifest or front matter "
                         f"(columns: {', '.join(c for c in articles.columns if c not in ('text', 'line_kinds'))}).")
    if out is None:
        figures_dir, executed_dir = FIGURES_DIR, PROJECT_ROOT / "report"
        html_path = executed_dir / "report.html"
    else:
        out = Path(out).resolve()
        figures_dir, executed_dir, html_path = out / "figures", out / "notebooks", out / "report.html"
    for folder in (figures_dir, executed_dir):
        ensure_writable_dir(folder)
    parameters = {"corpus_dir": corpus_dir, "figures_dir": None if out is None else str(figures_dir)}
    if codebook is not None:
        codebook = str(Path(codebook).resolve())
        load_codebook(codebook)  # a bad file fails here, naming itself, not in a notebook cell
    if evidence is not None:
        from .claim_check import load_evidence  # the stance scorer behind it is heavy to import
        evidence = str(Path(evidence).resolve())
        load_evidence(evidence)
    parameters.update({k: v for k, v in (("group_by", group_by), ("unit", unit), ("codebook_path", codebook),
                                         ("evidence_file", evidence)) if v is not None})
    notebooks = notebook_paths()
    jobs = jobs or min(2, os.cpu_count() or 1)
    log(f"report on {len(articles)} article(s) from {corpus_dir or 'corpus/'}: "
        f"{len(notebooks)} notebooks, {jobs} at a time")
    seconds = {}
    # spawned, not forked, workers: a fork copies the caller's live kernel clients (zmq sockets, their threads),
    # and the copies can hang (seen under pytest, which runs other notebooks in the same process first)
    with ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("spawn")) as pool:
        futures = {pool.submit(_execute, p, parameters, executed_dir / p.name): p for p in notebooks}
        for done, future in enumerate(as_completed(futures), start=1):
            path = futures[future]
            seconds[path.name] = future.result()  # re-raises NotebookError naming notebook and cell
            log(f"[{done}/{len(notebooks)}] {path.name} done in {seconds[path.name]:.1f} s")
    executed = [executed_dir / p.name for p in notebooks]
    write_html_report(executed, html_path, corpus_label=corpus_dir or "the project's corpus/")
    seconds["total"] = time.perf_counter() - started
    log(f"report: {html_path}\nfigures: {figures_dir}\ntotal {seconds['total']:.1f} s")
    return {"figures": figures_dir, "notebooks": executed, "html": html_path, "seconds": seconds}


def _execute(path: Path, parameters: dict, target: Path) -> float:
    started = time.perf_counter()
    execute_notebook(path, parameters, out_path=target)
    return time.perf_counter() - started


def write_html_report(notebooks: list[Path], path: str | os.PathLike, corpus_label: str = "") -> Path:
    """Write one self-contained HTML page from executed notebooks, code hidden: Markdown cells become prose, outputs
    keep their richest offline form (HTML tables, PNG figures as data URIs, Markdown, text), missing values in tables
    are empty cells."""
    from importlib.metadata import version

    import nbformat
    from nbconvert.filters.markdown_mistune import markdown2html_mistune

    sections, toc = [], []
    for i, nb_path in enumerate(notebooks):
        nb = nbformat.read(nb_path, as_version=4)
        parts = []
        for cell in nb.cells:
            if cell.cell_type == "markdown":
                parts.append(markdown2html_mistune(cell.source))
            elif cell.cell_type == "code" and "injected-parameters" not in cell.metadata.get("tags", []) \
                    and "parameters" not in cell.metadata.get("tags", []):
                parts.extend(_output_html(o) for o in cell.get("outputs", []))
        title = next((c.source.splitlines()[0].lstrip("# ") for c in nb.cells if c.cell_type == "markdown"),
                     nb_path.stem)
        toc.append(f'<li><a href="#nb{i}">{html.escape(title)}</a></li>')
        sections.append(f'<section class="notebook" id="nb{i}">\n' + "\n".join(p for p in parts if p) + "\n</section>")
    css = (DATA_DIR / "report.css").read_text(encoding="utf-8")
    page = (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<title>Ketamine for PTSD: content analysis report</title>\n"
        f"<style>\n{css}</style>\n</head>\n<body>\n"
        "<h1>Ketamine for PTSD clinic articles: content analysis report</h1>\n"
        f"<p class=\"meta\">Corpus: {html.escape(corpus_label)} · "
        f"analysis {version('ketamine-ptsd-content-analysis')} · "
        "generated by <code>python -m analysis report</code> from the executed notebooks (code hidden).</p>\n"
        f"<nav><ol>{''.join(toc)}</ol></nav>\n" + "\n".join(sections) + "\n</body>\n</html>\n"
    )
    return write_text(path, page)


# a table cell pandas fills for a missing value: the reader sees an empty cell, not NaN
_MISSING_CELL = re.compile(r"(<td[^>]*>)\s*(?:NaN|nan|None|&lt;NA&gt;|<NA>|NaT)\s*(</td>)")


def _output_html(output) -> str:
    kind = output.get("output_type")
    if kind == "stream":
        return f"<pre>{html.escape(output.get('text', ''))}</pre>"
    data = output.get("data", {})
    if "text/html" in data:
        return _MISSING_CELL.sub(r"\1\2", data["text/html"])
    if "image/png" in data:
        return f'<img alt="figure" src="data:image/png;base64,{data["image/png"].strip()}">'
    if "text/markdown" in data:
        from nbconvert.filters.markdown_mistune import markdown2html_mistune
        return markdown2html_mistune(data["text/markdown"])
    if "text/plain" in data:
        return f"<pre>{html.escape(data['text/plain'])}</pre>"
    return ""


def environment_versions() -> pd.DataFrame:
    """Versions of Python and the packages the analysis depends on (the last cell of every notebook)."""
    import platform
    from importlib.metadata import PackageNotFoundError, version

    names = ["ketamine-ptsd-content-analysis", "numpy", "pandas", "scipy", "scikit-learn", "matplotlib",
             "nltk", "textstat", "nbclient"]
    rows = [("python", platform.python_version())]
    for name in names:
        try:
            rows.append((name, version(name)))
        except PackageNotFoundError:
            rows.append((name, "not installed"))
    return pd.DataFrame(rows, columns=["package", "version"])
