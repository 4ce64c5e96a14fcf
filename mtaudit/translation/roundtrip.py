"""Back-translation results, round-trip scores (sacrebleu) and the round-trip features the detector reads.

A paragraph translated fr→en→fr by the same kind of model that produced it comes back almost
unchanged; human French changes more (Nguyen-Son et al., NAACL 2021). Features (the detector's
``roundtrip`` stage features):

- ``chrf``: sentence chrF (0–100) of the round trip against the paragraph;
- ``length_ratio``: characters of the round trip / characters of the paragraph;
- ``untranslated_share``: share of the English words that are French words copied from the
  paragraph, i.e. left untranslated (words occurring in lower case in the paragraph and more frequent in
  French than in English, so names and shared words like "table" do not count).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from mtaudit.wordlang import zipf_en, zipf_fr

_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


@dataclass(frozen=True)
class RoundTrip:
    """The fr→en→fr round trip of a paragraph and its scores against the paragraph."""

    text: str
    scores: dict[str, float]  # chrf, bleu, ter
    signature: dict[str, str]  # the metrics' sacrebleu signatures


@dataclass(frozen=True)
class Backtranslation:
    """The back-translation stage's result for one paragraph: the English, and the round trip if any."""

    source: str  # the French that was translated (the paragraph's normalised text)
    english: str
    roundtrip: RoundTrip | None = None

    def roundtrip_record(self) -> dict[str, Any] | None:
        """The record's ``roundtrip`` field: ``text``, the scores and their ``signature``."""
        if self.roundtrip is None:
            return None
        return {"text": self.roundtrip.text, **self.roundtrip.scores, "signature": self.roundtrip.signature}


class RoundTripScorer:
    """Sentence-level chrF, BLEU and TER of a round trip against its source, with sacrebleu signatures."""

    def __init__(self) -> None:
        from sacrebleu.metrics import BLEU, CHRF, TER

        self.metrics = {"chrf": CHRF(), "bleu": BLEU(effective_order=True), "ter": TER()}
        for metric in self.metrics.values():  # a signature needs the number of references: score once
            metric.sentence_score("a", ["a"])

    def signatures(self) -> dict[str, str]:
        """The sacrebleu signature of each metric (e.g. ``nrefs:1|case:mixed|eff:yes|nc:6|...``)."""
        return {name: str(metric.get_signature()) for name, metric in self.metrics.items()}

    def score(self, source: str, roundtrip: str) -> dict[str, float]:
        """``chrf``, ``bleu`` and ``ter`` of ``roundtrip`` with ``source`` as the reference."""
        return {
            name: round(m.sentence_score(roundtrip, [source]).score, 2) for name, m in self.metrics.items()
        }


def length_ratio(source: str, roundtrip: str) -> float:
    """Characters of the round trip per character of the source (0 for an empty source)."""
    return round(len(roundtrip) / len(source), 4) if source else 0.0


def untranslated_share(french: str, english: str) -> float:
    """Share of the words of ``english`` that are French words left untranslated from ``french``."""
    english_words = [w.lower() for w in _WORD.findall(english)]
    if not english_words:
        return 0.0
    lower_french = {w for w in _WORD.findall(french) if w.islower()}
    copied = sum(w in lower_french and zipf_fr(w) > zipf_en(w) for w in english_words)
    return round(copied / len(english_words), 4)


def roundtrip_features(result: Backtranslation) -> dict[str, float]:
    """The detector's round-trip features; without a round trip only the untranslated share."""
    features = {"untranslated_share": untranslated_share(result.source, result.english)}
    if result.roundtrip is not None:
        features["chrf"] = result.roundtrip.scores["chrf"]
        features["length_ratio"] = length_ratio(result.source, result.roundtrip.text)
    return features
