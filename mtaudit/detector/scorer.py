"""The detector as the audit's scorer: calibrated mt_probability, verdict and top reasons per paragraph."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from spacy.language import Language

from mtaudit.analyzers import Analyzer
from mtaudit.detector.features import detector_inputs
from mtaudit.detector.model import DetectorModel
from mtaudit.records import Reason, Verdict

if TYPE_CHECKING:
    from mtaudit.pipeline import ParagraphState

DEFAULT_MODEL = "data/detector.json.gz"
log = logging.getLogger("mtaudit")


@lru_cache(maxsize=4)
def load_model(path: str | None = None) -> DetectorModel:
    """Load (once) the detector model at ``path``, or the one shipped with mtaudit."""
    if path is None:
        with resources.as_file(resources.files("mtaudit").joinpath(DEFAULT_MODEL)) as shipped:
            return DetectorModel.load(shipped)
    return DetectorModel.load(Path(path))


class DetectorScorer:
    """Scores paragraphs with a trained :class:`DetectorModel` (see :mod:`mtaudit.detector.model`)."""

    def __init__(
        self, model: DetectorModel, nlp: Language, analyzers: Sequence[Analyzer], source: str
    ) -> None:
        self.model = model
        self.nlp = nlp
        self.analyzers = list(analyzers)
        self.source = source
        self._fallback_noted = False

    def signature(self) -> dict[str, Any]:
        return {"name": "detector", "model": self.source, **self.model.signature()}

    def score(self, states: list[ParagraphState]) -> list[tuple[float, Verdict, list[Reason]]]:
        predictions = self.model.predict(detector_inputs(states, self.nlp, self.analyzers))
        richest = self.model.variants[0].name
        if not self._fallback_noted and any(p.variant != richest for p in predictions):
            self._fallback_noted = True
            used = next(p.variant for p in predictions if p.variant != richest)
            log.warning(f"detector: some stage features are missing; scoring with the '{used}' variant")
        return [(p.probability, p.verdict, p.reasons) for p in predictions]
