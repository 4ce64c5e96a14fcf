"""Auditing a local web site: time and peak memory of `mtaudit audit --crawl` and `--sitemap`.

    PYTHONPATH=. python3 benchmarks/bench_site.py [--pages 50 200] [--runs 20]

A local HTTP server (127.0.0.1 only) serves the self-written French site of the tests (tests/french_site.py:
N pages of a heading and two paragraphs inside navigation and a footer, linked as a binary tree, with
query-string duplicates that declare their canonical URL, a robots.txt forbidding a path, a sitemap). For
each size, a fresh process runs the full audit (analyzers, fluency, detector; no back-translation) of the
crawl and of the sitemap to JSONL, then the HTML report; printed: pages audited, the most requests the server
got for one URL (1: each fetched once) and how many query-string duplicates a crawl had to fetch to find
their canonical link, wall time, and the process's peak memory, which should not grow with the site.
Then, in this process: fetching and extraction alone over the crawl, and the extraction of the boilerplate
page `corpora/page-web.html` (median of --runs).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from mtaudit.ingest import DEFAULT_MAX_CHARS
from mtaudit.web.extract import HtmlReading, extract_page
from mtaudit.web.fetch import Fetcher, FetchOptions
from mtaudit.web.sources import WebReader
from tests.french_site import serve_site

ROOT = Path(__file__).resolve().parents[1]
COMMON = ["--same-host", "--delay", "0", "--no-backtranslation", "-q"]


def child(arguments: list[str]) -> None:
    """Run one audit in this process and print its peak memory (MB) as the last line of stdout."""
    from mtaudit.cli import app

    with contextlib.suppress(SystemExit):
        app(arguments, standalone_mode=False)
    print(json.dumps({"peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))


def audit_run(arguments: list[str]) -> tuple[float, float]:
    """(wall seconds, peak MB) of a fresh process auditing with ``arguments``."""
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, __file__, "--child", json.dumps(arguments)],
        capture_output=True,
        text=True,
        check=True,
    )
    elapsed = time.perf_counter() - started
    return elapsed, json.loads(result.stdout.strip().splitlines()[-1])["peak_mb"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, nargs="+", default=[50, 200])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.child:
        child(json.loads(options.child))
        return

    print(
        "| run | pages audited | paragraphs | most requests of one URL (duplicate URLs fetched) | wall time "
        "| pages/s | peak memory |"
    )
    print("|---|---|---|---|---|---|---|")
    for pages in options.pages:
        site = serve_site(pages)
        try:
            with tempfile.TemporaryDirectory() as folder:
                runs = {
                    "crawl": ["--crawl", site.url("/"), "--max-pages", str(pages)],
                    "sitemap": ["--sitemap", site.url("/sitemap.xml")],
                }
                for name, source in runs.items():
                    site.requests.clear()
                    out = Path(folder) / f"{name}.jsonl"
                    elapsed, peak = audit_run(["audit", *source, *COMMON, "-f", "jsonl", "-o", str(out)])
                    records = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
                    audited = len({r["url"] for r in records})
                    most = max(site.requests.values())
                    aliases = sum(path.endswith("?partage=1") for path in site.requests)
                    print(
                        f"| {name}, {pages}-page site | {audited} | {len(records)} | {most} ({aliases}) | "
                        f"{elapsed:.1f} s | {audited / elapsed:.1f} | {peak:.0f} MB |"
                    )
                html = Path(folder) / "site.html"
                elapsed, peak = audit_run(
                    ["audit", "--sitemap", site.url("/sitemap.xml"), *COMMON, "-f", "html", "-o", str(html)]
                )
                print(
                    f"| sitemap to HTML report, {pages}-page site | {pages} | | | {elapsed:.1f} s | "
                    f"{pages / elapsed:.1f} | {peak:.0f} MB |"
                )
            site.requests.clear()
            started = time.perf_counter()
            with Fetcher(FetchOptions(delay=0)) as fetcher:
                reader = WebReader(fetcher, HtmlReading(), DEFAULT_MAX_CHARS, lambda message: None)
                read = [s.read() for s in reader.crawl(site.url("/"), max_pages=pages, same_host=True)]
            elapsed = time.perf_counter() - started
            audited = sum(document is not None for document in read)
            print(
                f"| crawl: fetch and extract only, {pages}-page site | {audited} | | | {elapsed:.1f} s | "
                f"{audited / elapsed:.1f} | |"
            )
        finally:
            site.close()

    page = (ROOT / "corpora" / "page-web.html").read_text("utf-8")
    extract_page(page)  # imports and caches
    times = []
    for _ in range(options.runs):
        started = time.perf_counter()
        extracted = extract_page(page)
        times.append(time.perf_counter() - started)
    print(
        f"\nMain-content extraction of corpora/page-web.html ({len(page):,} bytes): "
        f"{len(extracted.elements)} elements kept, median {statistics.median(times) * 1000:.1f} ms"
    )


if __name__ == "__main__":
    main()
