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


def test_eval_on_the_training_file_says_the_figures_are_in_sample(trained):
    folder, model, _ = trained
    result = runner.invoke(app, ["eval", str(folder / "train.jsonl"), "--model", str(model)])
    assert result.exit_code == 0, result.output
    assert (
        "train.jsonl: a file of this name trained the detector; these figures are in-sample" in result.output
    )
    elsewhere = _jsonl(folder / "other.jsonl", labelled(2, start=40))
    result = runner.invoke(app, ["eval", str(elsewhere), "--model", str(model)])
    assert "in-sample" not in result.output


def test_audit_uses_the_given_detector(trained, tmp_path):
    _, model, _ = trained
    text = tmp_path / "doc.txt"
    text.write_text("\n\n".join(t for t, _ in labelled(2, start=50)) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["audit", str(text), "--detector", str(model), "-f", "jsonl", "-q"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["verdict"] for r in records] == ["machine", "human", "machine", "human"]
    assert records[0]["signature"]["scorer"]["name"] == "detector"
    assert records[0]["reasons"] and {"feature", "value", "contribution"} == set(records[0]["reasons"][0])


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
