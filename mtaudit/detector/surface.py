"""The filter mode's detector input: surface features of a tokenised paragraph, no parse needed.

The filter mode (:mod:`mtaudit.modes`) only tokenises paragraphs and cuts them into sentences, so its
dense features are those of the detector's own (:mod:`.features`) that need no tag, lemma, dependency or
entity: paragraph and sentence length, word length, capitals and numbers, vocabulary variety, word
frequency (of the words outside the function-word list, where the full audit takes the content parts of
speech), function words, punctuation and the rates of the anomalies the filter mode finds. They keep the
full features' names, so reasons read the same; the filter variant of the model has its own weights for
them. No skeleton is built: the filter variant stacks the word and character text models only.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from spacy.attrs import ORTH, SENT_START
from spacy.tokens import Doc

from mtaudit.detector.features import (
    FUNCTION_WORDS,
    PUNCTUATION,
    DetectorInput,
    detector_inputs,
    length_statistics,
    lexicon_statistics,
)
from mtaudit.modes import FILTER, FILTER_ANALYZERS
from mtaudit.normalise import QUOTES
from mtaudit.records import Anomaly
from mtaudit.wordlang import zipf_fr

if TYPE_CHECKING:
    from mtaudit.pipeline import ParagraphState

_FUNCTION_WORD_SET = frozenset(FUNCTION_WORDS)
_SPACE, _PUNCT, _WORD = range(3)
FORM_CACHE_SIZE = 200_000
_FORMS: dict[int, tuple] = {}  # word-form hash → what the features read of it (see _form_properties)
_PUNCTUATION_NAMES = tuple(sorted(set(PUNCTUATION.values())))


def surface_inputs(states: Sequence[ParagraphState]) -> list[DetectorInput]:
    """The filter-mode detector input of each analysed paragraph (no skeleton, no stage features)."""
    return [
        DetectorInput(" ".join(state.view.text.split("\n")), "", surface_features(state.doc, state.anomalies))
        for state in states
    ]


def inputs_for_mode(mode: str, states: Sequence[ParagraphState]) -> list[DetectorInput]:
    """The detector inputs an audit in ``mode`` computes: surface features in filter mode, else all."""
    return surface_inputs(states) if mode == FILTER else detector_inputs(states)


def surface_features(doc: Doc, anomalies: Iterable[Anomaly]) -> dict[str, float]:
    """The surface features of one tokenised paragraph (``doc`` needs tokens and sentence starts only).

    Tokens are read as arrays of word-form hashes and sentence starts, each form's properties looked up
    once per process (:func:`_form_properties`): creating spaCy's token objects would cost more than
    the features themselves."""
    forms: list[str] = []
    lengths: list[int] = []
    punctuation: Counter[str] = Counter()
    sentence_lengths: list[int] = []
    capitalised = digits = words = position = 0
    known = _FORMS
    for k, (orth, start) in enumerate(doc.to_array([ORTH, SENT_START]).tolist()):
        if k == 0 or start == 1:
            if k:
                sentence_lengths.append(words)
            words = position = 0
        properties = known.get(orth) or _form_properties(doc, orth)
        kind = properties[0]
        if kind == _SPACE:
            continue
        position += 1
        if kind == _PUNCT:
            punctuation[properties[1]] += 1
            continue
        _, form, length, upper, number = properties
        words += 1
        forms.append(form)
        lengths.append(length)
        capitalised += position > 1 and upper
        digits += number
    if len(doc):
        sentence_lengths.append(words)
    n = max(len(forms), 1)
    features = length_statistics(sentence_lengths, lengths, n)
    features["style.capitalised"] = capitalised / n
    features["style.digits"] = digits / n
    features.update(_vocabulary(forms, n))
    counts = Counter(forms)
    features.update({f"function.{w}": counts[w] / n for w in FUNCTION_WORDS})
    features.update({f"punct.{name}": punctuation[name] / n for name in _PUNCTUATION_NAMES})
    features.update(_anomaly_rates(anomalies, n))
    return features


def _form_properties(doc: Doc, orth: int) -> tuple:
    """What the features read of a word form (by its hash): ``(_SPACE,)``, ``(_PUNCT, punctuation name)``
    or ``(_WORD, lower-case form, length, capitalised, number)``; remembered (``FORM_CACHE_SIZE``)."""
    lexeme = doc.vocab[orth]
    if lexeme.is_space:
        properties: tuple = (_SPACE,)
    elif lexeme.is_punct:
        properties = (_PUNCT, PUNCTUATION.get(lexeme.lower_.translate(QUOTES), "other"))
    else:
        text = lexeme.orth_
        properties = (_WORD, lexeme.lower_.translate(QUOTES), len(text), text[:1].isupper(), lexeme.like_num)
    if len(_FORMS) >= FORM_CACHE_SIZE:
        _FORMS.clear()
    _FORMS[orth] = properties
    return properties


def _vocabulary(forms: list[str], n: int) -> dict[str, float]:
    """Variety and French word frequency; content words are the alphabetic words outside the function
    words (the full features take the content parts of speech)."""
    content = [f for f in forms if f not in _FUNCTION_WORD_SET and f.isalpha()]
    return lexicon_statistics(n, len(set(forms)), content, (zipf_fr(f) for f in content))


def _anomaly_rates(anomalies: Iterable[Anomaly], n: int) -> dict[str, float]:
    """Anomalies per 100 words, by the filter mode's analyzers and by severity."""
    kept = [a for a in anomalies if a.type in FILTER_ANALYZERS]
    by_type = Counter(a.type for a in kept)
    by_severity = Counter(a.severity for a in kept)
    features = {f"anomalies.{kind}": 100 * by_type[kind] / n for kind in FILTER_ANALYZERS}
    features.update({f"anomalies.{s}": 100 * by_severity[s] / n for s in ("major", "minor")})
    return features
