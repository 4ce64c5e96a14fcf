"""The view of a paragraph that the whole audit reads: its normalised text, parsed once.

The auditor builds one :class:`ParagraphView` per paragraph; analyzers, the stages (fluency,
back-translation) and the detector all read it, so typography (quote style, non-breaking spaces) can
neither help nor hurt a score. Spans found in the view are mapped back to the original text for the
report with :meth:`ParagraphView.span` / :meth:`ParagraphView.in_original`.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from mtaudit.ingest import Paragraph
from mtaudit.nlp import remember_text
from mtaudit.normalise import Normalised, normalise_with_offsets
from mtaudit.records import Anomaly

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc


@dataclass(frozen=True)
class ParagraphView:
    """One paragraph: the original, its normalised text (``text``) and the parse of that text (``doc``)."""

    paragraph: Paragraph
    normalised: Normalised
    doc: Doc

    @property
    def original(self) -> str:
        """The paragraph as written (what the report shows; anomaly offsets point into it)."""
        return self.paragraph.text

    @property
    def text(self) -> str:
        """The normalised text: what ``doc`` parses."""
        return self.normalised.text

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original-text span of ``text[start:end]``."""
        return self.normalised.span(start, end)

    def in_original(self, anomaly: Anomaly) -> Anomaly:
        """``anomaly`` (offsets into ``text``) with its offsets and text taken from the original."""
        start, end = self.span(anomaly.start, anomaly.end)
        return replace(anomaly, start=start, end=end, text=self.original[start:end])


def parse_views(nlp: Language, paragraphs: Sequence[Paragraph], batch_size: int) -> Iterator[ParagraphView]:
    """Normalise and parse ``paragraphs`` in one ``nlp.pipe`` pass, in order."""
    normalised = [normalise_with_offsets(p.text) for p in paragraphs]
    docs = nlp.pipe([n.text for n in normalised], batch_size=batch_size)
    for paragraph, norm, doc in zip(paragraphs, normalised, docs, strict=True):
        remember_text(doc, norm.text)  # spaCy's tokens give back the text they were cut from, exactly
        yield ParagraphView(paragraph, norm, doc)


def view_of(nlp: Language, text: str) -> ParagraphView:
    """The view of one stand-alone text (for tools and tests)."""
    return next(parse_views(nlp, [Paragraph("text", 0, "text:0", text)], 1))
