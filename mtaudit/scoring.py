"""Evidence scoring: mt_probability from the anomalies alone, and the verdict bands.

The evidence score is a noisy-OR: every anomaly is an independent chance that the paragraph was
machine-translated, weighted by its severity, on top of a prior::

    mt_probability = 1 - (1 - PRIOR) * Π (1 - WEIGHT[severity of anomaly])

With the weights below one major anomaly gives 0.64 (uncertain), two give 0.86 (machine); a paragraph
with no evidence stays at the prior, 0.10 (human). Typography counts at most as a minor anomaly.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from mtaudit.records import MAX_REASONS, Reason, Verdict

if TYPE_CHECKING:
    from mtaudit.pipeline import ParagraphState

PRIOR = 0.10
WEIGHTS = {"major": 0.60, "minor": 0.20, "info": 0.02}
TYPOGRAPHY_WEIGHT = 0.05


@dataclass(frozen=True)
class VerdictBands:
    """``machine`` at or above ``machine``, ``human`` at or below ``human``, ``uncertain`` between."""

    machine: float = 0.70
    human: float = 0.30

    def verdict(self, probability: float) -> Verdict:
        """The verdict for one probability."""
        if probability >= self.machine:
            return "machine"
        if probability <= self.human:
            return "human"
        return "uncertain"


class EvidenceScorer:
    """Scores paragraphs by their anomalies (noisy-OR of severity weights); see the module docstring."""

    def __init__(self, bands: VerdictBands = VerdictBands()) -> None:
        self.bands = bands

    def signature(self) -> dict[str, Any]:
        return {
            "name": "evidence-noisy-or",
            "prior": PRIOR,
            "weights": WEIGHTS,
            "typography_weight": TYPOGRAPHY_WEIGHT,
            "bands": {"machine": self.bands.machine, "human": self.bands.human},
        }

    def score(self, states: list[ParagraphState]) -> list[tuple[float, Verdict, list[Reason]]]:
        results = []
        for state in states:
            survival = 1.0 - PRIOR
            per_type: Counter[str] = Counter()
            for anomaly in state.anomalies:
                weight = WEIGHTS[anomaly.severity]
                if anomaly.type == "typography":
                    weight = min(weight, TYPOGRAPHY_WEIGHT)
                survival *= 1.0 - weight
                per_type[anomaly.type] += 1
            probability = 1.0 - survival
            reasons = [
                Reason(f"anomalies.{kind}", float(count), round(_type_contribution(state, kind), 4))
                for kind, count in per_type.most_common(MAX_REASONS)
            ]
            reasons.sort(key=lambda r: -r.contribution)
            results.append((probability, self.bands.verdict(probability), reasons))
        return results


def _type_contribution(state: ParagraphState, kind: str) -> float:
    """What the anomalies of type ``kind`` add to the score: ``-log`` of their joint survival."""
    survival = 1.0
    for anomaly in state.anomalies:
        if anomaly.type == kind:
            weight = WEIGHTS[anomaly.severity]
            survival *= 1.0 - (min(weight, TYPOGRAPHY_WEIGHT) if kind == "typography" else weight)
    return -math.log(survival)
