"""The detector as the audit's scorer: calibrated mt_probability, verdict and top reasons per paragraph."""

from __future__ import annotations

import logging
import math
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mtaudit.detector.features import FLUENCY
from mtaudit.detector.model import DetectorModel
from mtaudit.detector.surface import inputs_for_mode
from mtaudit.errors import MtauditError
from mtaudit.modes import FULL
from mtaudit.records import Reason, Verdict

if TYPE_CHECKING:
    from mtaudit.pipeline import ParagraphState

DEFAULT_MODEL = "data/detector.json.gz"
# Major anomalies (untranslated English, calques, garbled duplicates, missing auxiliaries...) are rare in
# native French (at most 2% of paragraphs, benchmarks/anomaly_rates.py) and just as rare in the training
# data's human and machine translations alike, so training cannot learn what they are worth. Each one
# multiplies the detector's odds of machine translation by MAJOR_ANOMALY_ODDS (at most MAX_MAJOR_ANOMALIES
# count), an explicit prior recorded in the signature.
MAJOR_ANOMALY_ODDS = 6.0
MAX_MAJOR_ANOMALIES = 3
ODDS_MARGIN = 1e-6  # probabilities are kept this far from 0 and 1 so that their log-odds are finite
log = logging.getLogger("mtaudit")


@lru_cache(maxsize=4)
def load_model(path: str | None = None) -> DetectorModel:
    """Load (once) the detector model at ``path``, or the one shipped with mtaudit (read through the user's
    cache folder, :meth:`DetectorModel.load`)."""
    if path is None:
        with resources.as_file(resources.files("mtaudit").joinpath(DEFAULT_MODEL)) as shipped:
            return DetectorModel.load(shipped, cached=True)
    return DetectorModel.load(Path(path))


class DetectorScorer:
    """Scores paragraphs with a trained :class:`DetectorModel` (see :mod:`mtaudit.detector.model`)."""

    def __init__(
        self, model: DetectorModel, source: str, profile: str | None = None, mode: str = FULL
    ) -> None:
        """The scorer for ``model`` (``source`` names it); ``profile`` is the sha256 of the audit's fluency
        profile. Fluency features measured against another profile than the model's are left out (the
        model then scores with a variant trained without them), and the signature says so. ``mode``
        (:mod:`mtaudit.modes`) picks the variants: a model without one for it is an MtauditError."""
        self.model = model
        self.source = source
        self.mode = mode
        self.variants = model.mode_variants(mode)
        if not self.variants:
            raise MtauditError(
                f"detector model {source}: no variant for the {mode} mode; retrain it with `mtaudit train`"
            )
        trained = model.training.get("profile")
        self.left_out: dict[str, str] = {}
        if trained and profile and profile != trained:
            self.left_out[FLUENCY] = (
                f"the audit's profile (sha256 {profile[:16]}) is not the one the detector was trained "
                f"with ({trained[:16]})"
            )
        self._fallback_noted = False

    def signature(self) -> dict[str, Any]:
        evidence = {"major_anomaly_odds": MAJOR_ANOMALY_ODDS, "max_major_anomalies": MAX_MAJOR_ANOMALIES}
        signature = {
            "name": "detector",
            "model": self.source,
            **self.model.signature(),
            "mode": self.mode,
            "mode_variants": [variant.name for variant in self.variants],
            "evidence": evidence,
        }
        if self.left_out:
            signature["features_left_out"] = self.left_out
        return signature

    def score(self, states: list[ParagraphState]) -> list[tuple[float, Verdict, list[Reason]]]:
        inputs = inputs_for_mode(self.mode, states)
        if self.left_out:
            inputs = [item.without_stages(self.left_out) for item in inputs]
        predictions = self.model.predict(inputs, self.mode)
        richest = self.variants[0].name
        if not self._fallback_noted and any(p.variant != richest for p in predictions):
            self._fallback_noted = True
            used = next(p.variant for p in predictions if p.variant != richest)
            log.warning(f"detector: some stage features are missing; scoring with the '{used}' variant")
        bands = {variant.name: variant.bands for variant in self.model.variants}
        results = []
        for state, prediction in zip(states, predictions, strict=True):
            probability, reasons = with_major_anomalies(prediction.probability, prediction.reasons, state)
            results.append((probability, bands[prediction.variant].verdict(probability), reasons))
        return results


def with_major_anomalies(
    probability: float, reasons: list[Reason], state: ParagraphState
) -> tuple[float, list[Reason]]:
    """Add the major anomalies' evidence to the detector's probability (see MAJOR_ANOMALY_ODDS)."""
    majors = sum(anomaly.severity == "major" for anomaly in state.anomalies)
    if not majors:
        return probability, reasons
    shift = min(majors, MAX_MAJOR_ANOMALIES) * math.log(MAJOR_ANOMALY_ODDS)
    p = min(max(probability, ODDS_MARGIN), 1.0 - ODDS_MARGIN)
    adjusted = 1.0 / (1.0 + math.exp(-(math.log(p / (1.0 - p)) + shift)))
    reason = Reason("evidence.major_anomalies", float(majors), round(shift, 4))
    ranked = sorted([*reasons, reason], key=lambda r: -abs(r.contribution))[: len(reasons)]
    return adjusted, ranked
