"""The filter mode's tokenizer: French words and sentences cut by regular expressions, as spaCy docs.

The filter mode (:mod:`mtaudit.modes`) needs tokens and sentences, not a parse: the analyzers it runs and
its surface features read token texts, spaces and lexical attributes (punctuation, numbers) and sentence
starts. spaCy's rule-based tokenizer costs more than everything else the filter mode does, so this one
cuts the text with one regular expression (elisions ``l'``, ``qu'``; numbers ``3,5``; hyphenated words;
titles ``M.``; every other sign on its own) and builds the :class:`~spacy.tokens.Doc` from the pieces:
the doc's text is exactly the input. A sentence starts after ``.``, ``!``, ``?`` or an ellipsis (and the
closing signs after them) and after a line break.

spaCy keeps every word form it has seen in its vocabulary, which would grow without end over a corpus of
millions of paragraphs (names, numbers); the tokenizer starts a fresh vocabulary once it holds
``VOCABULARY_LIMIT`` forms, so that memory stays flat whatever the input's size.
"""

from __future__ import annotations

import re
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc
from spacy.vocab import Vocab

from mtaudit.nlp import remember_text

NAME = "mtaudit_regex_tokenizer"
VERSION = "1"
VOCABULARY_LIMIT = 100_000
_TOKEN = re.compile(
    r"(?i:aujourd'hui)"
    r"|(?i:jusqu|lorsqu|puisqu|quoiqu|qu|[cdjlmnst])'(?=\w)"  # elisions: l'homme, qu'il
    r"|(?:MM|Mmes?|Mlles?|Dr|Pr|M)\.(?=\s)"  # titles before a name
    r"|\d+(?:[.,]\d+)*"
    r"|\w+(?:-\w+)*"
    r"|\.\.\.|\S"
)
_SENTENCE_END = frozenset({".", "!", "?", "...", "…"})
_CLOSING = frozenset({'"', "»", ")", "]", "'"})


class RegexTokenizer:
    """A callable that turns a string into a :class:`Doc` with tokens, spaces and sentence starts."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        if len(self.vocab) > VOCABULARY_LIMIT:
            self.vocab = _french_vocabulary()
        words: list[str] = []
        spaces: list[bool] = []
        starts: list[bool] = []
        end = 0
        opening = True  # the next word starts a sentence
        for match in _TOKEN.finditer(text):
            gap = text[end : match.start()]
            if gap:
                if words and gap[0] == " ":
                    spaces[-1], gap = True, gap[1:]
                if gap:  # other whitespace is a token of its own, as in spaCy
                    words.append(gap)
                    spaces.append(False)
                    starts.append(False)
                    opening = opening or "\n" in gap
            word = match.group()
            is_end = word in _SENTENCE_END
            words.append(word)
            spaces.append(False)
            starts.append(opening and not (is_end or word in _CLOSING))
            if starts[-1]:
                opening = False
            opening = opening or is_end
            end = match.end()
        if end < len(text):
            if words and text[end] == " ":
                spaces[-1], end = True, end + 1
            if end < len(text):
                words.append(text[end:])
                spaces.append(False)
                starts.append(False)
        if starts:
            starts[0] = True
        doc = Doc(self.vocab, words=words, spaces=spaces, sent_starts=starts)
        remember_text(doc, text)
        return doc


@cache
def load_regex_pipeline() -> Language:
    """A blank French spaCy pipeline (French lexical attributes) whose tokenizer is :class:`RegexTokenizer`
    and that has no component: the filter mode's pipeline, loaded once."""
    import spacy

    nlp = spacy.blank("fr")
    nlp.tokenizer = RegexTokenizer(_french_vocabulary())
    nlp.meta["name"], nlp.meta["version"] = NAME, VERSION
    return nlp


def _french_vocabulary() -> Vocab:
    """A new, empty vocabulary with French lexical attributes (``like_num`` knows "trois")."""
    from spacy.lang.fr import French

    return French().vocab
