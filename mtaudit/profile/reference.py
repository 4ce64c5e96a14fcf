"""The native reference distribution: robust z-scores, the deviation, and its percentile.

A feature's native distribution depends on paragraph length (a one-sentence paragraph has a noisier
comma rate than a long one), so the reference is kept per length bin (tokens: <12, 12-24, 25-49,
50-99, 100-199, 200+), with the whole reference as the fallback for bins with fewer than 40 paragraphs.
Each feature is summarised by its median and robust scale (interquartile range / 1.349), and a
paragraph's z-score is ``(value - median) / scale`` in its length bin, clipped to ±50.

**Deviation** (higher = less like native French) adds two one-sided parts, in z units::

    deviation = formulaic + disfluent
    formulaic = mean(z[lm_context_gain], z[lm_seen_trigram_rate], -z[lm_log_perplexity],
                     z[pos_context_gain] [, -z[model_log_perplexity]])
    disfluent = Σ max(0, z_bad - 2)  for z_bad in (z[pos_log_perplexity], -z[pos_context_gain],
                                                  z[lm_log_perplexity], -z[lm_context_gain], z[oov_rate])

``formulaic`` is the direction in which machine translation leaves native French: its word sequences
are more predictable than people's (lower perplexity, more of its n-grams already in the corpus, more
gained from context), the "machine translationese" of the literature (lower lexical and syntactic
richness). ``disfluent`` catches the other side, text that is not fluent French at all (scrambled word
order, English, broken syntax): it is zero while the two models' surprise, the lack of help from
context and the share of unknown words stay within 2 robust standard deviations of native paragraphs,
and grows linearly beyond, so that it outweighs the negative ``formulaic`` part of such text. The
orientation, the features and the threshold are fixed by design (they were chosen by looking at
machine vs human translations, scrambled and English paragraphs of the project's dev data); the
reference medians and scales are estimated on the profile corpus only.

The **percentile** is the share of native reference paragraphs (of the same length bin) whose deviation
is lower.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

LENGTH_EDGES = (12, 25, 50, 100, 200)
MIN_BIN_PARAGRAPHS = 40
MAX_ABS_Z = 50.0
ROBUST_SCALE = 1.349  # interquartile range of a standard normal
FORMULAIC = {
    "lm_context_gain": 1.0,
    "lm_seen_trigram_rate": 1.0,
    "lm_log_perplexity": -1.0,
    "pos_context_gain": 1.0,
    "model_log_perplexity": -1.0,
}
DISFLUENT = {
    "pos_log_perplexity": 1.0,
    "pos_context_gain": -1.0,
    "lm_log_perplexity": 1.0,
    "lm_context_gain": -1.0,
    "oov_rate": 1.0,
}
DISFLUENT_FROM = 2.0
PERCENTILE_LEVELS = np.linspace(0.0, 100.0, 101)


def length_bin(tokens: int) -> int:
    """Row of the length bin of a paragraph of ``tokens`` tokens (row 0 is the whole reference)."""
    return 1 + int(np.searchsorted(LENGTH_EDGES, tokens, side="right"))


def deviation(z: Mapping[str, float]) -> float:
    """The deviation of a paragraph from its z-scores (see the module docstring)."""
    formulaic = [sign * z[name] for name, sign in FORMULAIC.items() if name in z]
    disfluent = sum(max(0.0, sign * z[name] - DISFLUENT_FROM) for name, sign in DISFLUENT.items())
    return float(np.mean(formulaic)) + disfluent


@dataclass
class Reference:
    """Per length bin: feature medians and scales, paragraph counts, and deviation percentiles."""

    features: list[str]
    center: np.ndarray  # (bins, features); row 0: all reference paragraphs
    scale: np.ndarray  # (bins, features)
    counts: np.ndarray  # (bins,)
    deviation_quantiles: np.ndarray  # (bins, 101): the deviation at percentiles 0, 1, …, 100

    @classmethod
    def fit(cls, features: Sequence[str], values: np.ndarray, tokens: Sequence[int]) -> Reference:
        """Estimate the reference from native paragraphs: ``values[i]`` are paragraph ``i``'s features."""
        rows = len(LENGTH_EDGES) + 2
        bins = np.array([length_bin(n) for n in tokens])
        center = np.zeros((rows, len(features)))
        scale = np.ones((rows, len(features)))
        counts = np.zeros(rows, dtype=np.int64)
        for row in range(rows):
            members = values if row == 0 else values[bins == row]
            counts[row] = len(members)
            if len(members):
                center[row], scale[row] = _robust_location_scale(members)
        reference = cls(list(features), center, scale, counts, np.zeros((rows, len(PERCENTILE_LEVELS))))
        deviations = np.array(
            [
                deviation(reference.z_scores(dict(zip(features, row_values, strict=True)), n))
                for row_values, n in zip(values, tokens, strict=True)
            ]
        )
        used = np.array([reference.row(n) for n in tokens])
        for row in range(rows):
            members = deviations if row == 0 else deviations[used == row]
            if len(members):
                reference.deviation_quantiles[row] = np.percentile(members, PERCENTILE_LEVELS)
        return reference

    def row(self, tokens: int) -> int:
        """The row whose statistics apply to a paragraph of ``tokens`` tokens."""
        row = length_bin(tokens)
        return row if self.counts[row] >= MIN_BIN_PARAGRAPHS else 0

    def z_scores(self, values: Mapping[str, float], tokens: int) -> dict[str, float]:
        """Robust z-score of each feature of a paragraph of ``tokens`` tokens."""
        row = self.row(tokens)
        z = {}
        for j, name in enumerate(self.features):
            score = (values[name] - self.center[row, j]) / self.scale[row, j]
            z[name] = float(np.clip(score, -MAX_ABS_Z, MAX_ABS_Z))
        return z

    def percentile(self, value: float, tokens: int) -> float:
        """Share (in %) of native reference paragraphs of this length with a lower deviation."""
        quantiles = self.deviation_quantiles[self.row(tokens)]
        return float(np.interp(value, quantiles, PERCENTILE_LEVELS))

    def to_arrays(self) -> dict[str, np.ndarray]:
        """The reference as named arrays for the profile file (feature names go in its metadata)."""
        return {
            "reference.center": self.center,
            "reference.scale": self.scale,
            "reference.counts": self.counts,
            "reference.deviation_quantiles": self.deviation_quantiles,
        }

    @classmethod
    def from_arrays(cls, arrays: Mapping[str, np.ndarray], features: Sequence[str]) -> Reference:
        """Rebuild a reference saved by :meth:`to_arrays`."""
        return cls(
            list(features),
            arrays["reference.center"],
            arrays["reference.scale"],
            arrays["reference.counts"],
            arrays["reference.deviation_quantiles"],
        )


def _robust_location_scale(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Median and IQR/1.349 per column; the standard deviation (or 1) where the IQR is zero."""
    center = np.median(values, axis=0)
    low, high = np.percentile(values, [25, 75], axis=0)
    scale = (high - low) / ROBUST_SCALE
    spread = values.std(axis=0)
    scale = np.where(scale > 1e-9, scale, np.where(spread > 1e-9, spread, 1.0))
    return center, scale
