"""Read saved report records (``mtaudit audit --format jsonl``) back, to render them without recomputing.

Each line is checked against the record's JSON Schema (``mtaudit/schema``); every problem is raised as one
:class:`~mtaudit.errors.InputError` naming the file and the line.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from jsonschema import Draft202012Validator
from jsonschema.exceptions import best_match

from mtaudit.errors import InputError
from mtaudit.records import ParagraphReport, report_schema

MAX_MESSAGE = 160


@cache
def _validator() -> Draft202012Validator:
    return Draft202012Validator(report_schema())


def read_reports(path: Path) -> list[ParagraphReport]:
    """The records of a JSONL results file, in order; blank lines are ignored."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(str(path), "no such file") from None
    except IsADirectoryError:
        raise InputError(str(path), "is a directory, not a results file") from None
    except UnicodeDecodeError:
        raise InputError(str(path), "not UTF-8 text; expected JSONL report records") from None
    except OSError as problem:
        raise InputError(str(path), f"cannot read ({problem.strerror or problem})") from None
    reports = []
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            reports.append(_record(line, f"{path}:{number}"))
    if not reports:
        raise InputError(str(path), "no report record found")
    return reports


def _record(line: str, where: str) -> ParagraphReport:
    try:
        data = json.loads(line)
    except json.JSONDecodeError as problem:
        raise InputError(
            where, f"not valid JSON ({problem.msg}); expected one report record per line"
        ) from None
    error = best_match(_validator().iter_errors(data))
    if error is not None:
        field = error.json_path.removeprefix("$.").removeprefix("$") or "record"
        message = error.message if len(error.message) <= MAX_MESSAGE else error.message[:MAX_MESSAGE] + "…"
        raise InputError(where, f"not a report record: {field}: {message}")
    try:
        return ParagraphReport.from_dict(data)
    except TypeError as problem:  # extra or missing keys inside an anomaly or a reason
        raise InputError(where, f"not a report record: {problem}") from None
