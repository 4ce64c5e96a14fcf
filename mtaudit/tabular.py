"""Corpus-scale inputs read as a stream of chunks: Parquet files (batch by batch, only the text and id
columns) and compressed JSONL (``.jsonl.gz``, ``.jsonl.zst``, line by line), so that memory stays flat
whatever the input size.

Each chunk is a :class:`~mtaudit.ingest.Document` of the whole file's name holding at most
:data:`CHUNK_ROWS` paragraphs, numbered across the file (``paragraph`` is the row's 0-based index).
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

from mtaudit.compression import compression_of, decompression_errors, inner_suffix, open_decompressed
from mtaudit.errors import InputError
from mtaudit.ingest import (
    DEFAULT_COLUMNS,
    JSONL_SUFFIXES,
    STDIN,
    Block,
    Columns,
    Document,
    add_blocks,
    jsonl_block,
)

CHUNK_ROWS = 1000
PARQUET_SUFFIX = ".parquet"
NO_TEXT = "row without text"


def is_streamed(source: str) -> bool:
    """Whether ``source`` is read in chunks: a Parquet file, or compressed JSONL."""
    if source == STDIN:
        return False
    if Path(source).suffix.lower() == PARQUET_SUFFIX:
        return True
    return compression_of(source) is not None and inner_suffix(source) in JSONL_SUFFIXES


def read_chunks(source: str, max_chars: int, columns: Columns = DEFAULT_COLUMNS) -> Iterator[Document]:
    """Yield ``source``'s paragraphs chunk by chunk, numbered across the file (rows that cannot be audited are skipped and
    counted on their chunk); raise InputError when the file cannot be read, also after some chunks,
    or when it holds no usable row."""
    rows = _parquet_rows(source, columns) if Path(source).suffix.lower() == PARQUET_SUFFIX else None
    chunks = _parquet_chunks(source, rows) if rows is not None else _jsonl_chunks(source, columns)
    first = found = skipped = 0
    for document, blocks in chunks:
        add_blocks(document, blocks, max_chars, first=first)
        first += len(blocks)
        found += len(document.paragraphs)
        skipped += len(document.skips)
        yield document
    if not found:
        raise InputError(source, "no paragraph could be read" if skipped else "no paragraph found")


Chunk = tuple[Document, list[Block]]  # a chunk's document (with the rows it skipped) and its blocks


def _parquet_rows(source: str, columns: Columns):
    """The Parquet file's batches of (text, id) columns; InputError for a file or column problem."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        parquet = pq.ParquetFile(source)
    except (pa.ArrowException, OSError) as problem:
        raise InputError(source, f"not a readable Parquet file ({_first_line(problem)})") from None
    names = parquet.schema_arrow.names
    if columns.text not in names:
        raise InputError(
            source, f"no column {columns.text!r} (columns: {', '.join(names)}); choose one with --text-column"
        )
    if columns.id is not None and columns.id not in names:
        raise InputError(
            source, f"no column {columns.id!r} (columns: {', '.join(names)}); choose one with --id-column"
        )
    id_column = columns.id_or_default if columns.id_or_default in names else None
    wanted = [columns.text, *([id_column] if id_column else [])]
    return columns.text, parquet.iter_batches(batch_size=CHUNK_ROWS, columns=wanted)


def _parquet_chunks(source: str, rows) -> Iterator[Chunk]:
    import pyarrow as pa

    text_column, batches = rows
    first = 0
    try:
        for batch in batches:
            texts = batch.column(0).to_pylist()
            ids = batch.column(1).to_pylist() if batch.num_columns > 1 else [None] * len(texts)
            document = Document(source)
            blocks = []
            for row, (text, row_id) in enumerate(zip(texts, ids), start=first):
                if not isinstance(text, str) or not text.strip():
                    document.skip(NO_TEXT, f"{source}: row {row} has no text in {text_column!r}; skipped")
                    continue
                blocks.append(Block(None if row_id is None else str(row_id), text.strip(), None, position=row))
            yield document, blocks
            first += len(texts)
    except (pa.ArrowException, OSError) as problem:
        raise InputError(source, f"unreadable Parquet data after row {first} ({_first_line(problem)})") from None


def _jsonl_chunks(source: str, columns: Columns) -> Iterator[Chunk]:
    errors = decompression_errors()
    kind = compression_of(source)
    number = 0
    try:
        with Path(source).open("rb") as raw:
            lines = io.TextIOWrapper(open_decompressed(raw, kind), encoding="utf-8", errors="surrogateescape")
            document, blocks = Document(source), []
            for number, line in enumerate(lines, start=1):
                block = jsonl_block(document, number, line, columns)
                if block is not None:
                    blocks.append(block)
                if len(blocks) == CHUNK_ROWS:
                    yield document, blocks
                    document, blocks = Document(source), []
            yield document, blocks
    except errors as problem:
        raise InputError(source, f"corrupt {kind} data after line {number} ({problem})") from None
    except OSError as problem:
        raise InputError(source, f"cannot be read ({problem.strerror or problem})") from None


def _first_line(problem: BaseException) -> str:
    return str(problem).strip().splitlines()[0] if str(problem).strip() else type(problem).__name__
