"""The back-translation stage of the audit: fr→en for every paragraph, then fr→en→fr and its scores.

:func:`build_backtranslation` finds the models before the audit starts. A model that cannot be had
gives one warning and an inactive stage whose signature says why; the records then carry
``backtranslation``/``roundtrip`` null, unless the caller asked for an error instead.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from mtaudit.translation.cache import TranslationCache
from mtaudit.translation.loading import (
    DEFAULT_EN_FR,
    DEFAULT_FR_EN,
    ModelSource,
    ModelUnavailable,
    resolve_model,
)
from mtaudit.translation.marian import (
    DEFAULT_MT_BATCH_SIZE,
    DecodingSettings,
    Device,
    MarianTranslator,
    Progress,
)
from mtaudit.translation.roundtrip import Backtranslation, RoundTrip, RoundTripScorer
from mtaudit.translation.sentences import (
    MAX_SENTENCE_CHARS,
    SPLITTER_VERSION,
    join_sentences,
    split_sentences,
)

if TYPE_CHECKING:
    from mtaudit.pipeline import ParagraphState

STAGE_NAME = "backtranslation"
FR_EN_OPTION = "--mt-model-fr-en"
EN_FR_OPTION = "--mt-model-en-fr"


@dataclass(frozen=True)
class TranslationOptions:
    """The user's translation settings; ``cache`` None means no cache."""

    fr_en: str = DEFAULT_FR_EN
    en_fr: str = DEFAULT_EN_FR
    roundtrip: bool = True
    device: Device = "auto"
    quantize: Literal["int8"] | None = None
    batch_size: int = DEFAULT_MT_BATCH_SIZE
    threads: int | None = None
    cache: Path | None = None

    def open_cache(self) -> TranslationCache | None:
        """The translation cache these options name, opened; None without one."""
        return TranslationCache(self.cache) if self.cache is not None else None

    def translator(
        self, source: ModelSource, direction: str, cache: TranslationCache | None
    ) -> MarianTranslator:
        """A translator for the found model ``source`` with these settings."""
        return MarianTranslator(
            source,
            direction,
            DecodingSettings(quantize=self.quantize),
            device=self.device,
            batch_size=self.batch_size,
            threads=self.threads,
            cache=cache,
        )


class BacktranslationStage:
    """Fills ``ParagraphState.backtranslation`` (a :class:`Backtranslation`) of every paragraph."""

    name = STAGE_NAME

    def __init__(
        self,
        fr_en: MarianTranslator | None,
        en_fr: MarianTranslator | None = None,
        status: dict[str, Any] | None = None,
        roundtrip_status: dict[str, Any] | None = None,
        max_sentence_chars: int = MAX_SENTENCE_CHARS,
    ) -> None:
        self.fr_en = fr_en
        self.en_fr = en_fr
        self.status = status or {"status": "ok"}
        self.roundtrip_status = roundtrip_status or {"status": "ok"}
        self.max_sentence_chars = max_sentence_chars
        self.scorer = RoundTripScorer() if en_fr is not None else None
        self.metrics = self.scorer.signatures() if self.scorer is not None else {}
        self.progress: Progress | None = None

    @classmethod
    def inactive(cls, status: str, **details: str) -> BacktranslationStage:
        """A stage that fills nothing and says why in its signature (``disabled``, ``unavailable``)."""
        return cls(None, status={"status": status, **details})

    def signature(self) -> dict[str, Any]:
        if self.fr_en is None:
            return self.status
        roundtrip = dict(self.roundtrip_status)
        if self.en_fr is not None and self.scorer is not None:
            roundtrip.update(self.en_fr.signature(), metrics=self.metrics)
        return {
            **self.status,
            "fr_en": self.fr_en.signature(),
            "roundtrip": roundtrip,
            "sentences": {"splitter": SPLITTER_VERSION, "max_chars": self.max_sentence_chars},
        }

    def process(self, batch: list[ParagraphState]) -> None:
        if self.fr_en is None:
            return
        texts = [state.view.text for state in batch]
        pieces = [split_sentences(text, self.max_sentence_chars) for text in texts]
        english = self.fr_en.translate_pieces(pieces, self.progress)
        french = None
        if self.en_fr is not None:
            english_pieces = [[(e, gap) for e, (_, gap) in zip(en, p)] for en, p in zip(english, pieces)]
            french = self.en_fr.translate_pieces(english_pieces, self.progress)
        for i, state in enumerate(batch):
            roundtrip = None
            if french is not None and self.scorer is not None:
                text = join_sentences(french[i], pieces[i])
                roundtrip = RoundTrip(text, self.scorer.score(texts[i], text), self.metrics)
            state.backtranslation = Backtranslation(
                texts[i], join_sentences(english[i], pieces[i]), roundtrip
            )


def build_backtranslation(
    options: TranslationOptions, warn: Callable[[str], None], require: bool = False
) -> BacktranslationStage:
    """Find the models and build the stage; an unavailable model warns once (or raises if ``require``)."""
    try:
        fr_en = resolve_model(options.fr_en, FR_EN_OPTION)
    except ModelUnavailable as problem:
        if require:
            raise
        warn(f"back-translation skipped: {problem}; backtranslation and roundtrip are null in the records")
        return BacktranslationStage.inactive("unavailable", model=problem.model, reason=problem.reason)
    en_fr, roundtrip_status = None, {"status": "disabled"}
    if options.roundtrip:
        try:
            en_fr, roundtrip_status = resolve_model(options.en_fr, EN_FR_OPTION), {"status": "ok"}
        except ModelUnavailable as problem:
            if require:
                raise
            warn(f"round trip skipped: {problem}; roundtrip is null in the records")
            roundtrip_status = {"status": "unavailable", "model": problem.model, "reason": problem.reason}
    cache = options.open_cache()
    return BacktranslationStage(
        options.translator(fr_en, "fr-en", cache),
        options.translator(en_fr, "en-fr", cache) if en_fr is not None else None,
        roundtrip_status=roundtrip_status,
    )
