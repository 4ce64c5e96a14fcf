"""Paths and loaders for the labelled dev data in ../shared (present for developers and CI only)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
DEV = SHARED / "data" / "dev" / "paragraphs.jsonl"
HUMAN = SHARED / "data" / "human"
OTHERMT = SHARED / "data" / "othermt" / "paragraphs.jsonl"


def require_shared() -> None:
    """Exit with a one-line message when ../shared is absent."""
    if not DEV.exists():
        sys.exit(f"{DEV}: not found; this script needs the project's ../shared data")


def dev_records() -> list[dict]:
    """The labelled dev paragraphs (machine vs human translation, 4 lines each)."""
    return [json.loads(line) for line in DEV.open(encoding="utf-8")]


def human_paragraphs(name: str, lines_per_paragraph: int = 4, limit: int | None = None) -> list[str]:
    """Consecutive lines of one ../shared/data/human file grouped into paragraphs."""
    lines = [line.strip() for line in (HUMAN / name).open(encoding="utf-8") if line.strip()]
    paragraphs = [
        " ".join(lines[i : i + lines_per_paragraph]) for i in range(0, len(lines), lines_per_paragraph)
    ]
    return paragraphs[:limit]


def normaliser():
    """The typography normalisation that the hidden benchmark applies to every paragraph."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("normalise", SHARED / "data" / "normalise.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.normalise
