"""Detector model files: round trip, and a clear one-line error for anything else."""

from __future__ import annotations

import gzip
import json

import numpy as np
import pytest
from test_detector_training import _synthetic

from mtaudit.detector.model import FORMAT_VERSION, TEXT_MODELS, DetectorModel, text_model_inputs
from mtaudit.detector.training import LEXICAL, MASKED, train
from mtaudit.errors import MtauditError


@pytest.fixture(scope="module")
def model() -> DetectorModel:
    return train(_synthetic(60, with_roundtrip=False))


def test_round_trip_keeps_predictions(model, tmp_path):
    inputs = _synthetic(10, with_roundtrip=False, seed=5).inputs
    for name in ("m.json", "m.json.gz"):
        model.save(tmp_path / name)
        again = DetectorModel.load(tmp_path / name)
        before = [p.probability for p in model.predict(inputs)]
        after = [p.probability for p in again.predict(inputs)]
        assert np.allclose(before, after, atol=1e-4)
    assert (tmp_path / "m.json.gz").read_bytes()[:2] == b"\x1f\x8b"
    assert json.loads((tmp_path / "m.json").read_text())["format_version"] == FORMAT_VERSION


def test_model_from_another_version_fails_clearly(model, tmp_path):
    data = model.to_dict()
    data["format_version"] = FORMAT_VERSION + 1
    path = tmp_path / "future.json.gz"
    path.write_bytes(gzip.compress(json.dumps(data).encode()))
    with pytest.raises(MtauditError) as caught:
        DetectorModel.load(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: detector model format version {FORMAT_VERSION + 1} is not supported")
    assert "retrain" in message and "\n" not in message


def test_a_model_read_through_the_cache_is_the_file_s(model, tmp_path, monkeypatch):
    """Loaded with ``cached``, a model is kept decoded in the cache folder and read back as the file holds
    it (same data, same sha256); a changed file is read anew."""
    from mtaudit import usercache

    folder = tmp_path / "cache"
    monkeypatch.setattr(usercache, "cache_folder", lambda: folder)
    path = tmp_path / "m.json.gz"
    model.save(path)
    plain = DetectorModel.load(path)
    first = DetectorModel.load(path, cached=True)
    assert len(list(folder.iterdir())) == 1
    second = DetectorModel.load(path, cached=True)
    for loaded in (first, second):
        assert loaded.to_dict() == plain.to_dict()
        assert loaded.sha256() == plain.sha256()
    inputs = _synthetic(10, with_roundtrip=False, seed=5).inputs
    assert [p.probability for p in second.predict(inputs)] == [p.probability for p in plain.predict(inputs)]
    other = train(_synthetic(40, with_roundtrip=False, seed=3))
    other.save(path)
    changed = DetectorModel.load(path, cached=True)
    assert changed.to_dict() == DetectorModel.load(path).to_dict() != plain.to_dict()
    assert len(list(folder.iterdir())) == 2  # one entry per file content


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"not json", "not an mtaudit detector model"),
        (b'{"format": "other"}', "not an mtaudit detector model"),
        (json.dumps({"format": "mtaudit-detector", "format_version": FORMAT_VERSION}).encode(), "damaged"),
    ],
)
@pytest.mark.parametrize("cached", [False, True])
def test_other_files_fail_clearly(tmp_path, content, problem, cached, monkeypatch):
    from mtaudit import usercache

    monkeypatch.setattr(usercache, "cache_folder", lambda: tmp_path / "cache")
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    with pytest.raises(MtauditError, match=problem):
        DetectorModel.load(path, cached=cached)
    with pytest.raises(MtauditError, match="no such detector model"):
        DetectorModel.load(tmp_path / "missing.json", cached=cached)
    with pytest.raises(MtauditError, match="not an mtaudit detector model"):
        DetectorModel.load(tmp_path, cached=cached)  # a folder


def test_reasons_are_the_largest_contributions_first(model):
    inputs = _synthetic(6, with_roundtrip=False, seed=9).inputs
    variant = model.variants[0]
    known = {*TEXT_MODELS, *variant.dense.names}
    for prediction in model.predict(inputs):
        assert 0 < len(prediction.reasons) <= 5
        assert {r.feature for r in prediction.reasons} <= known
        contributions = [abs(r.contribution) for r in prediction.reasons]
        assert contributions == sorted(contributions, reverse=True)
    assert variant.bands.human < variant.bands.machine


NGRAM_TEXTS = [
    "Le Conseil a voté la loi, mais l'opposition conteste : « trop tard ! »",
    "les gens disent que oui , et l' on attend",
    "Un mot",
    "a",
    "",
    "Quarante-deux ans après, l'usine rouvre ses portes au public.",
]


@pytest.mark.parametrize("view", [*LEXICAL.views, *MASKED.views])
def test_ngram_scoring_matches_scikit_learns_tfidf(view):
    """The n-gram model scores without scikit-learn exactly as TfidfVectorizer + the linear layer would."""
    from scipy import sparse

    from mtaudit.detector.ngrams import NgramModel, NgramSpec, _vectorizer

    training = [f"{t} {k}" for k in range(4) for t in NGRAM_TEXTS] + ["le le la la , ,"] * 3
    labels = np.array([k % 2 for k in range(len(training))])
    model = NgramModel.fit(NgramSpec(views=({**view, "min_df": 1},), c=1.0), training, labels)
    vectorizer = _vectorizer({**model.views[0], "vocabulary": model.vocabularies[0]})
    vectorizer.idf_ = model.idfs[0]
    expected = sparse.csr_matrix(vectorizer.transform(NGRAM_TEXTS)) @ model.coef + model.intercept
    assert np.allclose(model.decision(NGRAM_TEXTS), expected, atol=1e-12)


def _plain_occurrences(table, texts):
    """The (text, vocabulary index) pairs found by joining each text's tokens into n-gram strings."""
    from mtaudit.detector.ngrams import _char_wb_grams, _char_wb_words, _word_ngrams

    pairs = []
    for k, text in enumerate(texts):
        if table.view["analyzer"] == "word":
            grams = _word_ngrams(table.view, text)
        else:
            grams = [g for word in _char_wb_words(table.view, text) for g in _char_wb_grams(table.view, word)]
        pairs += [(k, table.index[g]) for g in grams if g in table.index]
    return sorted(pairs)


@pytest.mark.parametrize(
    "view",
    [
        *LEXICAL.views,
        *MASKED.views,
        {"analyzer": "word", "ngram_range": (1, 3), "token_pattern": r"\w+(?: \w+)?|,"},  # spaces in tokens
        {"analyzer": "word", "ngram_range": (2, 3), "lowercase": True},
    ],
)
def test_batched_ngram_lookups_find_what_joined_strings_find(view):
    """Word views look n-grams up as packed token ids for a whole batch, character views per cached word:
    both find exactly the occurrences that joining tokens into strings finds, text by text."""
    from mtaudit.detector.ngrams import NgramModel, NgramSpec

    training = [f"{t} {k}" for k in range(4) for t in NGRAM_TEXTS] + ["le le la la , ,"] * 3
    labels = np.array([k % 2 for k in range(len(training))])
    model = NgramModel.fit(NgramSpec(views=({**view, "min_df": 1},), c=1.0), training, labels)
    table = model._tables[0]
    texts = [*NGRAM_TEXTS, "Le Conseil inconnu vote , la loi la loi", "le le la la , , 3 2"]
    owner, indices = table.occurrences(texts)
    assert sorted(zip(owner.tolist(), indices.tolist(), strict=True)) == _plain_occurrences(table, texts)
    assert len(owner) > len(texts)
    for few in ([""], ["a"], ["Un mot"], ["", ""], []):  # batches shorter than the longest n-gram
        owner, indices = table.occurrences(few)
        assert sorted(zip(owner.tolist(), indices.tolist(), strict=True)) == _plain_occurrences(table, few)
    if view["analyzer"] == "word":
        assert table._packed is not None


def _plain_prediction(model, variant, features, text_scores):
    """One paragraph's prediction computed on its own, layer by layer (what predict does for all rows)."""
    from mtaudit.explanations import explain
    from mtaudit.records import MAX_REASONS, Reason

    dense_x = np.array([features[n] for n in variant.dense.names], dtype=float)
    dense_z = variant.dense.standardise(dense_x)
    dense_terms = dense_z * variant.dense.coef
    stack_x = np.array([*(text_scores[n] for n in variant.text_models), dense_terms.sum() + variant.dense.intercept])
    stack_terms = variant.stack.standardise(stack_x) * variant.stack.coef
    probability = float(variant.calibration(np.array([float(stack_terms.sum() + variant.stack.intercept)]))[0])
    names = [*variant.text_models, *variant.dense.names]
    values = np.concatenate([stack_x[:-1], dense_x])
    terms = np.concatenate([stack_terms[:-1], dense_terms * (variant.stack.coef[-1] / variant.stack.scale[-1])])
    reasons = []
    for i in np.argsort(-np.abs(terms), kind="stable")[:MAX_REASONS]:
        above = None if i < len(variant.text_models) else bool(dense_z[i - len(variant.text_models)] > 0)
        term = float(terms[i])
        reasons.append(Reason(names[i], round(float(values[i]), 4), round(term, 4), explain(names[i], term, above)))
    return probability, reasons, variant.name


def test_paragraphs_scored_together_score_as_each_alone():
    """predict computes each layer for all paragraphs of a variant at once: every probability and reason
    is the one the paragraph gets computed on its own."""
    model = train(_synthetic(60, with_roundtrip=True))
    inputs = list(_synthetic(40, with_roundtrip=True, seed=11).inputs)
    inputs[3] = inputs[3].without_stages()  # another variant for some paragraphs
    inputs[17] = inputs[17].without_stages()
    predictions = model.predict(inputs)
    scores = {name: model.text_models[name].decision(text_model_inputs(name, inputs)) for name in TEXT_MODELS}
    for k, (item, prediction) in enumerate(zip(inputs, predictions, strict=True)):
        variant = model.variant_for(item)
        plain = _plain_prediction(model, variant, item.dense(), {n: v[k] for n, v in scores.items()})
        assert (prediction.probability, prediction.reasons, prediction.variant) == plain
    assert [p.variant for p in predictions].count("own") == 2 and len({p.variant for p in predictions}) == 2


def test_packed_vocabulary_keys_spell_their_ngrams():
    """Each packed key is its n-gram's token ids in base B; n-grams of other lengths are left out."""
    from mtaudit.detector.ngrams import _PackedGrams

    vocabulary = ["le chat", "chat", "le", "noir le chat", "a  b", "chat noir", "été"]
    packed = _PackedGrams.of(vocabulary, (1, 2))
    assert list(packed.token_ids) == ["le", "chat", "noir", "été"]  # in order of first appearance
    assert packed.base == len(packed.token_ids) + 1
    assert packed.keys.tolist() == sorted(packed.keys.tolist())
    assert sorted(packed.rows.tolist()) == [0, 1, 2, 5, 6]
    tokens = {k: token for token, k in packed.token_ids.items()}
    for key, row in zip(packed.keys.tolist(), packed.rows.tolist(), strict=True):
        spelled = []
        while key:
            key, digit = divmod(key, packed.base)
            spelled.insert(0, tokens[digit])
        assert " ".join(spelled) == vocabulary[row]
    empty = _PackedGrams.of([], (1, 3))
    owner, rows = empty.occurrences([["le", "chat"]], {})
    assert (len(empty.keys), len(owner), len(rows)) == (0, 0, 0)
