"""Build the report: execute the numbered notebooks in order with the corpus as a parameter."""
from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from .corpus import load_corpus
from .io import ensure_writable_dir
from .notebook import execute_notebook
from .paths import FIGURES_DIR, NOTEBOOKS_DIR, PROJECT_ROOT

__all__ = ["notebook_paths", "build_report", "environment_versions"]


def notebook_paths(folder: str | os.PathLike | None = None) -> list[Path]:
    """The report's notebooks: ``NN_name.ipynb`` in ``notebooks/``, in numeric order."""
    return sorted(Path(folder or NOTEBOOKS_DIR).glob("[0-9][0-9]_*.ipynb"))


def build_report(corpus: str | os.PathLike | None = None, out: str | os.PathLike | None = None,
                 log=None) -> dict:
    """Execute every notebook on ``corpus`` and write figures and executed notebooks.

    Parameters
    ----------
    corpus : path-like, optional
        Corpus folder; default the project's ``corpus/``.
    out : path-like, optional
        Output folder. Default: figures go to the project's ``figures/`` and the
        executed notebooks to ``report/``. With ``out``, everything goes under it
        (``out/figures``, ``out/notebooks``) and the project's ``figures/`` is untouched.

    Returns
    -------
    dict
        ``{"figures": Path, "notebooks": [Path, ...], "seconds": {name: float}}``.
    """
    log = log or (lambda msg: print(msg, file=sys.stderr, flush=True))
    corpus_dir = str(Path(corpus).resolve()) if corpus else None
    load_corpus(corpus_dir)  # fail fast, before any notebook runs
    if out is None:
        figures_dir, executed_dir = FIGURES_DIR, PROJECT_ROOT / "report"
    else:
        out = Path(out).resolve()
        figures_dir, executed_dir = out / "figures", out / "notebooks"
    ensure_writable_dir(figures_dir)
    ensure_writable_dir(executed_dir)
    parameters = {"corpus_dir": corpus_dir, "figures_dir": None if out is None else str(figures_dir)}
    notebooks = notebook_paths()
    seconds, executed = {}, []
    for i, nb_path in enumerate(notebooks, start=1):
        log(f"[{i}/{len(notebooks)}] {nb_path.name} ...")
        started = time.perf_counter()
        target = executed_dir / nb_path.name
        execute_notebook(nb_path, parameters, out_path=target)
        seconds[nb_path.name] = time.perf_counter() - started
        executed.append(target)
        log(f"[{i}/{len(notebooks)}] {nb_path.name} done in {seconds[nb_path.name]:.1f} s")
    log(f"figures in {figures_dir}; executed notebooks in {executed_dir}")
    return {"figures": figures_dir, "notebooks": executed, "seconds": seconds}


def environment_versions() -> "pd.DataFrame":
    """Versions of Python and the packages the analysis depends on (the last cell of every notebook)."""
    import platform
    from importlib.metadata import PackageNotFoundError, version

    import pandas as pd

    names = ["ketamine-ptsd-content-analysis", "numpy", "pandas", "scipy", "scikit-learn", "matplotlib",
             "nltk", "textstat", "nbclient"]
    rows = [("python", platform.python_version())]
    for name in names:
        try:
            rows.append((name, version(name)))
        except PackageNotFoundError:
            rows.append((name, "not installed"))
    return pd.DataFrame(rows, columns=["package", "version"])
