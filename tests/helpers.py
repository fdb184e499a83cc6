"""Paths and helpers shared by the tests (the shared research corpora are skipped when absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "data" / "samples"
SHARED = ROOT.parent / "shared"
CORPORA = SHARED / "corpora"
FIXTURES = Path(__file__).resolve().parent / "data"


def shared_corpus(name: str) -> Path:
    """Return ../shared/corpora/<name>, or skip the test with a clear message."""
    path = CORPORA / name
    if not path.exists():
        pytest.skip(f"../shared/corpora/{name} is absent (research corpora are not redistributed)")
    return path


