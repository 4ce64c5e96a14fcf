"""The ``fluency`` pipeline stage: scores each paragraph against the native-French profile.

It fills ``ParagraphState.fluency`` with a :class:`Fluency`: ``perplexity``, ``deviation``,
``percentile``, ``z_scores`` and ``least_fluent_sentence`` (character offsets into the original
paragraph) for the record, and the raw feature values plus ``deviation`` for the detector.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mtaudit.errors import MtauditError
from mtaudit.profile.features import SentenceStats, least_fluent, paragraph_features, sentences_stats
from mtaudit.profile.neural import CausalLMScorer, load_causal_lm
from mtaudit.profile.reference import deviation
from mtaudit.profile.store import REBUILD_HINT, Profile, default_profile_path, load_profile

if TYPE_CHECKING:
    from mtaudit.pipeline import ParagraphState

DIGITS = 4


@dataclass(frozen=True)
class Sentence:
    """A sentence of the paragraph: ``text[start:end]`` of the original, and its perplexity."""

    start: int
    end: int
    text: str
    perplexity: float


@dataclass(frozen=True)
class Fluency:
    """The fluency stage's result for one paragraph."""

    perplexity: float
    deviation: float
    percentile: float
    z_scores: dict[str, float]
    least_fluent_sentence: Sentence | None
    features: dict[str, float]  # the raw feature values and the unrounded deviation, for the detector

    def to_record(self) -> dict[str, Any]:
        """The record's ``fluency`` field (the features stay out of it)."""
        sentence = self.least_fluent_sentence
        return {
            "perplexity": self.perplexity,
            "deviation": self.deviation,
            "percentile": self.percentile,
            "z_scores": dict(self.z_scores),
            "least_fluent_sentence": asdict(sentence) if sentence is not None else None,
        }


class FluencyStage:
    """Measures every paragraph's fluency features and compares them with the profile's native reference."""

    name = "fluency"

    def __init__(self, profile: Profile) -> None:
        """The stage for ``profile``, with the causal LM it was built with (if any), loaded once."""
        self.profile = profile
        self.model: CausalLMScorer | None = (
            load_causal_lm(profile.fluency_model) if profile.fluency_model else None
        )

    def signature(self) -> dict[str, Any]:
        signature = self.profile.signature()
        if self.model is not None:
            signature["fluency_model"] = self.model.signature()
        return signature

    def process(self, batch: list[ParagraphState]) -> None:
        word_lm, syntax_lm = self.profile.word_lm, self.profile.syntax_lm
        spans = [list(state.doc.sents) for state in batch]
        measured = iter(sentences_stats([s for paragraph in spans for s in paragraph], word_lm, syntax_lm))
        per_paragraph = [[next(measured) for _ in paragraph] for paragraph in spans]
        if self.model is not None:
            sentences = [
                (state.view.text, stats)
                for state, paragraph in zip(batch, per_paragraph, strict=True)
                for stats in paragraph
            ]
            texts = [text[stats.start : stats.end] for text, stats in sentences]
            for (_, stats), surprises in zip(sentences, self.model.surprises(texts), strict=True):
                stats.model_nats = surprises
        for state, stats in zip(batch, per_paragraph, strict=True):
            self._score(state, stats)

    def _score(self, state: ParagraphState, stats: list[SentenceStats]) -> None:
        reference = self.profile.reference
        values = paragraph_features(stats, self.profile.weights.style)
        tokens = sum(s.tokens for s in stats)
        z = reference.z_scores(values, tokens)
        value = deviation(z, self.profile.weights.combination)
        perplexity_key = "model_log_perplexity" if self.model is not None else "lm_log_perplexity"
        sentence = None
        if any(s.tokens for s in stats):
            worst = least_fluent([s for s in stats if s.tokens])
            start, end = state.view.span(worst.start, worst.end)
            sentence = Sentence(
                start, end, state.view.original[start:end], round(math.exp(worst.log_perplexity), 2)
            )
        state.fluency = Fluency(
            perplexity=round(math.exp(values[perplexity_key]), 2),
            deviation=round(value, DIGITS),
            percentile=round(reference.percentile(value, tokens), 1),
            z_scores={name: round(score, DIGITS) for name, score in z.items()},
            least_fluent_sentence=sentence,
            features={**{name: float(v) for name, v in values.items()}, "deviation": value},
        )


def fluency_stage(profile_path: Path | None, warn: Callable[[str], None]) -> FluencyStage | None:
    """The fluency stage for the audit.

    An explicit ``profile_path`` that cannot be used is an error (MtauditError). A missing or damaged
    default profile only disables fluency scoring, with one warning saying why and how to rebuild it.
    """
    if profile_path is not None:
        return FluencyStage(load_profile(profile_path))
    try:
        profile = load_profile(default_profile_path())
    except MtauditError as problem:
        warn(f"fluency scoring unavailable: {problem}; rebuild it with '{REBUILD_HINT}' or pass --profile")
        return None
    return FluencyStage(profile)
