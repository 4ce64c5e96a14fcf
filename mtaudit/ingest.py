"""Read documents (txt, md, jsonl, html, stdin) into paragraphs with ids and source lines.

Every problem with an input is raised as :class:`~mtaudit.errors.InputError` (the whole file is unusable)
or returned as a warning on the :class:`Document` (one paragraph or line was skipped, counted by reason in
``Document.skipped``). Text that is not UTF-8 is decoded by :mod:`mtaudit.encoding`.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from mtaudit.encoding import AUTO, decode, has_undecodable
from mtaudit.errors import InputError

STDIN = "-"
DEFAULT_MAX_CHARS = 100_000
# The most characters spaCy parses at once (its default ``nlp.max_length``); --max-chars cannot exceed it.
MAX_PARSER_CHARS = 1_000_000
STDIN_FORMATS = ("text", "jsonl", "html")
StdinFormat = Literal["text", "jsonl", "html"]
# Reasons a paragraph or line is skipped (keys of Document.skipped).
TOO_LONG = "too long"
UNDECODABLE = "bytes that are not text in the file's encoding"
BAD_JSONL = "malformed JSONL line"
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
HTML_BLOCKS = ["p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "figcaption", "dd", "dt", "td"]

# Lines that carry only markup: empty markdown images/links, rules, lone HTML tags or comments.
_MARKUP_ONLY = re.compile(
    r"^\s*(?:(?:!?\[[^\]]*\]\([^)]*\)\s*)+|(?:[-*_]\s*){3,}|<!--.*?-->|</?[A-Za-z][^>]*>|#+)\s*$"
)


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of a document: what the analyzers see."""

    document: str
    index: int
    id: str
    text: str
    line: int | None = None


@dataclass
class Document:
    """A document's paragraphs, plus warnings about the parts that were skipped (counted by reason)."""

    source: str
    paragraphs: list[Paragraph] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    skips: list[str] = field(default_factory=list)
    skipped: Counter[str] = field(default_factory=Counter)

    @property
    def warnings(self) -> list[str]:
        """Every warning about the document: notices (e.g. its encoding), then one per skipped part."""
        return [*self.notices, *self.skips]

    def skip(self, reason: str, message: str) -> None:
        """Record one skipped paragraph or line."""
        self.skipped[reason] += 1
        self.skips.append(message)


def read_document(
    source: str,
    max_chars: int = DEFAULT_MAX_CHARS,
    stdin_format: StdinFormat | None = None,
    encoding: str = AUTO,
) -> Document:
    """Read one input (a path, or ``-`` for stdin) into paragraphs; raise InputError if unusable.

    ``stdin_format`` says what stdin holds (default: sniffed from its first characters); ``encoding`` is
    the input's encoding (default: UTF-8, else detected with a warning).
    """
    raw = _read_bytes(source)
    text, notice = decode(source, raw, encoding)
    if not text.strip():
        raise InputError(source, "empty file: nothing to audit")
    document = Document(source=source, notices=[notice] if notice else [])
    kind = (stdin_format or sniff_format(text)) if source == STDIN else _format_of(source)
    if kind == "jsonl":
        blocks = _jsonl_blocks(document, text)
    elif kind == "html":
        blocks = _html_blocks(text)
    else:
        blocks = _text_blocks(text)
    for index, (block_id, block_text, line) in enumerate(blocks):
        where = f"{source}:{line}" if line is not None else source
        if len(block_text) > max_chars:
            document.skip(
                TOO_LONG,
                f"{where}: paragraph {index} is {len(block_text):,} characters long "
                f"(limit {max_chars:,}, see --max-chars); skipped",
            )
            continue
        if has_undecodable(block_text):
            document.skip(UNDECODABLE, f"{where}: paragraph {index} holds bytes that are not UTF-8; skipped")
            continue
        pid = block_id if block_id is not None else f"{source}:{index}"
        document.paragraphs.append(Paragraph(source, index, pid, block_text, line))
    if not document.paragraphs:
        if document.skips:
            first = document.skips[0].removeprefix(source).lstrip(":0123456789 ")
            more = len(document.skips) - 1
            also = f"; {more} more skipped" if more else ""
            raise InputError(source, f"no paragraph could be read ({first}{also})")
        raise InputError(source, "no paragraph found")
    return document


def sniff_format(text: str) -> StdinFormat:
    """What a stream holds, from its start: ``jsonl`` (a JSON object a line), ``html`` (markup), or ``text``."""
    start = text.lstrip("\ufeff \t\r\n")
    if start.startswith("{"):
        first = start.split("\n", 1)[0]
        try:
            if isinstance(json.loads(first), dict):
                return "jsonl"
        except json.JSONDecodeError:
            pass
    if re.match(r"<(?:!doctype\s+html|html|head|body|p|div|article|section|h[1-6])\b", start, re.IGNORECASE):
        return "html"
    return "text"


def _format_of(source: str) -> StdinFormat:
    suffix = Path(source).suffix.lower()
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    if suffix in HTML_SUFFIXES:
        return "html"
    return "text"


def check_path(source: str) -> None:
    """Raise InputError when ``source`` is neither stdin nor a readable, non-empty file (reads nothing)."""
    if source == STDIN:
        return
    path = Path(source)
    if path.is_dir():
        raise InputError(source, "is a directory; pass the files inside it (e.g. dir/*.txt)")
    if not path.exists():
        raise InputError(source, "no such file")
    if path.is_file() and path.stat().st_size == 0:
        raise InputError(source, "empty file: nothing to audit")


def _read_bytes(source: str) -> bytes:
    check_path(source)
    if source == STDIN:
        return sys.stdin.buffer.read()
    try:
        return Path(source).read_bytes()
    except OSError as error:
        raise InputError(source, f"cannot be read ({error.strerror or error})") from None


Block = tuple[str | None, str, int | None]


def _text_blocks(text: str) -> list[Block]:
    """Blank-line separated blocks; one paragraph per line when the text has no blank line."""
    lines = text.splitlines()
    content = [i for i, line in enumerate(lines) if line.strip() and not _MARKUP_ONLY.match(line)]
    has_blank = any(not lines[i].strip() for i in range(content[0], content[-1])) if content else False
    blocks: list[Block] = []
    current: list[int] = []

    def close() -> None:
        if current:
            blocks.append((None, "\n".join(lines[i].strip() for i in current), current[0] + 1))
            current.clear()

    for i, line in enumerate(lines):
        if not line.strip():
            close()
        elif _MARKUP_ONLY.match(line):
            continue
        elif has_blank:
            current.append(i)
        else:
            current.append(i)
            close()
    close()
    return blocks


def _jsonl_blocks(document: Document, text: str) -> list[Block]:
    """One block per JSONL record; malformed lines are skipped on ``document`` (not the whole file)."""
    source = document.source
    blocks: list[Block] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            document.skip(BAD_JSONL, f"{source}:{number}: invalid JSON ({error.msg}); skipped")
            continue
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            document.skip(BAD_JSONL, f"{source}:{number}: not an object with a 'text' string; skipped")
            continue
        if not record["text"].strip():
            document.skip(BAD_JSONL, f"{source}:{number}: empty 'text'; skipped")
            continue
        record_id = record.get("id")
        blocks.append((None if record_id is None else str(record_id), record["text"].strip(), number))
    return blocks


def _html_blocks(text: str) -> list[Block]:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(text, "html.parser")
    for tag in soup(["script", "style", "noscript", "template", "head"]):
        tag.decompose()
    for br in soup.find_all("br"):
        br.replace_with(" ")
    blocks: list[Block] = []
    for element in soup.find_all(HTML_BLOCKS):
        if element.find(HTML_BLOCKS):
            continue  # keep the innermost blocks only (li > p, blockquote > p)
        content = " ".join(element.get_text().split())
        if content:
            blocks.append((None, content, getattr(element, "sourceline", None)))
    return blocks
