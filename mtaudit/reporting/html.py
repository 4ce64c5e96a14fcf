"""The self-contained HTML report: one file with inline CSS, JS and SVG, rendered from the records alone.

Rendering is separate from computing: the report needs nothing but :class:`ParagraphReport` records (fresh
from an audit, or rebuilt from saved results), and computes only presentation (highlight segments, word
diffs, chart geometry, display strings).

It scales to tens of thousands of paragraphs. :class:`HtmlWriter` streams: each record becomes one compact
line of JSON spooled to a temporary file (memory stays flat), while the summary, charts and filter index
are accumulated; ``close`` writes the page: the summary (Jinja2, autoescaped), the paragraphs as JSON
Lines inside a ``<script type="application/x-ndjson">`` data block, the index (verdicts, probabilities,
anomaly types of every paragraph, a string table) as JSON, and the script. In the browser ``report.js``
filters and sorts on the index and builds the DOM of one page of paragraphs at a time with
``textContent`` (never ``innerHTML``), so text from the records is shown, never run; ``<`` is escaped in
the data blocks so that no record can close them. The page references nothing outside itself: it opens
from ``file://`` without any network request.

A paragraph line is an object with short keys: ``d`` document (index into ``documents``), ``k``
paragraph index, ``id`` (only when it is not ``document:paragraph``), ``w`` where it is (line, element
kind…), ``x`` text, ``a`` anomalies ``[type, start, end, severity, message, text if not text[start:end]]`` (type,
message: indexes into ``strings``; severity into ``SEVERITIES``), ``h`` highlight segments ``[start, end,
[anomaly positions]]``, ``r`` reasons ``[explanation, feature, value, contribution]`` (strings), ``f``
fluency ``[[name, value]]``, ``b`` back-translation, ``rt`` round trip as word-diff pieces (``=`` kept,
``+`` new, ``-`` lost), ``rs`` round-trip scores ``[[name, value]]``, ``ri``/``rd`` words new and lost.
Absent keys are unavailable values. In a report of several documents (pages of a site), the index's
``pages`` holds each document's review (name, verdict, machine share, paragraphs, review rank, location,
first record) and the script heads each document's paragraphs with it when they are in reading order.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import shutil
import tempfile
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import IO, Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from mtaudit.records import MAX_REASONS, SEVERITIES, ParagraphReport, report_schema
from mtaudit.reporting import charts
from mtaudit.reporting.pages import PageReview, page_reviews, review_order
from mtaudit.reporting.spans import segments, usable_span
from mtaudit.reporting.summary import DOCUMENT_BANDS, Summary, document_verdict
from mtaudit.reporting.worddiff import word_diff

TEMPLATE = "report.html.j2"
VERDICT_ORDER = ("machine", "uncertain", "human")  # most suspicious first
VERDICT_CODES = {"machine": "m", "human": "h", "uncertain": "u"}
FLUENCY_FIELDS = ("deviation", "percentile", "perplexity")
ROUNDTRIP_SCORES = (("chrf", "chrF"), ("bleu", "BLEU"), ("ter", "TER"))
PAGE_SIZE = 100
DATA_MARK = "<!-- mtaudit:data -->"
DIFF_OPS = {"equal": "=", "insert": "+", "delete": "-"}


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


def _data(value: Any) -> str:
    """JSON for a ``<script>`` data block: one line, and no ``<`` that could close the block."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")


@dataclass
class DocumentLine:
    """One line of the summary table: a document (or all of them) and its verdict counts."""

    name: str
    counts: Counter[str]
    shares: dict[str, float]
    verdict: str

    @property
    def paragraphs(self) -> int:
        return sum(self.counts[v] for v in VERDICT_ORDER)


@dataclass
class SignatureGroup:
    """A distinct signature and the records that carry it."""

    signature: dict[str, Any]
    records: int
    documents: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Point:
    """What the charts and the page reviews need of one paragraph."""

    document: str
    mt_probability: float
    verdict: str
    url: str | None
    title: str | None
    too_short: bool


class _Strings:
    """A string table: repeated strings (messages, explanations, type names) are written once."""

    def __init__(self) -> None:
        self.index: dict[str, int] = {}

    def __call__(self, text: str) -> int:
        return self.index.setdefault(text, len(self.index))

    def table(self) -> list[str]:
        return list(self.index)


class HtmlWriter:
    """Streams records into the HTML report; ``close`` writes the page (``complete=False``: interrupted)."""

    def __init__(self, stream: IO[str], page_size: int = PAGE_SIZE) -> None:
        self.stream = stream
        self.page_size = page_size
        self.spool = tempfile.TemporaryFile("w+", encoding="utf-8")  # noqa: SIM115 (closed by close())
        self.strings = _Strings()
        self.documents: dict[str, int] = {}
        self.types: dict[str, int] = {}
        self.summary = Summary()
        self.points: list[Point] = []
        self.verdicts: list[str] = []
        self.probabilities: list[float] = []
        self.type_masks: list[int] = []
        self.type_counts: Counter[str] = Counter()
        self.capabilities = Counter({"back-translation": 0, "round trip": 0, "fluency": 0})
        self.signatures: dict[str, SignatureGroup] = {}
        self._last_signature: tuple[int, str] | None = None
        self.pages: list[PageReview] = []

    def write(self, report: ParagraphReport) -> None:
        """Add one record (spooled to disk; only its index entries stay in memory)."""
        self.spool.write(_data(self._row(report)) + "\n")
        self.summary.add(report)
        self.points.append(
            Point(
                report.document,
                report.mt_probability,
                report.verdict,
                report.url,
                report.title,
                report.too_short,
            )
        )
        self.verdicts.append(VERDICT_CODES[report.verdict])
        self.probabilities.append(report.mt_probability)
        kinds = {a.type for a in report.anomalies}
        self.type_counts.update(kinds)
        self.type_masks.append(sum(1 << self.types.setdefault(t, len(self.types)) for t in kinds))
        self.capabilities["back-translation"] += report.backtranslation is not None
        self.capabilities["round trip"] += _roundtrip_text(report) is not None
        self.capabilities["fluency"] += report.fluency is not None
        self._add_signature(report)

    def _add_signature(self, report: ParagraphReport) -> None:
        if self._last_signature and self._last_signature[0] == id(report.signature):
            key = self._last_signature[1]  # records of one run share their signature object
        else:
            key = json.dumps(report.signature, sort_keys=True, default=str)
            self._last_signature = (id(report.signature), key)
        group = self.signatures.setdefault(key, SignatureGroup(report.signature, 0))
        group.records += 1
        if report.document not in group.documents:
            group.documents.append(report.document)

    def _row(self, report: ParagraphReport) -> dict[str, Any]:
        text = report.text
        document = self.documents.setdefault(report.document, len(self.documents))
        row: dict[str, Any] = {"d": document, "k": report.paragraph, "x": text}
        if report.id != f"{report.document}:{report.paragraph}":
            row["id"] = report.id
        where = self._location(report)
        if where:
            row["w"] = where
        if report.anomalies:
            anomalies = []
            for a in report.anomalies:
                item: list[Any] = [
                    self.strings(a.type),
                    a.start,
                    a.end,
                    SEVERITIES.index(a.severity),
                    self.strings(a.message),
                ]
                if not usable_span(a, len(text)) or text[a.start : a.end] != a.text:
                    item.append(a.text)
                anomalies.append(item)
            row["a"] = anomalies
            offset, cuts = 0, []
            for segment in segments(text, report.anomalies):
                if segment.covers:
                    cuts.append([offset, offset + len(segment.text), list(segment.covers)])
                offset += len(segment.text)
            row["h"] = cuts
        if report.reasons:
            row["r"] = [
                [
                    self.strings(r.explanation),
                    self.strings(r.feature),
                    f"{r.value:g}",
                    f"{r.contribution:+.2f}",
                ]
                for r in report.reasons[:MAX_REASONS]
            ]
        if report.fluency is not None:
            row["f"] = [[k, _number(report.fluency.get(k))] for k in FLUENCY_FIELDS]
        if report.backtranslation is not None:
            row["b"] = report.backtranslation
        round_text = _roundtrip_text(report)
        if round_text is not None:
            diff = word_diff(text, round_text)
            row["rt"] = [DIFF_OPS[piece.op] + piece.text for piece in diff.pieces]
            row["ri"], row["rd"] = diff.inserted, diff.deleted
            roundtrip = report.roundtrip or {}
            row["rs"] = [[label, _number(roundtrip[k])] for k, label in ROUNDTRIP_SCORES if k in roundtrip]
        return row

    def _location(self, report: ParagraphReport) -> str:
        """Where the paragraph is, beyond its id: its document, element kind, line."""
        parts = []
        if report.id != f"{report.document}:{report.paragraph}":
            parts.append(f"paragraph {report.document}:{report.paragraph}")
        if report.kind != "paragraph":
            parts.append(report.kind)
        if report.line is not None:
            parts.append(f"line {report.line}")
        return " · ".join(parts)

    def close(self, complete: bool = True) -> None:
        """Write the whole page to the stream."""
        pages = page_reviews(self.points)  # type: ignore[arg-type]  # points carry what a review reads
        self.pages = pages if len(pages) > 1 else []
        head, tail = self._page(complete).split(DATA_MARK)
        self.stream.write(head)
        self.stream.write('<script type="application/x-ndjson" id="report-records">')
        self.spool.seek(0)
        shutil.copyfileobj(self.spool, self.stream)
        self.spool.close()
        self.stream.write('</script>\n<script type="application/json" id="report-index">')
        self.stream.write(_data(self._index(complete)))
        self.stream.write("</script>")
        self.stream.write(tail)
        self.stream.flush()

    def _index(self, complete: bool) -> dict[str, Any]:
        return {
            "total": len(self.verdicts),
            "complete": complete,
            "pageSize": self.page_size,
            "documents": list(self.documents),
            "strings": self.strings.table(),
            "types": [[name, _slot(name)] for name in self.types],
            "severities": list(SEVERITIES),
            "pages": [_review(page) for page in self.pages],
            "v": "".join(self.verdicts),
            "p": self.probabilities,
            "t": self.type_masks,
        }

    def _page(self, complete: bool) -> str:
        documents = list(self.summary.by_document)
        signatures = list(self.signatures.values())
        version = signatures[0].signature.get("mtaudit") if signatures else None
        lines = [
            DocumentLine(name, counts, self.summary.shares(counts), self.summary.verdict(name))
            for name, counts in self.summary.by_document.items()
        ]
        total = self.summary.total
        overall = DocumentLine("all documents", total, self.summary.shares(), document_verdict(total))
        style, style_hash = _asset("report.css")
        script, script_hash = _asset("report.js")
        return (
            _environment()
            .get_template(TEMPLATE)
            .render(
                title=_title(documents),
                complete=complete,
                version=version,
                verdicts=VERDICT_ORDER,
                total=len(self.verdicts),
                documents=lines,
                overall=overall,
                document_bands=DOCUMENT_BANDS,
                signatures=signatures,
                capabilities=dict(self.capabilities),
                types=sorted(
                    (name, key, _slot(name), self.type_counts[name]) for name, key in self.types.items()
                ),
                pages=review_order(self.pages),
                unit="page" if any(p.url or p.title for p in self.points) else "document",
                histogram=charts.histogram(self.points),
                along=charts.along_document(self.points),
                page_sizes=sorted({50, 100, 250, 1000, self.page_size}),
                page_size=self.page_size,
                data_mark=Markup(DATA_MARK),
                style=style,
                style_hash=style_hash,
                script=script,
                script_hash=script_hash,
            )
        )


def _review(page: PageReview) -> list[Any]:
    """A page's review for the script: name, verdict, machine share, paragraphs, rank, location, first record."""
    where = (page.url or page.document) if page.url or page.title else ""
    return [page.name, page.verdict, page.machine_share, page.paragraphs, page.rank, where, page.first_record]


def _roundtrip_text(report: ParagraphReport) -> str | None:
    text = (report.roundtrip or {}).get("text")
    return text if isinstance(text, str) else None


def _title(documents: list[str]) -> str:
    if not documents:
        return "mtaudit report"
    if len(documents) == 1:
        return f"mtaudit report: {documents[0]}"
    return f"mtaudit report: {len(documents)} documents"


def write_html(reports: Iterable[ParagraphReport], stream: IO[str], complete: bool = True) -> int:
    """Stream the report page for ``reports`` (in their order) to ``stream``; return how many were written."""
    writer = HtmlWriter(stream)
    count = 0
    for report in reports:
        writer.write(report)
        count += 1
    writer.close(complete)
    return count


def render_html(reports: Iterable[ParagraphReport], complete: bool = True) -> str:
    """The whole report page for ``reports`` (in their order), as one self-contained HTML string.

    ``complete=False`` (an interrupted run) says at the top of the page that the report is incomplete.
    """
    buffer = io.StringIO()
    write_html(reports, buffer, complete)
    return buffer.getvalue()
