"""Contrastive language models: one Kneser-Ney n-gram model per class, scored as a log-likelihood ratio.

A contrast model is a pair of interpolated Kneser-Ney models (:mod:`mtaudit.profile.ngram`) over one
token stream of the paragraph (its words, or its syntactic skeleton), one estimated on the machine
paragraphs of the training data and one on the human ones. A paragraph's score is

    lm = Σ_tokens (log10 p_machine(t | h) − log10 p_human(t | h)) / √(tokens + 1)

(the ``+ 1`` is the end of the paragraph). Where the TF-IDF n-gram models weigh which n-grams occur, this
generative view weighs how predictable each token is in its context under either kind of translation;
on the dev data the two are complementary (see benchmarks/detector_protocol.py). Trained on twin
paragraphs (the same content translated by a machine and by a person), the two models see the same
topics, so their ratio measures translation style rather than subject matter. Where a test set has
several systems for one human reference, the detector's training keeps as many machine paragraphs as
references, spread over its systems and source lines (``LabelledSet.contrast_weights`` in
:mod:`mtaudit.detector.training`): counts cannot be weighted, and nine translations of a test set against
one would make its topic machine-like.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from mtaudit.detector.ngrams import tokenise
from mtaudit.profile.ngram import BOS, EOS, estimate
from mtaudit.profile.ngram import NgramModel as KneserNey

CLASSES = ("machine", "human")
# The base log10 probability of a word neither model has seen; both models share it, so it cancels out
# of the ratio except through each model's own <unk> mass.
UNSEEN_LOG10 = -6.0


@dataclass(frozen=True)
class ContrastSpec:
    """How to build a contrast model: the token pattern that cuts the string, and the n-gram order."""

    token_pattern: str
    order: int

    def tokens(self, text: str) -> list[str]:
        """The tokens of ``text`` under this spec."""
        return re.findall(self.token_pattern, text)


@dataclass
class ContrastModel:
    """A fitted contrast model: the spec and one Kneser-Ney model per class."""

    spec: ContrastSpec
    machine: KneserNey
    human: KneserNey

    @classmethod
    def fit(
        cls,
        spec: ContrastSpec,
        texts: Sequence[str],
        labels: np.ndarray,
        weights: np.ndarray | None = None,
    ) -> ContrastModel:
        """Estimate the machine model on the texts labelled 1 and the human model on those labelled 0.

        Counts cannot be weighted, so texts of weight below 1 (auxiliary data, such as the native
        paragraphs the default model adds to its translation twins) are left out: with them, the
        human model would also learn their topics, and the ratio would measure subject matter. A class
        with no text of full weight is estimated on all its texts.
        """
        full = np.ones(len(texts), dtype=bool) if weights is None else np.asarray(weights) >= 1
        tokens = [spec.tokens(t) for t in texts]
        by_class = []
        for label in (1, 0):
            members = labels == label
            chosen = np.flatnonzero(members & full) if (members & full).any() else np.flatnonzero(members)
            by_class.append(estimate([tokens[k] for k in chosen], spec.order))
        return cls(spec, *by_class)

    def decision(self, texts: Sequence[str]) -> np.ndarray:
        """The length-scaled log-likelihood ratio (machine over human) of each text."""
        tokens = tokenise(self.spec.token_pattern, texts)  # often cut already, by an n-gram model
        ratio = _total_log10p(self.machine, tokens) - _total_log10p(self.human, tokens)
        return ratio / np.sqrt([len(t) + 1 for t in tokens])

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data: the spec, and each model's arrays in base64."""
        return {
            "token_pattern": self.spec.token_pattern,
            "order": self.spec.order,
            **{
                name: {key: _encode(array) for key, array in model.to_arrays("lm").items()}
                for name, model in zip(CLASSES, (self.machine, self.human), strict=True)
            },
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ContrastModel:
        """Rebuild a model saved with :meth:`to_dict`."""
        spec = ContrastSpec(data["token_pattern"], int(data["order"]))
        models = [
            KneserNey.from_arrays(
                {key: _decode(value) for key, value in data[name].items()}, "lm", spec.order
            )
            for name in CLASSES
        ]
        return cls(spec, *models)


def _total_log10p(model: KneserNey, texts: Sequence[list[str]]) -> np.ndarray:
    """Each token list's log10 probability (its tokens, then ``</s>``), all scored in one pass: the lists
    are joined by ``</s>`` and a fresh ``<s>`` context, so that no n-gram reaches into the previous list."""
    ids: list[int] = []
    owner: list[int] = []  # the list each scored position belongs to; -1 for the <s> padding
    for k, tokens in enumerate(texts):
        if k:
            ids += [EOS] + [BOS] * (model.order - 1)
            owner += [k - 1] + [-1] * (model.order - 1)
        ids += model.ids(tokens)
        owner += [k] * len(tokens)
    owner.append(len(texts) - 1)  # the final </s> that score() appends
    log10p = model.score(ids, [UNSEEN_LOG10] * (len(ids) + 1)).log10p
    scored = np.asarray(owner) >= 0
    return np.bincount(np.asarray(owner)[scored], weights=log10p[scored], minlength=len(texts))


def _encode(array: np.ndarray) -> dict[str, Any]:
    """An array as base64 bytes; sorted integer keys are stored as differences, which compress well."""
    delta = array.dtype == np.int64
    raw = np.diff(array, prepend=0) if delta else array
    return {
        "dtype": raw.dtype.str,
        "delta": bool(delta),
        "data": base64.b64encode(np.ascontiguousarray(raw).tobytes()).decode("ascii"),
    }


def _decode(data: dict[str, Any]) -> np.ndarray:
    array = np.frombuffer(base64.b64decode(data["data"]), dtype=np.dtype(data["dtype"]))
    return np.cumsum(array) if data["delta"] else array.copy()
