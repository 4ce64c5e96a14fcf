"""N-gram text models: TF-IDF views of a string and a logistic regression over them, saved as plain data.

A model sees one string per paragraph (the normalised text, or its syntactic skeleton) through one or
more *views* (word n-grams, character n-grams); each view is an L2-normalised sublinear TF-IDF vector
over a vocabulary fixed at training time. Its output is a log-odds that the string is machine-translated,
which the detector stacks with its other features.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
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
            lists = [table.indices(text) for text in texts]
            owner = np.repeat(np.arange(len(texts)), [len(found) for found in lists])
            if not len(owner):
                continue
            total += table.score(owner, np.concatenate(lists), len(texts))
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

    A ``char_wb`` view keeps, per word, the indices of its character n-grams in the vocabulary (words
    recur a lot; the cache starts again when it holds ``WORD_CACHE_SIZE`` words)."""

    def __init__(self, view: dict[str, Any], vocabulary: list[str], idf: np.ndarray, coef: np.ndarray) -> None:
        self.view = view
        self.index = {gram: k for k, gram in enumerate(vocabulary)}
        self.idf = idf
        self.weight = idf * coef  # idf · coef: a term's contribution before its tf and the norm
        self.size = len(vocabulary)
        self._words: dict[str, np.ndarray] = {}
        self._empty = np.zeros(0, dtype=np.int64)

    def indices(self, text: str) -> np.ndarray:
        """The vocabulary index of every n-gram occurrence of ``text`` that is in the vocabulary."""
        index = self.index
        if self.view["analyzer"] != "char_wb":
            found = [k for k in map(index.get, _word_ngrams(self.view, text)) if k is not None]
            return np.array(found, dtype=np.int64)
        words = _char_wb_words(self.view, text)
        cache = self._words
        arrays = []
        for word in words:
            grams = cache.get(word)
            if grams is None:
                if len(cache) >= WORD_CACHE_SIZE:
                    cache.clear()
                found = [k for k in map(index.get, _char_wb_grams(self.view, word)) if k is not None]
                grams = cache[word] = np.array(found, dtype=np.int64) if found else self._empty
            arrays.append(grams)
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
    return [" ".join(tokens[i : i + n]) for n in range(low, high + 1) for i in range(len(tokens) - n + 1)]


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
