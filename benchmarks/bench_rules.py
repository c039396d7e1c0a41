"""What the stance context rules (issue 15) cost: the stance stage with and without them, MB of text per second.

The stage is ``analysis.stance.sentence_stance`` on sentences segmented once, best of REPEATS runs (process time, one
core). Two workloads from a folder of articles (for example a synthetic corpus that ``bench_scale.py`` builds):
the sentences as they are, and the same sentences made repetition-free by a unique made-up last word each. The
rules are applied once per distinct sentence, so on a corpus that repeats its sentences (the synthetic corpora are
seeded draws of the seed articles' lines) they cost little; the repetition-free workload shows what a corpus of
different pages pays. "Without rules" is the same code with an empty rules file.

Usage: .venv/bin/python benchmarks/bench_rules.py FOLDER [REPEATS]
"""
from __future__ import annotations

import string
import sys
import tempfile
import time
from pathlib import Path

import analysis as an
import analysis.rule_finder as rule_finder
from analysis.stance import load_stance_lexicon, sentence_stance


def made_up_word(k: int) -> str:
    """A word no lexicon or rule knows, different for every ``k``."""
    letters = ""
    for _ in range(4):
        k, r = divmod(k, 26)
        letters += "qxzjvwkyfbgh"[r % 12] + string.ascii_lowercase[(r * 7) % 26]
    return letters


def best_time(sentences, lexicon, repeats: int) -> float:
    best = float("inf")
    for _ in range(repeats):
        t0 = time.process_time()
        sentence_stance(sentences, lexicon)
        best = min(best, time.process_time() - t0)
    return best


def main(folder: str, repeats: int = 5) -> None:
    sentences = an.segment(an.load_corpus(folder))
    distinct = sentences.assign(text=[t + " " + made_up_word(k) for k, t in enumerate(sentences["text"])],
                                n_words=sentences["n_words"] + 1)
    lexicon = load_stance_lexicon()
    sentence_stance(sentences.iloc[:300], lexicon)  # warm up: compile the matchers once
    with tempfile.TemporaryDirectory() as tmp:
        empty = Path(tmp) / "no_rules.csv"
        empty.write_text(",".join(rule_finder.COLUMNS) + "\n", encoding="utf-8")
        for name, table in (("as they are", sentences), ("made repetition-free", distinct)):
            mb = table["text"].str.len().sum() / 1e6
            with_rules = best_time(table, lexicon, repeats)
            default, rule_finder.RULES_FILE = rule_finder.RULES_FILE, empty
            try:
                without = best_time(table, lexicon, repeats)
            finally:
                rule_finder.RULES_FILE = default
            print(f"{name:21s} {len(table):,} sentences ({table['text'].nunique():,} distinct), {mb:.2f} MB: "
                  f"stance stage {mb / with_rules:.1f} MB/s with the rules, {mb / without:.1f} MB/s without "
                  f"(+{100 * (with_rules / without - 1):.0f} %)")


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 5)
