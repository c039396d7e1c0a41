"""Themes: cluster passages (TF-IDF → LSA → k-means) and tabulate each article's share of each theme
(choices and their sources: docs/themes.md#the-theme-model-and-choosing-k)."""
from __future__ import annotations

import itertools
import warnings

import joblib
import numpy as np
import pandas as pd
import scipy.sparse as sp
from sklearn.base import BaseEstimator, ClusterMixin
from sklearn.cluster import KMeans, MiniBatchKMeans
from sklearn.decomposition import TruncatedSVD
from sklearn.exceptions import ConvergenceWarning
from sklearn.metrics import adjusted_rand_score, silhouette_score
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import Normalizer
from threadpoolctl import threadpool_limits  # installed with scikit-learn

from .repeats import distinct_texts
from .tokens import text_list
from .vectorize import StemTokenizer, make_vectorizer, surface_forms

__all__ = ["ThemeModel", "theme_candidates", "theme_shares", "passage_map"]

_LSA_DIMENSIONS = 10  # at most; fewer with fewer passages or terms
_TOP_TERMS = 10  # terms kept per theme
_MINIBATCH_ABOVE = 10_000  # passages above which k-means runs in mini-batches
_SILHOUETTE_SAMPLE = 2000  # passages the silhouette is computed on (a seeded sample)


def _check_texts(texts) -> list[str]:
    if isinstance(texts, pd.DataFrame):
        raise ValueError("pass the passage texts (passages['text']), not the whole table.")
    return text_list(texts)


def theme_candidates(texts, k_range, min_df: int = 2) -> tuple[list[int], str]:
    """The numbers of themes in ``k_range`` that passages can be split into, and why none can.

    A partition into k themes needs more than k passages (the silhouette is defined for 2 ≤ k < n), and passages
    are compared by the words (stems, stop words left out) that ``min_df`` or more of them share: with none,
    there is nothing to cluster on (a corpus of one short article, say).

    Returns
    -------
    (list of int, str)
        The usable k in ascending order, and ``""`` when there is one, else the reason, in words, for the reader.
    """
    texts = _check_texts(texts)
    n, ks = len(texts), sorted({int(k) for k in k_range})
    usable = [k for k in ks if 2 <= k < n]
    if not usable:
        return [], (f"{n} passage(s) cannot be split into {ks[0] if ks else 2} or more themes (a partition into k "
                    "themes needs more than k passages)")
    need = min_df if isinstance(min_df, (int, np.integer)) else int(np.ceil(float(min_df) * n))
    tokenize, seen = StemTokenizer(), {}
    for text in texts:  # stops at the first word shared by enough passages (most corpora: within a few)
        for stem in set(tokenize(text)):
            seen[stem] = seen.get(stem, 0) + 1
            if seen[stem] >= need:
                return usable, ""
    return [], (f"no word (stop words aside) occurs in {need} or more of the {n} passages, so they have nothing "
                "to be compared by")


class ThemeModel(ClusterMixin, BaseEstimator):
    """Cluster passages into themes: TF-IDF → LSA → k-means, k chosen by silhouette and stability.

    Each ``k`` in ``k_range`` is fitted with ``n_seeds`` seeds (drawn from ``random_state``) and scored by the
    cosine **silhouette** (−1..1, higher = tighter, better separated themes) and the **stability**, the mean
    adjusted Rand index (ARI; 1 = identical partitions, ≈0 = chance) over all pairs of seeds, with its jackknife
    standard error. A k is *stable* when stability minus one standard error ≥ ``min_stability``; among stable k the
    highest silhouette wins (ties: smaller k). If none is stable, ``stable_`` is False and the smallest k within one
    standard error of the most stable k is shown. The partition reported is the lowest-inertia seed at that k;
    themes are numbered by size (0 = most passages).

    Parameters
    ----------
    k_range : iterable of int
        Candidate numbers of themes (values ≥ the number of passages are skipped; one value fixes k).
    n_seeds, n_init : int
        Seeds per k for the stability check (≥ 2); k-means restarts per seed (one above 10,000 passages).
    min_stability : float
        Mean pairwise ARI (minus one standard error) a k needs to count as stable.
    min_df, n_jobs : int, int or None
        As in :func:`make_vectorizer` (2: a term in one passage cannot link passages); processes the candidate k
        are fitted in (joblib; ``None`` = 1; the result does not depend on it).

    Attributes
    ----------
    vectorizer_, lsa_ : Pipeline
        The TF-IDF pipeline and the LSA step (TruncatedSVD to ≤ 10 dimensions, then L2 rows; None if < 2 dimensions).
    explained_variance_ : float
        Share of TF-IDF variance kept by the LSA step (NaN without it).
    n_themes_, labels_, cluster_centers_
        Chosen k, theme per passage, theme centres in the space k-means ran in.
    selection_ : DataFrame
        Per k: ``k, silhouette, stability_ari, stability_se`` (NaN with 2 seeds),
        ``stability_ari_min, distinct_themes, stable, chosen``.
    stable_, stability_, stability_se_, silhouette_, criterion_
        At the chosen k: stable or not, mean pairwise ARI and its standard error, silhouette; the rule, in words.
    theme_terms_ : DataFrame
        ``theme, rank, term, stem, weight``: the top 10 terms by class-based TF-IDF (Grootendorst 2022; unitless,
        higher = more particular to the theme), stems shown as their most frequent word form.
    theme_labels_ : dict
        Theme → "term · term · term".
    """

    def __init__(self, *, k_range=range(2, 9), n_seeds: int = 10, min_stability: float = 0.8, n_init: int = 10,
                 min_df=2, random_state=None, n_jobs: int | None = None):
        self.k_range = k_range
        self.n_seeds = n_seeds
        self.min_stability = min_stability
        self.n_init = n_init
        self.min_df = min_df
        self.random_state = random_state
        self.n_jobs = n_jobs

    def _candidate_ks(self, n: int) -> list[int]:
        ks = sorted({int(k) for k in self.k_range})
        if not ks or ks[0] < 2:
            raise ValueError(f"k_range must hold numbers of themes ≥ 2, got {list(self.k_range)!r}.")
        valid = [k for k in ks if k < n]
        if not valid:
            raise ValueError(f"asked for {ks[0]}–{ks[-1]} themes but there are only {n} passages; a theme "
                             f"partition needs more passages than themes (silhouette needs 2 ≤ k < n). "
                             "Lower k_range or add text.")
        return valid

    def _choose_k(self, sel: pd.DataFrame) -> tuple[int, str]:
        """The chosen k and the rule that chose it, in words, from the selection table."""
        seeds = f"across {self.n_seeds} seeds"
        if sel["stable"].any():
            cand = sel[sel["stable"]].sort_values(["silhouette", "k"], ascending=[False, True], kind="stable")
            return int(cand["k"].iloc[0]), (f"highest silhouette among stable k (mean pairwise ARI minus one "
                                            f"standard error ≥ {self.min_stability} {seeds})")
        top = sel.sort_values(["stability_ari", "k"], ascending=[False, True], kind="stable").iloc[0]
        se = 0.0 if np.isnan(top["stability_se"]) else top["stability_se"]
        within = sel[sel["stability_ari"] >= top["stability_ari"] - se]
        return int(within["k"].min()), (f"no k is stable (mean pairwise ARI minus one standard error ≥ "
                                        f"{self.min_stability} {seeds}): these passages do not form stable "
                                        "themes; shown is the smallest k within one standard error of the most "
                                        "stable k")

    def fit(self, X, y=None):
        """Vectorize the passage texts ``X`` (e.g. ``passages["text"]``) and cluster them; returns self."""
        texts = _check_texts(X)
        n = len(texts)
        if n < 2:
            raise ValueError(f"theme clustering needs at least 2 passages, got {n}.")
        if self.n_seeds < 2:
            raise ValueError(f"n_seeds must be ≥ 2 to measure stability, got {self.n_seeds!r}.")
        ks = self._candidate_ks(n)
        if why := theme_candidates(texts, ks, self.min_df)[1]:
            raise ValueError(why)
        self.vectorizer_ = make_vectorizer(min_df=self.min_df)
        C = self.vectorizer_.named_steps["counts"].fit_transform(texts)
        T = self.vectorizer_.named_steps["tfidf"].fit_transform(C)
        seeds = [int(s) for s in np.random.RandomState(self.random_state).randint(0, 2**31 - 1, size=self.n_seeds)]
        self.lsa_, self.explained_variance_ = None, float("nan")
        M = T
        dims = min(_LSA_DIMENSIONS, n - 1, T.shape[1] - 1)
        if dims >= 2:
            svd = TruncatedSVD(n_components=dims, algorithm="randomized", n_iter=7, random_state=seeds[0])
            self.lsa_ = Pipeline([("svd", svd), ("normalize", Normalizer(copy=False))])
            M = self.lsa_.fit_transform(T)
            self.explained_variance_ = float(svd.explained_variance_ratio_.sum())
        # each k in a worker process: the k-means runs are most of the fit (22.9 -> 14.9 s on 2 cores, docs/themes.md)
        per_k = joblib.Parallel(n_jobs=min(self.n_jobs or 1, len(ks)))(
            joblib.delayed(_fit_k)(M, k, seeds, self.n_init) for k in ks)
        sel = pd.DataFrame([record for record, _ in per_k])
        sel["stable"] = (sel["stability_ari"] - sel["stability_se"].fillna(0.0)) >= self.min_stability
        k_best, self.criterion_ = self._choose_k(sel)
        sel["chosen"] = sel["k"] == k_best
        self.selection_ = sel
        chosen = sel[sel["chosen"]].iloc[0]
        self.stable_, self.stability_ = bool(chosen["stable"]), float(chosen["stability_ari"])
        self.stability_se_ = float(chosen["stability_se"])
        self.n_themes_, self.kmeans_ = k_best, _best_run(per_k[ks.index(k_best)][1])
        self.labels_, self._order = _canonical_labels(self.kmeans_.labels_)
        self.cluster_centers_ = np.asarray(self.kmeans_.cluster_centers_)[self._order]
        self.silhouette_ = _silhouette(M, self.labels_, seeds[0])
        self.theme_terms_ = _class_tfidf_terms(C, self.vectorizer_.get_feature_names_out(), texts, self.labels_)
        self.theme_labels_ = {t: " · ".join(g["term"].head(3)) for t, g in self.theme_terms_.groupby("theme")}
        return self

    def predict(self, X) -> np.ndarray:
        """Theme of new passages (nearest centre in the fitted TF-IDF space); a passage that recurs (boilerplate)
        is placed once (:mod:`analysis.repeats`)."""
        # each distinct text once: 4.7 s against 8.0 s on 12 chunks of 500 benchmark articles (docs/themes.md#speed)
        distinct, code, _ = distinct_texts(_check_texts(X))
        M = self.vectorizer_.transform(distinct)
        if self.lsa_ is not None:
            M = self.lsa_.transform(M)
        return np.argsort(self._order)[self.kmeans_.predict(M)][code]  # k-means' ids to the numbering by size


def _fit_k(M, k: int, seeds: list[int], n_init: int) -> tuple[dict, list]:
    """The k-means runs of one k (one per seed) and the row of the selection table they give."""
    fits = []
    for seed in seeds:
        if M.shape[0] > _MINIBATCH_ABOVE:
            # one init per seed: the runs of the seeds are themselves restarts (the lowest inertia is kept)
            km = MiniBatchKMeans(n_clusters=k, n_init=1, batch_size=2048, random_state=seed)
        else:
            km = KMeans(n_clusters=k, n_init=n_init, random_state=seed)
        # one OpenMP thread: on a few LSA dimensions threads only add overhead (docs/themes.md#speed)
        with warnings.catch_warnings(), threadpool_limits(limits=1, user_api="openmp"):
            warnings.simplefilter("ignore", ConvergenceWarning)
            km.fit(M)
        fits.append(km)
    labelings = [f.labels_ for f in fits]
    mean_ari, se_ari, min_ari = _stability(labelings)
    record = {"k": k, "silhouette": _silhouette(M, _best_run(fits).labels_, seeds[0]),
              "stability_ari": mean_ari, "stability_se": se_ari, "stability_ari_min": min_ari,
              "distinct_themes": int(min(len(np.unique(l)) for l in labelings))}
    return record, fits


def _silhouette(X, labels, seed) -> float:
    """Cosine silhouette of a partition (on a seeded sample of :data:`_SILHOUETTE_SAMPLE` rows above that)."""
    if len(np.unique(labels)) < 2:
        return float("nan")
    sample = _SILHOUETTE_SAMPLE if X.shape[0] > _SILHOUETTE_SAMPLE else None
    return float(silhouette_score(X, labels, metric="cosine", sample_size=sample, random_state=seed))


def _stability(labelings) -> tuple[float, float, float]:
    """Mean pairwise ARI of the seeds' partitions, its jackknife (leave one seed out) standard error, the lowest."""
    n = len(labelings)
    ari = np.ones((n, n))
    for i, j in itertools.combinations(range(n), 2):
        ari[i, j] = ari[j, i] = adjusted_rand_score(labelings[i], labelings[j])
    upper = ari[np.triu_indices(n, 1)]
    mean = float(upper.mean())
    if n < 3:
        return mean, float("nan"), float(upper.min())
    # pairs left when seed i is left out: all pairs minus the n − 1 pairs with seed i
    loo = (upper.sum() - (ari.sum(axis=1) - 1)) / ((n - 1) * (n - 2) / 2)
    se = float(np.sqrt((n - 1) / n * np.sum((loo - loo.mean()) ** 2)))
    return mean, round(se, 12), float(upper.min())


def _best_run(fits):
    """The run with the lowest inertia (ties: the earliest seed)."""
    inertias = [round(float(f.inertia_), 9) for f in fits]
    return fits[int(np.argmin(inertias))]


def _canonical_labels(labels: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Renumber clusters by size (descending), ties by first occurrence; return labels and old-id order."""
    ids, first, counts = np.unique(labels, return_index=True, return_counts=True)
    order = ids[np.lexsort((first, -counts))]
    mapping = {old: new for new, old in enumerate(order)}
    return np.array([mapping[l] for l in labels], dtype=np.int64), order


def _class_tfidf_terms(counts, terms, texts, labels) -> pd.DataFrame:
    """Top terms per theme by c-TF-IDF, ``tf(t,c)/|c| · ln(1 + A / f_t)`` (``A`` mean words per theme, ``f_t``
    the term's total frequency), from passage term counts."""
    themes = np.unique(labels)
    member = sp.csr_matrix((np.ones(len(labels)), (np.searchsorted(themes, labels), np.arange(len(labels)))),
                           shape=(len(themes), len(labels)))
    C = np.asarray((member @ counts).todense(), dtype=float)
    tf = C / np.maximum(C.sum(axis=1, keepdims=True), 1)
    avg_words = C.sum() / len(themes)
    idf = np.log(1 + avg_words / np.maximum(C.sum(axis=0), 1))
    W = tf * idf
    rows = []
    for ci, c in enumerate(themes):
        surface = surface_forms([t for t, l in zip(texts, labels) if l == c])
        order = np.lexsort((terms, -np.round(W[ci], 12)))[:_TOP_TERMS]
        for rank, j in enumerate(order, start=1):
            if W[ci, j] <= 0:
                break
            stem = terms[j]
            rows.append((int(c), rank, " ".join(surface.get(s, s) for s in stem.split(" ")), stem, float(W[ci, j])))
    return pd.DataFrame(rows, columns=["theme", "rank", "term", "stem", "weight"])


def theme_shares(passages: pd.DataFrame, labels, theme_labels: dict | None = None, *,
                 n_themes: int | None = None) -> pd.DataFrame:
    """Each article's share of passages (and of words) per theme.

    ``passages`` holds ``doc_id, n_words`` in the order the ``labels`` (:attr:`ThemeModel.labels_`) were fitted;
    ``theme_labels`` (theme → text) adds a ``label`` column; ``n_themes`` gives rows for themes
    ``0 … n_themes − 1`` (default: the themes among ``labels``).

    Returns
    -------
    DataFrame
        ``doc_id, theme, [label], n_passages, share_passages, share_words``, every article × theme; shares are
        fractions (0–1) of the article's passages / words and sum to 1 per article.
    """
    labels = np.asarray(labels)
    if len(labels) != len(passages):
        raise ValueError(f"{len(labels)} labels for {len(passages)} passages; fit on passages['text'].")
    t = pd.DataFrame({"doc_id": passages["doc_id"].astype(str).to_numpy(), "theme": labels.astype("int64"),
                      "n_words": passages["n_words"].to_numpy()})
    docs = sorted(t["doc_id"].unique())
    themes = sorted(t["theme"].unique()) if n_themes is None else range(int(n_themes))
    full = pd.MultiIndex.from_product([docs, themes], names=["doc_id", "theme"])
    g = t.groupby(["doc_id", "theme"]).agg(n_passages=("theme", "size"), words=("n_words", "sum"))
    g = g.reindex(full, fill_value=0).reset_index()
    g["share_passages"] = g["n_passages"] / g.groupby("doc_id")["n_passages"].transform("sum")
    g["share_words"] = (g["words"] / g.groupby("doc_id")["words"].transform("sum").replace(0, np.nan)).fillna(0.0)
    out = g[["doc_id", "theme", "n_passages", "share_passages", "share_words"]].astype({"n_passages": "int64"})
    if theme_labels is not None:
        out.insert(2, "label", out["theme"].map(theme_labels))
    return out


def passage_map(model: ThemeModel, texts, *, random_state=0) -> pd.DataFrame:
    """2-D coordinates of the passages ``texts`` a ``model`` was fitted on, for a map: seeded randomized
    TruncatedSVD (LSA) of their TF-IDF rows.

    Returns ``x, y`` (component scores, unitless) and ``theme`` per passage; ``.attrs["explained_variance"]``
    holds each axis's share of variance.
    """
    M = model.vectorizer_.transform(_check_texts(texts))
    n_comp = 2 if min(M.shape) > 2 else 1
    svd = TruncatedSVD(n_components=n_comp, algorithm="randomized", n_iter=10, random_state=random_state)
    Y = np.pad(svd.fit_transform(M), ((0, 0), (0, 2 - n_comp)))  # a y of zeros with one component
    Y = np.round(Y, 9) + 0.0  # stable digits; no negative zeros
    out = pd.DataFrame({"x": Y[:, 0], "y": Y[:, 1], "theme": model.labels_})
    out.attrs["explained_variance"] = [float(v) for v in svd.explained_variance_ratio_]
    return out
