"""Run an audit: read inputs one by one, stream their paragraphs through the auditor into a writer.

Bad inputs are reported and skipped, and so are the paragraphs or lines that cannot be read; both are
counted in :class:`AuditOutcome`, whose :meth:`~AuditOutcome.exit_code` says whether anything was skipped.
Records already written are kept when the run is interrupted.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from mtaudit.encoding import AUTO
from mtaudit.errors import InputError
from mtaudit.ingest import Document, Paragraph, Source, StdinFormat, check_path, read_document
from mtaudit.language import ensure_french
from mtaudit.pipeline import Auditor
from mtaudit.reporting.summary import Summary
from mtaudit.reporting.writers import RecordWriter
from mtaudit.web.extract import HtmlReading
from mtaudit.web.urls import is_url

Notify = Callable[[str], None]


# Exit codes (README's table): what a run's exit status says about its inputs.
EXIT_OK = 0
EXIT_NOTHING_AUDITED = 1
EXIT_USAGE = 2
EXIT_SOME_FAILED = 3
EXIT_SOME_SKIPPED = 4
EXIT_INTERRUPTED = 130


@dataclass
class AuditOutcome:
    """What a run did: documents audited and failed, paragraphs skipped (by reason), the verdict summary."""

    audited: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    skipped: Counter[str] = field(default_factory=Counter)
    summary: Summary = field(default_factory=Summary)

    def problems(self) -> list[str]:
        """One line on what was not audited (empty when everything was): shown even with --quiet."""
        parts = []
        if self.failed:
            parts.append(f"{len(self.failed)} input{'s' if len(self.failed) != 1 else ''} failed")
        if self.skipped:
            total = sum(self.skipped.values())
            reasons = ", ".join(f"{reason}: {n}" for reason, n in self.skipped.most_common())
            parts.append(
                f"{total} paragraph{'s' if total != 1 else ''} or line{'s' if total != 1 else ''} skipped ({reasons})"
            )
        return [f"not audited: {'; '.join(parts)}"] if parts else []

    def exit_code(self, written: int) -> int:
        """0 all audited; 1 nothing audited; 3 some inputs failed; 4 some paragraphs or lines skipped."""
        if written == 0:
            return EXIT_NOTHING_AUDITED
        if self.failed:
            return EXIT_SOME_FAILED
        if self.skipped:
            return EXIT_SOME_SKIPPED
        return EXIT_OK


def precheck(sources: list[str], error: Notify) -> list[str]:
    """Drop (and report) files that cannot be read at all, before any model is loaded (URLs pass)."""
    usable = []
    for source in sources:
        try:
            if not is_url(source):
                check_path(source)
        except InputError as problem:
            error(str(problem))
            continue
        usable.append(source)
    return usable


def read_documents(
    sources: Iterable[str | Source],
    outcome: AuditOutcome,
    warn: Notify,
    error: Notify,
    max_chars: int,
    stdin_format: StdinFormat | None = None,
    encoding: str = AUTO,
    html: HtmlReading | None = None,
) -> Iterator[Document]:
    """Read, check and yield documents: paths, or sources read on demand (web pages); problems are
    reported (``warn``, ``error``) and counted, never raised."""
    for item in sources:
        source = item.name if isinstance(item, Source) else item
        try:
            if isinstance(item, Source):
                document = item.read()
            else:
                document = read_document(item, max_chars, stdin_format, encoding, html)
            if document is None:
                continue
            ensure_french(document)
        except InputError as problem:
            error(str(problem))
            outcome.failed.append(source)
            continue
        for message in document.warnings:
            warn(message)
        outcome.skipped.update(document.skipped)
        outcome.audited.append(source)
        yield document


def run_audit(
    auditor: Auditor,
    documents: Iterable[Document],
    writer: RecordWriter,
    outcome: AuditOutcome,
    progress: Callable[[int], None] | None = None,
) -> AuditOutcome:
    """Audit every paragraph of ``documents`` into ``writer``.

    The writer is closed even on interruption, then told the output is incomplete (``complete=False``).
    """

    def paragraphs() -> Iterator[Paragraph]:
        for document in documents:
            yield from document.paragraphs

    complete = False
    try:
        for report in auditor.audit(paragraphs()):
            writer.write(report)
            outcome.summary.add(report)
            if progress is not None:
                progress(1)
        complete = True
    finally:
        writer.close(complete)
    return outcome
