"""The certainty score tracks human judgement (regression guard on the shared validation data)."""
import json

import pytest

from analysis.paths import PROJECT_ROOT
from analysis.validation import read_labelled, validate_file, validate_folder

VALIDATION = PROJECT_ROOT.parent / "shared" / "data" / "validation"
needs_data = pytest.mark.skipif(not VALIDATION.exists(), reason="shared validation data not present")

# figures reached when the weights were fitted (train split only); the guard allows 0.005 of noise
REACHED = {"pearson_r": 0.6216, "spearman_r": 0.5964, "auc_3_vs_2": 0.9534}


@pytest.fixture(scope="module")
def report():
    return validate_folder(VALIDATION).set_index(["measure", "scorer"])["value"]


@needs_data
@pytest.mark.parametrize("measure", sorted(REACHED))
def test_validation_does_not_regress(report, measure):
    assert report[(measure, "stance")] >= REACHED[measure] - 0.005


@needs_data
def test_targets_and_baseline(report):
    assert report[("pearson_r", "stance")] >= 0.60
    assert report[("auc_3_vs_2", "stance")] >= 0.92
    # the lexicon and the context rules add something over counting five modal verbs
    assert report[("pearson_r", "stance")] > report[("pearson_r", "naive_modals")] + 0.05
    assert report[("auc_3_vs_2", "stance")] > report[("auc_3_vs_2", "naive_modals")] + 0.03


def test_tiny_files_known_direction(tmp_path):
    rated = tmp_path / "r.jsonl"
    rows = [("It may possibly help some patients.", 2.0, "val"), ("It might perhaps work.", 2.5, "val"),
            ("The drug reduced pain.", 5.5, "val"), ("Treatment lowered blood pressure.", 6.0, "val"),
            ("It is a fact.", 5.0, "train")]
    rated.write_text("\n".join(json.dumps({"text": t, "certainty": c, "split": s}) for t, c, s in rows))
    table = validate_file(rated, split="val").set_index(["measure", "scorer"])
    assert table.loc[("pearson_r", "stance"), "n"] == 4
    assert table.loc[("pearson_r", "stance"), "value"] > 0.9
    labelled = tmp_path / "l.csv"
    labelled.write_text("text,label\nIt may reduce pain.,2\nIt could increase risk.,2\nIt reduces pain.,3\n"
                        "It increased risk.,3\nA was associated with B.,1\n")
    auc = validate_file(labelled).set_index(["measure", "scorer"]).loc[("auc_3_vs_2", "stance"), "value"]
    assert auc == 1.0


def test_bad_files(tmp_path):
    bad = tmp_path / "b.jsonl"
    bad.write_text('{"text": "a", "certainty": 3}\n{oops\n')
    with pytest.raises(ValueError, match="line 2"):
        read_labelled(bad)
    with pytest.raises(ValueError, match="no rows with split 'val'"):
        read_labelled(tmp_path / "b.jsonl" if False else _write(tmp_path / "c.jsonl", '{"text": "a", "certainty": 3, "split": "train"}\n'), split="val")


def _write(path, text):
    path.write_text(text)
    return path
