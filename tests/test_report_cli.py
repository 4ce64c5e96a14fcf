"""`mtaudit audit --format html` and `mtaudit report`: the HTML comes from the records alone."""

from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup
from report_samples import sample_reports

from mtaudit.cli import app

MACHINE = (
    "Le porte-parole a dit que la rencontre va prendre place mardi dans un effort pour calmer les syndicats, "
    "a confirmé le Ministère."
)
NATIVE = "À Brest, le marché du dimanche a rouvert sous une pluie fine, au grand soulagement des maraîchers."


@pytest.fixture()
def results(tmp_path):
    path = tmp_path / "results.jsonl"
    path.write_text("".join(r.to_json() + "\n" for r in sample_reports()), encoding="utf-8")
    return path


def article_verdicts(html: str) -> list[str]:
    """The verdict of each paragraph in the report's index (its data block)."""
    index = json.loads(BeautifulSoup(html, "html.parser").select_one("#report-index").string)
    return [{"m": "machine", "h": "human", "u": "uncertain"}[code] for code in index["v"]]


def test_audit_html_equals_report_of_saved_jsonl(runner, tmp_path):
    page = tmp_path / "page.txt"
    page.write_text(f"{MACHINE}\n\n{NATIVE}\n", encoding="utf-8")
    html = tmp_path / "page.html"
    result = runner.invoke(app, ["audit", str(page), "--format", "html", "-o", str(html), "-q"])
    assert result.exit_code == 0, result.output
    saved = tmp_path / "page.jsonl"
    assert runner.invoke(app, ["audit", str(page), "-f", "jsonl", "-o", str(saved), "-q"]).exit_code == 0
    rendered = tmp_path / "again.html"
    assert runner.invoke(app, ["report", str(saved), "-o", str(rendered)]).exit_code == 0
    assert html.read_text("utf-8") == rendered.read_text("utf-8")
    verdicts = article_verdicts(html.read_text("utf-8"))
    assert len(verdicts) == 2 and verdicts[0] == "machine" and verdicts[1] != "machine"


def test_report_writes_to_stdout_without_output(runner, results):
    result = runner.invoke(app, ["report", str(results)])
    assert result.exit_code == 0
    assert result.stdout.startswith("<!DOCTYPE html>")
    assert article_verdicts(result.stdout) == ["machine", "human", "uncertain", "machine"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "{path}: no such file"),
        ("", "{path}: no report record found"),
        ("{line}\n{{oops\n", "{path}:2: not valid JSON"),
        ("{line}\n\n[1, 2]\n", "{path}:3: not a report record: record: [1, 2] is not of type 'object'"),
        (
            '{{"text": "Bonjour."}}\n',
            "{path}:1: not a report record: record: 'document' is a required property",
        ),
        ("{bad_verdict}\n", "{path}:1: not a report record: verdict: 'peut-être' is not one of"),
        ("{extra_key}\n", "{path}:1: not a report record: Anomaly.__init__() got an unexpected keyword"),
    ],
    ids=["missing", "empty", "json", "array", "fields", "verdict", "anomaly"],
)
def test_bad_results_give_one_line_naming_file_and_line(runner, tmp_path, content, message):
    path = tmp_path / "results.jsonl"
    record = sample_reports()[0].to_dict()
    line = json.dumps(record)
    bad_verdict = json.dumps({**record, "verdict": "peut-être"})
    extra_key = json.dumps({**record, "anomalies": [{**record["anomalies"][0], "colour": "red"}]})
    if content is not None:
        path.write_text(
            content.format(line=line, bad_verdict=bad_verdict, extra_key=extra_key), encoding="utf-8"
        )
    result = runner.invoke(app, ["report", str(path), "-o", str(tmp_path / "out.html")])
    assert result.exit_code == 1
    assert result.stderr.startswith("mtaudit: error: " + message.format(path=path))
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.output
    assert not (tmp_path / "out.html").exists()


def test_interrupted_audit_renders_the_records_collected(runner, tmp_path, interrupt_after_first_record):
    page = tmp_path / "page.txt"
    page.write_text(f"{MACHINE}\n\n{NATIVE}\n", encoding="utf-8")
    out = tmp_path / "partial.html"
    result = runner.invoke(app, ["audit", str(page), "-f", "html", "-o", str(out)])
    assert result.exit_code == 130
    assert "interrupted; the 1 records written" in result.stderr
    html = out.read_text("utf-8")
    assert len(article_verdicts(html)) == 1
    assert "Incomplete report" in html and '"complete":false' in html


def test_report_reads_the_json_array_of_format_json(runner, tmp_path):
    saved = tmp_path / "results.json"
    saved.write_text(
        "["
        + ",".join("\n" + json.dumps(r.to_dict(), ensure_ascii=False) for r in sample_reports())
        + "\n]\n",
        encoding="utf-8",
    )
    pretty = tmp_path / "pretty.json"
    pretty.write_text(json.dumps([r.to_dict() for r in sample_reports()], indent=2), encoding="utf-8")
    for path in (saved, pretty):
        result = runner.invoke(app, ["report", str(path), "-o", str(tmp_path / "out.html")])
        assert result.exit_code == 0, result.output
        verdicts = article_verdicts((tmp_path / "out.html").read_text("utf-8"))
        assert verdicts == ["machine", "human", "uncertain", "machine"]


def test_report_ids_and_numbering_agree(runner, results, tmp_path):
    html = runner.invoke(app, ["report", str(results)]).stdout
    assert "Paragraph 1" not in html
    assert "counted from 0" in html
