"""`mtaudit audit URL…`, `--sitemap` and `--crawl` end to end against a real local server, and the
per-site report of a 200-page crawl."""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path

import jsonschema
import pytest
from bs4 import BeautifulSoup

from mtaudit.cli import app
from mtaudit.records import report_schema
from tests.french_site import paragraph, serve_site
from tests.local_site import LocalSite, Route
from tests.test_web_extract import ARTICLE, CORPUS_PAGE

pytestmark = pytest.mark.slow
FAST = ["--delay", "0", "--retries", "0", "--timeout", "3"]  # the slow page answers after 8 s
# Sites: the server shares the process (and the GIL) with the audit, so answers may lag on a loaded machine.
SITE = ["--delay", "0", "--retries", "1", "--timeout", "30"]


def records(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.startswith("{")]


def errors(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("mtaudit: error:")]


@pytest.fixture()
def server():
    site = LocalSite(
        {
            "/robots.txt": Route("User-agent: *\nDisallow: /prive/\n", content_type="text/plain"),
            "/article": Route(CORPUS_PAGE.read_text("utf-8")),
            "/ancien-article": Route(status=301, headers={"Location": "/article"}),
            "/lente": Route(CORPUS_PAGE.read_text("utf-8"), delay=8),
            "/erreur": Route("panne", status=500),
            "/rapport.pdf": Route(b"%PDF-1.4", content_type="application/pdf"),
            "/enorme": Route("<p>" + "mot " * 100_000 + "</p>"),
            "/boucle": Route(status=302, headers={"Location": "/boucle"}),
            "/prive/page": Route(CORPUS_PAGE.read_text("utf-8")),
        }
    )
    yield site
    site.close()


def test_urls_and_files_with_every_failure(runner, server, tmp_path):
    text = tmp_path / "note.txt"
    text.write_text(paragraph(5) + "\n", encoding="utf-8")
    failing = ["/absente", "/erreur", "/lente", "/rapport.pdf", "/enorme", "/boucle", "/prive/page"]
    inputs = [server.url("/ancien-article"), *map(server.url, failing), str(text)]
    result = runner.invoke(app, ["audit", *inputs, "-f", "jsonl", "--max-bytes", "100000", *FAST])
    assert result.exit_code == 3, result.output
    assert "Traceback" not in result.output
    found = records(result.stdout)
    for record in found:
        jsonschema.validate(record, report_schema())
    page = [r for r in found if r["document"] == server.url("/ancien-article")]
    assert [(r["kind"], r["text"]) for r in page] == ARTICLE
    assert {r["url"] for r in page} == {server.url("/article")}
    assert page[0]["title"].startswith("La passerelle") and page[0]["author"] == "Hélène Le Goff"
    assert page[0]["date"] == "2025-05-17" and page[0]["language"] == "fr"
    assert [r["position"] for r in page] == [0, 1, 3, 4, 5, 6, 7, 8]
    signature = page[0]["signature"]
    assert signature["html"] == {"extractor": signature["html"]["extractor"], "captions": False}
    assert signature["html"]["extractor"].startswith("trafilatura ")
    assert signature["web"]["robots_txt"] is True and signature["web"]["max_bytes"] == 100_000
    note = [r for r in found if r["document"] == str(text)]
    assert [(r["kind"], r["url"], r["title"]) for r in note] == [("paragraph", None, None)]
    assert errors(result.stderr) == [
        f"mtaudit: error: {server.url('/absente')}: HTTP 404 Not Found",
        f"mtaudit: error: {server.url('/erreur')}: HTTP 500 Internal Server Error",
        f"mtaudit: error: {server.url('/lente')}: no answer within 3 s (see --timeout)",
        f"mtaudit: error: {server.url('/rapport.pdf')}: not an HTML page (application/pdf)",
        f"mtaudit: error: {server.url('/enorme')}: larger than the 100,000-byte limit (400,007 bytes; see --max-bytes)",
        f"mtaudit: error: {server.url('/boucle')}: redirect loop ({server.url('/boucle')} -> {server.url('/boucle')})",
        f"mtaudit: error: {server.url('/prive/page')}: disallowed by the site's robots.txt "
        "(see --ignore-robots for your own site)",
    ]


def test_nothing_fetched_exits_1(runner, server):
    result = runner.invoke(app, ["audit", server.url("/absente"), *FAST])
    assert result.exit_code == 1
    assert errors(result.stderr) == [f"mtaudit: error: {server.url('/absente')}: HTTP 404 Not Found"]


def test_ignore_robots_and_captions(runner, server):
    result = runner.invoke(
        app, ["audit", server.url("/prive/page"), "--ignore-robots", "--captions", "-f", "jsonl", "-q", *FAST]
    )
    assert result.exit_code == 0, result.output
    kinds = [r["kind"] for r in records(result.stdout)]
    assert kinds.count("caption") == 1 and len(kinds) == len(ARTICLE) + 1


def test_sitemap_and_crawl_options(runner, tmp_path):
    site = serve_site(12)
    try:
        result = runner.invoke(
            app,
            ["audit", "--sitemap", site.url("/sitemap-index.xml"), "--max-pages", "4", "-f", "jsonl", *SITE],
        )
        assert result.exit_code == 0, result.output
        assert sorted({r["document"] for r in records(result.stdout)}) == [
            site.url(f"/page/{i}") for i in range(4)
        ]
        assert result.stderr.count("mtaudit: fetching ") == 4  # progress off a terminal: a line per page
        site.requests.clear()
        out = tmp_path / "site.jsonl"
        result = runner.invoke(
            app,
            [
                "audit",
                "--crawl",
                site.url("/"),
                "--same-host",
                "--max-pages",
                "50",
                "-f",
                "jsonl",
                "-o",
                str(out),
                *SITE,
            ],
        )
        assert result.exit_code == 0, result.output
    finally:
        site.close()
    found = [json.loads(line) for line in Path(out).read_text("utf-8").splitlines()]
    assert len({r["url"] for r in found}) == 12 and len(found) == 12 * 3
    assert all(count == 1 for count in site.requests.values()), site.requests


def test_a_200_page_site_is_audited_with_every_page_fetched_once(runner, tmp_path):
    site = serve_site(200)
    out = tmp_path / "site.jsonl"
    try:
        result = runner.invoke(
            app,
            [
                "audit",
                "--crawl",
                site.url("/"),
                "--max-pages",
                "200",
                "-f",
                "jsonl",
                "-o",
                str(out),
                "-q",
                *SITE,
            ],
        )
    finally:
        site.close()
    assert result.exit_code == 0, result.output
    found = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    pages = {r["url"] for r in found}
    assert pages == {site.url(f"/page/{i}") for i in range(200)}
    assert len(found) == 600  # a heading and two paragraphs a page: the navigation and footer stay out
    assert max(site.requests.values()) == 1  # every URL fetched once (robots.txt included)
    assert sum(path.startswith("/page/") and "?" not in path for path in site.requests) == 200
    report = tmp_path / "site.html"
    assert runner.invoke(app, ["report", str(out), "-o", str(report)]).exit_code == 0
    soup = BeautifulSoup(report.read_text("utf-8"), "html.parser")
    ranked = soup.select("table.pages tbody tr")
    assert [row.td.get_text() for row in ranked] == [str(rank) for rank in range(1, 201)]
    shares = [float(row.select("td")[4].get_text().rstrip("%")) for row in ranked]
    assert shares == sorted(shares, reverse=True)
    index = json.loads(soup.select_one("#report-index").string)  # the script draws rows and headers from it
    assert len(index["pages"]) == 200 and index["total"] == 600


def test_interrupted_crawl_keeps_the_records_and_stops_fetching(
    runner, tmp_path, interrupt_after_first_record
):
    site = serve_site(30)
    out = tmp_path / "site.jsonl"
    try:
        result = runner.invoke(
            app, ["audit", "--crawl", site.url("/page/0"), "-f", "jsonl", "-o", str(out), "-q", *SITE]
        )
        time.sleep(0.5)
        fetched = sum(site.requests.values())
    finally:
        site.close()
    assert result.exit_code == 130
    assert len(out.read_text("utf-8").splitlines()) == 1
    assert fetched < 30  # the reading thread stopped with the audit
    assert not any(
        thread.name == "mtaudit-prefetch" and thread.is_alive() for thread in threading.enumerate()
    )
