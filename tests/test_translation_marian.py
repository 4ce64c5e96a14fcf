"""MarianMT translation on a tiny random model: loading, batching order, length caps, cache, int8."""

from __future__ import annotations

import shutil

import pytest

from mtaudit.errors import MtauditError
from mtaudit.translation.cache import TranslationCache
from mtaudit.translation.loading import ModelUnavailable, resolve_model
from mtaudit.translation.marian import DecodingSettings, MarianTranslator, RowLengthCap

SENTENCES = [
    "Le chat dort.",
    "Il pleut depuis ce matin sur la ville, et le train de huit heures est arrivé en retard.",
    "Nous avons mangé.",
    "Le train est arrivé en retard ce matin.",
    "Il pleut.",
    "Nous avons mangé une tarte aux pommes sur le canapé du salon.",
]


@pytest.fixture(scope="module")
def source(tiny_marian):
    return resolve_model(str(tiny_marian), "--mt-model-fr-en")


def test_a_local_folder_resolves_with_a_content_revision(tiny_marian, source, tmp_path):
    assert source.origin == "folder" and source.folder == tiny_marian
    assert source.revision.startswith("sha256:")
    assert resolve_model(str(tiny_marian), "--mt-model-fr-en").revision == source.revision
    changed = shutil.copytree(tiny_marian, tmp_path / "changed")
    (changed / "config.json").write_text((changed / "config.json").read_text() + "\n")
    assert resolve_model(str(changed), "--mt-model-fr-en").revision != source.revision


def test_incomplete_or_foreign_folders_are_unavailable(tiny_marian, tmp_path):
    broken = shutil.copytree(tiny_marian, tmp_path / "broken")
    (broken / "source.spm").unlink()
    with pytest.raises(ModelUnavailable, match=r"lacks source\.spm") as caught:
        resolve_model(str(broken), "--mt-model-fr-en")
    assert "--mt-model-fr-en" in str(caught.value)
    (broken / "source.spm").write_bytes((tiny_marian / "source.spm").read_bytes())
    (broken / "config.json").write_text('{"model_type": "bert"}')
    with pytest.raises(ModelUnavailable, match="not a MarianMT one"):
        resolve_model(str(broken), "--mt-model-fr-en")
    with pytest.raises(ModelUnavailable, match="no such model folder"):
        resolve_model(str(tmp_path / "nowhere"), "--mt-model-fr-en")


def test_an_unknown_hub_id_offline_is_unavailable_at_once(monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    with pytest.raises(ModelUnavailable) as caught:
        resolve_model("nobody/no-such-model", "--mt-model-en-fr")
    message = str(caught.value)
    assert "nobody/no-such-model" in message and "HF_HUB_OFFLINE" in message
    assert "--mt-model-en-fr" in message and "download" in message


def test_an_unreachable_hub_is_unavailable(monkeypatch):
    import huggingface_hub

    def unreachable(self, repo_id, **kwargs):
        raise ConnectionError("Name or service not known")

    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    monkeypatch.delenv("TRANSFORMERS_OFFLINE", raising=False)
    monkeypatch.setattr(huggingface_hub.HfApi, "model_info", unreachable)
    with pytest.raises(ModelUnavailable, match="the hub failed: Name or service not known"):
        resolve_model("nobody/no-such-model", "--mt-model-fr-en")


def test_a_model_in_the_hugging_face_cache_is_found_offline(tiny_marian, tmp_path, monkeypatch):
    import huggingface_hub.constants

    revision = "0123456789abcdef0123456789abcdef01234567"
    repo = tmp_path / "hub" / "models--someone--opus-mt-tiny"
    shutil.copytree(tiny_marian, repo / "snapshots" / revision)
    (repo / "refs").mkdir()
    (repo / "refs" / "main").write_text(revision)
    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path / "hub"))  # what the user sets (read without the hub)
    monkeypatch.setattr(huggingface_hub.constants, "HF_HUB_CACHE", str(tmp_path / "hub"))  # read at import
    source = resolve_model("someone/opus-mt-tiny", "--mt-model-fr-en")
    assert (source.origin, source.revision, source.name) == ("hf-cache", revision, "someone/opus-mt-tiny")


def test_order_is_restored_across_length_sorted_batches(source):
    batched = MarianTranslator(source, "fr-en", batch_size=2).translate(SENTENCES)
    one_by_one = MarianTranslator(source, "fr-en", batch_size=1)
    singles = [one_by_one.translate([s])[0] for s in SENTENCES]
    assert batched == singles
    assert len(set(batched)) == len(SENTENCES)  # the random model does tell the inputs apart


def test_duplicates_and_blanks(source):
    translator = MarianTranslator(source, "fr-en", batch_size=4)
    out = translator.translate(["Il pleut.", "", "Il pleut.", "   "])
    assert out[0] == out[2] != "" and out[1] == out[3] == ""
    assert translator.translated == 1


def test_each_output_stops_at_its_own_cap(source):
    translator = MarianTranslator(source, "fr-en")
    tokenizer, model = translator._loaded
    encoded = tokenizer(["Il pleut.", SENTENCES[1]], return_tensors="pt", padding=True)
    caps = [4, 9]
    output = model.generate(
        **encoded,
        max_new_tokens=max(caps),
        do_sample=False,
        logits_processor=[RowLengthCap(caps, 0, 1, "cpu")],
    )
    generated = (output[:, 1:] != model.config.pad_token_id).sum(dim=1).tolist()
    assert generated == caps  # the tiny model never ends by itself: each row ends exactly at its cap
    assert DecodingSettings(length_ratio=1.5, length_slack=10).output_cap(10) == 25


def test_a_rerun_translates_nothing_and_gives_identical_results(source, tmp_path):
    path = tmp_path / "cache.sqlite3"
    first = MarianTranslator(source, "fr-en", cache=TranslationCache(path))
    results = first.translate(SENTENCES)
    assert (first.translated, first.from_cache) == (len(SENTENCES), 0)

    second = MarianTranslator(source, "fr-en", cache=TranslationCache(path))
    assert second.translate(SENTENCES[::-1]) == results[::-1]
    assert (second.translated, second.from_cache) == (0, len(SENTENCES))
    assert "_loaded" not in vars(second)  # all from the cache: the model was never loaded

    other_direction = MarianTranslator(source, "en-fr", cache=TranslationCache(path))
    other_direction.translate(SENTENCES[:2])
    assert other_direction.translated == 2


def test_int8_quantisation_has_its_own_cache_rows(source, tmp_path):
    cache = TranslationCache(tmp_path / "cache.sqlite3")
    MarianTranslator(source, "fr-en", cache=cache).translate(SENTENCES[:3])
    int8 = MarianTranslator(source, "fr-en", DecodingSettings(quantize="int8"), device="cpu", cache=cache)
    out = int8.translate(SENTENCES[:3])
    assert int8.translated == 3 and all(out)
    _, model = int8._loaded
    assert "quantized.dynamic" in type(model.lm_head).__module__
    assert int8.signature()["decoding"]["quantize"] == "int8"


def test_int8_on_cuda_is_refused(source):
    with pytest.raises(MtauditError, match="CPU only"):
        MarianTranslator(source, "fr-en", DecodingSettings(quantize="int8"), device="cuda")


def test_an_unusable_cache_path_is_one_clear_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(MtauditError, match="cannot open the translation cache"):
        TranslationCache(blocker / "cache.sqlite3")
