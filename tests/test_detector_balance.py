"""Balanced training weights and pooled document probabilities."""

from __future__ import annotations

import numpy as np
import pytest

from mtaudit.detector.balance import balanced_weights
from mtaudit.detector.pooling import pooled_probability
from mtaudit.errors import MtauditError

# Test set "a": one big system (6 paragraphs) and its 6 references; test set "b": two small systems (2 each)
# and 2 references; then 3 auxiliary native paragraphs outside any test set.
LABELS = np.array([1] * 6 + [0] * 6 + [1, 1, 1, 1, 0, 0] + [0, 0, 0])
SYSTEMS = ["big"] * 6 + ["human"] * 6 + ["s1", "s1", "s2", "s2", "human", "human"] + ["native"] * 3
GROUPS = ["a"] * 12 + ["b"] * 6 + [None] * 3
WEIGHTS = np.r_[np.ones(18), np.full(3, 0.3)]


def _totals(w: np.ndarray, mask) -> float:
    return float(w[np.asarray(mask)].sum())


def test_every_system_weighs_the_same_and_each_test_set_is_balanced():
    w = balanced_weights(LABELS, WEIGHTS, SYSTEMS, GROUPS, system_power=0.0)
    systems = np.array(SYSTEMS)
    big, s1, s2 = (_totals(w, systems == s) for s in ("big", "s1", "s2"))
    assert big == pytest.approx(s1) == pytest.approx(s2)
    groups = np.array([str(g) for g in GROUPS])
    for group in ("a", "b"):
        machine = _totals(w, (groups == group) & (LABELS == 1))
        human = _totals(w, (groups == group) & (LABELS == 0))
        assert machine == pytest.approx(human)
    assert w[:18].mean() == pytest.approx(1.0)
    assert np.allclose(w[18:], 0.3)  # auxiliary records keep their weight


def test_system_power_softens_the_balance():
    systems = np.array(SYSTEMS)
    kept = balanced_weights(LABELS, WEIGHTS, SYSTEMS, GROUPS, system_power=1.0)
    assert _totals(kept, systems == "big") == pytest.approx(3 * _totals(kept, systems == "s1"))
    root = balanced_weights(LABELS, WEIGHTS, SYSTEMS, GROUPS, system_power=0.5)  # 6 vs 2 paragraphs
    assert _totals(root, systems == "big") == pytest.approx(3**0.5 * _totals(root, systems == "s1"))
    assert np.allclose(balanced_weights(LABELS, WEIGHTS, SYSTEMS, GROUPS), kept)  # the default keeps sizes


def test_a_test_set_without_human_paragraphs_is_an_error():
    groups = ["a"] * 12 + ["b"] * 4 + ["c"] * 2 + [None] * 3
    with pytest.raises(MtauditError, match="'b' needs both machine and human"):
        balanced_weights(LABELS, WEIGHTS, SYSTEMS, groups)


def test_one_paragraph_keeps_its_probability():
    assert pooled_probability([0.8]) == pytest.approx(0.8)


def test_pooling_is_more_decisive_than_a_paragraph_but_not_independent():
    pooled = pooled_probability([0.8] * 10)
    independent = 1 / (1 + (0.2 / 0.8) ** 10)
    assert 0.8 < pooled < independent
    assert pooled_probability([0.2] * 10) == pytest.approx(1 - pooled)
    assert pooled_probability([0.9, 0.1]) == pytest.approx(0.5)


def test_correlation_sets_how_many_paragraphs_the_evidence_is_worth():
    independent = 1 / (1 + (0.4 / 0.6) ** 5)
    assert pooled_probability([0.6] * 5, correlation=0.0) == pytest.approx(independent)
    assert pooled_probability([0.6] * 5, correlation=1.0) == pytest.approx(0.6)
    assert pooled_probability([0.6] * 5, correlation=0.1) > pooled_probability([0.6] * 5, correlation=0.3)


def test_pooling_needs_a_paragraph():
    with pytest.raises(ValueError):
        pooled_probability([])


def test_a_document_of_leaning_paragraphs_gets_a_decisive_verdict():
    from collections import Counter

    from mtaudit.reporting.summary import document_verdict

    ten_uncertain = Counter(uncertain=10)
    assert document_verdict(ten_uncertain, pooled_probability([0.75] * 10)) == "machine"
    assert document_verdict(ten_uncertain, pooled_probability([0.25] * 10)) == "human"
    assert document_verdict(Counter(uncertain=1), pooled_probability([0.6])) == "uncertain"
    assert document_verdict(Counter(machine=1), pooled_probability([0.78])) == "machine"
    assert document_verdict(Counter(machine=1, human=1), pooled_probability([0.95, 0.05])) == "mixed"
    assert document_verdict(Counter(uncertain=3), pooled_probability([0.78] * 3)) == "machine"  # 0.96
    assert document_verdict(Counter(uncertain=3), pooled_probability([0.74] * 3)) == "uncertain"  # 0.93
    assert document_verdict(Counter(uncertain=3), pooled_probability([0.15] * 3)) == "human"  # 0.013
    assert document_verdict(Counter(uncertain=3), pooled_probability([0.4] * 3)) == "uncertain"  # 0.27
