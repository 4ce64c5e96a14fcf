"""Train a detector model: out-of-fold stacking, logistic calibration and verdict bands.

Folds follow groups of paragraphs (``--group-by``, e.g. the year of a test set) so that a paragraph and
its translation twin, or two paragraphs of one document, never sit on both sides of a split: the
out-of-fold scores that the stack layer, the calibration and the bands are fitted on are then honest
estimates for unseen text.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from sklearn.linear_model import LogisticRegression

from mtaudit import __version__
from mtaudit.detector.contrast import ContrastModel, ContrastSpec
from mtaudit.detector.evaluation import Metrics
from mtaudit.detector.features import FLUENCY, DetectorInput
from mtaudit.detector.model import (
    MODE_TEXT_MODELS,
    TEXT_MODELS,
    Calibration,
    DetectorModel,
    LinearLayer,
    Variant,
    text_model_inputs,
)
from mtaudit.detector.ngrams import NgramSpec
from mtaudit.errors import MtauditError
from mtaudit.modes import FILTER, FULL
from mtaudit.scoring import VerdictBands

WORDS = r"(?u)\w+|[^\w\s]"  # words, and each punctuation sign as a token of its own
DEFAULT_FOLDS = 5
MIN_PER_LABEL = 5
BAND_PRECISION = 0.9  # a verdict band must be right this often on the out-of-fold training scores
CALIBRATION_FLOOR = 0.005  # calibrated probabilities stay inside [floor, 1 - floor]
CALIBRATION_KNOTS = 65  # knots of the stored calibration map
PLATT_C = 1e4  # the calibration's two parameters are barely regularised


# Word 1-2-grams (punctuation included) and character 2-5-grams of the normalised text.
LEXICAL = NgramSpec(
    views=(
        {
            "analyzer": "word",
            "ngram_range": (1, 2),
            "lowercase": False,
            "token_pattern": WORDS,
            "min_df": 2,
            "max_features": 40_000,
        },
        {
            "analyzer": "char_wb",
            "ngram_range": (2, 5),
            "lowercase": False,
            "min_df": 3,
            "max_features": 60_000,
        },
    ),
    c=10.0,
)
# 1-4-grams of the masked text (topic words replaced by their word class, mtaudit.detector.masking): the
# 100,000 most frequent (40,000 before: held out whole, WMT21 / FLORES / newstest2010 0.735 / 0.659 / 0.725
# against 0.730 / 0.649 / 0.720 for this model alone; 183,000, all that occur twice, 0.732 / 0.657 / 0.725).
MASKED = NgramSpec(
    views=(
        {
            "analyzer": "word",
            "ngram_range": (1, 4),
            "lowercase": False,
            "token_pattern": r"\S+",
            "min_df": 2,
            "max_features": 100_000,
        },
    ),
    c=3.0,
)


# Contrast language models: word bigrams (case kept) and skeleton bigrams. Held out whole (WMT21 / FLORES /
# newstest2010, each model alone, machine sides sampled as LabelledSet.contrast_weights samples them), the
# bigram models told systems from references better than trigram ones: words 0.633 / 0.603 / 0.741 against
# 0.615 / 0.602 / 0.746, skeleton 0.680 / 0.601 / 0.681 against 0.662 / 0.573 / 0.665; unigrams and 4-grams
# were worse.
WORD_CONTRAST = ContrastSpec(token_pattern=WORDS, order=2)
SKELETON_CONTRAST = ContrastSpec(token_pattern=r"\S+", order=2)


@dataclass(frozen=True)
class TrainingSettings:
    """The detector's hyper-parameters (chosen with benchmarks/detector_protocol.py)."""

    lexical: NgramSpec = LEXICAL
    masked: NgramSpec = MASKED
    word_contrast: ContrastSpec = WORD_CONTRAST
    skeleton_contrast: ContrastSpec = SKELETON_CONTRAST
    dense_c: float = 0.1
    stack_c: float = 1.0
    folds: int = DEFAULT_FOLDS


@dataclass
class LabelledSet:
    """Training or evaluation data: detector inputs with labels (1 = machine), weights and groups.

    ``auxiliary`` marks records that stay out of the contrast language models (default: those weighted
    below 1, e.g. native French without a translation twin); set it when ``weights`` were rebalanced.
    ``surface``: the same paragraphs as the filter mode analyses them
    (:func:`mtaudit.detector.surface.surface_inputs`); with it, the model gets a ``filter`` variant.
    """

    inputs: list[DetectorInput]
    labels: np.ndarray
    weights: np.ndarray
    groups: list[str | None] = field(default_factory=list)
    auxiliary: np.ndarray | None = None
    surface: list[DetectorInput] | None = None

    def contrast_weights(self) -> np.ndarray:
        """1 for the records the contrast models count, 0 for the others: auxiliary records, and inside
        each group the records its weights sample out (:func:`weight_sample`)."""
        auxiliary = self.weights < 1 if self.auxiliary is None else np.asarray(self.auxiliary, dtype=bool)
        counted = np.where(auxiliary, 0.0, 1.0)
        group_of = _group_names(self.groups, len(counted))
        for g in sorted(set(group_of[counted > 0]) - {""}):
            members = np.flatnonzero((group_of == g) & (counted > 0))
            counted[members] = weight_sample(self.weights[members])
        return counted


def train(
    data: LabelledSet,
    settings: TrainingSettings | None = None,
    sources: Sequence[dict[str, str]] = (),
    profile: str | None = None,
) -> DetectorModel:
    """Fit a detector on ``data``: n-gram models, one variant per available set of stage features, and
    the filter mode's variant when ``data.surface`` is given (the same text models, surface features).

    ``sources`` (``{"file", "sha256"}`` per training file) and ``profile`` (the sha256 of the fluency
    profile the features came from) are recorded in the model's metadata."""
    settings = settings or TrainingSettings()
    y, w = data.labels, data.weights
    for label, name in ((1, "machine"), (0, "human")):
        if int((y == label).sum()) < MIN_PER_LABEL:
            raise MtauditError(
                f"training needs at least {MIN_PER_LABEL} {name} paragraphs, got {int((y == label).sum())}"
            )
    folds = fold_ids(data.groups or [None] * len(y), settings.folds)
    _check_folds(folds, y, data.groups)
    specs = {
        "ngram.lexical": settings.lexical,
        "ngram.masked": settings.masked,
        "lm.words": settings.word_contrast,
        "lm.skeleton": settings.skeleton_contrast,
    }
    text_models, text_oof = {}, {}
    for name, spec in specs.items():
        kind = TEXT_MODELS[name][0]
        fit = kind.fit
        texts = text_model_inputs(name, data.inputs)
        tw = data.contrast_weights() if kind is ContrastModel else w
        text_oof[name] = _out_of_fold(
            lambda train, test, fit=fit, spec=spec, texts=texts, tw=tw: fit(
                spec, [texts[k] for k in train], y[train], tw[train]
            ).decision([texts[k] for k in test]),
            folds,
        )
        text_models[name] = fit(spec, texts, y, tw)
    own = set.intersection(*(set(i.features) for i in data.inputs))
    available = sorted(set.intersection(*(set(i.stages) for i in data.inputs)))
    stage_names = {
        stage: {f"{stage}.{n}" for n in set.intersection(*(set(i.stages[stage]) for i in data.inputs))}
        for stage in available
    }
    variants = []
    for size in range(len(available), -1, -1):
        for groups in itertools.combinations(available, size):
            names = sorted(own.union(*(stage_names[g] for g in groups)))
            variants.append(_fit_variant(data.inputs, data, list(groups), names, text_oof, folds, settings))
    if data.surface is not None:
        names = sorted(set.intersection(*(set(i.features) for i in data.surface)))
        variants.append(_fit_variant(data.surface, data, [], names, text_oof, folds, settings, FILTER))
    training = {
        "mtaudit": __version__,
        "sources": list(sources),
        "profile": profile if FLUENCY in available else None,
        "paragraphs": {"machine": int((y == 1).sum()), "human": int((y == 0).sum())},
        "folds": int(folds.max() + 1),
        "settings": {
            "dense_c": settings.dense_c,
            "stack_c": settings.stack_c,
            "band_precision": BAND_PRECISION,
        },
    }
    return DetectorModel(text_models, variants, training)


def weight_sample(weights: np.ndarray) -> np.ndarray:
    """1 for the records kept when each is kept at the rate ``weight / max(weights)``, 0 for the others:
    systematic sampling in record order (a record is kept where the running sum of the rates passes a
    whole number and a half), so that the kept records of each weight are spread evenly along the records.

    The contrast language models count n-grams, and counts cannot be weighted. A test set with nine
    systems and one human reference would give the machine model nine translations of its source lines
    for the human model's one: its topic's words would become evidence of ``machine``, and any system
    would look more like the machine side the more text the machine model has. With the balanced weights
    (:mod:`mtaudit.detector.balance`) as rates, each class sees the same amount of text about the same
    source lines in every test set (the largest class whole), and each system its share of the
    machine side."""
    w = np.asarray(weights, dtype=float)
    if not len(w) or w.max() <= 0:
        return np.zeros(len(w))
    rates = w / w.max()
    running = np.cumsum(rates)
    return (np.floor(running + 0.5) > np.floor(running - rates + 0.5)).astype(float)


def fold_ids(groups: Sequence[str | None], folds: int = DEFAULT_FOLDS) -> np.ndarray:
    """A fold number per paragraph: one fold per group (at most ``folds``, merged in sorted order);
    paragraphs without a group are cut into contiguous blocks, which keeps neighbours together."""
    named = sorted({g for g in groups if g is not None})
    count = min(len(named), folds) if len(named) >= 2 else folds
    of_group = {g: k * count // len(named) for k, g in enumerate(named)}
    ungrouped = [k for k, g in enumerate(groups) if g is None]
    ids = np.zeros(len(groups), dtype=int)
    for k, g in enumerate(groups):
        if g is not None:
            ids[k] = of_group[g]
    for position, k in enumerate(ungrouped):
        ids[k] = position * count // len(ungrouped)
    return ids


def _check_folds(folds: np.ndarray, labels: np.ndarray, groups: Sequence[str | None]) -> None:
    """Every fold's complement must hold both labels, or its out-of-fold models cannot be trained."""
    for fold in np.unique(folds):
        rest = set(labels[folds != fold].tolist())
        if len(rest) < 2:
            held = sorted({str(groups[k]) for k in np.flatnonzero(folds == fold)} if groups else set())
            where = f" (groups {', '.join(held[:3])})" if held else ""
            missing = "human" if 0 not in rest else "machine"
            raise MtauditError(
                f"cross-validation fold {fold + 1}{where} holds every {missing} paragraph, so the other "
                "folds cannot learn from it; group by a field whose groups each mix both labels"
            )


def _fit_variant(
    inputs: list[DetectorInput],
    data: LabelledSet,
    groups: list[str],
    names: list[str],
    text_oof: dict[str, np.ndarray],
    folds: np.ndarray,
    settings: TrainingSettings,
    mode: str = FULL,
) -> Variant:
    """One variant on ``inputs`` (``data``'s paragraphs as ``mode`` analyses them): dense layer, stack
    over the mode's text models, calibration and bands, all fitted out of fold."""
    y, w = data.labels, data.weights
    dense = [i.dense() for i in inputs]
    x = np.array([[features[n] for n in names] for features in dense], dtype=float)
    dense_oof = _out_of_fold(
        lambda tr, te: _linear(x[tr], y[tr], w[tr], names, settings.dense_c).decision(x[te]), folds
    )
    stack_names = [*MODE_TEXT_MODELS[mode], "dense"]
    stack_x = standardise_by_group(
        np.column_stack([*(text_oof[name] for name in MODE_TEXT_MODELS[mode]), dense_oof]), y, w, data.groups
    )
    stack_oof = _out_of_fold(
        lambda tr, te: _linear(stack_x[tr], y[tr], w[tr], stack_names, settings.stack_c).decision(
            stack_x[te]
        ),
        folds,
    )
    # Bands and metrics come from probabilities calibrated out of fold too (a map fitted on the other
    # folds), so the recorded ECE is not the calibration's own training error.
    probabilities = _out_of_fold(
        lambda tr, te: fit_calibration(stack_oof[tr], y[tr], w[tr])(stack_oof[te]), folds
    )
    bands = choose_bands(probabilities, y, w, data.groups)
    metrics = Metrics.compute(y, probabilities, [bands.verdict(p) for p in probabilities], weights=w)
    return Variant(
        name=FILTER if mode == FILTER else "+".join(["own", *groups]),
        groups=groups,
        dense=_linear(x, y, w, names, settings.dense_c),
        stack=_linear(stack_x, y, w, stack_names, settings.stack_c),
        calibration=fit_calibration(stack_oof, y, w),
        bands=bands,
        metrics={"out_of_fold": metrics.summary()},
        mode=mode,
    )


def standardise_by_group(
    x: np.ndarray, labels: np.ndarray, weights: np.ndarray, groups: Sequence[str | None]
) -> np.ndarray:
    """``x`` with each group's weighted mean moved onto the weighted mean of every grouped record, and each
    group's spread (weighted standard deviation, per column) scaled to the geometric mean of the groups'.

    The stack's inputs are out-of-fold scores, each group (a test set's collection) scored by models that
    never saw it. Their level shifts from one group to the next with its topic and source language, and
    their spread with the fold model that scored them: a model trained on few collections spreads its
    scores wide and weakly (newstest scored by models that saw WMT21 or FLORES alone: 2-3 times the other
    collections' spread on the dense layer, calibration slope 0.4 against 1.6-2.1), and as the largest
    group it set the calibration's slope. Neither says anything about a paragraph. Standardised, the stack
    and the calibration learn from the contrast inside each group, each group's spread counting the same.
    Measured on test sets held out whole in benchmarks/detector_generalisation.py (docs/detector.md; README,
    detector section). Only groups holding both labels move (a group of one label is evidence), and
    records without a group keep their scores.
    """
    out = np.array(x, dtype=float, copy=True)
    group_of, mixed = _mixed_groups(labels, groups)
    if not mixed:
        return out
    inside = np.isin(group_of, mixed)
    overall = np.average(out[inside], axis=0, weights=weights[inside])
    means, spreads = {}, {}
    for g in mixed:
        members = group_of == g
        means[g] = np.average(out[members], axis=0, weights=weights[members])
        spreads[g] = np.sqrt(np.average((out[members] - means[g]) ** 2, axis=0, weights=weights[members]))
    spread = np.array([spreads[g] for g in mixed])
    varies = spread > 0  # a column constant inside a group keeps its (zero) spread
    safe = np.where(varies, spread, 1.0)
    common = np.exp(np.where(varies, np.log(safe), 0.0).sum(axis=0) / np.maximum(varies.sum(axis=0), 1))
    for g, scale in zip(mixed, np.where(varies, common / safe, 1.0), strict=True):
        members = group_of == g
        out[members] = overall + (out[members] - means[g]) * scale
    return out


def _group_names(groups: Sequence[str | None], count: int) -> np.ndarray:
    """Each record's group name, "" for none (every record when ``groups`` is empty)."""
    return np.array([str(g) if g is not None else "" for g in groups or [None] * count], dtype=object)


def _mixed_groups(labels: np.ndarray, groups: Sequence[str | None]) -> tuple[np.ndarray, list[str]]:
    """Each record's group name ("" for none) and the sorted names of the groups holding both labels."""
    group_of = _group_names(groups, len(labels))
    return group_of, [g for g in sorted(set(group_of) - {""}) if len(set(labels[group_of == g].tolist())) == 2]


def _out_of_fold(fit_predict, folds: np.ndarray) -> np.ndarray:
    out = np.zeros(len(folds))
    for fold in np.unique(folds):
        test = np.flatnonzero(folds == fold)
        train = np.flatnonzero(folds != fold)
        out[test] = fit_predict(train, test)
    return out


def _linear(x: np.ndarray, y: np.ndarray, w: np.ndarray, names: list[str], c: float) -> LinearLayer:
    mean = np.average(x, axis=0, weights=w)
    scale = np.sqrt(np.average((x - mean) ** 2, axis=0, weights=w))
    scale[scale == 0] = 1.0
    lr = LogisticRegression(C=c, max_iter=5000).fit((x - mean) / scale, y, sample_weight=w)
    return LinearLayer(names, mean, scale, lr.coef_.ravel(), float(lr.intercept_[0]))


def fit_calibration(scores: np.ndarray, labels: np.ndarray, weights: np.ndarray | None = None) -> Calibration:
    """A logistic (Platt) map from out-of-fold scores to probabilities, kept inside [floor, 1 - floor].

    Two parameters fitted on scores from collections each fold never saw: on a new MT system it is
    far better calibrated than an isotonic staircase (held-out ECE 0.104 against 0.138 on WMT21, 0.040
    against 0.066 on FLORES; benchmarks/detector_generalisation.py), which follows the training
    systems' score distribution step by step. The sigmoid is stored as ``CALIBRATION_KNOTS`` knots evenly
    spaced in log-odds from the floor to its complement, so the map rises strictly between its end knots
    and keeps the scores' order. Scores that carry no evidence (a slope that is not positive) map to the
    weighted machine share, flat.
    """
    w = np.ones(len(scores)) if weights is None else np.asarray(weights, dtype=float)
    lr = LogisticRegression(C=PLATT_C, max_iter=1000).fit(
        np.asarray(scores, dtype=float)[:, None], labels, sample_weight=w
    )
    slope, intercept = float(lr.coef_[0, 0]), float(lr.intercept_[0])
    if slope <= 0:
        share = float(np.clip(np.average(labels, weights=w), CALIBRATION_FLOOR, 1 - CALIBRATION_FLOOR))
        return Calibration(np.array([float(np.min(scores)), float(np.max(scores))]), np.array([share, share]))
    edge = np.log((1 - CALIBRATION_FLOOR) / CALIBRATION_FLOOR)
    log_odds = np.linspace(-edge, edge, CALIBRATION_KNOTS)
    return Calibration((log_odds - intercept) / slope, 1 / (1 + np.exp(-log_odds)))


def choose_bands(
    probabilities: np.ndarray,
    labels: np.ndarray,
    weights: np.ndarray | None = None,
    groups: Sequence[str | None] = (),
    precision: float = BAND_PRECISION,
) -> VerdictBands:
    """The widest bands whose verdicts are right at least ``precision`` of the time on these scores:
    ``machine`` from the lowest threshold where the machine share above it reaches ``precision``, ``human``
    up to the highest threshold where the human share below it does. With ``groups``, the share must
    reach ``precision`` over all the records and inside each group that holds both labels and has records
    in the band: a band that is right 90% of the time on the pooled scores can still be wrong more often
    on one collection, the others (or native French, a group of one label) making up for it, and a new
    collection is what the band must hold on. Where no threshold qualifies (scores from systems the folds
    never saw rarely reach 90%), the band starts at ``precision`` itself (``human``: at
    ``1 - precision``), where a calibrated probability is right that often by definition and other
    evidence (major anomalies) can still bring a paragraph, or beyond every score if some reach that far:
    there the band is known to be wrong too often."""
    w = np.ones_like(probabilities) if weights is None else weights
    group_of, names = _mixed_groups(labels, groups)
    mixed = [group_of == g for g in names]

    def right(hit: np.ndarray, selected: np.ndarray) -> bool:
        return _share(hit, w, selected) >= precision and all(
            _share(hit, w, selected & members) >= precision for members in mixed if (selected & members).any()
        )

    candidates = np.unique(np.round(probabilities, 3))
    top, bottom = float(candidates[-1]), float(candidates[0])
    beyond = (max(precision, min(top + 0.001, 1.0)), min(1 - precision, max(bottom - 0.001, 0.0)))
    machine = next((float(t) for t in candidates if right(labels == 1, probabilities >= t)), beyond[0])
    human = next((float(t) for t in candidates[::-1] if right(labels == 0, probabilities <= t)), beyond[1])
    machine, human = max(machine, 0.5), min(human, 0.5)
    return VerdictBands(machine=round(machine, 3), human=round(min(human, machine), 3))


def _share(hit: np.ndarray, weights: np.ndarray, selected: np.ndarray) -> float:
    total = weights[selected].sum()
    return float(weights[selected & hit].sum() / total) if total else 0.0
