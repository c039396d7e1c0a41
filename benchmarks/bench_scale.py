"""Scale benchmark: score synthetic corpora of 1,000 / 10,000 / 50,000 articles on this machine.

The corpus is built deterministically from the seed corpus: each synthetic article is a seeded
random draw (with replacement) of the seed articles' lines (headings, paragraphs, list items,
calls to action...), its length drawn from a log-normal fitted to the seed articles' sizes
(median ~5 KB, clipped to 1-40 KB). Files are written once to a cache folder and reused.

Stages, each timed on one core in this process (CPU time) over the whole corpus in chunks of
``analysis.batch.CHUNK_SIZE`` (500) articles, as ``python -m analysis score`` streams it, after a
start-up that is reported on its own row (building the automata, loading the compiled numba kernels
from their cache: a fixed cost per process, like importing the libraries):

* read        reading and checking the files (:func:`analysis.corpus.iter_corpus`)
* segment     :func:`analysis.segment`
* scan        joining the sentences and finding the stance and concept lexicons' terms in them, in one
              walk (:func:`analysis.lexicon.scan_together`)
* stance      :func:`analysis.stance.sentence_stance` (markers in context, sentence certainty) and the
              article scores without intervals
* bootstrap   the article scores' percentile-bootstrap CIs alone (``--n-boot`` resamples; optional)
* concepts    :func:`analysis.concepts.concept_mentions` + :func:`concept_coverage`
* CSV         formatting the four tables (:func:`analysis.io.csv_rows`)
* themes      passages + assigning each its theme with a model fitted on ``--theme-sample`` articles

then **end to end**: ``score_corpus(themes=True)`` (what ``python -m analysis score --themes`` runs:
all cores, every table written), in a child process, wall time; once with the bootstrap CIs and
once with ``n_boot=0``. Its peak memory is the child's ``ru_maxrss`` plus that of the largest
worker times the number of workers (an upper bound: the workers' peaks need not coincide). The
naive baseline (one regular expression per lexicon term, stance + codebook terms, each run over
every sentence) is timed in the same run on a 1 MB slice and reported per MB.

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
from analysis.concepts import scan_request as concepts_request
from analysis.corpus import iter_corpus
from analysis.io import csv_rows
from analysis.lexicon import join_texts, scan_together
from analysis.batch import CHUNK_SIZE, fit_themes, score_corpus
from analysis.stance import _article_scores, load_stance_lexicon, sentence_stance
from analysis.stance import scan_request as stance_request
from analysis.passages import build_passages

CHUNK = CHUNK_SIZE  # as the score command streams it
STAGES = ("read", "segment", "scan", "stance", "bootstrap", "concepts", "CSV")
#: summary rows: issue 7's scoring target (segmentation + stance + concepts), then with the optional
#: bootstrap intervals, then everything ``score`` does per chunk but themes
SUMS = {"SCORING: segment + stance + concepts": ("segment", "scan", "stance", "concepts"),
        "scoring + bootstrap CIs": ("segment", "scan", "stance", "concepts", "bootstrap"),
        "all stages above": STAGES}


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


def _timed(seconds: dict, stage: str, func, *args, **kwargs):
    t = time.process_time()
    result = func(*args, **kwargs)
    seconds[stage] = seconds.get(stage, 0.0) + time.process_time() - t
    return result


def start_up(lex, cb) -> float:
    """CPU seconds of the one-off start-up of scoring in a process: building the automaton of these lexicons
    and loading (or, after a change, compiling) the numba kernels, measured on one short article."""
    t = time.process_time()
    sentences = an.segment(pd.DataFrame({"doc_id": ["warm-up"], "text": ["Ketamine may help. Call us today!"]}))
    joined = join_texts(sentences["text"].tolist())
    scan_together(joined.prepared, [stance_request(lex), concepts_request(cb)])
    sentence_stance(sentences, lex, joined=joined), concept_mentions(sentences, cb, joined=joined)
    return time.process_time() - t


def stage_times(folder: Path, n_boot: int, model, lex, cb) -> tuple[dict, float, list[str]]:
    """CPU seconds per stage on one core (after :func:`start_up`), MB of text, and a sample of sentences for
    the naive baseline."""
    seconds, mb, sample = {}, 0.0, []
    chunks = iter_corpus(folder, CHUNK)
    while (articles := _timed(seconds, "read", next, chunks, None)) is not None:
        mb += articles["text"].str.len().sum() / 1e6
        sentences = _timed(seconds, "segment", an.segment, articles)
        joined = _timed(seconds, "scan", join_texts, sentences["text"].tolist())  # shared, as score does it
        _timed(seconds, "scan", scan_together, joined.prepared, [stance_request(lex), concepts_request(cb)])
        table, markers = _timed(seconds, "stance", sentence_stance, sentences, lex, joined=joined)
        before = seconds["stance"]
        _timed(seconds, "stance", _article_scores, list(articles["doc_id"]), table, lex, 0, 0, True)
        scores = _timed(seconds, "bootstrap", _article_scores, list(articles["doc_id"]), table, lex, n_boot, 0, True)
        seconds["bootstrap"] -= seconds["stance"] - before  # the intervals alone: the scores were timed as stance
        coverage = _timed(seconds, "concepts", lambda: concept_coverage(
            sentences, cb, mentions=concept_mentions(sentences, cb, joined=joined)))
        _timed(seconds, "CSV", lambda: [csv_rows(t) for t in (table, markers, scores, coverage)])
        _timed(seconds, "themes", lambda: model.predict(build_passages(an.paragraphs(sentences))["text"]))
        if len(sample) < 20000:
            sample += list(sentences["text"][:200])
    return seconds, mb, sample


def _score_child(folder, out, jobs, n_boot, theme_sample, queue) -> None:
    summary = score_corpus(folder, out, n_jobs=jobs, n_boot=n_boot, themes=True, theme_sample=theme_sample,
                           progress=False)
    size = sum(p.stat().st_size for p in Path(out).iterdir()) / 1e6
    queue.put((summary.seconds, summary.n_jobs, size, _rss_mb(), _rss_mb(resource.RUSAGE_CHILDREN)))


def end_to_end(folder: Path, jobs: int | None, n_boot: int, theme_sample: int) -> tuple:
    """Wall seconds, processes, MB written and peak RSS (MB) of ``score_corpus(themes=True)`` in a fresh process."""
    ctx = mp.get_context("spawn")  # a fresh interpreter: its memory is the command's own
    queue = ctx.Queue()
    with tempfile.TemporaryDirectory() as out:
        child = ctx.Process(target=_score_child, args=(folder, out, jobs, n_boot, theme_sample, queue))
        child.start()
        seconds, n_jobs, size, rss_main, rss_worker = queue.get()
        child.join()
    return seconds, n_jobs, size, rss_main + n_jobs * rss_worker


def run(n: int, cache: Path, jobs: int | None, n_boot: int, theme_sample: int) -> list[dict]:
    folder = build_corpus(n, cache / f"corpus_{n}")
    cb, lex = load_codebook(), load_stance_lexicon()
    warm = start_up(lex, cb)
    t = time.process_time()
    model = fit_themes(folder, sample=theme_sample)
    t_fit = time.process_time() - t
    seconds, mb, sample = stage_times(folder, n_boot, model, lex, cb)
    naive = naive_rate(sample)
    rows = [{"N": n, "stage": "start-up, once per process (automata, numba kernels)", "seconds": warm}]
    rows += [{"N": n, "stage": stage, "seconds": seconds[stage], "MB/s per core": mb / seconds[stage]}
             for stage in STAGES]
    for label, stages in SUMS.items():
        total = sum(seconds[s] for s in stages)
        rows.append({"N": n, "stage": f"{label} (1 core)", "seconds": total, "MB/s per core": mb / total,
                     "baseline ratio": mb / total / naive})
    rows.append({"N": n, "stage": f"themes: fit on {min(theme_sample, n):,} articles (k={model.n_themes_})",
                 "seconds": t_fit})
    rows.append({"N": n, "stage": "themes: passages + assign (1 core)", "seconds": seconds["themes"],
                 "MB/s per core": mb / seconds["themes"]})
    for label, boot in (("", n_boot), (", --n-boot 0", 0)):
        wall, n_jobs, size, rss = end_to_end(folder, jobs, boot, theme_sample)
        rows.append({"N": n, "stage": f"END TO END: score --themes{label} ({n_jobs} processes, {size:,.0f} MB CSV)",
                     "seconds": wall, "MB/s": mb / wall, "MB/s per core": mb / wall / n_jobs,
                     "baseline ratio": mb / wall / n_jobs / naive, "peak RSS MB": rss})
    rows.append({"N": n, "stage": "naive baseline (1 regex per term)", "seconds": mb / naive,
                 "MB/s per core": naive, "baseline ratio": 1.0})
    print(f"N={n:,}: {mb:.1f} MB of text", file=sys.stderr)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[1000, 10000, 50000], help="corpus sizes N")
    parser.add_argument("--jobs", type=int, default=None, help="worker processes for the score command (default: all cores)")
    parser.add_argument("--n-boot", type=int, default=2000, help="bootstrap resamples per article")
    parser.add_argument("--theme-sample", type=int, default=2000, help="articles the theme model is fitted on")
    parser.add_argument("--cache", default=os.path.join(tempfile.gettempdir(), "analysis-bench-scale"),
                        help="folder for the synthetic corpora (reused between runs)")
    args = parser.parse_args()
    rows = []
    for n in args.sizes:
        rows += run(n, Path(args.cache), args.jobs, args.n_boot, args.theme_sample)
    table = pd.DataFrame(rows)[["N", "stage", "seconds", "MB/s", "MB/s per core", "baseline ratio", "peak RSS MB"]]
    with pd.option_context("display.width", 200, "display.max_columns", 20, "display.max_colwidth", 80):
        print(table.to_string(index=False, float_format=lambda v: f"{v:,.2f}", na_rep=""))
    e2e = table[table["stage"].str.startswith("END TO END: score --themes (")].set_index("N")["seconds"]
    if len(e2e) > 1:
        ns = np.array(e2e.index, dtype=float)
        slope = np.polyfit(np.log(ns), np.log(e2e.to_numpy()), 1)[0]
        print(f"end-to-end time grows as N^{slope:.2f} over N = {', '.join(f'{int(n):,}' for n in ns)}")
        for a, b in zip(e2e.index[:-1], e2e.index[1:]):
            print(f"  N {a:,} -> {b:,} ({b / a:.0f}x articles): {e2e[b] / e2e[a]:.1f}x time")


if __name__ == "__main__":
    main()
