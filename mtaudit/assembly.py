"""Build an :class:`~mtaudit.pipeline.Auditor` from the user's settings: the one place that wires the
analyzers, the stages (back-translation, fluency) and the scorer (the detector, or evidence scoring).

``mtaudit audit``, ``train``, ``eval`` and the benchmarks all assemble their auditor here, so that a
detector is trained and evaluated on exactly the features the audit computes.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mtaudit.analyzers import AnalyzerOptions, build_analyzers, enabled_analyzers
from mtaudit.batching import DEFAULT_BATCH_SIZE
from mtaudit.ingest import DEFAULT_MAX_CHARS
from mtaudit.modes import FILTER, FILTER_ANALYZERS, FULL, NOT_IN_FILTER_MODE
from mtaudit.nlp import load_french
from mtaudit.translation.stage import BacktranslationStage, TranslationOptions

if TYPE_CHECKING:
    from mtaudit.pipeline import Auditor, Scorer

NO_DETECTOR = "none"

Warn = Callable[[str], None]


@dataclass(frozen=True)
class AuditSettings:
    """Everything the user can choose about an audit that changes the records."""

    analyzers: AnalyzerOptions = field(default_factory=AnalyzerOptions)
    batch_size: int = DEFAULT_BATCH_SIZE
    max_chars: int = DEFAULT_MAX_CHARS
    translation: TranslationOptions | None = field(default_factory=TranslationOptions)
    require_backtranslation: bool = False
    profile: Path | None = None
    fluency: bool = True  # False: no fluency stage (a detector trained without its features)
    detector: str | None = None  # a model file; None: the shipped model; "none": evidence scoring
    reading: dict[str, Any] = field(default_factory=dict)  # how inputs are read (HTML, web), as signed
    mode: str = FULL  # FILTER: the fast filter mode (mtaudit.modes)


def build_backtranslation_stage(settings: AuditSettings, warn: Warn) -> BacktranslationStage:
    """The back-translation stage: disabled when ``settings.translation`` is None."""
    from mtaudit.translation.stage import build_backtranslation

    if settings.translation is None:
        return BacktranslationStage.inactive("disabled")
    return build_backtranslation(settings.translation, warn, settings.require_backtranslation)


def build_auditor(settings: AuditSettings, warn: Warn) -> Auditor:
    """Load the models once and assemble the auditor; raises MtauditError when a choice cannot be met."""
    from mtaudit.pipeline import Auditor
    from mtaudit.profile import fluency_stage

    if settings.mode == FILTER:
        return build_filter_auditor(settings, warn)
    nlp = load_french()
    with garbage_collection_paused():
        analyzers = build_analyzers(nlp, settings.analyzers)
        fluency = fluency_stage(settings.profile, warn) if settings.fluency else None
        stages = [build_backtranslation_stage(settings, warn), *([fluency] if fluency is not None else [])]
        scorer = build_scorer(settings.detector, fluency.profile.sha256 if fluency is not None else None, warn)
    return Auditor(
        nlp,
        analyzers,
        scorer,
        stages=stages,
        batch_size=settings.batch_size,
        settings={"max_chars": settings.max_chars, "mode": FULL, **settings.reading},
    )


@contextmanager
def garbage_collection_paused() -> Iterator[None]:
    """No cyclic garbage collection inside the block (as it was after it). Building the auditor's parts
    allocates many long-lived objects, and each full collection this sets off walks the millions of
    objects spaCy and torch hold, for nothing: it finds no garbage."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def build_filter_auditor(settings: AuditSettings, warn: Warn) -> Auditor:
    """The filter mode's auditor: tokenizer and sentencizer only, the analyzers that need no parse, no
    stage, the detector's filter variant (:mod:`mtaudit.modes`)."""
    from mtaudit.pipeline import Auditor
    from mtaudit.regex_tokenizer import load_regex_pipeline

    nlp = load_regex_pipeline()
    options = settings.analyzers
    wanted = enabled_analyzers(options)
    if "german" in wanted:
        warn("--mode filter: German leakage needs the parse (names) and is not checked")
    enabled = tuple(name for name in wanted if name in FILTER_ANALYZERS)
    analyzers = build_analyzers(nlp, replace(options, enabled=enabled))
    left_out = [name for name in wanted if name not in FILTER_ANALYZERS]
    return Auditor(
        nlp,
        analyzers,
        build_scorer(settings.detector, None, warn, FILTER),
        stages=[BacktranslationStage.inactive(NOT_IN_FILTER_MODE)],
        batch_size=settings.batch_size,
        settings={
            "max_chars": settings.max_chars,
            "mode": FILTER,
            "not_computed": {"fluency": NOT_IN_FILTER_MODE, **{name: NOT_IN_FILTER_MODE for name in left_out}},
            **settings.reading,
        },
    )


def build_scorer(detector: str | None, profile: str | None, warn: Warn, mode: str = FULL) -> Scorer:
    """The detector model ``detector`` (the shipped one when None), or evidence scoring for ``none``;
    ``profile`` is the sha256 of the audit's fluency profile (None without fluency scoring); ``mode``
    picks the model's variants (:mod:`mtaudit.modes`)."""
    if detector == NO_DETECTOR:
        from mtaudit.scoring import EvidenceScorer

        return EvidenceScorer()
    from mtaudit.detector.scorer import DetectorScorer, load_model

    scorer = DetectorScorer(load_model(detector), detector or "shipped", profile, mode)
    for stage, why in scorer.left_out.items():
        warn(f"detector: {stage} features left out: {why}")
    return scorer
