"""The audit command end to end through typer's CliRunner (and one real subprocess)."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from mtaudit.cli import app
from mtaudit.records import report_schema

MACHINE = (
    "Porte-parole Paul Martin a déclaré que le gouvernement va détenir des consultations dans un effort pour "
    "calmer les syndicats, Le ministère a confirmé mardi."
)
NATIVE = "À Rennes, le marché des Lices a rouvert samedi matin sous un soleil timide, au grand plaisir des habitués."
ENGLISH = "The city council approved the new budget on Monday after a long debate about public transport."


@pytest.fixture()
def sample(tmp_path):
    path = tmp_path / "page.txt"
    path.write_text(f"{MACHINE}\n\n{NATIVE}\n", encoding="utf-8")
    return path


def records(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.startswith("{")]


def test_jsonl_records_follow_the_schema(runner, sample):
    result = runner.invoke(app, ["audit", str(sample), "--format", "jsonl", "--quiet"])
    assert result.exit_code == 0, result.output
    found = records(result.stdout)
    schema = report_schema()
    for record in found:
        jsonschema.validate(record, schema)
    assert [r["paragraph"] for r in found] == [0, 1]
    assert [r["text"] for r in found] == [MACHINE, NATIVE]
    assert [r["id"] for r in found] == [f"{sample}:0", f"{sample}:1"]
    assert found[0]["mt_probability"] > found[1]["mt_probability"]
    assert found[0]["verdict"] == "machine"
    for anomaly in found[0]["anomalies"]:
        assert MACHINE[anomaly["start"] : anomaly["end"]] == anomaly["text"]
    assert found[0]["signature"]["mtaudit"]
    assert "spacy_model" in found[0]["signature"]


def test_json_csv_and_table_formats(runner, sample, tmp_path):
    out = tmp_path / "out.json"
    assert runner.invoke(app, ["audit", str(sample), "-f", "json", "-o", str(out), "-q"]).exit_code == 0
    assert [r["paragraph"] for r in json.loads(out.read_text("utf-8"))] == [0, 1]

    result = runner.invoke(app, ["audit", str(sample), "-f", "csv", "-q"])
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows[1]["verdict"] != "machine"
    assert float(rows[1]["mt_probability"]) < float(rows[0]["mt_probability"])
    assert rows[0]["text"] == MACHINE and int(rows[0]["major_anomalies"]) >= 2

    result = runner.invoke(app, ["audit", str(sample)])
    assert result.exit_code == 0
    assert "2 paragraphs: machine 1 (50%)" in result.stdout


def test_stdin(runner):
    result = runner.invoke(app, ["audit", "-", "-f", "jsonl", "-q"], input=NATIVE + "\n")
    assert result.exit_code == 0
    assert [r["document"] for r in records(result.stdout)] == ["-"]


def test_one_bad_file_does_not_stop_the_others(runner, sample, tmp_path):
    english = tmp_path / "english.txt"
    english.write_text(ENGLISH, encoding="utf-8")
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x00\x01\x02binary")
    result = runner.invoke(
        app, ["audit", str(tmp_path / "absent.txt"), str(binary), str(sample), str(english), "-f", "jsonl"]
    )
    assert result.exit_code == 3
    assert len(records(result.stdout)) == 2
    errors = [line for line in result.stderr.splitlines() if "error" in line]
    assert errors == [
        f"mtaudit: error: {tmp_path / 'absent.txt'}: no such file",
        f"mtaudit: error: {binary}: binary file, not UTF-8 text",
        f"mtaudit: error: {english}: not French text (detected english); mtaudit audits French",
    ]
    assert "Traceback" not in result.output


def test_nothing_auditable_exits_non_zero_without_traceback(runner, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    result = runner.invoke(app, ["audit", str(empty), str(tmp_path)])
    assert result.exit_code == 1
    assert f"{empty}: empty file" in result.stderr
    assert f"{tmp_path}: is a directory" in result.stderr
    assert "Traceback" not in result.output


def test_unknown_analyzer_is_a_usage_error(runner, sample):
    result = runner.invoke(app, ["audit", str(sample), "--analyzers", "english,spelling"])
    assert result.exit_code == 2
    assert "unknown analyzer spelling" in result.output


def test_interrupted_run_keeps_written_records(runner, sample, tmp_path, interrupt_after_first_record):
    out = tmp_path / "out.json"
    result = runner.invoke(app, ["audit", str(sample), "-f", "json", "-o", str(out)])
    assert result.exit_code == 130
    assert "interrupted; the 1 records written" in result.stderr
    assert [r["paragraph"] for r in json.loads(out.read_text("utf-8"))] == [0]


def test_unwritable_output(runner, sample, tmp_path):
    result = runner.invoke(app, ["audit", str(sample), "-o", str(tmp_path / "missing" / "out.jsonl")])
    assert result.exit_code == 2
    assert "cannot write" in result.stderr


def test_python_dash_m_entry_point():
    result = subprocess.run([sys.executable, "-m", "mtaudit", "--version"], capture_output=True, text=True)
    assert result.returncode == 0
    assert result.stdout.startswith("mtaudit ")


def test_the_command_line_loads_no_model_library_before_a_command_needs_it():
    """`mtaudit --help` and `--version` stay quick, torch loads after the CLI set OMP_WAIT_POLICY, and the
    HTTP client only for web pages."""
    code = "import sys, mtaudit.cli; print(sorted(m for m in ('spacy', 'torch', 'transformers', 'httpx') if m in sys.modules))"
    shown = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert shown.stdout.strip() == "[]"


@pytest.mark.parametrize(("entry", "frozen"), [("program()", True), ("app(prog_name='mtaudit')", False)])
def test_the_mtaudit_program_leaves_its_objects_out_of_the_last_collections(entry, frozen):
    """The program freezes its objects in its last exit handler (Python's collections at exit would walk
    them all for nothing); the typer app, as a host program runs it, leaves garbage collection alone."""
    code = (
        "import atexit, gc, sys; "
        "atexit.register(lambda: print('frozen', gc.get_freeze_count() > 0)); "  # runs after the program's
        "sys.argv = ['mtaudit', '--version']; "
        f"from mtaudit.cli import app, program; {entry}"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("mtaudit ")
    assert result.stdout.splitlines()[-1] == f"frozen {frozen}"


def test_the_console_script_is_the_program():
    pyproject = (Path(__file__).resolve().parents[1] / "pyproject.toml").read_text("utf-8")
    assert 'mtaudit = "mtaudit.cli:program"' in pyproject


def test_importing_mtaudit_leaves_the_host_programs_openmp_setting_alone():
    code = (
        "import os, mtaudit, mtaudit.cli, mtaudit.pipeline, mtaudit.assembly, mtaudit.translation.stage; "
        "print(os.environ.get('OMP_WAIT_POLICY'))"
    )
    env = {k: v for k, v in os.environ.items() if k != "OMP_WAIT_POLICY"}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "None"


def test_the_mtaudit_program_sets_passive_openmp_waiting(runner, monkeypatch, tmp_path):
    monkeypatch.delenv("OMP_WAIT_POLICY", raising=False)
    runner.invoke(app, ["report", str(tmp_path / "missing.jsonl")])
    assert os.environ.get("OMP_WAIT_POLICY") == "PASSIVE"
