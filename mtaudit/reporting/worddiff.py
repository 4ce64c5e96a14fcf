"""Word-level differences between a paragraph and its round trip (fr→en→fr), for highlighting."""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Literal

Operation = Literal["equal", "insert", "delete"]

# A word or a single punctuation sign, with the whitespace that follows it.
_TOKEN = re.compile(r"(\w+|[^\w\s])(\s*)")


@dataclass(frozen=True)
class DiffPiece:
    """A run of the round trip (``equal``/``insert``) or of the original that it lost (``delete``)."""

    op: Operation
    text: str


@dataclass(frozen=True)
class WordDiff:
    """The round trip as pieces; how many of its words are new (``inserted``) and how many were lost."""

    pieces: list[DiffPiece]
    inserted: int
    deleted: int


def _tokens(text: str) -> tuple[str, list[tuple[str, str]]]:
    lead = text[: len(text) - len(text.lstrip())]
    return lead, [(m.group(1), m.group(2)) for m in _TOKEN.finditer(text)]


def word_diff(original: str, changed: str) -> WordDiff:
    """Compare ``changed`` with ``original`` word by word (words and punctuation signs, case-sensitive).

    Replaced words appear as a ``delete`` of the original words followed by an ``insert`` of the new ones;
    the ``equal`` and ``insert`` pieces put together give back ``changed`` exactly.
    """
    _, old = _tokens(original)
    lead, new = _tokens(changed)
    pieces: list[DiffPiece] = [DiffPiece("equal", lead)] if lead else []

    def add(op: Operation, tokens: list[tuple[str, str]]) -> None:
        if not tokens:
            return
        body = "".join(word + space for word, space in tokens)
        stripped = body.rstrip()
        pieces.append(DiffPiece(op, stripped))
        if op != "delete" and body != stripped:
            pieces.append(DiffPiece("equal", body[len(stripped) :]))

    matcher = SequenceMatcher(None, [w for w, _ in old], [w for w, _ in new], autojunk=False)
    inserted = deleted = 0
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            add("equal", new[j1:j2])
            continue
        add("delete", old[i1:i2])
        add("insert", new[j1:j2])
        inserted += j2 - j1
        deleted += i2 - i1
    return WordDiff(_merge(pieces), inserted, deleted)


def _merge(pieces: list[DiffPiece]) -> list[DiffPiece]:
    merged: list[DiffPiece] = []
    for piece in pieces:
        if merged and merged[-1].op == piece.op:
            merged[-1] = DiffPiece(piece.op, merged[-1].text + piece.text)
        else:
            merged.append(piece)
    return merged
