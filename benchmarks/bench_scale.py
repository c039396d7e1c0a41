"""Scale benchmark: score synthetic corpora of 1,000 / 10,000 / 50,000 articles on this machine.

The corpus is built deterministically from the seed corpus: each synthetic article is a seeded
random draw (with replacement) of the seed articles' lines (headings, paragraphs, list items,
calls to action...), its length drawn from a log-normal fitted to the seed articles' sizes
(median ~5 KB, clipped to 1-40 KB). Files are written once to a cache folder and reused.

Stages, each timed on one core in this process over the whole corpus in chunks (as
``python -m analysis score`` streams it):

* load + segment   ``iter_corpus`` + :func:`analysis.segment`
* stance           :func:`analysis.stance.sentence_stance` + article scores (bootstrap CIs, ``--n-boot``)
* concepts         :func:`analysis.concepts.concept_mentions` + :func:`concept_coverage`
* themes           paragraphs -> passages -> :class:`analysis.ThemeModel` fitted on a seeded sample of
                   ``--theme-sample`` passages, then every passage assigned (``predict``, all cores)

then **end to end**: :func:`analysis.score.score_corpus` (all cores, CSVs written) + the themes
stage, wall time. Peak resident memory is ``ru_maxrss`` of this process and of its worker
processes. The naive baseline (one regular expression per lexicon term, stance + codebook
terms, each run over every sentence) is timed in the same run on a 1 MB slice and reported per MB.

Usage::

    .venv/bin/python benchmarks/bench_scale.py [N ...] [--jobs 2] [--n-boot 2000] [--cache DIR]
"""
from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import re
import resource
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

import analysis as an
from analysis.concepts import concept_coverage, concept_mentions, load_codebook
from analysis.corpus import iter_corpus
from analysis.score import score_corpus
from analysis.stance import _article_scores, load_stance_lexicon, sentence_stance
from analysis.themes import ThemeModel, build_passages

CHUNK = 500
_MODEL = None


def _predict(texts: list[str]) -> np.ndarray:
    return _MODEL.predict(texts)


def _rss_mb(who=resource.RUSAGE_SELF) -> float:
    kb = resource.getrusage(who).ru_maxrss
    return kb / 1024 if sys.platform != "darwin" else kb / 1024 / 1024


def build_corpus(n: int, folder: Path, seed: int = 0) -> Path:
    """Write ``n`` synthetic articles to ``folder`` (reused when already complete)."""
    done = folder / ".complete"
    if done.exists():
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    seed_texts = list(an.load_corpus()["text"])
    lines = [l for t in seed_texts for l in t.split("\n") if l.strip()]
    sizes = np.log([len(t) for t in seed_texts])
    rng = np.random.default_rng(seed)
    lengths = np.clip(np.exp(rng.normal(sizes.mean(), max(sizes.std(), 0.3), n)), 1000, 40000)
    for i, target in enumerate(lengths):
        out, size = [], 0
        while size < target:
            line = lines[rng.integers(len(lines))]
            out.append(line)
            size += len(line) + 1
        (folder / f"a{i:06d}.txt").write_text("\n".join(out) + "\n", encoding="utf-8")
    done.write_text("ok")
    return folder


def naive_rate(sentences: list[str], mb_target: float = 1.0) -> float:
    """MB/s of one regular expression per lexicon term (stance lexicon + codebook patterns)."""
    terms = list(load_stance_lexicon().entries["term"]) + list(load_codebook().patterns["term"])
    patterns = [re.compile(r"\b" + re.escape(t.rstrip("*")).replace(r"\ ", r"\s+") + (r"\w*" if t.endswith("*") else r"\b"),
                           re.I) for t in terms]
    sample, size = [], 0
    for s in sentences:
        if size >= mb_target * 1e6:
            break
        sample.append(s)
        size += len(s)
    t0 = time.perf_counter()
    sum(len(p.findall(s)) for s in sample for p in patterns)
    return size / 1e6 / (time.perf_counter() - t0)


def run(n: int, cache: Path, jobs: int, n_boot: int, theme_sample: int) -> list[dict]:
    folder = build_corpus(n, cache / f"corpus_{n}")
    rows, mb = [], 0.0
    t_seg = t_stance = t_concepts = 0.0
    cb, lex = load_codebook(), load_stance_lexicon()
    passage_texts, naive_sents, t_passages = [], [], 0.0
    chunks = iter_corpus(folder, CHUNK)
    while True:
        t = time.perf_counter()
        articles = next(chunks, None)
        if articles is None:
            break
        sentences = an.segment(articles)
        t_seg += time.perf_counter() - t
        mb += articles["text"].str.len().sum() / 1e6
        t = time.perf_counter()
        table, _ = sentence_stance(sentences, lex)
        _article_scores(list(articles["doc_id"]), table, lex, n_boot, 0, True)
        t_stance += time.perf_counter() - t
        t = time.perf_counter()
        concept_coverage(sentences, cb, mentions=concept_mentions(sentences, cb))
        t_concepts += time.perf_counter() - t
        t = time.perf_counter()
        passage_texts += build_passages(an.paragraphs(sentences))["text"].tolist()  # only the texts are kept
        t_passages += time.perf_counter() - t
        if len(naive_sents) < 20000:
            naive_sents += list(sentences["text"][:200])
    # themes: passages of every article (built per chunk above); fit on a seeded sample, assign all
    texts = passage_texts
    t = time.perf_counter()
    rng = np.random.default_rng(0)
    sample = np.sort(rng.choice(len(texts), size=min(theme_sample, len(texts)), replace=False))
    model = ThemeModel(k_range=range(4, 8), n_seeds=10, random_state=0).fit([texts[i] for i in sample])
    t_fit = time.perf_counter() - t
    t = time.perf_counter()
    global _MODEL
    _MODEL = model
    parts = [texts[i:i + 20000] for i in range(0, len(texts), 20000)]
    with mp.get_context("fork").Pool(jobs or os.cpu_count()) as pool:  # workers inherit the fitted model
        labels = np.concatenate(pool.map(_predict, parts))
    t_themes = t_passages + t_fit + time.perf_counter() - t
    naive = naive_rate(naive_sents)
    for stage, sec in (("load + segment", t_seg), ("stance", t_stance), ("concepts", t_concepts)):
        rows.append({"N": n, "stage": stage, "seconds": sec, "MB/s": mb / sec, "MB/s per core": mb / sec})
    scoring = t_seg + t_stance + t_concepts
    rows.append({"N": n, "stage": "scoring (1 core)", "seconds": scoring, "MB/s": mb / scoring,
                 "MB/s per core": mb / scoring, "baseline ratio": (mb / scoring) / naive})
    rows.append({"N": n, "stage": f"themes ({len(texts):,} passages, k={model.n_themes_}; fit {t_fit:.0f} s)",
                 "seconds": t_themes, "MB/s": mb / t_themes})
    rss_self = _rss_mb()
    # end to end: the score command on all cores (CSV files written), then themes
    with tempfile.TemporaryDirectory() as out:
        t = time.perf_counter()
        summary = score_corpus(folder, out, n_jobs=jobs, n_boot=n_boot, progress=False)
        t_score = time.perf_counter() - t
        sizes = sum(p.stat().st_size for p in Path(out).iterdir()) / 1e6
    rows.append({"N": n, "stage": f"score command ({summary.n_jobs} processes, {sizes:,.0f} MB CSV)",
                 "seconds": t_score, "MB/s": mb / t_score, "MB/s per core": mb / t_score / summary.n_jobs,
                 "baseline ratio": (mb / t_score / summary.n_jobs) / naive,
                 "peak RSS MB": _rss_mb(resource.RUSAGE_CHILDREN)})
    rows.append({"N": n, "stage": "end to end (score command + themes)", "seconds": t_score + t_themes,
                 "MB/s": mb / (t_score + t_themes), "peak RSS MB": rss_self})
    rows.append({"N": n, "stage": "naive baseline (1 regex per term)", "seconds": mb / naive, "MB/s": naive,
                 "MB/s per core": naive, "baseline ratio": 1.0})
    print(f"N={n:,}: {mb:.1f} MB of text, {summary.n_sentences:,} sentences, {summary.n_markers:,} markers, "
          f"themes on {len(sample):,} of {len(texts):,} passages (labels for all: {len(labels):,})", file=sys.stderr)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[1000, 10000, 50000], help="corpus sizes N")
    parser.add_argument("--jobs", type=int, default=None, help="worker processes for the score command (default: all cores)")
    parser.add_argument("--n-boot", type=int, default=2000, help="bootstrap resamples per article")
    parser.add_argument("--theme-sample", type=int, default=20000, help="passages the theme model is fitted on")
    parser.add_argument("--cache", default=os.path.join(tempfile.gettempdir(), "analysis-bench-scale"),
                        help="folder for the synthetic corpora (reused between runs)")
    args = parser.parse_args()
    rows = []
    for n in args.sizes:
        rows += run(n, Path(args.cache), args.jobs, args.n_boot, args.theme_sample)
    table = pd.DataFrame(rows)
    with pd.option_context("display.width", 200, "display.max_columns", 20):
        print(table.to_string(index=False, float_format=lambda v: f"{v:,.2f}", na_rep=""))
    e2e = table[table["stage"].str.startswith("end to end")].set_index("N")["seconds"]
    if len(e2e) > 1:
        ns = np.array(e2e.index, dtype=float)
        slope = np.polyfit(np.log(ns), np.log(e2e.to_numpy()), 1)[0]
        print(f"end-to-end time grows as N^{slope:.2f} over N = {', '.join(f'{int(n):,}' for n in ns)}")
        for a, b in zip(e2e.index[:-1], e2e.index[1:]):
            print(f"  N {a:,} -> {b:,} ({b / a:.0f}x articles): {e2e[b] / e2e[a]:.1f}x time")


if __name__ == "__main__":
    main()
