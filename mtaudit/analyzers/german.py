"""Untranslated German: words and phrases that German→French systems leave in the French text.

The same lexicon mechanism as English (:mod:`mtaudit.analyzers.leakage`), with German's own rule for
capitals: German writes every noun with a capital, so a capitalised German word that French does not use
is leakage ("Verkehrsminister"), unless the parser tags it as part of a person's name.
"""

from __future__ import annotations

from mtaudit.analyzers.base import Analyzer
from mtaudit.analyzers.leakage import LeakageFinder, leak_anomaly
from mtaudit.lexicons import lexicon
from mtaudit.records import Anomaly
from mtaudit.view import ParagraphView


class GermanAnalyzer(Analyzer):
    """Reports German sentences, phrases and words left in French text."""

    type = "german"

    def __init__(self, allowlist: frozenset[str] = frozenset()) -> None:
        self.finder = LeakageFinder(
            lexicon("de"), lexicon("fr"), allowlist, capitalised_are_names=False, others=(lexicon("en"),)
        )

    def analyze(self, view: ParagraphView) -> list[Anomaly]:
        return [leak_anomaly(self, leak) for leak in self.finder.find(view.doc)]
