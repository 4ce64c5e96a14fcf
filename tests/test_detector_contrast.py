"""Contrast language models: they learn which class a token sequence is typical of, and save exactly."""

from __future__ import annotations

import json

import numpy as np

from mtaudit.detector.contrast import ContrastModel, ContrastSpec
from mtaudit.detector.training import WORDS

SPEC = ContrastSpec(token_pattern=WORDS, order=3)
# The machine side says "au cours de" and "en ce qui concerne"; the human side "pendant" and "quant à".
MACHINE = [
    "Au cours de la réunion, le ministre a parlé en ce qui concerne le budget.",
    "Le maire a répondu au cours de la séance en ce qui concerne les travaux.",
    "En ce qui concerne la grève, les syndicats ont parlé au cours de la nuit.",
    "Au cours de l'été, la ville a investi en ce qui concerne les écoles.",
]
HUMAN = [
    "Pendant la réunion, le ministre s'est exprimé ; quant à lui, le budget attendra.",
    "Le maire a répondu pendant la séance ; quant aux travaux, ils reprendront.",
    "Quant à la grève, les syndicats se sont exprimés pendant la nuit.",
    "Pendant l'été, la ville a investi ; quant aux écoles, elles seront rénovées.",
]
LABELS = np.array([1] * len(MACHINE) + [0] * len(HUMAN))


def _model() -> ContrastModel:
    return ContrastModel.fit(SPEC, MACHINE + HUMAN, LABELS)


def test_unseen_sentences_score_on_the_side_of_their_phrasing():
    scores = _model().decision(
        [
            "Au cours de la soirée, le préfet a parlé en ce qui concerne la sécurité.",
            "Pendant la soirée, le préfet s'est exprimé ; quant à la sécurité, rien.",
        ]
    )
    assert scores[0] > 0 > scores[1]


def test_swapping_the_classes_negates_the_score():
    texts = ["Au cours de la nuit, quant à lui, le maire a parlé.", "Une phrase sans rapport."]
    swapped = ContrastModel.fit(SPEC, MACHINE + HUMAN, 1 - LABELS)
    assert np.allclose(_model().decision(texts), -swapped.decision(texts))


def test_texts_of_weight_below_one_are_left_out():
    extra = "Quant à lui, il a parlé pendant ce temps."
    weights = np.r_[np.ones(len(MACHINE)), np.full(len(HUMAN), 0.3), 1.0]
    model = ContrastModel.fit(SPEC, [*MACHINE, *HUMAN, extra], np.r_[LABELS, 0], weights)
    assert "séance" in model.machine.index
    assert "temps" in model.human.index and "séance" not in model.human.index


def test_a_class_without_full_weight_texts_uses_all_of_them():
    weights = np.r_[np.ones(len(MACHINE)), np.full(len(HUMAN), 0.3)]
    model = ContrastModel.fit(SPEC, MACHINE + HUMAN, LABELS, weights)
    assert "Quant" in model.human.index and "séance" in model.human.index
    assert "Quant" not in model.machine.index


def test_json_round_trip_keeps_scores_exactly():
    model = _model()
    again = ContrastModel.from_dict(json.loads(json.dumps(model.to_dict())))
    texts = MACHINE[:2] + HUMAN[:2] + ["Des mots jamais vus : zygomatique, xylophone."]
    assert np.array_equal(model.decision(texts), again.decision(texts))
    assert again.spec == SPEC


def test_scoring_texts_together_equals_scoring_each_alone():
    model = _model()
    texts = [*MACHINE, "", "Quant à lui, il a parlé pendant la nuit.", *HUMAN]
    together = model.decision(texts)
    alone = np.array([model.decision([text])[0] for text in texts])
    assert np.allclose(together, alone, rtol=0, atol=1e-12)
