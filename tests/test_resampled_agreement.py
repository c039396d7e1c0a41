"""The validation intervals: weighted statistics equal the plain ones, the two-stage draw keeps documents whole."""
import numpy as np
import pandas as pd
import pytest
from scipy.stats import pearsonr, spearmanr
from sklearn.metrics import roc_auc_score

from analysis.agreement import agreement_intervals, agreement_long, agreement_table, binary_agreement, read_coding
from analysis.paths import PROJECT_ROOT
from analysis.resampled_agreement import (auc_statistic, binary_statistics, correlation_statistics,
                                          percentile_interval, rate_statistic, resample_weights)

SEEDS = PROJECT_ROOT / "tests" / "data" / "stance_coding_seeds.csv"
CODED = np.array([1, 1, 1, 0, 0, 0, 1, 0, 1, 0], dtype=bool)
FLAGGED = np.array([1, 1, 0, 1, 0, 0, 1, 0, 0, 1], dtype=bool)
RATED = np.array([6, 5, 5, 2, 3, 1, 4, 4, 2, 3], dtype=float)  # ties on both sides
SCORE = np.array([5.5, 4.0, 4.0, 3.0, 3.5, 1.0, 4.0, 2.0, 2.0, 3.5])
MULTIPLICITY = np.array([[2, 0, 1, 1, 3, 1, 0, 2, 1, 1]], dtype=float)


def _plain(weights):
    """The rows as a plain sample: each repeated as often as it is drawn."""
    return np.repeat(np.arange(weights.shape[1]), weights[0].astype(int))


@pytest.mark.parametrize("weights", [np.ones((1, 10)), MULTIPLICITY])
def test_weighted_statistics_equal_the_plain_ones(weights):
    rows = _plain(weights)
    binary = binary_statistics(CODED, FLAGGED, weights)
    expected = binary_agreement(CODED[rows], FLAGGED[rows])
    for metric in ("precision", "recall", "f1", "kappa"):
        assert binary[metric][0] == pytest.approx(expected[metric]), metric
    corr = correlation_statistics(RATED, SCORE, weights)
    assert corr["pearson_r"][0] == pytest.approx(pearsonr(SCORE[rows], RATED[rows])[0])
    assert corr["spearman_r"][0] == pytest.approx(spearmanr(SCORE[rows], RATED[rows])[0])
    assert auc_statistic(CODED, SCORE, weights)[0] == pytest.approx(roc_auc_score(CODED[rows], SCORE[rows]))
    words = np.full(10, 20.0)
    high, low = np.arange(10) < 5, np.arange(10) >= 5
    per_1k = [1000 * FLAGGED[rows][g[rows]].sum() / words[rows][g[rows]].sum() for g in (high, low)]
    ratio = per_1k[0] / per_1k[1]
    assert rate_statistic(FLAGGED, words, high, low, weights)[0] == pytest.approx(ratio)


def test_undefined_statistics_are_nan():
    nothing_flagged = binary_statistics(CODED, np.zeros(10, dtype=bool), np.ones((1, 10)))
    assert np.isnan(nothing_flagged["precision"][0]) and nothing_flagged["recall"][0] == 0
    constant = binary_statistics(np.ones(10, dtype=bool), np.ones(10, dtype=bool), np.ones((1, 10)))
    assert np.isnan(constant["kappa"][0]) and constant["f1"][0] == 1
    assert np.isnan(correlation_statistics(RATED, np.ones(10), np.ones((1, 10)))["pearson_r"][0])


def test_percentile_interval():
    assert percentile_interval(np.arange(1001) / 1000) == pytest.approx((0.025, 0.975))
    assert percentile_interval(np.r_[np.full(6, np.nan), np.arange(4.0)]) == (pytest.approx(np.nan, nan_ok=True),) * 2
    low, high = percentile_interval(np.r_[np.nan, np.arange(1000.0)])  # an undefined resample is left out
    assert low == pytest.approx(24.975) and high == pytest.approx(974.025)


def test_resample_weights_draw_documents_within_sources():
    units = np.array(["a", "a", "a", "b", "b", "c", "x1", "x2", "x3", "x4"])
    strata = np.array(["seed"] * 6 + ["abstract"] * 4)
    weights = resample_weights(units, strata, n_boot=500, seed=3)
    assert weights.shape == (500, 10) and (weights >= 0).all() and (weights == np.round(weights)).all()
    # single-sentence units: a source of k units draws k of them
    assert (weights[:, 6:].sum(axis=1) == 4).all()
    # each document drawn c times contributes c times its sentences; a document never drawn, none
    for name, size in (("a", 3), ("b", 2), ("c", 1)):
        assert (weights[:, units == name].sum(axis=1) % size == 0).all()
    drawn_docs = sum(weights[:, units == n].sum(axis=1) / s for n, s in (("a", 3), ("b", 2), ("c", 1)))
    assert (drawn_docs == 3).all()
    # within a drawn document the sentences are drawn too (not always all once)
    assert (weights[:, :3] != weights[:, :1]).any()
    np.testing.assert_array_equal(weights, resample_weights(units, strata, n_boot=500, seed=3))
    assert not np.array_equal(weights, resample_weights(units, strata, n_boot=500, seed=4))
    # which documents are drawn follows their names, not the row order
    order = np.argsort(units)[::-1]
    shuffled = resample_weights(units[order], strata[order], 500, 3)
    for name in ("a", "b", "c"):
        np.testing.assert_array_equal(shuffled[:, units[order] == name].sum(axis=1),
                                      weights[:, units == name].sum(axis=1))


def test_resample_weights_bad_input():
    with pytest.raises(ValueError, match="one value per row"):
        resample_weights(["a", "b"], ["s"], n_boot=10)
    with pytest.raises(ValueError, match="n_boot must be at least 1"):
        resample_weights(["a"], ["s"], n_boot=0)


@pytest.fixture(scope="module")
def seed_coding():
    return read_coding(SEEDS)


def test_agreement_intervals_on_the_coded_seeds(seed_coding):
    intervals = agreement_intervals(seed_coding, "seeds", n_boot=400, seed=0)
    assert list(intervals.columns) == ["data", "category", "part", "method", "metric", "ci_low", "ci_high"]
    scorer = intervals[intervals["method"] == "scorer"].set_index(["part", "category", "metric"])
    assert len(scorer) == 3 * (3 * 4 + 2)  # parts x (binary categories x metrics + two correlations)
    assert (scorer["ci_low"] <= scorer["ci_high"]).all()
    point = agreement_table(seed_coding, "seeds").set_index(["part", "category", "method"])
    for part in ("tune", "report", "all"):
        for category, metric in (("claim", "f1"), ("hedge", "recall"), ("certainty", "spearman_r")):
            value = point.loc[(part, category, "scorer"), metric]
            low, high = scorer.loc[(part, category, metric), ["ci_low", "ci_high"]]
            assert low <= value <= high, (part, category, metric)
    # all 261 sentences give a narrower claim F1 interval than the 67 of the report part
    width = scorer["ci_high"] - scorer["ci_low"]
    assert width[("all", "claim", "f1")] < width[("report", "claim", "f1")]
    pd.testing.assert_frame_equal(intervals, agreement_intervals(seed_coding, "seeds", n_boot=400, seed=0))


def test_agreement_long_carries_the_intervals(seed_coding):
    table = agreement_table(seed_coding, "seeds")
    intervals = agreement_intervals(seed_coding, "seeds", n_boot=200, seed=1)
    long = agreement_long(table, intervals).set_index(["split", "measure", "scorer"])
    row = intervals.set_index(["part", "category", "method", "metric"]).loc[("report", "claim", "scorer", "f1")]
    assert tuple(long.loc[("report", "claim_f1", "stance"), ["ci_low", "ci_high"]]) == (row["ci_low"], row["ci_high"])
    assert agreement_long(table)[["ci_low", "ci_high"]].isna().all().all()
