"""No confident verdict on a fragment, reasons in plain words, a table that fits 80 columns, plain help.

Items: paragraphs too short to judge and headings get ``uncertain`` with the reason "too short" and do not
sway the document verdict; every reason carries a plain-language ``explanation``; the terminal table keeps
id, anomalies and the top reason at 80 columns; help shows no Python types and options mean the same in
every command.
"""

from __future__ import annotations

import io
import json
import re
from collections import Counter

import jsonschema
import pytest
from rich.console import Console

from mtaudit.cli import app
from mtaudit.explanations import explain
from mtaudit.records import TOO_SHORT, Anomaly, ParagraphReport, Reason, report_schema
from mtaudit.reporting.summary import SHORT, Summary, document_verdict
from mtaudit.reporting.table import TableWriter
from mtaudit.verdicts import MIN_VERDICT_WORDS, judge_length, word_count

CAPTION = "Ville de Francfort-sur-le-Main (Allemagne)."
NATIVE = [
    "À Rennes, le marché des Lices a rouvert samedi matin sous un soleil timide, au grand plaisir des habitués.",
    "Les élèves du collège ont présenté leur spectacle de fin d'année devant des parents émus et fiers d'eux.",
]


def test_short_paragraphs_and_headings_are_uncertain_with_the_reason_too_short():
    strong = [Reason("punct.hyphen", 0.43, 2.88)]
    verdict, reasons = judge_length(CAPTION, False, "machine", strong)
    assert verdict == "uncertain"
    assert reasons[0].feature == TOO_SHORT and reasons[0].explanation.startswith("too short to judge")
    assert reasons[1:] == strong
    verdict, reasons = judge_length(NATIVE[0], True, "human", [])
    assert verdict == "uncertain" and "a heading" in reasons[0].explanation
    assert judge_length(NATIVE[0], False, "human", strong) == ("human", strong)
    leak = Anomaly("english", 0, 4, "Ville", "untranslated English", "major")
    assert judge_length(CAPTION, False, "machine", strong, [leak]) == ("machine", strong)
    minor = Anomaly("typography", 0, 4, "Ville", "straight quotes", "minor")
    assert judge_length(CAPTION, False, "machine", strong, [minor])[0] == "uncertain"
    assert word_count(" ".join(["mot"] * (MIN_VERDICT_WORDS - 1)) + " — !") == MIN_VERDICT_WORDS - 1


def test_too_short_paragraphs_do_not_sway_the_document_verdict():
    counts = Counter({"human": 3, "uncertain": 2, SHORT: 2})
    assert document_verdict(counts) == "human"
    assert document_verdict(Counter({"uncertain": 2, SHORT: 2})) == "uncertain"
    summary = Summary()
    # the caption's high probability is no evidence: only the two judged paragraphs are pooled
    for text, probability, verdict, reasons in [
        (CAPTION, 0.99, "uncertain", [Reason(TOO_SHORT, 4, 0)]),
        (NATIVE[0], 0.05, "human", []),
        (NATIVE[1], 0.05, "human", []),
    ]:
        summary.add(ParagraphReport("doc", 0, "doc:0", text, None, probability, verdict, reasons))
    assert summary.lines() == [
        "doc: 3 paragraphs: machine 0 (0%), human 2 (67%), uncertain 1 (33%) (1 too short to judge); "
        "pooled mt_probability 0.00; verdict: human"
    ]


def test_a_caption_and_an_html_heading_get_no_confident_verdict(runner, tmp_path):
    page = tmp_path / "page.html"
    page.write_text(
        f"<h1>Un titre assez long pour dépasser seize mots mais qui reste bien un titre de la page du jour</h1>"
        f"<p>{NATIVE[0]}</p><figcaption>{CAPTION}</figcaption><p>{NATIVE[1]}</p>",
        encoding="utf-8",
    )
    args = ["audit", str(page), "-f", "jsonl", "-q", "--no-backtranslation", "--all-elements"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["kind"] for r in records] == ["heading", "paragraph", "caption", "paragraph"]
    assert [r["verdict"] for r in records][0::2] == ["uncertain", "uncertain"]
    assert [r["reasons"][0]["feature"] for r in records][0::2] == [TOO_SHORT, TOO_SHORT]
    assert "a heading" in records[0]["reasons"][0]["explanation"]
    for record in records:
        jsonschema.validate(record, report_schema())
        assert all(reason["explanation"] for reason in record["reasons"])
    markdown = tmp_path / "page.md"
    markdown.write_text(f"# Un titre de page\n\n{NATIVE[0]}\n", encoding="utf-8")
    result = runner.invoke(app, ["audit", str(markdown), "-f", "jsonl", "-q", "--no-backtranslation"])
    first = json.loads(result.stdout.splitlines()[0])
    assert (first["kind"], first["verdict"], first["reasons"][0]["feature"]) == (
        "heading",
        "uncertain",
        TOO_SHORT,
    )


def test_every_detector_feature_has_plain_words():
    from mtaudit.detector.model import TEXT_MODELS
    from mtaudit.detector.scorer import load_model

    names = {name for variant in load_model().variants for name in variant.dense.names} | set(TEXT_MODELS)
    for name in sorted(names):
        for contribution, above in ((1.0, True), (-1.0, False), (0.5, None)):
            words = explain(name, contribution, above)
            assert name not in words and "_" not in words, (name, words)
            assert re.search(
                r"machine translation|human writing|anomal|calque|English|error|slip|passage|script|text|units|typography",
                words,
            ), (name, words)
    assert explain("ngram.lexical", 2.0) == "word sequences typical of machine translation"
    assert explain("style.sentence_cv", 0.8, above_average=False).startswith(
        "unusually uniform sentence lengths"
    )
    assert explain("punct.hyphen", 2.88, True) == "frequent use of hyphens, more like machine translation"


def test_saved_records_without_explanations_get_them():
    reason = ParagraphReport.from_dict(
        {
            **ParagraphReport("d", 0, "d:0", "x", None, 0.5, "uncertain").to_dict(),
            "reasons": [{"feature": "lm.words", "value": 1.0, "contribution": -0.7}],
        }
    ).reasons[0]
    assert reason.explanation == "word choices typical of human writing"


def test_the_table_keeps_id_anomalies_and_the_top_reason_at_80_columns():
    from mtaudit.records import Anomaly

    buffer = io.StringIO()
    writer = TableWriter(Console(file=buffer, width=80, force_terminal=False, color_system=None))
    text = "Porte-parole Paul Martin a déclaré que la rencontre va prendre place la semaine prochaine à Lyon."
    anomaly = Anomaly("calque", 56, 69, "prendre place", "calque of 'take place'", "major")
    writer.write(
        ParagraphReport(
            "article.txt", 0, "article.txt:0", text, 1, 0.97, "machine",
            [Reason("ngram.lexical", 2.1, 1.9)], [anomaly],
        )
    )  # fmt: skip
    writer.close()
    lines = buffer.getvalue().splitlines()
    assert all(len(line) <= 80 for line in lines)
    header = next(line for line in lines if "verdict" in line)
    for column in ("id", "verdict", "anomalies", "why"):
        assert column in header
    body = buffer.getvalue()
    assert (
        "article.txt:0" in body.replace("\n", "").replace("│", "").replace(" ", "") or "article.txt" in body
    )
    assert "calque" in body and "word sequences" in body


@pytest.mark.parametrize("command", ["audit", "backtranslate", "report", "train", "eval", "profile build"])
def test_help_has_plain_words_and_no_python_types(runner, command):
    result = runner.invoke(app, [*command.split(), "--help"], terminal_width=120)
    assert result.exit_code == 0
    for noise in ("<bool>", "<list[str]>", "<str>", "<int", "<path>", "{paths}"):
        assert noise not in result.stdout, noise


def test_options_mean_the_same_in_every_command(runner):
    backtranslate = runner.invoke(app, ["backtranslate", "--help"], terminal_width=200).stdout
    assert "Files to audit" not in backtranslate and "to back-translate" in backtranslate
    assert "--mt-batch-size" in backtranslate and "--batch-size " not in backtranslate
    for command in ("audit", "train", "eval"):
        text = runner.invoke(app, [command, "--help"], terminal_width=200).stdout
        line = next(line for line in text.splitlines() if "--batch-size " in line)
        assert "Paragraphs" in line, command
