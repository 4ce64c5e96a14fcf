"""The ``backtranslate`` command's job: French paragraphs → English, sentence-aligned records."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from mtaudit import __version__
from mtaudit.batching import batched
from mtaudit.encoding import AUTO
from mtaudit.ingest import DEFAULT_MAX_CHARS, Document, Paragraph, StdinFormat
from mtaudit.jobs import (
    EXIT_INTERRUPTED,
    EXIT_NOTHING_AUDITED,
    Messages,
    interrupted_message,
    open_output,
    table_console,
)
from mtaudit.translation.loading import resolve_model
from mtaudit.translation.marian import MarianTranslator, Progress
from mtaudit.translation.sentences import (
    MAX_SENTENCE_CHARS,
    SPLITTER_VERSION,
    Piece,
    join_sentences,
    split_sentences,
)
from mtaudit.translation.stage import FR_EN_OPTION, TranslationOptions

PARAGRAPHS_PER_BATCH = 64


@dataclass
class BacktranslationRecord:
    """One paragraph and its English back-translation, sentence by sentence (one JSONL line)."""

    document: str
    paragraph: int
    id: str
    line: int | None
    text: str
    backtranslation: str
    sentences: list[dict[str, str]] = field(default_factory=list)
    signature: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> str:
        """The record as one line of JSON."""
        return json.dumps(asdict(self), ensure_ascii=False)


def open_fr_en(options: TranslationOptions) -> MarianTranslator:
    """The fr→en translator the options name; raises ModelUnavailable (a one-line error) if it is missing."""
    source = resolve_model(options.fr_en, FR_EN_OPTION)
    return options.translator(source, "fr-en", options.open_cache())


def backtranslate_documents(
    translator: MarianTranslator, documents: Iterable[Document], progress: Progress | None = None
) -> Iterator[BacktranslationRecord]:
    """Back-translate every paragraph, in input order, a batch of paragraphs at a time."""
    signature = {
        "mtaudit": __version__,
        "fr_en": translator.signature(),
        "sentences": {"splitter": SPLITTER_VERSION, "max_chars": MAX_SENTENCE_CHARS},
    }
    for document in documents:
        for batch in batched(document.paragraphs, PARAGRAPHS_PER_BATCH):
            pieces = [split_sentences(p.text) for p in batch]
            english = translator.translate_pieces(pieces, progress)
            for paragraph, split, translated in zip(batch, pieces, english, strict=True):
                yield _record(paragraph, split, translated, signature)


def _record(
    paragraph: Paragraph, pieces: list[Piece], translated: list[str], signature: dict[str, Any]
) -> BacktranslationRecord:
    return BacktranslationRecord(
        document=paragraph.document,
        paragraph=paragraph.index,
        id=paragraph.id,
        line=paragraph.line,
        text=paragraph.text,
        backtranslation=join_sentences(translated, pieces),
        sentences=[{"text": s, "translation": t} for (s, _), t in zip(pieces, translated, strict=True)],
        signature=signature,
    )


def backtranslate_job(
    *,
    paths: list[str],
    options: TranslationOptions,
    messages: Messages,
    output: Path | None = None,
    stdin_format: StdinFormat | None = None,
    encoding: str = AUTO,
) -> int:
    """``mtaudit backtranslate``: records side by side on stdout, or JSONL into ``output``; returns the
    exit status."""
    from mtaudit.audit import AuditOutcome, checked_inputs, read_documents, report_problems
    from mtaudit.reporting.progress import live_progress
    from mtaudit.reporting.side_by_side import SideBySideWriter
    from mtaudit.reporting.writers import JsonlWriter

    usable = checked_inputs(paths, output, messages)
    if not usable:
        return EXIT_NOTHING_AUDITED
    outcome = AuditOutcome(failed=[p for p in paths if p not in usable])
    written = 0
    translator = open_fr_en(options)
    try:
        with ExitStack() as stack:
            (advance,) = stack.enter_context(
                live_progress(messages.console, not messages.quiet, [("sentences translated", None)])
            )
            target = stack.enter_context(open_output(output))
            writer = JsonlWriter(target.stream) if output else SideBySideWriter(table_console(target.stream))
            complete = False
            documents = read_documents(
                usable, outcome, messages.warn, messages.error, DEFAULT_MAX_CHARS, stdin_format, encoding
            )
            try:
                for record in backtranslate_documents(translator, documents, advance):
                    writer.write(record)
                    written += 1
                complete = True
            finally:
                writer.close(complete)
                if written:
                    target.commit()
    except KeyboardInterrupt:
        messages.error(interrupted_message(written, output))
        return EXIT_INTERRUPTED
    messages.say(
        f"{written} paragraphs back-translated: {translator.translated} sentences translated, "
        f"{translator.from_cache} from the cache"
    )
    report_problems(outcome, messages)
    return outcome.exit_code(written)
