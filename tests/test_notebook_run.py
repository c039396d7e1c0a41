"""analysis.notebook runs a notebook without the kernel's transport warning, and leaves no socket files."""
import os

import nbformat
import pytest

from analysis.notebook import execute_notebook


@pytest.mark.slow
def test_a_notebook_runs_without_kernel_transport_warnings(tmp_path, capfd):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("import os\nprint(1 + 1, os.getcwd())")]
    path = tmp_path / "t.ipynb"
    nbformat.write(nb, str(path))
    before = set(os.listdir(tmp_path))
    out = execute_notebook(path)
    assert out.cells[0].outputs[0]["text"] == f"2 {tmp_path}\n"  # the kernel starts in the notebook's folder
    captured = capfd.readouterr()
    assert "without encryption" not in captured.err and "without encryption" not in captured.out
    assert set(os.listdir(tmp_path)) == before  # no kernel-ipc socket files next to the notebook
