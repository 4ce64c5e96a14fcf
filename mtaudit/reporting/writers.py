"""Streaming record writers: each record is written (and flushed) as soon as it is produced."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import IO, TYPE_CHECKING, Protocol

from mtaudit.compression import inner_suffix
from mtaudit.records import ParagraphReport

if TYPE_CHECKING:
    from mtaudit.output import AtomicOutput

CSV_COLUMNS = [
    "document", "paragraph", "id", "line", "kind", "url", "title", "mt_probability", "verdict", "anomaly_count",
    "major_anomalies",
    "anomaly_types", "reasons", "fluency_deviation", "fluency_percentile", "roundtrip_chrf",
    "backtranslation", "text",
]  # fmt: skip


class RecordWriter(Protocol):
    """Receives records one by one; ``close`` finishes the output, ``complete=False`` after an interruption."""

    def write(self, report: ParagraphReport) -> None: ...

    def close(self, complete: bool = True) -> None: ...


class JsonlWriter:
    """One JSON object per line."""

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream

    def write(self, report: ParagraphReport) -> None:
        self.stream.write(report.to_json() + "\n")
        self.stream.flush()

    def close(self, complete: bool = True) -> None:
        self.stream.flush()


class JsonWriter:
    """A JSON array, kept valid when the run is interrupted (``close`` ends the array)."""

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream
        self.count = 0
        self.stream.write("[")

    def write(self, report: ParagraphReport) -> None:
        self.stream.write(
            ("," if self.count else "") + "\n" + json.dumps(report.to_dict(), ensure_ascii=False)
        )
        self.stream.flush()
        self.count += 1

    def close(self, complete: bool = True) -> None:
        self.stream.write("\n]\n")
        self.stream.flush()


class CsvWriter:
    """One row per paragraph with the main fields flattened (see ``CSV_COLUMNS``)."""

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream
        self.writer = csv.DictWriter(stream, fieldnames=CSV_COLUMNS)
        self.writer.writeheader()

    def write(self, report: ParagraphReport) -> None:
        fluency = report.fluency or {}
        roundtrip = report.roundtrip or {}
        self.writer.writerow(
            {
                "document": report.document,
                "paragraph": report.paragraph,
                "id": report.id,
                "line": report.line,
                "kind": report.kind,
                "url": report.url,
                "title": report.title,
                "mt_probability": report.mt_probability,
                "verdict": report.verdict,
                "anomaly_count": len(report.anomalies),
                "major_anomalies": sum(a.severity == "major" for a in report.anomalies),
                "anomaly_types": ";".join(sorted({a.type for a in report.anomalies})),
                "reasons": ";".join(r.feature for r in report.reasons),
                "fluency_deviation": fluency.get("deviation"),
                "fluency_percentile": fluency.get("percentile"),
                "roundtrip_chrf": roundtrip.get("chrf"),
                "backtranslation": report.backtranslation,
                "text": report.text,
            }
        )
        self.stream.flush()

    def close(self, complete: bool = True) -> None:
        self.stream.flush()


FORMATS = ("table", "jsonl", "json", "csv", "html", "parquet")
# The format an output file's name implies when no --format is given (under any .gz or .zst suffix).
FORMAT_BY_SUFFIX = {
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json", ".csv": "csv", ".html": "html", ".htm": "html",
    ".parquet": "parquet",
}  # fmt: skip
BINARY_FORMATS = ("parquet",)


def format_for(output_format: str | None, output: Path | None) -> str:
    """The format asked for, else the one ``output``'s name implies, else ``table``."""
    if output_format is not None:
        return output_format
    return FORMAT_BY_SUFFIX.get(inner_suffix(output), "table") if output is not None else "table"


def writer_for(output_format: str, output: AtomicOutput, full_records: bool = False) -> RecordWriter:
    """The record writer for ``output_format`` (one of FORMATS) on ``output``; ``full_records`` adds the
    JSON record to each Parquet row."""
    stream = output.stream
    if output_format == "parquet":
        from mtaudit.reporting.parquet import ParquetWriter

        return ParquetWriter(output.binary, full_records)
    if output_format == "html":
        from mtaudit.reporting.html import HtmlWriter

        return HtmlWriter(stream)
    if output_format == "table":
        from mtaudit.jobs import table_console
        from mtaudit.reporting.table import TableWriter

        return TableWriter(table_console(stream))
    return {"jsonl": JsonlWriter, "json": JsonWriter, "csv": CsvWriter}[output_format](stream)
