"""Parquet output: one row per paragraph with the fields a corpus filter needs, written row group by row
group (memory stays flat), optionally with the full record as JSON.

Columns: ``id``, ``document``, ``paragraph``, ``mt_probability``, ``verdict``, ``anomalies`` (how many),
``anomalies_<severity>`` and ``anomalies_<type>`` (how many of each), ``fluency_deviation`` (null without
fluency scoring), where the paragraph comes from (``kind``, ``position``, and for web pages ``url``,
``title``, ``date``, ``author``, ``language``; null when unknown), and ``record`` (the JSON record) with
``--full-records``.
"""

from __future__ import annotations

from typing import IO

from mtaudit.analyzers import ANALYZER_TYPES
from mtaudit.records import SEVERITIES, ParagraphReport

ROW_GROUP_ROWS = 2000
PAGE_FIELDS = ("url", "title", "date", "author", "language")


def parquet_schema(full_records: bool):
    """The output's Arrow schema."""
    import pyarrow as pa

    counts = [pa.field(f"anomalies_{name}", pa.int32()) for name in (*SEVERITIES, *ANALYZER_TYPES)]
    fields = [
        pa.field("id", pa.string()),
        pa.field("document", pa.string()),
        pa.field("paragraph", pa.int64()),
        pa.field("mt_probability", pa.float64()),
        pa.field("verdict", pa.string()),
        pa.field("anomalies", pa.int32()),
        *counts,
        pa.field("fluency_deviation", pa.float64()),
        pa.field("kind", pa.string()),
        pa.field("position", pa.int64()),
        *(pa.field(name, pa.string()) for name in PAGE_FIELDS),
        *([pa.field("record", pa.string())] if full_records else []),
    ]
    return pa.schema(fields)


def parquet_row(report: ParagraphReport, full_records: bool) -> dict[str, object]:
    """One record's row (see the module's columns)."""
    row: dict[str, object] = {
        "id": report.id,
        "document": report.document,
        "paragraph": report.paragraph,
        "mt_probability": report.mt_probability,
        "verdict": report.verdict,
        "anomalies": len(report.anomalies),
    }
    for name in (*SEVERITIES, *ANALYZER_TYPES):
        row[f"anomalies_{name}"] = 0
    for anomaly in report.anomalies:
        row[f"anomalies_{anomaly.severity}"] += 1
        key = f"anomalies_{anomaly.type}"
        if key in row:
            row[key] += 1
    row["fluency_deviation"] = (report.fluency or {}).get("deviation")
    row["kind"] = report.kind
    row["position"] = report.position
    for name in PAGE_FIELDS:
        row[name] = getattr(report, name)
    if full_records:
        row["record"] = report.to_json()
    return row


class ParquetWriter:
    """Writes records to a binary stream as Parquet, a row group every ``ROW_GROUP_ROWS`` records; after
    an interruption the rows so far are written and the file is closed (valid, incomplete)."""

    def __init__(self, stream: IO[bytes], full_records: bool = False) -> None:
        import pyarrow.parquet as pq

        self.full_records = full_records
        self.schema = parquet_schema(full_records)
        self.writer = pq.ParquetWriter(stream, self.schema, compression="zstd")
        self.rows: list[dict[str, object]] = []

    def write(self, report: ParagraphReport) -> None:
        self.rows.append(parquet_row(report, self.full_records))
        if len(self.rows) >= ROW_GROUP_ROWS:
            self._flush()

    def close(self, complete: bool = True) -> None:
        self._flush()
        self.writer.close()

    def _flush(self) -> None:
        import pyarrow as pa

        if self.rows:
            self.writer.write_table(pa.Table.from_pylist(self.rows, schema=self.schema))
            self.rows = []
