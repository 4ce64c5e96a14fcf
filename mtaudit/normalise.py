"""Typography neutralisation: the one text of a paragraph that analyzers, stages and the detector read.

Quote style and (non-breaking) spaces say more about the typesetting than about who translated a text,
and the detection benchmark neutralises them. :func:`normalise_with_offsets` applies the benchmark's
rules and keeps, for every character of the result, where it came from in the original text, so that
spans found in the normalised text can be shown in the original (:meth:`Normalised.span`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

_SPACES = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u2009": " "})
# Every quotation mark folded to a straight one: the one quote map of mtaudit (the view, word forms).
QUOTES = str.maketrans({"«": '"', "»": '"', "“": '"', "”": '"', "„": '"', "’": "'", "‘": "'", "`": "'"})
_OPENING_GUILLEMET = re.compile(r"\u00ab\s*")
_CLOSING_GUILLEMET = re.compile(r"\s*\u00bb")
_SPACE_BEFORE_HIGH_PUNCTUATION = re.compile(r"\s+(?=[;:!?])")
# Runs of whitespace other than a single plain space (which would be replaced by itself).
_WHITESPACE = re.compile(r"\s{2,}|[^\S ]")
_EDGE_WHITESPACE = re.compile(r"^\s+|\s+$")


@dataclass(frozen=True)
class Normalised:
    """A normalised text and, per character, the span ``[starts[i], ends[i])`` it replaces in the original
    (ranges where normalisation changed no offset, as for most paragraphs)."""

    text: str
    starts: Sequence[int]
    ends: Sequence[int]
    original_length: int

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original-text span of the normalised span ``[start, end)``."""
        if start >= len(self.text):
            return self.original_length, self.original_length
        first = self.starts[start]
        return first, (self.ends[end - 1] if end > start else first)


def normalise(text: str) -> str:
    """``text`` with plain spaces, straight quotes and no space before ``; : ! ?``, whitespace collapsed
    to single spaces (the detection benchmark's normalisation; ``„`` and backquotes are folded too)."""
    return normalise_with_offsets(text, keep_line_breaks=False).text


def normalise_with_offsets(text: str, keep_line_breaks: bool = True) -> Normalised:
    """:func:`normalise` with the offset map back to ``text``.

    With ``keep_line_breaks`` a run of whitespace holding a line break becomes one ``\\n`` instead of a
    space (line breaks matter to the capitalisation analyzer); otherwise the result is :func:`normalise`.
    """
    chars = _fold(text, _SPACES)
    starts: Sequence[int] = range(len(text))  # made lists by the first substitution, if any
    ends: Sequence[int] = range(1, len(text) + 1)
    for pattern, replacement in (
        (_OPENING_GUILLEMET, _constant('"')),
        (_CLOSING_GUILLEMET, _constant('"')),
        (_SPACE_BEFORE_HIGH_PUNCTUATION, _constant("")),
        (_WHITESPACE, _line_break_or_space if keep_line_breaks else _constant(" ")),
        (_EDGE_WHITESPACE, _constant("")),
    ):
        chars, starts, ends = _substitute(pattern, replacement, chars, starts, ends)
    if isinstance(starts, list):
        starts, ends = tuple(starts), tuple(ends)
    return Normalised(_fold(chars, QUOTES), starts, ends, len(text))


def _fold(text: str, table: dict[int, str]) -> str:
    """``text.translate(table)`` for a table of single characters that are none of them a key: one
    ``str.replace`` per character of the table, each a fast scan where translate looks up every
    character."""
    for key, value in table.items():
        text = text.replace(chr(key), value)
    return text


def _constant(value: str) -> Callable[[str], str]:
    return lambda _: value


def _line_break_or_space(run: str) -> str:
    return "\n" if "\n" in run else " "


def _substitute(
    pattern: re.Pattern[str],
    replacement: Callable[[str], str],
    text: str,
    starts: Sequence[int],
    ends: Sequence[int],
) -> tuple[str, Sequence[int], Sequence[int]]:
    """Replace each match of ``pattern`` by at most one character that covers the match's whole span."""
    matches = list(pattern.finditer(text))
    if not matches:
        return text, starts, ends
    pieces: list[str] = []
    new_starts: list[int] = []
    new_ends: list[int] = []
    done = 0
    for match in matches:
        pieces.append(text[done : match.start()])
        new_starts += starts[done : match.start()]
        new_ends += ends[done : match.start()]
        value = replacement(match.group())
        if value and match.end() > match.start():
            pieces.append(value)
            new_starts.append(starts[match.start()])
            new_ends.append(ends[match.end() - 1])
        done = match.end()
    pieces.append(text[done:])
    new_starts += starts[done:]
    new_ends += ends[done:]
    return "".join(pieces), new_starts, new_ends
