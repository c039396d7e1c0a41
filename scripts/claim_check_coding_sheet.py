"""Write a blind coding sheet of a corpus's claim sentences, to validate the claim checks against a coder.

The sheet holds what a coder needs and nothing of the checks' verdicts: ``key`` (``doc_id:sent``), ``zone``,
``context`` (the sentence before) and ``sentence``, one row per sentence the checks look at
(:func:`analysis.claim_check.check_claims`: the claim sentences, and the body and heading sentences where a claim-type
pattern matches). ``evidence_reference.md`` beside it gives, per claim type, each evidence statement of the evidence
file with its verdict (false, true, or the strongest wording supported), without the patterns. The coder follows
``docs/claim_check_codebook.md`` and returns ``key,claims``; join those codes with the sheet's ``sentence`` and
``zone`` and a ``source``, ``doc`` and ``part`` column, and ``python -m analysis validate FILE`` reports the agreement
(:mod:`analysis.claim_check_agreement`). ``tests/data/coded_claim_checks.csv`` was made this way.

Usage: .venv/bin/python scripts/claim_check_coding_sheet.py CORPUS_DIR OUT_DIR [--evidence FILE]
"""
from __future__ import annotations

import argparse
from pathlib import Path

import analysis as an
from analysis.claim_check import check_claims, load_evidence
from analysis.io import write_csv
from analysis.stance import sentence_stance

LEVELS = {2: "stacked hedges only", 3: 'may / might / could, or "some people"',
          4: "one soft hedge (often, can, generally, many)", 5: "a plain statement",
          6: "boosted (proven, definitely, always, will)"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus")
    parser.add_argument("out")
    parser.add_argument("--evidence", help="evidence file (default: the project's)")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    articles = an.load_corpus(args.corpus)
    table = sentence_stance(an.segment(articles))[0].sort_values(["doc_id", "sent"])
    table["context"] = table.groupby("doc_id")["text"].shift(fill_value="")
    checked = check_claims(table, args.evidence)[["doc_id", "sent"]].drop_duplicates()
    sheet = table.merge(checked, on=["doc_id", "sent"])
    sheet["key"] = sheet["doc_id"].astype(str) + ":" + sheet["sent"].astype(str)
    write_csv(sheet[["key", "zone", "context", "text"]].rename(columns={"text": "sentence"}), out / "sheet.csv")

    lines = ["# What the evidence supports, by claim type", "",
             "Each line: the kind of claim, what the evidence says, and the verdict it gives a claim of that kind.", ""]
    for kind, rules in load_evidence(args.evidence).groupby("claim_type", sort=False):
        lines += [f"## {kind}"]
        for rule in rules.itertuples():
            verdict = {"false": "FALSE as stated", "true": "TRUE as stated"}.get(rule.verdict)
            verdict = verdict or f"strongest supported wording: level {int(rule.ceiling)} ({LEVELS[int(rule.ceiling)]})"
            lines.append(f"- {rule.rule.replace('-', ' ')}: {rule.supported} -> {verdict}")
        lines.append("")
    (out / "evidence_reference.md").write_text("\n".join(lines), encoding="utf-8")
    print(f"wrote {out / 'sheet.csv'} ({len(sheet)} sentences) and {out / 'evidence_reference.md'}")


if __name__ == "__main__":
    main()
