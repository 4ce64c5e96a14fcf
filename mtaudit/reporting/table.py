"""The terminal table (rich): one row per paragraph, closed by the verdict summary."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from mtaudit.records import ParagraphReport
from mtaudit.reporting.summary import Summary

VERDICT_STYLES = {"machine": "bold red", "uncertain": "yellow", "human": "green"}
EXCERPT = 70


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
        table = Table(show_lines=False, header_style="bold", expand=False)
        table.add_column("id", overflow="fold", min_width=4, max_width=28)
        table.add_column("verdict", no_wrap=True, min_width=9)
        table.add_column("p(MT)", justify="right", no_wrap=True, min_width=5)
        table.add_column("anomalies", overflow="fold", min_width=16, max_width=40)
        table.add_column("text", overflow="ellipsis", no_wrap=True, min_width=20, max_width=EXCERPT)
        summary = Summary()
        for report in self.reports:
            summary.add(report)
            table.add_row(
                report.id,
                Text(report.verdict, style=VERDICT_STYLES[report.verdict]),
                f"{report.mt_probability:.2f}",
                _anomaly_cell(report),
                report.text.replace("\n", " "),
            )
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
