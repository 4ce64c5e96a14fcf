"""N-gram text models: TF-IDF views of a string and a logistic regression over them, saved as plain data.

A model sees one string per paragraph (the normalised text, or its syntactic skeleton) through one or
more *views* (word n-grams, character n-grams); each view is an L2-normalised sublinear TF-IDF vector
over a vocabulary fixed at training time. Its output is a log-odds that the string is machine-translated,
which the detector stacks with its other features.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

# The TfidfVectorizer settings a view may carry (the rest are fixed: sublinear tf, l2 norm, smooth idf).
VIEW_SETTINGS = ("analyzer", "ngram_range", "lowercase", "token_pattern", "min_df", "max_features")


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
        """The log-odds of machine translation of each text."""
        return self._matrix(texts) @ self.coef + self.intercept

    def _matrix(self, texts: Sequence[str]) -> sparse.csr_matrix:
        return sparse.hstack([v.transform(texts) for v in self._vectorizers]).tocsr()

    @cached_property
    def _vectorizers(self) -> list[TfidfVectorizer]:
        """One fitted vectorizer per view, built once (indexing a vocabulary takes a while)."""
        vectorizers = []
        for view, vocabulary, idf in zip(self.views, self.vocabularies, self.idfs, strict=True):
            vectorizer = _vectorizer({**view, "vocabulary": vocabulary})
            vectorizer.idf_ = idf
            vectorizers.append(vectorizer)
        return vectorizers

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


def _vectorizer(view: dict[str, Any]) -> TfidfVectorizer:
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
