"""Percentile-bootstrap intervals (analysis.intervals), against a slow bootstrap written out in full."""
import numpy as np
import pytest

import pandas as pd

from analysis.intervals import MIN_SENTENCES, PERCENTILES, article_rng, bootstrap_intervals


def draws(rng, n, n_boot):
    """The draws bootstrap_intervals makes, one resample per row: 16-bit positions while they fit, else 64-bit."""
    return rng.integers(0, n, size=(n, n_boot), dtype=np.uint16 if n <= 2 ** 16 else np.int64).T


def slow_bootstrap(doc_ids, words, counts, text_rows, certainty, certainty_rows, n_boot, seed, per_article=False):
    """One resample at a time, with the same draws: per article, its text sentences, then its certainty ones."""
    rng = np.random.default_rng(seed)
    rate_ci = np.full((len(doc_ids), 2, len(counts)), np.nan)
    certainty_ci = np.full((len(doc_ids), 2), np.nan)
    for i, doc_id in enumerate(doc_ids):
        if per_article:
            rng = article_rng(seed, doc_id)
        rows = text_rows[i]
        if len(rows):
            rates = []
            for drawn in draws(rng, len(rows), n_boot):
                picked = [rows[k] for k in drawn]
                n_words = sum(words[r] for r in picked)
                rates.append([1000 * sum(row[r] for r in picked) / max(n_words, 1) for row in counts])
            rate_ci[i] = np.percentile(np.array(rates), PERCENTILES, axis=0)
        rows = certainty_rows[i]
        if len(rows):
            means = [np.mean([certainty[rows[k]] for k in drawn])
                     for drawn in draws(rng, len(rows), n_boot)]
            certainty_ci[i] = np.percentile(means, PERCENTILES)
    return rate_ci, certainty_ci


def table(lengths, seed=1):
    """A sentence table of articles with ``lengths`` sentences: words, two count rows, certainty, row lists."""
    rng = np.random.default_rng(seed)
    n = int(np.sum(lengths))
    words = rng.integers(0, 120, n).astype(float)
    counts = rng.integers(0, 6, (2, n)).astype(float)
    certainty = rng.uniform(1, 6, n)
    starts = np.cumsum(lengths) - lengths
    rows = [np.arange(a, a + m) for a, m in zip(starts, lengths)]
    return words, counts, certainty, rows


@pytest.mark.parametrize("per_article", [False, True])
def test_intervals_equal_a_slow_bootstrap(per_article):
    lengths = [57, 0, 3, 40]  # an article without sentences gets NaN bounds
    words, counts, certainty, rows = table(lengths)
    ids = ["a", "b", "c", "d"]
    certainty_rows = [r[::2] for r in rows]
    fast = bootstrap_intervals(ids, words, counts, rows, certainty, certainty_rows, 200, 7, seed_per_article=per_article)
    slow = slow_bootstrap(ids, words, counts, rows, certainty, certainty_rows, 200, 7, per_article)
    np.testing.assert_array_equal(fast[0], slow[0])  # whole-number sums are exact
    np.testing.assert_allclose(fast[1], slow[1], rtol=1e-12)
    assert np.isnan(fast[0][1]).all() and np.isnan(fast[1][1]).all()
    assert not np.isnan(fast[0][[0, 2, 3]]).any()


@pytest.mark.parametrize("change", ["wide", "negative", "fraction"])
def test_any_values_equal_a_slow_bootstrap(change):
    words, counts, certainty, rows = table([30, 12])
    if change == "wide":      # sums far beyond 32 bits
        words, counts[0] = words * 2.0 ** 40, counts[0] * 2.0 ** 30
    elif change == "negative":
        counts[1] -= 3
    else:                     # weighted lexicon entries
        counts[0] *= 0.37
    fast = bootstrap_intervals(["a", "b"], words, counts, rows, certainty, rows, 100, 3)
    slow = slow_bootstrap(["a", "b"], words, counts, rows, certainty, rows, 100, 3)
    np.testing.assert_allclose(fast[0], slow[0], rtol=1e-12)
    if change != "fraction":
        np.testing.assert_array_equal(fast[0], slow[0])


@pytest.mark.parametrize("n_boot", [1, 2, 3, 10, 2000])
def test_bounds_are_np_percentile_of_the_same_resamples(n_boot):
    # the bounds come from a sort and numpy's interpolation written out: the same numbers as np.percentile
    # at any number of resamples, with tied resamples (few sentences) and a NaN certainty
    words, counts, certainty, rows = table([2, 5, 40])
    certainty[rows[1][2]] = np.nan
    ids = ["two", "five", "forty"]
    fast = bootstrap_intervals(ids, words, counts, rows, certainty, rows, n_boot, 11)
    slow = slow_bootstrap(ids, words, counts, rows, certainty, rows, n_boot, 11)
    np.testing.assert_array_equal(fast[0], slow[0])
    np.testing.assert_allclose(fast[1], slow[1], rtol=1e-12)
    assert not np.isnan(fast[0]).any() and not np.isnan(fast[1][[0, 2]]).any()
    if n_boot >= 10:  # some resample draws the NaN sentence: NaN bounds, as np.percentile gives
        assert np.isnan(fast[1][1]).all()


@pytest.mark.parametrize("bits", [63, 64, 65])
def test_large_whole_numbers_sum_exactly(bits):
    # whole numbers are summed packed side by side in 63 bits when their largest sums fit (here 25 + 2 × 19
    # bits for 30 sentences, or one or two bits more), else row by row: exact both ways
    rng = np.random.default_rng(2)
    words = rng.integers(0, 2 ** 20, 30).astype(float)
    counts = rng.integers(0, 2 ** 14, (2, 30)).astype(float)
    words[0], counts[:, 0] = 2 ** 20 - 1, 2 ** 14 - 1
    words[0] = 2 ** (20 + bits - 63) - 1
    rows = [np.arange(30)]
    fast = bootstrap_intervals(["a"], words, counts, rows, words, rows, 300, 4)
    slow = slow_bootstrap(["a"], words, counts, rows, words, rows, 300, 4)
    np.testing.assert_array_equal(fast[0], slow[0])
    assert np.ptp(slow[0][0], axis=0).min() > 0


def test_articles_beyond_16_bit_positions_draw_every_sentence():
    n = 70_000  # more sentences than 16-bit positions hold
    counts = np.zeros((1, n))
    counts[0, 2 ** 16:] = 1  # only sentences beyond position 65,535 have markers
    rows = [np.arange(n)]
    rate, _ = bootstrap_intervals(["long"], np.ones(n), counts, rows, np.ones(n), rows, 20, 0)
    share = 1000 * (n - 2 ** 16) / n
    assert share * 0.8 < rate[0, 0, 0] < share < rate[0, 1, 0] < share * 1.2


def test_intervals_narrow_with_more_sentences():
    rng = np.random.default_rng(5)
    widths = []
    for n in (10, 100, 1000):
        words = rng.integers(10, 30, n).astype(float)
        counts = (rng.random((1, n)) < 0.3).astype(float)
        rate, cert = bootstrap_intervals(["x"], words, counts, [np.arange(n)], rng.uniform(1, 6, n), [np.arange(n)],
                                         500, 0)
        widths.append((rate[0, 1, 0] - rate[0, 0, 0], cert[0, 1] - cert[0, 0]))
    assert widths[0][0] > widths[1][0] > widths[2][0] > 0
    assert widths[0][1] > widths[1][1] > widths[2][1] > 0


def test_seeded_and_per_article_seeds_do_not_depend_on_the_other_articles():
    words, counts, certainty, rows = table([20, 15, 25])
    ids = ["a", "b", "c"]
    run = lambda i, seed, per: bootstrap_intervals(  # noqa: E731
        [ids[k] for k in i], words, counts, [rows[k] for k in i], certainty, [rows[k] for k in i], 100, seed,
        seed_per_article=per)
    for per in (False, True):
        np.testing.assert_array_equal(run([0, 1, 2], 0, per)[0], run([0, 1, 2], 0, per)[0])
        assert not np.array_equal(run([0, 1, 2], 0, per)[0], run([0, 1, 2], 1, per)[0])
    alone = run([2], 0, True)
    together = run([1, 0, 2], 0, True)
    np.testing.assert_array_equal(alone[0][0], together[0][2])
    np.testing.assert_array_equal(alone[1][0], together[1][2])
    assert not np.array_equal(run([2], 0, False)[0][0], run([1, 0, 2], 0, False)[0][2])  # one generator: in turn


def test_no_resamples_no_intervals():
    words, counts, certainty, rows = table([5])
    rate, cert = bootstrap_intervals(["a"], words, counts, rows, certainty, rows, 0, 0)
    assert rate.shape == (1, 2, 2) and np.isnan(rate).all() and np.isnan(cert).all()


def test_fewer_than_two_sentences_give_nan_not_zero_width():
    words, counts, certainty, rows = table([1, 30, 1])
    ids = ["one", "many", "one_more"]
    certainty_rows = [rows[0], rows[1], rows[2][:0]]  # 1, 30 and 0 certainty sentences
    rate, cert = bootstrap_intervals(ids, words, counts, rows, certainty, certainty_rows, 200, 0)
    assert np.isnan(rate[0]).all() and np.isnan(cert[0]).all()      # one sentence: missing, not zero width
    assert np.isnan(rate[2]).all() and np.isnan(cert[2]).all()
    assert (rate[1, 1] > rate[1, 0]).all() and cert[1, 1] > cert[1, 0]
    # the single-sentence article still draws its resamples (as the slow bootstrap does, which gives it
    # a zero-width interval): the next article's bounds are the same as without the NaN rule
    slow = slow_bootstrap(ids, words, counts, rows, certainty, certainty_rows, 200, 0)
    assert (slow[0][0, 0] == slow[0][0, 1]).all()
    np.testing.assert_array_equal(rate[1], slow[0][1])
    np.testing.assert_allclose(cert[1], slow[1][1], rtol=1e-12)
    assert MIN_SENTENCES == 2


def test_an_article_with_one_claim_sentence_has_no_certainty_interval():
    from analysis.stance import score_articles

    filler = "Our clinic is open on weekdays and the staff answer the phone. " * 4
    text = filler + "Ketamine therapy can reduce PTSD symptoms quickly."
    articles = pd.DataFrame({"doc_id": ["x", "y"],
                             "text": [text, text + " It relieves depression fast. Ketamine may ease anxiety."]})
    table = score_articles(articles, random_state=0).set_index("doc_id")
    assert table.loc["x", "n_claims"] == 1 and table.loc["y", "n_claims"] >= 2
    assert np.isnan(table.loc["x", ["certainty_ci_low", "certainty_ci_high"]].astype(float)).all()
    assert table.loc["y", "certainty_ci_high"] > table.loc["y", "certainty_ci_low"]
