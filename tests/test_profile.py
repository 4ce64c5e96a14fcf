"""The native-French profile: n-gram estimation, building, the profile file, and fluency scoring."""

from __future__ import annotations

import dataclasses
import json
import math
import random
import zipfile

import numpy as np
import pytest
from profile_samples import CORPUS, ENGLISH, FLUENT

from mtaudit.errors import MtauditError
from mtaudit.ingest import Paragraph
from mtaudit.pipeline import Auditor
from mtaudit.profile import FluencyStage, build_profile, fluency_stage, load_profile
from mtaudit.profile.features import FEATURES, lexical_variety
from mtaudit.profile.ngram import NgramModel, estimate
from mtaudit.profile.stage import Fluency
from mtaudit.profile.store import save_profile
from mtaudit.scoring import EvidenceScorer


def scrambled(text: str) -> str:
    words = text.split()
    random.Random(4).shuffle(words)
    return " ".join(words)


@pytest.fixture(scope="module")
def corpus_dir(tmp_path_factory):
    """The corpus in three formats: sentences a line (txt), paragraphs (md), records (jsonl)."""
    folder = tmp_path_factory.mktemp("corpus")
    sentences = [s.strip() + "." for p in CORPUS[:6] for s in p.split(". ") if s.strip(". ")]
    (folder / "lines.txt").write_text("\n".join(sentences) + "\n", encoding="utf-8")
    (folder / "notes.md").write_text("# Notes\n\n" + "\n\n".join(CORPUS[6:9]) + "\n", encoding="utf-8")
    records = "".join(json.dumps({"text": p}, ensure_ascii=False) + "\n" for p in CORPUS[9:])
    (folder / "records.jsonl").write_text(records, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def profile_path(corpus_dir, nlp, tmp_path_factory):
    output = tmp_path_factory.mktemp("profile") / "small.npz"
    build_profile([str(corpus_dir)], output, nlp)
    return output


@pytest.fixture(scope="module")
def fluency_auditor(nlp, profile_path):
    return Auditor(nlp, [], EvidenceScorer(), stages=[FluencyStage(load_profile(profile_path))])


def fluency_of(auditor: Auditor, *texts: str) -> list[dict]:
    states = auditor.analyze([Paragraph("t", i, f"t:{i}", text) for i, text in enumerate(texts)])
    return [state.fluency.to_record() | {"features": state.fluency.features} for state in states]


# --- n-gram models ---


def test_kneser_ney_distributions_sum_to_one():
    sentences = [s.split() for s in ("le chat dort", "le chien dort", "un chat mange le poisson", "un chien")]
    base = {"le": 0.2, "un": 0.1, "chat": 0.05, "chien": 0.05, "dort": 0.05, "mange": 0.05, "poisson": 0.05}
    base["</s>"] = 0.05  # the seen words take 0.6 of the base distribution, unseen words the other 0.4
    model = estimate(sentences, 3, lambda word: base.get(word, 0.0))
    words = [w for w in model.vocab if w not in ("<s>", "<unk>")]
    for history in ([], ["le"], ["le", "chat"], ["chien", "le"], ["inconnu", "le"]):
        total = 0.0
        for word in words:
            sequence = history + ([] if word == "</s>" else [word])
            total += 10 ** model.score(model.ids(sequence), [0.0] * (len(sequence) + 1)).log10p[len(history)]
        # an unseen word takes the unknown-word mass times its base probability (here all of the 0.4)
        unseen = [*history, "ornithorynque"]
        scores = model.score(model.ids(unseen), [math.log10(0.4)] * (len(unseen) + 1))
        assert total + 10 ** scores.log10p[len(history)] == pytest.approx(1.0, abs=1e-6)


def test_seen_continuations_beat_unseen_ones_and_arrays_round_trip():
    model = estimate([s.split() for s in ("le chat dort", "le chat mange", "un chien dort")] * 3, 3)
    seen = model.score(model.ids(["le", "chat", "dort"]), [0.0] * 4)
    odd = model.score(model.ids(["dort", "chat", "le"]), [0.0] * 4)
    assert seen.log10p.sum() > odd.log10p.sum()
    assert list(seen.matched_order) == [3, 3, 3, 3]
    copy = NgramModel.from_arrays(model.to_arrays("w"), "w", 3)
    words = ["le", "chien", "mange"]
    restored = copy.score(copy.ids(words), [0.0] * 4).log10p
    assert np.allclose(restored, model.score(model.ids(words), [0.0] * 4).log10p, atol=1e-6)


def test_lexical_variety_does_not_fall_with_length():
    words = [f"mot{i % 40}" for i in range(400)]
    assert lexical_variety(words[:30]) == pytest.approx(1.0)
    assert lexical_variety(words) == pytest.approx(1.0)
    assert lexical_variety(["a", "a", "b", "b"]) == pytest.approx(0.5)


# --- building and the profile file ---


def test_build_records_sources_and_keeps_no_sentence(profile_path, corpus_dir):
    profile = load_profile(profile_path)
    sources = {s["path"].rsplit("/", 1)[-1]: s for s in profile.meta["sources"]}
    assert set(sources) == {"lines.txt", "notes.md", "records.jsonl"}
    for name, source in sources.items():
        data = (corpus_dir / name).read_bytes()
        assert source["bytes"] == len(data)
        assert len(source["sha256"]) == 64
    assert profile.meta["features"] == list(FEATURES)
    with zipfile.ZipFile(profile_path) as archive:
        stored = b"".join(archive.read(name) for name in archive.namelist())
    for paragraph in CORPUS:
        for sentence in paragraph.split(". "):
            assert sentence.encode("utf-8") not in stored
    # three consecutive words never appear together either: only single words are stored
    assert b"les premiers clients" not in stored


def test_scoring_is_deterministic(fluency_auditor, nlp, profile_path):
    first = fluency_of(fluency_auditor, FLUENT)[0]
    again = Auditor(nlp, [], EvidenceScorer(), stages=[FluencyStage(load_profile(profile_path))])
    assert fluency_of(again, FLUENT)[0] == first


def test_fluency_record_fields(fluency_auditor):
    text = FLUENT + " " + scrambled(CORPUS[0])
    fluency = fluency_of(fluency_auditor, text)[0]
    assert set(fluency) >= {"perplexity", "deviation", "percentile", "z_scores", "least_fluent_sentence"}
    assert set(fluency["z_scores"]) == set(FEATURES)
    assert 0.0 <= fluency["percentile"] <= 100.0
    assert fluency["perplexity"] == pytest.approx(
        math.exp(fluency["features"]["lm_log_perplexity"]), rel=1e-3
    )
    worst = fluency["least_fluent_sentence"]
    assert text[worst["start"] : worst["end"]] == worst["text"]
    assert worst["start"] >= len(FLUENT)  # the scrambled half, not the fluent one
    features = fluency["features"]
    assert set(FEATURES) | {"deviation"} == set(features)
    assert features["deviation"] == pytest.approx(fluency["deviation"], abs=1e-4)
    record_fields = [f.name for f in dataclasses.fields(Fluency) if f.name != "features"]
    assert list(fluency)[: len(record_fields)] == record_fields  # the record: every field but the features


def test_scrambled_and_english_deviate_more_than_fluent_french(nlp):
    # Judged against the shipped profile: a dozen paragraphs cannot tell how predictable native French is.
    auditor = Auditor(nlp, [], EvidenceScorer(), stages=[fluency_stage(None, pytest.fail)])
    fluent_texts = [*CORPUS, FLUENT]
    results = fluency_of(auditor, *fluent_texts, *map(scrambled, fluent_texts), ENGLISH)
    fluent, mixed, english = results[: len(fluent_texts)], results[len(fluent_texts) : -1], results[-1]
    typical = np.median([r["deviation"] for r in fluent])
    assert np.median([r["deviation"] for r in mixed]) > typical + 2.0
    assert sum(m["deviation"] > f["deviation"] for m, f in zip(mixed, fluent, strict=True)) >= 10
    assert english["deviation"] > typical + 1.5
    assert english["percentile"] > 95.0
    for m, f in zip(mixed, fluent, strict=True):
        assert m["z_scores"]["pos_log_perplexity"] > f["z_scores"]["pos_log_perplexity"]
        assert m["z_scores"]["lm_context_gain"] < f["z_scores"]["lm_context_gain"]
    assert english["z_scores"]["oov_rate"] > np.median([f["z_scores"]["oov_rate"] for f in fluent]) + 3.0


@pytest.mark.parametrize(
    "content, problem",
    [
        (None, "profile not found"),
        (b"just some text, not an archive", "not an mtaudit profile"),
        ("zip", "not an mtaudit profile"),
        ("foreign-npz", "not an mtaudit profile"),
        ("other-format", "not an mtaudit profile"),
        ("future-version", "format version 99 is not supported"),
        ("truncated", "damaged profile file"),
        ("missing-model", "damaged profile file"),
    ],
)
def test_bad_profile_files_fail_with_one_line(tmp_path, profile_path, content, problem):
    path = tmp_path / "bad.npz"
    good = profile_path.read_bytes()
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif content == "zip":
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("readme.txt", "hello")
    elif content == "foreign-npz":
        np.savez(path, weights=np.zeros(3))
    elif content in ("other-format", "future-version"):
        meta = {"format": "someone-else", "version": 1} if content == "other-format" else {}
        profile = load_profile(profile_path)
        profile.meta = {**profile.meta, "version": 99, **meta}
        save_profile(profile, path)
    elif content == "truncated":
        path.write_bytes(good[: len(good) // 2])
    elif content == "missing-model":
        with np.load(profile_path) as archive:
            arrays = {name: archive[name] for name in archive.files if not name.startswith("syntax.")}
        np.savez_compressed(path, **arrays)
    with pytest.raises(MtauditError) as caught:
        load_profile(path)
    message = str(caught.value)
    assert str(path) in message and problem in message
    assert "\n" not in message


def test_missing_default_profile_disables_fluency_with_a_warning(monkeypatch, tmp_path):
    monkeypatch.setattr("mtaudit.profile.stage.default_profile_path", lambda: tmp_path / "gone.npz")
    warnings: list[str] = []
    assert fluency_stage(None, warnings.append) is None
    assert len(warnings) == 1
    assert "fluency scoring unavailable" in warnings[0] and "gone.npz" in warnings[0]
    with pytest.raises(MtauditError, match="profile not found"):
        fluency_stage(tmp_path / "also-gone.npz", warnings.append)


def test_shipped_default_profile_loads():
    from mtaudit.profile import default_profile_path

    profile = load_profile(default_profile_path())
    assert profile.meta["sentences"] > 5000
    assert profile.fluency_model is None
    assert default_profile_path().stat().st_size < 6_000_000  # a few MB: statistics, not the corpus


def test_too_little_text_is_refused(tmp_path, nlp):
    source = tmp_path / "tiny.txt"
    source.write_text("Une seule phrase ne suffit pas.\n", encoding="utf-8")
    with pytest.raises(MtauditError, match="too little text"):
        build_profile([str(source)], tmp_path / "p.npz", nlp)
    assert not (tmp_path / "p.npz").exists()


def test_sentences_scored_together_score_as_they_do_alone():
    """Batched look-ups keep each sentence's context to itself (its own <s> padding, its own </s>)."""
    model = estimate([s.split() for s in ("le chat dort", "le chat mange", "un chien dort")] * 3, 3)
    sentences = [["le", "chat", "dort"], [], ["chien", "inconnu", "le"], ["dort"]]
    unseen = [[-3.0] * (len(s) + 1) for s in sentences]
    together = model.score_all([model.ids(s) for s in sentences], unseen)
    assert len(together.log10p) == sum(len(s) + 1 for s in sentences)
    start = 0
    for sentence, base in zip(sentences, unseen, strict=True):
        alone = model.score(model.ids(sentence), base)
        end = start + len(sentence) + 1
        for mine, theirs in zip(vars(together).values(), vars(alone).values(), strict=True):
            assert np.array_equal(mine[start:end], theirs)
        start = end
    assert len(model.score_all([], []).log10p) == 0


def _stored_suffixes_are_stored(model: NgramModel) -> bool:
    size = len(model.vocab)
    for k in range(1, model.order):
        suffixes = model.keys[k] % size**k
        at = np.minimum(np.searchsorted(model.keys[k - 1], suffixes), len(model.keys[k - 1]) - 1)
        if not np.array_equal(model.keys[k - 1][at], suffixes):
            return False
    return True


def _backed_off(model: NgramModel, ids: list[int], unseen: list[float]) -> list[float]:
    """Each token's log10 p (then </s>'s) by the back-off formula, one dictionary look-up per order."""
    size, first = len(model.vocab), model.order - 1
    tables = [
        dict(zip(model.keys[k].tolist(), zip(model.log10p[k].tolist(), model.backoff[k].tolist(), strict=True)))
        for k in range(model.order)
    ]
    padded = [0] * first + list(ids) + [1]

    def packed(gram):
        key = 0
        for word in gram:
            key = key * size + word
        return key

    def log10p(i, k):
        if k == 0:
            return model.unk_log10p + unseen[i - first] if padded[i] == 2 else tables[0][padded[i]][0]
        stored = tables[k].get(packed(padded[i - k : i + 1]))
        if stored is not None and padded[i] != 2:
            return stored[0]
        return tables[k - 1].get(packed(padded[i - k : i]), (0.0, 0.0))[1] + log10p(i, k - 1)

    return [log10p(i, first) for i in range(first, len(padded))]


def test_ngrams_whose_suffix_is_unseen_are_not_looked_up(monkeypatch):
    """Every suffix of a stored n-gram is stored, so scoring looks up an n-gram only where its shorter
    suffix was found; the scores are those of the back-off formula with every order looked up."""
    sentences = [s.split() for s in ("le chat dort", "le chat mange le poisson", "un chien dort", "le chien")] * 3
    model = estimate(sentences, 3)
    assert _stored_suffixes_are_stored(model)
    queries = [["le", "chat", "dort"], ["chien", "inconnu", "le", "chat"], ["poisson", "dort", "un"], []]
    ids = [model.ids(s) for s in queries]
    unseen = [[-3.0 - i for i in range(len(s) + 1)] for s in queries]
    looked_up = []
    lookup = NgramModel._lookup

    def counted(self, k, keys, backoff=True):
        looked_up.append((k, len(keys)))
        return lookup(self, k, keys, backoff)

    monkeypatch.setattr(NgramModel, "_lookup", counted)
    scores = model.score_all(ids, unseen)
    expected = [x for sentence, base in zip(ids, unseen, strict=True) for x in _backed_off(model, sentence, base)]
    assert scores.log10p.tolist() == pytest.approx(expected, abs=1e-5)
    positions = sum(len(s) + 1 + 2 for s in queries)
    assert looked_up[0] == (0, positions) and looked_up[-1][0] == 2 and looked_up[-1][1] < positions


def test_the_shipped_models_store_every_suffix_of_their_ngrams():
    from mtaudit.detector.scorer import load_model
    from mtaudit.profile.store import default_profile_path

    profile = load_profile(default_profile_path())
    models = [profile.word_lm, profile.syntax_lm]
    models += [m for t in load_model().text_models.values() if hasattr(t, "machine") for m in (t.machine, t.human)]
    assert len(models) >= 4
    assert all(_stored_suffixes_are_stored(model) for model in models)


def test_unigrams_are_read_by_row_as_a_search_would_find_them():
    """A model whose unigrams are every word (as estimate() stores them) reads a unigram's row directly:
    the scores (values and types) are those of the binary search it replaces."""
    sentences = [s.split() for s in ("le chat dort", "le chat mange", "un chien dort", "le chien")] * 3
    model = estimate(sentences, 3)
    assert model._unigram_rows
    queries = [["le", "chat", "dort"], ["chien", "inconnu", "le"], ["dort"], []]
    ids = [model.ids(s) for s in queries]
    unseen = [[-3.0] * (len(s) + 1) for s in queries]
    fast = model.score_all(ids, unseen)
    model._unigram_rows = False
    searched = model.score_all(ids, unseen)
    for mine, theirs in zip(vars(fast).values(), vars(searched).values(), strict=True):
        assert mine.dtype == theirs.dtype and np.array_equal(mine, theirs)
    arrays = model.to_arrays("m")
    arrays.update({f"m.1.{part}": getattr(model, part)[0][1:] for part in ("keys", "log10p", "backoff")})
    sparse = NgramModel.from_arrays(arrays, "m", 3)
    assert not sparse._unigram_rows  # a model missing a unigram is searched


def test_fluency_means_and_spreads_are_numpys_to_the_last_bit():
    """The fluency features' means and standard deviations skip numpy's per-call checks, not its sums."""
    from mtaudit.profile.features import _mean, _std
    from mtaudit.profile.reference import LENGTH_EDGES, length_bin

    rng = np.random.default_rng(7)
    for size in [*range(1, 40), 127, 128, 129, 255, 300, 1000]:
        values = (rng.standard_normal(size) * rng.uniform(0.1, 30) + rng.uniform(-5, 5)).tolist()
        assert _mean(values) == float(np.mean(values)) and _std(values) == float(np.std(values))
        counts = rng.integers(0, 60, size).tolist()
        assert _mean(counts) == float(np.mean(counts)) and _std(counts) == float(np.std(counts))
    assert _mean([]) == 0.0
    for tokens in range(0, 260):
        assert length_bin(tokens) == 1 + int(np.searchsorted(LENGTH_EDGES, tokens, side="right"))


def test_base_frequencies_are_the_dict_wordfreq_s_zipf_reads():
    """The fluency base shares wordfreq's cached French dict with zipf_frequency (built once, not twice)."""
    import wordfreq

    from mtaudit.profile.features import _frequencies
    from mtaudit.wordlang import zipf_fr

    zipf_fr("maison")
    assert _frequencies() is wordfreq.get_frequency_dict("fr", "best")
