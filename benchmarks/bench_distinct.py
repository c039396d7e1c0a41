"""Scoring speed on distinct real sentences, this commit against a baseline: what a corpus of different pages pays.

The scale benchmark's corpora repeat their sentences (every line is drawn from the five seed articles) and scoring
scores each distinct sentence once, so its scoring rows measure a corpus as repetitive as that. This corpus is made
of real sentences that share little: those of the shared validation files (Pei & Jurgens 2021, Yu et al. 2020, the
coded development sentences, read from ``../shared/data/validation``) and of the project's coded files in
``tests/data``, each given a made-up last word so that no sentence repeats, cycled to SENTENCES sentences in articles
of 30. Scoring is what the scale benchmark's ``NO REPEATS`` row counts: segment, stance, article scores without
intervals, concepts; CPU seconds on one core, best of REPEATS runs after a warm-up run, in a child process per
commit (the baseline a git worktree, as for ``bench_scale.py``), the two commits in turn ROUNDS times with a probe
of the machine's speed before each (seconds of a fixed Python loop: larger = slower machine just then).

Usage: .venv/bin/python benchmarks/bench_distinct.py [--baseline REV] [--rounds 3] [--repeats 5] [--sentences 17600]
"""
from __future__ import annotations

import argparse
import csv
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import analysis
import baseline
from bench_ab import probe
from bench_rules import made_up_word

SHARED = Path(analysis.__file__).resolve().parents[2].parent / "shared" / "data" / "validation"
TESTS_DATA = Path(analysis.__file__).resolve().parents[2] / "tests" / "data"

# run in the child, with the library of one commit first on PYTHONPATH: print MB and best CPU seconds as JSON
_SCORE = """
import json, time
import analysis as an
from analysis.codebook import load_codebook
from analysis.concepts import concept_coverage, concept_mentions
from analysis.stance import article_scores, load_stance_lexicon, sentence_stance
assert an.__file__.startswith({src!r}), an.__file__
articles = an.load_corpus({corpus!r})
lex, cb = load_stance_lexicon(), load_codebook()
def once():
    start = time.process_time()
    sentences = an.segment(articles)
    table, _ = sentence_stance(sentences, lex)
    article_scores([str(d) for d in articles["doc_id"]], table, lex, n_boot=0, seed_per_article=True)
    concept_coverage(sentences, cb, mentions=concept_mentions(sentences, cb))
    return time.process_time() - start
once()
mb = float(articles["text"].str.len().sum() / 1e6)
print(json.dumps({{"mb": mb, "best": min(once() for _ in range({repeats}))}}))
"""


def real_sentences() -> list[str]:
    """The distinct sentences of the shared validation files and the coded files of ``tests/data``, in file order."""
    missing = [p for p in (SHARED, TESTS_DATA) if not p.is_dir()]
    if missing:
        raise SystemExit(f"bench_distinct: {missing[0]} not found (the shared data sit beside the project).")
    with (SHARED / "certainty_pei_jurgens_2021_dev.jsonl").open(encoding="utf-8") as f:
        found = [json.loads(line)["text"] for line in f]
    for path in [SHARED / "claim_strength_yu_2020_pubmed_dev.csv", SHARED / "stance_coding_dev.csv",
                 *sorted(TESTS_DATA.glob("coded_*.csv"))]:
        with path.open(encoding="utf-8", newline="") as f:
            rows = csv.DictReader(line for line in f if not line.startswith("#"))
            found += [row.get("text") or row.get("sentence") or "" for row in rows]
    texts = (" ".join(t.split()).rstrip(".") for t in found)
    return list(dict.fromkeys(t for t in texts if len(t) > 20))


def build_corpus(folder: Path, n: int) -> Path:
    """``n`` sentences (:func:`real_sentences` cycled, each with its own made-up last word) as articles of 30."""
    pool = real_sentences()
    sentences = [f"{pool[k % len(pool)]} {made_up_word(k)}." for k in range(n)]
    for a in range(0, n, 30):
        (folder / f"a{a // 30:05d}.txt").write_text(f"Article {a // 30}\n\n" + " ".join(sentences[a:a + 30]) + "\n",
                                                   encoding="utf-8")
    return folder


def score(src: Path, corpus: Path, repeats: int) -> dict:
    """MB of text and best CPU seconds of scoring ``corpus`` with the library in ``src`` (a child process)."""
    code = _SCORE.format(src=str(src), corpus=str(corpus), repeats=repeats)
    done = subprocess.run([sys.executable, "-c", code], check=True, env=baseline.env_with(src), capture_output=True,
                          text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--baseline", default="HEAD~1", help="commit to compare with (default HEAD~1; 'none': skip)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--sentences", type=int, default=17_600)
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "analysis-bench-scale",
                        help="folder for the baseline's worktree (shared with bench_scale.py)")
    args = parser.parse_args()
    this = Path(analysis.__file__).resolve().parents[1]
    sources = {"this": this}
    if args.baseline.lower() != "none":
        sources["baseline"] = baseline.worktree(args.baseline, args.cache) / "src"
        baseline.warm(sources["baseline"])
    with tempfile.TemporaryDirectory() as tmp:
        corpus = build_corpus(Path(tmp), args.sentences)
        print(f"{args.sentences:,} distinct real sentences in {len(list(corpus.iterdir())):,} articles; this: "
              f"{baseline.describe(this.parent)}" + (f", baseline: {args.baseline}" if len(sources) > 1 else ""))
        speeds = {name: [] for name in sources}
        for round_ in range(1, args.rounds + 1):
            for name, src in sources.items():
                p = probe()
                got = score(src, corpus, args.repeats)
                speeds[name].append(got["mb"] / got["best"])
                print(f"round {round_} {name:8} {got['mb']:.2f} MB in {got['best']:.3f} s CPU: "
                      f"{speeds[name][-1]:.2f} MB/s per core   (probe {p:.2f} s)", flush=True)
    medians = {name: statistics.median(s) for name, s in speeds.items()}
    line = "median: " + ", ".join(f"{name} {m:.2f} MB/s per core" for name, m in medians.items())
    if "baseline" in medians:
        line += f"; this ÷ baseline speed {medians['this'] / medians['baseline']:.2f}"
    print(line + " (the issue's target: 8 MB/s per core)")


if __name__ == "__main__":
    main()
