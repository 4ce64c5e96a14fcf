"""Split a paragraph at its anomaly boundaries so that overlapping spans render as flat segments.

Anomaly spans may overlap or nest (``prendre place`` inside a longer calque, a typography span across an
English word). HTML highlights cannot overlap, so the text is cut at every span start and end; each
segment then carries the set of anomalies that cover it, and the renderer draws one highlight per segment.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from mtaudit.records import Anomaly


@dataclass(frozen=True)
class Segment:
    """``text`` covered by the anomalies at positions ``covers`` of the paragraph's anomaly list."""

    text: str
    covers: tuple[int, ...] = ()


def usable_span(anomaly: Anomaly, length: int) -> bool:
    """Whether the anomaly's offsets can be drawn on a text of ``length`` characters."""
    return 0 <= anomaly.start < anomaly.end <= length


def segments(text: str, anomalies: Sequence[Anomaly]) -> list[Segment]:
    """``text`` cut at every anomaly boundary; segments concatenate back to ``text``.

    Anomalies with empty or out-of-range offsets are not drawn (the report still lists them).
    """
    spans = [(i, a.start, a.end) for i, a in enumerate(anomalies) if usable_span(a, len(text))]
    cuts = sorted({0, len(text)} | {s for _, s, _ in spans} | {e for _, _, e in spans})
    out: list[Segment] = []
    for left, right in pairwise(cuts):
        covers = tuple(i for i, start, end in spans if start <= left and right <= end)
        out.append(Segment(text[left:right], covers))
    return out
