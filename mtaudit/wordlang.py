"""Word-level language evidence from corpus frequencies (wordfreq), cached per word form."""

from __future__ import annotations

from functools import lru_cache

from wordfreq import zipf_frequency


@lru_cache(maxsize=200_000)
def zipf_fr(word: str) -> float:
    """Zipf frequency of ``word`` in French (0 = unseen, 7 = the most frequent words)."""
    return zipf_frequency(word, "fr")


@lru_cache(maxsize=200_000)
def zipf_en(word: str) -> float:
    """Zipf frequency of ``word`` in English."""
    return zipf_frequency(word, "en")


def english_lean(word: str) -> float:
    """How much more frequent ``word`` is in English than in French, in Zipf units (log10)."""
    lower = word.lower()
    return zipf_en(lower) - zipf_fr(lower)


def is_known_word(word: str, threshold: float = 1.0) -> bool:
    """Whether ``word`` occurs in French or English corpora at all (garbled forms do not)."""
    lower = word.lower()
    return zipf_fr(lower) >= threshold or zipf_en(lower) >= threshold
