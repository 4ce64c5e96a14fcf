"""Split paragraphs into sentences for MarianMT, and join the translated sentences back.

Marian models are trained on single sentences and hallucinate on long inputs, so a paragraph is cut
after ``.``, ``!``, ``?`` or ``…`` (closing quotes included) when the next word starts a new sentence, but
not after common French and English abbreviations or initials. A sentence still longer than
``max_chars`` is cut further at a clause mark or a space. Each piece keeps the whitespace that followed
it, so ``"".join(text + gap for text, gap in pieces)`` gives the paragraph back.
"""

from __future__ import annotations

import re

MAX_SENTENCE_CHARS = 500
ABBREVIATIONS = frozenset(
    """m mm mme mmes mlle mlles dr pr me mgr st ste etc cf p pp art av bd env ex fig hab vol éd coll chap
    janv févr avr juil sept oct nov déc n no mr mrs ms jr inc ltd co vs ca approx""".split()
)
SPLITTER_VERSION = "mtaudit-sentences-1"

_END = re.compile(r"[.!?…]+(?:[\s\u00a0\u202f]*[»”\"’)\]])*(?P<gap>\s+)(?=[«“\"(\[—–\-]?\s*[A-ZÀ-ÖØ-Þ0-9])")
_WORD_BEFORE = re.compile(r"([^\W\d_]+)\.$")
_CLAUSE = re.compile(r"[,;:]\s")

Piece = tuple[str, str]


def split_sentences(text: str, max_chars: int = MAX_SENTENCE_CHARS) -> list[Piece]:
    """``text`` as ``(sentence, following whitespace)`` pieces; empty for blank text."""
    pieces: list[Piece] = []
    start = len(text) - len(text.lstrip())
    for match in _END.finditer(text):
        head = text[start : match.start("gap")]
        if _is_abbreviation(text[start : match.start() + 1]):
            continue
        pieces.extend(_cut_long(head, match.group("gap"), max_chars))
        start = match.end()
    rest = text[start:]
    stripped = rest.rstrip()
    if stripped:
        pieces.extend(_cut_long(stripped, rest[len(stripped) :], max_chars))
    return pieces


def join_sentences(sentences: list[str], pieces: list[Piece]) -> str:
    """Join (translated) ``sentences`` with the whitespace that followed each source piece."""
    return "".join(sentence + gap for sentence, (_, gap) in zip(sentences, pieces)).strip()


def _is_abbreviation(head: str) -> bool:
    """Whether ``head`` (ending in the stop) ends with an abbreviation or an initial like ``J.``."""
    if not head.endswith("."):
        return False
    word = _WORD_BEFORE.search(head)
    if word is None:
        return False
    token = word.group(1)
    return token.lower() in ABBREVIATIONS or (len(token) == 1 and token.isupper())


def _cut_long(sentence: str, gap: str, max_chars: int) -> list[Piece]:
    """Cut ``sentence`` into pieces of at most ``max_chars``, preferring clause marks, then spaces."""
    pieces: list[Piece] = []
    while len(sentence) > max_chars:
        window = sentence[: max_chars + 1]
        clauses = [m.end() - 1 for m in _CLAUSE.finditer(window)]
        spaces = [i for i, c in enumerate(window) if c.isspace()]
        cut = clauses[-1] if clauses else spaces[-1] if spaces else max_chars
        head, sentence = sentence[:cut], sentence[cut:]
        rest = sentence.lstrip()
        pieces.append((head.rstrip(), sentence[: len(sentence) - len(rest)] or ""))
        sentence = rest
    pieces.append((sentence, gap))
    return pieces
