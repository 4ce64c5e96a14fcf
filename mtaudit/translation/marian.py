"""MarianMT translation of sentences: cache first, then length-sorted batches, order restored.

Speed comes from batching sentences of similar length (little padding), ``torch.inference_mode``, an
optional thread count and dynamic int8 quantisation on the CPU. Every output is capped relative to its
own input (``length_ratio × input tokens + length_slack``), so a hallucinating model stops early and a
sentence's translation does not depend on which batch it fell into.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import asdict, dataclass
from functools import cached_property
from typing import Any, Literal

from mtaudit.errors import MtauditError
from mtaudit.translation.cache import TranslationCache
from mtaudit.translation.loading import ModelSource, load_marian
from mtaudit.translation.sentences import Piece

Device = Literal["auto", "cpu", "cuda"]
DEFAULT_MT_BATCH_SIZE = 16
Progress = Callable[[int], None]


@dataclass(frozen=True)
class DecodingSettings:
    """Everything besides the model that decides a translation (in the cache key and the signature)."""

    num_beams: int = 1
    max_input_tokens: int = 256
    length_ratio: float = 1.5
    length_slack: int = 10
    quantize: Literal["int8"] | None = None

    def output_cap(self, input_tokens: int) -> int:
        """The most tokens (end of sentence included) generated for an input of ``input_tokens``."""
        return math.ceil(self.length_ratio * input_tokens) + self.length_slack


def resolve_device(device: Device, quantize: str | None) -> str:
    """``auto`` → ``cuda`` when available (``cpu`` for int8, which runs on the CPU only)."""
    import torch

    if device == "cuda" and quantize == "int8":
        raise MtauditError("--quantize int8 runs on the CPU only; use --device cpu (or auto)")
    if device == "cuda" and not torch.cuda.is_available():
        raise MtauditError("--device cuda: no CUDA device is available to torch")
    if device == "auto":
        return "cuda" if torch.cuda.is_available() and quantize != "int8" else "cpu"
    return device


class MarianTranslator:
    """Translates sentences with one MarianMT model, loaded on the first sentence not in the cache."""

    def __init__(
        self,
        source: ModelSource,
        direction: str,
        settings: DecodingSettings = DecodingSettings(),
        device: Device = "auto",
        batch_size: int = DEFAULT_MT_BATCH_SIZE,
        threads: int | None = None,
        cache: TranslationCache | None = None,
    ) -> None:
        self.source = source
        self.direction = direction
        self.settings = settings
        self.device = resolve_device(device, settings.quantize)
        self.batch_size = batch_size
        self.threads = threads
        self.cache = cache
        self.namespace = cache.register(self.cache_key()) if cache is not None else ""
        self.translated = 0
        self.from_cache = 0

    def cache_key(self) -> dict[str, Any]:
        """Model, revision, direction and decoding settings: what makes two translations interchangeable."""
        return {**self.source.signature(), "direction": self.direction, "decoding": asdict(self.settings)}

    def signature(self) -> dict[str, Any]:
        """The cache key plus where the model ran."""
        return {**self.cache_key(), "device": self.device}

    def translate(self, sentences: list[str], progress: Progress | None = None) -> list[str]:
        """Translate each sentence; results come back in input order, blanks stay blank."""
        unique = [s for s in dict.fromkeys(sentences) if s.strip()]
        done = self.cache.get_many(self.namespace, unique) if self.cache is not None else {}
        self.from_cache += sum(s in done for s in sentences)
        missing = sorted((s for s in unique if s not in done), key=len, reverse=True)
        for start in range(0, len(missing), self.batch_size):
            batch = missing[start : start + self.batch_size]
            fresh = dict(zip(batch, self._generate(batch)))
            if self.cache is not None:
                self.cache.put_many(self.namespace, fresh)
            done.update(fresh)
            self.translated += len(batch)
            if progress is not None:
                progress(len(batch))
        return [done.get(s, "") for s in sentences]

    def translate_pieces(self, texts: list[list[Piece]], progress: Progress | None = None) -> list[list[str]]:
        """Translate the sentences of several split texts at once; one list of translations per text."""
        flat = self.translate([sentence for pieces in texts for sentence, _ in pieces], progress)
        grouped, start = [], 0
        for pieces in texts:
            grouped.append(flat[start : start + len(pieces)])
            start += len(pieces)
        return grouped

    @cached_property
    def _loaded(self):  # -> (MarianTokenizer, MarianMTModel)
        if self.threads:
            import torch

            torch.set_num_threads(self.threads)
        return load_marian(self.source, self.device, self.settings.quantize)

    def _generate(self, batch: list[str]) -> list[str]:
        import torch
        from transformers import LogitsProcessorList

        tokenizer, model = self._loaded
        positions = model.config.max_position_embeddings  # neither side may run past the model's positions
        encoded = tokenizer(
            batch,
            return_tensors="pt",
            padding=True,
            truncation=True,
            max_length=min(self.settings.max_input_tokens, positions),
        ).to(self.device)
        lengths = encoded["attention_mask"].sum(dim=1).tolist()
        caps = [min(self.settings.output_cap(n), positions - 1) for n in lengths]
        cap_rule = RowLengthCap(caps, model.config.eos_token_id, self.settings.num_beams, self.device)
        with torch.inference_mode():
            output = model.generate(
                **encoded,
                num_beams=self.settings.num_beams,
                do_sample=False,
                max_new_tokens=max(caps),
                logits_processor=LogitsProcessorList([cap_rule]),
            )
        return [text.strip() for text in tokenizer.batch_decode(output, skip_special_tokens=True)]


class RowLengthCap:
    """A logits processor that ends each row at its own length cap (``generate`` has one for the batch)."""

    def __init__(self, caps: list[int], eos_token_id: int, num_beams: int, device: str) -> None:
        import torch

        self.caps = torch.tensor(caps, device=device).repeat_interleave(num_beams)
        self.eos = eos_token_id

    def __call__(self, input_ids, scores):  # (rows, length) token ids, (rows, vocab) logits
        due = input_ids.shape[1] >= self.caps  # the decoder-start token counts, so length - 1 are generated
        if due.any():
            scores[due] = float("-inf")
            scores[due, self.eos] = 0.0
        return scores
