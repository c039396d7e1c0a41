"""Atomic output (a crash never leaves a half-written table or figure behind), and the CSV format of every table.

Every writer goes through :func:`atomic_path` (a temporary file beside the destination, renamed over it).
"""
from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import numpy as np
import pandas as pd

__all__ = ["read_weights", "atomic_path", "write_text", "write_csv", "csv_rows", "ensure_writable_dir", "OutputError",
           "CSV_OPTIONS"]

#: ``to_csv`` options of every CSV table written by the package
CSV_OPTIONS = {"index": False, "float_format": "%.6g", "lineterminator": "\n"}


class OutputError(OSError):
    """An output folder or file cannot be written."""


def ensure_writable_dir(path: str | os.PathLike) -> Path:
    """Create ``path`` if needed and check that files can be written into it (else :class:`OutputError`)."""
    path = Path(path)
    try:
        path.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path, prefix=".write-test-"):
            pass
    except OSError as exc:
        raise OutputError(f"{path}: cannot write output here ({exc.strerror or exc}). "
                          "Choose another folder with --out or fix its permissions.") from exc
    return path


@contextmanager
def atomic_path(path: str | os.PathLike) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; move it into place (``os.replace``, atomic) if the block succeeds."""
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


def write_csv(table: pd.DataFrame, path: str | os.PathLike) -> Path:
    """Write a table as CSV atomically, byte-stable (:data:`CSV_OPTIONS`)."""
    with atomic_path(path) as tmp:
        table.to_csv(tmp, **CSV_OPTIONS)
    return Path(path)


def read_weights(path: str | os.PathLike, features=None) -> pd.Series:
    """A ``feature,weight[,note]`` file (a linear model's weights, ``intercept`` included) as a Series; a
    ``ValueError`` names the file and the line of a weight that is not a number or a feature not in ``features``."""
    table = pd.read_csv(path, dtype=str, keep_default_na=False, comment="#")
    if not {"feature", "weight"} <= set(table.columns):
        raise ValueError(f"{path}: expected columns feature,weight[,note]; got {list(table.columns)}.")
    values = pd.to_numeric(table["weight"], errors="coerce")
    for i, (name, value) in enumerate(zip(table["feature"], values), start=2):
        if np.isnan(value):
            raise ValueError(f"{path}, line {i}: weight {table['weight'].iloc[i - 2]!r} is not a number.")
        if features is not None and name != "intercept" and name not in features:
            raise ValueError(f"{path}, line {i}: unknown feature {name!r}; expected intercept or one of "
                             f"{', '.join(features)}.")
    return pd.Series(values.to_numpy(), index=table["feature"], name="weight")


def csv_rows(table: pd.DataFrame) -> str:
    """``table.to_csv(header=False, **CSV_OPTIONS)``, formatted a column at a time, ~4x faster (docs/pipeline.md);
    other column types, one column, or a carriage return in a text go through pandas."""
    columns = [_csv_column(table.iloc[:, k]) for k in range(table.shape[1])] if table.shape[1] > 1 else [None]
    if any(c is None for c in columns):
        return table.to_csv(header=False, **CSV_OPTIONS)
    return "\n".join(map(",".join, zip(*columns))) + "\n" if len(table) else ""


def _csv_column(column: pd.Series) -> list[str] | None:
    """One column's CSV fields, or ``None`` when pandas should format the table."""
    dtype = column.dtype
    if dtype == np.float64:
        return _float_fields(column.to_numpy())
    if isinstance(dtype, np.dtype) and dtype.kind in "iu":
        return list(map(str, column.to_numpy().tolist()))
    if dtype == np.bool_:
        return np.where(column.to_numpy(), "True", "False").tolist()
    plain_text = dtype == object and pd.api.types.infer_dtype(column) in ("string", "empty")
    if isinstance(dtype, pd.StringDtype) or plain_text:
        return _text_fields(column.to_numpy(dtype=object))
    return None


def _float_fields(values: np.ndarray) -> list[str]:
    """``"%.6g"`` of each value, ``""`` for NaN."""
    out = np.empty(len(values), dtype=object)
    with np.errstate(invalid="ignore"):
        whole = (np.abs(values) < 1e6) & (values == np.trunc(values)) & ~((values == 0) & np.signbit(values))
    out[whole] = list(map(str, values[whole].astype(np.int64).tolist()))
    other = np.flatnonzero(~whole)
    out[other] = [CSV_OPTIONS["float_format"] % v if v == v else "" for v in values[other].tolist()]
    return out.tolist()


def _text_fields(values: np.ndarray) -> list[str] | None:
    """Text fields quoted as the csv module does; ``None`` if one holds a carriage return."""
    texts = np.where(pd.isna(values), "", values).tolist()
    joined = "".join(texts)
    if "\r" in joined:  # quoted or not depending on the Python version: let pandas (the csv module) decide
        return None
    if "," not in joined and '"' not in joined and "\n" not in joined:
        return texts
    return ['"' + t.replace('"', '""') + '"' if "," in t or '"' in t or "\n" in t else t for t in texts]
