"""Document-level summaries: the share of paragraphs per verdict, and a verdict for each document.

A document's verdict (:func:`document_verdict`) weighs only the paragraphs long enough to judge (those
too short, see :mod:`mtaudit.verdicts`, are counted apart as ``SHORT`` and are no evidence either way):
``machine`` when at least half of them are machine; ``mixed`` when some are but fewer than half; ``human``
when none is machine and at least half are human; ``uncertain`` otherwise (also when none could be judged).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from mtaudit.records import VERDICTS, ParagraphReport

SHORT = "too short"  # the key counting paragraphs too short to judge (their verdict is uncertain)


def _paragraphs(counts: Counter[str]) -> int:
    return sum(counts[verdict] for verdict in VERDICTS)


@dataclass
class Summary:
    """Running verdict counts, per document and overall."""

    total: Counter[str] = field(default_factory=Counter)
    by_document: dict[str, Counter[str]] = field(default_factory=dict)

    def add(self, report: ParagraphReport) -> None:
        """Count one record."""
        document = self.by_document.setdefault(report.document, Counter())
        for counts in (self.total, document):
            counts[report.verdict] += 1
            counts[SHORT] += report.too_short

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
            out.append(f"{document}: {self._describe(counts)}")
        if len(self.by_document) > 1:
            out.append(f"all documents: {self._describe(self.total)}")
        return out

    def _describe(self, counts: Counter[str]) -> str:
        shares = self.shares(counts)
        parts = ", ".join(f"{verdict} {counts[verdict]} ({shares[verdict]:.0%})" for verdict in VERDICTS)
        short = f" ({counts[SHORT]} too short to judge)" if counts[SHORT] else ""
        return f"{_paragraphs(counts)} paragraphs: {parts}{short}; verdict: {document_verdict(counts)}"


MAJORITY = 0.5


def document_verdict(counts: Counter[str]) -> str:
    """A document-level verdict derived from the verdicts of its paragraphs long enough to judge.

    ``machine`` when at least half of those are machine; ``mixed`` when some are but fewer than half;
    ``human`` when none is machine and at least half are human; ``uncertain`` otherwise.
    """
    total = _paragraphs(counts) - counts[SHORT]
    if total and counts["machine"] / total >= MAJORITY:
        return "machine"
    if counts["machine"]:
        return "mixed"
    if total and counts["human"] / total >= MAJORITY:
        return "human"
    return "uncertain"
