"""Document-level summaries: the share of paragraphs per verdict, and a verdict for each document.

A document's verdict (:func:`document_verdict`): ``machine`` when at least half of its paragraphs are
machine; ``mixed`` when some are but fewer than half; ``human`` when none is machine and at least half are
human; ``uncertain`` otherwise.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from mtaudit.records import VERDICTS, ParagraphReport


@dataclass
class Summary:
    """Running verdict counts, per document and overall."""

    total: Counter[str] = field(default_factory=Counter)
    by_document: dict[str, Counter[str]] = field(default_factory=dict)

    def add(self, report: ParagraphReport) -> None:
        """Count one record."""
        self.total[report.verdict] += 1
        self.by_document.setdefault(report.document, Counter())[report.verdict] += 1

    @property
    def paragraphs(self) -> int:
        """How many paragraphs were counted."""
        return sum(self.total.values())

    def shares(self, counts: Counter[str] | None = None) -> dict[str, float]:
        """Share of paragraphs per verdict (overall, or of ``counts``)."""
        counts = self.total if counts is None else counts
        n = sum(counts.values()) or 1
        return {verdict: counts[verdict] / n for verdict in VERDICTS}

    def lines(self) -> list[str]:
        """Human-readable summary lines, one per document then the total."""
        out = []
        for document, counts in self.by_document.items():
            out.append(f"{document}: {self._describe(counts)}")
        if len(self.by_document) > 1:
            out.append(f"all documents: {self._describe(self.total)}")
        return out

    def _describe(self, counts: Counter[str]) -> str:
        shares = self.shares(counts)
        parts = ", ".join(f"{verdict} {counts[verdict]} ({shares[verdict]:.0%})" for verdict in VERDICTS)
        return f"{sum(counts.values())} paragraphs: {parts}; verdict: {document_verdict(counts)}"


MAJORITY = 0.5


def document_verdict(counts: Counter[str]) -> str:
    """A document-level verdict derived from its paragraph verdicts.

    ``machine`` when at least half of the paragraphs are machine; ``mixed`` when some are but fewer than
    half; ``human`` when none is machine and at least half are human; ``uncertain`` otherwise.
    """
    total = sum(counts.values())
    if total and counts["machine"] / total >= MAJORITY:
        return "machine"
    if counts["machine"]:
        return "mixed"
    if total and counts["human"] / total >= MAJORITY:
        return "human"
    return "uncertain"
