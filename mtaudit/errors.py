"""Errors that end in a one-line message for the user instead of a traceback."""

from __future__ import annotations


class MtauditError(Exception):
    """A known failure; ``str(error)`` is the one line shown to the user."""


class InputError(MtauditError):
    """A file (or stdin) that cannot be audited: names the file and the problem."""

    def __init__(self, source: str, problem: str) -> None:
        super().__init__(f"{source}: {problem}")
        self.source = source
        self.problem = problem
