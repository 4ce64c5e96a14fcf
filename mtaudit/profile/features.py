"""Fluency features of a paragraph, computed from its shared spaCy parse and the profile's models.

Each sentence is measured once (:class:`SentenceStats`); a paragraph's features aggregate its sentences.
The same code measures the reference paragraphs when a profile is built and the audited paragraphs, so
their values are comparable. The features (keys of :func:`paragraph_features`, prefixed ``fluency.`` in
the pipeline's feature vector):

- ``lm_log_perplexity``: mean surprise (nats per token, ``</s>`` included) under the word 3-gram model;
  ``lm_context_gain``: how many nats per token the context saves over the word's unigram probability;
  ``lm_seen_trigram_rate``: share of tokens whose full 3-gram occurs in the profile corpus;
  ``lm_surprise_sd``: spread of the per-token surprise; ``lm_worst_sentence_log_perplexity``: the least
  fluent sentence's mean surprise; ``oov_rate``: share of tokens never seen in the profile corpus.
- ``pos_log_perplexity`` and ``pos_context_gain``: the same under the 4-gram syntax model, whose tokens
  are part-of-speech tags with the closed-class words kept as words (``le NOUN de le NOUN``).
- ``function_word_rate`` (determiners, pronouns, adpositions, conjunctions, auxiliaries among words),
  ``punctuation_rate`` (among tokens), ``comma_rate`` (commas per word).
- ``sentence_length_mean`` and ``sentence_length_sd`` (words per sentence).
- ``zipf_mean`` (wordfreq Zipf frequency of the words, 0 for words unknown to wordfreq) and
  ``rare_word_rate`` (share of words below Zipf 3).
- ``lexical_variety``: moving-average type/token ratio over windows of 30 words (plain type/token
  ratio for shorter paragraphs), so that it does not fall with paragraph length.
- ``mt_style``: mean log ratio of the paragraph's words and syntax bigrams between machine and human
  translation (:mod:`mtaudit.profile.style`; the table comes with the profile's learned weights).
- ``model_log_perplexity``: mean surprise under a transformers causal LM, when the profile names one.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from spacy.tokens import Span, Token

from mtaudit.nlp import token_table
from mtaudit.normalise import QUOTES
from mtaudit.profile.ngram import UNK, NgramModel
from mtaudit.profile.style import style_sum
from mtaudit.wordlang import zipf_fr

LN10 = math.log(10)
FUNCTION_POS = frozenset({"ADP", "DET", "PRON", "CCONJ", "SCONJ", "AUX"})
OPEN_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "ADV", "NUM", "INTJ", "SYM", "X"})
RARE_ZIPF = 3.0
UNSEEN_FREQUENCY = 1e-8  # wordfreq-style frequency of a word wordfreq does not know (Zipf 1)
VARIETY_WINDOW = 30
MIN_FLUENCY_TOKENS = 3  # shorter sentences are not candidates for the least fluent sentence

FEATURES = (
    "lm_log_perplexity",
    "lm_context_gain",
    "lm_seen_trigram_rate",
    "lm_surprise_sd",
    "lm_worst_sentence_log_perplexity",
    "oov_rate",
    "pos_log_perplexity",
    "pos_context_gain",
    "function_word_rate",
    "punctuation_rate",
    "comma_rate",
    "sentence_length_mean",
    "sentence_length_sd",
    "zipf_mean",
    "rare_word_rate",
    "lexical_variety",
    "mt_style",
)
MODEL_FEATURE = "model_log_perplexity"

_DIGIT = re.compile(r"\d")


@lru_cache(maxsize=1)
def _frequencies() -> dict[str, float]:
    import wordfreq

    # the arguments zipf_frequency passes, so that both share wordfreq's one cached dict
    return wordfreq.get_frequency_dict("fr", "best")


@lru_cache(maxsize=200_000)
def word_form(text: str) -> str:
    """The form the word model sees: lower case, one quote style, digits as 0 (``«2012»`` → ``"0000"``)."""
    return _DIGIT.sub("0", text.lower().translate(QUOTES))


def base_frequency(form: str) -> float:
    """wordfreq's French frequency of a word form (``l'`` is looked up as ``l``), floored for unknowns."""
    return _frequencies().get(form.rstrip("'"), UNSEEN_FREQUENCY)


def syntax_form(token: Token) -> str:
    """The syntax model's token: the POS tag of an open-class word, the word form of a closed-class one."""
    return token.pos_ if token.pos_ in OPEN_POS else word_form(token.text)


@dataclass
class SentenceStats:
    """What one sentence contributes to its paragraph's features."""

    start: int
    end: int
    tokens: int
    words: list[str]
    zipfs: list[float]
    punctuation: int
    commas: int
    function_words: int
    lm_nats: list[float]
    lm_gain: list[float]
    lm_seen_trigrams: int
    oov: int
    pos_nats: list[float]
    pos_gain: list[float]
    style_tokens: list[str]
    model_nats: list[float] | None = None  # per-token surprise under the transformers model, if any

    @property
    def log_perplexity(self) -> float:
        """Mean surprise of the sentence under the transformers model if there is one, else the word model."""
        nats = self.model_nats or self.lm_nats
        return _mean(nats)


def sentence_stats(sentence: Span, word_lm: NgramModel, syntax_lm: NgramModel) -> SentenceStats:
    """Measure one sentence (a span of the paragraph's spaCy ``Doc``) with the profile's n-gram models."""
    return sentences_stats([sentence], word_lm, syntax_lm)[0]


def sentences_stats(
    sentences: Sequence[Span], word_lm: NgramModel, syntax_lm: NgramModel
) -> list[SentenceStats]:
    """:func:`sentence_stats` of each sentence, the n-gram models scoring them all in one pass."""
    read = [_read_tokens(sentence) for sentence in sentences]
    word_ids = [word_lm.ids(r.forms) for r in read]
    lm = word_lm.score_all(word_ids, [r.base_log10 for r in read])
    syntax = syntax_lm.score_all(
        [syntax_lm.ids(r.syntax_forms) for r in read], [[0.0] * (len(r.forms) + 1) for r in read]
    )
    # per-token values for the whole batch, cut per sentence below (each sentence's tokens, then </s>)
    lm_nats = (-LN10 * lm.log10p).tolist()
    lm_gain = (LN10 * (lm.log10p - lm.unigram_log10p)).tolist()
    pos_nats = (-LN10 * syntax.log10p).tolist()
    pos_gain = (LN10 * (syntax.log10p - syntax.unigram_log10p)).tolist()
    seen_before = [0, *np.cumsum(lm.matched_order == word_lm.order).tolist()]
    stats = []
    end = 0
    for sentence, tokens, ids in zip(sentences, read, word_ids, strict=True):
        start, end = end, end + len(ids) + 1
        bigrams = zip(["<s>", *tokens.syntax_forms], [*tokens.syntax_forms, "</s>"])
        stats.append(
            SentenceStats(
                start=sentence.start_char,
                end=sentence.end_char,
                tokens=len(tokens.forms),
                words=tokens.words,
                zipfs=tokens.zipfs,
                punctuation=tokens.punctuation,
                commas=tokens.commas,
                function_words=tokens.function_words,
                lm_nats=lm_nats[start:end],
                lm_gain=lm_gain[start:end],
                lm_seen_trigrams=seen_before[end] - seen_before[start],
                oov=ids.count(UNK),
                pos_nats=pos_nats[start:end],
                pos_gain=pos_gain[start:end],
                style_tokens=tokens.style_words + [f"s:{left}_{right}" for left, right in bigrams],
            )
        )
    return stats


@dataclass
class _Tokens:
    """What the fluency features read of a sentence's tokens (whitespace left out), read once."""

    forms: list[str]
    style_words: list[str]  # the forms as style tokens (``w:form``)
    syntax_forms: list[str]
    base_log10: list[float]  # per form, then 0.0 for </s>
    words: list[str]  # the forms of the words: tokens with a letter in them that are not punctuation
    zipfs: list[float]
    punctuation: int = 0
    commas: int = 0
    function_words: int = 0


def _read_tokens(sentence: Span) -> _Tokens:
    read = _Tokens([], [], [], [], [], [])
    table = token_table(sentence.doc)
    texts, tags, puncts, spaces = table.text, table.pos, table.is_punct, table.is_space
    forms, style_words, syntax_forms, base_log10 = read.forms, read.style_words, read.syntax_forms, read.base_log10
    for i in range(sentence.start, sentence.end):
        if spaces[i]:
            continue
        text, pos, punct = texts[i], tags[i], puncts[i]
        form, style_word, base, has_letter, zipf = _text_facts(text)
        forms.append(form)
        style_words.append(style_word)
        syntax_forms.append(pos if pos in OPEN_POS else form)
        base_log10.append(base)
        read.punctuation += punct
        read.commas += text == ","
        if not punct and has_letter:
            read.words.append(form)
            read.zipfs.append(zipf)
            read.function_words += pos in FUNCTION_POS
    base_log10.append(0.0)
    return read


@lru_cache(maxsize=200_000)
def _text_facts(text: str) -> tuple[str, str, float, bool, float]:
    """A token text's word form, its style token, its base log10 frequency, whether it has a letter, the
    form's Zipf frequency (``l'`` looked up as ``l``): cached, since words recur."""
    form = word_form(text)
    letter = any(c.isalpha() for c in text)
    return form, f"w:{form}", math.log10(base_frequency(form)), letter, zipf_fr(form.rstrip("'"))


def least_fluent(sentences: Sequence[SentenceStats]) -> SentenceStats:
    """The sentence with the highest mean surprise (among those of at least 3 tokens when there are any)."""
    candidates = [s for s in sentences if s.tokens >= MIN_FLUENCY_TOKENS] or list(sentences)
    return max(candidates, key=lambda s: s.log_perplexity)


def paragraph_features(sentences: Sequence[SentenceStats], style: Mapping[str, float]) -> dict[str, float]:
    """The fluency features of a paragraph made of ``sentences``, ``style`` being the machine-translation
    style table (see the module docstring)."""
    sentences = [s for s in sentences if s.tokens]
    lm_nats = [x for s in sentences for x in s.lm_nats]
    pos_nats = [x for s in sentences for x in s.pos_nats]
    words = [w for s in sentences for w in s.words]
    zipfs = [z for s in sentences for z in s.zipfs]
    tokens = max(sum(s.tokens for s in sentences), 1)
    n_words = max(len(words), 1)
    lengths = [len(s.words) for s in sentences] or [0]
    style_tokens = [t for s in sentences for t in s.style_tokens]
    features = {
        "lm_log_perplexity": _mean(lm_nats),
        "lm_context_gain": _mean([x for s in sentences for x in s.lm_gain]),
        "lm_seen_trigram_rate": sum(s.lm_seen_trigrams for s in sentences) / max(len(lm_nats), 1),
        "lm_surprise_sd": _std(lm_nats) if lm_nats else 0.0,
        "lm_worst_sentence_log_perplexity": max((_mean(s.lm_nats) for s in sentences), default=0.0),
        "oov_rate": sum(s.oov for s in sentences) / tokens,
        "pos_log_perplexity": _mean(pos_nats),
        "pos_context_gain": _mean([x for s in sentences for x in s.pos_gain]),
        "function_word_rate": sum(s.function_words for s in sentences) / n_words,
        "punctuation_rate": sum(s.punctuation for s in sentences) / tokens,
        "comma_rate": sum(s.commas for s in sentences) / n_words,
        "sentence_length_mean": _mean(lengths),
        "sentence_length_sd": _std(lengths),
        "zipf_mean": _mean(zipfs),
        "rare_word_rate": sum(z < RARE_ZIPF for z in zipfs) / n_words,
        "lexical_variety": lexical_variety(words),
        "mt_style": style_sum(style, style_tokens) / max(len(style_tokens), 1),
    }
    if any(s.model_nats is not None for s in sentences):
        features[MODEL_FEATURE] = _mean([x for s in sentences for x in s.model_nats or ()])
    return features


def lexical_variety(words: Sequence[str], window: int = VARIETY_WINDOW) -> float:
    """Moving-average type/token ratio over ``window`` words; the plain ratio for shorter texts."""
    if len(words) <= window:
        return len(set(words)) / len(words) if words else 0.0
    counts: dict[str, int] = {}
    for w in words[:window]:
        counts[w] = counts.get(w, 0) + 1
    total = len(counts)
    for i in range(window, len(words)):
        counts[words[i]] = counts.get(words[i], 0) + 1
        old = words[i - window]
        counts[old] -= 1
        if not counts[old]:
            del counts[old]
        total += len(counts)
    return total / ((len(words) - window + 1) * window)


def _mean(values: Sequence[float]) -> float:
    """``np.mean(values)`` (0.0 for none) without its per-call checks: the same sum, divided the same way."""
    return float(np.add.reduce(np.asarray(values, dtype=np.float64))) / len(values) if values else 0.0


def _std(values: Sequence[float]) -> float:
    """``np.std(values)`` of at least one value, computed as numpy does, without its per-call checks."""
    x = np.asarray(values, dtype=np.float64)
    deviations = x - np.add.reduce(x) / len(x)
    return float(np.sqrt(np.add.reduce(deviations * deviations) / len(x)))
