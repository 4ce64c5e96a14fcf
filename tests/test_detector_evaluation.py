"""Detector metrics checked against scikit-learn and hand computation on fixed numbers."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.metrics import accuracy_score, f1_score, roc_auc_score

from mtaudit.detector.evaluation import Metrics, by_group, expected_calibration_error, reliability_table

LABELS = np.array([1, 1, 1, 0, 0, 1, 0, 0, 1, 0])
PROBABILITIES = np.array([0.95, 0.81, 0.62, 0.55, 0.33, 0.48, 0.12, 0.07, 0.71, 0.44])
VERDICTS = [
    "machine",
    "machine",
    "uncertain",
    "uncertain",
    "human",
    "uncertain",
    "human",
    "human",
    "machine",
    "uncertain",
]


def test_metrics_match_scikit_learn():
    m = Metrics.compute(LABELS, PROBABILITIES, VERDICTS)
    predicted = PROBABILITIES >= 0.5
    assert m.auroc == pytest.approx(roc_auc_score(LABELS, PROBABILITIES))
    assert m.accuracy == pytest.approx(accuracy_score(LABELS, predicted))
    assert m.f1 == pytest.approx(f1_score(LABELS, predicted))
    assert (m.count, m.machine) == (10, 5)
    assert m.confusion == {
        "machine": {"machine": 3, "human": 0, "uncertain": 2},
        "human": {"machine": 0, "human": 3, "uncertain": 2},
    }


def test_expected_calibration_error_by_hand():
    # bins of width 0.1: [0.0,0.1): .07→0 | [0.1,0.2): .12→0 | [0.3,0.4): .33→0 | [0.4,0.5): .48→1, .44→0
    # [0.5,0.6): .55→0 | [0.6,0.7): .62→1 | [0.7,0.8): .71→1 | [0.8,0.9): .81→1 | [0.9,1]: .95→1
    gaps = [0.07, 0.12, 0.33, 2 * abs(0.46 - 0.5), 0.55, 0.38, 0.29, 0.19, 0.05]
    assert expected_calibration_error(LABELS, PROBABILITIES) == pytest.approx(sum(gaps) / 10)
    table = reliability_table(LABELS, PROBABILITIES)
    assert [b.count for b in table] == [1, 1, 1, 2, 1, 1, 1, 1, 1]
    assert table[3].mean_probability == pytest.approx(0.46) and table[3].machine_share == 0.5
    assert expected_calibration_error(np.array([0, 1]), np.array([0.0, 1.0])) == 0.0


def test_weights_count_like_repeated_paragraphs():
    weights = np.array([2, 1, 1, 1, 1, 1, 1, 3, 1, 1], dtype=float)
    repeated = np.repeat(np.arange(10), weights.astype(int))
    weighted = Metrics.compute(LABELS, PROBABILITIES, VERDICTS, weights=weights)
    expanded = Metrics.compute(LABELS[repeated], PROBABILITIES[repeated], [VERDICTS[i] for i in repeated])
    assert weighted.auroc == pytest.approx(expanded.auroc)
    assert weighted.ece == pytest.approx(expanded.ece)
    assert weighted.f1 == pytest.approx(expanded.f1)


def test_a_machine_only_group_is_measured_against_every_human_paragraph():
    groups = ["a"] * 5 + ["b"] * 5
    labels = np.array([1, 1, 1, 1, 1, 0, 0, 0, 0, 1])
    result = by_group(labels, PROBABILITIES, VERDICTS, groups)
    human = labels == 0
    a = result["a"]
    assert a.against_all_human and a.paragraphs == 5 and a.machine == 5
    assert a.metrics.auroc == pytest.approx(
        roc_auc_score(np.r_[np.ones(5), np.zeros(4)], np.r_[PROBABILITIES[:5], PROBABILITIES[human]])
    )
    assert a.machine_called_machine == pytest.approx(np.mean(np.array(VERDICTS[:5]) == "machine"))
    assert a.human_called_human is None
    b = result["b"]
    assert not b.against_all_human
    assert b.metrics.auroc == pytest.approx(roc_auc_score([0, 0, 0, 0, 1], PROBABILITIES[5:]))
    assert b.human_called_human == pytest.approx(np.mean(np.array(VERDICTS[5:9]) == "human"))


def test_a_human_only_group_has_no_auroc():
    result = by_group(
        np.array([1, 1, 1, 1, 1, 0, 0, 0, 0, 0]), PROBABILITIES, VERDICTS, ["a"] * 5 + ["h"] * 5
    )
    assert result["h"].metrics.auroc is None and not result["h"].against_all_human
