"""Safe output files: checked before anything is read, written beside the target, moved into place at the end.

:func:`check_output` refuses an ``-o`` that is one of the inputs (the same file, also through a symbolic or
hard link) or that cannot be written, before any input is read or model loaded. :class:`AtomicOutput`
writes to a temporary file in the target's folder and replaces the target only when the run produced
something (``os.replace``: readers see the old file or the new one, never half of one), so a failed run
never truncates what the user had.
"""

from __future__ import annotations

import io
import os
import sys
import tempfile
from pathlib import Path
from typing import IO

from mtaudit.compression import Compression, open_compressed
from mtaudit.encoding import STDIN
from mtaudit.errors import MtauditError


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.samefile(b)  # same device and inode: symbolic links and hard links included
    except OSError:
        return a.resolve() == b.resolve()


def check_output(output: Path | None, inputs: list[str] | tuple[str, ...] = ()) -> None:
    """Raise a one-line MtauditError when ``output`` is an input, a folder, or cannot be written."""
    if output is None:
        return
    for source in inputs:
        if source != STDIN and Path(source).exists() and output.exists() and _same_file(output, Path(source)):
            raise MtauditError(
                f"{output}: the output is also an input ({source}); writing it would destroy the input, "
                "choose another -o"
            )
    if output.is_dir():
        raise MtauditError(f"{output}: is a folder; give a file name for -o")
    folder = output.parent if str(output.parent) else Path(".")
    if not folder.is_dir():
        raise MtauditError(f"{output}: cannot write (folder {folder} does not exist)")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise MtauditError(f"{output}: cannot write (folder {folder} is not writable)")
    if output.exists() and not os.access(output, os.W_OK):
        raise MtauditError(f"{output}: cannot write (the file is read-only)")


class AtomicOutput:
    """A text stream for ``target`` (or stdout when None) that replaces the target only on :meth:`commit`;
    ``binary`` is the same output as bytes (for binary formats such as Parquet). With ``compression``,
    both write compressed data (gzip or Zstandard).

    Use as a context manager: leaving it without a commit removes the temporary file and leaves the target
    as it was.
    """

    def __init__(self, target: Path | None, compression: Compression | None = None) -> None:
        self.target = target
        self._temp: Path | None = None
        self.stream: IO[str]
        self.binary: IO[bytes]
        if target is None:
            self.stream = sys.stdout
            self.binary = sys.stdout.buffer
            return
        try:
            handle, name = tempfile.mkstemp(
                prefix=f".{target.name}.", suffix=".part", dir=target.parent or "."
            )
        except OSError as problem:
            raise MtauditError(f"{target}: cannot write ({problem.strerror or problem})") from None
        self._temp = Path(name)
        os.chmod(handle, _mode_for(target))
        self._file = os.fdopen(handle, "wb")
        self.binary = open_compressed(self._file, compression)
        self.stream = io.TextIOWrapper(self.binary, encoding="utf-8", newline="", write_through=True)

    def commit(self) -> None:
        """Move the finished file into place (a no-op on stdout)."""
        if self._temp is None or self.target is None:
            self.stream.flush()
            return
        self._close()
        os.replace(self._temp, self.target)
        self._temp = None

    def discard(self) -> None:
        """Drop what was written; the target keeps its previous content."""
        if self._temp is None:
            return
        self._close()
        self._temp.unlink(missing_ok=True)
        self._temp = None

    def _close(self) -> None:
        """Close the text stream, the compressed stream under it (ending the compressed data), the file."""
        if not self.binary.closed:
            self.stream.close()
        self._file.close()

    def __enter__(self) -> AtomicOutput:
        return self

    def __exit__(self, *exc: object) -> None:
        self.discard()


def _mode_for(target: Path) -> int:
    """The permissions the new file gets: those of the file it replaces, else the usual ones (umask)."""
    try:
        return target.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
