"""Every notebook runs top to bottom in a fresh kernel; committed notebooks are clean;
the committed figures are what a fresh run produces; reruns give identical bytes."""
from __future__ import annotations

import ast
from pathlib import Path

import nbformat
import pytest

from analysis.notebook import execute_notebook, parameters_cell
from analysis.paths import FIGURES_DIR
from analysis.report import notebook_paths

NOTEBOOKS = notebook_paths()
IDS = [p.stem for p in NOTEBOOKS]


@pytest.fixture(scope="session")
def executed(tmp_path_factory):
    """Execute each notebook once per session into its own temporary figures folder."""
    cache = {}

    def run(path: Path):
        if path not in cache:
            out = tmp_path_factory.mktemp(path.stem)
            nb = execute_notebook(path, {"corpus_dir": None, "figures_dir": str(out)})
            cache[path] = (nb, out)
        return cache[path]
    return run


def test_there_are_notebooks():
    assert [p.name for p in NOTEBOOKS][:1] == ["01_corpus.ipynb"]


@pytest.mark.notebook
@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_notebook_executes_top_to_bottom(path, executed):
    nb, out = executed(path)
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert not errors
    assert list(out.glob("*.svg")), f"{path.name} exported no figure"


@pytest.mark.notebook
@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_committed_figures_match_a_fresh_run(path, executed):
    _, out = executed(path)
    for new in sorted(out.glob("*.csv")) + sorted(out.glob("*.svg")):
        committed = FIGURES_DIR / new.name
        assert committed.exists(), f"figures/{new.name} is not committed: run `make report`"
        assert committed.read_bytes() == new.read_bytes(), f"figures/{new.name} is stale: run `make report`"


@pytest.mark.notebook
def test_rerun_gives_identical_bytes(executed, tmp_path):
    path = NOTEBOOKS[0]
    _, first = executed(path)
    execute_notebook(path, {"corpus_dir": None, "figures_dir": str(tmp_path)})
    for fmt in ("csv", "svg", "pdf", "png"):
        files = sorted(first.glob(f"*.{fmt}"))
        assert files
        for f in files:
            assert (tmp_path / f.name).read_bytes() == f.read_bytes(), f.name


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_committed_notebook_is_clean(path):
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    assert parameters_cell(nb) == next(i for i, c in enumerate(nb.cells) if c.cell_type == "code")
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        assert not cell.outputs and cell.execution_count is None, "strip outputs: make strip-notebooks"
        tree = ast.parse(cell.source)
        defs = [n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda))]
        assert not defs, "notebooks contain no def/class/lambda: move logic into src/analysis"
    last = nb.cells[-1].source
    assert "environment_versions" in last, "the last cell records versions"
    assert "assert" in "".join(c.source for c in nb.cells[-3:]), "notebooks end with assertions"
