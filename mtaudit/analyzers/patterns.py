"""Regular expressions tried only where a cheaper one finds what each of their matches contains.

Python's ``re`` tries a pattern that opens with a look-behind or ``\\b`` at every position of the text;
most paragraphs contain no possible match, which a search for a character or a literal the match must
contain finds out several times faster (benchmarks: ~40 µs → ~4 µs per paragraph for the English
contraction pattern).
"""

from __future__ import annotations

import re
from collections.abc import Iterator


class Guarded:
    """``pattern``, whose every match contains a match of ``guard``: texts where ``guard`` finds nothing
    are not searched with ``pattern``. The matches are ``pattern``'s own."""

    def __init__(self, pattern: re.Pattern[str], guard: str, flags: int = 0) -> None:
        self.pattern = pattern
        self.guard = re.compile(guard, flags)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """``pattern.finditer(text)``, or no match at once where ``guard`` finds nothing."""
        if self.guard.search(text) is None:
            return iter(())
        return self.pattern.finditer(text)
