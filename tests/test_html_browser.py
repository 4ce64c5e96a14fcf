"""The HTML report in a real browser: headless Debian Chromium driven by Playwright.

Skips cleanly where /usr/bin/chromium (or the playwright package) is missing; `.ci/run` installs both.
Checks: no console error, no request leaving the file, filters and sorting change the visible rows, the
keyboard reaches the controls and the highlights, readable contrast, print layout; saves screenshots.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from report_samples import hostile_reports, many_reports

from mtaudit.reporting.html import render_html

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
from browser import CHROMIUM, chromium

pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
if not CHROMIUM.exists():
    pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)", allow_module_level=True)

# WCAG contrast ratio of an element's text against its own background, from the computed colours.
CONTRAST = """el => {
  const rgb = s => s.match(/[\\d.]+/g).slice(0, 3).map(Number);
  const lum = c => { const [r, g, b] = rgb(c).map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
                     return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  let bg = el, colour = 'rgba(0, 0, 0, 0)';
  while (bg && (colour = getComputedStyle(bg).backgroundColor) === 'rgba(0, 0, 0, 0)') { bg = bg.parentElement; }
  const [a, b] = [lum(getComputedStyle(el).color), lum(bg ? colour : 'rgb(255,255,255)')];
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}"""


@pytest.fixture(scope="module")
def context():
    with chromium(width=1280, height=900) as browser_context:
        yield browser_context


class Visit:
    """A page opened on a report, recording console errors, page errors and every request made."""

    def __init__(self, context, path: Path) -> None:
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page = context.new_page()
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.url = path.resolve().as_uri()
        self.page.goto(self.url)

    def visible(self) -> list[dict]:
        return self.page.eval_on_selector_all(
            "#rows > article:not([hidden])", "els => els.map(e => ({v: e.dataset.v, p: +e.dataset.p}))"
        )

    def assert_clean(self) -> None:
        assert self.errors == []
        assert self.requests == [self.url]


def open_report(context, tmp_path: Path, records, name: str) -> Visit:
    path = tmp_path / f"{name}.html"
    path.write_text(render_html(records), encoding="utf-8")
    return Visit(context, path)


def test_filters_sorting_and_keyboard(context, tmp_path):
    records = many_reports(60)
    visit = open_report(context, tmp_path, records, "sample")
    page = visit.page
    assert len(visit.visible()) == 60

    page.uncheck("input[name=verdict][value=human]")
    shown = visit.visible()
    assert len(shown) == sum(r.verdict != "human" for r in records) < 60
    assert "human" not in {row["v"] for row in shown}
    assert page.inner_text("#f-count") == f"{len(shown)} of 60 paragraphs shown"

    page.select_option("#f-type", label="units (15)")
    units = [r for r in records if r.verdict != "human" and any(a.type == "units" for a in r.anomalies)]
    assert len(visit.visible()) == len(units) > 0

    page.click("#f-reset")
    page.focus("#f-min")
    for _ in range(10):
        page.keyboard.press("ArrowRight")
    assert page.input_value("#f-min") == "0.5"
    shown = visit.visible()
    assert len(shown) == sum(r.mt_probability >= 0.5 for r in records) and min(r["p"] for r in shown) >= 0.5

    page.select_option("#f-sort", "prob-desc")
    ps = [r["p"] for r in visit.visible()]
    assert ps == sorted(ps, reverse=True)

    page.click("#f-reset")
    page.focus("a.skip")
    page.keyboard.press("Enter")  # the skip link, then Tab: the first verdict checkbox
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "verdict"
    page.keyboard.press("Space")
    assert page.evaluate("document.activeElement.checked") is False
    assert len(visit.visible()) == sum(r.verdict != "machine" for r in records)
    page.click("#f-reset")

    mark = page.locator("#r0 p.text mark").nth(1)
    mark.focus()
    tip = page.evaluate("el => getComputedStyle(el, '::after').content", mark.element_handle())
    assert "take place" in tip and "futur proche" in tip  # the nested span: both messages on focus
    page.screenshot(path=str(tmp_path / "sample-focus.png"))
    visit.assert_clean()


def test_colours_are_readable(context, tmp_path):
    visit = open_report(context, tmp_path, many_reports(12), "contrast")
    for selector in (".badge", "#rows mark", ".prob", ".loc", ".na", ".chip", ".sev", "ins", "del", ".facts"):
        for element in visit.page.query_selector_all(selector)[:8]:
            ratio = visit.page.evaluate(CONTRAST, element)
            assert ratio >= 4.5, (selector, element.inner_text(), round(ratio, 2))


def test_chart_click_jumps_to_the_paragraph(context, tmp_path):
    visit = open_report(context, tmp_path, many_reports(40), "chart")
    plot = visit.page.locator("#along").bounding_box()
    left, right = 40 / 660 * plot["width"], 652 / 660 * plot["width"]
    x = plot["x"] + left + (right - left) * (30.5 / 40)
    visit.page.mouse.click(x, plot["y"] + plot["height"] / 2)
    assert visit.page.evaluate("document.activeElement.id") == "r30"


def test_print_layout_hides_the_controls(context, tmp_path):
    visit = open_report(context, tmp_path, many_reports(8), "print")
    visit.page.emulate_media(media="print")
    assert not visit.page.is_visible(".toolbar")
    assert visit.page.is_visible("#r7 p.text")
    assert len(visit.page.pdf()) > 10_000
    visit.assert_clean()


def test_hostile_report_runs_nothing(context, tmp_path):
    visit = open_report(context, tmp_path, hostile_reports(), "hostile")
    page = visit.page
    assert page.evaluate("window.__pwned") is None
    assert page.locator("img").count() == 0
    assert "<script>" in page.inner_text("#r0 p.text")
    page.uncheck("input[name=verdict][value=machine]")  # the report's own script does run
    assert [r["v"] for r in visit.visible()] == ["human"]
    visit.assert_clean()


def test_seed_report(context, tmp_path, shared, auditor):
    from mtaudit.ingest import read_document

    document = read_document(str(shared / "seed" / "article.txt"))
    records = list(auditor.audit(document.paragraphs))
    visit = open_report(context, tmp_path, records, "seed")
    verdicts = [row["v"] for row in visit.visible()]
    assert len(verdicts) == len(records)
    common = max(set(verdicts), key=verdicts.count)
    visit.page.uncheck(f"input[name=verdict][value={common}]")
    assert len(visit.visible()) == len(records) - verdicts.count(common)
    visit.page.screenshot(path=str(tmp_path / "seed.png"), full_page=True)
    assert (tmp_path / "seed.png").stat().st_size > 10_000
    visit.assert_clean()


def test_pages_numbers_on_demand_and_ids(context, tmp_path):
    records = many_reports(130)
    visit = open_report(context, tmp_path, records, "pages")
    page = visit.page
    assert len(visit.visible()) == 100 and page.inner_text("#p-info") == "Page 1 of 2"
    page.click("#p-next")
    assert len(visit.visible()) == 30 and page.inner_text("#p-info") == "Page 2 of 2"
    assert page.is_disabled("#p-next") and not page.is_disabled("#p-prev")
    page.select_option("#p-size", "250")
    assert len(visit.visible()) == 130
    page.uncheck("input[name=verdict][value=human]")  # a filter goes back to the first page
    assert page.inner_text("#p-info") == "Page 1 of 1"
    page.click("#f-reset")

    first = page.locator("#r0")
    assert first.locator("h3").inner_text() == records[0].id and records[0].id.endswith(":0")
    reason = first.locator(".reasons li").first
    words = records[0].reasons[0].explanation
    assert reason.inner_text() == words  # words first, the numbers hidden
    assert records[0].reasons[0].feature in reason.get_attribute("title")
    page.check("#f-numbers")
    assert records[0].reasons[0].feature in reason.inner_text()
    visit.assert_clean()


def test_incomplete_report_and_unusable_offsets(context, tmp_path):
    from mtaudit.records import Anomaly

    record = many_reports(1)[0]
    record.anomalies = [Anomaly("grammar", 40, 4000, "?", "beyond the text", "minor")]
    path = tmp_path / "partial.html"
    path.write_text(render_html([record], complete=False), encoding="utf-8")
    visit = Visit(context, path)
    assert "Incomplete report" in visit.page.inner_text("#incomplete")
    assert visit.page.locator("#r0 p.text mark").count() == 0
    assert "do not fit the text" in visit.page.inner_text("#a0-0")
    visit.assert_clean()
