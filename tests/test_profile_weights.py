"""The learned fluency weights: the style table, learning, the weights file, and the deviation formula."""

from __future__ import annotations

import json
import math

import pytest
from profile_samples import CORPUS, FLUENT, TWINS
from typer.testing import CliRunner

from mtaudit.cli import app
from mtaudit.errors import MtauditError
from mtaudit.ingest import Paragraph
from mtaudit.pipeline import Auditor
from mtaudit.profile import FluencyStage, build_profile, default_profile_path, load_profile
from mtaudit.profile.build import corpus_sentences, measure_corpus
from mtaudit.profile.features import FEATURES
from mtaudit.profile.learn import LabelledParagraph, learn_weights
from mtaudit.profile.reference import deviation
from mtaudit.profile.style import estimate_style
from mtaudit.profile.weights import FluencyWeights, default_weights_path, load_weights, save_weights
from mtaudit.scoring import EvidenceScorer


def test_style_table_is_a_smoothed_log_ratio():
    machine = [["w:cependant", "w:le"], ["w:cependant", "w:le", "w:rare"]]
    human = [["w:mais", "w:le"], ["w:mais", "w:le"]]
    table = estimate_style(machine, human, smoothing=1.0, min_count=2)
    assert set(table) == {"w:cependant", "w:le", "w:mais"}  # "w:rare" was seen once
    # machine: 5 tokens + 3 smoothing, human: 4 tokens + 3 smoothing
    assert table["w:cependant"] == pytest.approx(math.log(3 / 8) - math.log(1 / 7))
    assert table["w:mais"] == pytest.approx(math.log(1 / 8) - math.log(3 / 7))
    assert table["w:le"] == pytest.approx(math.log(3 / 8) - math.log(3 / 7))


def test_deviation_adds_clipped_learned_part_and_disfluent_hinge():
    z = {"a": 5.0, "b": 1.0, "pos_log_perplexity": 0.0, "pos_context_gain": -3.5, "lm_log_perplexity": 2.0}
    z |= {"lm_context_gain": 0.0, "oov_rate": 4.5}
    # learned: 1·clip(5) - 0.5·1 = 2.5; disfluent: 2·((3.5 - 2.5) + (4.5 - 2.5)) = 6
    assert deviation(z, {"a": 1.0, "b": -0.5}) == pytest.approx(8.5)
    calm = {name: 0.0 for name in z}
    assert deviation(calm, {"a": 1.0, "b": -0.5}) == 0.0


def labelled_twins(nlp) -> list[LabelledParagraph]:
    """Each twin in two versions: the literal one is labelled machine; groups alternate."""
    texts = [text for pair in TWINS for text in pair]
    docs = list(nlp.pipe(texts))
    return [
        LabelledParagraph(doc, machine=i % 2 == 1, group=f"g{(i // 2) % 2}") for i, doc in enumerate(docs)
    ]


@pytest.fixture(scope="module")
def native(nlp):
    return measure_corpus(corpus_sentences([list(nlp.pipe(CORPUS))]), lambda *_: None)


@pytest.fixture(scope="module")
def learned(nlp, native) -> FluencyWeights:
    return learn_weights(labelled_twins(nlp), native, {"note": "self-written twins"})


def test_learning_finds_the_machine_side_words_and_weighs_the_style(learned):
    assert learned.style["w:cependant"] > 0 > learned.style["w:mais"]
    assert set(learned.combination) == set(FEATURES)
    assert learned.combination["mt_style"] > 0
    assert learned.learned_from["note"] == "self-written twins"
    assert learned.learned_from["paragraphs"] == {
        "machine": len(TWINS),
        "human": len(TWINS),
        "groups": ["g0", "g1"],
    }


def test_learning_needs_two_groups_and_both_sides(nlp, native):
    twins = labelled_twins(nlp)
    for bad in ([LabelledParagraph(p.doc, p.machine, "one") for p in twins], [p for p in twins if p.machine]):
        with pytest.raises(MtauditError, match="machine and human paragraphs from at least 2 groups"):
            learn_weights(bad, native)


def test_weights_round_trip_and_travel_with_the_profile(learned, nlp, tmp_path):
    path = tmp_path / "weights.json"
    save_weights(learned, path)
    loaded = load_weights(path, FEATURES)
    assert loaded.combination == learned.combination and loaded.style == learned.style
    assert len(loaded.sha256) == 64 and loaded.name == "weights.json"
    corpus = tmp_path / "native.txt"
    corpus.write_text("\n".join(CORPUS) + "\n", encoding="utf-8")
    build_profile([str(corpus)], tmp_path / "p.npz", nlp, weights_path=path)
    profile = load_profile(tmp_path / "p.npz")
    assert profile.weights.style == loaded.style and profile.weights.combination == loaded.combination
    signature = FluencyStage(profile).signature()["deviation"]
    assert signature["weights"]["sha256"] == loaded.sha256[:16]
    assert signature["weights"]["combination"] == loaded.combination
    # the profile's copy is what scores: a machine-style paragraph has the higher mt_style
    auditor = Auditor(nlp, [], EvidenceScorer(), stages=[FluencyStage(profile)])
    human, machine = auditor.analyze([Paragraph("t", i, str(i), text) for i, text in enumerate(TWINS[0])])
    assert machine.fluency.features["mt_style"] > human.fluency.features["mt_style"]


@pytest.mark.parametrize(
    "content, problem",
    [
        (None, "fluency weights not found"),
        (b"\x89PNG not json", "not an mtaudit fluency weights file (not JSON)"),
        ([1, 2, 3], "not an mtaudit fluency weights file"),
        ({"format": "someone-else", "version": 1}, "not an mtaudit fluency weights file"),
        ({"version": 7}, "format version 7 is not supported"),
        ({"combination": {"shoe_size": 1.0}}, "unknown feature 'shoe_size'"),
        ({"combination": {"mt_style": "high"}}, "combination 'mt_style' is not a number"),
        ({"style": {"w:le": float("nan")}}, "style 'w:le' is not a number"),
        ({"style": {}}, "no 'style' table"),
    ],
)
def test_bad_weights_files_fail_with_one_line(tmp_path, content, problem):
    path = tmp_path / "weights.json"
    good = {"format": "mtaudit-fluency-weights", "version": 1, "combination": {"mt_style": 1.0}}
    good["style"] = {"w:le": 0.1}
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif isinstance(content, list):
        path.write_text(json.dumps(content), encoding="utf-8")
    elif isinstance(content, dict):
        path.write_text(json.dumps(good | content), encoding="utf-8")
    with pytest.raises(MtauditError) as caught:
        load_weights(path, FEATURES)
    message = str(caught.value)
    assert message.startswith(f"{path}: ") and problem in message and "\n" not in message


def test_profile_build_with_bad_default_weights_is_one_line_error(tmp_path, monkeypatch):
    bad = tmp_path / "fluency-weights.json"
    bad.write_text('{"format": "mtaudit-fluency-weights", "version": 1}', encoding="utf-8")
    monkeypatch.setattr("mtaudit.profile.build.default_weights_path", lambda: bad)
    corpus = tmp_path / "native.txt"
    corpus.write_text(FLUENT + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["profile", "build", str(corpus), "-o", str(tmp_path / "p.npz")])
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and f"{bad}: damaged fluency weights file (no 'combination' table)" in lines[0]
    assert not (tmp_path / "p.npz").exists()


def test_shipped_profile_carries_the_shipped_weights():
    # the default profile must be rebuilt whenever the weights are (scripts/fluency_weights.py)
    shipped = load_weights(default_weights_path(), FEATURES)
    profile = load_profile(default_profile_path())
    assert profile.weights.sha256 == shipped.sha256
    assert profile.weights.combination == shipped.combination
    assert shipped.combination["mt_style"] > 0
    assert default_weights_path().stat().st_size < 1_000_000
