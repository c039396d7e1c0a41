"""Command line: ``python -m analysis COMMAND``.

Commands
--------
report    execute the notebooks on a corpus and export figures (what ``make report`` runs)
validate  check the certainty scorer against human-labelled sentences
strip     remove outputs from notebooks before committing
"""
from __future__ import annotations

import argparse
import sys


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m analysis", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("report", help="execute the notebooks and export figures")
    p.add_argument("--corpus", help="corpus folder (default: the project's corpus/)")
    p.add_argument("--out", help="output folder (default: figures/ and report/ in the project)")
    p.add_argument("--jobs", type=int, help="notebooks executed at once (default: cores, at most 2)")

    p = sub.add_parser("validate", help="correlate the certainty score with human ratings or labels")
    p.add_argument("file", help="a .jsonl (text, certainty[, split]) or .csv (text, label) file of labelled sentences")
    p.add_argument("--split", help="only rows whose 'split' column has this value (e.g. val)")

    p = sub.add_parser("strip", help="strip outputs from notebooks (in place)")
    p.add_argument("paths", nargs="+")

    args = parser.parse_args(argv)
    from .corpus import CorpusError
    from .io import OutputError
    from .notebook import NotebookError

    try:
        if args.command == "report":
            from .report import build_report
            build_report(args.corpus, args.out, jobs=args.jobs)
        elif args.command == "validate":
            from .validation import validate_file
            print(validate_file(args.file, split=args.split).to_string(index=False))
        elif args.command == "strip":
            from .notebook import strip_outputs
            for path in args.paths:
                if strip_outputs(path):
                    print(f"stripped {path}")
    except (CorpusError, OutputError, NotebookError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
