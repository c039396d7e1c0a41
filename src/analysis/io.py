"""Atomic output: a crash never leaves a half-written table or figure behind.

Every writer in the package goes through :func:`atomic_path`: it yields a temporary
file in the destination folder and renames it over the destination only when the
block finishes without an exception (``os.replace`` is atomic on POSIX and Windows).
"""
from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import pandas as pd

__all__ = ["atomic_path", "write_text", "write_csv", "ensure_writable_dir", "OutputError"]


class OutputError(OSError):
    """An output folder or file cannot be written."""


def ensure_writable_dir(path: str | os.PathLike) -> Path:
    """Create ``path`` if needed and check that files can be written into it.

    Raises
    ------
    OutputError
        If the folder cannot be created or written, naming the folder.
    """
    path = Path(path)
    try:
        path.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path, prefix=".write-test-"):
            pass
    except OSError as exc:
        raise OutputError(
            f"{path}: cannot write output here ({exc.strerror or exc}). "
            "Choose another folder with --out or fix its permissions."
        ) from exc
    return path


@contextmanager
def atomic_path(path: str | os.PathLike) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; move it into place on success.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> with atomic_path(d / "x.txt") as tmp:
    ...     _ = tmp.write_text("done")
    >>> (d / "x.txt").read_text()
    'done'
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(fd)
    tmp = Path(tmp)
    try:
        yield tmp
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()


def write_text(path: str | os.PathLike, text: str) -> Path:
    """Write UTF-8 text atomically (LF line endings) and return the path."""
    with atomic_path(path) as tmp:
        tmp.write_text(text, encoding="utf-8", newline="\n")
    return Path(path)


def write_csv(table: pd.DataFrame, path: str | os.PathLike, **kwargs) -> Path:
    """Write a table as CSV atomically, byte-stable: no index, LF, fixed float format."""
    kwargs.setdefault("index", False)
    kwargs.setdefault("float_format", "%.6g")
    kwargs.setdefault("lineterminator", "\n")
    with atomic_path(path) as tmp:
        table.to_csv(tmp, **kwargs)
    return Path(path)
