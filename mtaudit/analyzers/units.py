"""Imperial units and English number, time and date formats in French prose."""

from __future__ import annotations

import re

from mtaudit.analyzers.base import Analyzer
from mtaudit.nlp import doc_text
from mtaudit.records import Anomaly, Severity
from mtaudit.view import ParagraphView

_NUMBER = r"\d+(?:[.,]\d+)?"
_MONTHS_FR = "janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre"
_MONTHS_EN = "January|February|March|April|June|July|August|September|October|November|December"
_IMPERIAL = (
    "miles?|pieds?|verges?|yards?|gallons?|onces?|acres?|degrés Fahrenheit|°\\s?F|mph|"
    "milles à l'heure|miles par heure|miles à l'heure|pintes?|boisseaux?|stones?|ft|in\\.|lbs?|oz"
)

# (pattern, message, severity); every pattern is searched in the paragraph text, and every one needs a
# digit: a paragraph without any is not searched.
_DIGIT = re.compile(r"\d")
RULES: list[tuple[re.Pattern[str], str, Severity]] = [
    (
        re.compile(rf"(?<![\w.,]){_NUMBER}(?:\s|-)(?:{_IMPERIAL})(?!\w)", re.IGNORECASE),
        "imperial unit: French text normally gives metric measures",
        "minor",
    ),
    (
        re.compile(r"(?<![\w.,])\d{1,3}(?:,\d{3}){2,}(?![\d,])"),
        "English thousands separators: French writes 1 000 000",
        "major",
    ),
    (
        re.compile(
            r"(?<![\w.,])\d{1,3},\d{3}(?![\d,])(?=\s+(?:personnes|habitants|dollars|euros|soldats|emplois|morts))"
        ),
        "English thousands separator: French writes 10 000",
        "major",
    ),
    (
        re.compile(r"(?<![\w.,])\d+\.\d+\s*(?:%|pour cent|millions?|milliards?|dollars|euros)"),
        "decimal point: French writes a decimal comma (3,5)",
        "minor",
    ),
    (
        re.compile(r"(?<![\w$])[$£]\s?\d[\d,.]*(?:\s?(?:millions?|milliards?|billions?))?"),
        "currency sign before the amount: French writes 5 dollars or 5 $",
        "minor",
    ),
    (
        re.compile(r"\b\d{1,2}(?::\d{2})?\s?(?:a\.m\.|p\.m\.|am|pm|AM|PM)(?!\w)"),
        "English 12-hour time: French writes 17 h 30",
        "major",
    ),
    (
        re.compile(rf"\b(?:{_MONTHS_FR}) \d{{1,2}}(?:,? \d{{4}})?(?!\d)", re.IGNORECASE),
        "English date order: French writes le 5 janvier",
        "minor",
    ),
    (
        re.compile(rf"\b(?:{_MONTHS_EN}) \d{{1,2}}(?:st|nd|rd|th)?\b"),
        "English month name and date order",
        "major",
    ),
]


class UnitsAnalyzer(Analyzer):
    """Reports measures, numbers, times and dates written the English way."""

    type = "units"

    def analyze(self, view: ParagraphView) -> list[Anomaly]:
        doc = view.doc
        found: list[Anomaly] = []
        text = doc_text(doc)
        if not _DIGIT.search(text):
            return found
        for pattern, message, severity in RULES:
            for match in pattern.finditer(text):
                if any(a.start < match.end() and match.start() < a.end for a in found):
                    continue
                found.append(self.anomaly(doc, match.start(), match.end(), message, severity))
        return sorted(found, key=lambda a: a.start)
