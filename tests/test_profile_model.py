"""`--fluency-model`: a profile measured with a transformers causal LM (a tiny random GPT-2 built here)."""

from __future__ import annotations

import math

import pytest
from profile_samples import CORPUS, FLUENT

from mtaudit.ingest import Paragraph
from mtaudit.pipeline import Auditor
from mtaudit.profile import FluencyStage, build_profile, load_profile
from mtaudit.profile.features import MODEL_FEATURE
from mtaudit.scoring import EvidenceScorer


@pytest.fixture(scope="module")
def tiny_gpt2(tmp_path_factory):
    """A randomly initialised two-layer GPT-2 with a word-level tokenizer, saved like a hub model."""
    import torch
    from tokenizers import Tokenizer, models, pre_tokenizers, trainers
    from transformers import GPT2Config, GPT2LMHeadModel, PreTrainedTokenizerFast

    tokenizer = Tokenizer(models.WordLevel(unk_token="<unk>"))
    tokenizer.pre_tokenizer = pre_tokenizers.Whitespace()
    trainer = trainers.WordLevelTrainer(special_tokens=["<unk>", "<|endoftext|>"])
    tokenizer.train_from_iterator([*CORPUS, FLUENT], trainer)
    end = "<|endoftext|>"
    wrapped = PreTrainedTokenizerFast(tokenizer_object=tokenizer, unk_token="<unk>", eos_token=end)
    torch.manual_seed(0)
    config = GPT2Config(vocab_size=len(wrapped), n_positions=64, n_embd=16, n_layer=2, n_head=2)
    folder = tmp_path_factory.mktemp("tiny-gpt2")
    GPT2LMHeadModel(config).save_pretrained(folder)
    wrapped.save_pretrained(folder)
    return str(folder)


def test_profile_built_with_a_causal_lm_scores_with_it(tiny_gpt2, tmp_path, nlp):
    corpus = tmp_path / "native.txt"
    corpus.write_text("\n".join(CORPUS) + "\n", encoding="utf-8")
    output = tmp_path / "with-model.npz"
    build_profile([str(corpus)], output, nlp, fluency_model=tiny_gpt2)
    profile = load_profile(output)
    assert profile.fluency_model == tiny_gpt2
    assert MODEL_FEATURE in profile.meta["features"]

    stage = FluencyStage(profile)
    auditor = Auditor(nlp, [], EvidenceScorer(), stages=[stage])
    first, again = (auditor.analyze([Paragraph("t", 0, "t:0", FLUENT)])[0] for _ in range(2))
    fluency = first.fluency.to_record()
    model_nats = first.fluency.features[MODEL_FEATURE]
    # a random model over a vocabulary of a few hundred words is about as surprised as chance
    assert 0.5 * math.log(len(stage.model.tokenizer)) < model_nats < 2 * math.log(len(stage.model.tokenizer))
    assert fluency["perplexity"] == pytest.approx(math.exp(model_nats), rel=1e-3)
    assert MODEL_FEATURE in fluency["z_scores"]
    assert again.fluency == first.fluency
    assert stage.signature()["fluency_model"]["name"] == tiny_gpt2
