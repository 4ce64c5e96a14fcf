"""Per-token surprise from a transformers causal language model (``--fluency-model``), for users who have one.

The model is named by a Hugging Face id or a local folder; it is loaded once per process, offline first
(``local_files_only``) so a cached or local model never triggers a download.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any

from mtaudit.errors import MtauditError

BATCH_SIZE = 16
MAX_TOKENS = 512


class CausalLMScorer:
    """Surprise (nats) of each token of a sentence given the preceding ones, under a causal LM."""

    def __init__(self, name: str) -> None:
        import torch
        from transformers import AutoModelForCausalLM, AutoTokenizer

        self.name = name
        try:
            self.tokenizer = AutoTokenizer.from_pretrained(name, local_files_only=True)
            self.model = AutoModelForCausalLM.from_pretrained(name, local_files_only=True)
        except (OSError, ValueError) as problem:
            reason = (str(problem).strip().splitlines() or [type(problem).__name__])[0]
            raise MtauditError(f"fluency model {name!r} cannot be loaded offline: {reason}") from None
        self.model.eval()
        self.torch = torch
        limit = getattr(self.model.config, "max_position_embeddings", None) or MAX_TOKENS
        self.max_tokens = min(limit, MAX_TOKENS)
        if self.tokenizer.pad_token is None:
            self.tokenizer.pad_token = self.tokenizer.eos_token or self.tokenizer.unk_token
        self.tokenizer.padding_side = "right"

    def signature(self) -> dict[str, Any]:
        """The model's name and revision (when it was loaded from the Hugging Face cache)."""
        return {"name": self.name, "revision": getattr(self.model.config, "_commit_hash", None)}

    def surprises(self, texts: Sequence[str]) -> list[list[float]]:
        """For each text, the surprise in nats of each of its tokens (the first token too, after BOS)."""
        results: list[list[float]] = []
        for first in range(0, len(texts), BATCH_SIZE):
            results.extend(self._batch(list(texts[first : first + BATCH_SIZE])))
        return results

    def _batch(self, texts: list[str]) -> list[list[float]]:
        torch = self.torch
        bos = self.tokenizer.bos_token or self.tokenizer.eos_token or ""
        encoded = self.tokenizer(
            [bos + text for text in texts],
            return_tensors="pt",
            padding=True,
            truncation=True,
            max_length=self.max_tokens,
            add_special_tokens=False,
        )
        with torch.no_grad():
            logits = self.model(**encoded).logits
        log_probs = torch.log_softmax(logits[:, :-1].float(), dim=-1)
        targets = encoded["input_ids"][:, 1:]
        token_log_probs = log_probs.gather(-1, targets.unsqueeze(-1)).squeeze(-1)
        mask = encoded["attention_mask"][:, 1:].bool()
        return [[-float(x) for x in row[keep]] for row, keep in zip(token_log_probs, mask, strict=True)]


@cache
def load_causal_lm(name: str) -> CausalLMScorer:
    """Load (once) the causal LM ``name``; MtauditError with one line if it cannot be had offline."""
    return CausalLMScorer(name)
