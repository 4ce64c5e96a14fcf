"""Compressed files, read and written as streams: gzip (``.gz``) and Zstandard (``.zst``, the
``zstandard`` package), chosen by the file name's last suffix."""

from __future__ import annotations

import gzip
from pathlib import Path
from typing import IO, Literal

Compression = Literal["gzip", "zstd"]
SUFFIXES: dict[str, Compression] = {".gz": "gzip", ".zst": "zstd"}


def compression_of(name: str | Path) -> Compression | None:
    """The compression a file name says (``.gz``, ``.zst``), else None."""
    return SUFFIXES.get(Path(name).suffix.lower())


def inner_suffix(name: str | Path) -> str:
    """The suffix under the compression's: ``.jsonl`` for ``x.jsonl.gz``, ``.parquet`` for ``x.parquet``."""
    path = Path(name)
    if compression_of(path) is not None:
        path = path.with_suffix("")
    return path.suffix.lower()


def open_decompressed(raw: IO[bytes], compression: Compression | None) -> IO[bytes]:
    """A binary stream of ``raw``'s decompressed bytes (``raw`` itself without compression)."""
    if compression == "gzip":
        return gzip.GzipFile(fileobj=raw, mode="rb")
    if compression == "zstd":
        import zstandard

        return zstandard.ZstdDecompressor().stream_reader(raw, read_across_frames=True)
    return raw


def open_compressed(raw: IO[bytes], compression: Compression | None) -> IO[bytes]:
    """A binary stream that compresses into ``raw``; closing it ends the compressed data (not ``raw``)."""
    if compression == "gzip":
        return gzip.GzipFile(fileobj=raw, mode="wb")
    if compression == "zstd":
        import zstandard

        return zstandard.ZstdCompressor().stream_writer(raw, closefd=False)
    return raw


def decompression_errors() -> tuple[type[BaseException], ...]:
    """The exceptions a corrupt or truncated compressed stream raises while read."""
    import zstandard

    return (gzip.BadGzipFile, EOFError, zstandard.ZstdError)
