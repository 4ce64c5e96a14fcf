"""`mtaudit profile build` and the audit's `--profile` through typer's CliRunner."""

from __future__ import annotations

import json

import jsonschema
import pytest
from profile_samples import CORPUS, FLUENT

from mtaudit.cli import app
from mtaudit.records import report_schema


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli") / "native.txt"
    path.write_text("\n".join(CORPUS) + "\n", encoding="utf-8")
    return path


def test_profile_build_writes_a_profile_and_a_summary(runner, corpus, tmp_path):
    output = tmp_path / "mine.npz"
    result = runner.invoke(app, ["profile", "build", str(corpus), "-o", str(output)])
    assert result.exit_code == 0, result.output
    assert output.stat().st_size > 1000
    assert f"profile written to {output}" in result.stderr
    assert "read 1 files: 12 lines or paragraphs" in result.stderr
    assert "small corpus (24 sentences)" in result.stderr
    assert result.stdout == ""


def test_audit_with_profile_fills_fluency(runner, corpus, tmp_path):
    profile = tmp_path / "mine.npz"
    assert runner.invoke(app, ["profile", "build", str(corpus), "-o", str(profile), "--quiet"]).exit_code == 0
    page = tmp_path / "page.txt"
    page.write_text(FLUENT + "\n", encoding="utf-8")
    result = runner.invoke(
        app, ["audit", str(page), "--format", "jsonl", "--quiet", "--profile", str(profile)]
    )
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout.splitlines()[0])
    jsonschema.validate(record, report_schema())
    assert set(record["fluency"]) == {
        "perplexity",
        "deviation",
        "percentile",
        "z_scores",
        "least_fluent_sentence",
    }
    assert record["fluency"]["least_fluent_sentence"]["text"] in FLUENT
    assert record["signature"]["fluency"]["profile"] == "mine.npz"


@pytest.mark.parametrize(
    "arguments, message",
    [
        (["profile", "build", "missing.txt", "-o", "out.npz"], "missing.txt: no such file or folder"),
        (
            ["audit", "page.txt", "--no-backtranslation", "--profile", "bad.npz"],
            "bad.npz: not an mtaudit profile",
        ),
        (
            ["profile", "build", "page.txt", "-o", "out.npz", "--fluency-model", "no-such-model"],
            "cannot be loaded",
        ),
        (
            ["profile", "build", "page.txt", "-o", "out.npz", "--weights", "bad.npz"],
            "bad.npz: not an mtaudit fluency weights file",
        ),
    ],
)
def test_errors_are_one_line(runner, tmp_path, monkeypatch, arguments, message):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "page.txt").write_text(FLUENT + "\n", encoding="utf-8")
    (tmp_path / "bad.npz").write_text("not a profile", encoding="utf-8")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    result = runner.invoke(app, arguments)
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0] and lines[0].startswith("mtaudit: error:"), lines
    assert not (tmp_path / "out.npz").exists()
