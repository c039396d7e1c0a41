"""The scores track human judgement and a careful coder (guards on the shared validation data and the coded seeds).

Tests that need ``../shared/data/validation`` skip with the reason when it is missing, except under CI
(``CI=true``), where a missing file fails: a guard must not pass by skipping.
"""
import json
import os

import numpy as np
import pandas as pd
import pytest

from analysis.agreement import (AGREEMENT_COLUMNS, SPLIT_FILE, baseline_flags, binary_agreement, correlation,
                                make_split, naive_terms, read_coding, read_split, scorer_flags)
from analysis.cli import main
from analysis.paths import PROJECT_ROOT
from analysis.validation import VALIDATION_COLUMNS, read_labelled, validate_file, validate_folder

VALIDATION = PROJECT_ROOT.parent / "shared" / "data" / "validation"
SEEDS = PROJECT_ROOT / "tests" / "data" / "stance_coding_seeds.csv"
CODING_HEADER = "id,source,doc,sentence,promo,promo_spans,hedge,hedge_spans,certainty,claim\n"

# figures reached when the weights were fitted (train split only); the guard allows 0.005 of noise
# issue 15: the sense rules and the refit (Pei & Jurgens train + coded tune part) lowered Pei & Jurgens val
# (0.6216 -> 0.6043 Pearson, 0.5964 -> 0.5374 Spearman) and raised Yu et al. (0.9534 -> 0.9666)
# then the claim finder and codebook-scale certainty features: 0.6046 Pearson, 0.5402 Spearman, Yu 0.9670;
# then could / would a hedge tier of their own, each hedge kind once per sentence, the cues research_needed and
# no_denial (chosen on train cross-validation 0.638 -> 0.717 Pearson): 0.6624 Pearson, 0.5909 Spearman, Yu 0.9616
# (a trade-off, recorded here: Yu stays above the 0.95)
REACHED = {"pearson_r": 0.6624, "spearman_r": 0.5909, "auc_3_vs_2": 0.9616}
# report part of the coded development sentences (never tuned on), reached in issue 15; floors 0.02 below
# (issue 15 context rules for technical senses, named grounds, hedge classes and claim cue classes:
# promotion precision 0.6957 -> 0.8421, hedge recall 0.8214 -> 0.8571, claim F1 0.6512 -> 0.6591, known groups 3.81 -> 10.93;
# then the claim model of analysis.claims (weights fitted on the tune part): claim F1 0.6591 -> 0.6897;
# then the certainty tiers and cues above, a trade-off for Pei & Jurgens val 0.6046 -> 0.6624: certainty Spearman
# 0.6549 -> 0.6299, above the 0.55; not tuned on this part, two evaluations logged in docs/measures.md;
# then the claim cues of stop 24 (tune only): claim F1 0.6897 -> 0.7253, evaluations logged in docs/claims.md;
# then rules chosen on the tune parts of the second coder's sentences (stop 29): claim F1 0.7253 -> 0.7473;
# then stop 30's rules (tune parts only; "it" after a condition refers to the condition): claim F1 0.7473 -> 0.7640;
# then stop 32's promotion senses (promising sells unless a caveat comes with it; literal sizes, drug classes and
# fading side effects describe): promotion precision 0.8421 -> 0.85, recall 0.7619 -> 0.8095, known groups -> 11.92)
REPORT_REACHED = {("promotion", "precision"): 0.85, ("promotion", "recall"): 0.8095,
                  ("hedge", "precision"): 0.96, ("hedge", "recall"): 0.8571, ("claim", "f1"): 0.764,
                  ("certainty", "spearman_r"): 0.6299, ("known_groups", "ratio"): 11.923}
# the seed sentences' report part (tests/data, always runs), reached in issue 15
# (claim F1 0.7812 -> 0.7692 with the claim cue classes: one seed report sentence changed, not inspected;
# 0.7692 -> 0.8254 with the claim model of analysis.claims, report sentences not inspected;
# 0.8485 -> 0.875 with stop 30's rules: the it-after-condition rule took the claim of two 000 sentences, texts not inspected;
# promotion 0.8824 / 0.75 -> 0.8889 / 0.80 with stop 32's promising-with-caveat rule)
SEED_REPORT_REACHED = {("promotion", "precision"): 0.8889, ("promotion", "recall"): 0.80,
                       ("hedge", "precision"): 1.0, ("hedge", "recall"): 0.9333, ("claim", "f1"): 0.875,
                       ("certainty", "spearman_r"): 0.5718}


def shared(name: str | None = None):
    """Path of a shared validation file: skip (with the reason) when missing, fail under CI."""
    path = VALIDATION / name if name else VALIDATION
    if not path.exists():
        reason = f"shared validation data not present: {path}"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{reason} (CI=true: this guard must run)")
        pytest.skip(reason)
    return path


@pytest.fixture(scope="module")
def report():
    table = validate_folder(shared())
    reference = table[~table["data"].str.startswith("stance_coding")]
    return reference.set_index(["measure", "scorer"])["value"]


@pytest.mark.parametrize("measure", sorted(REACHED))
def test_validation_does_not_regress(report, measure):
    assert report[(measure, "stance")] >= REACHED[measure] - 0.005


def test_targets_and_baseline(report):
    assert report[("pearson_r", "stance")] >= 0.60
    assert report[("auc_3_vs_2", "stance")] >= 0.95
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
    auc = validate_file(labelled).set_index(["measure", "scorer"]).loc[("auc_3_vs_2", "stance")]
    assert auc["value"] == 1.0 and np.isnan(auc["ci_low"])  # no resamples asked for: no interval
    # every resample of a perfect ranking is perfect (or has one class only and is left out)
    auc = validate_file(labelled, n_boot=200).set_index(["measure", "scorer"]).loc[("auc_3_vs_2", "stance")]
    assert (auc["ci_low"], auc["ci_high"]) == (1.0, 1.0)


def test_bad_files(tmp_path):
    bad = tmp_path / "b.jsonl"
    bad.write_text('{"text": "a", "certainty": 3}\n{oops\n')
    with pytest.raises(ValueError, match="line 2"):
        read_labelled(bad)
    with pytest.raises(ValueError, match="no rows with split 'val'"):
        read_labelled(_write(tmp_path / "c.jsonl", '{"text": "a", "certainty": 3, "split": "train"}\n'), split="val")


def _write(path, text):
    path.write_text(text, encoding="utf-8")
    return path


# ----------------------------------------------------------------------------- statistics: known answers
def test_binary_agreement_known_answers():
    coded = [1, 1, 1, 0, 0, 0, 0, 0, 1, 0]
    predicted = [1, 1, 0, 1, 0, 0, 0, 0, 0, 0]  # TP 2, FP 1, FN 2, TN 5
    got = binary_agreement(coded, predicted)
    assert got["n"] == 10
    assert got["precision"] == pytest.approx(2 / 3)
    assert got["recall"] == pytest.approx(2 / 4)
    assert got["f1"] == pytest.approx(4 / 7)
    # observed agreement 0.7, chance 0.4 * 0.3 + 0.6 * 0.7 = 0.54
    assert got["kappa"] == pytest.approx((0.7 - 0.54) / (1 - 0.54))
    perfect = binary_agreement([0, 1, 1, 0], [0, 1, 1, 0])
    assert (perfect["precision"], perfect["recall"], perfect["f1"], perfect["kappa"]) == (1.0, 1.0, 1.0, 1.0)
    assert binary_agreement([1, 0, 1, 0], [0, 1, 0, 1])["kappa"] == pytest.approx(-1.0)


def test_binary_agreement_undefined_is_nan():
    nothing_predicted = binary_agreement([1, 0, 1], [0, 0, 0])
    assert np.isnan(nothing_predicted["precision"]) and nothing_predicted["recall"] == 0.0
    assert nothing_predicted["kappa"] == 0.0
    assert np.isnan(binary_agreement([0, 0, 0], [0, 0, 0])["kappa"])
    assert binary_agreement([], [])["n"] == 0


def test_correlation_known_answers():
    got = correlation([1, 2, 3], [1, 3, 2])  # deviations (-1, 0, 1) and (-1, 1, 0): r = 1 / 2
    assert got == {"n": 3, "pearson_r": pytest.approx(0.5), "spearman_r": pytest.approx(0.5)}
    monotone = correlation([1, 2, 3, 4], [1, 2, 3, 10])
    assert monotone["spearman_r"] == pytest.approx(1.0) and monotone["pearson_r"] < 0.99
    assert np.isnan(correlation([1, 2, 3], [5, 5, 5])["pearson_r"])


# ----------------------------------------------------------------------------- flags
def test_scorer_flags_mapping():
    scores = pd.DataFrame({"n_words": [5, 6], "claim": [True, False], "hedges": [0.0, 2.0], "boosters": [0.0, 0.0],
                           "promotion": [1.0, 0.0], "calls_to_action": [0.0, 0.0], "disclaimers": [0.0, 0.0],
                           "certainty": [5.5, 3.0]})
    flags = scorer_flags(scores)
    assert flags["promotion"].tolist() == [True, False]
    assert flags["hedge"].tolist() == [False, True]
    assert flags["claim"].tolist() == [True, False]
    assert flags["certainty"].tolist() == [5.5, 3.0]


def test_baseline_flags_are_naive():
    assert len(set(naive_terms("hype139"))) == 139
    assert set(naive_terms("modals")) == {"may", "might", "could", "would", "should"}
    flags = baseline_flags(["A novel and crucial approach.", "It May help.", "Ketamine reduced symptoms.",
                            "Statistically significant results.", "Ketamine did not reduce pain."])
    assert flags["promotion"].tolist() == [True, False, False, True, False]  # "significant" counts: no sense rule
    assert flags["promotion_markers"].tolist() == [2, 0, 0, 1, 0]
    assert flags["hedge"].tolist() == [False, True, False, False, False]
    assert flags["claim"].tolist() == [False, False, True, False, True]  # no negation rule either
    assert flags["certainty"].tolist() == [0, -1, 0, 0, 0]


# ----------------------------------------------------------------------------- the split
def test_split_is_by_document_and_deterministic():
    seeds = read_coding(SEEDS, split_file=None)
    first, again = make_split(seeds), make_split(seeds)
    pd.testing.assert_frame_equal(first, again)
    assert first["doc"].is_unique and (first["id"] == "").all()  # one row per document: all its sentences follow
    assert first["part"].value_counts().to_dict() == {"tune": 3, "report": 2}
    committed = read_split()
    pd.testing.assert_frame_equal(first, committed[committed["source"] == "seed"].reset_index(drop=True))
    joined = read_coding(SEEDS)
    assert joined.groupby("doc")["part"].nunique().eq(1).all()
    assert set(joined["part"]) == {"tune", "report"}


def test_split_pools_single_sentences_and_stratifies():
    rows = [(f"a{i}", "abstract", "pubmed", f"Sentence number {i}.") for i in range(10)]
    rows += [(f"s{i}", "seed", f"doc{i // 3}", f"Seed sentence {i}.") for i in range(12)]  # 4 documents
    coding = pd.DataFrame(rows, columns=["id", "source", "doc", "sentence"])
    split = make_split(coding)
    pooled = split[split["source"] == "abstract"]
    assert len(pooled) == 10 and pooled["id"].is_unique and (pooled["sentence_sha1"].str.len() == 16).all()
    assert pooled["part"].value_counts().to_dict() == {"tune": 6, "report": 4}
    whole = split[split["source"] == "seed"]
    assert len(whole) == 4 and whole["part"].value_counts().to_dict() == {"tune": 2, "report": 2}
    pd.testing.assert_frame_equal(split, make_split(coding.sample(frac=1, random_state=3)))  # row order is irrelevant


def test_split_ignores_a_file_that_reuses_the_ids(tmp_path):
    split = read_split()
    pooled = split[split["id"] != ""].iloc[0]
    other = _write(tmp_path / "other.csv", CODING_HEADER +
                   f"{pooled['id']},{pooled['source']},{pooled['doc']},A different sentence.,0,,0,,5,0\n")
    assert read_coding(other)["part"].tolist() == ["unsplit"]
    table = validate_file(other)
    assert set(table["part"]) == {"all"}


# ----------------------------------------------------------------------------- reading the coding format
@pytest.mark.parametrize("row, message", [
    ("d2,seed,x,Another sentence.,3,,0,,5,0", r"line 3: promo is '3', expected one of 0, 1, 2"),
    ("d2,seed,x,Another sentence.,1,,yes,,5,0", r"line 3: hedge is 'yes'"),
    ("d2,seed,x,Another sentence.,1,,0,,7,0", r"line 3: certainty is '7'"),
    ("d2,seed,x,Another, unquoted sentence.,1,,0,,5,0", r"line 3: 11 fields, the header has 10"),
    ("d2,seed,x,,1,,0,,5,0", r"line 3: empty 'sentence'"),
    ("d1,seed,x,Another sentence.,0,,0,,5,0", r"line 3: id 'd1' repeats line 2"),
])
def test_malformed_coding_file_names_the_line(tmp_path, row, message):
    path = _write(tmp_path / "coding.csv", CODING_HEADER + "d1,seed,x,A sentence.,0,,0,,5,0\n" + row + "\n")
    with pytest.raises(ValueError, match=message) as err:
        read_coding(path)
    assert str(path) in str(err.value)


def test_coding_file_errors_count_physical_lines(tmp_path):
    path = _write(tmp_path / "coding.csv", CODING_HEADER + 'd1,seed,x,"A sentence\nover two lines.",0,,0,,5,0\n'
                  "d2,seed,x,Another.,0,,0,,5,2\n")
    with pytest.raises(ValueError, match=r"line 4: claim is '2'"):
        read_coding(path)


def test_coding_file_missing_column(tmp_path):
    path = _write(tmp_path / "coding.csv", "id,source,doc,sentence,promo,hedge,certainty,claim\n")
    with pytest.raises(ValueError, match=r"missing column\(s\) \['promo_spans', 'hedge_spans'\]"):
        read_coding(path)
    with pytest.raises(ValueError, match="file not found"):
        read_coding(tmp_path / "absent.csv")


# ----------------------------------------------------------------------------- the coded seed sentences (always run)
@pytest.fixture(scope="module")
def seed_table():
    return validate_file(SEEDS)


def test_seed_codes_are_the_projects_corpus(seed_articles):
    seeds = read_coding(SEEDS)
    assert len(seeds) == 261 and set(seeds["source"]) == {"seed"} and seeds["doc"].nunique() == 5
    texts = {row.doc_id: " ".join(row.text.split()) for row in seed_articles.itertuples()}
    for doc, sentence in zip(seeds["doc"], seeds["sentence"]):
        assert " ".join(sentence.split()) in texts[doc.split("_")[0]], (doc, sentence[:60])


def test_seed_guard_table_shape(seed_table):
    assert list(seed_table.columns) == AGREEMENT_COLUMNS
    parts = ["tune", "report", "all"]
    assert seed_table["part"].drop_duplicates().tolist() == parts
    for category in ("promotion", "hedge", "claim", "certainty"):
        rows = seed_table[seed_table["category"] == category]
        assert sorted(zip(rows["part"], rows["method"])) == sorted((p, m) for p in parts
                                                                   for m in ("scorer", "baseline"))
    binary = seed_table[seed_table["category"].isin(["promotion", "hedge", "claim"])].set_index(["part", "method",
                                                                                                 "category"])
    assert (binary.xs("all")["n"] == 261).all()
    assert ((binary.xs("tune")["n"] + binary.xs("report")["n"]) == 261).all()
    assert binary[["precision", "recall", "f1"]].stack().between(0, 1).all()
    assert binary["kappa"].between(-1, 1).all()
    certainty = seed_table[seed_table["category"] == "certainty"]
    assert certainty[["pearson_r", "spearman_r"]].notna().all().all()
    assert "known_groups" not in set(seed_table["category"])  # no abstracts among the seeds
    report_only = validate_file(SEEDS, split="report")
    assert set(report_only["part"]) == {"report"} and len(report_only) == 8
    with pytest.raises(ValueError, match="no part 'val'"):
        validate_file(SEEDS, split="val")


def test_one_source_of_a_coded_file(seed_table):
    only = validate_file(SEEDS, source="seed")  # every sentence of the shipped file is a seed sentence
    pd.testing.assert_frame_equal(only, seed_table)
    message = r"stance_coding_seeds.csv: no sentences of source 'press'; sources are \['seed'\]"
    with pytest.raises(ValueError, match=message):
        validate_file(SEEDS, source="press")


def test_validate_command_with_a_source(capsys):
    assert main(["validate", str(SEEDS), "--split", "report", "--source", "seed", "--boot", "50"]) == 0
    out = capsys.readouterr().out
    assert "claim_f1" in out and "95% bootstrap interval, 50 resamples" in out
    assert main(["validate", str(SEEDS), "--source", "abstract", "--boot", "0"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("error: ") and "no sentences of source 'abstract'" in err[0]


def test_a_source_needs_a_coded_file(tmp_path):
    rated = tmp_path / "rated.jsonl"
    rated.write_text(json.dumps({"text": "It may help.", "certainty": 3}) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match="rated.jsonl: a source can only be chosen in a file of coded sentences"):
        validate_file(rated, source="seed")


# ----------------------------------------------------------------------------- the shared coded development set
@pytest.fixture(scope="module")
def dev_path():
    return shared("stance_coding_dev.csv")


def test_committed_split_is_reproduced(dev_path):
    dev = read_coding(dev_path, split_file=None)
    pd.testing.assert_frame_equal(make_split(dev), read_split(SPLIT_FILE))
    joined = read_coding(dev_path)
    assert (joined["part"] != "unsplit").all()
    for source, parts in joined.groupby("source")["part"]:
        assert set(parts) == {"tune", "report"}, source


def test_shipped_seeds_match_the_shared_coding(dev_path):
    dev = read_coding(dev_path)
    dev = dev[dev["source"] == "seed"].drop(columns="line").reset_index(drop=True)
    pd.testing.assert_frame_equal(read_coding(SEEDS).drop(columns="line"), dev)


def test_the_seed_source_of_the_dev_set_is_the_shipped_seed_file(dev_path):
    seeds = validate_file(dev_path, split="report", source="seed").drop(columns="data")
    pd.testing.assert_frame_equal(seeds, validate_file(SEEDS, split="report").drop(columns="data"))
    abstracts = validate_file(dev_path, split="report", source="abstract").set_index(["category", "method"])
    assert abstracts.loc[("claim", "scorer"), "n"] == 32 and "known_groups" not in abstracts.index


def test_dev_agreement_table_shape(dev_path):
    table = validate_file(dev_path)
    assert list(table.columns) == AGREEMENT_COLUMNS
    assert table["part"].drop_duplicates().tolist() == ["tune", "report", "all"]
    for category in ("promotion", "hedge", "claim", "certainty"):
        methods = table.loc[table["category"] == category, ["part", "method"]]
        assert len(methods) == 6 and set(methods["method"]) == {"scorer", "baseline"}
    groups = table[table["category"] == "known_groups"]
    assert sorted(zip(groups["part"], groups["method"])) == sorted(
        (p, m) for p in ("tune", "report", "all") for m in ("scorer", "baseline", "coder"))
    assert (groups[["seed_per_1k", "ratio"]] > 0).all().all() and (groups["abstract_per_1k"] >= 0).all()
    n_all = table.loc[(table["part"] == "all") & (table["category"] == "promotion"), "n"]
    assert (n_all == 401).all()
    folder = validate_folder(dev_path.parent)
    coded = folder[folder["data"] == dev_path.name]
    assert {"promotion_kappa", "hedge_f1", "claim_f1", "certainty_spearman_r", "known_groups_ratio"} <= set(
        coded["measure"])
    assert {"stance", "naive_hype139", "naive_modals", "naive_claim_words", "coded_spans"} == set(coded["scorer"])
    # every finite figure of the folder's table carries its 95 % interval (the known groups' rates do not, only their
    # ratio; the tune part's abstracts hold no promotion marker, so its ratio is infinite)
    assert list(folder.columns) == VALIDATION_COLUMNS
    stated = folder[~folder["measure"].str.endswith("_per_1k") & np.isfinite(folder["value"])]
    assert stated[["ci_low", "ci_high"]].notna().all().all()
    inside = (stated["ci_low"] <= stated["value"]) & (stated["value"] <= stated["ci_high"])
    assert inside.mean() > 0.95, stated[~inside]
    f1 = coded[(coded["split"] == "report") & (coded["measure"] == "claim_f1") & (coded["scorer"] == "stance")]
    assert (f1["ci_high"] - f1["ci_low"]).iloc[0] > 0.1  # 123 sentences cannot pin F1 down to a tenth


# ----------------------------------------------------------------------------- issue 15: regression floors
def _metric(table, category, metric):
    row = table[(table["category"] == category) & (table["part"] == "report") & (table["method"] == "scorer")]
    return float(row[metric].iloc[0])


@pytest.mark.parametrize("key", sorted(REPORT_REACHED))
def test_report_part_does_not_regress(key):
    table = validate_file(shared("stance_coding_dev.csv"))
    assert _metric(table, *key) >= REPORT_REACHED[key] - 0.02


@pytest.mark.parametrize("key", sorted(SEED_REPORT_REACHED))
def test_seed_report_part_does_not_regress(seed_table, key):
    assert _metric(seed_table, *key) >= SEED_REPORT_REACHED[key] - 0.02


# ----------------------------------------------------------------------------- the second coder's sentences
CLINIC_PAGES = PROJECT_ROOT / "tests" / "data" / "coded_clinic_pages.csv"
PUBMED_NEWS = PROJECT_ROOT / "tests" / "data" / "coded_pubmed_news_keys.csv"
CLAIM_BOUNDARY = PROJECT_ROOT / "tests" / "data" / "coded_claim_boundary_keys.csv"
CLINIC_PAGES_2 = PROJECT_ROOT / "tests" / "data" / "coded_clinic_pages_2.csv"
BLOG_PRESS = PROJECT_ROOT / "tests" / "data" / "coded_blog_press.csv"
CALIBRATION = PROJECT_ROOT / "tests" / "data" / "second_coder_calibration.csv"
THIRD_CALIBRATION = PROJECT_ROOT / "tests" / "data" / "third_coder_calibration.csv"
# report parts (never tuned on), reached at stop 29 with the rules chosen on the tune parts (clinic claim F1
# 0.5417 -> 0.56 with those of stop 30; the PubMed and news file grew from 90 to 210 report sentences at stop 30:
# claim F1 0.7568 on the first 90, 0.6341 on all 210, hedge recall 0.9091 -> 0.8864, certainty Spearman 0.7366 ->
# 0.678; stop 30's hedge senses: clinic hedge precision 0.6786 -> 0.7037; stop 31's estimate as a certainty cue,
# no counted hedge: clinic hedge precision 0.7037 -> 0.7308, PubMed and news 0.7091 -> 0.75; the claim-boundary
# sentences, coded at stop 32 and drawn at the finder's boundary, as first scored, unchanged by stop 32's rules;
# stop 33's rules, chosen on the tune half of six more written pages (coded_clinic_pages_2.csv): clinic promotion
# recall 0.4211 -> 0.5263 at precision 0.6667 -> 0.5882 (a trade, F1 0.516 -> 0.556), claim F1 0.56 -> 0.5714;
# PubMed and news hedge precision 0.75 -> 0.7959 (a research need alone is no hedge), certainty 0.678 -> 0.6844;
# the six pages' report half as first scored with the rules before stop 33 and after them: promotion 0.6154 /
# 0.4706 -> 0.6429 / 0.5294, hedge precision 0.7714 -> 0.7941, claim F1 0.7937 -> 0.8125; stop 36's rules, chosen
# on the tune half of the blog and press-release sentences: pages 11, 12, 14 claim F1 0.8125 -> 0.8308; the blog
# and press report half as first scored -> after them: promotion 0.7714 / 0.5625 -> 0.7941 / 0.5625, hedge 0.7115 /
# 0.7551 -> 0.7059 / 0.7347 (one frequency word on a verbless benefit item lost), claim F1 0.6711 -> 0.6711;
# its certainty is not comparable, see tests/data/README.md); floors 0.02 below
SECOND_REACHED = {(CLINIC_PAGES, "promotion", "precision"): 0.5882, (CLINIC_PAGES, "promotion", "recall"): 0.5263,
                  (CLINIC_PAGES, "claim", "f1"): 0.5714, (CLINIC_PAGES, "hedge", "recall"): 0.8636,
                  (CLINIC_PAGES, "hedge", "precision"): 0.7308, (PUBMED_NEWS, "hedge", "precision"): 0.7959,
                  (PUBMED_NEWS, "claim", "f1"): 0.6341, (PUBMED_NEWS, "hedge", "recall"): 0.8864,
                  (PUBMED_NEWS, "certainty", "spearman_r"): 0.6844, (CLAIM_BOUNDARY, "claim", "f1"): 0.6261,
                  (CLAIM_BOUNDARY, "hedge", "precision"): 0.8158, (CLAIM_BOUNDARY, "hedge", "recall"): 0.9688,
                  (CLAIM_BOUNDARY, "certainty", "spearman_r"): 0.7186,
                  (CLINIC_PAGES_2, "promotion", "precision"): 0.6429, (CLINIC_PAGES_2, "promotion", "recall"): 0.5294,
                  (CLINIC_PAGES_2, "hedge", "precision"): 0.7941, (CLINIC_PAGES_2, "hedge", "recall"): 0.7714,
                  (CLINIC_PAGES_2, "claim", "f1"): 0.8308, (CLINIC_PAGES_2, "certainty", "spearman_r"): 0.6235,
                  (BLOG_PRESS, "promotion", "precision"): 0.7941, (BLOG_PRESS, "promotion", "recall"): 0.5625,
                  (BLOG_PRESS, "hedge", "precision"): 0.7059, (BLOG_PRESS, "hedge", "recall"): 0.7347,
                  (BLOG_PRESS, "claim", "f1"): 0.6711}


@pytest.mark.parametrize("key", sorted(SECOND_REACHED, key=str))
def test_second_coder_report_parts_do_not_regress(key):
    path, category, metric = key
    if path in (PUBMED_NEWS, CLAIM_BOUNDARY):
        shared()  # their sentences are read from ../shared by row and checksum
    assert _metric(validate_file(path), category, metric) >= SECOND_REACHED[key] - 0.02


def test_second_coder_agrees_with_the_reference_coder():
    """The second coder coded 82 tune sentences of the reference coding blind, mixed in with the new ones: 40 at
    stop 29, 17 more at stop 30 (20 drawn; the 3 it had coded before got the same codes again and are kept once),
    10 more at stop 32 (20 drawn; of the 10 it had coded before, 9 got the same codes again and one a hedge more;
    the first codes are kept), 15 more at stop 33 with the new clinic pages (20 drawn, every code as the reference
    coder's; the 5 coded before got the same codes again)."""
    reference = read_coding(shared("stance_coding_dev.csv")).set_index("id")
    second = pd.read_csv(CALIBRATION).set_index("id")
    ref = reference.loc[second.index]
    assert len(second) == 82 and second.index.is_unique and (ref["part"] == "tune").all()
    assert binary_agreement(ref["claim"], second["claim"])["kappa"] == 1.0
    assert round(binary_agreement(ref["hedge"], second["hedge"])["kappa"], 3) == 0.859
    assert round(binary_agreement(ref["promo"] > 0, second["promo"] > 0)["kappa"], 3) == 0.875
    both = (ref["certainty"] > 0) & (second["certainty"] > 0)
    assert round(correlation(ref.loc[both, "certainty"], second.loc[both, "certainty"])["pearson_r"], 2) == 0.96


def test_third_coder_agrees_with_the_reference_coder():
    """The third coder (stop 36, the blog and press-release sentences) coded 20 tune sentences of the reference coding
    blind, 5 in each of its four batches. Certainty is left out: three of its sessions gave 0 to every non-claim."""
    reference = read_coding(shared("stance_coding_dev.csv")).set_index("id")
    third = pd.read_csv(THIRD_CALIBRATION).set_index("id")
    ref = reference.loc[third.index]
    assert len(third) == 20 and third.index.is_unique and (ref["part"] == "tune").all()
    assert round(binary_agreement(ref["claim"], third["claim"])["kappa"], 3) == 0.765
    assert binary_agreement(ref["hedge"], third["hedge"])["kappa"] == 1.0
    assert round(binary_agreement(ref["promo"] > 0, third["promo"] > 0)["kappa"], 3) == 0.875


def test_a_keyed_coding_file_reads_its_sentences_from_the_labelled_file(tmp_path):
    (tmp_path / "lab.jsonl").write_text('{"text": "Ketamine cured it.", "certainty": 5}\n'
                                        '{"text": "It may  help.", "certainty": 3}\n', encoding="utf-8")
    sha = "f538d50cef3b51df"  # of "It may help." (whitespace normalised)
    header = "id,source,doc,from_file,from_row,sentence_sha1,promo,promo_spans,hedge,hedge_spans,certainty,claim,part\n"
    (tmp_path / "keys.csv").write_text(header + f"x1,abstract,x1,lab.jsonl,1,{sha},0,,1,,3,1,report\n",
                                       encoding="utf-8")
    table = read_coding(tmp_path / "keys.csv")
    assert table[["sentence", "part", "hedge"]].values.tolist() == [["It may  help.", "report", 1]]
    for row, message in [(f"lab.jsonl,0,{sha}", "sentence_sha1 differs"), (f"lab.jsonl,7,{sha}", "not a row"),
                         (f"gone.jsonl,1,{sha}", "not found")]:
        (tmp_path / "bad.csv").write_text(header + f"x1,abstract,x1,{row},0,,1,,3,1,tune\n", encoding="utf-8")
        with pytest.raises(ValueError, match=message):
            read_coding(tmp_path / "bad.csv")
    (tmp_path / "bad.csv").write_text(header + f"x1,abstract,x1,lab.jsonl,1,{sha},0,,1,,3,1,later\n",
                                      encoding="utf-8")
    with pytest.raises(ValueError, match="line 2: part is 'later'"):
        read_coding(tmp_path / "bad.csv")


def test_the_claim_boundary_sentences_are_the_drawn_strata_split_in_halves():
    shared()
    table = pd.read_csv(CLAIM_BOUNDARY)
    assert len(read_coding(CLAIM_BOUNDARY)) == 240 and table["id"].is_unique  # every sentence found and unchanged
    assert table.groupby(["stratum", "part"]).size().to_dict() == {
        ("called", "report"): 60, ("called", "tune"): 60, ("cue-only", "report"): 60, ("cue-only", "tune"): 60}
    # the finder's boundary: most of the sentences it called claims are claims, most cue-only ones are not
    share = table.groupby("stratum")["claim"].mean()
    assert share["called"] > 0.5 > share["cue-only"]
