"""The learned fluency weights: the machine-translation style table and the deviation's feature weights.

They are learned once from labelled machine and human translations (:mod:`mtaudit.profile.learn`) and
shipped as ``mtaudit/data/fluency-weights.json``, apart from the profile: a profile is built from native
French only (a user's own corpus will do) and takes a copy of the weights it was built with, because its
reference distribution of ``mt_style`` and of the deviation depends on them. The file is JSON::

    {"format": "mtaudit-fluency-weights", "version": 1,
     "combination": {"mt_style": 0.98, ...},     # weight of each feature's clipped z-score in the deviation
     "style": {"w:cependant": 0.41, ...},        # log ratio machine / human per style token
     "learned_from": {...}, "settings": {...}}   # provenance: sources and sha256, paragraph counts, settings

Anything that is not such a file is refused with one line naming the file and the problem.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from mtaudit.errors import MtauditError
from mtaudit.fileformat import check_format

FORMAT = "mtaudit-fluency-weights"
FORMAT_VERSION = 1
DEFAULT_WEIGHTS = "fluency-weights.json"
REBUILD_HINT = "python3 scripts/fluency_weights.py"


@dataclass
class FluencyWeights:
    """Feature weights of the deviation, the style table, and where they were learned from."""

    combination: dict[str, float]
    style: dict[str, float]
    learned_from: dict[str, Any] = field(default_factory=dict)
    settings: dict[str, Any] = field(default_factory=dict)
    name: str = ""
    sha256: str = ""

    def signature(self) -> dict[str, Any]:
        """What identifies the weights in a profile and a report's signature."""
        return {"name": self.name, "sha256": self.sha256[:16], "combination": self.combination}

    def to_json(self) -> str:
        """The weights file's text."""
        record = {
            "format": FORMAT,
            "version": FORMAT_VERSION,
            "combination": self.combination,
            "settings": self.settings,
            "learned_from": self.learned_from,
            "style": self.style,
        }
        return json.dumps(record, ensure_ascii=False, indent=1) + "\n"


def default_weights_path() -> Path:
    """Where the weights shipped with the package live."""
    return Path(str(resources.files("mtaudit").joinpath("data", DEFAULT_WEIGHTS)))


def save_weights(weights: FluencyWeights, path: Path) -> None:
    """Write ``weights`` to ``path`` (atomically)."""
    partial = path.with_name(path.name + ".partial")
    try:
        partial.write_text(weights.to_json(), encoding="utf-8")
        os.replace(partial, path)
    except OSError as problem:
        partial.unlink(missing_ok=True)
        raise MtauditError(
            f"{path}: cannot write the fluency weights ({problem.strerror or problem})"
        ) from None


def load_weights(path: Path, features: tuple[str, ...] | list[str]) -> FluencyWeights:
    """Read a weights file whose combination may only name ``features``; MtauditError with one line if
    it is missing, foreign or damaged."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise MtauditError(f"{path}: fluency weights not found; rebuild them with '{REBUILD_HINT}'") from None
    except OSError as problem:
        raise MtauditError(
            f"{path}: cannot read the fluency weights ({problem.strerror or problem})"
        ) from None
    try:
        record = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise MtauditError(f"{path}: not an mtaudit fluency weights file (not JSON)") from None
    check_format(
        path,
        record,
        kind="fluency weights file",
        name=FORMAT,
        version=FORMAT_VERSION,
        remedy="relearn them with scripts/fluency_weights.py",
    )
    combination = _numbers(path, record, "combination")
    unknown = sorted(set(combination) - set(features))
    if unknown:
        raise MtauditError(f"{path}: damaged fluency weights file (unknown feature {unknown[0]!r})")
    return FluencyWeights(
        combination=combination,
        style=_numbers(path, record, "style"),
        learned_from=record.get("learned_from") or {},
        settings=record.get("settings") or {},
        name=path.name,
        sha256=hashlib.sha256(raw).hexdigest(),
    )


def _numbers(path: Path, record: dict[str, Any], key: str) -> dict[str, float]:
    """``record[key]`` as a mapping of names to finite numbers."""
    table = record.get(key)
    if not isinstance(table, dict) or not table:
        raise MtauditError(f"{path}: damaged fluency weights file (no {key!r} table)")
    for name, value in table.items():
        if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
            raise MtauditError(f"{path}: damaged fluency weights file ({key} {name!r} is not a number)")
    return {name: float(value) for name, value in table.items()}
