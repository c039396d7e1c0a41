"""Similarity of articles (cosine on TF-IDF, clustered for a dendrogram) and copy shared between the passages of
:func:`analysis.build_passages` (choices and sources: docs/themes.md#similarity)."""
from __future__ import annotations

import numpy as np
import pandas as pd
from scipy.cluster.hierarchy import linkage as _scipy_linkage
from scipy.spatial.distance import squareform
from sklearn.metrics.pairwise import cosine_similarity
from sklearn.preprocessing import MultiLabelBinarizer

from .tokens import WORD_RE
from .vectorize import make_vectorizer

__all__ = ["article_similarity", "article_linkage", "near_duplicates"]


def article_similarity(passages: pd.DataFrame) -> pd.DataFrame:
    """Cosine similarity of whole articles (``passages``' ``doc_id, text``, joined per article) on TF-IDF vectors
    (idf over the articles, English stop words out).

    Returns a square doc × doc table, values in [0, 1] (1 = identical term profiles; 1 on the diagonal).
    """
    if passages.empty:
        raise ValueError("no passages: the corpus has no article text outside navigation/disclaimer zones.")
    texts = passages.groupby(passages["doc_id"].astype(str), sort=True)["text"].agg(" ".join)
    X = make_vectorizer().fit_transform(list(texts))
    sim = np.clip(cosine_similarity(X), 0.0, 1.0)
    np.fill_diagonal(sim, 1.0)
    index = pd.Index(texts.index, name="doc_id")
    return pd.DataFrame(sim, index=index, columns=index.rename(None))


def article_linkage(similarity: pd.DataFrame) -> pd.DataFrame:
    """Average-linkage (UPGMA) clustering of articles on cosine distance ``1 − similarity``
    (:func:`article_similarity`).

    Returns SciPy's linkage matrix as a table ``left, right, distance, size`` (one row per merge; ids < n are
    articles in ``similarity.index`` order); ``.to_numpy()`` feeds SciPy's ``dendrogram``. ValueError with fewer
    than two articles.
    """
    n = len(similarity)
    if n < 2:
        raise ValueError(f"a dendrogram needs at least two articles; the corpus has {n}.")
    dist = np.clip(1.0 - similarity.to_numpy(dtype=float), 0.0, None)
    dist = (dist + dist.T) / 2
    np.fill_diagonal(dist, 0.0)
    Z = _scipy_linkage(squareform(dist, checks=False), method="average")
    table = pd.DataFrame(Z, columns=["left", "right", "distance", "size"])
    return table.astype({"left": "int64", "right": "int64", "size": "int64"})


def _shingles(text: str, n: int) -> set[tuple[str, ...]]:
    """Word ``n``-grams of ``text`` (lowercased word forms); the whole text as one if shorter."""
    toks = [w.lower().replace("’", "'") for w in WORD_RE.findall(text)]
    if len(toks) < n:
        return {tuple(toks)} if toks else set()
    return {tuple(toks[i:i + n]) for i in range(len(toks) - n + 1)}


def near_duplicates(passages: pd.DataFrame, *, shingle_size: int = 5, threshold: float = 0.5,
                    min_shared: int = 3) -> pd.DataFrame:
    """Passage pairs from different articles that share copy (word-shingle overlap).

    Each passage (``passages``: ``doc_id, passage, text``) becomes the set of its word ``shingle_size``-grams
    (lowercased, every word). Two passages are near-duplicates when the Jaccard similarity ``|A ∩ B| / |A ∪ B|`` is
    ≥ ``threshold`` (in (0, 1]), or the containment ``|A ∩ B| / min(|A|, |B|)`` is (reused copy inside a longer
    passage) with at least ``min_shared`` shared shingles.

    Returns
    -------
    DataFrame
        ``doc_id_a, passage_a, doc_id_b, passage_b, shared_shingles, jaccard, containment, text_a, text_b`` with
        ``doc_id_a < doc_id_b``, sorted by Jaccard (descending); both ratios 0–1.
    """
    if not 0 < threshold <= 1:
        raise ValueError(f"threshold must be in (0, 1], got {threshold!r}.")
    columns = ["doc_id_a", "passage_a", "doc_id_b", "passage_b", "shared_shingles", "jaccard", "containment",
               "text_a", "text_b"]
    M = MultiLabelBinarizer(sparse_output=True).fit_transform([_shingles(t, shingle_size) for t in passages["text"]])
    if M.shape[1] == 0:
        return pd.DataFrame(columns=columns)
    inter = (M @ M.T).tocoo()  # shingles shared by each pair of passages
    sizes = np.asarray(M.sum(axis=1), dtype=float).ravel()
    doc = passages["doc_id"].astype(str).to_numpy()
    para = passages["passage"].to_numpy()
    text = passages["text"].to_numpy()
    out = []
    for i, j, k in zip(inter.row, inter.col, inter.data):
        if i >= j or doc[i] == doc[j]:
            continue
        jac = k / (sizes[i] + sizes[j] - k)
        con = k / min(sizes[i], sizes[j])
        if jac >= threshold or (con >= threshold and k >= min_shared):
            a, b = (i, j) if (doc[i], para[i]) < (doc[j], para[j]) else (j, i)
            out.append((doc[a], int(para[a]), doc[b], int(para[b]), int(k), jac, con, text[a], text[b]))
    table = pd.DataFrame(out, columns=columns)
    return table.sort_values(["jaccard", "doc_id_a", "passage_a", "doc_id_b", "passage_b"],
                             ascending=[False, True, True, True, True], kind="stable").reset_index(drop=True)
