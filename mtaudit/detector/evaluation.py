"""Detector metrics: AUROC, accuracy, F1, expected calibration error, confusion and reliability table.

Accuracy and F1 count a paragraph as machine-translated when ``mt_probability >= 0.5``; the confusion
matrix crosses the true label with the verdict (``machine`` / ``uncertain`` / ``human``, from the bands).
The expected calibration error (ECE) is the sample-weighted mean gap between predicted probability and
observed machine share over ``RELIABILITY_BINS`` equal-width bins.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from sklearn.metrics import accuracy_score, f1_score, roc_auc_score

from mtaudit.records import VERDICTS

RELIABILITY_BINS = 10
LABELS = ("machine", "human")


@dataclass(frozen=True)
class ReliabilityBin:
    """One bin of the reliability table: paragraphs with ``low <= p < high``."""

    low: float
    high: float
    count: float
    mean_probability: float
    machine_share: float


@dataclass(frozen=True)
class Metrics:
    """Quality of probabilities against labels (1 = machine); AUROC is None when one label is absent."""

    count: int
    machine: int
    auroc: float | None
    accuracy: float
    f1: float
    ece: float
    confusion: dict[str, dict[str, int]]
    reliability: list[ReliabilityBin]

    @classmethod
    def compute(
        cls,
        labels: np.ndarray,
        probabilities: np.ndarray,
        verdicts: Sequence[str],
        weights: np.ndarray | None = None,
    ) -> Metrics:
        """Every metric for one set of paragraphs, given their verdicts (for the confusion matrix)."""
        labels = np.asarray(labels, dtype=int)
        probabilities = np.asarray(probabilities, dtype=float)
        predicted = (probabilities >= 0.5).astype(int)
        both = 0 < labels.sum() < len(labels)
        confusion = {label: dict.fromkeys(VERDICTS, 0) for label in LABELS}
        for label, verdict in zip(labels, verdicts, strict=True):
            confusion[LABELS[1 - label]][verdict] += 1
        return cls(
            count=len(labels),
            machine=int(labels.sum()),
            auroc=float(roc_auc_score(labels, probabilities, sample_weight=weights)) if both else None,
            accuracy=float(accuracy_score(labels, predicted, sample_weight=weights)),
            f1=float(f1_score(labels, predicted, sample_weight=weights, zero_division=0.0)),
            ece=expected_calibration_error(labels, probabilities, weights),
            confusion=confusion,
            reliability=reliability_table(labels, probabilities, weights),
        )

    def summary(self) -> dict[str, Any]:
        """The headline numbers, rounded (what a model file records about its training data)."""
        return {
            "paragraphs": self.count,
            "auroc": None if self.auroc is None else round(self.auroc, 4),
            "accuracy": round(self.accuracy, 4),
            "f1": round(self.f1, 4),
            "ece": round(self.ece, 4),
        }


def reliability_table(
    labels: np.ndarray,
    probabilities: np.ndarray,
    weights: np.ndarray | None = None,
    bins: int = RELIABILITY_BINS,
) -> list[ReliabilityBin]:
    """Equal-width bins of predicted probability with their observed machine share (empty bins omitted)."""
    w = np.ones(len(labels)) if weights is None else np.asarray(weights, dtype=float)
    index = np.minimum((np.asarray(probabilities) * bins).astype(int), bins - 1)
    table = []
    for b in range(bins):
        inside = index == b
        total = w[inside].sum()
        if total == 0:
            continue
        table.append(
            ReliabilityBin(
                low=b / bins,
                high=(b + 1) / bins,
                count=float(total),
                mean_probability=float(np.average(probabilities[inside], weights=w[inside])),
                machine_share=float(np.average(labels[inside], weights=w[inside])),
            )
        )
    return table


def expected_calibration_error(
    labels: np.ndarray,
    probabilities: np.ndarray,
    weights: np.ndarray | None = None,
    bins: int = RELIABILITY_BINS,
) -> float:
    """Σ over bins of (bin weight / total) · |mean probability − machine share|."""
    table = reliability_table(np.asarray(labels), np.asarray(probabilities, dtype=float), weights, bins)
    total = sum(b.count for b in table)
    return (
        float(sum(b.count / total * abs(b.mean_probability - b.machine_share) for b in table))
        if total
        else 0.0
    )


@dataclass(frozen=True)
class GroupMetrics:
    """One group's metrics (e.g. one MT system's): its paragraphs, and who they were measured against.

    A group with machine paragraphs only (a system) is measured against every human paragraph of the
    file (``against_all_human``); ``metrics`` then covers both. ``machine_called_machine`` and
    ``human_called_human`` are the verdicts' recall on the group's own machine and human paragraphs
    (None where it has none).
    """

    paragraphs: int
    machine: int
    metrics: Metrics
    against_all_human: bool
    machine_called_machine: float | None
    human_called_human: float | None


def by_group(
    labels: np.ndarray, probabilities: np.ndarray, verdicts: Sequence[str], groups: Sequence[str]
) -> dict[str, GroupMetrics]:
    """Metrics per group value (sorted), e.g. per year or per MT system (see :class:`GroupMetrics`)."""
    labels, probabilities = np.asarray(labels), np.asarray(probabilities)
    keys, verdicts = np.asarray(groups, dtype=object), np.asarray(verdicts, dtype=object)
    out = {}
    for group in sorted(set(groups)):
        inside = keys == group
        machine_only = bool(labels[inside].all()) and not labels.all()
        measured = inside | (labels == 0) if machine_only else inside
        out[group] = GroupMetrics(
            paragraphs=int(inside.sum()),
            machine=int(labels[inside].sum()),
            metrics=Metrics.compute(labels[measured], probabilities[measured], verdicts[measured]),
            against_all_human=machine_only,
            machine_called_machine=_recall(verdicts[inside & (labels == 1)], "machine"),
            human_called_human=_recall(verdicts[inside & (labels == 0)], "human"),
        )
    return out


def _recall(verdicts: np.ndarray, verdict: str) -> float | None:
    return float(np.mean(verdicts == verdict)) if len(verdicts) else None
