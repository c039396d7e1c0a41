"""The large-corpus runner: score a corpus folder in chunks, by joblib workers, into CSV tables.

The files replace the outputs only when the whole corpus is scored and are byte-identical for any chunk size or
number of workers (every measure is per article). How it runs, and why: ``docs/pipeline.md``.
"""
from __future__ import annotations

import os
import sys
import time
from contextlib import ExitStack
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import joblib
import numpy as np
import pandas as pd

from .claim_check import article_verdicts, check_claims, load_evidence
from .concepts import CODEBOOK_PATH, concept_coverage, load_codebook
from .corpus import CorpusPlan, plan_corpus, read_articles
from .io import CSV_OPTIONS, atomic_path, csv_rows, ensure_writable_dir
from .passages import build_passages
from .segment import paragraphs, segment
from .stance import article_scores, load_stance_lexicon, load_weights, sentence_stance

if TYPE_CHECKING:  # scikit-learn is imported only when themes are asked for (1.6 s per worker otherwise)
    from .themes import ThemeModel

__all__ = ["score_corpus", "score_articles_table", "fit_themes", "ScoreSummary", "OUTPUT_FILES", "THEME_FILES",
           "GROUP_FILES", "CHUNK_SIZE"]

#: table name -> file name written by :func:`score_corpus` (the tables of :func:`score_articles_table`)
OUTPUT_FILES = {"sentences": "sentences.csv", "markers": "markers.csv", "articles": "article_scores.csv",
                "coverage": "coverage.csv", "claim_checks": "claim_checks.csv", "claim_verdicts": "claim_verdicts.csv"}
#: the extra tables of ``score_corpus(themes=True)``: passages with their theme, theme shares, terms, choice of k
THEME_FILES = {"passages": "passages.csv", "theme_shares": "theme_shares.csv", "themes": "themes.csv",
               "theme_selection": "theme_selection.csv"}
#: the group comparison of ``score_corpus(group_by=...)`` (:class:`analysis.groups.GroupComparison`)
GROUP_FILES = {"group_units": "group_units.csv", "group_summary": "group_summary.csv",
               "group_tests": "group_tests.csv"}
#: default articles per chunk (smaller chunks score slower; larger ones hold more memory)
CHUNK_SIZE = 500


@dataclass
class ScoreSummary:
    """What :func:`score_corpus` did: counts, size, time and the files written."""

    n_articles: int = 0
    n_sentences: int = 0
    n_markers: int = 0
    n_chars: int = 0
    seconds: float = 0.0
    n_jobs: int = 1
    files: dict = field(default_factory=dict)
    group_messages: list = field(default_factory=list)


def score_articles_table(articles: pd.DataFrame, *, lexicon=None, codebook=None, evidence=None, n_boot: int = 2000,
                         random_state: int | None = 0, theme_model: ThemeModel | None = None
                         ) -> dict[str, pd.DataFrame]:
    """The output tables of one table of articles (one chunk), in memory, by name.

    ``sentences`` and ``markers`` (:func:`analysis.stance.sentence_stance`), ``articles``
    (:func:`analysis.stance.article_scores`), ``coverage`` (:func:`analysis.concepts.concept_coverage`),
    ``claim_checks`` and ``claim_verdicts`` (:mod:`analysis.claim_check`); a fitted ``theme_model`` adds
    ``passages`` (with their ``theme``) and ``theme_shares``. The other options are as in :func:`score_corpus`.
    """
    sentences = segment(articles)
    table, markers = sentence_stance(sentences, lexicon)
    scores = article_scores([str(d) for d in articles["doc_id"]], table, lexicon, n_boot, random_state,
                             seed_per_article=True)
    coverage = concept_coverage(sentences, _codebook_cached(codebook))
    checked = check_claims(table, load_evidence(evidence))
    tables = {"sentences": table, "markers": markers, "articles": scores, "coverage": coverage,
              # the sentence's text is in sentences.csv (doc_id, sent) and the evidence in the evidence file (rule)
              "claim_checks": checked.drop(columns=["text", "supported", "sources"]),
              "claim_verdicts": article_verdicts(checked, [str(d) for d in articles["doc_id"]])}
    if theme_model is not None:
        from .themes import theme_shares
        passages = build_passages(paragraphs(sentences))
        labels = theme_model.predict(passages["text"]) if len(passages) else np.zeros(0, dtype=np.int64)
        tables["passages"] = passages.drop(columns="text").assign(theme=labels.astype("int64"))
        tables["theme_shares"] = theme_shares(passages, labels, theme_model.theme_labels_,
                                              n_themes=theme_model.n_themes_)
    return tables


def fit_themes(corpus: str | os.PathLike | CorpusPlan | None, *, sample: int = 2000,
               random_state: int | None = 0, n_jobs: int | None = None) -> ThemeModel:
    """Fit a :class:`~analysis.themes.ThemeModel` on the passages of ``sample`` articles drawn without
    replacement (seeded by ``random_state``, as is the model) from a corpus folder or its plan.

    ``n_jobs`` processes fit the candidate numbers of themes (the model does not depend on it). A ``ValueError``
    says when there are too few passages to cluster.
    """
    plan = corpus if isinstance(corpus, CorpusPlan) else plan_corpus(corpus)
    if int(sample) < 1:
        raise ValueError(f"the theme sample must be at least 1 article, got {sample!r}.")
    rng = np.random.default_rng(random_state)
    pick = np.sort(rng.choice(len(plan), size=min(int(sample), len(plan)), replace=False))
    sampled = CorpusPlan(plan.folder, [plan.entries[i] for i in pick])
    passages = build_passages(paragraphs(segment(read_articles(sampled))))
    from .themes import ThemeModel, theme_candidates
    model = ThemeModel(random_state=random_state, n_jobs=n_jobs)
    if why := theme_candidates(passages["text"], model.k_range, model.min_df)[1]:
        raise ValueError(f"themes: cannot cluster the {len(passages)} passages of {len(pick)} sampled articles of "
                         f"{plan.folder}: {why}. Score without --themes, or add articles.")
    return model.fit(passages["text"])


def _codebook_cached(path: str | os.PathLike | None):
    """The codebook compiled once per process and file version."""
    file = Path(CODEBOOK_PATH if path is None else path)
    return _codebook(str(file), file.stat().st_mtime_ns if file.exists() else None)


@lru_cache(maxsize=4)
def _codebook(path: str, stamp):
    return load_codebook(path)


def _score_chunk(chunk: CorpusPlan, options: dict, theme_model: ThemeModel | None, group_by: str | None = None
                 ) -> tuple[dict[str, tuple[list, str]], dict, pd.DataFrame | None]:
    """One job: each table of a chunk as (columns, CSV body), the counts, and the articles' group counts."""
    articles = read_articles(chunk)
    tables = score_articles_table(articles, theme_model=theme_model, **options)
    out = {name: (list(t.columns), csv_rows(t)) for name, t in tables.items()}
    counts = {"n_articles": len(articles), "n_sentences": len(tables["sentences"]),
              "n_markers": len(tables["markers"]), "n_chars": int(articles["text"].str.len().sum())}
    grouped = None
    if group_by is not None:
        from .group_counts import article_counts  # not .groups: the workers need no scipy.stats
        if group_by not in articles:  # a front-matter column other chunks may have
            articles = articles.assign(**{group_by: pd.NA})
        grouped = article_counts(articles, tables["articles"], tables["coverage"], tables.get("theme_shares"),
                                 group_by=group_by)
    return out, counts, grouped


def _write_groups(handles: dict, grouped: list, group_by: str, unit: str, codebook, n_boot: int, random_state,
                  model) -> list[str]:
    """Compare the groups of every article's counts; write the three group tables; return the messages."""
    from .groups import compare_groups

    comparison = compare_groups(pd.concat(grouped, ignore_index=True), unit=unit, group_by=group_by,
                                codebook=codebook, n_boot=n_boot, random_state=random_state,
                                theme_labels=None if model is None else model.theme_labels_)
    for name, table in (("group_units", comparison.units), ("group_summary", comparison.summary),
                        ("group_tests", comparison.tests)):
        handles[name].write(pd.DataFrame(columns=table.columns).to_csv(**CSV_OPTIONS) + csv_rows(table))
    return comparison.messages


def score_corpus(corpus: str | os.PathLike | None, out: str | os.PathLike, *, chunk_size: int | None = None,
                 n_jobs: int | None = None, lexicon: str | os.PathLike | None = None,
                 codebook: str | os.PathLike | None = None, evidence: str | os.PathLike | None = None,
                 n_boot: int = 2000, random_state: int | None = 0, progress: bool | None = None,
                 themes: bool = False, theme_sample: int = 2000, group_by: str | None = None,
                 unit: str = "article") -> ScoreSummary:
    """Score every article of a corpus folder (``None``: the project's) into the :data:`OUTPUT_FILES` in ``out``.

    ``n_jobs`` worker processes (default every core; ``1``: this process) score chunks of ``chunk_size`` articles
    (memory grows with it, results do not change; default :data:`CHUNK_SIZE`, or fewer so that every worker gets
    several chunks). ``lexicon`` (a file or a bundled lexicon's name), ``codebook`` and ``evidence`` (the file claims
    are checked against, :func:`analysis.claim_check.load_evidence`) default to the bundled ones. ``n_boot``: bootstrap
    resamples per article (0: the CI columns are empty); ``random_state`` seeds them (with each ``doc_id``), the theme
    sample and the model. ``progress``: a bar on stderr (default: only when stderr is a terminal). ``themes``: also
    fit themes on ``theme_sample`` articles (:func:`fit_themes`) into :data:`THEME_FILES`. ``group_by``: a manifest or
    front-matter column whose groups are compared by ``unit`` (``article`` or ``organization``) into
    :data:`GROUP_FILES` (what could not be: ``ScoreSummary.group_messages``).

    Raises :class:`CorpusError` naming the file of a bad corpus (no output file is left behind),
    :class:`OutputError` if ``out`` cannot be written, ``ValueError`` for bad parameters or too few passages.
    """
    from tqdm import tqdm

    t0 = time.perf_counter()
    if chunk_size is not None and int(chunk_size) < 1:
        raise ValueError(f"chunk_size must be at least 1, got {chunk_size!r}.")
    n_jobs = joblib.cpu_count() if n_jobs is None else int(n_jobs)
    if n_jobs < 1:
        raise ValueError(f"n_jobs must be at least 1, got {n_jobs!r}.")
    if unit not in ("article", "organization"):
        raise ValueError(f"unit must be 'article' or 'organization', got {unit!r}.")
    plan = plan_corpus(corpus)
    if chunk_size is None:  # several chunks per worker keep the cores busy to the end
        chunk_size = max(1, min(CHUNK_SIZE, -(-len(plan) // (4 * n_jobs))))
    out = ensure_writable_dir(out)
    # load (and validate) lexicon, weights and codebook once, before any worker starts
    options = {"lexicon": lexicon, "codebook": codebook, "evidence": evidence, "n_boot": int(n_boot),
               "random_state": random_state}
    load_stance_lexicon(lexicon), load_weights(), _codebook_cached(codebook), load_evidence(evidence)
    chunks = plan.chunks(int(chunk_size))
    n_jobs = min(n_jobs, len(chunks))
    show = sys.stderr.isatty() if progress is None else bool(progress)
    summary = ScoreSummary(n_jobs=n_jobs)
    files = {**OUTPUT_FILES, **(THEME_FILES if themes else {}), **(GROUP_FILES if group_by else {})}
    with ExitStack() as stack:
        tmp = {name: stack.enter_context(atomic_path(out / file)) for name, file in files.items()}
        handles = {name: stack.enter_context(open(path, "w", encoding="utf-8", newline=""))
                   for name, path in tmp.items()}
        model = None
        if themes:
            if show:
                print(f"fitting themes on {min(int(theme_sample), len(plan)):,} sampled articles", file=sys.stderr)
            model = fit_themes(plan, sample=theme_sample, random_state=random_state, n_jobs=n_jobs)
            terms = model.theme_terms_.copy()
            terms.insert(1, "label", terms["theme"].map(model.theme_labels_))
            handles["themes"].write(terms.to_csv(**CSV_OPTIONS))
            handles["theme_selection"].write(model.selection_.to_csv(**CSV_OPTIONS))
        bar = stack.enter_context(tqdm(total=len(plan), unit="article", file=sys.stderr, disable=not show,
                                       desc="scoring", smoothing=0.1))
        # results come back in chunk order; at most 2 chunks per worker are in flight (bounded memory)
        parallel = stack.enter_context(joblib.Parallel(n_jobs=n_jobs, return_as="generator", batch_size=1,
                                                       pre_dispatch="2 * n_jobs"))
        results = parallel(joblib.delayed(_score_chunk)(chunk, options, model, group_by) for chunk in chunks)
        grouped = []
        for i, (tables, counts, group_counts) in enumerate(results):
            grouped.append(group_counts)
            for name, (columns, body) in tables.items():
                if i == 0:  # the header, from the first chunk's columns
                    handles[name].write(pd.DataFrame(columns=columns).to_csv(**CSV_OPTIONS))
                handles[name].write(body)
            for key, value in counts.items():
                setattr(summary, key, getattr(summary, key) + value)
            bar.update(counts["n_articles"])
        if group_by:
            summary.group_messages = _write_groups(handles, grouped, group_by, unit, codebook, n_boot, random_state,
                                                   model)
    summary.files = {name: out / file for name, file in files.items()}
    summary.seconds = time.perf_counter() - t0
    return summary

