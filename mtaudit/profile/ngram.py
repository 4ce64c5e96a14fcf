"""Interpolated modified Kneser-Ney n-gram models, estimated in Python and stored as plain arrays.

One estimator serves the word language model and the part-of-speech model. The estimate follows
Chen & Goodman (1998): three discounts per order from the count-of-counts, continuation counts for the
lower orders (raw counts for n-grams that start with ``<s>``), and interpolation down to a *base*
distribution below the unigrams. Probabilities are stored fully interpolated with a back-off weight per
context, as in an ARPA file, so a query is a few binary searches::

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
from itertools import repeat

import numpy as np

from mtaudit.errors import MtauditError

BOS, EOS, UNK = 0, 1, 2
SPECIALS = ("<s>", "</s>", "<unk>")
MIN_DISCOUNT = 0.05
NEVER_LOG10 = -99.0  # as in ARPA files: the log10 probability of an n-gram that is only a context

Gram = tuple[int, ...]


@dataclass
class Scores:
    """A sentence's token scores (then ``</s>``): log10 p in context, log10 p as a unigram, and the length
    of the longest n-gram ending at the token that the model has seen (0 for unknown words)."""

    log10p: np.ndarray
    unigram_log10p: np.ndarray
    matched_order: np.ndarray


@dataclass
class NgramModel:
    """A stored n-gram model: per order, the sorted packed ids of the seen n-grams with log10 p and back-off.

    An n-gram of ids ``(a, b, c)`` is packed into one integer ``(a·V + b)·V + c`` (V = vocabulary size),
    so a query is a binary search in a numpy array, done for a whole sentence at once.
    """

    order: int
    vocab: list[str]
    keys: list[np.ndarray]  # keys[k]: packed (k+1)-grams, sorted
    log10p: list[np.ndarray]
    backoff: list[np.ndarray]  # log10 back-off weight of the (k+1)-gram as a context (0 if never one)

    def __post_init__(self) -> None:
        self.index = {word: i for i, word in enumerate(self.vocab)}
        self.unk_log10p = float(self.log10p[0][np.searchsorted(self.keys[0], UNK)])
        # every word a unigram (as estimate() stores them): a unigram's row is its id, no search needed
        self._unigram_rows = np.array_equal(self.keys[0], np.arange(len(self.vocab)))

    def ids(self, words: Iterable[str]) -> list[int]:
        """Vocabulary ids of ``words`` (UNK for unseen words)."""
        words = list(words)
        return list(map(self.index.get, words, repeat(UNK, len(words))))

    def score(self, ids: Sequence[int], unseen_log10: Sequence[float]) -> Scores:
        """Score every id of one sentence, then ``</s>``.

        ``unseen_log10[i]`` is the base-distribution log10 probability of the word at ``i``, used when
        ``ids[i]`` is UNK (the ``</s>`` entry is never used).
        """
        return self.score_all([ids], [unseen_log10])

    def score_all(self, sentences: Sequence[Sequence[int]], unseen_log10: Sequence[Sequence[float]]) -> Scores:
        """:meth:`score` of each sentence, one after another in the arrays (each sentence's ids, then its
        ``</s>``): all of them looked up together, one binary search per order and kind for the whole
        batch instead of one per sentence (the values are the same)."""
        if not sentences:
            return Scores(np.zeros(0), np.zeros(0), np.zeros(0, dtype=np.int64))
        size, first = len(self.vocab), self.order - 1
        padded_list: list[int] = []
        positions_list: list[int] = []
        for ids in sentences:
            start = len(padded_list) + first
            padded_list += [BOS] * first + list(ids) + [EOS]
            positions_list += range(start, start + len(ids) + 1)
        padded = np.array(padded_list, dtype=np.int64)
        positions = np.array(positions_list, dtype=np.int64)
        # One look-up per order, of the n-gram ending at every position: at a word's position it is the
        # word's n-gram, one position earlier the context of its (n+1)-gram (the <s> padding keeps both
        # inside the sentence; positions with no full n-gram before them are looked up but never read).
        # Every suffix of a stored n-gram is stored (see estimate), so an n-gram whose shorter suffix was
        # not found is not looked up: it is unseen, as its look-up would say.
        seen = []
        key = padded
        for k in range(self.order):
            if k:
                earlier = np.zeros_like(padded)
                earlier[k:] = padded[:-k]
                key = earlier * size**k + key
            backoff = k < self.order - 1
            shorter = seen[k - 1][0] if k else None
            if shorter is None or shorter.all():
                seen.append(self._lookup(k, key, backoff))
                continue
            seen.append(_spread(self._lookup(k, key[shorter], backoff), shorter))
        words = padded[positions]
        unknown = words == UNK
        unseen = np.concatenate([np.asarray(u, dtype=np.float64) for u in unseen_log10])
        unigram = np.where(unknown, self.unk_log10p + unseen, 0.0)
        matched = np.where(unknown, 0, 1)
        unigram = np.where(unknown, unigram, seen[0][1][positions])
        log10p = unigram.copy()
        for k in range(1, self.order):
            context_backoff = seen[k - 1][2][positions - 1]
            found, value = seen[k][0][positions], seen[k][1][positions]
            log10p = np.where(found, value, context_backoff + log10p)
            matched = np.where(found, k + 1, matched)
        return Scores(log10p, unigram, matched)

    def _lookup(
        self, k: int, queries: np.ndarray, backoff: bool = True
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
        """For packed (k+1)-grams: whether each was seen, its log10 p, and (if ``backoff``) its log10
        back-off (0 where unseen)."""
        if k == 0 and self._unigram_rows:  # queries are word ids, each the row of its unigram
            found = np.ones(len(queries), dtype=bool)
            back = self.backoff[0][queries] if backoff else None
            return found, self.log10p[0][queries], back
        keys = self.keys[k]
        # searching in increasing order keeps the search near the last hit (about twice as fast)
        order = np.argsort(queries)
        at = np.empty(len(queries), dtype=np.intp)
        at[order] = np.minimum(np.searchsorted(keys, queries[order]), len(keys) - 1)
        found = keys[at] == queries
        back = np.where(found, self.backoff[k][at], 0.0) if backoff else None
        return found, np.where(found, self.log10p[k][at], 0.0), back

    def to_arrays(self, prefix: str) -> dict[str, np.ndarray]:
        """The model as named numpy arrays (for the profile file); words are joined by newlines."""
        arrays = {f"{prefix}.vocab": np.frombuffer("\n".join(self.vocab).encode("utf-8"), dtype=np.uint8)}
        for k in range(self.order):
            arrays[f"{prefix}.{k + 1}.keys"] = self.keys[k]
            arrays[f"{prefix}.{k + 1}.log10p"] = self.log10p[k]
            arrays[f"{prefix}.{k + 1}.backoff"] = self.backoff[k]
        return arrays

    @classmethod
    def from_arrays(cls, arrays: Mapping[str, np.ndarray], prefix: str, order: int) -> NgramModel:
        """Rebuild a model saved by :meth:`to_arrays`."""
        vocab = arrays[f"{prefix}.vocab"].tobytes().decode("utf-8").split("\n")
        parts = ("keys", "log10p", "backoff")
        keys, log10p, backoff = ([arrays[f"{prefix}.{k + 1}.{part}"] for k in range(order)] for part in parts)
        return cls(order, vocab, keys, log10p, backoff)

    @classmethod
    def from_tables(cls, vocab: list[str], tables: list[dict[Gram, tuple[float, float]]]) -> NgramModel:
        """Pack estimated tables (``tables[k]``: (k+1)-gram → (log10 p, log10 back-off)) into arrays."""
        size = len(vocab)
        if size ** len(tables) >= 2**63:
            raise MtauditError(f"vocabulary of {size:,} words is too large for a {len(tables)}-gram model")
        keys, log10p, backoff = [], [], []
        for table in tables:
            packed = np.array([_packed(gram, size) for gram in table], dtype=np.int64)
            values = np.array(list(table.values()), dtype=np.float64).reshape(len(table), 2)
            order = np.argsort(packed)
            keys.append(packed[order])
            log10p.append(values[order, 0].astype(np.float32))
            backoff.append(values[order, 1].astype(np.float32))
        return cls(len(tables), vocab, keys, log10p, backoff)


def _spread(
    looked_up: tuple[np.ndarray, np.ndarray, np.ndarray | None], rows: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
    """:meth:`NgramModel._lookup`'s arrays for the positions ``rows`` (a mask) spread over all positions,
    the others unseen (not found, 0 log10 p and back-off), in the same dtypes."""
    spread = []
    for values in looked_up:
        if values is None:
            spread.append(None)
            continue
        full = np.zeros(len(rows), dtype=values.dtype)
        full[rows] = values
        spread.append(full)
    found, log10p, backoff = spread
    return found, log10p, backoff


def _packed(gram: Gram, size: int) -> int:
    key = 0
    for word in gram:
        key = key * size + word
    return key


def estimate(
    sentences: Iterable[Sequence[str]], order: int, base: Callable[[str], float] | None = None
) -> NgramModel:
    """Estimate an interpolated modified Kneser-Ney model of ``order`` from tokenised sentences.

    ``base(word)`` is the probability of ``word`` below the unigram level (uniform over the vocabulary
    when None); the probability mass it gives to unseen words is kept in the ``<unk>`` unigram. Every
    suffix of a stored n-gram is stored too (continuation counts, and contexts), which scoring relies on.
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
    return NgramModel.from_tables(vocab, _interpolate(_adjusted_counts(raw), base_probs))


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
