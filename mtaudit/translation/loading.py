"""The one place that finds and loads MarianMT models: a local folder, the Hugging Face cache, or the hub.

Finding a model (:func:`resolve_model`) is cheap and happens before the audit starts, so the report
signature can name the exact revision; loading the weights (:func:`load_marian`) happens once, on the
first sentence that is not in the translation cache. A model that cannot be had raises
:class:`ModelUnavailable` within seconds: the cache is tried first with ``local_files_only``, and the hub
only when ``HF_HUB_OFFLINE`` is not set, with a short timeout.
"""

from __future__ import annotations

import hashlib
import json
import os
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from mtaudit.errors import MtauditError

DEFAULT_FR_EN = "Helsinki-NLP/opus-mt-fr-en"
DEFAULT_EN_FR = "Helsinki-NLP/opus-mt-en-fr"
HUB_TIMEOUT_S = 5.0
WEIGHT_FILES = ("model.safetensors", "pytorch_model.bin")
TOKENIZER_FILES = ("source.spm", "target.spm", "vocab.json")
OPTIONAL_FILES = (
    "generation_config.json",
    "tokenizer_config.json",
    "special_tokens_map.json",
    "target_vocab.json",
)
_TRUE = {"1", "on", "yes", "true"}

Origin = Literal["folder", "hf-cache", "hub"]


class ModelUnavailable(MtauditError):
    """A translation model that cannot be had; ``str()`` says which one, why, and how to provide it."""

    def __init__(self, model: str, reason: str, option: str) -> None:
        self.model = model
        self.reason = reason
        super().__init__(
            f"MarianMT model {model} is unavailable ({reason}); pass a local model folder with {option}, "
            f"or download it once with internet access (e.g. `hf download {model}`) so the Hugging Face "
            "cache holds it"
        )


@dataclass(frozen=True)
class ModelSource:
    """Where a model's files are and which exact revision they are."""

    name: str
    folder: Path
    revision: str
    origin: Origin

    def signature(self) -> dict[str, Any]:
        """Model name, revision and where it came from, for the report signature."""
        return {"model": self.name, "revision": self.revision, "origin": self.origin}


def resolve_model(name: str, option: str) -> ModelSource:
    """Find model ``name`` (a folder or a hub id) on disk, downloading it only if the hub is allowed.

    ``option`` is the command-line option that sets the model, named in the message when it is missing.
    """
    path = Path(name).expanduser()
    if path.is_dir():
        folder = path.resolve()
        _check_files(name, folder, option)
        return ModelSource(str(folder), folder, _folder_digest(folder), "folder")
    if path.exists() or name.startswith((".", "/", "~")) or name.count("/") > 1:
        raise ModelUnavailable(name, "no such model folder", option)
    folder = _from_cache(name)
    if folder is not None:
        _check_files(name, folder, option)
        return ModelSource(name, folder, folder.name, "hf-cache")
    if hub_offline():
        raise ModelUnavailable(name, "not in the Hugging Face cache, and HF_HUB_OFFLINE is set", option)
    folder = _download(name, option)
    _check_files(name, folder, option)
    return ModelSource(name, folder, folder.name, "hub")


def hub_offline() -> bool:
    """Whether the user forbade hub access (``HF_HUB_OFFLINE`` or ``TRANSFORMERS_OFFLINE``)."""
    return any(
        os.environ.get(var, "").strip().lower() in _TRUE for var in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE")
    )


def load_marian(
    source: ModelSource, device: str, quantize: str | None
):  # -> (MarianTokenizer, MarianMTModel)
    """Load tokenizer and model from ``source.folder`` (never from the network), ready for inference."""
    import torch
    import transformers
    from transformers import MarianMTModel, MarianTokenizer

    transformers.utils.logging.set_verbosity_error()
    transformers.utils.logging.disable_progress_bar()
    try:
        tokenizer = MarianTokenizer.from_pretrained(source.folder, local_files_only=True)
        model = MarianMTModel.from_pretrained(source.folder, local_files_only=True)
    except (OSError, ValueError, KeyError, RuntimeError) as problem:
        raise MtauditError(f"{source.folder}: cannot load the MarianMT model ({problem})") from None
    model = model.float().eval()
    if quantize == "int8":
        from torch.ao.quantization import quantize_dynamic

        with warnings.catch_warnings():  # torch.ao still works but announces its move to torchao
            warnings.simplefilter("ignore")
            model = quantize_dynamic(model, {torch.nn.Linear}, dtype=torch.qint8, inplace=True)
    return tokenizer, model.to(device)


def _from_cache(name: str) -> Path | None:
    if not (_hub_cache() / f"models--{name.replace('/', '--')}").is_dir():
        return None  # not cached: no need to import huggingface_hub to know it
    from huggingface_hub import snapshot_download

    try:
        return Path(snapshot_download(name, local_files_only=True))
    except Exception:  # not cached, or not a valid repo id: both mean "not in the cache"
        return None


def _hub_cache() -> Path:
    """The Hugging Face hub cache folder, located as huggingface_hub locates it."""
    if os.environ.get("HF_HUB_CACHE"):
        return Path(os.environ["HF_HUB_CACHE"]).expanduser()
    home = os.environ.get("HF_HOME") or Path(os.environ.get("XDG_CACHE_HOME", "~/.cache")) / "huggingface"
    return Path(home).expanduser() / "hub"


def _download(name: str, option: str) -> Path:
    from huggingface_hub import HfApi, snapshot_download

    try:
        info = HfApi().model_info(name, timeout=HUB_TIMEOUT_S)
        files = {sibling.rfilename for sibling in info.siblings or []}
        weights = next((w for w in WEIGHT_FILES if w in files), WEIGHT_FILES[0])
        wanted = ["config.json", weights, *TOKENIZER_FILES, *OPTIONAL_FILES]
        folder = snapshot_download(name, revision=info.sha, allow_patterns=wanted, etag_timeout=HUB_TIMEOUT_S)
    except Exception as problem:  # network, unknown repo, permissions: all mean "cannot be had now"
        first_line = (str(problem).strip().splitlines() or [type(problem).__name__])[0]
        raise ModelUnavailable(
            name, f"not in the Hugging Face cache, and the hub failed: {first_line}", option
        ) from None
    return Path(folder)


def _check_files(name: str, folder: Path, option: str) -> None:
    missing = [f for f in ("config.json", *TOKENIZER_FILES) if not (folder / f).is_file()]
    if not any((folder / w).is_file() for w in WEIGHT_FILES):
        missing.append(" or ".join(WEIGHT_FILES))
    if missing:
        raise ModelUnavailable(name, f"{folder} lacks {', '.join(missing)}", option)
    try:
        model_type = json.loads((folder / "config.json").read_text("utf-8")).get("model_type")
    except (OSError, ValueError) as problem:
        raise ModelUnavailable(name, f"{folder / 'config.json'} is unreadable ({problem})", option) from None
    if model_type != "marian":
        raise ModelUnavailable(name, f"{folder} holds a {model_type!r} model, not a MarianMT one", option)


def _folder_digest(folder: Path) -> str:
    """A content hash of a local model folder: its revision, so a changed model never hits old cache rows."""
    digest = hashlib.sha256()
    for name in sorted(("config.json", *WEIGHT_FILES, *TOKENIZER_FILES, *OPTIONAL_FILES)):
        file = folder / name
        if file.is_file():
            digest.update(name.encode() + b"\0")
            with file.open("rb") as handle:
                while chunk := handle.read(1 << 20):
                    digest.update(chunk)
    return "sha256:" + digest.hexdigest()[:16]
