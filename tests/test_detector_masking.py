"""The masked text: topic words hidden, the phrasing kept."""

from __future__ import annotations

import pytest

from mtaudit.detector.features import FUNCTION_WORDS, detector_inputs
from mtaudit.detector.masking import masked_text
from mtaudit.ingest import Paragraph


def test_nouns_names_and_numbers_become_their_tag_other_words_stay():
    forms = ["le", "maire", "de", "lyon", "a", "inauguré", "hier", "2", "grands", "ponts", "."]
    pos = ["DET", "NOUN", "ADP", "PROPN", "AUX", "VERB", "ADV", "NUM", "ADJ", "NOUN", "PUNCT"]
    assert masked_text(forms, pos, FUNCTION_WORDS) == "le NOUN de PROPN a inauguré hier NUM grands NOUN ."


def test_function_words_stay_whatever_their_tag():
    # "un" read as a number ("un an") and "tout" read as a noun are function words: kept.
    assert masked_text(["un", "an", "tout"], ["NUM", "NOUN", "NOUN"], FUNCTION_WORDS) == "un NOUN tout"
    assert masked_text(["un", "an"], ["NUM", "NOUN"], ()) == "NUM NOUN"
    assert masked_text([], [], FUNCTION_WORDS) == ""


@pytest.mark.slow
def test_the_detector_reads_the_masked_text_of_the_parse(auditor):
    """Two paragraphs phrased alike on different topics get masked texts far closer than their words."""
    texts = (
        "Le maire de Lyon a inauguré hier un nouveau pont sur le Rhône.",
        "La ministre de la Santé a présenté hier un nouveau plan contre la grippe.",
    )
    states = auditor.analyze([Paragraph("d", k, f"p{k}", t) for k, t in enumerate(texts)])
    lyon, health = (item.masked.split() for item in detector_inputs(states))
    assert "lyon" not in lyon and "rhône" not in lyon and "pont" not in lyon
    assert {"PROPN", "NOUN"} <= set(lyon)
    assert {"inauguré", "hier", "nouveau"} <= set(lyon)  # verb, adverb and adjective stay
    assert {"présenté", "hier", "nouveau"} <= set(health)
    assert lyon[:2] == ["le", "NOUN"] and health[:2] == ["la", "NOUN"]
    assert len(set(lyon) & set(health)) > len(set(texts[0].lower().split()) & set(texts[1].lower().split()))
