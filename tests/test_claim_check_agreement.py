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


def _write(tmp_path, rows, header=HEADER, zone=None):
    path = tmp_path / "claims.csv"
    lines = [",".join([key, "clinic", doc, f'"{text}"', claims, "report"] + ([zone] if zone else []))
             for key, doc, text, claims in rows]
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


def test_a_repeated_key_an_unknown_zone_or_a_missing_column_is_an_error(tmp_path):
    with pytest.raises(ValueError, match="key 'k0' is repeated"):
        read_claim_check_coding(_write(tmp_path, [ROWS[0], ROWS[0]]))
    with pytest.raises(ValueError, match="line 2: zone 'sidebar' is not one of"):
        read_claim_check_coding(_write(tmp_path, ROWS[:1], header=HEADER.replace("\n", ",zone\n"), zone="sidebar"))
    with pytest.raises(ValueError, match=r"missing column\(s\) \['part'\]"):
        read_claim_check_coding(_write(tmp_path, ROWS[:1], header=HEADER.replace(",part", "")))


def test_the_shipped_coding_holds_the_seed_articles_and_the_written_pages():
    coding = read_claim_check_coding(CODED)
    assert len(coding) == 318 and set(coding["source"]) == {"seed", "written_page"}
    assert coding["zone"].value_counts().to_dict() == {"body": 281, "heading": 35, "disclaimer": 2}
    assert set(coding["part"]) == {"tune", "report"}
    assert coding.groupby("doc")["part"].nunique().max() == 1  # split by document
    assert sum(map(len, coding["coded"])) == 342


# the report part (never tuned on) when the coding was shipped (stop 34, after the forms chosen on its tune part:
# type F1 0.7252 -> 0.7416, problem F1 0.6292 -> 0.6493, verdict agreement 0.8281 -> 0.8333); floors 0.02 below
REACHED = {("type_f1", "claim_check"): 0.7416, ("problem_f1", "claim_check"): 0.6493,
           ("verdict_agreement", "claim_check"): 0.8333}


@pytest.fixture(scope="module")
def shipped():
    coding = read_claim_check_coding(CODED)
    table = claim_check_agreement(coding[coding["part"] == "report"])
    return dict(zip(zip(table["measure"], table["scorer"]), table["value"]))


@pytest.mark.parametrize("key", sorted(REACHED))
def test_agreement_with_the_coder_does_not_regress(shipped, key):
    assert shipped[key] >= REACHED[key] - 0.02
    assert np.isfinite(shipped[("problem_f1", "naive_ceiling")])


def test_the_sheet_script_writes_a_blind_sheet_of_the_sentences_the_checks_look_at(tmp_path):
    import subprocess
    import sys

    subprocess.run([sys.executable, str(PROJECT_ROOT / "scripts" / "claim_check_coding_sheet.py"),
                    str(PROJECT_ROOT / "corpus"), str(tmp_path)], check=True, capture_output=True)
    sheet = pd.read_csv(tmp_path / "sheet.csv", keep_default_na=False, dtype=str)
    assert list(sheet.columns) == ["key", "zone", "context", "sentence"]  # nothing of the checks' verdicts
    shipped = read_claim_check_coding(CODED)
    seeds = shipped[shipped["source"] == "seed"]
    assert set(seeds["key"].str.removeprefix("seed_")) <= set(sheet["key"])
    reference = (tmp_path / "evidence_reference.md").read_text(encoding="utf-8")
    assert "## fda_approval" in reference and "FALSE as stated" in reference and "\\b" not in reference


def _validation(problem_f1_checks, problem_f1_naive):
    rows = [("type_precision", "claim_check", 0.8), ("type_recall", "claim_check", 0.6),
            ("problem_precision", "claim_check", 0.75), ("problem_recall", "claim_check", 0.6),
            ("problem_f1", "claim_check", problem_f1_checks), ("problem_f1", "naive_ceiling", problem_f1_naive),
            ("verdict_agreement", "claim_check", 0.9)]
    return pd.DataFrame([("x.csv", "report", 24 if m != "verdict_agreement" else 10, m, s, v, np.nan, np.nan)
                         for m, s, v in rows], columns=VALIDATION_COLUMNS)


def test_the_findings_say_what_the_wording_adds_from_the_numbers():
    from analysis.claim_findings import claim_check_validation_findings

    same = claim_check_validation_findings(_validation(0.66, 0.65))
    better = claim_check_validation_findings(_validation(0.70, 0.60))
    assert "2 sentences blind (report part" in same[0] and "precision 0.80 and recall 0.60" in same[0]
    assert "same verdict in 90 % of 10" in same[0]
    assert "adds no measurable agreement" in same[1] and "adds 0.10 of F1" in better[1]
    assert "0.80 times as many problem claims" in same[2] and "missing 40 %" in same[2]
