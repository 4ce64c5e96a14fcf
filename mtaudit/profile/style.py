"""Machine-translation style: which words and syntax bigrams machine translation prefers to people.

A paragraph's ``mt_style`` is the mean, over its *style tokens*, of each token's log ratio of frequency
in machine translation to its frequency in human translation of the same texts::

    mt_style = mean over tokens t of  log((m_t + α) / (M + αV)) - log((h_t + α) / (H + αV))

(``m_t``, ``h_t``: the token's counts in the machine and human sides of the labelled data, ``M``, ``H``:
their totals, ``V``: the number of tokens kept, α = 1; tokens seen fewer than 3 times in all are left out
and count 0). This is the log-likelihood ratio of a multinomial naive Bayes model, per token. A sentence's
style tokens (``SentenceStats.style_tokens``) are its word forms (``w:`` + the word model's form) and the
bigrams of its syntax-model tokens (``s:`` + ``DET_NOUN``, ``s:de_DET``, …, with ``<s>`` and ``</s>`` at
the ends): lexical choice and word order. The table is learned from paired machine and human
translations (:mod:`mtaudit.profile.learn`), where both sides carry the same content, so topic words
cancel out and what is left is how each side writes. It holds single words and tag pairs with a weight
each, never a sentence.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from itertools import repeat

SMOOTHING = 1.0
MIN_COUNT = 3


def style_sum(table: Mapping[str, float], tokens: Iterable[str]) -> float:
    """The summed weights of ``tokens`` (tokens missing from the table weigh 0)."""
    tokens = list(tokens)
    return sum(map(table.get, tokens, repeat(0.0, len(tokens))))


def estimate_style(
    machine: Iterable[Sequence[str]],
    human: Iterable[Sequence[str]],
    smoothing: float = SMOOTHING,
    min_count: int = MIN_COUNT,
) -> dict[str, float]:
    """The style table from the style tokens of machine- and human-translated sentences."""
    machine_counts: Counter[str] = Counter()
    human_counts: Counter[str] = Counter()
    for tokens in machine:
        machine_counts.update(tokens)
    for tokens in human:
        human_counts.update(tokens)
    seen = machine_counts.keys() | human_counts.keys()
    kept = sorted(t for t in seen if machine_counts[t] + human_counts[t] >= min_count)
    size = len(kept)
    machine_total = sum(machine_counts.values()) + smoothing * size
    human_total = sum(human_counts.values()) + smoothing * size
    return {
        token: math.log((machine_counts[token] + smoothing) / machine_total)
        - math.log((human_counts[token] + smoothing) / human_total)
        for token in kept
    }
