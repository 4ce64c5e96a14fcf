"""Labelled paragraphs for ``mtaudit train`` and ``mtaudit eval``: JSONL records with ``text`` and ``label``.

Each line is a JSON object with ``text`` and ``label`` (``machine`` or ``human``), optionally ``weight``
(a positive number, default 1) and any other fields (``--group-by`` / ``--by`` name one of them).
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from mtaudit.batching import batched
from mtaudit.detector.features import DetectorInput
from mtaudit.detector.surface import inputs_for_mode
from mtaudit.errors import InputError
from mtaudit.ingest import Paragraph
from mtaudit.pipeline import Auditor

LABELS = {"machine": 1, "human": 0}


@dataclass(frozen=True)
class LabelledParagraph:
    """One labelled record: where it came from, its text, label (1 = machine), weight and fields."""

    source: str
    line: int
    text: str
    label: int
    weight: float
    fields: dict[str, Any]

    def field(self, name: str) -> str | None:
        """The record's ``name`` field as a string (None when absent), for grouping."""
        value = self.fields.get(name)
        return None if value is None else str(value)


def read_labelled(paths: Sequence[str | Path]) -> list[LabelledParagraph]:
    """Every record of every file; an InputError naming the file and line for a bad one."""
    records = []
    for path in paths:
        source = str(path)
        try:
            lines = Path(path).read_text(encoding="utf-8").splitlines()
        except FileNotFoundError:
            raise InputError(source, "no such file") from None
        except (OSError, UnicodeDecodeError) as problem:
            raise InputError(source, f"cannot be read ({problem})") from None
        for number, line in enumerate(lines, 1):
            if line.strip():
                records.append(_record(source, number, line))
    if not records:
        raise InputError(", ".join(map(str, paths)), "no labelled paragraph found")
    return records


def _record(source: str, number: int, line: str) -> LabelledParagraph:
    where = f"{source}:{number}"
    try:
        data = json.loads(line)
    except json.JSONDecodeError as problem:
        raise InputError(where, f"not valid JSON ({problem.msg})") from None
    if not isinstance(data, dict) or not isinstance(data.get("text"), str) or not data["text"].strip():
        raise InputError(where, "each record needs a non-empty string 'text'")
    if data.get("label") not in LABELS:
        raise InputError(where, f"'label' must be 'machine' or 'human', not {data.get('label')!r}")
    weight = data.get("weight", 1.0)
    if not isinstance(weight, int | float) or not math.isfinite(weight) or weight <= 0:
        raise InputError(where, f"'weight' must be a positive number, not {weight!r}")
    return LabelledParagraph(source, number, data["text"], LABELS[data["label"]], float(weight), data)


def analyse_labelled(records: Sequence[LabelledParagraph], auditor: Auditor) -> list[DetectorInput]:
    """The detector inputs of the records, through the auditor's analysis (exactly as in an audit in
    the auditor's mode)."""
    inputs: list[DetectorInput] = []
    for batch in batched(enumerate(records), auditor.batch_size):
        paragraphs = [Paragraph(r.source, k, f"{r.source}:{r.line}", r.text, r.line) for k, r in batch]
        inputs.extend(inputs_for_mode(auditor.mode, auditor.analyze(paragraphs)))
    return inputs


def labels_and_weights(records: Sequence[LabelledParagraph]) -> tuple[np.ndarray, np.ndarray]:
    """The records' labels (1 = machine) and weights as arrays."""
    return np.array([r.label for r in records]), np.array([r.weight for r in records])
