"""Document-level summaries: the share of paragraphs per verdict, and a verdict for each document.

A document's verdict (:func:`document_verdict`) weighs only the paragraphs long enough to judge (those
too short, see :mod:`mtaudit.verdicts`, are counted apart as ``SHORT`` and are no evidence either way),
and pools their evidence: their ``mt_probability`` values combine into one document probability
(:func:`mtaudit.detector.pooling.pooled_probability`), so that ten paragraphs leaning one way are far more
decisive than one. ``machine`` when that probability reaches ``DOCUMENT_BANDS.machine`` (or at least half
of the judged paragraphs are machine and it is at least 0.5), ``human`` when it is at most
``DOCUMENT_BANDS.human`` (or no paragraph is machine, at least half are human and it is at most 0.5);
otherwise ``mixed`` when some paragraphs are machine, ``uncertain`` when none is. Without a pooled
probability (all documents together, or nothing judged) the verdict follows the counts: ``machine`` when
at least half of the judged paragraphs are machine; ``mixed`` when some are but fewer than half; ``human``
when none is machine and at least half are human; ``uncertain`` otherwise.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from mtaudit.detector.pooling import pooled_probability
from mtaudit.records import VERDICTS, ParagraphReport
from mtaudit.scoring import VerdictBands

SHORT = "too short"  # the key counting paragraphs too short to judge (their verdict is uncertain)
# Chosen on test sets held out whole (benchmarks/detector_generalisation.py tabulates recall and precision
# per threshold): the lowest machine threshold (highest human one), in steps of 0.01, that is right at least
# 90% of the time on each of the eight held-out folds: WMT21 documents, FLORES 4-paragraph blocks,
# 4-paragraph blocks of each newstest year (opus-mt, which the fold models know from the other years) and of
# the whole newstest collection (opus-mt unseen). On a collection it never saw, the detector's pooled
# probabilities lean by test set (by system and topic), so 0.9 precision on every fold needs extreme bands:
# `machine` calls 1.5% of the WMT21 and 0.3% of the FLORES machine documents, 11-36% of the newstest years'
# and 10% with opus-mt unseen (precision 0.91-1.00); `human` 0% / 0% / 5-14% / 1% of the references (1.00).
# No wider human band holds on the newstest collection: an MT system the detector does not recognise looks
# human to it. Choose them again whenever the model is retrained (earlier bands: docs/detector.md).
DOCUMENT_BANDS = VerdictBands(machine=0.94, human=0.02)


def _paragraphs(counts: Counter[str]) -> int:
    return sum(counts[verdict] for verdict in VERDICTS)


@dataclass
class Summary:
    """Running verdict counts, per document and overall, and each document's judged probabilities."""

    total: Counter[str] = field(default_factory=Counter)
    by_document: dict[str, Counter[str]] = field(default_factory=dict)
    probabilities: dict[str, list[float]] = field(default_factory=dict)

    def add(self, report: ParagraphReport) -> None:
        """Count one record."""
        document = self.by_document.setdefault(report.document, Counter())
        for counts in (self.total, document):
            counts[report.verdict] += 1
            counts[SHORT] += report.too_short
        judged = self.probabilities.setdefault(report.document, [])
        if not report.too_short:
            judged.append(report.mt_probability)

    def document_probability(self, document: str) -> float | None:
        """The document's pooled probability of machine translation (None when no paragraph was judged)."""
        probabilities = self.probabilities.get(document)
        return pooled_probability(probabilities) if probabilities else None

    def verdict(self, document: str) -> str:
        """The document's verdict, from its pooled probability and paragraph verdicts."""
        return document_verdict(self.by_document[document], self.document_probability(document))

    @property
    def paragraphs(self) -> int:
        """How many paragraphs were counted."""
        return _paragraphs(self.total)

    def shares(self, counts: Counter[str] | None = None) -> dict[str, float]:
        """Share of paragraphs per verdict (overall, or of ``counts``)."""
        counts = self.total if counts is None else counts
        n = _paragraphs(counts) or 1
        return {verdict: counts[verdict] / n for verdict in VERDICTS}

    def lines(self) -> list[str]:
        """Human-readable summary lines, one per document then the total."""
        out = []
        for document, counts in self.by_document.items():
            out.append(f"{document}: {self._describe(counts, self.document_probability(document))}")
        if len(self.by_document) > 1:
            out.append(f"all documents: {self._describe(self.total, None)}")
        return out

    def _describe(self, counts: Counter[str], probability: float | None) -> str:
        shares = self.shares(counts)
        parts = ", ".join(f"{verdict} {counts[verdict]} ({shares[verdict]:.0%})" for verdict in VERDICTS)
        short = f" ({counts[SHORT]} too short to judge)" if counts[SHORT] else ""
        pooled = "" if probability is None else f"; pooled mt_probability {probability:.2f}"
        verdict = document_verdict(counts, probability)
        return f"{_paragraphs(counts)} paragraphs: {parts}{short}{pooled}; verdict: {verdict}"


MAJORITY = 0.5


def document_verdict(counts: Counter[str], probability: float | None = None) -> str:
    """A document-level verdict from its pooled probability and the verdicts of its judged paragraphs.

    With ``probability`` (pooled): ``machine`` at or above ``DOCUMENT_BANDS.machine``, or when the
    paragraph rule says machine and it is at least 0.5; ``human`` likewise; else ``mixed`` when some
    paragraphs are machine and ``uncertain`` otherwise. Without: the paragraph rule, ``machine`` when at
    least half of the judged paragraphs are machine; ``mixed`` when some are but fewer than half; ``human``
    when none is machine and at least half are human; ``uncertain`` otherwise.
    """
    by_counts = _verdict_from_counts(counts)
    if probability is None:
        return by_counts
    if probability >= DOCUMENT_BANDS.machine or (by_counts == "machine" and probability >= 0.5):
        return "machine"
    if probability <= DOCUMENT_BANDS.human or (by_counts == "human" and probability <= 0.5):
        return "human"
    return "mixed" if counts["machine"] else "uncertain"


def _verdict_from_counts(counts: Counter[str]) -> str:
    total = _paragraphs(counts) - counts[SHORT]
    if total and counts["machine"] / total >= MAJORITY:
        return "machine"
    if counts["machine"]:
        return "mixed"
    if total and counts["human"] / total >= MAJORITY:
        return "human"
    return "uncertain"
