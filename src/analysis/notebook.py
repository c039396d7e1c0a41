"""Run notebooks headless with papermill-style parameters, and strip their outputs (how and why: docs/pipeline.md)."""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from .io import atomic_path

__all__ = ["execute_notebook", "strip_outputs", "NotebookError", "parameters_cell"]


class NotebookError(RuntimeError):
    """A notebook failed; the message names the notebook and the cell."""


def parameters_cell(nb) -> int:
    """Index of the cell tagged ``parameters``; :class:`NotebookError` if no cell carries the tag."""
    for i, cell in enumerate(nb.cells):
        if "parameters" in cell.get("metadata", {}).get("tags", []):
            return i
    raise NotebookError("no cell is tagged 'parameters'; tag the cell that sets the notebook's parameters.")


def execute_notebook(path: str | os.PathLike, parameters: dict | None = None,
                     out_path: str | os.PathLike | None = None, timeout: int = 900):
    """Execute a notebook top to bottom in a fresh kernel started in its folder; return it, executed.

    ``parameters`` (reprs must be valid Python) go into a cell tagged ``injected-parameters`` after the cell tagged
    ``parameters``, as papermill does; the notebook is written to ``out_path``, also on failure (to read the error in
    context); ``timeout``: seconds per cell; ``metadata.analysis.seconds``: the wall time. :class:`NotebookError`
    names the notebook, the failing cell (index and first line) and the error.
    """
    import nbformat
    from jupyter_client.manager import KernelManager
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    path = Path(path)
    nb = nbformat.read(path, as_version=4)
    index = -1
    if parameters:
        try:
            index = parameters_cell(nb)
        except NotebookError as exc:
            raise NotebookError(f"{path.name}: {exc}") from None
        source = "# Parameters injected by analysis.notebook\n" + "".join(
            f"{key} = {value!r}\n" for key, value in parameters.items())
        cell = nbformat.v4.new_code_cell(source, metadata={"tags": ["injected-parameters"]})
        nb.cells.insert(index + 1, cell)
    sockets = None if os.name == "nt" else tempfile.mkdtemp(prefix="analysis-kernel-")  # TCP: open to other users
    ipc = {} if sockets is None else {"transport": "ipc", "ip": os.path.join(sockets, "kernel")}
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3", km=KernelManager(kernel_name="python3", **ipc),
                            resources={"metadata": {"path": str(path.parent)}})
    started = time.perf_counter()
    try:
        client.execute(stderr=subprocess.DEVNULL)  # the kernel's own log lines ("Parent appears to have exited")
    except CellExecutionError as exc:
        errors = [(i, o) for i, c in enumerate(nb.cells) if c.cell_type == "code"
                  for o in c.get("outputs", []) if o.get("output_type") == "error"]
        failed, error = errors[0] if errors else (None, {})
        first_line = next(iter(nb.cells[failed].source.strip().splitlines()), "") if errors else ""
        if out_path:
            _write(nb, out_path)
        number = None if failed is None else failed + 1 - (bool(parameters) and failed > index)
        raise NotebookError(
            f"{path.name}, cell {number} (counting all cells from 1): `{first_line}` failed: "
            f"{error.get('ename', 'Error')}: {error.get('evalue', str(exc)[:500])}"
        ) from None
    finally:
        if sockets:
            shutil.rmtree(sockets, ignore_errors=True)
    nb.metadata.setdefault("analysis", {})["seconds"] = round(time.perf_counter() - started, 2)
    if out_path:
        _write(nb, out_path)
    return nb


def strip_outputs(path: str | os.PathLike) -> bool:
    """Remove outputs and execution counts from a notebook in place; keep tags. Returns True if changed."""
    import nbformat

    path = Path(path)
    nb = nbformat.read(path, as_version=4)
    before = nbformat.writes(nb)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
        for key in ("execution", "collapsed", "scrolled"):
            cell.metadata.pop(key, None)
    changed = nbformat.writes(nb) != before
    if changed:
        _write(nb, path)
    return changed


def _write(nb, path) -> None:
    import nbformat
    with atomic_path(path) as tmp:
        nbformat.write(nb, str(tmp))
