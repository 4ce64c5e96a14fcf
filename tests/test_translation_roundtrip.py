"""Round-trip scores, features, the back-translation stage, and the progress display."""

from __future__ import annotations

import io

import pytest
from rich.console import Console

from mtaudit.ingest import Paragraph
from mtaudit.normalise import normalise_with_offsets
from mtaudit.pipeline import ParagraphState
from mtaudit.reporting.progress import live_progress
from mtaudit.translation.loading import resolve_model
from mtaudit.translation.marian import MarianTranslator
from mtaudit.translation.roundtrip import (
    Backtranslation,
    RoundTrip,
    RoundTripScorer,
    length_ratio,
    roundtrip_features,
    untranslated_share,
)
from mtaudit.translation.stage import BacktranslationStage
from mtaudit.view import ParagraphView

PARAGRAPH = "Le chat dort sur le canapé. Il pleut depuis ce matin ! Nous avons mangé une tarte aux pommes."


@pytest.fixture(scope="module")
def scorer():
    return RoundTripScorer()


def test_an_unchanged_round_trip_scores_perfectly(scorer):
    assert scorer.score(PARAGRAPH, PARAGRAPH) == {"chrf": 100.0, "bleu": 100.0, "ter": 0.0}


def test_a_changed_round_trip_scores_lower(scorer):
    changed = "Le chat dort sur le sofa. Il pleut depuis ce matin. Nous avons mangé un gâteau aux pommes."
    scores = scorer.score(PARAGRAPH, changed)
    assert 50 < scores["chrf"] < 100 and 0 < scores["bleu"] < 100 and 0 < scores["ter"] < 50
    unrelated = scorer.score(PARAGRAPH, "Les élections auront lieu en mai prochain.")
    assert unrelated["chrf"] < scores["chrf"] and unrelated["ter"] > scores["ter"]


def test_signatures_name_every_setting(scorer):
    signatures = scorer.signatures()
    assert set(signatures) == {"chrf", "bleu", "ter"}
    assert all("nrefs:1" in s and "version:" in s for s in signatures.values())
    assert (
        "nc:6" in signatures["chrf"] and "tok:13a" in signatures["bleu"] and "tok:tercom" in signatures["ter"]
    )


@pytest.mark.parametrize(
    ("french", "english", "share"),
    [
        ("Le chat dort sur le canapé.", "The cat sleeps on the sofa.", 0.0),
        ("Le chat dort sur le canapé.", "The cat dort on the canapé.", 0.3333),
        ("Marie arrive à Toulouse.", "Marie arrives in Toulouse.", 0.0),  # names are not French words
        ("La table est prête.", "The table is ready.", 0.0),  # a word shared by both languages
        ("Il pleut.", "", 0.0),
    ],
)
def test_untranslated_share(french, english, share):
    assert untranslated_share(french, english) == share


def test_features_with_and_without_a_round_trip():
    roundtrip = RoundTrip(PARAGRAPH[:47], {"chrf": 61.5, "bleu": 30.0, "ter": 50.0}, {})
    features = roundtrip_features(Backtranslation(PARAGRAPH, "The cat sleeps.", roundtrip))
    assert features == {
        "untranslated_share": 0.0,
        "chrf": 61.5,
        "length_ratio": length_ratio(PARAGRAPH, PARAGRAPH[:47]),
    }
    assert features["length_ratio"] == pytest.approx(0.5, abs=0.01)
    assert roundtrip_features(Backtranslation(PARAGRAPH, "The cat sleeps.")) == {"untranslated_share": 0.0}


def state(text: str) -> ParagraphState:
    """A paragraph's state as the pipeline makes it (the stage reads the normalised text, not the parse)."""
    view = ParagraphView(Paragraph("doc.txt", 0, "doc.txt:0", text), normalise_with_offsets(text), None)  # type: ignore[arg-type]
    return ParagraphState(view)


def test_the_stage_translates_sentence_by_sentence_and_rejoins(tiny_marian):
    source = resolve_model(str(tiny_marian), "--mt-model-fr-en")
    fr_en = MarianTranslator(source, "fr-en", batch_size=2)
    en_fr = MarianTranslator(source, "en-fr", batch_size=2)
    stage = BacktranslationStage(fr_en, en_fr)
    states = [state(PARAGRAPH), state("Il pleut.")]
    stage.process(states)

    sentences = [
        "Le chat dort sur le canapé.",
        "Il pleut depuis ce matin!",  # the normalised text: no space before "!"
        "Nous avons mangé une tarte aux pommes.",
    ]
    english = MarianTranslator(source, "fr-en").translate(sentences)
    result = states[0].backtranslation
    assert result is not None and result.english == " ".join(english)
    assert fr_en.translated == 4  # "Il pleut." is a new sentence; nothing else was translated twice
    french = MarianTranslator(source, "en-fr").translate(english)
    assert result.roundtrip is not None and result.roundtrip.text == " ".join(french)
    record = result.roundtrip_record()
    assert record is not None and set(record) == {"text", "chrf", "bleu", "ter", "signature"}
    assert set(roundtrip_features(result)) == {"chrf", "length_ratio", "untranslated_share"}
    assert roundtrip_features(result)["chrf"] == record["chrf"]

    signature = stage.signature()
    assert signature["status"] == "ok"
    assert signature["fr_en"]["revision"] == source.revision and signature["fr_en"]["direction"] == "fr-en"
    assert signature["roundtrip"]["direction"] == "en-fr" and "chrf" in signature["roundtrip"]["metrics"]


def test_without_round_trip_only_the_backtranslation(tiny_marian):
    source = resolve_model(str(tiny_marian), "--mt-model-fr-en")
    stage = BacktranslationStage(MarianTranslator(source, "fr-en"), roundtrip_status={"status": "disabled"})
    states = [state("Il pleut.")]
    stage.process(states)
    result = states[0].backtranslation
    assert result is not None and result.english and result.roundtrip is None
    assert result.roundtrip_record() is None
    assert set(roundtrip_features(result)) == {"untranslated_share"}
    assert stage.signature()["roundtrip"] == {"status": "disabled"}


def test_an_inactive_stage_fills_nothing_and_says_why():
    stage = BacktranslationStage.inactive("unavailable", model="x/y", reason="offline")
    states = [state("Il pleut.")]
    stage.process(states)
    assert states[0].backtranslation is None
    assert stage.signature() == {"status": "unavailable", "model": "x/y", "reason": "offline"}


def test_progress_shows_only_on_a_terminal():
    hidden = io.StringIO()
    with live_progress(Console(file=hidden), True, [("sentences translated", None)]) as advances:
        assert advances == [None]
    assert hidden.getvalue() == ""

    shown = io.StringIO()
    terminal = Console(file=shown, force_terminal=True, width=80)
    with live_progress(terminal, True, [("sentences translated", None)]) as (advance,):
        advance(3)
    assert "sentences translated" in shown.getvalue()
    with live_progress(terminal, False, [("a", None), ("b", 5)]) as advances:
        assert advances == [None, None]
