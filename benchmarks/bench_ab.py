"""End to end, this commit against the baseline, in alternating runs: what the scale benchmark's end-to-end rows
cannot separate from the machine's drift.

``bench_scale.py`` times this commit, then the baseline some ten minutes later; on a shared machine the speed drifts
by more than the difference between the two (its two identical 50,000-article runs have differed by 28 s in one
run). Here both run the same command, ``python -m analysis score CORPUS --themes`` (all tables written, wall time
of the whole process, start-up included), one after the other, ``--rounds`` times, on the scale benchmark's cached
synthetic corpus. Each run is printed with a machine probe (seconds for a fixed pure-Python loop, measured just
before it: a slower machine shows a larger probe), then the median of each commit and their ratio.

Usage::

    .venv/bin/python benchmarks/bench_ab.py 50000 [--rounds 3] [--jobs 2] [--baseline 3bb788d]
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import analysis
import baseline


def probe() -> float:
    """Seconds to sum 10**7 squares in pure Python: a scale for how fast this machine is just now."""
    start = time.perf_counter()
    sum(i * i for i in range(10**7))
    return time.perf_counter() - start


def score_seconds(src: Path, corpus: Path, jobs: int | None) -> float:
    """Wall seconds of ``python -m analysis score --themes`` with the package in ``src``."""
    with tempfile.TemporaryDirectory() as out:
        command = [sys.executable, "-m", "analysis", "score", str(corpus), "--out", out, "--themes", "--no-progress"]
        command += ["--jobs", str(jobs)] if jobs else []
        start = time.perf_counter()
        subprocess.run(command, env=baseline.env_with(src), check=True, stdout=subprocess.DEVNULL)
        return time.perf_counter() - start


def alternate(corpus: Path, sources: dict[str, Path], rounds: int, jobs: int | None) -> dict[str, list[float]]:
    """Wall seconds of each source's ``score --themes`` (:func:`score_seconds`), the sources in turn, ``rounds``
    times; each run is printed as it ends, with the probe taken just before it, then the medians and their ratio."""
    walls = {name: [] for name in sources}
    for round_ in range(1, rounds + 1):
        for name, src in sources.items():
            p = probe()
            walls[name].append(score_seconds(src, corpus, jobs))
            print(f"round {round_} {name:8} {walls[name][-1]:7.1f} s   (probe {p:.2f} s)", flush=True)
    (a, first), (b, second) = [(name, statistics.median(w)) for name, w in walls.items()]
    print(f"median: {a} {first:.1f} s, {b} {second:.1f} s; {a} ÷ {b} speed {second / first:.2f}")
    return walls


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("size", type=int, help="corpus size N (the scale benchmark's synthetic corpus)")
    parser.add_argument("--rounds", type=int, default=3, help="runs of each commit, alternating")
    parser.add_argument("--jobs", type=int, default=None, help="worker processes (default: all cores)")
    parser.add_argument("--baseline", default="3bb788d", help="commit to compare with")
    parser.add_argument("--cache", default=os.path.join(tempfile.gettempdir(), "analysis-bench-scale"))
    args = parser.parse_args()
    from bench_scale import build_corpus  # here: bench_scale imports this module

    cache = Path(args.cache)
    corpus = build_corpus(args.size, cache / f"corpus_{args.size}")
    this_src = Path(analysis.__file__).parent.parent
    sources = {"this": this_src, "baseline": baseline.worktree(args.baseline, cache) / "src"}
    for src in sources.values():
        baseline.warm(src)  # numba compiles and caches the kernels once, outside the timings
    print(f"N={args.size:,}, {args.jobs or os.cpu_count()} processes; this commit {baseline.describe(this_src / 'analysis')}"
          f", baseline {args.baseline}")
    alternate(corpus, sources, args.rounds, args.jobs)


if __name__ == "__main__":
    main()
