"""The auditor: batching, order, stages, signature; the evidence scorer and verdict bands."""

from __future__ import annotations

import pytest

from mtaudit.analyzers import build_analyzers
from mtaudit.ingest import Paragraph
from mtaudit.pipeline import Auditor
from mtaudit.records import Anomaly
from mtaudit.scoring import PRIOR, EvidenceScorer, VerdictBands
from mtaudit.translation.roundtrip import Backtranslation

TEXTS = [
    "Le conseil a voté le budget.",
    "Les élus ont voté pour le le projet, Le maire a confirmé.",
    "Il pleut sur Brest depuis trois jours.",
    "Cette histoire est en développement.",
    "La boulangerie ouvre à sept heures.",
]


class RecordingStage:
    """A stage that records the batches it sees and fills the back-translation field."""

    name = "recording"

    def __init__(self) -> None:
        self.batches: list[int] = []

    def signature(self) -> dict:
        return {"model": "none"}

    def process(self, batch) -> None:
        self.batches.append(len(batch))
        for state in batch:
            state.backtranslation = Backtranslation(state.view.text, state.paragraph.text.upper())


def paragraphs():
    return [Paragraph("doc.txt", i, f"doc.txt:{i}", text) for i, text in enumerate(TEXTS)]


def test_batches_keep_input_order_and_call_stages(nlp):
    stage = RecordingStage()
    auditor = Auditor(nlp, build_analyzers(nlp), EvidenceScorer(), stages=[stage], batch_size=2)
    reports = list(auditor.audit(iter(paragraphs())))
    assert [r.paragraph for r in reports] == [0, 1, 2, 3, 4]
    assert [r.text for r in reports] == TEXTS
    assert stage.batches == [2, 2, 1]
    assert [r.backtranslation for r in reports] == [t.upper() for t in TEXTS]
    assert reports[0].signature["recording"] == {"model": "none"}
    assert reports[0].signature["scorer"]["name"] == "evidence-noisy-or"


def test_audit_is_lazy_and_streams(nlp):
    auditor = Auditor(nlp, build_analyzers(nlp), EvidenceScorer(), batch_size=2)
    consumed = []

    def source():
        for p in paragraphs():
            consumed.append(p.index)
            yield p

    first = next(auditor.audit(source()))
    assert first.paragraph == 0
    assert consumed == [0, 1]


def _state(anomalies):
    from mtaudit.normalise import normalise_with_offsets
    from mtaudit.pipeline import ParagraphState
    from mtaudit.view import ParagraphView

    view = ParagraphView(Paragraph("d", 0, "d:0", "x"), normalise_with_offsets("x"), None)  # type: ignore[arg-type]
    return ParagraphState(view, anomalies)


@pytest.mark.parametrize(
    ("severities", "expected"),
    [
        ([], PRIOR),
        (["major"], 1 - 0.9 * 0.4),
        (["major", "major"], 1 - 0.9 * 0.4 * 0.4),
        (["minor", "info"], 1 - 0.9 * 0.8 * 0.98),
    ],
)
def test_evidence_scorer_is_the_documented_noisy_or(severities, expected):
    anomalies = [Anomaly("calque", 0, 1, "x", "m", s) for s in severities]
    [(probability, _, reasons)] = EvidenceScorer().score([_state(anomalies)])
    assert probability == pytest.approx(expected)
    assert [r.feature for r in reasons] == (["anomalies.calque"] if severities else [])


def test_typography_weighs_at_most_a_little():
    typo = [Anomaly("typography", 0, 1, "x", "m", "minor")] * 3
    [(probability, verdict, _)] = EvidenceScorer().score([_state(typo)])
    assert probability == pytest.approx(1 - 0.9 * 0.95**3)
    assert verdict == "human"


@pytest.mark.parametrize(
    ("p", "verdict"), [(0.0, "human"), (0.3, "human"), (0.5, "uncertain"), (0.7, "machine")]
)
def test_verdict_bands(p, verdict):
    assert VerdictBands().verdict(p) == verdict
