"""Fit the certainty weights (src/analysis/data/stance_weights.csv) on the TRAIN split only.

One weight per feature of analysis.certainty.sentence_features (analysis.certainty.FEATURES),
sign-constrained ridge (analysis.validation.fit_certainty_weights). Data: Pei & Jurgens (2021) sentence certainty
ratings, 1-6, plus the ``tune`` part of the coded development sentences (stance_coding_dev.csv,
coded certainty 1-6 on the same scale; 0 = no claim is left out) so that boosters and promotion,
rare in Pei & Jurgens' science news, get weight from clinic copy. The val split and the coded
``report`` part are never read here; `python -m analysis validate FILE --split val|report` reports on them.
Before fitting, the script prints a 5-fold cross-validation on the same rows (the estimate of generalization to
look at while choosing features; the sentences of one seed article stay in one fold).

Usage: .venv/bin/python scripts/fit_stance_weights.py [PATH_TO_JSONL]
"""
from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd
from scipy.stats import pearsonr, spearmanr

from analysis.agreement import read_coding
from analysis.io import write_csv
from analysis.paths import DATA_DIR, PROJECT_ROOT
from analysis.validation import cross_validate_certainty, fit_certainty_weights, read_labelled

SHARED = PROJECT_ROOT.parent / "shared" / "data" / "validation"
DEFAULT = SHARED / "certainty_pei_jurgens_2021_dev.jsonl"
CODED = SHARED / "stance_coding_dev.csv"


def main(argv: list[str]) -> int:
    source = Path(argv[0]) if argv else DEFAULT
    train = read_labelled(source, split="train")[["text", "certainty"]]
    coded = read_coding(CODED)
    tune = coded[(coded["part"] == "tune") & (coded["certainty"] >= 1)]
    assert not (tune["part"] == "report").any()
    both = pd.concat([train, pd.DataFrame({"text": tune["sentence"], "certainty": tune["certainty"]})],
                     ignore_index=True)
    groups = [f"pj{i}" for i in range(len(train))] + [d if s == "seed" else i for d, s, i in
                                                       zip(tune["doc"], tune["source"], tune["id"])]
    pj = np.arange(len(both)) < len(train)
    for seed in (0, 1, 2):
        cv = cross_validate_certainty(both["text"], both["certainty"], groups, k=5, seed=seed)
        y = both["certainty"].to_numpy(dtype=float)
        print(f"5-fold CV (seed {seed}): Pearson r {pearsonr(cv[pj], y[pj])[0]:.4f} on {source.name} train, "
              f"Spearman r {spearmanr(cv[~pj], y[~pj])[0]:.4f} on the tune part")
    weights = fit_certainty_weights(both["text"], both["certainty"], alpha=1.0)
    out = write_csv(weights, DATA_DIR / "stance_weights.csv")
    print(f"fitted on {len(train)} train sentences of {source.name} + {len(tune)} tune sentences of "
          f"{CODED.name} -> {out}")
    print(weights.to_string(index=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
