"""The profile file: a compressed numpy archive (``.npz``) of statistics and model parameters.

It holds a JSON metadata record (format name and version, what it was built from, settings, the learned
deviation weights it was built with), the two n-gram models as arrays of ids and log-probabilities, the
machine-translation style table (tokens and weights), and the reference statistics — never the corpus's
sentences. It is read with ``allow_pickle=False``; anything that is not a readable profile of this
format version is refused with one line naming the file and the problem.
"""

from __future__ import annotations

import hashlib
import json
import os
import zipfile
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from mtaudit.errors import MtauditError
from mtaudit.fileformat import check_format
from mtaudit.profile.ngram import NgramModel
from mtaudit.profile.reference import DISFLUENT_FROM, DISFLUENT_SLOPE, LEARNED_CLIP, Reference
from mtaudit.profile.weights import FluencyWeights

FORMAT = "mtaudit-profile"
FORMAT_VERSION = 2
WORD_ORDER = 3
SYNTAX_ORDER = 4
DEFAULT_PROFILE = "profile-default.npz"
REBUILD_HINT = "python3 -m mtaudit profile build ../shared/data/human -o mtaudit/data/profile-default.npz"


@dataclass
class Profile:
    """A native-French reference profile: metadata, the word and syntax models, the reference statistics."""

    meta: dict[str, Any]
    word_lm: NgramModel
    syntax_lm: NgramModel
    reference: Reference
    weights: FluencyWeights
    sha256: str = ""

    @property
    def fluency_model(self) -> str | None:
        """The transformers causal LM the profile was built with, if any."""
        return self.meta.get("fluency_model")

    def signature(self) -> dict[str, Any]:
        """What identifies this profile in a report's signature."""
        return {
            "profile": self.meta.get("name", ""),
            "profile_sha256": self.sha256[:16],
            "format_version": self.meta["version"],
            "word_model": f"kneser-ney-{self.word_lm.order}gram",
            "syntax_model": f"kneser-ney-{self.syntax_lm.order}gram",
            "fluency_model": self.fluency_model,
            "deviation": {
                "formula": f"sum(w*clip(z,±{LEARNED_CLIP:g})) + {DISFLUENT_SLOPE:g}*sum(max(0, s*z - "
                f"{DISFLUENT_FROM:g})), see mtaudit/profile/reference.py",
                "weights": self.weights.signature(),
            },
        }


def default_profile_path() -> Path:
    """Where the profile shipped with the package lives."""
    return Path(str(resources.files("mtaudit").joinpath("data", DEFAULT_PROFILE)))


def save_profile(profile: Profile, path: Path) -> None:
    """Write ``profile`` to ``path`` (atomically: a partly written file never replaces a good one)."""
    weights = profile.weights
    described = {
        "name": weights.name,
        "sha256": weights.sha256,
        "combination": weights.combination,
        "settings": weights.settings,
        "learned_from": weights.learned_from,
    }
    meta = json.dumps({**profile.meta, "weights": described}, ensure_ascii=False, sort_keys=True).encode(
        "utf-8"
    )
    tokens = list(weights.style)
    arrays = {
        "meta": np.frombuffer(meta, dtype=np.uint8),
        **profile.word_lm.to_arrays("word"),
        **profile.syntax_lm.to_arrays("syntax"),
        **profile.reference.to_arrays(),
        "style.tokens": np.frombuffer("\n".join(tokens).encode("utf-8"), dtype=np.uint8),
        "style.weights": np.array([weights.style[t] for t in tokens], dtype=np.float64),
    }
    partial = path.with_name(path.name + ".partial")
    try:
        with partial.open("wb") as stream:
            np.savez_compressed(stream, **arrays)
        os.replace(partial, path)
    except OSError as problem:
        partial.unlink(missing_ok=True)
        raise MtauditError(f"{path}: cannot write the profile ({problem.strerror or problem})") from None


def load_profile(path: Path) -> Profile:
    """Read a profile file; MtauditError with a one-line reason if it is missing, foreign or damaged."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise MtauditError(f"{path}: profile not found") from None
    except OSError as problem:
        raise MtauditError(f"{path}: cannot read the profile ({problem.strerror or problem})") from None
    if not raw.startswith(b"PK"):
        raise MtauditError(f"{path}: not an mtaudit profile (not a numpy .npz archive)")
    try:
        with np.load(path, allow_pickle=False) as archive:
            arrays = {name: archive[name] for name in archive.files}
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, KeyError) as problem:
        raise MtauditError(f"{path}: damaged profile file ({problem})") from None
    meta = _read_meta(path, arrays)
    try:
        profile = Profile(
            meta=meta,
            word_lm=NgramModel.from_arrays(arrays, "word", meta["word_order"]),
            syntax_lm=NgramModel.from_arrays(arrays, "syntax", meta["syntax_order"]),
            reference=Reference.from_arrays(arrays, meta["features"]),
            weights=_read_weights(arrays, meta["weights"]),
            sha256=hashlib.sha256(raw).hexdigest(),
        )
    except (KeyError, ValueError, TypeError, UnicodeDecodeError) as problem:
        raise MtauditError(f"{path}: damaged profile file (missing or malformed {problem})") from None
    if profile.reference.center.shape[1] != len(meta["features"]):
        raise MtauditError(f"{path}: damaged profile file (reference does not match its feature list)")
    if not set(profile.weights.combination) <= set(meta["features"]):
        raise MtauditError(f"{path}: damaged profile file (weights name features it does not measure)")
    return profile


def _read_weights(arrays: dict[str, np.ndarray], described: dict[str, Any]) -> FluencyWeights:
    """The copy of the learned weights that a profile was built with."""
    tokens = arrays["style.tokens"].tobytes().decode("utf-8").split("\n")
    values = arrays["style.weights"]
    if len(tokens) != len(values):
        raise ValueError("style table")
    return FluencyWeights(
        combination={name: float(w) for name, w in described["combination"].items()},
        style=dict(zip(tokens, values.tolist(), strict=True)),
        learned_from=described.get("learned_from", {}),
        settings=described.get("settings", {}),
        name=described["name"],
        sha256=described["sha256"],
    )


def _read_meta(path: Path, arrays: dict[str, np.ndarray]) -> dict[str, Any]:
    if "meta" not in arrays:
        raise MtauditError(f"{path}: not an mtaudit profile (no profile metadata in the archive)")
    try:
        meta = json.loads(arrays["meta"].tobytes().decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise MtauditError(f"{path}: damaged profile file (unreadable metadata)") from None
    check_format(
        path,
        meta,
        kind="profile",
        name=FORMAT,
        version=FORMAT_VERSION,
        remedy="rebuild it with 'mtaudit profile build'",
    )
    return meta
