"""Typed records that flow through the audit: anomalies and the per-paragraph report.

The JSON form of :class:`ParagraphReport` is the stable output interface; its JSON Schema ships in
``mtaudit/schema/paragraph_report.schema.json`` and the tests validate every record against it.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from importlib import resources
from typing import Any, Literal

Severity = Literal["info", "minor", "major"]
Verdict = Literal["machine", "human", "uncertain"]
ElementKind = Literal["heading", "paragraph", "caption", "list-item"]

SEVERITIES: tuple[Severity, ...] = ("info", "minor", "major")
VERDICTS: tuple[Verdict, ...] = ("machine", "human", "uncertain")
MAX_REASONS = 5  # reasons kept per paragraph, by every scorer and shown by every report


@dataclass(frozen=True)
class Anomaly:
    """One piece of span-level evidence: ``text[start:end]`` of the paragraph is suspicious."""

    type: str
    start: int
    end: int
    text: str
    message: str
    severity: Severity


# The reason a paragraph too short to judge carries first (see mtaudit.verdicts).
TOO_SHORT = "length.too_short"


@dataclass(frozen=True)
class Reason:
    """A feature that moved a paragraph's ``mt_probability``, with its signed contribution (log-odds).

    ``explanation`` says it in plain words for an editor (filled from the feature name when not given,
    see :mod:`mtaudit.explanations`).
    """

    feature: str
    value: float
    contribution: float
    explanation: str = ""

    def __post_init__(self) -> None:
        if not self.explanation:
            from mtaudit.explanations import explain

            object.__setattr__(self, "explanation", explain(self.feature, self.contribution))


@dataclass
class ParagraphReport:
    """The report record for one paragraph, one JSON object per paragraph in the output."""

    document: str
    paragraph: int
    id: str
    text: str
    line: int | None
    mt_probability: float
    verdict: Verdict
    reasons: list[Reason] = field(default_factory=list)
    anomalies: list[Anomaly] = field(default_factory=list)
    signature: dict[str, Any] = field(default_factory=dict)
    fluency: dict[str, Any] | None = None
    backtranslation: str | None = None
    roundtrip: dict[str, Any] | None = None
    kind: ElementKind = "paragraph"
    position: int | None = None
    url: str | None = None
    title: str | None = None
    date: str | None = None
    author: str | None = None
    language: str | None = None

    @property
    def too_short(self) -> bool:
        """Whether the paragraph was too short to judge (its verdict is then uncertain, not evidence)."""
        return any(reason.feature == TOO_SHORT for reason in self.reasons)

    def to_dict(self) -> dict[str, Any]:
        """The record as plain JSON-ready data."""
        return asdict(self)

    def to_json(self) -> str:
        """The record as one line of JSON."""
        return json.dumps(self.to_dict(), ensure_ascii=False)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ParagraphReport:
        """Rebuild a record from its JSON form (e.g. a saved JSONL line)."""
        values = dict(data)
        values["anomalies"] = [Anomaly(**a) for a in values.get("anomalies") or []]
        values["reasons"] = [Reason(**r) for r in values.get("reasons") or []]
        names = cls.__dataclass_fields__
        return cls(**{k: v for k, v in values.items() if k in names})


def report_schema() -> dict[str, Any]:
    """The JSON Schema of one report record."""
    text = resources.files("mtaudit").joinpath("schema/paragraph_report.schema.json").read_text("utf-8")
    return json.loads(text)
