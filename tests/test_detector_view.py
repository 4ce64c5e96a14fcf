"""The view every step reads: normalised like the benchmark, parsed once, spans mapped back."""

from __future__ import annotations

import importlib.util
import math
from collections import Counter

import pytest

from mtaudit.detector.features import detector_inputs, skeleton
from mtaudit.ingest import Paragraph
from mtaudit.normalise import normalise, normalise_with_offsets

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


# (original, normalised span text, the original text it maps back to)
SPANS = [
    (TYPESET, '"Nous partirons demain"', "« Nous partirons demain »"),
    (TYPESET, "déclaré:", "déclaré\u00a0:"),
    (TYPESET, "l'équipe", "l’équipe"),
    (TYPESET, "pensez-vous?", "pensez-vous ?"),
    ("  deux \t mots  ", "deux mots", "deux \t mots"),
]


@pytest.mark.parametrize(("original", "span", "expected"), SPANS)
def test_offsets_map_normalised_spans_back_to_the_original(original, span, expected):
    normalised = normalise_with_offsets(original)
    start = normalised.text.index(span)
    begin, end = normalised.span(start, start + len(span))
    assert original[begin:end] == expected


def test_text_that_needs_no_substitution_keeps_its_offsets_without_copying_them():
    original = "Le chat l’a vu « hier »."  # curly quote folded in place; guillemets already spaced
    normalised = normalise_with_offsets("Le chat l’a vu hier.")
    assert isinstance(normalised.starts, range) and normalised.text == "Le chat l'a vu hier."
    assert [normalised.span(k, k + 3) for k in range(15)] == [(k, k + 3) for k in range(15)]
    changed = normalise_with_offsets(original)
    assert isinstance(changed.starts, tuple) and changed.text == 'Le chat l\'a vu "hier".'
    begin, end = changed.span(changed.text.index('"'), len(changed.text))
    assert original[begin:end] == "« hier »."


def test_folding_by_replacement_is_translation():
    from mtaudit.normalise import _SPACES, QUOTES, _fold

    text = "« Oui »\u00a0; l’été “chaud” „froid‘ `x` a\u202fb\u2009c « » ’’ «»\n"
    for table in (_SPACES, QUOTES):
        assert not {ord(value) for value in table.values()} & table.keys()  # no chained replacement
        assert _fold(text, table) == text.translate(table) != text
        assert _fold(text * 7, table) == (text * 7).translate(table)


def test_line_breaks_survive_in_the_view_but_not_in_the_benchmark_form():
    text = "Première ligne\u00a0;  \n  Deuxième ligne"
    assert normalise_with_offsets(text).text == "Première ligne;\nDeuxième ligne"
    assert normalise(text) == "Première ligne; Deuxième ligne"


@pytest.mark.slow
def test_typeset_and_plain_text_look_the_same_to_the_detector(auditor):
    states = auditor.analyze([Paragraph("d", 0, "a", TYPESET), Paragraph("d", 1, "b", PLAIN)])
    typeset, plain = detector_inputs(states)
    assert typeset == plain
    assert states[0].view.original == TYPESET  # the report still shows (and points into) the raw text
    assert states[0].doc.text == PLAIN  # parsed once, in its normalised form


@pytest.mark.slow
def test_anomaly_spans_point_into_the_original_text(auditor):
    text = "Il a dit\u00a0: « le le chat » dort."
    (state,) = auditor.analyze([Paragraph("d", 0, "a", text)])
    duplicated = [a for a in state.anomalies if a.type == "duplication"]
    assert duplicated and all(text[a.start : a.end] == a.text for a in state.anomalies)
    assert duplicated[0].text == "le le"


@pytest.mark.slow
@pytest.mark.parametrize("text", ["...", "Bonjour", "« Oui » !", "42"])
def test_paragraphs_without_words_or_verbs_get_finite_features(auditor, text):
    states = auditor.analyze([Paragraph("d", 0, "a", text)])
    (item,) = detector_inputs(states)
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


def test_dense_features_read_each_token_as_spacy_gives_it(nlp):
    """The features read each token's attributes once from the token table (morphology parsed once per
    analysis, sentences cut from the sentence starts): the values are those computed from spaCy's own
    accessors."""
    from mtaudit.detector.features import DEPS, MORPH, paragraph_features

    text = (
        " Les ministres auraient voulu que nous partions ; elles sont parties hier.\n\n"
        "« Vous finirez demain, en chantant, et j'ai vu Marie Dupont à Paris avec 3 Amis ! » Non."
    )
    doc = nlp(text)
    features = paragraph_features(doc, [])
    words = [t for t in doc if not (t.is_space or t.is_punct)]
    verbs = [t for t in words if t.pos_ in {"VERB", "AUX"}]
    nominal = [t for t in words if t.pos_ in {"NOUN", "ADJ", "DET", "PRON"}]
    for key, value in MORPH:
        tokens = verbs if key in {"Tense", "Mood", "VerbForm"} else nominal
        expected = sum(value in t.morph.get(key) for t in tokens) / len(tokens)
        assert features[f"morph.{key}_{value}".lower()] == expected
    lengths = [sum(1 for t in sent if not (t.is_space or t.is_punct)) for sent in doc.sents]
    assert features["style.sentence_mean"] == sum(lengths) / len(lengths)
    assert features["style.sentence_max"] == max(lengths)
    assert features["pos.VERB"] == sum(t.pos_ == "VERB" for t in doc if not t.is_space) / len(
        [t for t in doc if not t.is_space]
    )
    assert sum(features[f"morph.{key}_{value}".lower()] > 0 for key, value in MORPH) >= 6
    n = len(words)
    for label in DEPS:
        assert features[f"dep.{label}"] == sum(t.dep_ == label for t in words) / n
    capitalised = sum(t.text[:1].isupper() and t.i > 0 and not t.is_sent_start for t in words)
    assert features["style.capitalised"] == capitalised / n > 0
    assert features["style.digits"] == sum(t.like_num for t in words) / n > 0
    assert features["style.entities"] == len(doc.ents) / n > 0
    assert features["style.sentence_cv"] > 0 and len(lengths) >= 3
