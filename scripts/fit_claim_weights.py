"""Fit the claim model's weights (src/analysis/data/claim_weights.csv) on the TUNE part only, and estimate
how well it generalises by grouped cross-validation on that part.

Data: the ``tune`` part of the coded development sentences (stance_coding_dev.csv, column ``claim``
coded against the codebook, split by document in src/analysis/data/validation_split.csv). The
``report`` part is never read here; ``python -m analysis validate FILE --split report`` reports on it.

Model: logistic regression (L2, C below) on the 0/1 features of analysis.claims.FEATURES, fitted on
the tune sentences that no ``not_claim`` rule or acting marker rules out (those are no claim whatever
the weights). Decision as in the package: not ruled out, and log-odds >= 0 or a ``claim`` rule matches.

Cross-validation (printed, nothing written): leave one document out (each seed article is one
document; each PubMed or press-release sentence is its own) and leave one source out (seed,
abstract, press), pooled precision, recall and F1 of the held-out decisions, beside the fit on all
of tune scored on tune (optimistic).

The Yu et al. (2020) claim-strength file is not used: its labels grade how causal any stated relation
is (risk factors and exposures included), not whether an intervention's effect is asserted, and all
80 coded PubMed sentences, report part included, come from it.

Usage: .venv/bin/python scripts/fit_claim_weights.py [--cv-only] [--c C]
"""
from __future__ import annotations

import sys

import numpy as np
import pandas as pd
from sklearn.linear_model import LogisticRegression

from analysis.agreement import read_coding
from analysis.claims import FEATURES, WEIGHTS_FILE, claim_table
from analysis.io import write_csv
from analysis.paths import PROJECT_ROOT

CODED = PROJECT_ROOT.parent / "shared" / "data" / "validation" / "stance_coding_dev.csv"
C = 1.0


def fit(features: pd.DataFrame, y: np.ndarray, c: float) -> pd.Series:
    """Weights (intercept first) of an L2 logistic regression, in log-odds units."""
    model = LogisticRegression(C=c, max_iter=1000).fit(features[FEATURES].to_numpy(dtype=float), y)
    return pd.Series(np.r_[model.intercept_, model.coef_[0]], index=["intercept"] + FEATURES)


def decide(table: pd.DataFrame, weights: pd.Series) -> np.ndarray:
    log_odds = weights["intercept"] + table[FEATURES].to_numpy(dtype=float) @ weights[FEATURES].to_numpy()
    return (table["not_claim"].to_numpy() == "") & ((log_odds >= 0) | (table["claim_rule"].to_numpy() != ""))


def prf(y: np.ndarray, p: np.ndarray) -> str:
    tp, fp, fn = int((y & p).sum()), int((~y & p).sum()), int((y & ~p).sum())
    precision, recall = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
    f1 = 2 * precision * recall / max(precision + recall, 1e-9)
    return f"P {precision:.3f} R {recall:.3f} F1 {f1:.3f} (tp {tp}, fp {fp}, fn {fn})"


def cross_validate(table: pd.DataFrame, y: np.ndarray, groups: np.ndarray, c: float) -> np.ndarray:
    """Held-out decisions: each group's sentences decided by weights fitted on the other groups."""
    out = np.zeros(len(table), dtype=bool)
    free = table["not_claim"].to_numpy() == ""
    for g in np.unique(groups):
        held = groups == g
        train = ~held & free
        out[held] = decide(table[held], fit(table[train], y[train], c))
    return out


def main(argv: list[str]) -> int:
    c = float(argv[argv.index("--c") + 1]) if "--c" in argv else C
    coded = read_coding(CODED)
    tune = coded[coded["part"] == "tune"].reset_index(drop=True)
    assert len(tune) and not (tune["part"] == "report").any()
    table = claim_table(tune["sentence"])
    y = tune["claim"].to_numpy() >= 1
    free = table["not_claim"].to_numpy() == ""
    weights = fit(table[free], y[free], c)
    docs = np.where(tune["source"] == "seed", tune["doc"], tune["id"]).astype(str)
    print(f"tune: {len(tune)} sentences, {int(y.sum())} claims, {int((~free).sum())} ruled out "
          f"({int((y & ~free).sum())} of them coded claims); C = {c}")
    print("fit on tune, scored on tune:   ", prf(y, decide(table, weights)))
    print("leave one document out:        ", prf(y, cross_validate(table, y, docs, c)))
    print("leave one source out:          ", prf(y, cross_validate(table, y, tune["source"].to_numpy(), c)))
    for source in ("seed", "abstract", "press"):
        rows = (tune["source"] == source).to_numpy()
        held = cross_validate(table, y, docs, c)
        print(f"  leave one document out, {source:8s}", prf(y[rows], held[rows]))
    print(weights.round(3).to_string())
    if "--cv-only" in argv:
        return 0
    notes = {"intercept": f"log-odds of a claim with no feature; fitted by scripts/fit_claim_weights.py on "
                          f"{int(free.sum())} tune sentences (L2 logistic regression, C={c})"}
    out = pd.DataFrame({"feature": weights.index, "weight": weights.round(4).to_numpy(),
                        "note": [notes.get(f, "") for f in weights.index]})
    print("->", write_csv(out, WEIGHTS_FILE))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
