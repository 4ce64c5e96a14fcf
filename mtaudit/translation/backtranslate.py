"""The ``backtranslate`` command's work: French paragraphs → English, sentence-aligned records."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from typing import Any

from mtaudit import __version__
from mtaudit.ingest import Document, Paragraph
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
        paragraphs = document.paragraphs
        for start in range(0, len(paragraphs), PARAGRAPHS_PER_BATCH):
            batch = paragraphs[start : start + PARAGRAPHS_PER_BATCH]
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
