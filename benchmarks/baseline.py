"""The commit to compare with, for ``bench_scale.py --baseline REV``: a git worktree of it, its own
benchmark run in a child interpreter, and the library's line counts.

The baseline's ``benchmarks/bench_scale.py`` runs unchanged, as a subprocess of the same interpreter
(``sys.executable``, so the same venv and library versions) with ``PYTHONPATH=<worktree>/src``, so
``import analysis`` loads the baseline's code. A few lines of glue record the rows its ``run()``
returns (it prints a table and writes no file) and write them to a JSON file; its printed table is
returned as well.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

#: modules that other issues add to the library: not counted in issue 14's size target (issue 15: agreement with a
#: coder, context rules of the stance markers and where they are tried, the claim finder; issue 16: article labels,
#: markup-aware reading, findings and their figure layout; issue 17: group comparisons)
OTHER_ISSUES = ("analysis/agreement.py", "analysis/stance_rules.py", "analysis/rule_finder.py", "analysis/claims.py",
                "analysis/labels.py", "analysis/markup.py", "analysis/findings.py", "analysis/wording.py",
                "analysis/figures/layout.py", "analysis/groups.py", "analysis/group_counts.py", "analysis/effects.py",
                "analysis/group_findings.py", "analysis/figures/groups.py", "analysis/claim_check.py",
                "analysis/claim_findings.py", "analysis/figures/claims.py")

# run in the child: the baseline's bench_scale.main() as its command line would, recording run()'s rows
_RUN_OLD = """
import json, sys
sys.path.insert(0, {bench_dir!r})
import bench_scale
import analysis
assert analysis.__file__.startswith({src!r}), analysis.__file__
rows, run = [], bench_scale.run
def recording(*args, **kwargs):
    out = run(*args, **kwargs)
    rows.extend(out)
    return out
bench_scale.run = recording
sys.argv = ["bench_scale.py", *{args!r}]
bench_scale.main()
with open({out!r}, "w") as handle:
    json.dump(rows, handle, default=float)
"""

# run in the child: score the seed corpus once, so that numba compiles (and caches) every kernel
_WARM = """
import analysis as an
assert an.__file__.startswith({src!r}), an.__file__
articles = an.load_corpus()
sentences = an.segment(articles)
an.score_articles(articles, sentences, n_boot=20)
an.concept_coverage(sentences)
"""


def _git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True).stdout.strip()


def worktree(rev: str, cache: Path) -> Path:
    """A checkout of ``rev`` in ``cache`` (a detached git worktree, made once and reused)."""
    repo = Path(_git(Path(__file__).parent, "rev-parse", "--show-toplevel"))
    sha = _git(repo, "rev-parse", "--verify", f"{rev}^{{commit}}")
    path = cache / f"baseline-{sha[:12]}"
    if path.exists():
        try:
            if _git(path, "rev-parse", "HEAD") == sha:
                return path
        except subprocess.CalledProcessError:
            pass
        raise SystemExit(f"{path} exists but is not a worktree of {sha[:12]}; remove it (git worktree remove).")
    cache.mkdir(parents=True, exist_ok=True)
    _git(repo, "worktree", "prune")
    _git(repo, "worktree", "add", "--detach", str(path), sha)
    return path


def env_with(src: Path | None) -> dict:
    """This process's environment with ``src`` first on ``PYTHONPATH`` (the library a child imports)."""
    env = dict(os.environ)
    if src is not None:
        env["PYTHONPATH"] = os.pathsep.join([str(src)] + ([env["PYTHONPATH"]] if env.get("PYTHONPATH") else []))
    return env


def warm(src: Path) -> None:
    """Score the seed corpus once with the library in ``src`` (compiles and caches its numba kernels)."""
    subprocess.run([sys.executable, "-c", _WARM.format(src=str(src))], check=True, env=env_with(src),
                   stdout=subprocess.DEVNULL)


def run_old(tree: Path, args: list[str]) -> tuple[list[dict], str]:
    """Run the baseline's ``benchmarks/bench_scale.py`` with ``args``: (its rows, its printed table)."""
    src = tree / "src"
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "rows.json"
        code = _RUN_OLD.format(bench_dir=str(tree / "benchmarks"), src=str(src), args=list(args), out=str(out))
        done = subprocess.run([sys.executable, "-c", code], check=True, env=env_with(src), cwd=tree,
                              stdout=subprocess.PIPE, text=True)
        return json.loads(out.read_text()), done.stdout


def line_counts(package: Path) -> dict[str, int]:
    """``wc -l`` of every ``.py`` file under ``package`` (the ``analysis`` folder), keyed ``analysis/<path>``."""
    return {f"{package.name}/{p.relative_to(package).as_posix()}": p.read_bytes().count(b"\n")
            for p in sorted(package.rglob("*.py")) if "__pycache__" not in p.parts}


def describe(path: Path) -> str:
    """The commit checked out at ``path`` (``git describe --always --dirty``: ``-dirty`` = uncommitted changes)."""
    return _git(path, "describe", "--always", "--dirty")
