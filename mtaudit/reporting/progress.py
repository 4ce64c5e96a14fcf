"""A live progress display on stderr (rich) for long runs; absent when quiet or off a terminal."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)

Advance = Callable[[int], None]


@contextmanager
def live_progress(
    console: Console, enabled: bool, counters: list[tuple[str, int | None]]
) -> Iterator[list[Advance | None]]:
    """One progress line per ``(label, total or None)``; yields their advance callbacks (None when hidden).

    Shown only when ``enabled`` and ``console`` is a terminal. Terminal output written to stdout meanwhile
    is printed above the bars, so start this before opening stdout for the records.
    """
    if not enabled or not console.is_terminal:
        yield [None] * len(counters)
        return
    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
        redirect_stdout=sys.stdout.isatty(),
        redirect_stderr=False,
    ) as progress:
        yield [partial(progress.advance, progress.add_task(label, total=total)) for label, total in counters]


StepProgress = Callable[[str, int, int], None]


@contextmanager
def step_progress(console: Console, enabled: bool) -> Iterator[StepProgress]:
    """A bar per named step of a long job; yields ``progress(step, done, total)`` (a no-op when hidden).

    Shown only when ``enabled`` and ``console`` is a terminal, like :func:`live_progress`.
    """
    if not enabled or not console.is_terminal:
        yield lambda step, done, total: None
        return
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=console, transient=True) as bar:
        tasks: dict[str, TaskID] = {}

        def progress(step: str, done: int, total: int) -> None:
            if step not in tasks:
                tasks[step] = bar.add_task(step, total=total)
            bar.update(tasks[step], completed=done, total=total)

        yield progress
