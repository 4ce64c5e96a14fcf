"""Run an audit: read inputs one by one, stream their paragraphs through the auditor into a writer.

Bad inputs are reported and skipped; records already written are kept when the run is interrupted.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from mtaudit.errors import InputError
from mtaudit.ingest import Document, Paragraph, check_path, read_document
from mtaudit.language import ensure_french
from mtaudit.pipeline import Auditor
from mtaudit.reporting.summary import Summary
from mtaudit.reporting.writers import RecordWriter

Notify = Callable[[str], None]


@dataclass
class AuditOutcome:
    """What a run did: documents audited and failed, and the verdict summary."""

    audited: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    summary: Summary = field(default_factory=Summary)


def precheck(sources: list[str], error: Notify) -> list[str]:
    """Drop (and report) inputs that cannot be read at all, before any model is loaded."""
    usable = []
    for source in sources:
        try:
            check_path(source)
        except InputError as problem:
            error(str(problem))
            continue
        usable.append(source)
    return usable


def read_documents(
    sources: Iterable[str], outcome: AuditOutcome, warn: Notify, error: Notify, max_chars: int
) -> Iterator[Document]:
    """Read, check and yield documents; problems are reported and counted, never raised."""
    for source in sources:
        try:
            document = read_document(source, max_chars=max_chars)
            ensure_french(document)
        except InputError as problem:
            error(str(problem))
            outcome.failed.append(source)
            continue
        for message in document.warnings:
            warn(message)
        outcome.audited.append(source)
        yield document


def run_audit(
    auditor: Auditor,
    documents: Iterable[Document],
    writer: RecordWriter,
    outcome: AuditOutcome,
    progress: Callable[[int], None] | None = None,
) -> AuditOutcome:
    """Audit every paragraph of ``documents`` into ``writer``; the writer is closed even on interruption."""

    def paragraphs() -> Iterator[Paragraph]:
        for document in documents:
            yield from document.paragraphs

    try:
        for report in auditor.audit(paragraphs()):
            writer.write(report)
            outcome.summary.add(report)
            if progress is not None:
                progress(1)
    finally:
        writer.close()
    return outcome
