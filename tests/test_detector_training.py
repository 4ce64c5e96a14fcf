"""Training the detector: it learns an obvious signal, calibrates monotonically, falls back by variant."""

from __future__ import annotations

import json

import numpy as np
import pytest
from detector_samples import labelled

from mtaudit.detector.features import DetectorInput
from mtaudit.detector.labelled import analyse_labelled, read_labelled
from mtaudit.detector.model import DetectorModel
from mtaudit.detector.training import (
    LabelledSet,
    choose_bands,
    fit_calibration,
    fold_ids,
    standardise_by_group,
    train,
    weight_sample,
)
from mtaudit.errors import MtauditError


def _synthetic(n: int, with_roundtrip: bool, seed: int = 0) -> LabelledSet:
    """Inputs whose round-trip chrF separates the labels; text, skeleton and masked text carry a weaker
    hint."""
    rng = np.random.default_rng(seed)
    inputs, labels = [], []
    for k in range(n):
        label = k % 2
        features = {
            "style.words_log": float(rng.normal(4, 0.3)),
            "lexicon.zipf_mean": float(rng.normal(5, 0.2)),
        }
        stages = {"roundtrip": {"chrf": float(rng.normal(70 if label else 45, 5))}} if with_roundtrip else {}
        words = "cependant les gens" if label and k % 3 else "or l'on"
        inputs.append(
            DetectorInput(
                f"{words} texte {k % 7}", f"DET NOUN {words}", features, stages, f"{words} NOUN NUM"
            )
        )
        labels.append(label)
    return LabelledSet(inputs, np.array(labels), np.ones(n), [])


def test_fold_ids_follow_groups_and_blocks():
    assert fold_ids(["a", "b", "a", "c", "b"], folds=5).tolist() == [0, 1, 0, 2, 1]
    assert fold_ids([None] * 10, folds=5).tolist() == [0, 0, 1, 1, 2, 2, 3, 3, 4, 4]
    ids = fold_ids([str(y) for y in range(10)], folds=5)
    assert sorted(set(ids.tolist())) == [0, 1, 2, 3, 4]


def test_weight_sample_keeps_records_at_rates_proportional_to_their_weights():
    weights = np.r_[np.full(90, 1.0), np.full(10, 9.0)]
    kept = weight_sample(weights)
    assert set(kept.tolist()) <= {0.0, 1.0}
    assert kept[90:].sum() == 10  # the heaviest records are all kept
    assert kept[:90].sum() == 10  # one in nine of the others
    spots = np.flatnonzero(kept[:90])
    assert np.all(np.diff(spots) == 9)  # spread evenly along the records
    assert weight_sample(np.zeros(3)).tolist() == [0.0, 0.0, 0.0]


def test_contrast_weights_give_each_class_of_a_group_the_same_number_of_records():
    # group a: 9 machine paragraphs (3 systems of 3) against 3 references weighing 3 times more;
    # group b: 2 against 2; then 2 auxiliary native paragraphs.
    labels = np.r_[np.ones(9), np.zeros(3), [1, 1, 0, 0], [0, 0]].astype(int)
    weights = np.r_[np.ones(9), np.full(3, 3.0), np.ones(4), [1.0, 1.0]]
    groups = ["a"] * 12 + ["b"] * 4 + [None, None]
    auxiliary = np.r_[np.zeros(16, dtype=bool), [True, True]]
    data = LabelledSet([], labels, weights, groups, auxiliary)
    counted = data.contrast_weights()
    assert counted[:9].sum() == 3 and counted[9:12].sum() == 3
    assert [counted[k * 3 : k * 3 + 3].sum() for k in range(3)] == [1, 1, 1]  # one per system
    assert counted[12:16].tolist() == [1, 1, 1, 1]
    assert counted[16:].tolist() == [0, 0]
    plain = LabelledSet([], labels, np.ones(18), [], None).contrast_weights()
    assert plain.tolist() == [1.0] * 18  # without groups every full-weight record counts


def test_standardising_moves_each_mixed_group_onto_the_common_mean_and_spread():
    x = np.array([[1.0, 10.0], [3.0, 14.0], [11.0, 0.0], [19.0, 4.0], [50.0, 50.0], [-7.0, 2.0]])
    labels = np.array([0, 1, 0, 1, 0, 0])
    weights = np.array([1.0, 1.0, 1.0, 1.0, 1.0, 1.0])
    groups = ["a", "a", "b", "b", "native", None]
    out = standardise_by_group(x, labels, weights, groups)
    overall = np.average(x[:4], axis=0, weights=weights[:4])
    # spreads: group a (1, 2), group b (4, 2); their geometric means (2, 2)
    for members, factor in (([0, 1], [2.0, 1.0]), ([2, 3], [0.5, 1.0])):
        assert np.allclose(np.average(out[members], axis=0, weights=weights[members]), overall)
        # the contrast inside a group is kept, rescaled to the common spread
        assert np.allclose(out[members[1]] - out[members[0]], (x[members[1]] - x[members[0]]) * factor)
    assert np.array_equal(out[4:], x[4:])  # a one-label group and an ungrouped record keep their scores
    assert np.array_equal(standardise_by_group(x, labels, weights, []), x)


def test_standardising_keeps_a_column_that_is_constant_inside_a_group():
    x = np.array([[2.0, 1.0], [2.0, 3.0], [5.0, 0.0], [9.0, 4.0]])
    out = standardise_by_group(x, np.array([0, 1, 0, 1]), np.ones(4), ["a", "a", "b", "b"])
    assert np.all(np.isfinite(out))
    assert out[0, 0] == out[1, 0]  # no spread to scale: only moved
    assert np.isclose(out[3, 0] - out[2, 0], 4.0)  # the one group that varies sets the spread


def test_calibration_maps_into_unit_interval_monotonically():
    rng = np.random.default_rng(1)
    scores = rng.normal(size=400)
    labels = (rng.random(400) < 1 / (1 + np.exp(-2 * scores))).astype(int)
    calibration = fit_calibration(scores, labels)
    grid = np.linspace(-10, 10, 2001)
    p = calibration(grid)
    assert (p >= 0).all() and (p <= 1).all()
    assert (np.diff(p) >= 0).all()
    assert p[0] < 0.2 and p[-1] > 0.8
    inside = calibration(np.linspace(calibration.x[0], calibration.x[-1], 500))
    assert (np.diff(inside) > 0).all()  # strictly rising between the end knots: no ties, ranking kept


def test_calibration_recovers_a_logistic_map_and_stays_flat_without_evidence():
    rng = np.random.default_rng(2)
    scores = rng.normal(size=4000)
    labels = (rng.random(4000) < 1 / (1 + np.exp(-(2 * scores - 0.5)))).astype(int)
    grid = np.array([-1.0, 0.0, 0.5, 1.0])
    expected = 1 / (1 + np.exp(-(2 * grid - 0.5)))
    assert np.abs(fit_calibration(scores, labels)(grid) - expected).max() < 0.05
    noise = fit_calibration(scores, (scores < 0).astype(int))  # higher scores, fewer machine paragraphs
    flat = noise(np.linspace(-3, 3, 7))
    assert np.allclose(flat, flat[0]) and abs(flat[0] - 0.5) < 0.05


def test_bands_reach_the_required_precision():
    probabilities = np.array([0.05, 0.1, 0.2, 0.3, 0.45, 0.55, 0.7, 0.8, 0.9, 0.95])
    labels = np.array([0, 0, 0, 1, 0, 1, 0, 1, 1, 1])
    bands = choose_bands(probabilities, labels, precision=0.9)
    machine = labels[probabilities >= bands.machine]
    human = labels[probabilities <= bands.human]
    assert machine.mean() >= 0.9 and (1 - human).mean() >= 0.9
    assert bands.human < 0.5 <= bands.machine


def test_bands_hold_inside_every_collection_not_only_pooled():
    # (probability, label, collection): collection "b" is wrong once at each end, where "a" and native
    # French (no collection, one label) keep the pooled share at 90%.
    records = [
        *[(p, 1, "a") for p in (0.8, 0.85, 0.9, 0.95) * 2],
        (0.8, 0, "b"), *[(p, 1, "b") for p in (0.85, 0.9, 0.95)],
        *[(p, (k + 1) % 2, g) for g in "ab" for k, p in enumerate((0.4, 0.5, 0.6, 0.6))],
        *[(p, 0, "a") for p in (0.02, 0.03, 0.04)],
        (0.02, 1, "b"), (0.03, 0, "b"), (0.04, 0, "b"),
        *[(0.01, 0, None)] * 6,
    ]
    probabilities = np.array([r[0] for r in records])
    labels = np.array([r[1] for r in records])
    groups = [r[2] for r in records]
    pooled = choose_bands(probabilities, labels, precision=0.9)
    grouped = choose_bands(probabilities, labels, groups=groups, precision=0.9)
    assert (pooled.machine, pooled.human) == (0.8, 0.04)
    assert (grouped.machine, grouped.human) == (0.85, 0.01)
    for g in ("a", "b"):
        inside = np.array([r[2] == g for r in records])
        assert labels[inside & (probabilities >= grouped.machine)].mean() >= 0.9
        assert not (inside & (probabilities <= grouped.human)).any()  # only native French is that low


def test_bands_open_at_the_precision_when_no_threshold_reaches_it():
    probabilities = np.linspace(0.3, 0.7, 40)
    labels = (
        np.arange(40) + 1
    ) % 2  # alternating, human at the top and machine at the bottom: nowhere 90% pure
    bands = choose_bands(probabilities, labels, precision=0.9)
    assert bands.machine == 0.9 and bands.human == pytest.approx(0.1)


def test_bands_lie_beyond_every_score_where_the_precision_default_is_known_wrong():
    # Inside collection "b" the highest and the lowest scores are wrong: no threshold is 90% precise
    # there, and the defaults 0.9 / 0.1 would hold paragraphs known to be wrong.
    probabilities = np.array([0.95, 0.93, 0.91, 0.6, 0.4, 0.09, 0.07, 0.05] * 2)
    labels = np.array([1, 1, 1, 1, 0, 0, 0, 0, 0, 1, 1, 1, 0, 0, 0, 1])  # a, then b
    groups = ["a"] * 8 + ["b"] * 8
    bands = choose_bands(probabilities, labels, groups=groups, precision=0.9)
    assert bands.machine == pytest.approx(0.951) and bands.human == pytest.approx(0.049)
    assert type(bands.machine) is float and type(bands.human) is float  # saved as plain JSON numbers


def test_variants_fall_back_when_stage_features_are_missing():
    model = train(_synthetic(80, with_roundtrip=True))
    assert [v.name for v in model.variants] == ["own+roundtrip", "own"]
    test = _synthetic(40, with_roundtrip=True, seed=2).inputs
    full = model.predict(test)
    offline = model.predict([i.without_stages() for i in test])
    assert {p.variant for p in full} == {"own+roundtrip"}
    assert {p.variant for p in offline} == {"own"}
    labels = np.array([k % 2 for k in range(40)])
    separation = np.mean([p.probability for p, y in zip(full, labels, strict=True) if y]) - np.mean(
        [p.probability for p, y in zip(full, labels, strict=True) if not y]
    )
    assert separation > 0.5  # the round-trip feature separates the labels almost perfectly
    assert any(r.feature == "roundtrip.chrf" for r in full[1].reasons)


def _write_jsonl(path, pairs):
    path.write_text("".join(json.dumps({"text": t, "label": y}) + "\n" for t, y in pairs), encoding="utf-8")
    return path


@pytest.mark.slow
def test_training_on_self_written_paragraphs_learns_the_signal(auditor, tmp_path):
    records = read_labelled([_write_jsonl(tmp_path / "train.jsonl", labelled(15))])
    data = LabelledSet(
        analyse_labelled(records, auditor), np.array([r.label for r in records]), np.ones(30), []
    )
    model = train(data)
    fresh = labelled(6, start=40)
    test_inputs = analyse_labelled(read_labelled([_write_jsonl(tmp_path / "test.jsonl", fresh)]), auditor)
    predictions = model.predict(test_inputs)
    machine = [p.probability for p, (_, y) in zip(predictions, fresh, strict=True) if y == "machine"]
    human = [p.probability for p, (_, y) in zip(predictions, fresh, strict=True) if y == "human"]
    assert min(machine) > max(human)
    assert np.mean(machine) > 0.7 and np.mean(human) < 0.3
    saved = tmp_path / "model.json.gz"
    model.save(saved)
    reloaded = DetectorModel.load(saved).predict(test_inputs)
    assert [round(p.probability, 3) for p in reloaded] == [round(p.probability, 3) for p in predictions]


def test_groups_that_hold_one_label_fail_clearly():
    data = _synthetic(40, with_roundtrip=False)
    data.groups = ["people" if label == 0 else f"machine-{k % 3}" for k, label in enumerate(data.labels)]
    with pytest.raises(MtauditError, match=r"fold \d \(groups people\) holds every human paragraph"):
        train(data)
