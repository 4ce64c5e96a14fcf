"""N-gram text models: TF-IDF views of a string and a logistic regression over them, saved as plain data.

A model sees one string per paragraph (the normalised text, or its masked text) through one or
more *views* (word n-grams, character n-grams); each view is an L2-normalised sublinear TF-IDF vector
over a vocabulary fixed at training time. Its output is a log-odds that the string is machine-translated,
which the detector stacks with its other features.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from itertools import repeat
from typing import Any

import numpy as np

# The TfidfVectorizer settings a view may carry (the rest are fixed: sublinear tf, l2 norm, smooth idf).
VIEW_SETTINGS = ("analyzer", "ngram_range", "lowercase", "token_pattern", "min_df", "max_features")
DEFAULT_TOKEN_PATTERN = r"(?u)\b\w\w+\b"  # scikit-learn's
_WHITESPACES = re.compile(r"\s\s+")
WORD_CACHE_SIZE = 200_000  # words whose n-grams a model keeps (the cache starts again when full)


@dataclass(frozen=True)
class NgramSpec:
    """How to build one n-gram model: its views and the inverse regularisation strength ``c``."""

    views: tuple[dict[str, Any], ...]
    c: float


@dataclass
class NgramModel:
    """A fitted n-gram model: per view the vocabulary and idf weights, then one linear layer."""

    views: list[dict[str, Any]]
    vocabularies: list[list[str]]
    idfs: list[np.ndarray]
    coef: np.ndarray
    intercept: float

    @classmethod
    def fit(
        cls, spec: NgramSpec, texts: Sequence[str], labels: np.ndarray, weights: np.ndarray | None = None
    ) -> NgramModel:
        """Fit the views' vocabularies and the logistic regression on ``texts`` (labels 1 = machine)."""
        from scipy import sparse
        from sklearn.linear_model import LogisticRegression

        vectorizers = [_vectorizer(view).fit(texts) for view in spec.views]
        x = sparse.hstack([v.transform(texts) for v in vectorizers]).tocsr()
        lr = LogisticRegression(C=spec.c, max_iter=3000).fit(x, labels, sample_weight=weights)
        return cls(
            views=[dict(view) for view in spec.views],
            vocabularies=[v.get_feature_names_out().tolist() for v in vectorizers],
            idfs=[v.idf_ for v in vectorizers],
            coef=lr.coef_.ravel(),
            intercept=float(lr.intercept_[0]),
        )

    def decision(self, texts: Sequence[str]) -> np.ndarray:
        """The log-odds of machine translation of each text.

        Scored without scikit-learn (which only training needs): per view, the sublinear TF-IDF vector
        of the text's n-grams in the vocabulary, L2-normalised, dotted with the view's coefficients —
        what ``TfidfVectorizer.transform`` and the linear layer compute (tests/test_detector_model.py).
        The whole batch is scored at once: each text's n-grams become vocabulary indices, and counts,
        weights and norms are computed on flat arrays.
        """
        total = np.full(len(texts), self.intercept)
        for table in self._tables:
            owner, indices = table.occurrences(texts)
            if len(owner):
                total += table.score(owner, indices, len(texts))
        return total

    @cached_property
    def _tables(self) -> list[_ViewTable]:
        """Per view, its vocabulary indices, idf weights and coefficients (built once)."""
        tables, offset = [], 0
        for view, vocabulary, idf in zip(self.views, self.vocabularies, self.idfs, strict=True):
            coef = self.coef[offset : offset + len(vocabulary)]
            tables.append(_ViewTable(view, vocabulary, np.asarray(idf, dtype=float), coef))
            offset += len(vocabulary)
        return tables

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data (rounded to 6 significant digits)."""
        return {
            "views": [
                {k: list(v) if isinstance(v, tuple) else v for k, v in view.items()} for view in self.views
            ],
            "vocabularies": self.vocabularies,
            "idfs": [rounded(idf) for idf in self.idfs],
            "coef": rounded(self.coef),
            "intercept": self.intercept,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> NgramModel:
        """Rebuild a model saved with :meth:`to_dict`."""
        views = [
            {k: tuple(v) if k == "ngram_range" else v for k, v in view.items()} for view in data["views"]
        ]
        return cls(
            views=views,
            vocabularies=[list(v) for v in data["vocabularies"]],
            idfs=[np.asarray(idf, dtype=float) for idf in data["idfs"]],
            coef=np.asarray(data["coef"], dtype=float),
            intercept=float(data["intercept"]),
        )


class _ViewTable:
    """One view of a fitted model, ready to score: n-gram → vocabulary index, idf and coefficient arrays.

    A ``word`` view looks its n-grams up as packed integers (:class:`_PackedGrams`), a whole batch at once.
    A ``char_wb`` view keeps, per word, the indices of its character n-grams in the vocabulary (words
    recur a lot; the cache starts again when it holds ``WORD_CACHE_SIZE`` words)."""

    def __init__(self, view: dict[str, Any], vocabulary: list[str], idf: np.ndarray, coef: np.ndarray) -> None:
        self.view = view
        self.index = dict(zip(vocabulary, range(len(vocabulary))))
        self.idf = idf
        self.weight = idf * coef  # idf · coef: a term's contribution before its tf and the norm
        self.size = len(vocabulary)
        self._empty = np.zeros(0, dtype=np.int64)
        self._words = _WordGrams(self)
        self._packed = _PackedGrams.of(vocabulary, view["ngram_range"]) if view["analyzer"] == "word" else None

    def occurrences(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """Every occurrence in ``texts`` of an n-gram of the vocabulary: the text it is in (``owner``) and
        its vocabulary index, in no particular order."""
        if self._packed is not None:
            if self.view.get("lowercase", True):
                texts = [text.lower() for text in texts]
            tokens = tokenise(self.view.get("token_pattern", DEFAULT_TOKEN_PATTERN), texts)
            return self._packed.occurrences(tokens, self.index)
        found = [self.indices(text) for text in texts]
        owner = np.repeat(np.arange(len(texts)), [len(indices) for indices in found])
        return owner, np.concatenate(found) if found else self._empty

    def indices(self, text: str) -> np.ndarray:
        """The vocabulary index of every n-gram occurrence of ``text`` that is in the vocabulary."""
        if self.view["analyzer"] != "char_wb":
            found = [k for k in map(self.index.get, _word_ngrams(self.view, text)) if k is not None]
            return np.array(found, dtype=np.int64)
        arrays = list(map(self._words.__getitem__, _char_wb_words(self.view, text)))
        return np.concatenate(arrays) if arrays else self._empty

    def score(self, owner: np.ndarray, indices: np.ndarray, texts: int) -> np.ndarray:
        """Per text, the dot product of its L2-normalised sublinear TF-IDF vector with the coefficients
        (0 for a text with no n-gram in the vocabulary); ``owner[i]`` is the text of ``indices[i]``."""
        pairs, counts = np.unique(owner * self.size + indices, return_counts=True)
        text, term = np.divmod(pairs, self.size)
        tf = 1.0 + np.log(counts)
        norm = np.sqrt(np.bincount(text, weights=(tf * self.idf[term]) ** 2, minlength=texts))
        dot = np.bincount(text, weights=tf * self.weight[term], minlength=texts)
        return np.divide(dot, norm, out=np.zeros(texts), where=norm > 0)


def _word_ngrams(view: dict[str, Any], text: str) -> list[str]:
    """The word n-grams of ``text`` as a ``word`` view's vectorizer reads them."""
    if view["analyzer"] != "word":
        raise ValueError(f"unknown n-gram analyzer {view['analyzer']!r}")
    if view.get("lowercase", True):
        text = text.lower()
    low, high = view["ngram_range"]
    tokens = _token_pattern(view.get("token_pattern", DEFAULT_TOKEN_PATTERN)).findall(text)
    return _joined_ngrams(tokens, low, high)


class _WordGrams(dict):
    """Per word, the vocabulary indices of its character n-grams in a ``char_wb`` view, built on first
    use (the cache starts again when it holds ``WORD_CACHE_SIZE`` words)."""

    def __init__(self, table: _ViewTable) -> None:
        super().__init__()
        self.table = table

    def __missing__(self, word: str) -> np.ndarray:
        if len(self) >= WORD_CACHE_SIZE:
            self.clear()
        table = self.table
        found = [k for k in map(table.index.get, _char_wb_grams(table.view, word)) if k is not None]
        grams = self[word] = np.array(found, dtype=np.int64) if found else table._empty
        return grams


class _PackedGrams:
    """A word view's vocabulary as packed integers: each n-gram's tokens get ids ``1 … B-1`` and the n-gram
    ``(a, b, c)`` becomes ``(a·B + b)·B + c``, so a batch's n-grams are looked up with one sorted search.

    It finds exactly the n-grams that joining tokens with spaces finds (:func:`_word_ngrams`) for texts
    whose tokens hold no space (a vocabulary n-gram splits back into its tokens at its spaces); a text with
    a space inside a token is looked up as strings. Tokens no vocabulary n-gram has get id 0, and no
    n-gram with one is looked up (nor any that would reach over into the next text)."""

    def __init__(self, token_ids: dict[str, int], keys: np.ndarray, rows: np.ndarray, ngram_range) -> None:
        self.token_ids = token_ids
        self.base = len(token_ids) + 1
        self.keys = keys  # sorted packed n-grams
        self.rows = rows  # the vocabulary index of each key
        self.low, self.high = ngram_range

    @classmethod
    def of(cls, vocabulary: Sequence[str], ngram_range) -> _PackedGrams | None:
        """The packed vocabulary, or None where its n-grams would not fit in 63 bits.

        Built on flat arrays: tokens get their ids in order of first appearance, and each n-gram's key is
        the sum of its token ids times the powers of ``B`` (``(a·B + b)·B + c`` for ``(a, b, c)``)."""
        low, high = ngram_range
        lengths = np.fromiter(map(str.count, vocabulary, repeat(" ")), np.int64, len(vocabulary)) + 1
        rows = np.flatnonzero((low <= lengths) & (lengths <= high))  # any other n-gram is never looked up
        grams = vocabulary if len(rows) == len(vocabulary) else [vocabulary[row] for row in rows]
        lengths = lengths[rows]
        parts = " ".join(grams).split(" ") if len(grams) else []
        token_ids = {token: k for k, token in enumerate(dict.fromkeys(parts), start=1)}
        base = len(token_ids) + 1
        if base**high >= 2**63:
            return None
        ids = np.fromiter(map(token_ids.__getitem__, parts), np.int64, len(parts))
        starts = np.cumsum(lengths) - lengths
        # the power of B of each token: n - 1 for the first of an n-gram, down to 0 for its last
        powers = np.repeat(starts + lengths - 1, lengths) - np.arange(len(parts))
        weighted = ids * np.power(base, powers, dtype=np.int64)
        packed = np.add.reduceat(weighted, starts) if len(parts) else np.zeros(0, dtype=np.int64)
        order = np.argsort(packed)
        return cls(token_ids, packed[order], rows[order], ngram_range)

    def occurrences(self, tokens: Sequence[list[str]], index: dict[str, int]) -> tuple[np.ndarray, np.ndarray]:
        """Owner text and vocabulary index of every n-gram occurrence in the token lists ``tokens``."""
        ids: list[int] = []
        lengths = []
        plain_owner: list[int] = []
        plain_rows: list[int] = []
        get = self.token_ids.get
        for k, text in enumerate(tokens):
            if " " in "".join(text):  # a token with a space: its n-grams are looked up as strings
                found = [row for row in map(index.get, _joined_ngrams(text, self.low, self.high)) if row is not None]
                plain_rows += found
                plain_owner += [k] * len(found)
                text = []
            ids += map(get, text, repeat(0, len(text)))
            ids.append(0)  # the end of the text
            lengths.append(len(text) + 1)
        sequence = np.array(ids, dtype=np.int64)
        owner = np.repeat(np.arange(len(tokens)), lengths)
        unknown = np.concatenate(([0], np.cumsum(sequence == 0)))
        owners, rows = [np.array(plain_owner, dtype=np.int64)], [np.array(plain_rows, dtype=np.int64)]
        packed = sequence
        for n in range(1, self.high + 1):
            if n > 1:
                packed = packed[:-1] * self.base + sequence[n - 1 :]
            if n < self.low:
                continue
            starts = len(sequence) - n + 1
            if starts <= 0:
                break  # no n tokens in a row in the whole batch
            whole = unknown[n:] == unknown[:starts]  # no unknown token and no text end among the n tokens
            queries, query_owner = packed[whole], owner[:starts][whole]
            at = np.minimum(np.searchsorted(self.keys, queries), len(self.keys) - 1)
            found = self.keys[at] == queries
            owners.append(query_owner[found])
            rows.append(self.rows[at[found]])
        return np.concatenate(owners), np.concatenate(rows)


def _joined_ngrams(tokens: Sequence[str], low: int, high: int) -> list[str]:
    return [" ".join(tokens[i : i + n]) for n in range(low, high + 1) for i in range(len(tokens) - n + 1)]


def tokenise(pattern: str, texts: Sequence[str]) -> list[list[str]]:
    """The tokens of each text under the regular expression ``pattern`` (``re.findall``), remembered for
    the last few batches: a detector's n-gram and contrast models cut the same texts with the same
    patterns. The lists are shared: callers must not change them."""
    return _tokenised(pattern, tuple(texts))


@lru_cache(maxsize=4)
def _tokenised(pattern: str, texts: tuple[str, ...]) -> list[list[str]]:
    findall = _token_pattern(pattern).findall
    return [findall(text) for text in texts]


def _char_wb_words(view: dict[str, Any], text: str) -> list[str]:
    """The words whose character n-grams a ``char_wb`` view reads."""
    if view.get("lowercase", True):
        text = text.lower()
    return _WHITESPACES.sub(" ", text).split()


def _char_wb_grams(view: dict[str, Any], word: str) -> list[str]:
    """A word's character n-grams, padded with a space on each side (scikit-learn's ``char_wb``)."""
    low, high = view["ngram_range"]
    padded = f" {word} "
    grams: list[str] = []
    for n in range(low, high + 1):
        grams.extend(padded[i : i + n] for i in range(max(len(padded) - n + 1, 1)))
        if len(padded) <= n:  # a short word counts once, at its first size that covers it
            break
    return grams


@lru_cache(maxsize=8)
def _token_pattern(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def _vectorizer(view: dict[str, Any]):  # -> sklearn's TfidfVectorizer
    from sklearn.feature_extraction.text import TfidfVectorizer

    unknown = set(view) - {*VIEW_SETTINGS, "vocabulary"}
    if unknown:
        raise ValueError(f"unknown n-gram view settings: {sorted(unknown)}")
    settings = {
        k: v for k, v in view.items() if not (k in {"min_df", "max_features"} and "vocabulary" in view)
    }
    return TfidfVectorizer(sublinear_tf=True, dtype=np.float64, **settings)


def rounded(values: np.ndarray) -> list[float]:
    """Values as JSON numbers with 6 significant digits (enough for weights, and half the size)."""
    return [float(f"{v:.6g}") for v in values]
