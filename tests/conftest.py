"""Shared fixtures. Paths come from analysis.paths, never from the working directory."""
from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

import analysis as an
from analysis.paths import CORPUS_DIR, PROJECT_ROOT

SHARED_DATA = PROJECT_ROOT.parent / "shared" / "data"


@pytest.fixture(scope="session")
def seed_articles():
    return an.load_corpus()


@pytest.fixture(scope="session")
def seed_sentences(seed_articles):
    return an.segment(seed_articles)


def corpus_hashes(folder: Path = CORPUS_DIR) -> dict[str, str]:
    """SHA-256 of every file in a corpus folder (to prove nothing was written into it)."""
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.fixture(scope="session", autouse=True)
def corpus_untouched():
    """Every test session must leave the project's corpus byte-identical."""
    before = corpus_hashes()
    yield
    assert corpus_hashes() == before, "the test session modified corpus/"


def write_corpus(folder: Path, files: dict[str, str | bytes]) -> Path:
    """Create a corpus folder from {file name: text or bytes}."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        path = folder / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return folder
