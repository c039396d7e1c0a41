"""The large-corpus runner: score a corpus folder in chunks into CSV tables.

Chunks of articles (in ``doc_id`` order) are read, scored, coded and their claims checked
(:mod:`analysis.claim_check`) by joblib workers, one per core, at most two chunks per worker in flight
(bounded memory). Every measure is per article (one bootstrap generator per article), so the files,
moved into place only when the whole corpus is scored, are byte-identical for any chunk size or
number of workers. Themes are fitted on a seeded sample first; groups are compared once every chunk
is in (:func:`analysis.groups.compare_groups`). How it runs: ``docs/pipeline.md``.
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

    @property
    def mb_per_s(self) -> float:
        """Characters scored per second, in millions (≈ MB of text for English)."""
        return self.n_chars / 1e6 / self.seconds if self.seconds else float("nan")


def score_articles_table(articles: pd.DataFrame, *, lexicon=None, codebook=None, evidence=None, n_boot: int = 2000,
                         random_state: int | None = 0, theme_model: ThemeModel | None = None
                         ) -> dict[str, pd.DataFrame]:
    """The output tables for one table of articles (one chunk), in memory.

    Parameters
    ----------
    articles : DataFrame
        From :func:`analysis.load_corpus` or :func:`analysis.corpus.read_articles`.
    lexicon, codebook, evidence, n_boot, random_state
        As in :func:`score_corpus` (one bootstrap generator per article).
    theme_model : ThemeModel, optional
        Fitted: adds the ``passages`` (with their ``theme``) and ``theme_shares`` tables.

    Returns
    -------
    dict of DataFrame
        ``sentences`` and ``markers`` (:func:`analysis.stance.sentence_stance`), ``articles``
        (:func:`analysis.stance.article_scores`), ``coverage`` (:func:`analysis.concepts.concept_coverage`),
        ``claim_checks`` and ``claim_verdicts`` (:mod:`analysis.claim_check`) [, ``passages``, ``theme_shares``].
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
    """Fit a :class:`~analysis.themes.ThemeModel` on the passages of a random sample of articles.

    Parameters
    ----------
    corpus : path-like, CorpusPlan or None
        Corpus folder (``None``: the project's corpus) or its plan.
    sample, random_state : int
        Articles drawn without replacement (2,000 clinic pages give ~30,000 passages, enough for the
        recurring themes); the seed of the sample and of the model.
    n_jobs : int, optional
        Processes the candidate numbers of themes are fitted in (the model does not depend on it).

    Raises
    ------
    ValueError
        Too few passages to cluster.
    """
    plan = corpus if isinstance(corpus, CorpusPlan) else plan_corpus(corpus)
    if int(sample) < 1:
        raise ValueError(f"the theme sample must be at least 1 article, got {sample!r}.")
    rng = np.random.default_rng(random_state)
    pick = np.sort(rng.choice(len(plan), size=min(int(sample), len(plan)), replace=False))
    sampled = CorpusPlan(plan.folder, [plan.entries[i] for i in pick])
    passages = build_passages(paragraphs(segment(read_articles(sampled))))
    from .themes import ThemeModel
    try:
        return ThemeModel(random_state=random_state, n_jobs=n_jobs).fit(passages["text"])
    except ValueError as exc:
        raise ValueError(f"themes: cannot cluster the {len(passages)} passages of {len(pick)} sampled articles "
                         f"of {plan.folder} ({exc}).") from exc


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
    """Score every article of a corpus folder and write the tables (see the module docstring) to ``out``.

    Parameters
    ----------
    corpus : path-like or None
        Corpus folder (as :func:`analysis.load_corpus`; ``None`` = the project's corpus).
    out : path-like
        Output folder (created if needed); see :data:`OUTPUT_FILES`.
    chunk_size : int, optional
        Articles per chunk: memory grows with it, results do not change. Default: :data:`CHUNK_SIZE`,
        or fewer for a small corpus, so every worker gets several chunks.
    n_jobs : int, optional
        Worker processes (default: every core). ``1`` scores in this process.
    lexicon, codebook, evidence : path, optional
        Stance lexicon (or a bundled lexicon's name), concept codebook (compiled once per process) and the
        evidence file claims are checked against (:func:`analysis.claim_check.load_evidence`); default: bundled.
    n_boot : int
        Bootstrap resamples for the article confidence intervals (0: none; the CI columns are empty).
    random_state : int or None
        Seed of the bootstrap (combined with each ``doc_id``), the theme sample and the model.
    progress : bool, optional
        Show a progress bar on stderr (default: only when stderr is a terminal).
    themes, theme_sample : bool, int
        Also fit themes on a sample of ``theme_sample`` articles (:func:`fit_themes`) and assign every passage
        (:data:`THEME_FILES`).
    group_by, unit : str
        A manifest or front-matter column whose groups are also compared (:data:`GROUP_FILES`; what could not
        be, in ``ScoreSummary.group_messages``) and the unit, ``article`` or ``organization``.

    Returns
    -------
    ScoreSummary
        Counts, time and the files written.

    Raises
    ------
    CorpusError
        A bad corpus (the message names the file); no output file is left behind.
    OutputError
        ``out`` cannot be written.
    ValueError
        Bad parameters, or (``themes``) too few passages to cluster.
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

