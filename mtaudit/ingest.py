"""Read documents (txt, md, jsonl, html, stdin) into paragraphs with ids and source lines.

Every problem with an input is raised as :class:`~mtaudit.errors.InputError` (the whole file is unusable)
or returned as a warning on the :class:`Document` (one paragraph or line was skipped).
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from mtaudit.errors import InputError

STDIN = "-"
DEFAULT_MAX_CHARS = 100_000
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
    """A document's paragraphs, plus warnings about the parts that were skipped."""

    source: str
    paragraphs: list[Paragraph] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def read_document(source: str, max_chars: int = DEFAULT_MAX_CHARS) -> Document:
    """Read one input (a path, or ``-`` for stdin) into paragraphs; raise InputError if unusable."""
    raw = _read_bytes(source)
    text = _decode(source, raw)
    if not text.strip():
        raise InputError(source, "empty file: nothing to audit")
    suffix = Path(source).suffix.lower() if source != STDIN else ""
    if suffix in JSONL_SUFFIXES:
        blocks, warnings = _jsonl_blocks(source, text)
    elif suffix in HTML_SUFFIXES:
        blocks, warnings = _html_blocks(text), []
    else:
        blocks, warnings = _text_blocks(text), []
    document = Document(source=source, warnings=warnings)
    for index, (block_id, block_text, line) in enumerate(blocks):
        if len(block_text) > max_chars:
            document.warnings.append(
                f"{source}: paragraph {index} is {len(block_text):,} characters long "
                f"(limit {max_chars:,}, see --max-chars); skipped"
            )
            continue
        pid = block_id if block_id is not None else f"{source}:{index}"
        document.paragraphs.append(Paragraph(source, index, pid, block_text, line))
    if not document.paragraphs:
        if document.warnings:
            first = document.warnings[0].removeprefix(f"{source}").lstrip(":0123456789 ")
            raise InputError(source, f"no paragraph could be read ({first})")
        raise InputError(source, "no paragraph found")
    return document


def check_path(source: str) -> None:
    """Raise InputError when ``source`` is neither stdin nor an existing file (cheap: reads nothing)."""
    if source == STDIN:
        return
    path = Path(source)
    if path.is_dir():
        raise InputError(source, "is a directory; pass the files inside it (e.g. dir/*.txt)")
    if not path.exists():
        raise InputError(source, "no such file")


def _read_bytes(source: str) -> bytes:
    check_path(source)
    if source == STDIN:
        return sys.stdin.buffer.read()
    try:
        return Path(source).read_bytes()
    except OSError as error:
        raise InputError(source, f"cannot be read ({error.strerror or error})") from None


def _decode(source: str, raw: bytes) -> str:
    if b"\x00" in raw[:8192]:
        raise InputError(source, "binary file, not UTF-8 text")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        bad = raw[error.start : error.start + 1].hex()
        raise InputError(source, f"not valid UTF-8 (byte 0x{bad} at offset {error.start})") from None


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


def _jsonl_blocks(source: str, text: str) -> tuple[list[Block], list[str]]:
    blocks: list[Block] = []
    warnings: list[str] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            warnings.append(f"{source}:{number}: invalid JSON ({error.msg}); skipped")
            continue
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            warnings.append(f"{source}:{number}: not an object with a 'text' string; skipped")
            continue
        if not record["text"].strip():
            warnings.append(f"{source}:{number}: empty 'text'; skipped")
            continue
        record_id = record.get("id")
        blocks.append((None if record_id is None else str(record_id), record["text"].strip(), number))
    return blocks, warnings


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
