"""Benchmark: vectorize and cluster 50,000 synthetic passages (target: under 60 s on 2 cores).

Usage::

    .venv/bin/python benchmarks/bench_themes.py [--n 50000] [--k 6] [--baseline]

Prints wall time per stage and the peak resident memory (``resource.getrusage``,
``ru_maxrss``) of the process. The optimised path is what :class:`analysis.ThemeModel`
does: stems cached per distinct word, LSA to 10 dimensions, k-means (mini-batch above
10,000 passages), silhouette on a 3,000-passage sample. ``--baseline`` also times the
un-optimised path in the same run on the same passages: every token stemmed afresh and
full-batch k-means with ``n_init=10`` on the raw sparse TF-IDF matrix (one seed, fixed k).
"""
from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

import re

from nltk.stem import SnowballStemmer
from sklearn.cluster import KMeans
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS
from sklearn.metrics import adjusted_rand_score

from analysis.themes import ThemeModel
from analysis.tokens import WORD_RE
from analysis.vectorize import make_vectorizer, stem

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))  # the test-data generator
from synthetic import synthetic_passages  # noqa: E402


def _peak_mb() -> float:
    kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # kilobytes on Linux
    return kb / 1024 if sys.platform != "darwin" else kb / 1024 / 1024


class UncachedStems:
    """The tokenizer of :func:`analysis.make_vectorizer` with every token stemmed afresh (the un-optimised path)."""

    stemmer, letter = SnowballStemmer("english"), re.compile(r"[^\W\d_]")

    def __call__(self, text: str) -> list[str]:
        words = (w.replace("’", "'") for w in WORD_RE.findall(text.lower()))
        return [self.stemmer.stem(w) for w in words if w not in ENGLISH_STOP_WORDS and self.letter.search(w)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=50_000, help="number of passages")
    parser.add_argument("--k", type=int, default=6, help="planted themes")
    parser.add_argument("--baseline", action="store_true", help="also time the un-optimised path")
    args = parser.parse_args()

    t0 = time.perf_counter()
    data = synthetic_passages(args.n, args.k, n_docs=50, words_per_passage=50, theme_vocab=300,
                              shared_vocab=3000, random_state=0)
    texts = data["text"].tolist()
    n_tokens = int(data["n_words"].sum())
    print(f"{args.n:,} passages, {n_tokens:,} tokens, generated in {time.perf_counter() - t0:.1f} s")

    stem.cache_clear()
    t = time.perf_counter()
    X = make_vectorizer(min_df=2).fit_transform(texts)
    t_vec = time.perf_counter() - t
    print(f"vectorize (cached stems): {t_vec:6.1f} s  matrix {X.shape[0]:,} x {X.shape[1]:,}, "
          f"{stem.cache_info().currsize:,} distinct words stemmed once")

    # the full model: vectorize + LSA + k chosen over 4 values x 10 seeds (stability by ARI)
    stem.cache_clear()
    t = time.perf_counter()
    model = ThemeModel(k_range=range(args.k - 2, args.k + 2), n_seeds=10, random_state=0).fit(texts)
    t_model = time.perf_counter() - t
    ari = adjusted_rand_score(data["theme_true"], model.labels_)
    print(f"ThemeModel.fit (vectorize + LSA + k in {args.k - 2}..{args.k + 1} x 10 seeds): {t_model:6.1f} s  "
          f"k={model.n_themes_}, stability ARI={model.stability_:.3f}, ARI vs planted={ari:.3f}")
    print(f"peak memory (ru_maxrss) after optimised path: {_peak_mb():,.0f} MB")

    if args.baseline:
        vec = make_vectorizer(min_df=2).set_params(counts__tokenizer=UncachedStems())
        t = time.perf_counter()
        Xb = vec.fit_transform(texts)
        t_vec_b = time.perf_counter() - t
        print(f"baseline vectorize (uncached stems): {t_vec_b:6.1f} s  ({t_vec_b / t_vec:.1f}x slower)")
        t = time.perf_counter()
        km = KMeans(n_clusters=args.k, n_init=10, random_state=0).fit(Xb)
        t_km = time.perf_counter() - t
        print(f"baseline full k-means on sparse TF-IDF, one k, one seed, n_init=10: {t_km:6.1f} s  "
              f"ARI vs planted={adjusted_rand_score(data['theme_true'], km.labels_):.3f}")
        print(f"baseline total for ONE fit (no k selection, no stability): {t_vec_b + t_km:6.1f} s")
        print(f"peak memory (ru_maxrss) after baseline: {_peak_mb():,.0f} MB")


if __name__ == "__main__":
    main()
