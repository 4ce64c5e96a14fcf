"""Run an audit (:func:`audit_job`, what ``mtaudit audit`` does): read inputs one by one, stream their
paragraphs through the auditor into a writer.

Bad inputs are reported and skipped, and so are the paragraphs or lines that cannot be read; both are
counted in :class:`AuditOutcome`, whose :meth:`~AuditOutcome.exit_code` says whether anything was skipped.
Records already written are kept when the run is interrupted.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from mtaudit.assembly import AuditSettings, build_auditor
from mtaudit.compression import Compression, compression_of
from mtaudit.encoding import AUTO
from mtaudit.errors import InputError
from mtaudit.ingest import (
    DEFAULT_COLUMNS,
    Columns,
    Document,
    Paragraph,
    Source,
    StdinFormat,
    check_path,
    read_document,
)
from mtaudit.jobs import (
    EXIT_INTERRUPTED,
    EXIT_NOTHING_AUDITED,
    EXIT_OK,
    EXIT_SOME_FAILED,
    EXIT_SOME_SKIPPED,
    Messages,
    UsageProblem,
    check_output_path,
    interrupted_message,
    open_output,
)
from mtaudit.language import ensure_french
from mtaudit.reporting.progress import live_progress
from mtaudit.reporting.summary import Summary
from mtaudit.reporting.writers import BINARY_FORMATS, RecordWriter, format_for, writer_for
from mtaudit.tabular import is_streamed, read_chunks
from mtaudit.translation.stage import STAGE_NAME
from mtaudit.web.extract import HtmlReading
from mtaudit.web.fetch import FetchOptions
from mtaudit.web.sources import SiteRequest, all_sources, open_reader, reading_signature
from mtaudit.web.urls import is_url

if TYPE_CHECKING:
    from mtaudit.pipeline import Auditor

Notify = Callable[[str], None]


@dataclass
class AuditOutcome:
    """What a run did: documents audited and failed, paragraphs skipped (by reason), the verdict summary."""

    audited: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    skipped: Counter[str] = field(default_factory=Counter)
    summary: Summary = field(default_factory=Summary)

    def add(self, other: AuditOutcome) -> None:
        """Count another run's outcome (e.g. one shard's of a distributed run) in this one."""
        self.audited.extend(other.audited)
        self.failed.extend(other.failed)
        self.skipped.update(other.skipped)
        self.summary.total.update(other.summary.total)
        for document, counts in other.summary.by_document.items():
            self.summary.by_document.setdefault(document, Counter()).update(counts)

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
    columns: Columns = DEFAULT_COLUMNS,
) -> Iterator[Document]:
    """Read, check and yield documents: paths, or sources read on demand (web pages); Parquet and
    compressed JSONL come in chunks (:mod:`mtaudit.tabular`). Problems are reported (``warn``,
    ``error``) and counted, never raised."""
    for item in sources:
        source = item.name if isinstance(item, Source) else item
        if not isinstance(item, Source) and is_streamed(item):
            yield from _read_chunks(item, outcome, warn, error, max_chars, columns)
            continue
        try:
            if isinstance(item, Source):
                document = item.read()
            else:
                document = read_document(item, max_chars, stdin_format, encoding, html, columns)
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


def _read_chunks(
    source: str, outcome: AuditOutcome, warn: Notify, error: Notify, max_chars: int, columns: Columns
) -> Iterator[Document]:
    """A streamed input's chunks; a problem met after some chunks keeps the records already written."""
    try:
        for number, document in enumerate(read_chunks(source, max_chars, columns)):
            if number == 0:
                ensure_french(document)
                outcome.audited.append(source)
            for message in document.warnings:
                warn(message)
            outcome.skipped.update(document.skipped)
            yield document
    except InputError as problem:
        error(str(problem))
        outcome.failed.append(source)


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


def audit_job(
    *,
    paths: list[str],
    settings: AuditSettings,
    messages: Messages,
    output: Path | None = None,
    output_format: str | None = None,
    full_records: bool = False,
    columns: Columns = DEFAULT_COLUMNS,
    stdin_format: StdinFormat | None = None,
    encoding: str = AUTO,
    sites: SiteRequest | None = None,
    fetching: FetchOptions | None = None,
    html: HtmlReading | None = None,
) -> int:
    """``mtaudit audit``: check the arguments, assemble the auditor, audit every input into the output
    (``output_format`` None: the one ``output``'s name implies, see :func:`format_for`); returns the exit
    status (:meth:`AuditOutcome.exit_code`, or 130 when interrupted)."""
    output_format = format_for(output_format, output)
    compression = check_output_format(output_format, output)
    sites = sites or SiteRequest()
    html = html or HtmlReading()
    usable = checked_inputs(paths, output, messages)
    outcome = AuditOutcome(failed=[p for p in paths if p not in usable])
    if not usable and not sites:
        return EXIT_NOTHING_AUDITED
    fetching = fetching or FetchOptions()
    reading = reading_signature(usable, sites, html, fetching)
    auditor = build_auditor(replace(settings, reading=reading), messages.warn)
    stage = auditor.stage(STAGE_NAME)
    interrupted = False
    with ExitStack() as stack:
        reader = open_reader(usable, sites, fetching, html, settings.max_chars, messages.warn, stack)
        counters = [("paragraphs audited", None), ("sentences translated", None), ("pages fetched", None)]
        shown = not messages.quiet and (stage.fr_en is not None or reader is not None)
        audited, stage.progress, fetched = stack.enter_context(
            live_progress(messages.console, shown, counters)
        )
        if reader is not None:
            reader.progress = _page_progress(fetched, messages)
        sources = all_sources(usable, sites, reader)
        documents = read_documents(
            sources, outcome, messages.warn, messages.error, settings.max_chars, stdin_format, encoding, html, columns
        )
        target = stack.enter_context(open_output(output, compression))
        try:
            writer = writer_for(output_format, target, full_records)
            run_audit(auditor, documents, writer, outcome, audited)
        except KeyboardInterrupt:
            interrupted = True
        written = outcome.summary.paragraphs
        if written:
            target.commit()
    if interrupted:
        messages.error(interrupted_message(written, output))
        return EXIT_INTERRUPTED
    if output_format != "table":
        for line in outcome.summary.lines():
            messages.say(line)
    report_problems(outcome, messages)
    if written == 0 and output is not None and output.exists():
        messages.error(f"nothing audited; {output} was left as it was")
    return outcome.exit_code(written)


def checked_inputs(paths: list[str], output: Path | None, messages: Messages) -> list[str]:
    """The inputs that can be read, checked before anything is read or loaded (UsageProblem for an
    unusable ``-o``); those that cannot are reported."""
    check_output_path(output, paths)
    return precheck(paths, messages.error)


def check_output_format(output_format: str, output: Path | None) -> Compression | None:
    """The output's compression (from its name: ``.gz``, ``.zst``); UsageProblem for a binary format
    without ``-o`` or a compressed name for Parquet (compressed inside)."""
    compression = compression_of(output) if output is not None else None
    if output_format in BINARY_FORMATS:
        if output is None:
            raise UsageProblem(f"{output_format} output is binary: give a file with -o")
        if compression is not None:
            raise UsageProblem(f"{output}: {output_format} compresses its own data; drop the {output.suffix} suffix")
    return compression


def report_problems(outcome: AuditOutcome, messages: Messages) -> None:
    """The line on what was not audited, if anything was not."""
    for line in outcome.problems():
        messages.problem(line)


def _page_progress(advance: Callable[[int], None] | None, messages: Messages) -> Callable[[str], None] | None:
    """Show each page fetched: a counter on a terminal, else one line per page on stderr."""
    if messages.quiet:
        return None
    if advance is not None:
        return lambda url: advance(1)
    return lambda url: messages.problem(f"fetching {url}")
