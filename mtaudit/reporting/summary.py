"""Document-level summaries: the share of paragraphs per verdict, and a verdict for each document.

A document's verdict is the one more than half of its paragraphs share (``machine``, ``human`` or
``uncertain``); failing that, ``mixed`` when it has both machine and human paragraphs, else ``uncertain``.
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


def document_verdict(counts: Counter[str]) -> str:
    """``machine``, ``human``, ``uncertain`` or ``mixed`` from a document's verdict counts (see above)."""
    total = sum(counts.values())
    for verdict in VERDICTS:
        if counts[verdict] * 2 > total:
            return verdict
    return "mixed" if counts["machine"] and counts["human"] else "uncertain"
