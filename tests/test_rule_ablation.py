"""scripts/rule_ablation.py: what each context rule contributes on coded sentences."""
from __future__ import annotations

import csv
import io
import subprocess
import sys

from analysis.paths import PROJECT_ROOT

SCRIPT = PROJECT_ROOT / "scripts" / "rule_ablation.py"
HEADER = ["id", "source", "doc", "sentence", "promo", "promo_spans", "hedge", "hedge_spans", "certainty", "claim",
          "part"]


def run(tmp_path, rows, *args):
    coded = tmp_path / "coded.csv"
    with coded.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([HEADER] + rows)
    done = subprocess.run([sys.executable, str(SCRIPT), *args, str(coded)], capture_output=True, text=True, check=True)
    comment, body = done.stdout.split("\n", 1)
    return comment, {row["rule"]: row for row in csv.DictReader(io.StringIO(body))}


def test_a_rule_that_finds_a_coded_hedge_shows_its_gain_and_others_show_none(tmp_path):
    rows = [["t1", "clinic", "a", "If needed, the nurse adjusts the infusion rate.", 0, "", 1, "If needed", 5, 0,
             "tune"],
            ["t2", "clinic", "a", "The clinic is open on Mondays.", 0, "", 0, "", 0, 0, "tune"],
            ["r1", "clinic", "b", "If needed, we call you back.", 0, "", 1, "If needed", 0, 0, "report"]]
    comment, table = run(tmp_path, rows)
    assert comment.startswith("# 2 tune sentences of 1 file(s)")
    # without the conditional rule the coded hedge of t1 is missed: one true flag fewer, one miss more
    assert table["conditional"]["hedge"] == "-1/+0/+1" and table["conditional"]["net"] == "1"
    assert table["conditional"]["files"] == "coded.csv"
    assert table["stat-significance"]["hedge"] == "" and table["stat-significance"]["net"] == "0"
    _, every = run(tmp_path, rows, "--split", "all")
    assert every["conditional"]["hedge"] == "-2/+0/+2"


def test_a_missing_file_is_named(tmp_path):
    done = subprocess.run([sys.executable, str(SCRIPT), str(tmp_path / "nowhere.csv")], capture_output=True, text=True)
    assert done.returncode == 2 and "nowhere.csv: file not found" in done.stderr and "Traceback" not in done.stderr
