"""Score each distinct sentence once: web pages repeat sentences (footers, disclaimers, calls to action). A
sentence's stance and concepts, and a passage's theme, depend on its text alone, so a recurring text is scanned
once and its result copied to every occurrence (what it saves: docs/measures.md#segmentation)."""
from __future__ import annotations

from typing import Sequence

import numpy as np
import pandas as pd

__all__ = ["distinct_texts", "rows_per_text", "copies"]


def distinct_texts(texts: Sequence[str]) -> tuple[list[str], np.ndarray, np.ndarray]:
    """The distinct texts, in order of first occurrence: ``(distinct, code, first)``.

    ``distinct[code[i]] == texts[i]``; ``first[k]`` is the position in ``texts`` of ``distinct[k]``'s first occurrence.
    """
    number: dict[str, int] = {}  # each distinct text -> its number, in order of first occurrence
    code = np.fromiter((number.setdefault(t, len(number)) for t in texts), dtype=np.int64, count=len(texts))
    # a text is new where its code exceeds all before it (a tenth of np.unique's time)
    first = np.flatnonzero(np.diff(np.maximum.accumulate(code), prepend=-1) > 0)
    return list(number), code, first


def rows_per_text(table: pd.DataFrame, column: str, code: np.ndarray) -> pd.DataFrame:
    """The rows of ``table`` found on distinct texts (``table[column]``: an index into ``distinct`` of
    :func:`distinct_texts`, whose ``code`` is given), copied to every text they stand for: for each text ``i`` in
    order, the rows of its distinct text (in their order in ``table``) with ``column`` set to ``i``; a fresh index.
    """
    text, rows = copies(table[column].to_numpy(dtype=np.int64), code)
    out = table.iloc[rows].reset_index(drop=True)
    out[column] = text.astype(table[column].dtype)
    return out


def copies(ids: np.ndarray, code: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """:func:`rows_per_text` as positions: for each text ``i`` in order, ``i`` and the positions in ``ids`` of the
    rows of its distinct text (``ids``: each row's distinct text), in their order."""
    order = np.argsort(ids, kind="stable")
    per_distinct = np.bincount(ids, minlength=int(code.max(initial=-1)) + 1)
    first_row = np.cumsum(per_distinct) - per_distinct
    count = per_distinct[code]
    before = np.repeat(np.cumsum(count) - count, count)  # rows of the texts before each text
    rows = np.repeat(first_row[code], count) + np.arange(int(count.sum())) - before
    return np.repeat(np.arange(len(code)), count), order[rows]
