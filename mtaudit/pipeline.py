"""The audit pipeline: normalise and parse paragraphs once, run the analyzers and stages, score, report.

Data flows one way: ``Paragraph`` → :class:`~mtaudit.view.ParagraphView` (normalised text, parsed once)
→ analyzers (anomalies, mapped back to the original text) → stages that work on whole batches
(back-translation, fluency; typed results) → scorer (mt_probability, verdict, reasons) →
``ParagraphReport``. Every step reads the same view, so typography cannot change a score.
A new capability is a new :class:`Stage` (or scorer) passed to :class:`Auditor`, not a change here.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from spacy.language import Language
from spacy.tokens import Doc

from mtaudit import __version__
from mtaudit.analyzers.base import Analyzer
from mtaudit.batching import DEFAULT_BATCH_SIZE, batched
from mtaudit.ingest import Paragraph
from mtaudit.modes import FULL
from mtaudit.nlp import model_id
from mtaudit.records import Anomaly, ParagraphReport, Reason, Verdict
from mtaudit.verdicts import judge_length
from mtaudit.view import ParagraphView, parse_views

if TYPE_CHECKING:
    from mtaudit.assembly import AuditSettings, Warn
    from mtaudit.profile.stage import Fluency
    from mtaudit.translation.roundtrip import Backtranslation

TEXTS_DOCUMENT = "texts"  # the document name of texts audited through the Python API
log = logging.getLogger("mtaudit")


@dataclass
class ParagraphState:
    """Everything known about one paragraph while it moves through the pipeline: its view, its anomalies
    (offsets into the original text) and the stages' typed results (None where a stage did not run)."""

    view: ParagraphView
    anomalies: list[Anomaly] = field(default_factory=list)
    fluency: Fluency | None = None
    backtranslation: Backtranslation | None = None

    @property
    def paragraph(self) -> Paragraph:
        """The paragraph as read."""
        return self.view.paragraph

    @property
    def doc(self) -> Doc:
        """The parse of the paragraph's normalised text."""
        return self.view.doc


class Stage(Protocol):
    """A step after the analyzers that processes whole batches (e.g. MarianMT back-translation)."""

    name: str

    def signature(self) -> dict[str, Any]:
        """Every setting of the stage that affects the records, for the report signature."""
        ...

    def process(self, batch: list[ParagraphState]) -> None:
        """Fill in this stage's fields of every state in ``batch``."""
        ...


class Scorer(Protocol):
    """Turns a paragraph's evidence into a probability of machine translation and a verdict."""

    def signature(self) -> dict[str, Any]:
        """The scorer's identity and settings, for the report signature."""
        ...

    def score(self, states: list[ParagraphState]) -> list[tuple[float, Verdict, list[Reason]]]:
        """For each state: ``(mt_probability, verdict, reasons)``."""
        ...


class Auditor:
    """Audits streams of paragraphs with one loaded pipeline; models are loaded once, by the caller."""

    def __init__(
        self,
        nlp: Language,
        analyzers: list[Analyzer],
        scorer: Scorer,
        stages: Iterable[Stage] = (),
        batch_size: int = DEFAULT_BATCH_SIZE,
        settings: dict[str, Any] | None = None,
    ) -> None:
        self.nlp = nlp
        self.analyzers = analyzers
        self.scorer = scorer
        self.stages = list(stages)
        self.batch_size = batch_size
        self.settings = settings or {}

    @classmethod
    def load(cls, settings: AuditSettings | None = None, warn: Warn | None = None) -> Auditor:
        """Load the models ``settings`` name (default: the shipped ones, MarianMT when available) into
        an auditor that scores any number of texts; ``warn`` receives one-line warnings (default: the
        ``mtaudit`` logger). Raises MtauditError when a setting cannot be met."""
        from mtaudit.assembly import AuditSettings, build_auditor

        return build_auditor(settings or AuditSettings(), warn or log.warning)

    def audit_texts(
        self, texts: Iterable[str], ids: Iterable[str] | None = None, document: str = TEXTS_DOCUMENT
    ) -> list[ParagraphReport]:
        """One report per text (each text is one paragraph), in order: the records ``mtaudit audit``
        writes. ``ids`` default to ``document:index``."""
        texts = list(texts)
        names = [f"{document}:{index}" for index in range(len(texts))] if ids is None else list(ids)
        if len(names) != len(texts):
            raise ValueError(f"{len(names)} ids for {len(texts)} texts")
        paragraphs = (
            Paragraph(document, index, str(name), text, position=index)
            for index, (name, text) in enumerate(zip(names, texts))
        )
        return list(self.audit(paragraphs))

    @property
    def mode(self) -> str:
        """The audit mode it runs (:mod:`mtaudit.modes`)."""
        return self.settings.get("mode", FULL)

    def stage(self, name: str) -> Stage | None:
        """The stage called ``name``, if the auditor has one."""
        return next((stage for stage in self.stages if stage.name == name), None)

    def signature(self) -> dict[str, Any]:
        """Tool version and every setting and model that produces the records."""
        signature: dict[str, Any] = {
            "mtaudit": __version__,
            "spacy_model": model_id(self.nlp),
            "analyzers": [analyzer.signature() for analyzer in self.analyzers],
            "scorer": self.scorer.signature(),
        }
        for stage in self.stages:
            signature[stage.name] = stage.signature()
        signature.update(self.settings)
        return signature

    def audit(self, paragraphs: Iterable[Paragraph]) -> Iterator[ParagraphReport]:
        """Yield one report per paragraph, in input order, batch by batch as they are ready."""
        signature = self.signature()
        for batch in batched(paragraphs, self.batch_size):
            yield from self._audit_batch(batch, signature)

    def analyze(self, paragraphs: list[Paragraph]) -> list[ParagraphState]:
        """Parse and run analyzers and stages on one batch, without scoring (for training)."""
        states = [
            ParagraphState(view, sorted((a for an in self.analyzers for a in an.find(view)), key=_order))
            for view in parse_views(self.nlp, paragraphs, self.batch_size)
        ]
        for stage in self.stages:
            stage.process(states)
        return states

    def _audit_batch(self, batch: list[Paragraph], signature: dict[str, Any]) -> Iterator[ParagraphReport]:
        states = self.analyze(batch)
        for state, (probability, verdict, reasons) in zip(states, self.scorer.score(states)):
            p, translated = state.paragraph, state.backtranslation
            verdict, reasons = judge_length(p.text, p.kind == "heading", verdict, reasons, state.anomalies)
            yield ParagraphReport(
                document=p.document,
                paragraph=p.index,
                id=p.id,
                text=p.text,
                line=p.line,
                mt_probability=round(probability, 4),
                verdict=verdict,
                reasons=reasons,
                anomalies=state.anomalies,
                signature=signature,
                fluency=state.fluency.to_record() if state.fluency is not None else None,
                backtranslation=translated.english if translated is not None else None,
                roundtrip=translated.roundtrip_record() if translated is not None else None,
                kind=p.kind,
                position=p.position,
                url=p.page.url,
                title=p.page.title,
                date=p.page.date,
                author=p.page.author,
                language=p.page.language,
            )


def _order(anomaly: Anomaly) -> tuple[int, int, str]:
    return anomaly.start, anomaly.end, anomaly.type
