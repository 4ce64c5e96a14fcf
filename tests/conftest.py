"""Shared test fixtures: the spaCy pipeline (loaded once), analyzers, and the ../shared data location."""

from __future__ import annotations

from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


@pytest.fixture(scope="session")
def nlp():
    """The French spaCy pipeline, loaded once for the whole test session."""
    from mtaudit.nlp import load_french

    return load_french()


@pytest.fixture(scope="session")
def shared() -> Path:
    """The ../shared folder; tests that need it skip cleanly when it is absent."""
    if not (SHARED / "seed" / "article.txt").exists():
        pytest.skip("../shared is not present")
    return SHARED


@pytest.fixture(scope="session")
def auditor(nlp):
    """An evidence-scoring auditor with every analyzer."""
    from mtaudit.analyzers import build_analyzers
    from mtaudit.pipeline import Auditor
    from mtaudit.scoring import EvidenceScorer

    return Auditor(nlp, build_analyzers(nlp), EvidenceScorer())
