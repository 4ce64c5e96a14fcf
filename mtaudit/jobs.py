"""What every command's job shares: messages on stderr, the one exit-code policy, and the output.

Each command of :mod:`mtaudit.cli` only declares its options and calls one job function with keyword-only
settings (:func:`mtaudit.audit.audit_job`, :func:`mtaudit.translation.backtranslate.backtranslate_job`,
:func:`mtaudit.detector.workflow.train_job` and ``eval_job``, :func:`mtaudit.profile.build.build_job`,
:func:`mtaudit.reporting.saved.report_job`); :func:`run_job` turns what the job returned or raised into
the exit status.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING

from rich.console import Console

from mtaudit.errors import MtauditError

if TYPE_CHECKING:
    from mtaudit.compression import Compression
    from mtaudit.output import AtomicOutput

# Exit codes (README's table): what a run's exit status says about its inputs.
EXIT_OK = 0
EXIT_NOTHING_AUDITED = 1
EXIT_USAGE = 2
EXIT_SOME_FAILED = 3
EXIT_SOME_SKIPPED = 4
EXIT_INTERRUPTED = 130
TABLE_WIDTH_OFF_TERMINAL = 160


class UsageProblem(MtauditError):
    """A problem with the command line itself (e.g. an unusable ``-o``), found before anything is read."""


@dataclass(frozen=True)
class Messages:
    """One-line messages to the user on ``console`` (stderr); ``quiet`` silences progress and summaries,
    never warnings or errors."""

    console: Console
    quiet: bool = False

    def error(self, message: str) -> None:
        """A one-line error."""
        self.console.print(f"mtaudit: error: {message}", markup=False)

    def warn(self, message: str) -> None:
        """A one-line warning (also with --quiet: quiet hides progress, not problems)."""
        self.console.print(f"mtaudit: warning: {message}", markup=False)

    def problem(self, message: str) -> None:
        """A line on what was not done (shown with --quiet too)."""
        self.console.print(f"mtaudit: {message}", markup=False)

    def say(self, message: str) -> None:
        """A summary line, silent with --quiet."""
        if not self.quiet:
            self.console.print(message, markup=False)


def run_job(job: Callable[[], int], messages: Messages) -> int:
    """Run ``job`` and return the exit status: the job's own, 2 for a usage problem, 1 for any other
    MtauditError (one line, no traceback), 0 when the reader of stdout went away."""
    try:
        return job()
    except UsageProblem as problem:
        messages.error(str(problem))
        return EXIT_USAGE
    except MtauditError as problem:
        messages.error(str(problem))
        return EXIT_NOTHING_AUDITED
    except BrokenPipeError:
        sys.stderr.close()
        return EXIT_OK


def check_output_path(output: Path | None, inputs: list[str] | tuple[str, ...]) -> None:
    """Raise UsageProblem when ``output`` cannot be written or is one of the inputs."""
    from mtaudit.output import check_output

    try:
        check_output(output, inputs)
    except MtauditError as problem:
        raise UsageProblem(str(problem)) from None


def open_output(output: Path | None, compression: Compression | None = None) -> AtomicOutput:
    """The output stream (stdout when None), written beside ``output`` and moved into place on commit;
    compressed as ``compression`` says."""
    from mtaudit.output import AtomicOutput

    return AtomicOutput(output, compression)


def table_console(stream: IO[str]) -> Console:
    """A console for terminal tables on ``stream``, wide enough when it is not a terminal."""
    console = Console(file=stream, highlight=False)
    if not console.is_terminal:
        console.width = TABLE_WIDTH_OFF_TERMINAL
    return console


def interrupted_message(written: int, output: Path | None) -> str:
    """What an interrupted run says about the records it wrote."""
    if not written:
        kept = f"; {output} was left as it was" if output else ""
        return f"interrupted before any record was written{kept}"
    where = f" in {output}" if output else ""
    return f"interrupted; the {written} records written{where} are kept (the output is incomplete)"
