"""The shipped detector on the user's sample page: every machine paragraph above every native one."""

from __future__ import annotations

import pytest

from mtaudit.analyzers import build_analyzers
from mtaudit.detector.scorer import DetectorScorer, load_model
from mtaudit.ingest import read_document
from mtaudit.pipeline import Auditor

pytestmark = pytest.mark.slow


def test_shipped_model_ranks_the_seed_page(shared, nlp):
    labels = {}
    for line in (shared / "seed" / "labels.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            number, label = line.split("\t")[:2]
            labels[int(number)] = label
    analyzers = build_analyzers(nlp)
    auditor = Auditor(nlp, analyzers, DetectorScorer(load_model(), "shipped"))
    document = read_document(str(shared / "seed" / "article.txt"))
    reports = auditor.audit(document.paragraphs)
    scores = {p.line - 1: r.mt_probability for p, r in zip(document.paragraphs, reports, strict=True)}
    machine = [scores[n] for n, label in labels.items() if label == "machine"]
    native = [scores[n] for n, label in labels.items() if label == "native"]
    assert len(machine) == 6 and len(native) == 3
    assert min(machine) > max(native), (machine, native)
