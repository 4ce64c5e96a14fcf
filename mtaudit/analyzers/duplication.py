"""Repeated or garbled adjacent tokens: "le le", "de la de la", "State Statet"."""

from __future__ import annotations

from collections.abc import Sequence
from typing import overload

from spacy.tokens import Doc, Token

from mtaudit.analyzers.base import Analyzer
from mtaudit.nlp import token_table
from mtaudit.records import Anomaly
from mtaudit.view import ParagraphView
from mtaudit.wordlang import is_known_word

# Words that French (or speech) legitimately doubles: reflexives, intensifiers, interjections.
LEGITIMATE_REPEATS = frozenset(
    "nous vous très si non oui bien vite là tout ah oh eh ha hé hein bla bye toc tic tac chut pan "
    "plouf cui glou miam beau peu rien beaucoup jamais toujours vraiment trop encore assez super "
    "merci bravo allez voilà bof bon bah ouais mouais".split()
)
# "peu à peu", "jour après jour", "un par un": a word doubled around these is French, not a stutter.
LINKED_REPEATS = frozenset("à après par pour contre sur".split())
MAX_NGRAM = 4


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance between two short strings."""
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i]
        for j, cb in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def _is_word(token: Token) -> bool:
    return token.text.replace("-", "").isalpha()


class DuplicationAnalyzer(Analyzer):
    """Reports immediately repeated words or word groups, and garbled near-duplicates."""

    type = "duplication"

    def analyze(self, view: ParagraphView) -> list[Anomaly]:
        doc = view.doc
        table = token_table(doc)
        kept = [i for i, space in enumerate(table.is_space) if not space]
        tokens = _Tokens(doc, kept)
        lowers = [table.lower[i] for i in kept]
        found: list[Anomaly] = []
        covered_until = -1
        for k in range(len(tokens) - 1):
            if found and tokens[k].idx < covered_until:
                continue
            anomaly = self._repeated_group(tokens, lowers, k)
            if anomaly is None and lowers[k][:3] == lowers[k + 1][:3]:  # else no near-duplicate
                anomaly = self._near_duplicate(tokens[k], tokens[k + 1])
            if anomaly is not None:
                found.append(anomaly)
                covered_until = anomaly.end
        return found

    def _repeated_group(self, tokens: Sequence[Token], lowers: list[str], k: int) -> Anomaly | None:
        """The word group starting at ``tokens[k]`` written twice in a row (``lowers``: their lower case)."""
        if lowers[k] not in lowers[k + 1 : k + 1 + MAX_NGRAM]:
            return None  # a group repeated at once starts again with its first word
        for n in range(MAX_NGRAM, 0, -1):
            if k + 2 * n > len(tokens):
                continue
            first = lowers[k : k + n]
            if first != lowers[k + n : k + 2 * n] or not any(_is_word(t) for t in tokens[k : k + n]):
                continue
            if n == 1 and (first[0] in LEGITIMATE_REPEATS or _is_reduplicated_name(tokens[k], tokens[k + 1])):
                return None
            if n == 2 and first[1] in LINKED_REPEATS:
                return None  # "peu à peu à", "jour après jour après"
            group = " ".join(first)
            # A doubled word is a common typo; a doubled word group is a machine's stutter.
            return self.token_anomaly(
                tokens[k],
                tokens[k + 2 * n - 1],
                f"“{group}” written twice in a row",
                "major" if n > 1 else "minor",
            )
        return None

    def _near_duplicate(self, a: Token, b: Token) -> Anomaly | None:
        if not (_is_word(a) and _is_word(b)) or min(len(a.text), len(b.text)) < 4:
            return None
        x, y = a.lower_, b.lower_
        if x == y or x[:3] != y[:3] or edit_distance(x, y) > 1 + (min(len(x), len(y)) >= 8):
            return None
        if is_known_word(a.text) and is_known_word(b.text):
            return None  # two real words: "présent présente" is odd but not garbled
        return self.token_anomaly(a, b, f"garbled duplicate “{a.text} {b.text}”", "major")


class _Tokens(Sequence[Token]):
    """The tokens of ``doc`` at ``positions``, spaCy's token objects built only for those read (few)."""

    def __init__(self, doc: Doc, positions: list[int]) -> None:
        self.doc = doc
        self.positions = positions

    def __len__(self) -> int:
        return len(self.positions)

    @overload
    def __getitem__(self, k: int) -> Token: ...
    @overload
    def __getitem__(self, k: slice) -> list[Token]: ...
    def __getitem__(self, k: int | slice) -> Token | list[Token]:
        if isinstance(k, slice):
            return [self.doc[i] for i in self.positions[k]]
        return self.doc[self.positions[k]]


def _is_reduplicated_name(a: Token, b: Token) -> bool:
    """Bora Bora, Baden-Baden, Duran Duran: capitalised doubles that are names."""
    return a.text[:1].isupper() and b.text[:1].isupper() and a.text == b.text
