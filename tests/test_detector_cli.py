"""`mtaudit train`, `mtaudit eval` and `mtaudit audit --detector` on tiny self-written data."""

from __future__ import annotations

import json

import pytest
from detector_samples import labelled
from typer.testing import CliRunner

from mtaudit.cli import app

pytestmark = pytest.mark.slow
runner = CliRunner()


def _jsonl(path, pairs, **extra):
    path.write_text(
        "".join(json.dumps({"text": t, "label": y, **extra}) + "\n" for t, y in pairs), encoding="utf-8"
    )
    return path


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    folder = tmp_path_factory.mktemp("detector")
    data = _jsonl(folder / "train.jsonl", labelled(15))
    model = folder / "model.json.gz"
    result = runner.invoke(app, ["train", str(data), "-o", str(model)])
    assert result.exit_code == 0, result.output
    return folder, model, result


def test_train_writes_a_model_and_reports_it(trained):
    _, model, result = trained
    assert model.exists() and model.stat().st_size < 200_000
    assert "variant own: out-of-fold AUROC" in result.output
    assert "variant filter: out-of-fold AUROC" in result.output  # the filter mode's, same run


def test_eval_reports_metrics_groups_and_reliability(trained):
    folder, model, _ = trained
    pairs = labelled(4, start=30)
    data = folder / "test.jsonl"
    data.write_text(
        "".join(
            json.dumps({"text": t, "label": y, "part": "ab"[k % 2]}) + "\n" for k, (t, y) in enumerate(pairs)
        ),
        encoding="utf-8",
    )
    result = runner.invoke(
        app, ["eval", str(data), "--model", str(model), "--by", "part"], terminal_width=160
    )
    assert result.exit_code == 0, result.output
    assert "8 paragraphs (4 machine): AUROC 1.000" in result.output
    for heading in ("labels × verdicts", "by part", "reliability"):
        assert heading in result.output


def test_eval_on_the_training_file_says_the_figures_are_in_sample(trained, tmp_path):
    folder, model, _ = trained
    result = runner.invoke(app, ["eval", str(folder / "train.jsonl"), "--model", str(model)])
    assert result.exit_code == 0, result.output
    assert "train.jsonl: this file (same sha256) trained the detector; these figures are in-sample" in (
        result.output
    )
    renamed = folder / "renamed.jsonl"  # the same content under another name is still in-sample
    renamed.write_bytes((folder / "train.jsonl").read_bytes())
    result = runner.invoke(app, ["eval", str(renamed), "--model", str(model)])
    assert "in-sample" in result.output
    same_name = tmp_path / "train.jsonl"  # another file of the same name is not
    _jsonl(same_name, labelled(2, start=40))
    result = runner.invoke(app, ["eval", str(same_name), "--model", str(model)])
    assert result.exit_code == 0, result.output
    assert "in-sample" not in result.output


def test_the_model_records_its_training_files_and_profile(trained):
    from mtaudit.detector.model import DetectorModel
    from mtaudit.fileformat import file_sha256
    from mtaudit.profile import default_profile_path, load_profile

    folder, model, _ = trained
    loaded = DetectorModel.load(model)
    training = loaded.training
    assert training["sources"] == [{"file": "train.jsonl", "sha256": file_sha256(folder / "train.jsonl")}]
    assert training["profile"] == load_profile(default_profile_path()).sha256
    assert loaded.signature()["profile_sha256"] == training["profile"][:16]


def test_train_without_backtranslation_ignores_the_models(tmp_path, tiny_marian):
    data = _jsonl(tmp_path / "train.jsonl", labelled(15))
    model = tmp_path / "model.json"
    models = ["--mt-model-fr-en", str(tiny_marian), "--mt-model-en-fr", str(tiny_marian)]
    result = runner.invoke(app, ["train", str(data), "-o", str(model), "--no-backtranslation", *models])
    assert result.exit_code == 0, result.output
    assert "roundtrip" not in result.output and "variant own+fluency:" in result.output


def test_audit_with_another_profile_leaves_the_fluency_features_out(trained, tmp_path, nlp):
    from profile_samples import CORPUS

    from mtaudit.profile import build_profile

    _, model, _ = trained
    corpus = tmp_path / "corpus.txt"
    corpus.write_text("\n".join(CORPUS) + "\n", encoding="utf-8")
    profile = tmp_path / "own.npz"
    build_profile([str(corpus)], profile, nlp)
    text = tmp_path / "doc.txt"
    text.write_text("\n\n".join(t for t, _ in labelled(2, start=50)) + "\n", encoding="utf-8")
    options = ["--detector", str(model), "-f", "jsonl", "--no-backtranslation"]
    result = runner.invoke(app, ["audit", str(text), *options, "--profile", str(profile)])
    assert result.exit_code == 0, result.output
    assert "detector: fluency features left out" in result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert "fluency" in records[0]["signature"]["scorer"]["features_left_out"]
    assert records[0]["fluency"] is not None  # the record still has the profile's own fluency scores
    assert not any(r["feature"].startswith("fluency.") for rec in records for r in rec["reasons"])
    same = runner.invoke(app, ["audit", str(text), *options, "-q"])
    assert "features_left_out" not in json.loads(same.stdout.splitlines()[0])["signature"]["scorer"]


def test_audit_uses_the_given_detector(trained, tmp_path):
    _, model, _ = trained
    text = tmp_path / "doc.txt"
    text.write_text("\n\n".join(t for t, _ in labelled(2, start=50)) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["audit", str(text), "--detector", str(model), "-f", "jsonl", "-q"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["verdict"] for r in records] == ["machine", "human", "machine", "human"]
    assert records[0]["signature"]["scorer"]["name"] == "detector"
    assert records[0]["reasons"] and {"feature", "value", "contribution", "explanation"} == set(
        records[0]["reasons"][0]
    )


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('{"text": "Bonjour.", "label": "robot"}', "bad.jsonl:1: 'label' must be 'machine' or 'human'"),
        ("{not json", "bad.jsonl:1: not valid JSON"),
    ],
)
def test_bad_labelled_file_is_one_line_error(tmp_path, line, message):
    bad = tmp_path / "bad.jsonl"
    bad.write_text(line + "\n", encoding="utf-8")
    result = runner.invoke(app, ["train", str(bad), "-o", str(tmp_path / "m.json")])
    assert result.exit_code == 1
    assert message in result.output and "Traceback" not in result.output


def test_unknown_model_file_is_one_line_error(tmp_path):
    data = _jsonl(tmp_path / "d.jsonl", labelled(1))
    result = runner.invoke(app, ["eval", str(data), "--model", str(tmp_path / "nope.json")])
    assert result.exit_code == 1
    assert "nope.json: no such detector model" in result.output


def test_detector_none_scores_by_anomalies(tmp_path):
    text = tmp_path / "doc.txt"
    text.write_text(labelled(1)[0][0] + "\n", encoding="utf-8")
    result = runner.invoke(app, ["audit", str(text), "--detector", "none", "-f", "jsonl", "-q"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["signature"]["scorer"]["name"] == "evidence-noisy-or"


def test_train_balances_systems_within_test_sets(tmp_path):
    """Two test sets, a big and a small system: --balance-by system trains and records the balancing."""
    records = []
    for k, (text, label) in enumerate(labelled(16)):
        testset = "t1" if k < 16 else "t2"
        system = "human" if label == "human" else ("big" if k % 4 else "small")
        records.append({"text": text, "label": label, "testset": testset, "system": system})
    data = tmp_path / "train.jsonl"
    data.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    model = tmp_path / "model.json.gz"
    result = runner.invoke(
        app,
        [
            "train",
            str(data),
            "-o",
            str(model),
            "--group-by",
            "testset",
            "--balance-by",
            "system",
            "--no-fluency",
        ],
    )
    assert result.exit_code == 0, result.output
    from mtaudit.detector.model import DetectorModel

    trained = DetectorModel.load(model)
    assert trained.training["balanced_by"] == "system"
    assert [v.name for v in trained.variants] == ["own", "filter"] and trained.training["profile"] is None
    result = runner.invoke(app, ["train", str(data), "-o", str(model), "--balance-by", "system"])
    assert result.exit_code != 0
    assert "--balance-by needs --group-by" in result.output


def test_eval_by_system_measures_each_system_against_the_human_paragraphs(trained):
    folder, model, _ = trained
    records = [
        {"text": t, "label": y, "system": "human" if y == "human" else f"sys-{k % 2}"}
        for k, (t, y) in enumerate(labelled(4, start=50))
    ]
    data = folder / "systems.jsonl"
    data.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    result = runner.invoke(
        app, ["eval", str(data), "--model", str(model), "--by", "system"], terminal_width=200
    )
    assert result.exit_code == 0, result.output
    assert "machine→machine" in result.output and "human→human" in result.output
    rows = {
        line.split()[1]: line for line in result.output.splitlines() if "sys-" in line or "│ human" in line
    }
    assert "sys-0" in rows and "*" in rows["sys-0"]  # a machine-only group, measured against the references
