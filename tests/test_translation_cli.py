"""Back-translation through the CLI: audit records, the backtranslate command, offline degradation."""

from __future__ import annotations

import json

import jsonschema
import pytest

from mtaudit.cli import app
from mtaudit.records import report_schema

FIRST = "Le conseil municipal a voté le budget. Il pleut depuis ce matin sur la ville."
SECOND = "Nous avons mangé une tarte aux pommes avec nos voisins, puis nous sommes allés au marché."
MISSING = "nobody/no-such-opus-mt"


@pytest.fixture()
def sample(tmp_path):
    path = tmp_path / "page.txt"
    path.write_text(f"{FIRST}\n\n{SECOND}\n", encoding="utf-8")
    return path


@pytest.fixture()
def models(tiny_marian) -> list[str]:
    return ["--mt-model-fr-en", str(tiny_marian), "--mt-model-en-fr", str(tiny_marian)]


def records(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.startswith("{")]


def test_audit_fills_backtranslation_and_roundtrip_and_a_rerun_is_identical(runner, sample, models, tmp_path):
    cache = ["--cache", str(tmp_path / "cache.sqlite3")]
    first = runner.invoke(app, ["audit", str(sample), "-f", "jsonl", "-q", *models, *cache])
    assert first.exit_code == 0, first.output
    found = records(first.stdout)
    assert len(found) == 2
    for record in found:
        jsonschema.validate(record, report_schema())
        assert record["backtranslation"]
        assert set(record["roundtrip"]) == {"text", "chrf", "bleu", "ter", "signature"}
        assert 0 <= record["roundtrip"]["chrf"] <= 100
    signature = found[0]["signature"]["backtranslation"]
    assert signature["status"] == "ok" and signature["fr_en"]["origin"] == "folder"
    assert signature["roundtrip"]["status"] == "ok" and signature["roundtrip"]["direction"] == "en-fr"

    second = runner.invoke(app, ["audit", str(sample), "-f", "jsonl", "-q", *models, *cache])
    assert records(second.stdout) == found


def test_no_roundtrip_and_no_backtranslation(runner, sample, models):
    result = runner.invoke(
        app, ["audit", str(sample), "-f", "jsonl", "-q", "--no-cache", "--no-roundtrip", *models]
    )
    assert result.exit_code == 0, result.output
    found = records(result.stdout)
    assert all(r["backtranslation"] and r["roundtrip"] is None for r in found)
    assert found[0]["signature"]["backtranslation"]["roundtrip"] == {"status": "disabled"}

    result = runner.invoke(app, ["audit", str(sample), "-f", "jsonl", "-q", "--no-backtranslation", *models])
    found = records(result.stdout)
    assert all(r["backtranslation"] is None and r["roundtrip"] is None for r in found)
    assert found[0]["signature"]["backtranslation"] == {"status": "disabled"}


def test_an_unavailable_model_warns_once_and_the_audit_completes(runner, sample):
    result = runner.invoke(app, ["audit", str(sample), "-f", "jsonl", "--mt-model-fr-en", MISSING])
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stderr.splitlines() if "warning" in line]
    assert len(warnings) == 1
    assert MISSING in warnings[0] and "--mt-model-fr-en" in warnings[0] and "HF_HUB_OFFLINE" in warnings[0]
    found = records(result.stdout)
    assert len(found) == 2
    assert all(r["backtranslation"] is None and r["roundtrip"] is None for r in found)
    signature = found[0]["signature"]["backtranslation"]
    assert signature["status"] == "unavailable" and signature["model"] == MISSING


def test_an_unavailable_roundtrip_model_keeps_the_backtranslation(runner, sample, tiny_marian):
    options = ["--mt-model-fr-en", str(tiny_marian), "--mt-model-en-fr", MISSING, "--no-cache"]
    result = runner.invoke(app, ["audit", str(sample), "-f", "jsonl", *options])
    assert result.exit_code == 0, result.output
    assert result.stderr.count("warning") == 1 and "round trip skipped" in result.stderr
    found = records(result.stdout)
    assert all(r["backtranslation"] and r["roundtrip"] is None for r in found)
    assert found[0]["signature"]["backtranslation"]["roundtrip"]["status"] == "unavailable"


@pytest.mark.parametrize("option", ["--mt-model-fr-en", "--mt-model-en-fr"])
def test_require_backtranslation_turns_it_into_an_error(runner, sample, tiny_marian, option):
    models = {"--mt-model-fr-en": str(tiny_marian), "--mt-model-en-fr": str(tiny_marian), option: MISSING}
    arguments = [item for pair in models.items() for item in pair]
    result = runner.invoke(app, ["audit", str(sample), "--require-backtranslation", "--no-cache", *arguments])
    assert result.exit_code == 1
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("mtaudit: error: MarianMT model " + MISSING)
    assert option in lines[0] and "Traceback" not in result.output


def test_backtranslate_side_by_side_and_jsonl(runner, sample, tiny_marian, tmp_path):
    cache = ["--cache", str(tmp_path / "cache.sqlite3")]
    model = ["--mt-model-fr-en", str(tiny_marian)]
    result = runner.invoke(app, ["backtranslate", str(sample), *model, *cache])
    assert result.exit_code == 0, result.output
    assert "French" in result.stdout and "English" in result.stdout and "conseil municipal" in result.stdout
    assert "2 paragraphs back-translated: 3 sentences translated, 0 from the cache" in result.stderr

    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["backtranslate", str(sample), *model, *cache, "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "0 sentences translated, 3 from the cache" in result.stderr
    found = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert [r["text"] for r in found] == [FIRST, SECOND]
    assert [s["text"] for s in found[0]["sentences"]] == [
        "Le conseil municipal a voté le budget.",
        "Il pleut depuis ce matin sur la ville.",
    ]
    assert found[0]["backtranslation"] == " ".join(s["translation"] for s in found[0]["sentences"])
    assert found[0]["signature"]["fr_en"]["origin"] == "folder"


def test_backtranslate_without_a_model_is_an_error(runner, sample):
    result = runner.invoke(app, ["backtranslate", str(sample), "--mt-model-fr-en", MISSING])
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and MISSING in result.stderr and "--mt-model-fr-en" in result.stderr


def test_contradictory_options(runner, sample):
    result = runner.invoke(app, ["audit", str(sample), "--no-backtranslation", "--require-backtranslation"])
    assert result.exit_code == 2 and "contradicts" in result.output
    result = runner.invoke(app, ["audit", str(sample), "--no-cache", "--cache", "x.sqlite3"])
    assert result.exit_code == 2 and "contradicts" in result.output
