"""Build a MarianMT model folder with random weights, for tests and benchmarks (it translates nothing).

The folder has everything a real OPUS-MT folder has (``config.json``, weights, ``source.spm``,
``target.spm``, ``vocab.json``, tokenizer config), so it exercises the real loading and generation path.
The sentencepiece model is trained on the few sentences given; ``vocab_size`` pads the vocabulary
with unused pieces to reach a real model's size.
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

SPECIALS = ("</s>", "<unk>")
PAD = "<pad>"

OPUS_MT_SHAPE: dict[str, Any] = {
    "vocab_size": 59514,
    "d_model": 512,
    "encoder_layers": 6,
    "decoder_layers": 6,
    "encoder_attention_heads": 8,
    "decoder_attention_heads": 8,
    "encoder_ffn_dim": 2048,
    "decoder_ffn_dim": 2048,
    "max_position_embeddings": 512,
    "activation_function": "swish",
    "scale_embedding": True,
}
"""The shape of Helsinki-NLP/opus-mt-fr-en (and en-fr): 6+6 layers, d_model 512, 8 heads, FFN 2048."""


def build_random_marian(
    folder: Path,
    sentences: list[str],
    *,
    spm_vocab: int = 120,
    seed: int = 0,
    suppress_eos: bool = False,
    **shape: Any,
) -> Path:
    """Write a random-weight MarianMT model to ``folder``; ``shape`` overrides MarianConfig fields.

    ``suppress_eos`` makes the model never choose end-of-sentence itself, so every output runs to its
    length cap (equal work for every decoding method in a benchmark).
    """
    import sentencepiece
    import torch
    from transformers import MarianConfig, MarianMTModel, MarianTokenizer
    from transformers.utils import logging

    logging.disable_progress_bar()
    folder.mkdir(parents=True, exist_ok=True)
    proto = io.BytesIO()
    sentencepiece.SentencePieceTrainer.train(
        sentence_iterator=iter(sentences),
        model_writer=proto,
        vocab_size=spm_vocab,
        model_type="unigram",
        character_coverage=1.0,
        hard_vocab_limit=False,
        unk_id=0,
        bos_id=-1,
        eos_id=-1,
        pad_id=-1,
        minloglevel=2,
    )
    for name in ("source.spm", "target.spm"):
        (folder / name).write_bytes(proto.getvalue())
    processor = sentencepiece.SentencePieceProcessor(model_proto=proto.getvalue())
    pieces = [processor.id_to_piece(i) for i in range(processor.get_piece_size())]
    tokens = list(dict.fromkeys([*SPECIALS, *(p for p in pieces if p != "<unk>")]))
    size = max(shape.pop("vocab_size", 0), len(tokens) + 1)
    tokens += [f"▁unused{i}" for i in range(size - len(tokens) - 1)]
    vocab = {token: i for i, token in enumerate([*tokens, PAD])}
    (folder / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), "utf-8")
    MarianTokenizer(
        str(folder / "source.spm"), str(folder / "target.spm"), str(folder / "vocab.json"), source_lang="fr"
    ).save_pretrained(folder)

    pad = vocab[PAD]
    settings: dict[str, Any] = {
        "d_model": 16,
        "encoder_layers": 1,
        "decoder_layers": 1,
        "encoder_attention_heads": 2,
        "decoder_attention_heads": 2,
        "encoder_ffn_dim": 32,
        "decoder_ffn_dim": 32,
        "max_position_embeddings": 64,
        **shape,
    }
    config = MarianConfig(
        vocab_size=len(vocab), pad_token_id=pad, decoder_start_token_id=pad, eos_token_id=0, **settings
    )
    torch.manual_seed(seed)
    model = MarianMTModel(config)
    if suppress_eos:
        with torch.no_grad():
            model.final_logits_bias[0, config.eos_token_id] = -1e4
    model.save_pretrained(folder)
    return folder
