"""Interpolated modified Kneser-Ney n-gram models, estimated in Python and stored as plain arrays.

One estimator serves the word language model and the part-of-speech model. The estimate follows
Chen & Goodman (1998): three discounts per order from the count-of-counts, continuation counts for the
lower orders (raw counts for n-grams that start with ``<s>``), and interpolation down to a *base*
distribution below the unigrams. Probabilities are stored fully interpolated with a back-off weight per
context, as in an ARPA file, so a query is a few dictionary look-ups::

    p(w | h) = stored(h w)                      if h w was seen
             = backoff(h) · p(w | h minus its first word)   otherwise (backoff(h) = 1 for unseen h)

For words never seen in training, the base distribution decides: the word model uses wordfreq's French
frequencies (a large general corpus), so an unseen but ordinary French word is far less surprising than
an unseen English one.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

BOS, EOS, UNK = 0, 1, 2
SPECIALS = ("<s>", "</s>", "<unk>")
MIN_DISCOUNT = 0.05
NEVER_LOG10 = -99.0  # as in ARPA files: the log10 probability of an n-gram that is only a context

Gram = tuple[int, ...]


class TokenScore(NamedTuple):
    """One token's score: log10 p in context, log10 p as a unigram, length of the longest seen n-gram."""

    log10p: float
    unigram_log10p: float
    matched_order: int


@dataclass
class NgramModel:
    """A stored n-gram model: ``tables[k]`` maps each seen (k+1)-gram of ids to (log10 p, log10 backoff)."""

    order: int
    vocab: list[str]
    tables: list[dict[Gram, tuple[float, float]]]

    def __post_init__(self) -> None:
        self.index = {word: i for i, word in enumerate(self.vocab)}

    def ids(self, words: Iterable[str]) -> list[int]:
        """Vocabulary ids of ``words`` (UNK for unseen words)."""
        return [self.index.get(word, UNK) for word in words]

    def score(self, ids: Sequence[int], unseen_log10: Sequence[float]) -> list[TokenScore]:
        """Score every id of one sentence, then ``</s>``.

        ``unseen_log10[i]`` is the base-distribution log10 probability of the word at ``i``, used when
        ``ids[i]`` is UNK.
        """
        unk_log10 = self.tables[0][(UNK,)][0]
        history = [BOS] * (self.order - 1)
        scores = []
        for position, word in enumerate([*ids, EOS]):
            if word == UNK:
                unigram = unk_log10 + unseen_log10[position]
                scores.append(TokenScore(self._backoff_total(history, len(history)) + unigram, unigram, 0))
            else:
                # every vocabulary word has a unigram, so the search for the longest seen n-gram ends there
                start = 0
                while (entry := self.tables[len(history) - start].get((*history[start:], word))) is None:
                    start += 1
                log10p = entry[0] + self._backoff_total(history, start)
                scores.append(TokenScore(log10p, self.tables[0][(word,)][0], self.order - start))
            history = [*history[1:], word]
        return scores

    def _backoff_total(self, history: list[int], upto: int) -> float:
        """Sum of the log10 back-off weights of the contexts ``history[s:]`` for ``s < upto``."""
        total = 0.0
        for start in range(upto):
            context = tuple(history[start:])
            entry = self.tables[len(context) - 1].get(context)
            if entry is not None:
                total += entry[1]
        return total

    def to_arrays(self, prefix: str) -> dict[str, np.ndarray]:
        """The model as named numpy arrays (for the profile file); words are joined by newlines."""
        arrays = {f"{prefix}.vocab": np.frombuffer("\n".join(self.vocab).encode("utf-8"), dtype=np.uint8)}
        for k, table in enumerate(self.tables):
            grams = sorted(table)
            arrays[f"{prefix}.{k + 1}.ids"] = np.array(grams, dtype=np.int32).reshape(len(grams), k + 1)
            arrays[f"{prefix}.{k + 1}.values"] = np.array([table[g] for g in grams], dtype=np.float32)
        return arrays

    @classmethod
    def from_arrays(cls, arrays: Mapping[str, np.ndarray], prefix: str, order: int) -> NgramModel:
        """Rebuild a model saved by :meth:`to_arrays`."""
        vocab = arrays[f"{prefix}.vocab"].tobytes().decode("utf-8").split("\n")
        tables = []
        for k in range(order):
            grams = map(tuple, arrays[f"{prefix}.{k + 1}.ids"].tolist())
            values = map(tuple, arrays[f"{prefix}.{k + 1}.values"].tolist())
            tables.append(dict(zip(grams, values, strict=True)))
        return cls(order, vocab, tables)


def estimate(
    sentences: Iterable[Sequence[str]], order: int, base: Callable[[str], float] | None = None
) -> NgramModel:
    """Estimate an interpolated modified Kneser-Ney model of ``order`` from tokenised sentences.

    ``base(word)`` is the probability of ``word`` below the unigram level (uniform over the vocabulary
    when None); the probability mass it gives to unseen words is kept in the ``<unk>`` unigram.
    """
    index = {word: i for i, word in enumerate(SPECIALS)}
    raw: list[Counter[Gram]] = [Counter() for _ in range(order)]
    for sentence in sentences:
        ids = [index.setdefault(word, len(index)) for word in sentence]
        padded = [BOS] * (order - 1) + ids + [EOS]
        for k in range(order):
            for end in range(order - 1, len(padded)):
                raw[k][tuple(padded[end - k : end + 1])] += 1
    vocab = list(index)
    if base is None:
        uniform = 1.0 / (len(vocab) - 1)
        base_probs = [uniform] * len(vocab)
    else:
        base_probs = [base(word) for word in vocab]
    return NgramModel(order, vocab, _interpolate(_adjusted_counts(raw), base_probs))


def _adjusted_counts(raw: list[Counter[Gram]]) -> list[Counter[Gram]]:
    """Continuation counts for the lower orders, raw counts for the top order and ``<s>``-initial grams."""
    adjusted = [Counter() for _ in raw]
    adjusted[-1] = raw[-1]
    for k in range(len(raw) - 2, -1, -1):
        for gram in raw[k + 1]:
            if gram[1] != BOS:
                adjusted[k][gram[1:]] += 1
        for gram, count in raw[k].items():
            if gram[0] == BOS:
                adjusted[k][gram] = count
    for gram in list(adjusted[0]):
        if gram == (BOS,):
            del adjusted[0][gram]
    return adjusted


def _discounts(counts: Counter[Gram]) -> tuple[float, float, float, float]:
    """Modified Kneser-Ney discounts (D0 = 0, D1, D2, D3+) from the count-of-counts."""
    n = Counter(min(count, 4) for count in counts.values())
    n1, n2, n3, n4 = (max(n[i], 1) for i in (1, 2, 3, 4))
    y = n1 / (n1 + 2 * n2)
    d1 = 1 - 2 * y * n2 / n1
    d2 = 2 - 3 * y * n3 / n2
    d3 = 3 - 4 * y * n4 / n3
    return 0.0, max(d1, MIN_DISCOUNT), max(d2, MIN_DISCOUNT), max(d3, MIN_DISCOUNT)


def _interpolate(counts: list[Counter[Gram]], base: list[float]) -> list[dict[Gram, tuple[float, float]]]:
    probs: list[dict[Gram, float]] = []
    gammas: list[dict[Gram, float]] = []
    for k, table in enumerate(counts):
        discount = _discounts(table)
        totals: Counter[Gram] = Counter()
        kinds: dict[Gram, list[int]] = defaultdict(lambda: [0, 0, 0])
        for gram, count in table.items():
            totals[gram[:-1]] += count
            kinds[gram[:-1]][min(count, 3) - 1] += 1
        gamma = {
            context: sum(d * n for d, n in zip(discount[1:], kind, strict=True)) / totals[context]
            for context, kind in kinds.items()
        }
        level: dict[Gram, float] = {}
        for gram, count in table.items():
            lower = base[gram[-1]] if k == 0 else _lookup(probs, gammas, gram[1:])
            level[gram] = (count - discount[min(count, 3)]) / totals[gram[:-1]] + gamma[gram[:-1]] * lower
        if k == 0:
            level[(UNK,)] = gamma[()]  # times base(word) for each unseen word, added at query time
        probs.append(level)
        gammas.append(gamma)
    tables = []
    for k, level in enumerate(probs):
        following = gammas[k + 1] if k + 1 < len(gammas) else {}
        table = {gram: (math.log10(p), math.log10(following.get(gram, 1.0))) for gram, p in level.items()}
        for context in following.keys() - level.keys():  # contexts of <s> only, never predicted themselves
            table[context] = (NEVER_LOG10, math.log10(following[context]))
        tables.append(table)
    return tables


def _lookup(probs: list[dict[Gram, float]], gammas: list[dict[Gram, float]], gram: Gram) -> float:
    """The interpolated probability of a lower-order gram during estimation."""
    value = probs[len(gram) - 1].get(gram)
    if value is not None:
        return value
    return gammas[len(gram) - 1].get(gram[:-1], 1.0) * _lookup(probs, gammas, gram[1:])
