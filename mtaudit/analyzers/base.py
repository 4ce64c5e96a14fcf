"""The analyzer interface: the view of a paragraph (normalised text and its parse) in, anomalies out."""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import ClassVar

from spacy.tokens import Doc, Token

from mtaudit.nlp import doc_text
from mtaudit.records import Anomaly, Severity
from mtaudit.view import ParagraphView

# Tokens after which a capital letter is expected: sentence ends, openings, line breaks.
_OPENERS = {"«", '"', "“", "‘", "'", "(", "[", "{", "—", "–", "-", ":", "‹", "…", "•", "*"}


class Analyzer(ABC):
    """Finds one type of anomaly. Pure: it sees the paragraph's parse and nothing else."""

    type: ClassVar[str]

    @abstractmethod
    def analyze(self, view: ParagraphView) -> list[Anomaly]:
        """The anomalies of this type in the paragraph (offsets into ``view.text``, the normalised text)."""

    def find(self, view: ParagraphView) -> list[Anomaly]:
        """The anomalies of this type with offsets and text in the paragraph's original text."""
        return [view.in_original(anomaly) for anomaly in self.analyze(view)]

    def signature(self) -> str:
        """What identifies this analyzer's behaviour in a report's signature."""
        return self.type

    def anomaly(self, doc: Doc, start: int, end: int, message: str, severity: Severity) -> Anomaly:
        """An anomaly covering ``doc.text[start:end]`` (character offsets)."""
        return Anomaly(self.type, start, end, doc_text(doc)[start:end], message, severity)

    def token_anomaly(self, first: Token, last: Token, message: str, severity: Severity) -> Anomaly:
        """An anomaly covering the tokens ``first`` … ``last`` inclusive."""
        return self.anomaly(first.doc, first.idx, last.idx + len(last.text), message, severity)


def previous_token(token: Token) -> Token | None:
    """The closest preceding token that is not whitespace, or None at the start of the paragraph."""
    i = token.i - 1
    while i >= 0 and token.doc[i].is_space and "\n" not in token.doc[i].text:
        i -= 1
    return token.doc[i] if i >= 0 else None


def is_mid_sentence(token: Token) -> bool:
    """Whether ``token`` follows running text, where French orthography wants a lower-case letter."""
    prev = previous_token(token)
    if prev is None or prev.is_space or "\n" in doc_text(token.doc)[prev.idx + len(prev.text) : token.idx]:
        return False
    text = prev.text
    return not (text in _OPENERS or text[-1] in ".!?…:»«\"'“”" or text.endswith("'"))


def is_title_case(text: str) -> bool:
    """``Word``: an upper-case first letter followed by at least one lower-case letter."""
    return len(text) > 1 and text[0].isupper() and text[1:].islower()
