"""The score command (analysis.batch): streamed, chunked, parallel scoring of a corpus folder into CSV tables."""
from __future__ import annotations

import pandas as pd
import pytest

import analysis as an
from analysis.cli import main
from analysis.concepts import concept_coverage
from analysis.corpus import CorpusError, plan_corpus, read_articles
from analysis.io import write_csv
from analysis.batch import OUTPUT_FILES, score_corpus
from analysis.claim_check import article_verdicts, check_claims
from analysis.stance import score_articles
from conftest import write_corpus

ARTICLES = {
    "a.txt": "Why Ketamine Works\nKetamine may help some patients. It is not FDA-approved for PTSD.\n"
             "Call us today!\n",
    "b.md": "---\ntitle: Clinic B\n---\nKetamine is a proven game-changer for PTSD. Results within hours.\n"
            "Side effects include nausea and dissociation.\n",
    "c.txt": "Our Team\nDr. Lee suggests that ketamine might reduce symptoms. It is not a cure.\n",
}


def _corpus(tmp_path, files=ARTICLES):
    return write_corpus(tmp_path / "corpus", files)


def _read(out, name):
    return (out / OUTPUT_FILES[name]).read_bytes()


def test_known_answers_on_a_tiny_corpus(tmp_path):
    out = tmp_path / "out"
    summary = score_corpus(_corpus(tmp_path), out, n_jobs=1, n_boot=50)
    assert summary.n_articles == 3 and summary.files["markers"] == out / "markers.csv"
    sentences = pd.read_csv(out / "sentences.csv", dtype={"doc_id": str})
    assert list(sentences.loc[sentences["doc_id"] == "a", "zone"]) == ["heading", "body", "body", "call_to_action"]
    markers = pd.read_csv(out / "markers.csv", dtype={"doc_id": str}, keep_default_na=False)
    a = markers[markers["doc_id"] == "a"]
    assert ("may", "hedge") in set(zip(a["matched"], a["counted_as"]))
    b = markers[markers["doc_id"] == "b"]
    assert {"proven", "game-changer", "within hours"} <= set(b["matched"])
    cov = pd.read_csv(out / "coverage.csv", dtype={"doc_id": str}).set_index(["doc_id", "concept"])
    assert cov.loc[("a", "regulatory_status"), "negated_mentions"] == 1
    assert bool(cov.loc[("b", "risks_side_effects"), "present"])
    assert not bool(cov.loc[("a", "risks_side_effects"), "present"])
    scores = pd.read_csv(out / "article_scores.csv", dtype={"doc_id": str}).set_index("doc_id")
    assert list(scores.index) == ["a", "b", "c"]
    assert scores.loc["b", "boosters_per_1k_words"] > 0 and scores.loc["c", "hedges_per_1k_words"] > 0
    assert scores.loc["a", "calls_to_action_outside_text"] == 1


def test_files_equal_the_library_functions_on_the_same_articles(tmp_path):
    corpus, out = _corpus(tmp_path), tmp_path / "out"
    score_corpus(corpus, out, n_jobs=1, n_boot=100, random_state=7)
    articles = an.load_corpus(corpus)
    sentences = an.segment(articles)
    expected = {
        "articles": score_articles(articles, sentences, n_boot=100, random_state=7, seed_per_article=True),
        "coverage": concept_coverage(sentences),
        "markers": an.stance.find_markers(sentences),
        "sentences": an.stance.sentence_stance(sentences)[0],
    }
    checked = check_claims(expected["sentences"])
    expected["claim_checks"] = checked.drop(columns=["text", "supported", "sources"])
    expected["claim_verdicts"] = article_verdicts(checked, list(articles["doc_id"]))
    assert len(checked) and set(expected) == set(OUTPUT_FILES)
    for name, table in expected.items():
        assert _read(out, name) == write_csv(table, tmp_path / f"expected_{name}.csv").read_bytes(), name


def test_per_article_bootstrap_does_not_depend_on_the_other_articles(seed_articles, seed_sentences):
    alone = seed_articles[seed_articles["doc_id"] == "002"]
    together = score_articles(seed_articles, seed_sentences, n_boot=200, seed_per_article=True)
    single = score_articles(alone, seed_sentences[seed_sentences["doc_id"] == "002"], n_boot=200, seed_per_article=True)
    pd.testing.assert_frame_equal(together[together["doc_id"] == "002"].reset_index(drop=True), single)
    shared = score_articles(alone, seed_sentences[seed_sentences["doc_id"] == "002"], n_boot=200)
    assert not shared.equals(single)  # the default draws from one generator seeded with random_state alone


def test_chunked_and_parallel_results_equal_the_serial_unchunked_run(tmp_path):
    files = {f"{name[0]}{i}{name[1:]}": text for i in range(4) for name, text in ARTICLES.items()}
    corpus = _corpus(tmp_path, files)
    runs = {
        "serial": dict(n_jobs=1, chunk_size=1000),
        "chunks of 1": dict(n_jobs=1, chunk_size=1),
        "2 workers, chunks of 5": dict(n_jobs=2, chunk_size=5),
    }
    outputs = {}
    for label, options in runs.items():
        out = tmp_path / label.replace(" ", "_").replace(",", "")
        score_corpus(corpus, out, n_boot=50, **options)
        outputs[label] = {name: _read(out, name) for name in OUTPUT_FILES}
    assert outputs["chunks of 1"] == outputs["serial"]
    assert outputs["2 workers, chunks of 5"] == outputs["serial"]
    assert outputs["serial"]["articles"].count(b"\n") == 1 + len(files)


def test_plan_chunks_read_and_concatenate_to_load_corpus(tmp_path):
    files = {f"x{i:02d}.txt": f"Article {i}\nKetamine may help, study {i} says.\n" for i in range(7)}
    files["zz.md"] = "---\ndoc_id: a00\n---\nFront matter id sorts first.\n"
    corpus = _corpus(tmp_path, files)
    chunks = [read_articles(part) for part in plan_corpus(corpus).chunks(3)]
    assert [len(c) for c in chunks] == [3, 3, 2]
    assert chunks[0]["doc_id"].iloc[0] == "a00"
    pd.testing.assert_frame_equal(pd.concat(chunks, ignore_index=True), an.load_corpus(corpus))


def test_bad_file_leaves_no_output_and_keeps_earlier_files(tmp_path):
    files = {f"a{i}.txt": "Ketamine may help.\n" for i in range(5)}
    files["a3.txt"] = b"\xff\xfe\xfa not utf-8 \x81"
    corpus, out = _corpus(tmp_path, files), tmp_path / "out"
    out.mkdir()
    (out / "markers.csv").write_text("previous run\n")
    with pytest.raises(CorpusError, match="a3.txt"):
        score_corpus(corpus, out, n_jobs=1, chunk_size=2)
    assert sorted(p.name for p in out.iterdir()) == ["markers.csv"]  # no partial tables, no temp files
    assert (out / "markers.csv").read_text() == "previous run\n"


def test_cli_score_writes_tables_and_reports_errors(tmp_path, capsys):
    corpus, out = _corpus(tmp_path), tmp_path / "out"
    assert main(["score", str(corpus), "--out", str(out), "--jobs", "1", "--n-boot", "20", "--no-progress"]) == 0
    printed = capsys.readouterr()
    assert "scored 3 articles" in printed.out and printed.err == ""
    assert sorted(p.name for p in out.iterdir()) == sorted(OUTPUT_FILES.values())
    (corpus / "d.txt").write_text("   \n")
    assert main(["score", str(corpus), "--out", str(tmp_path / "out2"), "--jobs", "1"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "d.txt" in err
    assert main(["score", str(tmp_path / "missing"), "--out", str(out)]) == 1
    assert "corpus folder not found" in capsys.readouterr().err


def test_bad_codebook_is_an_error_not_a_traceback(tmp_path, capsys):
    bad = tmp_path / "codebook.yaml"
    bad.write_text("groups: [oops\n")
    assert main(["score", str(_corpus(tmp_path)), "--out", str(tmp_path / "o"), "--codebook", str(bad)]) == 1
    assert "codebook.yaml" in capsys.readouterr().err


def test_progress_bar_only_when_asked(tmp_path, capsys):
    corpus = _corpus(tmp_path)
    score_corpus(corpus, tmp_path / "o1", n_jobs=1, n_boot=10, progress=True)
    assert "article" in capsys.readouterr().err
    score_corpus(corpus, tmp_path / "o2", n_jobs=1, n_boot=10)  # stderr is not a terminal under pytest
    assert capsys.readouterr().err == ""


def test_csv_rows_are_pandas_to_csv_text():
    import numpy as np

    from analysis.io import csv_rows

    floats = [0.0, -0.0, np.nan, np.inf, 1e6, 999999.0, -999999.0, 123456.5, 2.0 ** 53, 5e-324, 65536.0, -1.0,
              1 / 3, 4.7839, 1e-7, 1e300]
    texts = ["plain", "a,b", 'say "hi"', "two\nlines", " lead", "", "ünï ☃ 🚀", "tab\there", '"', None]
    n = 40
    table = pd.DataFrame({"f": [floats[i % len(floats)] for i in range(n)], "i": np.arange(n) * 9_999 - 70_000,
                          "b": np.arange(n) % 3 == 0, "s": pd.array([texts[i % len(texts)] for i in range(n)], dtype="str"),
                          "o": pd.Series([texts[i * 7 % len(texts)] for i in range(n)], dtype=object)})
    variants = [table, table.iloc[:0], table[["s"]], table.assign(s="a\rb"), table.assign(c=pd.Categorical(["x"] * n)),
                table.assign(n=pd.array([1] * n, dtype="Int64")), table.assign(m=pd.Series([1, "a"] * (n // 2)))]
    for t in variants:  # the last four go through pandas
        assert csv_rows(t) == t.to_csv(header=False, index=False, float_format="%.6g", lineterminator="\n")


def test_themes_assign_every_passage_the_same_way_in_any_chunking(tmp_path, seed_articles, seed_sentences):
    from analysis.batch import THEME_FILES, fit_themes
    from analysis.passages import build_passages

    corpus = an.paths.CORPUS_DIR
    outputs = {}
    for label, options in {"serial": dict(n_jobs=1, chunk_size=100), "2 workers": dict(n_jobs=2, chunk_size=2)}.items():
        out = tmp_path / label.replace(" ", "_")
        summary = score_corpus(corpus, out, n_boot=0, themes=True, theme_sample=3, **options)
        assert set(THEME_FILES) <= set(summary.files)
        outputs[label] = {name: (out / file).read_bytes() for name, file in {**OUTPUT_FILES, **THEME_FILES}.items()}
    assert outputs["2 workers"] == outputs["serial"]
    model = fit_themes(corpus, sample=3)  # the same seeded sample of 3 of the 5 articles
    passages = build_passages(an.paragraphs(seed_sentences))
    written = pd.read_csv(tmp_path / "serial" / "passages.csv", dtype={"doc_id": str, "paras": str})
    assert list(written.columns) == [c for c in passages.columns if c != "text"] + ["theme"]
    assert written["theme"].tolist() == model.predict(passages["text"]).tolist()  # all 5 articles, fitted on 3
    shares = pd.read_csv(tmp_path / "serial" / "theme_shares.csv", dtype={"doc_id": str})
    assert len(shares) == 5 * model.n_themes_
    assert shares.groupby("doc_id")["share_passages"].sum().round(5).eq(1).all()
    terms = pd.read_csv(tmp_path / "serial" / "themes.csv")
    assert sorted(terms["theme"].unique()) == list(range(model.n_themes_))


def test_themes_on_too_little_text_is_a_clear_error(tmp_path, capsys):
    corpus = _corpus(tmp_path, {"a.txt": "Ketamine may help.\n"})
    out = tmp_path / "out"
    with pytest.raises(ValueError, match=r"themes: cannot cluster the 1 passages of 1 sampled articles .*: 1 "
                       r"passage\(s\) cannot be split .* Score without --themes, or add articles\."):
        score_corpus(corpus, out, n_jobs=1, themes=True)
    assert list(out.iterdir()) == []  # nothing half-written
    assert main(["score", str(corpus), "--out", str(out), "--themes", "--theme-sample", "0"]) == 1
    assert "theme sample must be at least 1" in capsys.readouterr().err


def test_claims_are_checked_against_the_evidence_file_given(tmp_path):
    evidence = tmp_path / "evidence.csv"
    evidence.write_text("rule,claim_type,pattern,verdict,ceiling,supported,sources\n"
                        "hours,onset,\\bwithin\\s+hours\\b,ceiling,2,Nothing acts within hours.,Example 2020\n",
                        encoding="utf-8")
    out = tmp_path / "out"
    score_corpus(_corpus(tmp_path), out, n_jobs=1, n_boot=0, evidence=evidence)
    checks = pd.read_csv(out / "claim_checks.csv", dtype={"doc_id": str}, keep_default_na=False)
    assert set(checks["rule"]) <= {"hours", ""} and (checks["rule"] == "hours").any()
    assert set(checks.loc[checks["rule"] == "hours", "verdict"]) == {"overstated"}
    bad = tmp_path / "bad.csv"
    bad.write_text(evidence.read_text(encoding="utf-8").replace("ceiling,2", "ceiling,9"), encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad\.csv, line 2, rule 'hours'.*1–6"):
        score_corpus(_corpus(tmp_path), tmp_path / "out2", n_jobs=1, n_boot=0, evidence=bad)
    assert not (tmp_path / "out2" / "claim_checks.csv").exists()
