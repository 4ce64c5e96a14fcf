"""The terminal table (rich): one row per paragraph, closed by the verdict summary.

Columns: id, verdict, p(MT), anomalies, why (the top reason in plain words) and an excerpt of the text.
On a narrow terminal (under ``WIDE`` columns) the excerpt goes first, so that id, anomalies and the
reason always stay.
"""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from mtaudit.records import ParagraphReport
from mtaudit.reporting.summary import Summary

VERDICT_STYLES = {"machine": "bold red", "uncertain": "yellow", "human": "green"}
EXCERPT = 70
WIDE = 120


class TableWriter:
    """Collects records and prints them as a table with the summary when closed."""

    def __init__(self, console: Console) -> None:
        self.console = console
        self.reports: list[ParagraphReport] = []

    def write(self, report: ParagraphReport) -> None:
        self.reports.append(report)

    def close(self, complete: bool = True) -> None:
        if not self.reports:
            return
        wide = self.console.width >= WIDE
        table = Table(show_lines=False, header_style="bold", expand=False)
        table.add_column("id", overflow="fold", min_width=4, max_width=28 if wide else 16)
        table.add_column("verdict", no_wrap=True, min_width=9)
        table.add_column("p(MT)", justify="right", no_wrap=True, min_width=5)
        table.add_column("anomalies", overflow="fold", min_width=12, max_width=40 if wide else 18)
        table.add_column("why", overflow="fold", min_width=12, max_width=36)
        if wide:
            table.add_column("text", overflow="ellipsis", no_wrap=True, min_width=20, max_width=EXCERPT)
        summary = Summary()
        for report in self.reports:
            summary.add(report)
            cells = [
                report.id,
                Text(report.verdict, style=VERDICT_STYLES[report.verdict]),
                f"{report.mt_probability:.2f}",
                _anomaly_cell(report),
                report.reasons[0].explanation if report.reasons else "",
            ]
            if wide:
                cells.append(report.text.replace("\n", " "))
            table.add_row(*cells)
        self.console.print(table)
        for line in summary.lines():
            self.console.print(line, highlight=False)
        if not complete:
            self.console.print(f"incomplete: the run was interrupted after {summary.paragraphs} paragraphs")


def _anomaly_cell(report: ParagraphReport) -> Text:
    cell = Text()
    for anomaly in report.anomalies:
        if anomaly.severity == "info":
            continue
        if cell:
            cell.append(", ")
        style = "bold" if anomaly.severity == "major" else ""
        cell.append(f"{anomaly.type}:{anomaly.text[:24]}", style=style)
    return cell
