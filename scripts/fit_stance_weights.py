"""Fit the certainty weights (src/analysis/data/stance_weights.csv) on the TRAIN split only.

One weight per feature of analysis.stance.sentence_features (hedge subtypes, boosters, "can",
promotion, caveats, calls to action, negated markers, claim), sign-constrained ridge
(analysis.validation.fit_certainty_weights). Data: Pei & Jurgens (2021) sentence certainty
ratings, 1-6. The val split is never read here; `python -m analysis validate FILE --split val`
reports on it.

Usage: .venv/bin/python scripts/fit_stance_weights.py [PATH_TO_JSONL]
"""
from __future__ import annotations

import sys
from pathlib import Path

from analysis.io import write_csv
from analysis.paths import DATA_DIR, PROJECT_ROOT
from analysis.validation import fit_certainty_weights, read_labelled

DEFAULT = PROJECT_ROOT.parent / "shared" / "data" / "validation" / "certainty_pei_jurgens_2021_dev.jsonl"


def main(argv: list[str]) -> int:
    source = Path(argv[0]) if argv else DEFAULT
    train = read_labelled(source, split="train")
    weights = fit_certainty_weights(train["text"], train["certainty"], alpha=1.0)
    out = write_csv(weights, DATA_DIR / "stance_weights.csv")
    print(f"fitted on {len(train)} train sentences of {source.name} -> {out}")
    print(weights.to_string(index=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
