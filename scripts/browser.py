"""Headless Chromium (Debian's ``chromium``) driven by Playwright, for checking and screenshotting reports.

    python3 scripts/browser.py REPORT.html SHOT.png [--width 1280]

Used by the browser test, the HTML benchmark and the sample-report command. It never downloads a browser
(no ``playwright install``): it launches the system binary with networking features switched off and a
fresh profile folder.
"""

from __future__ import annotations

import argparse
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@contextmanager
def chromium(width: int = 1280, height: int = 900) -> Iterator[object]:
    """A Playwright ``BrowserContext`` on the system Chromium, with a fresh, throw-away user-data folder."""
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="mtaudit-chromium-") as profile, sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            profile,
            executable_path=str(CHROMIUM),
            args=FLAGS,
            viewport={"width": width, "height": height},
            device_scale_factor=1,
        )
        try:
            yield context
        finally:
            context.close()


def screenshot(report: Path, out: Path, width: int = 1280, height: int = 900, full_page: bool = True) -> None:
    """Save a PNG of ``report`` as it first appears (the top of the page, or all of it)."""
    with chromium(width, height) as context:
        page = context.new_page()
        page.goto(report.resolve().as_uri())
        page.screenshot(path=str(out), full_page=full_page)


def main() -> None:
    parser = argparse.ArgumentParser(description="Screenshot an HTML report with headless Chromium.")
    parser.add_argument("report", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--height", type=int, default=900)
    parser.add_argument("--full-page", action="store_true", help="the whole page, not the first screen")
    args = parser.parse_args()
    screenshot(args.report, args.out, args.width, args.height, args.full_page)


if __name__ == "__main__":
    main()
