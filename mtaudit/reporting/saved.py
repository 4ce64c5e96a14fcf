"""Read saved report records back, to render them without recomputing: JSONL (``-f jsonl``) or a JSON array
(``-f json``).

Records are read one at a time (:func:`iter_reports`), so a large results file is never held in memory.
Each record is checked against the record's JSON Schema (``mtaudit/schema``); every problem is raised as one
:class:`~mtaudit.errors.InputError` naming the file and the line.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import cache
from pathlib import Path

from jsonschema import Draft202012Validator
from jsonschema.exceptions import best_match

from mtaudit.errors import InputError
from mtaudit.explanations import explain
from mtaudit.jobs import EXIT_INTERRUPTED, EXIT_OK, Messages, check_output_path, open_output
from mtaudit.records import ParagraphReport, report_schema

MAX_MESSAGE = 160


@cache
def _validator() -> Draft202012Validator:
    return Draft202012Validator(report_schema())


def read_reports(path: Path) -> list[ParagraphReport]:
    """All the records of a results file, in order."""
    return list(iter_reports(path))


def iter_reports(path: Path) -> Iterator[ParagraphReport]:
    """The records of a results file (JSONL, or the JSON array of ``-f json``), in order, one at a time."""
    try:
        stream = path.open(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(str(path), "no such file") from None
    except IsADirectoryError:
        raise InputError(str(path), "is a directory, not a results file") from None
    except OSError as problem:
        raise InputError(str(path), f"cannot read ({problem.strerror or problem})") from None
    found = 0
    with stream:
        try:
            for where, data in _items(stream, path):
                yield _record(data, where)
                found += 1
        except UnicodeDecodeError:
            raise InputError(str(path), "not UTF-8 text; expected JSONL or JSON report records") from None
    if not found:
        raise InputError(str(path), "no report record found")


def _items(stream, path: Path) -> Iterator[tuple[str, object]]:
    """``(where, parsed JSON)`` per record: one a line, or the items of a JSON array.

    mtaudit writes its JSON array one record a line, which is read line by line; any other layout of an
    array (e.g. pretty-printed) is read whole.
    """
    first = stream.readline()
    if first.lstrip().startswith("["):
        stream.seek(0)
        yield from _array_items(stream, path)
        return
    number = 1
    line = first
    while line:
        if line.strip():
            yield f"{path}:{number}", _parse(line, f"{path}:{number}", "expected one report record per line")
        line = stream.readline()
        number += 1


def _array_items(stream, path: Path) -> Iterator[tuple[str, object]]:
    lines = iter(enumerate(stream, start=1))
    for number, line in lines:
        piece = line.strip().removeprefix("[").removeprefix(",").removesuffix("]").strip().removesuffix(",")
        if not piece:
            continue
        try:
            data = json.loads(piece)
        except json.JSONDecodeError:
            if number > 2:
                raise InputError(
                    f"{path}:{number}", "not valid JSON; expected a JSON array of report records"
                ) from None
            stream.seek(0)
            yield from _whole_array(stream, path)
            return
        yield f"{path}:{number}", data


def _whole_array(stream, path: Path) -> Iterator[tuple[str, object]]:
    try:
        data = json.load(stream)
    except json.JSONDecodeError as problem:
        raise InputError(
            f"{path}:{problem.lineno}",
            f"not valid JSON ({problem.msg}); expected a JSON array of report records",
        ) from None
    if not isinstance(data, list):
        raise InputError(str(path), "not a JSON array of report records")
    for index, item in enumerate(data):
        yield f"{path}: record {index}", item


def _parse(line: str, where: str, expected: str) -> object:
    try:
        return json.loads(line)
    except json.JSONDecodeError as problem:
        raise InputError(where, f"not valid JSON ({problem.msg}); {expected}") from None


def _record(data: object, where: str) -> ParagraphReport:
    _explain_old_reasons(data)
    error = best_match(_validator().iter_errors(data))
    if error is not None:
        field = error.json_path.removeprefix("$.").removeprefix("$") or "record"
        message = error.message if len(error.message) <= MAX_MESSAGE else error.message[:MAX_MESSAGE] + "…"
        raise InputError(where, f"not a report record: {field}: {message}")
    try:
        return ParagraphReport.from_dict(data)
    except TypeError as problem:  # extra or missing keys inside an anomaly or a reason
        raise InputError(where, f"not a report record: {problem}") from None


def _explain_old_reasons(data: object) -> None:
    """Records saved before reasons had an ``explanation`` get it from the feature name."""
    reasons = data.get("reasons") if isinstance(data, dict) else None
    for reason in reasons if isinstance(reasons, list) else []:
        if isinstance(reason, dict) and "explanation" not in reason:
            feature, contribution = reason.get("feature"), reason.get("contribution")
            if isinstance(feature, str) and isinstance(contribution, int | float):
                reason["explanation"] = explain(feature, contribution)


def report_job(*, results: Path, messages: Messages, output: Path | None = None) -> int:
    """``mtaudit report``: saved results rendered as one HTML report, written to ``output`` or stdout.

    Records are streamed from ``results`` into the report, so memory stays flat; ``output`` is replaced
    only when the whole report was written.
    """
    from mtaudit.reporting.html import write_html

    check_output_path(output, [str(results)])
    with open_output(output) as target:
        try:
            write_html(iter_reports(results), target.stream)
        except KeyboardInterrupt:
            messages.error(f"interrupted; {output} was left as it was" if output else "interrupted")
            return EXIT_INTERRUPTED
        target.commit()
    return EXIT_OK
