"""Command line: ``python -m analysis COMMAND``.

Commands: ``report`` (what ``make report`` runs), ``validate``, ``strip`` and ``score``; this module only
parses arguments and prints. A bad input prints ``error: ...`` on stderr and exits with status 1.
"""
from __future__ import annotations

import argparse
import sys
import warnings

__all__ = ["main", "build_parser"]


def build_parser() -> argparse.ArgumentParser:
    """The ``python -m analysis`` parser: one sub-command each, its handler in ``args.run``."""
    parser = argparse.ArgumentParser(prog="python -m analysis", description="The analysis commands (README.md).")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("report", help="run the six notebooks on a corpus: one HTML report with its findings, "
                                      "and the figures (PNG, SVG, PDF)")
    p.add_argument("--corpus", help="corpus folder (default: the project's corpus/)")
    p.add_argument("--out", help="output folder (default: figures/ and report/ in the project)")
    p.add_argument("--jobs", type=int, help="notebooks executed at once (default: cores, at most 2)")
    _file_arguments(p)
    _group_arguments(p, "notebook 05 compares the groups of this manifest / front-matter column (default: kind)")
    p.set_defaults(run=_report)

    p = sub.add_parser("validate", help="agreement of the measures with human ratings, labels or coded sentences")
    p.add_argument("file", help="a .jsonl (text, certainty[, split]) or .csv (text, label) file of labelled sentences, "
                                "or a .csv in the coding format, or a claim-check coding (key, claims)")
    p.add_argument("--split", help="only rows whose 'split' column has this value (e.g. val)")
    p.add_argument("--boot", type=int, default=2000,
                   help="resamples for the 95%% bootstrap intervals (default 2000; 0: none)")
    p.add_argument("--seed", type=int, default=0, help="seed of the bootstrap (default 0)")
    p.add_argument("--source", help="coded sentences: only those of this source (e.g. seed, abstract, press)")
    p.set_defaults(run=_validate)

    p = sub.add_parser("strip", help="strip outputs from notebooks (in place)")
    p.add_argument("paths", nargs="+", help="notebook files (.ipynb) to strip of outputs and execution counts")
    p.set_defaults(run=_strip)

    p = sub.add_parser("score", help="score a corpus folder into CSV tables (streams large corpora in chunks)")
    p.add_argument("corpus", help="corpus folder (.txt/.md/.html files, optional manifest.csv)")
    p.add_argument("--out", required=True, help="output folder for sentences.csv, markers.csv, article_scores.csv, "
                                                "coverage.csv, claim_checks.csv, claim_verdicts.csv")
    p.add_argument("--jobs", type=int, help="worker processes (default: all cores)")
    p.add_argument("--chunk-size", type=int, help="articles per chunk (default 500, fewer for a small corpus)")
    p.add_argument("--lexicon", help="stance lexicon: bundled name (stance, naive) or .csv/.dic file")
    _file_arguments(p)
    p.add_argument("--n-boot", type=int, default=2000,
                   help="bootstrap resamples per article for the confidence intervals (default 2000; 0: none)")
    p.add_argument("--seed", type=int, default=0, help="seed of the bootstrap and the theme sample (default 0)")
    p.add_argument("--themes", action="store_true",
                   help="also fit themes on a sample of articles and assign every passage (passages.csv, "
                        "theme_shares.csv, themes.csv, theme_selection.csv)")
    p.add_argument("--theme-sample", type=int, default=2000, help="articles the themes are fitted on (default 2000)")
    p.add_argument("--no-progress", action="store_true", help="no progress bar (it is off anyway when not a TTY)")
    _group_arguments(p, "also compare the groups of this manifest / front-matter column (group_units.csv, "
                        "group_summary.csv, group_tests.csv)")
    p.set_defaults(run=_score)
    return parser


def _file_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--codebook", help="concept codebook .yaml file (default: src/analysis/data/codebook.yaml)")
    p.add_argument("--evidence", help="evidence file the claims are checked against (default: "
                                      "src/analysis/data/evidence/ketamine_ptsd.csv)")


def _group_arguments(p: argparse.ArgumentParser, what: str) -> None:
    p.add_argument("--group-by", metavar="COLUMN", help=what)
    p.add_argument("--unit", choices=("article", "organization"), default=None,
                   help="unit of the group comparison: article, or organization (its pages pooled; default article)")


def main(argv: list[str] | None = None) -> int:
    """Run one command; return the exit status (0: done, 1: an input error, printed on stderr)."""
    args = build_parser().parse_args(argv)
    warnings.formatwarning = _one_line  # a researcher's warning, not Python's source line
    from . import CodebookError, CorpusError, LexiconError
    from .io import OutputError
    from .notebook import NotebookError

    try:
        args.run(args)
    except (CorpusError, OutputError, NotebookError, LexiconError, CodebookError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


def _one_line(message, category, filename, lineno, line=None) -> str:
    return f"warning: {message}\n"


def _report(args) -> None:
    from .report import build_report
    build_report(args.corpus, args.out, jobs=args.jobs, group_by=args.group_by, unit=args.unit,
                 codebook=args.codebook, evidence=args.evidence)


def _validate(args) -> None:
    from pathlib import Path

    from .agreement import agreement_intervals, agreement_long, is_coding_file, of_source, read_coding
    from .validation import validate_file

    table = validate_file(args.file, split=args.split, n_boot=args.boot, seed=args.seed, source=args.source)
    if args.boot and is_coding_file(args.file):  # the long format, which has room for the intervals
        coding = of_source(read_coding(args.file), args.source, args.file)
        intervals = agreement_intervals(coding, Path(args.file).name, args.boot, args.seed)
        table = agreement_long(table, intervals)
    if args.boot:
        print(f"ci_low, ci_high: 95% bootstrap interval, {args.boot} resamples (coded sentences: the documents "
              "of each source and part, then the sentences of each document)")
    print(table.to_string(index=False))


def _strip(args) -> None:
    from .notebook import strip_outputs
    for path in args.paths:
        if strip_outputs(path):
            print(f"stripped {path}")


def _score(args) -> None:
    from .batch import score_corpus
    summary = score_corpus(args.corpus, args.out, chunk_size=args.chunk_size, n_jobs=args.jobs,
                           lexicon=args.lexicon, codebook=args.codebook, evidence=args.evidence, n_boot=args.n_boot,
                           random_state=args.seed, progress=False if args.no_progress else None,
                           themes=args.themes, theme_sample=args.theme_sample, group_by=args.group_by,
                           unit=args.unit or "article")
    print(f"scored {summary.n_articles:,} articles ({summary.n_chars / 1e6:.2f} MB, "
          f"{summary.n_sentences:,} sentences, {summary.n_markers:,} markers) in {summary.seconds:.1f} s "
          f"on {summary.n_jobs} process(es): {summary.n_chars / 1e6 / summary.seconds:.2f} MB/s")
    for path in summary.files.values():
        print(f"wrote {path}")
    for message in summary.group_messages:
        print(f"groups: {message}")
