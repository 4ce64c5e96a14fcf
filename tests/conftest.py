"""Shared test fixtures: the spaCy pipeline (loaded once), analyzers, and the ../shared data location."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# Tests never use the network: model look-ups stop at the local Hugging Face cache.
os.environ["HF_HUB_OFFLINE"] = "1"

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


@pytest.fixture(scope="session")
def nlp():
    """The French spaCy pipeline, loaded once for the whole test session."""
    from mtaudit.nlp import load_french

    return load_french()


@pytest.fixture()
def runner():
    """typer's CLI test runner."""
    from typer.testing import CliRunner

    return CliRunner()


@pytest.fixture()
def interrupt_after_first_record(monkeypatch):
    """Make every audit raise KeyboardInterrupt right after yielding its first record."""
    from mtaudit.pipeline import Auditor

    original = Auditor.audit

    def interrupted(self, paragraphs):
        for report in original(self, paragraphs):
            yield report
            raise KeyboardInterrupt

    monkeypatch.setattr(Auditor, "audit", interrupted)


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


# Self-written sentences for the tiny MarianMT model's sentencepiece vocabulary.
TINY_MARIAN_SENTENCES = [
    "Le chat dort sur le canapé du salon.",
    "Il pleut depuis ce matin sur la ville.",
    "Nous avons mangé une tarte aux pommes.",
    "Le train de huit heures est arrivé en retard.",
    "The cat sleeps on the living room sofa.",
    "It has been raining since this morning.",
    "We ate an apple pie together yesterday.",
    "The eight o'clock train arrived late.",
]


@pytest.fixture(scope="session")
def tiny_marian(tmp_path_factory) -> Path:
    """A tiny random-weight MarianMT folder (real files, real loading path); it never stops by itself,
    so every output runs to its length cap."""
    from random_marian import build_random_marian

    folder = tmp_path_factory.mktemp("tiny-marian")
    return build_random_marian(folder, TINY_MARIAN_SENTENCES * 4, init_std=0.5, suppress_eos=True)
