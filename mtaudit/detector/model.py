"""The detector model: stacked linear layers, a calibration map and verdict bands, saved as JSON.

Scoring one paragraph (see ``docs`` in :mod:`mtaudit.detector`)::

    ngram.lexical = n-gram model on the normalised text          (log-odds)
    ngram.masked  = n-gram model on the masked text, topic words hidden  (log-odds)
    lm.words      = contrast language models on the words        (log-likelihood ratio)
    lm.skeleton   = contrast language models on the skeleton     (log-likelihood ratio)
    dense = linear layer on the standardised features  (log-odds; own + fluency/round-trip features)
    score = linear layer on (the four text scores, dense), standardised
    mt_probability = calibration(score)                (logistic map, fitted out of fold)

A model holds one *variant* per set of stage features it was trained with (e.g. ``own``,
``own+fluency``, ``own+fluency+roundtrip``); a paragraph is scored by the richest variant whose
features it has, so an audit without the round-trip stage still gets a calibrated probability. The
``filter`` variant scores the fast filter mode (:mod:`mtaudit.modes`): its stack reads the word and
character text models only (``ngram.lexical``, ``lm.words``) and its dense layer the surface features
(:mod:`mtaudit.detector.surface`); each variant's stack names the text models it reads.

Everything is plain data (no pickle): a JSON file, gzip-compressed when its name ends in ``.gz``,
with a format name and version checked on load.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from mtaudit.detector.contrast import ContrastModel
from mtaudit.detector.features import DetectorInput
from mtaudit.detector.ngrams import NgramModel, rounded
from mtaudit.errors import MtauditError
from mtaudit.explanations import explain
from mtaudit.fileformat import check_format
from mtaudit.modes import FILTER, FULL
from mtaudit.records import MAX_REASONS, Reason, Verdict
from mtaudit.scoring import VerdictBands
from mtaudit.usercache import cached_document

FORMAT = "mtaudit-detector"
FORMAT_VERSION = 3  # 3: the ngram.masked text model replaces ngram.syntax
TextModel = NgramModel | ContrastModel
# The text models, by stack input: their class, and the DetectorInput field they read.
TEXT_MODELS: dict[str, tuple[type[NgramModel] | type[ContrastModel], str]] = {
    "ngram.lexical": (NgramModel, "text"),
    "ngram.masked": (NgramModel, "masked"),
    "lm.words": (ContrastModel, "text"),
    "lm.skeleton": (ContrastModel, "skeleton"),
}
# The text models each mode's variants stack (the filter mode parses nothing: no skeleton, no masked text).
MODE_TEXT_MODELS = {FULL: tuple(TEXT_MODELS), FILTER: ("ngram.lexical", "lm.words")}


@dataclass
class LinearLayer:
    """A logistic-regression layer on standardised inputs: ``Σ coef · (x - mean) / scale + intercept``."""

    names: list[str]
    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float

    def decision(self, x: np.ndarray) -> np.ndarray:
        """Log-odds for the rows of ``x`` (columns in the order of ``names``)."""
        return self.standardise(x) @ self.coef + self.intercept

    def standardise(self, x: np.ndarray) -> np.ndarray:
        """``(x - mean) / scale``."""
        return (x - self.mean) / self.scale

    def to_dict(self) -> dict[str, Any]:
        return {
            "names": self.names,
            "mean": rounded(self.mean),
            "scale": rounded(self.scale),
            "coef": rounded(self.coef),
            "intercept": self.intercept,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> LinearLayer:
        return cls(
            names=list(data["names"]),
            mean=np.asarray(data["mean"], dtype=float),
            scale=np.asarray(data["scale"], dtype=float),
            coef=np.asarray(data["coef"], dtype=float),
            intercept=float(data["intercept"]),
        )


@dataclass
class Calibration:
    """A monotone map from stacked scores to probabilities: linear interpolation between knots."""

    x: np.ndarray
    y: np.ndarray

    def __call__(self, scores: np.ndarray) -> np.ndarray:
        """Probabilities of machine translation, in [0, 1], non-decreasing in ``scores``."""
        return np.clip(np.interp(scores, self.x, self.y), 0.0, 1.0)

    def to_dict(self) -> dict[str, Any]:
        return {"x": rounded(self.x), "y": rounded(self.y)}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Calibration:
        return cls(np.asarray(data["x"], dtype=float), np.asarray(data["y"], dtype=float))


@dataclass
class Variant:
    """The detector for one set of stage features: dense layer, stack layer, calibration, bands."""

    name: str
    groups: list[str]
    dense: LinearLayer
    stack: LinearLayer
    calibration: Calibration
    bands: VerdictBands
    metrics: dict[str, Any] = field(default_factory=dict)
    mode: str = FULL  # the audit mode whose inputs it scores (mtaudit.modes)

    @property
    def text_models(self) -> list[str]:
        """The text models its stack reads, in stack order (the stack's last input is the dense layer)."""
        return self.stack.names[:-1]

    def accepts(self, item: DetectorInput, features: Mapping[str, float] | None = None) -> bool:
        """Whether ``item`` (its ``dense()`` features, when already built) has the stages and every feature
        this variant needs."""
        if not set(self.groups) <= set(item.stages):
            return False
        features = item.dense() if features is None else features
        return all(name in features for name in self.dense.names)

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "mode": self.mode,
            "groups": self.groups,
            "dense": self.dense.to_dict(),
            "stack": self.stack.to_dict(),
            "calibration": self.calibration.to_dict(),
            "bands": {"machine": self.bands.machine, "human": self.bands.human},
            "metrics": self.metrics,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Variant:
        return cls(
            name=data["name"],
            groups=list(data["groups"]),
            dense=LinearLayer.from_dict(data["dense"]),
            stack=LinearLayer.from_dict(data["stack"]),
            calibration=Calibration.from_dict(data["calibration"]),
            bands=VerdictBands(**data["bands"]),
            metrics=dict(data.get("metrics", {})),
            mode=data.get("mode", FULL),
        )


@dataclass(frozen=True)
class Prediction:
    """The detector's output for one paragraph."""

    probability: float
    verdict: Verdict
    reasons: list[Reason]
    variant: str


@dataclass
class DetectorModel:
    """A trained detector: the shared text models and one variant per feature set, richest first."""

    text_models: dict[str, TextModel]
    variants: list[Variant]
    training: dict[str, Any] = field(default_factory=dict)
    digest: str | None = field(default=None, compare=False, repr=False)  # sha256 of the JSON, when known

    def predict(self, inputs: Sequence[DetectorInput], mode: str = FULL) -> list[Prediction]:
        """Probability, verdict and top reasons for each paragraph, each with the richest usable variant
        of ``mode`` (inputs of the filter mode: :func:`mtaudit.detector.surface.surface_inputs`)."""
        if not inputs:
            return []
        scores = {
            name: self.text_models[name].decision(text_model_inputs(name, inputs))
            for name in MODE_TEXT_MODELS[mode]
        }
        features = [item.dense() for item in inputs]
        chosen = [self._variant_for(item, dense, mode) for item, dense in zip(inputs, features, strict=True)]
        rows_of: dict[str, list[int]] = {}
        for k, variant in enumerate(chosen):
            rows_of.setdefault(variant.name, []).append(k)
        predictions: list[Prediction] = [None] * len(inputs)  # type: ignore[list-item]  # filled below
        for rows in rows_of.values():
            variant = chosen[rows[0]]
            text_scores = {name: values[rows] for name, values in scores.items()}
            scored = self._predict_rows(variant, [features[k] for k in rows], text_scores)
            for k, prediction in zip(rows, scored, strict=True):
                predictions[k] = prediction
        return predictions

    def mode_variants(self, mode: str) -> list[Variant]:
        """The variants that score audits in ``mode``, richest first."""
        return [variant for variant in self.variants if variant.mode == mode]

    def variant_for(self, item: DetectorInput, mode: str = FULL) -> Variant:
        """The first (richest) variant of ``mode`` that has all it needs in ``item``."""
        return self._variant_for(item, item.dense(), mode)

    def _variant_for(self, item: DetectorInput, features: Mapping[str, float], mode: str) -> Variant:
        variants = self.mode_variants(mode)
        if not variants:
            raise MtauditError(f"detector model has no {mode} variant; retrain it with `mtaudit train`")
        for variant in variants:
            if variant.accepts(item, features):
                return variant
        missing = sorted({n for n in variants[-1].dense.names if n not in features})
        raise MtauditError(
            f"detector model needs features the audit did not compute: {', '.join(missing[:5])}"
        )

    def _predict_rows(
        self, variant: Variant, features: Sequence[Mapping[str, float]], text_scores: dict[str, np.ndarray]
    ) -> list[Prediction]:
        """Predictions for paragraphs that ``variant`` scores (their ``features`` by name, and their text
        models' scores in order): every layer computed for all of them at once, row by row as for one."""
        dense_x = np.array([[values[n] for n in variant.dense.names] for values in features], dtype=float)
        dense_z = variant.dense.standardise(dense_x)
        dense_terms = dense_z * variant.dense.coef
        stack_x = np.column_stack(
            [*(text_scores[n] for n in variant.text_models), dense_terms.sum(axis=1) + variant.dense.intercept]
        )
        stack_terms = variant.stack.standardise(stack_x) * variant.stack.coef
        probabilities = variant.calibration(stack_terms.sum(axis=1) + variant.stack.intercept).tolist()
        # Reasons: each text model's term, and the dense layer's term split over its features (exact,
        # since both layers are linear): coef_dense · (x_dense - mean) / scale is shared out pro rata.
        dense_share = variant.stack.coef[-1] / variant.stack.scale[-1]
        names = [*variant.text_models, *variant.dense.names]
        values = np.hstack([stack_x[:, :-1], dense_x])
        terms = np.hstack([stack_terms[:, :-1], dense_terms * dense_share])
        # ties keep the features' order
        tops = np.argsort(-np.abs(terms), axis=1, kind="stable")[:, :MAX_REASONS].tolist()
        text_count = len(variant.text_models)
        predictions = []
        for row, (probability, top) in enumerate(zip(probabilities, tops, strict=True)):
            reasons = []
            for i in top:
                above = None if i < text_count else bool(dense_z[row, i - text_count] > 0)
                term = float(terms[row, i])
                reasons.append(
                    Reason(names[i], round(float(values[row, i]), 4), round(term, 4), explain(names[i], term, above))
                )
            predictions.append(Prediction(probability, variant.bands.verdict(probability), reasons, variant.name))
        return predictions

    def signature(self) -> dict[str, Any]:
        """What identifies this model in a report signature."""
        return {
            "format_version": FORMAT_VERSION,
            "variants": [v.name for v in self.variants],
            "trained_with": self.training.get("mtaudit"),
            "profile_sha256": (self.training.get("profile") or "")[:16] or None,
            "sha256": self.sha256()[:16],
        }

    def sha256(self) -> str:
        """The sha256 of the model's JSON (of the file's, uncompressed, for a loaded model)."""
        if self.digest is None:
            self.digest = hashlib.sha256(_canonical(self.to_dict()).encode("utf-8")).hexdigest()
        return self.digest

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "training": self.training,
            "text_models": {name: model.to_dict() for name, model in self.text_models.items()},
            "variants": [variant.to_dict() for variant in self.variants],
        }

    def save(self, path: Path) -> None:
        """Write the model as JSON (gzip-compressed when ``path`` ends in ``.gz``)."""
        data = _canonical(self.to_dict()).encode("utf-8")
        try:
            path.write_bytes(gzip.compress(data, mtime=0) if path.suffix == ".gz" else data)
        except OSError as problem:
            raise MtauditError(f"{path}: cannot write ({problem.strerror or problem})") from None

    @classmethod
    def load(cls, path: Path | str, cached: bool = False) -> DetectorModel:
        """Read a model saved by :meth:`save`; a clear one-line error for anything else.

        With ``cached``, the decoded JSON is kept in the user's cache folder, keyed by the file's sha256
        (:mod:`mtaudit.usercache`), and read from there while the file is unchanged: the shipped model
        loads in a third of the time."""
        path = Path(path)
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            raise MtauditError(f"{path}: no such detector model") from None
        except OSError:
            raise MtauditError(f"{path}: not an mtaudit detector model (unreadable JSON)") from None
        if cached:
            key = {"detector": FORMAT, "file_sha256": hashlib.sha256(raw).hexdigest()}
            decoded = cached_document("detector", key, lambda: _decode(path, raw))
        else:
            decoded = _decode(path, raw)
        data = decoded["model"]
        check_format(
            path,
            data,
            kind="detector model",
            name=FORMAT,
            version=FORMAT_VERSION,
            version_key="format_version",
            remedy="retrain it with `mtaudit train`",
        )
        try:
            return cls(
                text_models={
                    name: kind.from_dict(data["text_models"][name]) for name, (kind, _) in TEXT_MODELS.items()
                },
                variants=[Variant.from_dict(v) for v in data["variants"]],
                training=dict(data.get("training", {})),
                digest=decoded["sha256"],
            )
        except (KeyError, TypeError, ValueError) as problem:
            raise MtauditError(
                f"{path}: damaged detector model ({type(problem).__name__}: {problem})"
            ) from None


def _decode(path: Path, raw: bytes) -> dict[str, Any]:
    """The JSON of a model file's bytes (gzip-compressed or not) and the sha256 of that JSON."""
    try:
        text = gzip.decompress(raw) if raw[:2] == b"\x1f\x8b" else raw
        return {"model": json.loads(text), "sha256": hashlib.sha256(text).hexdigest()}
    except (OSError, EOFError, UnicodeDecodeError, json.JSONDecodeError):
        raise MtauditError(f"{path}: not an mtaudit detector model (unreadable JSON)") from None


def text_model_inputs(name: str, inputs: Sequence[DetectorInput]) -> list[str]:
    """The strings the text model ``name`` reads from ``inputs`` (their text, skeleton or masked text)."""
    attribute = TEXT_MODELS[name][1]
    return [getattr(i, attribute) for i in inputs]


def _canonical(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
