"""Round-trip scores (sacrebleu) and the round-trip features the detector reads.

A paragraph translated fr→en→fr by the same kind of model that produced it comes back almost
unchanged; human French changes more (Nguyen-Son et al., NAACL 2021). Features:

- ``roundtrip.chrf``: sentence chrF (0–100) of the round trip against the paragraph;
- ``roundtrip.length_ratio``: characters of the round trip / characters of the paragraph;
- ``roundtrip.untranslated_share``: share of the English words that are French words copied from the
  paragraph, i.e. left untranslated (words occurring in lower case in the paragraph and more frequent in
  French than in English, so names and shared words like "table" do not count).
"""

from __future__ import annotations

import re
from typing import Any

from mtaudit.wordlang import zipf_en, zipf_fr

_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


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


def roundtrip_features(source: str, english: str, roundtrip: dict[str, Any] | None) -> dict[str, float]:
    """The detector's round-trip features; without a round trip only the untranslated share."""
    features = {"roundtrip.untranslated_share": untranslated_share(source, english)}
    if roundtrip is not None:
        features["roundtrip.chrf"] = roundtrip["chrf"]
        features["roundtrip.length_ratio"] = length_ratio(source, roundtrip["text"])
    return features
