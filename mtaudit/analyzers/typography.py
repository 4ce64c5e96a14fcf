"""Non-French typography: straight or English quotes, missing spaces before ; : ! ?, misplaced spaces.

Scraped native French often has plain quotes too, so typography is never more than a minor anomaly.
"""

from __future__ import annotations

import re

from mtaudit.analyzers.base import Analyzer
from mtaudit.analyzers.patterns import Guarded
from mtaudit.records import Anomaly, Severity
from mtaudit.view import ParagraphView

# Each pattern opening with a look-behind is guarded by a character its matches contain (patterns.py).
RULES: list[tuple[re.Pattern[str] | Guarded, str, Severity]] = [
    (re.compile(r"“[^”\n]{1,400}”"), "English curly quotes: French uses « guillemets »", "minor"),
    (
        Guarded(re.compile(r"(?<![\w])\"[^\"\n]{1,400}\""), '"'),
        "straight quotes: French uses « guillemets »",
        "minor",
    ),
    (
        Guarded(re.compile(r"(?<=[^\s\d:/])[;!?](?=\s|$)"), "[;!?]"),
        "no space before ; ! ? (French puts a thin space)",
        "info",
    ),
    (
        Guarded(re.compile(r"(?<=[A-Za-zÀ-ÿ]):(?=\s)"), ":"),
        "no space before the colon (French puts a space)",
        "info",
    ),
    (re.compile(r"\s+[,.](?=\s|$)"), "space before a comma or full stop", "info"),
    (Guarded(re.compile(r"«(?=\S)|(?<=\S)»"), "[«»]"), "no space inside « guillemets »", "info"),
]


class TypographyAnalyzer(Analyzer):
    """Reports quotation marks and punctuation spacing that do not follow French conventions."""

    type = "typography"

    def analyze(self, view: ParagraphView) -> list[Anomaly]:
        """Typography is what normalisation removes, so this analyzer reads the original text."""
        text = view.original
        found = [
            Anomaly(self.type, m.start(), m.end(), m.group(), message, severity)
            for pattern, message, severity in RULES
            for m in pattern.finditer(text)
        ]
        return sorted(found, key=lambda a: a.start)

    def find(self, view: ParagraphView) -> list[Anomaly]:
        return self.analyze(view)
