"""Geometry of the report's two SVG charts, computed from the records (the template only draws it).

- :func:`histogram`: paragraphs per ``mt_probability`` bin, stacked by verdict.
- :func:`along_document`: one bar per paragraph, in reading order, as one SVG path per verdict, so that the
  chart stays a handful of elements for any number of paragraphs; beyond ``MAX_STROKES`` paragraphs,
  neighbours share a stroke (the highest p(MT) of each verdict among them), so the path stays small.

Both take anything with ``document``, ``mt_probability`` and ``verdict`` (records, or the report's points).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from mtaudit.records import VERDICTS

HISTOGRAM_WIDTH = 440
ALONG_WIDTH = 660
HEIGHT = 170
MARGIN_LEFT = 40
MARGIN_BOTTOM = 26
MARGIN_TOP = 10
BINS = 10
Y_TICKS = (0.0, 0.25, 0.5, 0.75, 1.0)
MAX_STROKES = 1200


class Scored(Protocol):
    """What the charts read of a paragraph."""

    document: str
    mt_probability: float
    verdict: str


@dataclass(frozen=True)
class Bar:
    """A rectangle of the histogram: ``count`` paragraphs of ``verdict`` in one bin."""

    x: float
    y: float
    width: float
    height: float
    verdict: str
    count: int
    label: str


@dataclass(frozen=True)
class Tick:
    """An axis tick: its position along the axis and its label."""

    at: float
    label: str


@dataclass
class Chart:
    """Everything the template needs to draw one chart."""

    width: int
    height: int
    plot_left: float
    plot_right: float
    plot_top: float
    plot_bottom: float
    x_ticks: list[Tick] = field(default_factory=list)
    y_ticks: list[Tick] = field(default_factory=list)
    bars: list[Bar] = field(default_factory=list)
    paths: dict[str, str] = field(default_factory=dict)
    stroke: float = 1.0
    separators: list[Tick] = field(default_factory=list)


def _frame(width: int) -> Chart:
    return Chart(width, HEIGHT, MARGIN_LEFT, width - 8, MARGIN_TOP, HEIGHT - MARGIN_BOTTOM)


def histogram(reports: Sequence[Scored]) -> Chart:
    """Paragraphs per tenth of ``mt_probability`` (the last bin includes 1.0), stacked by verdict."""
    chart = _frame(HISTOGRAM_WIDTH)
    counts = [dict.fromkeys(VERDICTS, 0) for _ in range(BINS)]
    for report in reports:
        counts[min(int(report.mt_probability * BINS), BINS - 1)][report.verdict] += 1
    top = max([sum(c.values()) for c in counts] + [1])
    plot_w = chart.plot_right - chart.plot_left
    plot_h = chart.plot_bottom - chart.plot_top
    slot = plot_w / BINS
    for b, bin_counts in enumerate(counts):
        y = chart.plot_bottom
        for verdict in VERDICTS:
            n = bin_counts[verdict]
            if not n:
                continue
            h = plot_h * n / top
            y -= h
            low, high = b / BINS, (b + 1) / BINS
            label = f"{n} {verdict} paragraph{'s' * (n > 1)} with p(MT) in [{low:.1f}, {high:.1f}{']' if b == BINS - 1 else ')'}"
            chart.bars.append(Bar(chart.plot_left + b * slot + 1, y, slot - 2, h, verdict, n, label))
    chart.x_ticks = [Tick(chart.plot_left + b * slot, f"{b / BINS:.1f}") for b in range(BINS + 1)]
    chart.y_ticks = [Tick(chart.plot_bottom - plot_h * v / top, str(v)) for v in _count_ticks(top)]
    return chart


def along_document(reports: Sequence[Scored]) -> Chart:
    """``mt_probability`` of every paragraph in order; ``separators`` mark where each document starts."""
    chart = _frame(ALONG_WIDTH)
    n = max(len(reports), 1)
    per_stroke = math.ceil(n / MAX_STROKES)
    plot_w = chart.plot_right - chart.plot_left
    plot_h = chart.plot_bottom - chart.plot_top
    step = plot_w / n
    chart.stroke = round(max(min(step * per_stroke * 0.8, 14.0), 0.6), 2)
    highest: dict[str, list[float | None]] = {v: [None] * math.ceil(n / per_stroke) for v in VERDICTS}
    previous = None
    for i, report in enumerate(reports):
        column = highest[report.verdict]
        stroke = i // per_stroke
        column[stroke] = max(column[stroke] or 0.0, report.mt_probability)
        if report.document != previous and i:
            chart.separators.append(Tick(chart.plot_left + i * step, report.document))
        previous = report.document
    parts: dict[str, list[str]] = {verdict: [] for verdict in VERDICTS}
    for verdict, column in highest.items():
        for stroke, p in enumerate(column):
            if p is not None:
                x = chart.plot_left + (stroke * per_stroke + per_stroke / 2) * step
                y = chart.plot_bottom - plot_h * max(p, 0.01)
                parts[verdict].append(f"M{x:.1f} {chart.plot_bottom:.1f}V{y:.1f}")
    chart.paths = {verdict: "".join(p) for verdict, p in parts.items() if p}
    chart.y_ticks = [Tick(chart.plot_bottom - plot_h * v, f"{v:g}") for v in Y_TICKS]
    chart.x_ticks = [Tick(chart.plot_left + (i + 0.5) * step, str(i)) for i in _position_ticks(len(reports))]
    return chart


def _count_ticks(top: int) -> list[int]:
    step = max(1, _nice_step(top / 4))
    return list(range(0, top + 1, step))


def _nice_step(raw: float) -> int:
    magnitude = 1
    while magnitude * 10 <= raw:
        magnitude *= 10
    for factor in (1, 2, 5, 10):
        if factor * magnitude >= raw:
            return factor * magnitude
    return 10 * magnitude


def _position_ticks(n: int) -> list[int]:
    """0-based positions to label: the first, the last, and round numbers in between."""
    if n <= 0:
        return []
    step = _nice_step(n / 8)
    positions = [0, *range(step, n - 1, step)]
    if (n - 1) - positions[-1] > step / 2:
        positions.append(n - 1)
    return positions
