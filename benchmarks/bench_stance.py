"""Throughput of stance scoring, MB of text per second on one core, against a naive baseline.

The workload is the seed corpus's sentences repeated to about SIZE_MB. The naive baseline is
what one would write first: one regular expression per lexicon term, each run over every text.
(It is timed on a smaller slice, since it is slow, and reported per MB.)

Usage: .venv/bin/python benchmarks/bench_stance.py [SIZE_MB [REPEATS]]
"""
from __future__ import annotations

import re
import statistics
import sys
import time

import analysis as an
from analysis.stance import load_stance_lexicon, score_sentences


def main(size_mb: float = 20.0, repeats: int = 3) -> None:
    sentences = list(an.segment(an.load_corpus())["text"])
    unit = sum(len(s) for s in sentences)
    texts = sentences * max(1, round(size_mb * 1e6 / unit))
    mb = sum(len(t) for t in texts) / 1e6
    score_sentences(texts[:100])  # warm up: compile the lexicon once
    times = []
    for _ in range(repeats):  # the machine is shared: report the median of several runs
        t0 = time.perf_counter()
        table = score_sentences(texts)
        times.append(time.perf_counter() - t0)
    dt = statistics.median(times)
    print(f"stance.score_sentences: {mb:.1f} MB, {len(texts):,} sentences, median of {repeats} runs {dt:.2f} s "
          f"-> {mb / dt:.1f} MB/s (runs: {', '.join(f'{mb / t:.1f}' for t in times)})")

    terms = load_stance_lexicon().entries["term"]
    patterns = [re.compile(r"\b" + re.escape(t.rstrip("*")).replace(r"\ ", r"\s+") + (r"\w*" if t.endswith("*") else r"\b"),
                           re.I) for t in terms]
    sample = texts[: max(1, len(texts) // 50)]
    smb = sum(len(t) for t in sample) / 1e6
    t0 = time.perf_counter()
    naive = sum(len(p.findall(t)) for t in sample for p in patterns)
    ndt = time.perf_counter() - t0
    print(f"naive (one regex per term, {len(patterns)} terms): {smb:.2f} MB in {ndt:.2f} s -> {smb / ndt:.2f} MB/s")
    print(f"speed-up: {(mb / dt) / (smb / ndt):.0f}x; markers counted: {int(table[['hedges', 'boosters', 'promotion']].to_numpy().sum()):,}"
          f" (naive raw hits on its slice: {naive:,})")


if __name__ == "__main__":
    main(float(sys.argv[1]) if len(sys.argv) > 1 else 20.0, int(sys.argv[2]) if len(sys.argv) > 2 else 3)
