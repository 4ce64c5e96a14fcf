"""Derived data kept between runs in the user's cache folder (e.g. ``~/.cache/mtaudit/derived``), so that
start-up reads a ready file instead of rebuilding it from the installed packages each time.

An entry holds a few lists of strings (e.g. a lexicon's word forms, :func:`cached_lists`) or a JSON
document (e.g. the shipped detector model, :func:`cached_document`), as one UTF-8 text file. Its name
holds a hash of the *key*: everything the data is derived from (a format version, the versions of the
packages or the hash of the file it comes from, the settings of the build); a new key is a new file, so a
stale entry is never read, and writing an entry removes all but the few newest of the same name. The
file's first line repeats the key's hash and the length of each list, and it is written to a temporary
file and then renamed, so that a reader never sees half a file. Whatever goes wrong with the cache (a
folder that cannot be written, a damaged file) only costs time: the data is then built in memory, as
without a cache.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import tempfile
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import Any

FORMAT = "mtaudit-derived 1"
FOLDER = "derived"
# A document's strings at least this long are stored on lines of their own, outside its JSON.
LONG_STRING = 1000
# In a stored document's JSON, the object {_SET_ASIDE: k} stands for the k-th string set aside.
_SET_ASIDE = "\x00string"
KEPT = 3  # entries kept per name (e.g. the detectors of a few installed versions), the newest
FEW_LINES = 10_000  # an entry with at most this many lines is decoded line by line
_DIGEST = re.compile(r"[0-9a-f]{32}")


def cache_folder() -> Path:
    """The folder of derived data in the user's cache folder."""
    from platformdirs import user_cache_path

    return user_cache_path("mtaudit") / FOLDER


def cached_lists(
    name: str, key: dict[str, Any], build: Callable[[], Sequence[Sequence[str]]]
) -> list[list[str]]:
    """The lists of strings that ``build()`` returns, read from the cache entry of ``name`` and ``key``
    when it holds them; built (and stored, when the folder can be written) otherwise."""
    path, digest = _entry(name, key)
    found = _read(path, digest)
    if found is not None:
        return found
    lists = [list(items) for items in build()]
    _write(path, digest, lists)
    return lists


def cached_document(name: str, key: dict[str, Any], build: Callable[[], Any]) -> Any:
    """The JSON-ready document (dicts, lists, strings, numbers) that ``build()`` returns, cached like
    :func:`cached_lists`. Its long strings are stored apart from the rest, which alone is parsed as JSON
    when it is read back: a document that is mostly long strings (base64 arrays) reads fast."""
    path, digest = _entry(name, key)
    found = _read(path, digest)
    if found is not None and len(found) == 2 and len(found[0]) == 1:
        try:
            return json.loads(found[0][0], object_hook=partial(_put_back, found[1]))
        except (ValueError, IndexError, TypeError):
            pass  # a damaged entry: built again below
    document = build()
    strings: list[str] = []
    try:
        rest = json.dumps(_set_aside(document, strings), ensure_ascii=False, separators=(",", ":"))
    except (TypeError, ValueError):  # not JSON data, or it holds what stands for a string set aside
        return document
    _write(path, digest, [[rest], strings])
    return document


def _set_aside(value: Any, strings: list[str]) -> Any:
    """``value`` with its long strings (those without a newline) replaced by ``{_SET_ASIDE: k}``, the
    strings appended to ``strings``."""
    if isinstance(value, str):
        if len(value) < LONG_STRING or "\n" in value:
            return value
        strings.append(value)
        return {_SET_ASIDE: len(strings) - 1}
    if isinstance(value, dict):
        if _SET_ASIDE in value:
            raise ValueError("the document holds the key that marks strings set aside")
        return {k: _set_aside(v, strings) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_set_aside(v, strings) for v in value]
    return value


def _put_back(strings: list[str], value: dict[str, Any]) -> Any:
    """The string a ``{_SET_ASIDE: k}`` object stands for; any other object as it is."""
    if len(value) == 1 and _SET_ASIDE in value:
        return strings[value[_SET_ASIDE]]
    return value


def _entry(name: str, key: dict[str, Any]) -> tuple[Path, str]:
    """The path of the entry of ``name`` and ``key``, and the key's hash."""
    digest = hashlib.sha256(json.dumps(key, sort_keys=True).encode()).hexdigest()[:32]
    return cache_folder() / f"{name}-{digest}.txt", digest


def _read(path: Path, digest: str) -> list[list[str]] | None:
    """The lists stored at ``path``, or None when it is missing, unreadable or not a whole entry."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    fields = data[: data.find(b"\n")].decode("ascii", "replace").split(" ")
    if " ".join(fields[:2]) != FORMAT or fields[2:3] != [digest]:
        return None
    try:
        sizes = [int(size) for size in fields[3:]]
        # few long lines decode fastest one by one (most are ASCII), many short ones all at once
        if sum(sizes) <= FEW_LINES:
            lines = [line.decode("utf-8") for line in data.split(b"\n")][1:]
        else:
            lines = data.decode("utf-8").split("\n")[1:]
    except (ValueError, UnicodeDecodeError):
        return None
    if lines[-1:] != [""] or len(lines) != sum(sizes) + 1:  # every line ends with a newline
        return None
    lists, start = [], 0
    for size in sizes:
        lists.append(lines[start : start + size])
        start += size
    return lists


def _write(path: Path, digest: str, lists: list[list[str]]) -> None:
    """Store ``lists`` at ``path`` (atomically) and remove the oldest entries of its name; nothing is
    stored when an item holds a newline or is not valid Unicode, or the folder cannot be written."""
    if any("\n" in item for items in lists for item in items):
        return
    header = " ".join([FORMAT, digest, *(str(len(items)) for items in lists)])
    try:
        data = "".join(f"{line}\n" for line in [header, *(item for items in lists for item in items)])
        encoded = data.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError:
        return
    try:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(encoded)
        os.replace(temporary, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        return
    _remove_older(path, path.name[: -len(f"-{digest}.txt")])


def _remove_older(path: Path, name: str) -> None:
    """Remove the entries of ``name`` beyond the ``KEPT`` most recently written (``path`` among them)."""
    entries = []
    for entry in path.parent.glob(f"{name}-*.txt"):
        if _DIGEST.fullmatch(entry.name[len(name) + 1 : -4]):
            with contextlib.suppress(OSError):
                entries.append((entry != path, -entry.stat().st_mtime_ns, entry))
    for _, _, entry in sorted(entries)[KEPT:]:
        with contextlib.suppress(OSError):
            entry.unlink()
