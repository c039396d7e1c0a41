"""The README's Python API section runs as written (so it stays true)."""
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

README = Path(__file__).resolve().parents[1] / "README.md"


def api_code() -> str:
    text = README.read_text(encoding="utf-8")
    section = text.split("## Python API", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```python\n(.*?)```", section, flags=re.S)
    assert len(blocks) == 1, "the Python API section holds one python code block"
    return blocks[0]


def test_the_api_section_is_short_and_covers_the_steps():
    code = api_code()
    assert 10 <= len(code.strip().splitlines()) <= 15
    for step in ("load_corpus", "segment", "score_articles", "concept_coverage", "save_figure"):
        assert step in code


@pytest.mark.slow
def test_the_readme_api_code_runs(tmp_path):
    """Run in a fresh interpreter in an empty folder: the figure lands there, nothing else is touched."""
    env = {**os.environ, "MPLBACKEND": "Agg"}
    run = subprocess.run([sys.executable, "-c", api_code()], cwd=tmp_path, env=env, capture_output=True, text=True,
                         timeout=600)
    assert run.returncode == 0, run.stderr[-3000:]
    assert "hedges_per_1k_words" in run.stdout and "certainty_index" in run.stdout
    written = sorted(p.name for p in (tmp_path / "my_figures").iterdir())
    assert written == [f"hedging_promotion_map.{ext}" for ext in ("csv", "pdf", "png", "svg")]
