"""The detector's view of a paragraph: normalised like the benchmark, blind to typography."""

from __future__ import annotations

import importlib.util
import math
from collections import Counter

import pytest

from mtaudit.detector.features import detector_inputs, skeleton
from mtaudit.detector.normalise import normalise
from mtaudit.ingest import Paragraph

TYPESET = "« Nous partirons demain », a-t-il déclaré\u00a0: l’équipe est prête\u202f! Qu’en pensez-vous ?"
PLAIN = "\"Nous partirons demain\", a-t-il déclaré: l'équipe est prête! Qu'en pensez-vous?"


def test_normalise_neutralises_typography():
    assert normalise(TYPESET) == PLAIN
    assert normalise("  deux\tmots \n ici ") == "deux mots ici"
    assert normalise("“Oui” ‘non’") == "\"Oui\" 'non'"


def test_normalise_matches_the_benchmark(shared):
    spec = importlib.util.spec_from_file_location("benchmark_normalise", shared / "data" / "normalise.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for text in (TYPESET, PLAIN, " « a »\u2009;b  ?\u00a0c ", "x : y ! « z»"):
        assert normalise(text) == module.normalise(text)


@pytest.mark.slow
def test_typeset_and_plain_text_look_the_same_to_the_detector(auditor):
    states = auditor.analyze([Paragraph("d", 0, "a", TYPESET), Paragraph("d", 1, "b", PLAIN)])
    typeset, plain = detector_inputs(states, auditor.nlp, auditor.analyzers)
    assert typeset == plain
    assert states[0].doc.text == TYPESET  # the audit itself still sees the raw text


@pytest.mark.slow
@pytest.mark.parametrize("text", ["...", "Bonjour", "« Oui » !", "42"])
def test_paragraphs_without_words_or_verbs_get_finite_features(auditor, text):
    states = auditor.analyze([Paragraph("d", 0, "a", text)])
    (item,) = detector_inputs(states, auditor.nlp, auditor.analyzers)
    assert all(math.isfinite(value) for value in item.features.values())


@pytest.mark.slow
def test_skeleton_keeps_function_words_and_verb_forms(nlp):
    assert skeleton(nlp("Les enfants ont mangé une pomme verte.")) == "les NOUN ont VPartPast une NOUN ADJ ."


def test_summary_lines_close_with_the_document_verdict():
    from mtaudit.reporting.summary import Summary

    summary = Summary(by_document={"a.txt": Counter(machine=3, human=1)}, total=Counter(machine=3, human=1))
    assert summary.lines() == [
        "a.txt: 4 paragraphs: machine 3 (75%), human 1 (25%), uncertain 0 (0%); verdict: machine"
    ]
