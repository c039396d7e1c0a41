"""What each context rule contributes on coded sentences: the change in agreement with the coder when it is left out.

For each rule of ``src/analysis/data/lexicons/stance_rules.csv``, the coded sentences of the files given (the
coding format of ``python -m analysis validate``; part ``--split``, default ``tune``) are scored again with every
rule but that one. Per category (promotion, hedge, claim, as ``analysis.agreement.scorer_flags`` maps the
scorer to the codes) the table gives how the true flags, false flags and misses change without the rule:
``-3/+0/+3`` under claim means that without it 3 true claims are lost and missed (the rule finds them),
``+0/+4/+0`` that 4 false flags appear (the rule removes them). ``net`` sums over the categories the true flags
the rule gains and the false flags it avoids, minus the true flags it loses and the false flags it makes: above 0
it helps on these sentences. Empty cells: no change. Rules are written on the tune part; run it on ``--split
report`` to see whether each one's effect carries over to sentences it was not written on (reading, not tuning:
change no rule by that figure).

Usage: .venv/bin/python scripts/rule_ablation.py [--split tune|report|all] FILE [FILE ...] [> table.csv]
Prints a CSV (rule, kind, one column per category, net, files whose flags change), one row per rule.
"""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd

import analysis.rule_finder as rule_finder
from analysis.agreement import read_coding, scorer_flags
from analysis.rule_finder import load_rules
from analysis.stance import score_sentences

CATEGORIES = {"promotion": "promo", "hedge": "hedge", "claim": "claim"}


def coded_sentences(files: list[str], split: str) -> pd.DataFrame:
    """The coded sentences of ``files`` in part ``split`` (``all``: every row, also of files with no split), with a
    ``file`` column."""
    tables = []
    for f in files:
        t = read_coding(f)
        tables.append((t if split == "all" else t[t["part"] == split]).assign(file=Path(f).name))
    return pd.concat(tables, ignore_index=True)


def counts(coded: pd.DataFrame, flags: pd.DataFrame) -> dict[str, np.ndarray]:
    """Per category: true flags, false flags and misses against the coder."""
    out = {}
    for category, column in CATEGORIES.items():
        y, p = coded[column].to_numpy() > 0, flags[category].to_numpy(dtype=bool)
        out[category] = np.array([(y & p).sum(), (~y & p).sum(), (y & ~p).sum()])
    return out


def ablation(coded: pd.DataFrame, rules_file: Path | None = None) -> pd.DataFrame:
    """One row per rule of ``rules_file`` (default: the package's): the changes without it (module docstring)."""
    rules_file = Path(rules_file or rule_finder.RULES_FILE)
    lines = rules_file.read_text(encoding="utf-8").split("\n")
    texts = coded["sentence"].tolist()
    base_flags = scorer_flags(score_sentences(texts))
    base = counts(coded, base_flags)
    rows = []
    default = rule_finder.RULES_FILE
    with tempfile.TemporaryDirectory() as tmp:
        try:
            for k, rule in enumerate(load_rules(rules_file)):
                without = Path(tmp) / f"without_{k}.csv"  # a new file each time: the rules are cached by path
                without.write_text("\n".join(line for line in lines if not line.startswith(rule.name + ",")),
                                   encoding="utf-8")
                rule_finder.RULES_FILE = without
                flags = scorer_flags(score_sentences(texts))
                row, net = {"rule": rule.name, "kind": rule.kind}, 0
                for category, (tp, fp, fn) in counts(coded, flags).items():
                    d_tp, d_fp, d_fn = tp - base[category][0], fp - base[category][1], fn - base[category][2]
                    row[category] = f"{d_tp:+d}/{d_fp:+d}/{d_fn:+d}" if (d_tp or d_fp or d_fn) else ""
                    net += d_fp - d_tp  # without the rule: false flags gained minus true flags lost
                changed = (flags[list(CATEGORIES)] != base_flags[list(CATEGORIES)]).any(axis=1).to_numpy()
                rows.append({**row, "net": net, "files": " ".join(sorted(coded.loc[changed, "file"].unique()))})
        finally:
            rule_finder.RULES_FILE = default
    return pd.DataFrame(rows)


def main(argv: list[str]) -> int:
    split = "tune"
    if "--split" in argv:
        i = argv.index("--split")
        split, argv = argv[i + 1], argv[:i] + argv[i + 2:]
    if split not in ("tune", "report", "all") or not argv:
        print(__doc__, file=sys.stderr)
        return 2
    try:
        coded = coded_sentences(argv, split)
    except ValueError as error:  # read_coding names the file and what is wrong with it
        print(f"rule_ablation: {error}", file=sys.stderr)
        return 2
    table = ablation(coded)
    idle = (table[list(CATEGORIES)] == "").all(axis=1)
    print(f"# {len(coded)} {split} sentences of {len(argv)} file(s); {int(idle.sum())} of {len(table)} rules change "
          f"no flag here; cells: change in true flags/false flags/misses without the rule")
    table.to_csv(sys.stdout, index=False)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
