"""The claim checks against a coder: known answers, the naive baseline, bad files and the shipped coding."""
import numpy as np
import pandas as pd
import pytest

from analysis.claim_check_agreement import (CLAIM_CHECK_CODING_COLUMNS, claim_check_agreement, claim_check_grid,
                                            is_claim_check_file, read_claim_check_coding)
from analysis.paths import PROJECT_ROOT
from analysis.validation import VALIDATION_COLUMNS, validate_file

CODED = PROJECT_ROOT / "tests" / "data" / "coded_claim_checks.csv"
HEADER = ",".join(CLAIM_CHECK_CODING_COLUMNS) + "\n"
ROWS = [("k0", "a", "Ketamine is FDA-approved for PTSD.", "fda_approval:contradicted"),
        ("k1", "a", "Ketamine may ease PTSD symptoms for some people.", "efficacy:consistent"),
        ("k2", "b", "Ketamine eliminates PTSD symptoms within hours.", "cure:overstated; speed:overstated"),
        ("k3", "b", "Ketamine is not FDA-approved for PTSD.", "fda_approval:consistent"),
        ("k4", "b", "Our clinic is open on Saturdays.", ""),
        ("k5", "b", "Ketamine works.", "mechanism:overstated")]  # a claim the checks do not find


def _write(tmp_path, rows, header=HEADER):
    path = tmp_path / "claims.csv"
    lines = [",".join([key, "clinic", doc, f'"{text}"', claims, "report"]) for key, doc, text, claims in rows]
    path.write_text(header + "\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_the_grid_pairs_the_coders_and_the_checks_verdicts(tmp_path):
    grid = claim_check_grid(read_claim_check_coding(_write(tmp_path, ROWS)))
    found = grid[(grid["coder"] != "") | (grid["checks"] != "")]
    assert len(grid) == len(ROWS) * 12
    assert list(zip(found["key"], found["claim_type"], found["coder"], found["checks"])) == [
        ("k0", "fda_approval", "contradicted", "contradicted"), ("k1", "efficacy", "consistent", "consistent"),
        ("k2", "speed", "overstated", "overstated"), ("k2", "cure", "overstated", "overstated"),
        ("k3", "fda_approval", "consistent", "consistent"), ("k5", "mechanism", "overstated", "")]


def test_known_agreement_and_a_baseline_that_ignores_the_wording(tmp_path):
    table = claim_check_agreement(read_claim_check_coding(_write(tmp_path, ROWS)))
    value = dict(zip(zip(table["measure"], table["scorer"]), table["value"]))
    assert value[("type_precision", "claim_check")] == 1.0
    assert value[("type_recall", "claim_check")] == pytest.approx(5 / 6, abs=1e-4)
    assert value[("problem_precision", "claim_check")] == 1.0  # k0, k2 twice
    assert value[("problem_recall", "claim_check")] == pytest.approx(3 / 4, abs=1e-4)  # k5 missed
    assert value[("verdict_agreement", "claim_check")] == 1.0
    # the hedged efficacy claim is overstated to a scorer that ignores the hedge
    assert value[("problem_precision", "naive_ceiling")] == pytest.approx(3 / 4, abs=1e-4)
    assert value[("verdict_agreement", "naive_ceiling")] == pytest.approx(4 / 5, abs=1e-4)
    assert ("type_f1", "naive_ceiling") not in value  # the baseline finds the same claims


def test_intervals_hold_the_point_value_on_the_shipped_coding():
    table = claim_check_agreement(read_claim_check_coding(CODED), n_boot=200, seed=1)
    assert (table["ci_low"] <= table["value"]).all() and (table["value"] <= table["ci_high"]).all()


def test_validate_reads_a_claim_check_coding_and_its_parts(tmp_path):
    path = _write(tmp_path, ROWS)
    assert is_claim_check_file(path) and not is_claim_check_file(tmp_path / "missing.csv")
    table = validate_file(path)
    assert list(table.columns) == VALIDATION_COLUMNS and set(table["split"]) == {"all"}
    with pytest.raises(ValueError, match="no part 'tune'"):
        validate_file(path, split="tune")


@pytest.mark.parametrize("claims, message", [("efficacy:wrong", "not type:verdict"),
                                             ("miracle:overstated", "not type:verdict"),
                                             ("speed:overstated; speed:consistent", "listed twice")])
def test_a_malformed_row_is_named_by_file_and_line(tmp_path, claims, message):
    path = _write(tmp_path, [ROWS[0], ("k9", "a", "Ketamine works fast.", f'"{claims}"')])
    with pytest.raises(ValueError, match=rf"claims\.csv, line 3: .*{message}"):
        read_claim_check_coding(path)


def test_a_repeated_key_or_a_missing_column_is_an_error(tmp_path):
    with pytest.raises(ValueError, match="key 'k0' is repeated"):
        read_claim_check_coding(_write(tmp_path, [ROWS[0], ROWS[0]]))
    with pytest.raises(ValueError, match=r"missing column\(s\) \['part'\]"):
        read_claim_check_coding(_write(tmp_path, ROWS[:1], header=HEADER.replace(",part", "")))


def test_the_shipped_coding_holds_the_seed_articles_and_the_written_pages():
    coding = read_claim_check_coding(CODED)
    assert len(coding) == 318 and set(coding["source"]) == {"seed", "written_page"}
    assert set(coding["part"]) == {"tune", "report"}
    assert coding.groupby("doc")["part"].nunique().max() == 1  # split by document
    assert sum(map(len, coding["coded"])) == 342


# reached when the coding was shipped (4 December 2026); floors 0.02 below
REACHED = {("type_f1", "claim_check"): 0.6833, ("problem_f1", "claim_check"): 0.5929,
           ("verdict_agreement", "claim_check"): 0.8341}


@pytest.fixture(scope="module")
def shipped():
    table = claim_check_agreement(read_claim_check_coding(CODED))
    return dict(zip(zip(table["measure"], table["scorer"]), table["value"]))


@pytest.mark.parametrize("key", sorted(REACHED))
def test_agreement_with_the_coder_does_not_regress(shipped, key):
    assert shipped[key] >= REACHED[key] - 0.02
    assert np.isfinite(shipped[("problem_f1", "naive_ceiling")])
