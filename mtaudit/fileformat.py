"""What mtaudit's versioned data files (profiles, fluency weights, detector models) share: the header
check, and the file hashes that record what they were built from."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from mtaudit.errors import MtauditError


def check_format(
    path: Path, data: Any, *, kind: str, name: str, version: int, remedy: str, version_key: str = "version"
) -> None:
    """Raise a one-line MtauditError unless ``data`` is a ``name`` file of format ``version``."""
    if not isinstance(data, dict) or data.get("format") != name:
        raise MtauditError(f"{path}: not an mtaudit {kind} (format is not {name!r})")
    if data.get(version_key) != version:
        raise MtauditError(
            f"{path}: {kind} format version {data.get(version_key)} is not supported "
            f"(this mtaudit reads version {version}); {remedy}"
        )


def file_sha256(path: str | Path) -> str:
    """The sha256 of a file's bytes (hex), to record or recognise what a model was built from."""
    digest = hashlib.sha256()
    with Path(path).open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
