"""French and English side by side on the terminal, one table per document (``mtaudit backtranslate``)."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from mtaudit.translation.backtranslate import BacktranslationRecord


class SideBySideWriter:
    """Prints each document's paragraphs as rows of French | English once the document is complete."""

    def __init__(self, console: Console) -> None:
        self.console = console
        self.rows: list[BacktranslationRecord] = []

    def write(self, record: BacktranslationRecord) -> None:
        if self.rows and self.rows[-1].document != record.document:
            self._flush()
        self.rows.append(record)

    def close(self, complete: bool = True) -> None:
        self._flush()

    def _flush(self) -> None:
        if not self.rows:
            return
        table = Table(title=self.rows[0].document, show_lines=True, header_style="bold", expand=True)
        table.add_column("#", justify="right", no_wrap=True)
        table.add_column("French", ratio=1, overflow="fold")
        table.add_column("English (back-translation)", ratio=1, overflow="fold")
        for record in self.rows:
            table.add_row(str(record.paragraph), record.text, record.backtranslation)
        self.console.print(table)
        self.rows = []
