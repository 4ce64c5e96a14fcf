"""Terminal rendering of ``mtaudit eval``: headline metrics, confusion matrix, groups, reliability table."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from mtaudit.detector.evaluation import LABELS, Metrics
from mtaudit.detector.workflow import Evaluation
from mtaudit.records import VERDICTS


def print_evaluation(console: Console, evaluation: Evaluation) -> None:
    """Print every table of an evaluation."""
    overall = evaluation.overall
    console.print(
        f"{overall.count} paragraphs ({overall.machine} machine): AUROC {_number(overall.auroc)}, "
        f"accuracy {overall.accuracy:.3f}, F1 {overall.f1:.3f}, ECE {overall.ece:.3f} "
        "(accuracy and F1 at mt_probability >= 0.5)",
        highlight=False,
    )
    console.print(_confusion(overall))
    if evaluation.groups:
        console.print(_groups(evaluation))
    console.print(_reliability(overall))


def _confusion(metrics: Metrics) -> Table:
    table = Table(title="labels × verdicts", title_justify="left", header_style="bold")
    table.add_column("label")
    for verdict in VERDICTS:
        table.add_column(verdict, justify="right")
    for label in LABELS:
        table.add_row(label, *(str(metrics.confusion[label][v]) for v in VERDICTS))
    return table


def _groups(evaluation: Evaluation) -> Table:
    table = Table(
        title=f"by {evaluation.group_by} (* machine-only group: measured against every human paragraph)",
        title_justify="left",
        header_style="bold",
    )
    columns = ("group", "paragraphs", "machine", "AUROC", "machine→machine", "human→human", "ECE")
    for column in columns:
        table.add_column(column, justify="left" if column == "group" else "right")
    for group, g in evaluation.groups.items():
        table.add_row(
            f"{group} *" if g.against_all_human else group,
            str(g.paragraphs),
            str(g.machine),
            _number(g.metrics.auroc),
            _share(g.machine_called_machine),
            _share(g.human_called_human),
            f"{g.metrics.ece:.3f}",
        )
    return table


def _share(value: float | None) -> str:
    return "–" if value is None else f"{value:.1%}"


def _reliability(metrics: Metrics) -> Table:
    table = Table(
        title="reliability (calibrated: machine share ≈ mean mt_probability)",
        title_justify="left",
        header_style="bold",
    )
    for column in ("mt_probability", "paragraphs", "mean p", "machine share", ""):
        table.add_column(column, justify="left" if column in {"mt_probability", ""} else "right")
    for b in metrics.reliability:
        table.add_row(
            f"{b.low:.1f}–{b.high:.1f}",
            f"{b.count:g}",
            f"{b.mean_probability:.3f}",
            f"{b.machine_share:.3f}",
            "█" * round(20 * b.machine_share),
        )
    return table


def _number(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"
