"""A persistent SQLite cache of sentence translations, so a re-run translates nothing twice.

Rows are keyed by a namespace and the source sentence. The namespace is a hash of everything that
decides the output: model id and revision, direction and decoding settings; the ``namespaces`` table
keeps its readable form.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from mtaudit.errors import MtauditError

CACHE_FILE = "translations.sqlite3"
_CHUNK = 500  # stays under SQLite's limit on query parameters

_SCHEMA = """
CREATE TABLE IF NOT EXISTS namespaces (namespace TEXT PRIMARY KEY, settings TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS translations (
    namespace TEXT NOT NULL, source TEXT NOT NULL, translation TEXT NOT NULL,
    PRIMARY KEY (namespace, source)
) WITHOUT ROWID;
"""


def default_cache_path() -> Path:
    """The translation cache in the user's cache folder (e.g. ``~/.cache/mtaudit/translations.sqlite3``)."""
    from platformdirs import user_cache_path

    return user_cache_path("mtaudit") / CACHE_FILE


def namespace_of(settings: dict[str, Any]) -> str:
    """A short stable key for one combination of model, revision, direction and decoding settings."""
    return hashlib.sha256(json.dumps(settings, sort_keys=True).encode()).hexdigest()[:24]


class TranslationCache:
    """Sentence translations stored in one SQLite file (safe to share between processes)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self.connection = sqlite3.connect(path, timeout=30)
            self.connection.execute("PRAGMA journal_mode=WAL")
            self.connection.executescript(_SCHEMA)
        except (OSError, sqlite3.Error) as problem:
            raise MtauditError(
                f"{path}: cannot open the translation cache ({problem}); see --cache, --no-cache"
            ) from None

    def register(self, settings: dict[str, Any]) -> str:
        """Record ``settings`` and return their namespace."""
        namespace = namespace_of(settings)
        with self.connection:
            self.connection.execute(
                "INSERT OR IGNORE INTO namespaces VALUES (?, ?)",
                (namespace, json.dumps(settings, sort_keys=True)),
            )
        return namespace

    def get_many(self, namespace: str, sources: Iterable[str]) -> dict[str, str]:
        """The cached translations of those ``sources`` that have one."""
        wanted = list(dict.fromkeys(sources))
        found: dict[str, str] = {}
        for i in range(0, len(wanted), _CHUNK):
            chunk = wanted[i : i + _CHUNK]
            marks = ",".join("?" * len(chunk))
            rows = self.connection.execute(
                f"SELECT source, translation FROM translations WHERE namespace = ? AND source IN ({marks})",
                (namespace, *chunk),
            )
            found.update(rows)
        return found

    def put_many(self, namespace: str, translations: dict[str, str]) -> None:
        """Store ``source → translation`` pairs."""
        with self.connection:
            self.connection.executemany(
                "INSERT OR REPLACE INTO translations VALUES (?, ?, ?)",
                ((namespace, source, target) for source, target in translations.items()),
            )

    def close(self) -> None:
        """Close the database."""
        self.connection.close()
