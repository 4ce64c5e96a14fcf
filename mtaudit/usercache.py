"""Derived data kept between runs in the user's cache folder (e.g. ``~/.cache/mtaudit/derived``), so that
start-up reads a ready file instead of rebuilding it from the installed packages each time.

An entry is a few lists of strings (e.g. a lexicon's word forms), stored as one UTF-8 text file. Its
name holds a hash of the *key*: everything the data is derived from (a format version, the versions of the
packages it comes from, the settings of the build); a new key is a new file, so a stale entry is never
read. The file's first line repeats the key's hash and the length of each list, and it is written to a
temporary file and then renamed, so that a reader never sees half a file. Whatever goes wrong with the
cache (a folder that cannot be written, a damaged file) only costs time: the data is then built in
memory, as without a cache.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

FORMAT = "mtaudit-derived 1"
FOLDER = "derived"


def cache_folder() -> Path:
    """The folder of derived data in the user's cache folder."""
    from platformdirs import user_cache_path

    return user_cache_path("mtaudit") / FOLDER


def cached_lists(
    name: str, key: dict[str, Any], build: Callable[[], Sequence[Sequence[str]]]
) -> list[list[str]]:
    """The lists of strings that ``build()`` returns, read from the cache entry of ``name`` and ``key``
    when it holds them; built (and stored, when the folder can be written) otherwise."""
    digest = hashlib.sha256(json.dumps(key, sort_keys=True).encode()).hexdigest()[:32]
    path = cache_folder() / f"{name}-{digest}.txt"
    found = _read(path, digest)
    if found is not None:
        return found
    lists = [list(items) for items in build()]
    _write(path, digest, lists)
    return lists


def _read(path: Path, digest: str) -> list[list[str]] | None:
    """The lists stored at ``path``, or None when it is missing, unreadable or not a whole entry."""
    try:
        with open(path, encoding="utf-8", newline="") as stream:
            text = stream.read()
    except (OSError, UnicodeDecodeError):
        return None
    header, _, body = text.partition("\n")
    fields = header.split(" ")
    if " ".join(fields[:2]) != FORMAT or fields[2:3] != [digest]:
        return None
    try:
        sizes = [int(size) for size in fields[3:]]
    except ValueError:
        return None
    lines = body.split("\n")
    if lines[-1:] != [""] or len(lines) != sum(sizes) + 1:  # every line ends with a newline
        return None
    lists, start = [], 0
    for size in sizes:
        lists.append(lines[start : start + size])
        start += size
    return lists


def _write(path: Path, digest: str, lists: list[list[str]]) -> None:
    """Store ``lists`` at ``path`` (atomically); nothing is stored when an item holds a newline or the
    folder cannot be written."""
    if any("\n" in item for items in lists for item in items):
        return
    header = " ".join([FORMAT, digest, *(str(len(items)) for items in lists)])
    text = "".join(f"{line}\n" for line in [header, *(item for items in lists for item in items)])
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError:
        return
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        os.replace(temporary, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
