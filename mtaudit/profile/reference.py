"""The native reference distribution: robust z-scores, the deviation, and its percentile.

A feature's native distribution depends on paragraph length (a one-sentence paragraph has a noisier
comma rate than a long one), so the reference is kept per length bin (tokens: <12, 12-24, 25-49,
50-99, 100-199, 200+), with the whole reference as the fallback for bins with fewer than 40 paragraphs.
Each feature is summarised by its median and robust scale (interquartile range / 1.349), and a
paragraph's z-score is ``(value - median) / scale`` in its length bin, clipped to ±50.

**Deviation** (higher = less like native French) adds a learned part and a disfluent part::

    deviation = Σ_f w_f · clip(z[f], -3, 3)  +  2 · Σ_d max(0, s_d · z[d] - 2.5)
    d, s_d ∈ (pos_log_perplexity, +), (pos_context_gain, -), (lm_log_perplexity, +),
             (lm_context_gain, -), (oov_rate, +)

The weights ``w_f`` are *learned*, once, by a logistic regression that tells machine translation from
human translation of the same texts (:mod:`mtaudit.profile.learn`, on the project's labelled dev data:
the shipped ``mtaudit/data/fluency-weights.json``), with each feature's z-score against the native
profile as input. The learned weights supply the directions and the profile supplies each feature's
native median and scale, so a profile rebuilt from a user's own corpus keeps the directions and
re-centres the scale. The learned part is the regression's log-odds of machine translation without its
intercept: a paragraph whose every feature sits at the native median has deviation 0, and each unit
more multiplies the odds of machine translation by e. The strongest weight goes to ``mt_style`` (words
and word order that machine translation prefers); then come the syntax model's context gain, the
wordfreq frequency of the words and the punctuation rate (higher for machine translation), and the
function-word rate (lower). The z-scores are clipped to ±3 in the learned part so that no single
feature of an odd paragraph decides it.

The disfluent part catches text that is not fluent French at all (scrambled word order, English, broken
syntax), which the regression never saw: it is zero while the surprise of both models, the lack of help
from context and the share of unknown words stay within 2.5 robust standard deviations of native
paragraphs, and grows twice as fast as the z-scores beyond, so that it outweighs the learned part of
such text. Its features, threshold and slope are fixed by design (checked on scrambled and English
paragraphs of the dev data). The weights, the clip, the threshold and the slope go into the profile and
the record's signature.

The **percentile** is the share of native reference paragraphs (of the same length bin) whose deviation
is lower.
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

LENGTH_EDGES = (12, 25, 50, 100, 200)
MIN_BIN_PARAGRAPHS = 40
MAX_ABS_Z = 50.0
ROBUST_SCALE = 1.349  # interquartile range of a standard normal
LEARNED_CLIP = 3.0
DISFLUENT = {
    "pos_log_perplexity": 1.0,
    "pos_context_gain": -1.0,
    "lm_log_perplexity": 1.0,
    "lm_context_gain": -1.0,
    "oov_rate": 1.0,
}
DISFLUENT_FROM = 2.5
DISFLUENT_SLOPE = 2.0
PERCENTILE_LEVELS = np.linspace(0.0, 100.0, 101)


def length_bin(tokens: int) -> int:
    """Row of the length bin of a paragraph of ``tokens`` tokens (row 0 is the whole reference)."""
    return 1 + bisect.bisect_right(LENGTH_EDGES, tokens)


def deviation(z: Mapping[str, float], weights: Mapping[str, float]) -> float:
    """The deviation of a paragraph from its z-scores and the learned ``weights`` (see the module docstring)."""
    learned = sum(w * min(max(z[name], -LEARNED_CLIP), LEARNED_CLIP) for name, w in weights.items())
    disfluent = sum(max(0.0, sign * z[name] - DISFLUENT_FROM) for name, sign in DISFLUENT.items())
    return float(learned + DISFLUENT_SLOPE * disfluent)


@dataclass
class Reference:
    """Per length bin: feature medians and scales, paragraph counts, and deviation percentiles."""

    features: list[str]
    center: np.ndarray  # (bins, features); row 0: all reference paragraphs
    scale: np.ndarray  # (bins, features)
    counts: np.ndarray  # (bins,)
    deviation_quantiles: np.ndarray  # (bins, 101): the deviation at percentiles 0, 1, …, 100

    @classmethod
    def fit(
        cls,
        features: Sequence[str],
        values: np.ndarray,
        tokens: Sequence[int],
        weights: Mapping[str, float] | None = None,
    ) -> Reference:
        """Estimate the reference from native paragraphs: ``values[i]`` are paragraph ``i``'s features.

        With the learned ``weights``, also the percentiles of the native paragraphs' deviation (without,
        only the medians and scales, for learning the weights)."""
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
        if weights is None:
            return reference
        deviations = np.array(
            [
                deviation(reference.z_scores(dict(zip(features, row_values, strict=True)), n), weights)
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
        x = np.array([values[name] for name in self.features], dtype=np.float64)
        scores = np.clip((x - self.center[row]) / self.scale[row], -MAX_ABS_Z, MAX_ABS_Z)
        return dict(zip(self.features, scores.tolist(), strict=True))

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
