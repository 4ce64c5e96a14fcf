"""The fast filter mode (``--mode filter``): surface features without a parse, its own trained variant,
honest records (what it does not compute is null), and the batched n-gram scoring it relies on."""

from __future__ import annotations

import json

import jsonschema
import numpy as np
import pytest
from detector_samples import labelled
from test_detector_training import _synthetic
from typer.testing import CliRunner

from mtaudit.cli import app
from mtaudit.detector.features import DetectorInput
from mtaudit.detector.model import DetectorModel
from mtaudit.detector.scorer import DetectorScorer
from mtaudit.detector.training import train
from mtaudit.errors import MtauditError
from mtaudit.modes import FILTER, FILTER_ANALYZERS, FULL

runner = CliRunner()


def _with_surface(n: int, seed: int = 0):
    """Synthetic training data with filter-mode inputs: the same texts, other (surface) features."""
    data = _synthetic(n, with_roundtrip=False, seed=seed)
    rng = np.random.default_rng(seed + 1)
    data.surface = [
        DetectorInput(item.text, "", {"style.word_length": float(rng.normal(5 + label, 0.5))})
        for item, label in zip(data.inputs, data.labels, strict=True)
    ]
    return data


@pytest.fixture(scope="module")
def model() -> DetectorModel:
    return train(_with_surface(60))


def test_filter_variant_is_trained_with_the_full_ones(model, tmp_path):
    assert [(v.name, v.mode) for v in model.variants] == [("own", FULL), ("filter", FILTER)]
    variant = model.variants[-1]
    assert variant.stack.names == ["ngram.lexical", "lm.words", "dense"]  # no skeleton in filter mode
    assert variant.dense.names == ["style.word_length"]
    model.save(tmp_path / "m.json.gz")
    again = DetectorModel.load(tmp_path / "m.json.gz")
    assert [(v.name, v.mode) for v in again.variants] == [("own", FULL), ("filter", FILTER)]


def test_each_mode_is_scored_by_its_own_variants(model):
    test = _with_surface(10, seed=3)
    filtered = model.predict(test.surface, FILTER)
    assert {p.variant for p in filtered} == {"filter"}
    assert all(r.feature not in ("ngram.masked", "lm.skeleton") for p in filtered for r in p.reasons)
    assert {p.variant for p in model.predict(test.inputs)} == {"own"}
    # the filter variant learned its feature: a high word length is machine-like in this data
    low, high = (
        model.predict([DetectorInput("texte", "", {"style.word_length": v})], FILTER) for v in (3, 8)
    )
    assert high[0].probability > low[0].probability


def test_a_model_without_a_filter_variant_is_refused_clearly():
    full_only = train(_synthetic(40, with_roundtrip=False))
    with pytest.raises(MtauditError, match="no variant for the filter mode; retrain it"):
        DetectorScorer(full_only, "old.json.gz", mode=FILTER)
    with pytest.raises(MtauditError, match="no filter variant"):
        full_only.predict(_with_surface(4).surface, FILTER)


@pytest.mark.slow
def test_surface_features_need_tokens_and_sentences_only():
    from mtaudit.detector.surface import surface_features
    from mtaudit.regex_tokenizer import load_regex_pipeline

    nlp = load_regex_pipeline()
    assert nlp.pipe_names == []  # no trained component: tokens and sentence starts only
    doc = nlp("Le chat dort. Le chien mange la soupe.")
    features = surface_features(doc, [])
    assert features["style.sentence_mean"] == 4 and features["style.sentence_max"] == 5
    assert features["function.le"] == 2 / 8 and features["function.la"] == 1 / 8
    assert features["punct.comma"] == 0 and features["style.capitalised"] == 0  # sentence starts
    assert features["anomalies.english"] == 0
    assert not any(name.startswith(("pos.", "dep.", "morph.")) for name in features)


@pytest.mark.slow
def test_ngram_scores_do_not_depend_on_the_batch():
    """Batched scoring gives every text the score it gets alone (shipped model, both n-gram models)."""
    from mtaudit.detector.scorer import load_model

    texts = [t for t, _ in labelled(6)] + [
        "",
        "Oui.",
        "Le Conseil a voté la loi, mais l'opposition conteste.",
    ]
    for name in ("ngram.lexical", "ngram.masked"):
        ngram = load_model().text_models[name]
        alone = [float(ngram.decision([t])[0]) for t in texts]
        assert np.allclose(ngram.decision(texts), alone, rtol=0, atol=1e-12)
        assert np.allclose(ngram.decision(texts[::-1])[::-1], alone, rtol=0, atol=1e-12)


ENGLISH = (
    "Le maire a présenté le projet hier soir. He said that the new bridge will be finished next year "
    "and the works will start soon."
)
PLAIN = "La boulangerie de la place ferme ses portes pour deux semaines en août, comme chaque année."


@pytest.fixture(scope="module")
def filter_records():
    from mtaudit import Auditor, AuditSettings

    auditor = Auditor.load(AuditSettings(translation=None, mode=FILTER))
    return auditor.audit_texts([ENGLISH, PLAIN], ids=["en", "plain"])


@pytest.mark.slow
def test_filter_records_are_valid_and_honest(filter_records):
    from mtaudit.records import report_schema

    schema = report_schema()
    for record in filter_records:
        data = record.to_dict()
        jsonschema.validate(data, schema)
        assert data["fluency"] is None and data["backtranslation"] is None and data["roundtrip"] is None
        signature = data["signature"]
        assert signature["mode"] == FILTER
        assert signature["scorer"]["mode"] == FILTER and signature["scorer"]["mode_variants"] == ["filter"]
        assert signature["analyzers"] == list(FILTER_ANALYZERS)
        assert {"fluency", "grammar", "calque"} <= set(signature["not_computed"])
        assert "filter mode" in signature["backtranslation"]["status"]
        assert {a["type"] for a in data["anomalies"]} <= set(FILTER_ANALYZERS)
        assert 0 <= data["mt_probability"] <= 1
    english, plain = filter_records
    assert [(a.type, a.severity) for a in english.anomalies] == [("english", "major")]
    assert english.anomalies[0].text.startswith("He said that")
    assert plain.anomalies == []
    assert english.mt_probability > plain.mt_probability  # the major anomaly's evidence


@pytest.mark.slow
def test_cli_filter_mode_and_its_refusals(tmp_path):
    text = tmp_path / "doc.txt"
    text.write_text(f"{ENGLISH}\n\n{PLAIN}\n", encoding="utf-8")
    result = runner.invoke(app, ["audit", str(text), "--mode", "filter", "-f", "jsonl", "-q"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["signature"]["mode"] for r in records] == [FILTER, FILTER]
    full = runner.invoke(app, ["audit", str(text), "--no-backtranslation", "-f", "jsonl", "-q"])
    assert json.loads(full.stdout.splitlines()[0])["signature"]["mode"] == FULL  # the default
    for extra, message in (
        (["--analyzers", "english,grammar"], "runs only the analyzers that need no parse"),
        (["--require-backtranslation"], "does not back-translate"),
    ):
        refused = runner.invoke(app, ["audit", str(text), "--mode", "filter", *extra])
        assert refused.exit_code == 2 and message in refused.output


@pytest.mark.parametrize(
    "text",
    [
        "L'homme qu'il a vu aujourd'hui, M. Dupont, a-t-il dit 3,5 % ? Oui… « Bien sûr » (fin.)",
        "Une ligne\nune autre  avec deux espaces ",
        "",
        "«",
    ],
)
def test_regex_tokenizer_keeps_the_text_and_cuts_french_words(text):
    from mtaudit.nlp import doc_text
    from mtaudit.regex_tokenizer import load_regex_pipeline

    doc = load_regex_pipeline()(text)
    assert doc.text == text and doc_text(doc) == text


def test_regex_tokenizer_elisions_numbers_titles_and_sentences():
    from mtaudit.regex_tokenizer import load_regex_pipeline

    doc = load_regex_pipeline()("L'élu qu'on attend, M. Roy, a dit 3,5 fois « non ». Puis il part !\nFin")
    words = [t.text for t in doc if not t.is_space]
    assert words[:5] == ["L'", "élu", "qu'", "on", "attend"]
    assert "M." in words and "3,5" in words
    assert [s.text.strip() for s in doc.sents] == [
        "L'élu qu'on attend, M. Roy, a dit 3,5 fois « non ».",
        "Puis il part !",
        "Fin",
    ]
