"""The per-site HTML report: paragraphs grouped by page, each page's verdict and machine share, and the
pages ranked for review."""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from mtaudit.records import ParagraphReport
from mtaudit.reporting.html import render_html
from mtaudit.reporting.pages import page_reviews, review_order
from mtaudit.reporting.writers import CsvWriter

ROOT = "https://journal.invalid"


def record(page: int, n: int, verdict: str, probability: float, kind: str = "paragraph") -> ParagraphReport:
    return ParagraphReport(
        document=f"{ROOT}/article/{page}",
        paragraph=n,
        id=f"{ROOT}/article/{page}:{n}",
        text=f"Le marché de la place numéro {page} rouvre samedi, paragraphe {n}.",
        line=None,
        mt_probability=probability,
        verdict=verdict,
        kind=kind,
        position=n,
        url=f"{ROOT}/article/{page}",
        title=f"Article {page}",
        language="fr",
    )


def site_reports() -> list[ParagraphReport]:
    """Three pages: 0 all human; 1 one machine paragraph of three; 2 two machine of two."""
    return [
        record(0, 0, "human", 0.1, "heading"),
        record(0, 1, "human", 0.2),
        record(1, 0, "human", 0.2, "heading"),
        record(1, 1, "machine", 0.95),
        record(1, 2, "uncertain", 0.5),
        record(2, 0, "machine", 0.9),
        record(2, 1, "machine", 0.8),
    ]


def test_page_reviews_rank_pages_for_review():
    pages = page_reviews(site_reports())
    assert [(p.title, p.paragraphs, p.machine, p.verdict) for p in pages] == [
        ("Article 0", 2, 0, "human"),
        ("Article 1", 3, 1, "mixed"),
        ("Article 2", 2, 2, "machine"),
    ]
    assert [round(p.machine_share, 2) for p in pages] == [0.0, 0.33, 1.0]
    assert [p.title for p in review_order(pages)] == ["Article 2", "Article 1", "Article 0"]
    assert [p.first_record for p in pages] == [0, 2, 5]


def test_report_groups_paragraphs_by_page_and_ranks_the_pages():
    soup = BeautifulSoup(render_html(site_reports()), "html.parser")
    ranked = [
        [cell.get_text(" ", strip=True) for cell in row.find_all("td")]
        for row in soup.select("table.pages tbody tr")
    ]
    assert [row[0] for row in ranked] == ["1", "2", "3"]
    assert [row[1] for row in ranked] == [f"Article {i} {ROOT}/article/{i}" for i in (2, 1, 0)]
    assert [(row[4], row[6]) for row in ranked] == [("100%", "machine"), ("33%", "mixed"), ("0%", "human")]
    links = [a["href"] for a in soup.select("table.pages a")]
    assert links == ["#g5", "#g2", "#g0"]
    index = json.loads(soup.select_one("#report-index").string)  # the script draws the headers from it
    assert [review[6] for review in index["pages"]] == [0, 2, 5]
    assert index["pages"][1] == ["Article 1", "mixed", 1 / 3, 3, 2, f"{ROOT}/article/1", 2]
    rows = [json.loads(line) for line in soup.select_one("#report-records").string.splitlines()]
    assert [row["d"] for row in rows] == [0, 0, 1, 1, 1, 2, 2]
    assert rows[0]["w"] == "heading"


def test_a_single_document_report_has_no_page_sections():
    soup = BeautifulSoup(render_html(site_reports()[:2]), "html.parser")
    assert (
        soup.select("table.pages") == []
        and json.loads(soup.select_one("#report-index").string)["pages"] == []
    )


def test_page_headers_follow_filters_and_sorting_in_a_browser(tmp_path):
    pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
    from browser import CHROMIUM, chromium

    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)")
    report = tmp_path / "site.html"
    report.write_text(render_html(site_reports()), encoding="utf-8")
    headers = "els => els.filter(e => e.offsetParent !== null).map(e => e.dataset.g)"
    with chromium(width=1280, height=900) as context:
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(report.resolve().as_uri())
        assert page.eval_on_selector_all("#rows > header.group", headers) == ["0", "2", "5"]
        header = page.eval_on_selector("#g2", "e => Array.from(e.children).map(c => c.textContent).join(' ')")
        assert header == f"Article 1 mixed machine 33% of 3 paragraphs · review rank 2 {ROOT}/article/1"
        assert "heading" in page.inner_text("#r0 .loc")
        page.uncheck("input[name=verdict][value=human]")
        assert page.eval_on_selector_all("#rows > header.group", headers) == ["2", "5"]  # page 0 is all human
        page.select_option("#f-sort", "prob-desc")
        assert page.eval_on_selector_all("#rows > header.group", headers) == []
        page.select_option("#f-sort", "position")
        order = page.eval_on_selector_all("#rows > *", "els => els.map(e => e.id)")
        assert order == ["g2", "r3", "r4", "g5", "r5", "r6"]  # only what the filters let through is drawn
        page.check("input[name=verdict][value=human]")
        order = page.eval_on_selector_all("#rows > *", "els => els.map(e => e.id)")
        assert order == ["g0", "r0", "r1", "g2", "r2", "r3", "r4", "g5", "r5", "r6"]
        page.click("table.pages a[href='#g5']")
        assert page.evaluate("location.hash") == "#g5"
    assert errors == []


def test_csv_rows_name_their_page_and_element():
    stream = io.StringIO()
    writer = CsvWriter(stream)
    for report in site_reports()[2:4]:
        writer.write(report)
    rows = list(csv.DictReader(io.StringIO(stream.getvalue())))
    assert [(r["kind"], r["url"], r["title"]) for r in rows] == [
        ("heading", f"{ROOT}/article/1", "Article 1"),
        ("paragraph", f"{ROOT}/article/1", "Article 1"),
    ]
