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
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal, NamedTuple

from mtaudit.encoding import AUTO, STDIN, decode, has_undecodable
from mtaudit.errors import InputError

if TYPE_CHECKING:
    from mtaudit.web.extract import HtmlReading

DEFAULT_MAX_CHARS = 100_000
# The most characters spaCy parses at once (its default ``nlp.max_length``); --max-chars cannot exceed it.
MAX_PARSER_CHARS = 1_000_000
StdinFormat = Literal["text", "jsonl", "html"]
# Reasons a paragraph or line is skipped (keys of Document.skipped).
TOO_LONG = "too long"
UNDECODABLE = "bytes that are not text in the file's encoding"
BAD_JSONL = "malformed JSONL line"
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}

# Lines that carry only markup: empty markdown images/links, rules, lone HTML tags or comments.
_MARKUP_ONLY = re.compile(
    r"^\s*(?:(?:!?\[[^\]]*\]\([^)]*\)\s*)+|(?:[-*_]\s*){3,}|<!--.*?-->|</?[A-Za-z][^>]*>|#+)\s*$"
)


@dataclass(frozen=True)
class Columns:
    """Where records (JSONL, Parquet) keep a paragraph's text and its id (``id`` None: the usual ``id``
    when the input has one)."""

    text: str = "text"
    id: str | None = None

    @property
    def id_or_default(self) -> str:
        """The id column to look for."""
        return self.id or ID_COLUMN


ID_COLUMN = "id"
DEFAULT_COLUMNS = Columns()


@dataclass(frozen=True)
class PageInfo:
    """What a web page (or HTML file) says about itself; None where it says nothing."""

    url: str | None = None
    title: str | None = None
    date: str | None = None
    author: str | None = None
    language: str | None = None


NO_PAGE = PageInfo()


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of a document: what the analyzers see, and where it stands in its page."""

    document: str
    index: int
    id: str
    text: str
    line: int | None = None
    kind: str = "paragraph"
    position: int | None = None
    page: PageInfo = NO_PAGE


class Block(NamedTuple):
    """A paragraph as read from the input, before checks: its id (if the input gives one), text, line,
    and for HTML its element kind and position among the page's elements."""

    id: str | None
    text: str
    line: int | None
    kind: str = "paragraph"
    position: int | None = None


@dataclass(frozen=True)
class Source:
    """An input read when the audit reaches it (a web page): its name in messages, and how to read it.

    ``read`` returns None for an input skipped without error (a page already read in this run).
    """

    name: str
    read: Callable[[], Document | None]

    @classmethod
    def done(cls, name: str, result: Document | InputError | None) -> Source:
        """A source already read: ``read`` gives its document again, or raises its error."""

        def read() -> Document | None:
            if isinstance(result, InputError):
                raise result
            return result

        return cls(name, read)


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
    html: HtmlReading | None = None,
    columns: Columns = DEFAULT_COLUMNS,
) -> Document:
    """Read one input (a path, or ``-`` for stdin) into paragraphs; raise InputError if unusable.

    ``stdin_format`` says what stdin holds (default: sniffed from its first characters); ``encoding`` is
    the input's encoding (default: UTF-8, else detected with a warning). HTML goes through main-content
    extraction (:mod:`mtaudit.web.extract`) as ``html`` says; JSONL records keep their text and id in
    ``columns``.
    """
    raw = _read_bytes(source)
    text, notice = decode(source, raw, encoding)
    if not text.strip():
        raise InputError(source, "empty file: nothing to audit")
    document = Document(source=source, notices=[notice] if notice else [])
    kind = (stdin_format or sniff_format(text)) if source == STDIN else _format_of(source)
    page = NO_PAGE
    if kind == "jsonl":
        blocks = _jsonl_blocks(document, text, columns)
    elif kind == "html":
        from mtaudit.web.extract import HtmlReading, html_blocks

        blocks, page = html_blocks(source, text, html or HtmlReading())
    else:
        blocks = _text_blocks(text)
    return fill_document(document, blocks, max_chars, page)


def fill_document(
    document: Document, blocks: list[Block], max_chars: int, page: PageInfo = NO_PAGE
) -> Document:
    """Add ``blocks`` to ``document`` as paragraphs of ``page``, skipping (and counting) unusable ones;
    raise InputError when none is left."""
    add_blocks(document, blocks, max_chars, page)
    if not document.paragraphs:
        source = document.source
        if document.skips:
            first = document.skips[0].removeprefix(source).lstrip(":0123456789 ")
            more = len(document.skips) - 1
            also = f"; {more} more skipped" if more else ""
            raise InputError(source, f"no paragraph could be read ({first}{also})")
        raise InputError(source, "no paragraph found")
    return document


def add_blocks(
    document: Document, blocks: list[Block], max_chars: int, page: PageInfo = NO_PAGE, first: int = 0
) -> None:
    """Add ``blocks`` to ``document`` as its paragraphs ``first``, ``first + 1``…, skipping (and
    counting) those too long or holding undecodable bytes."""
    source = document.source
    for index, block in enumerate(blocks, start=first):
        where = f"{source}:{block.line}" if block.line is not None else source
        if len(block.text) > max_chars:
            document.skip(
                TOO_LONG,
                f"{where}: paragraph {index} is {len(block.text):,} characters long "
                f"(limit {max_chars:,}, see --max-chars); skipped",
            )
            continue
        if has_undecodable(block.text):
            document.skip(UNDECODABLE, f"{where}: paragraph {index} holds bytes that are not UTF-8; skipped")
            continue
        pid = block.id if block.id is not None else f"{source}:{index}"
        position = index if block.position is None else block.position
        document.paragraphs.append(
            Paragraph(source, index, pid, block.text, block.line, block.kind, position, page)
        )


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


_MARKDOWN_HEADING = re.compile(r"#{1,6}\s")


def _text_blocks(text: str) -> list[Block]:
    """Blank-line separated blocks; one paragraph per line when the text has no blank line.

    A block that is one markdown heading line (``# Titre``) is of kind ``heading``.
    """
    lines = text.splitlines()
    content = [i for i, line in enumerate(lines) if line.strip() and not _MARKUP_ONLY.match(line)]
    has_blank = any(not lines[i].strip() for i in range(content[0], content[-1])) if content else False
    blocks: list[Block] = []
    current: list[int] = []

    def close() -> None:
        if current:
            content = "\n".join(lines[i].strip() for i in current)
            heading = len(current) == 1 and _MARKDOWN_HEADING.match(content) is not None
            blocks.append(Block(None, content, current[0] + 1, "heading" if heading else "paragraph"))
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


def _jsonl_blocks(document: Document, text: str, columns: Columns = DEFAULT_COLUMNS) -> list[Block]:
    """One block per JSONL record; malformed lines are skipped on ``document`` (not the whole file)."""
    blocks = (jsonl_block(document, number, line, columns) for number, line in enumerate(text.splitlines(), 1))
    return [block for block in blocks if block is not None]


def jsonl_block(document: Document, number: int, line: str, columns: Columns = DEFAULT_COLUMNS) -> Block | None:
    """The block of JSONL line ``number`` (None for a blank line, or a malformed one: skipped on
    ``document``)."""
    if not line.strip():
        return None
    source = document.source
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        document.skip(BAD_JSONL, f"{source}:{number}: invalid JSON ({error.msg}); skipped")
        return None
    if not isinstance(record, dict) or not isinstance(record.get(columns.text), str):
        document.skip(BAD_JSONL, f"{source}:{number}: not an object with a {columns.text!r} string; skipped")
        return None
    if not record[columns.text].strip():
        document.skip(BAD_JSONL, f"{source}:{number}: empty {columns.text!r}; skipped")
        return None
    record_id = record.get(columns.id_or_default)
    return Block(None if record_id is None else str(record_id), record[columns.text].strip(), number)
