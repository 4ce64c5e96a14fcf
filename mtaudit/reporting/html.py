"""The self-contained HTML report: one file with inline CSS, JS and SVG, rendered from the records alone.

Rendering is separate from computing: :func:`render_html` needs nothing but :class:`ParagraphReport`
records (fresh from an audit, or rebuilt from saved JSONL), and computes only presentation (highlight
segments, word diffs, chart geometry). The Jinja2 templates in ``templates/`` autoescape every value, so
text from the records (paragraphs, messages, back-translations, ids, signature values) is shown, never run.
The page references nothing outside itself: it opens from ``file://`` without any network request.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import IO, Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from mtaudit.records import MAX_REASONS, SEVERITIES, Anomaly, ParagraphReport, report_schema
from mtaudit.reporting import charts
from mtaudit.reporting.pages import PageReview, page_reviews, review_order
from mtaudit.reporting.spans import segments, usable_span
from mtaudit.reporting.summary import Summary, document_verdict
from mtaudit.reporting.worddiff import WordDiff, word_diff

TEMPLATE = "report.html.j2"
VERDICT_ORDER = ("machine", "uncertain", "human")  # most suspicious first
FLUENCY_FIELDS = ("deviation", "percentile", "perplexity")
ROUNDTRIP_SCORES = (("chrf", "chrF"), ("bleu", "BLEU"), ("ter", "TER"))


@cache
def _environment() -> Environment:
    environment = Environment(
        loader=PackageLoader("mtaudit.reporting", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.tests["scalar"] = lambda v: v is None or isinstance(v, str | int | float | bool)
    return environment


@cache
def _asset(name: str) -> tuple[Markup, str]:
    """An inline asset (``report.css``, ``report.js``) and its CSP hash source, ``sha256-…``."""
    text = _environment().loader.get_source(_environment(), name)[0]
    digest = base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")
    return Markup(text), f"sha256-{digest}"


@cache
def _palette_slots() -> dict[str, int]:
    """Colour slot of each anomaly type: its position in the schema's list (unknown types share the last)."""
    types = report_schema()["properties"]["anomalies"]["items"]["properties"]["type"]["enum"]
    return {name: slot for slot, name in enumerate(types)}


def _slot(anomaly_type: str) -> int:
    slots = _palette_slots()
    return slots.get(anomaly_type, len(slots))


def _number(value: Any) -> str:
    """A score for display: fewer decimals as it grows; non-numbers are shown as unavailable."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return "unavailable"
    size = abs(value)
    return f"{value:.0f}" if size >= 100 else f"{value:.1f}" if size >= 10 else f"{value:.2f}"


@dataclass
class Highlight:
    """A run of paragraph text; ``anomalies`` are the positions (in the row) of the spans covering it."""

    text: str
    anomalies: list[int]
    slot: int = 0
    severity: str = ""
    tip: str = ""


@dataclass
class AnomalyView:
    """One anomaly as listed under its paragraph; ``drawn`` is False when its offsets are unusable."""

    anomaly: Anomaly
    slot: int
    drawn: bool


@dataclass
class Row:
    """Everything the template shows for one paragraph (``page``: its page's review when it starts one)."""

    n: int
    report: ParagraphReport
    group: int
    page: PageReview | None
    location: list[str]
    highlights: list[Highlight]
    anomalies: list[AnomalyView]
    type_keys: str
    diff: WordDiff | None
    roundtrip_scores: list[tuple[str, str]]
    fluency: list[tuple[str, str]]
    unavailable: list[str]


@dataclass
class DocumentLine:
    """One line of the summary table: a document (or all of them) and its verdict counts."""

    name: str
    counts: Counter[str]
    shares: dict[str, float]
    verdict: str

    @property
    def paragraphs(self) -> int:
        return sum(self.counts.values())


@dataclass
class SignatureGroup:
    """A distinct signature and the records that carry it."""

    signature: dict[str, Any]
    records: int
    documents: list[str] = field(default_factory=list)


def _row(
    n: int, report: ParagraphReport, type_keys: dict[str, int], several_documents: bool, page: PageReview
) -> Row:
    anomalies = [AnomalyView(a, _slot(a.type), usable_span(a, len(report.text))) for a in report.anomalies]
    highlights = []
    for segment in segments(report.text, report.anomalies):
        covering = [report.anomalies[i] for i in segment.covers]
        strongest = max(covering, key=lambda a: SEVERITIES.index(a.severity), default=None)
        highlights.append(
            Highlight(
                segment.text,
                list(segment.covers),
                _slot(strongest.type) if strongest else 0,
                strongest.severity if strongest else "",
                "\n".join(f"{a.type} ({a.severity}): {a.message}" for a in covering),
            )
        )
    location = [report.document] if several_documents and report.url is None else []
    if report.kind != "paragraph":
        location.append(report.kind)
    if report.line is not None:
        location.append(f"line {report.line}")
    if report.id != f"{report.document}:{report.paragraph}":
        location.append(f"id {report.id}")
    roundtrip = report.roundtrip or {}
    round_text = _roundtrip_text(report)
    unavailable = [
        name
        for name, value in (
            ("back-translation", report.backtranslation),
            ("round trip", round_text),
            ("fluency", report.fluency),
        )
        if value is None
    ]
    return Row(
        n=n,
        report=report,
        group=page.first_record,
        page=page if page.first_record == n else None,
        location=location,
        highlights=highlights,
        anomalies=anomalies,
        type_keys=" ".join(str(type_keys[t]) for t in sorted({a.type for a in report.anomalies})),
        diff=word_diff(report.text, round_text) if round_text is not None else None,
        roundtrip_scores=[(label, _number(roundtrip[k])) for k, label in ROUNDTRIP_SCORES if k in roundtrip],
        fluency=[(k, _number(report.fluency.get(k))) for k in FLUENCY_FIELDS]
        if report.fluency is not None
        else [],
        unavailable=unavailable,
    )


def _roundtrip_text(report: ParagraphReport) -> str | None:
    text = (report.roundtrip or {}).get("text")
    return text if isinstance(text, str) else None


def _documents(reports: Sequence[ParagraphReport]) -> tuple[list[DocumentLine], DocumentLine]:
    """One summary line per document, and the line of all of them together."""
    summary = Summary()
    for report in reports:
        summary.add(report)
    lines = [
        DocumentLine(name, counts, summary.shares(counts), document_verdict(counts))
        for name, counts in summary.by_document.items()
    ]
    overall = DocumentLine("all documents", summary.total, summary.shares(), document_verdict(summary.total))
    return lines, overall


def _signatures(reports: Sequence[ParagraphReport]) -> list[SignatureGroup]:
    groups: dict[str, SignatureGroup] = {}
    for report in reports:
        key = json.dumps(report.signature, sort_keys=True, default=str)
        group = groups.setdefault(key, SignatureGroup(report.signature, 0))
        group.records += 1
        if report.document not in group.documents:
            group.documents.append(report.document)
    return list(groups.values())


def _title(documents: list[str]) -> str:
    if not documents:
        return "mtaudit report"
    if len(documents) == 1:
        return f"mtaudit report: {documents[0]}"
    return f"mtaudit report: {len(documents)} documents"


def render_html(reports: Sequence[ParagraphReport], complete: bool = True) -> str:
    """The whole report page for ``reports`` (in their order), as one self-contained HTML string.

    ``complete=False`` (an interrupted run) says at the top of the page that the report is incomplete.
    """
    documents = list(dict.fromkeys(r.document for r in reports))
    types = Counter(t for r in reports for t in {a.type for a in r.anomalies})
    type_keys = {t: k for k, t in enumerate(sorted(types))}
    signatures = _signatures(reports)
    version = signatures[0].signature.get("mtaudit") if signatures else None
    capabilities = {
        "back-translation": sum(r.backtranslation is not None for r in reports),
        "round trip": sum(_roundtrip_text(r) is not None for r in reports),
        "fluency": sum(r.fluency is not None for r in reports),
    }
    lines, overall = _documents(reports)
    pages = page_reviews(reports)
    page_of = {page.document: page for page in pages}
    style, style_hash = _asset("report.css")
    script, script_hash = _asset("report.js")
    template = _environment().get_template(TEMPLATE)
    return template.render(
        title=_title(documents),
        complete=complete,
        version=version,
        verdicts=VERDICT_ORDER,
        total=len(reports),
        documents=lines,
        overall=overall,
        signatures=signatures,
        capabilities=capabilities,
        types=[(type_keys[t], t, _slot(t), types[t]) for t in sorted(types)],
        histogram=charts.histogram(reports),
        along=charts.along_document(reports),
        rows=[_row(n, r, type_keys, len(documents) > 1, page_of[r.document]) for n, r in enumerate(reports)],
        pages=review_order(pages) if len(pages) > 1 else [],
        grouped=len(pages) > 1,
        unit="page" if any(r.url or r.title for r in reports) else "document",
        max_reasons=MAX_REASONS,
        style=style,
        style_hash=style_hash,
        script=script,
        script_hash=script_hash,
    )


class HtmlWriter:
    """Collects records and writes the HTML report when closed (also after an interrupted run)."""

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream
        self.reports: list[ParagraphReport] = []

    def write(self, report: ParagraphReport) -> None:
        self.reports.append(report)

    def close(self, complete: bool = True) -> None:
        self.stream.write(render_html(self.reports, complete))
        self.stream.flush()
