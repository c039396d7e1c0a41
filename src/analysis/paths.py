"""Project paths, resolved from the package location (never the working directory)."""
from __future__ import annotations

from pathlib import Path

__all__ = ["PACKAGE_DIR", "DATA_DIR", "PROJECT_ROOT", "CORPUS_DIR", "FIGURES_DIR", "NOTEBOOKS_DIR"]

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = PACKAGE_DIR / "data"
PROJECT_ROOT = PACKAGE_DIR.parents[1]
CORPUS_DIR = PROJECT_ROOT / "corpus"
FIGURES_DIR = PROJECT_ROOT / "figures"
NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"
