"""The masked text: a paragraph with its topic words hidden, for a text model that must not learn topics.

Nouns, proper names, numbers and symbols (what a text is *about*) become their part of speech; verbs,
adjectives, adverbs, function words and punctuation (how it is *phrased*) stay as written, in lower case.
``Le maire de Lyon a inauguré hier un grand pont.`` → ``le NOUN de PROPN a inauguré hier un grand NOUN .``

Unlike the syntactic skeleton (:func:`mtaudit.detector.features.skeleton`), which also hides verbs,
adjectives and adverbs, it keeps the word choices a translation makes whatever its topic; held out whole,
a test set's systems are told from its human references better with it (see docs/detector.md).
"""

from __future__ import annotations

from collections.abc import Container, Sequence

# Parts of speech whose words are masked (replaced by the tag) unless they are function words.
TOPIC_POS = frozenset({"NOUN", "PROPN", "NUM", "SYM", "X"})


def masked_text(forms: Sequence[str], pos: Sequence[str], function_words: Container[str]) -> str:
    """The tokens ``forms`` (lower case) joined by spaces, each topic word (part of speech in
    :data:`TOPIC_POS`, not in ``function_words``) replaced by its tag."""
    return " ".join(
        tag if tag in TOPIC_POS and form not in function_words else form for form, tag in zip(forms, pos)
    )
