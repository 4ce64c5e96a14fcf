"""Untranslated English: English sentences, phrases and words, the English possessive ``'s``.

Whether a word is English is decided by lexicons (:mod:`mtaudit.lexicons`, :mod:`mtaudit.analyzers.leakage`):
an English word form that is not a French one, outside a name. Possessives, contractions, US party labels
and English day and month names are found by pattern. The loanwords and names of
``data/english_allowlist.txt`` (and ``--allow-english FILE``) are never anomalies.
"""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

from spacy.tokens import Doc

from mtaudit.analyzers.base import Analyzer
from mtaudit.analyzers.leakage import LeakageFinder, glossed_at, leak_anomaly
from mtaudit.analyzers.patterns import Guarded
from mtaudit.lexicons import lexicon
from mtaudit.nlp import doc_text
from mtaudit.records import Anomaly, Severity
from mtaudit.view import ParagraphView

# Patterns opening with a look-behind or \b are guarded by what their matches contain (patterns.py).
_POSSESSIVE = Guarded(
    re.compile(r"(?<![\w'’])((?:[A-Z0-9][\w&.\-]*)(?: [A-Z][\w&.\-]*)?)['’]s(?!\w)"), r"['’]s(?!\w)"
)
_CONTRACTION = Guarded(
    re.compile(
        r"(?<![\w'’])(it|that|let|what|there|here|he|she|who|where|don|doesn|isn|aren|can|won|didn|i)"
        r"['’](s|t|m|re|ll|ve|d)(?!\w)",
        re.IGNORECASE,
    ),
    r"['’](?:s|t|m|re|ll|ve|d)(?!\w)",
    re.IGNORECASE,
)


def load_allowlist(extra: Path | None = None) -> frozenset[str]:
    """The shipped allowlist of English words and names, plus the lines of ``extra`` if given."""
    text = resources.files("mtaudit").joinpath("data/english_allowlist.txt").read_text("utf-8")
    if extra is not None:
        text += "\n" + extra.read_text("utf-8")
    return frozenset(
        line.split("#", 1)[0].strip().lower() for line in text.splitlines() if line.split("#", 1)[0].strip()
    )


# US political labels ("(D-Calif.)", "(R-Texas)") and English day and month names.
_PARTY_LABEL = re.compile(r"\((?:D|R|I)-[A-Z][A-Za-z.]{1,12}\)")
_CALENDAR_NAMES = (
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|April|June|July|"
    r"August|September|October|November|December)"
)
_CALENDAR = Guarded(re.compile(rf"\b{_CALENDAR_NAMES}\b"), _CALENDAR_NAMES)

_NAME_BEFORE = re.compile(r"[A-Z][a-z]+ $")
_NAME_AFTER = re.compile(r" [A-Z][a-z]")


class EnglishAnalyzer(Analyzer):
    """Reports English sentences, phrases, words and possessives left in French text."""

    type = "english"

    def __init__(self, allowlist: frozenset[str] | None = None) -> None:
        self.allowlist = allowlist if allowlist is not None else load_allowlist()
        self.finder = LeakageFinder(lexicon("en"), lexicon("fr"), self.allowlist)
        phrases = sorted((p for p in self.allowlist if " " in p and "'s" not in p), key=len, reverse=True)
        self._phrase_pattern = (
            re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, phrases)) + r")(?!\w)", re.IGNORECASE)
            if phrases
            else None
        )

    def analyze(self, view: ParagraphView) -> list[Anomaly]:
        doc = view.doc
        found = self._possessives(doc)
        leaks = self.finder.find(doc)
        if leaks:  # most paragraphs have none: the allowlist's phrases are only looked for beside a leak
            taken = [(a.start, a.end) for a in found] + self._allowed_phrases(doc_text(doc))
            for leak in leaks:
                start, end = leak.first.idx, leak.last.idx + len(leak.last.text)
                if not any(start < b and a < end for a, b in taken):
                    found.append(leak_anomaly(self, leak))
        return sorted(found, key=lambda a: a.start)

    def _allowed_phrases(self, text: str) -> list[tuple[int, int]]:
        """Character ranges of multi-word allowlist entries ("rock and roll", "fake news")."""
        if self._phrase_pattern is None:
            return []
        return [(m.start(), m.end()) for m in self._phrase_pattern.finditer(text)]

    def _possessives(self, doc: Doc) -> list[Anomaly]:
        found = []
        text = doc_text(doc)
        for match in _PARTY_LABEL.finditer(text):
            message = f"US party label “{match.group(0)}”: French writes « le démocrate de Californie »"
            found.append(self.anomaly(doc, match.start(), match.end(), message, "major"))
        for match in _CALENDAR.finditer(text):
            if _NAME_BEFORE.search(text, 0, match.start()) or _NAME_AFTER.match(text, match.end()):
                continue  # "Black Friday", "Super Tuesday", "August Gloup": names
            message = f"English day or month name “{match.group(0)}”"
            found.append(self.anomaly(doc, match.start(), match.end(), message, "minor"))
        for match in _CONTRACTION.finditer(text):
            severity: Severity = "minor" if glossed_at(doc, match.start()) else "major"  # a quoted title
            message = f"English contraction “{match.group(0)}”"
            found.append(self.anomaly(doc, match.start(), match.end(), message, severity))
        for match in _POSSESSIVE.finditer(text):
            owner = match.group(1)
            whole = match.group(0).lower().replace("’", "'")
            if whole in self.allowlist or whole.split(" ")[-1] in self.allowlist:
                continue
            start = match.start(1) + (owner.rfind(" ") + 1 if " " in owner else 0)
            owner = owner.rsplit(" ", 1)[-1]
            if owner.isdigit():
                message = f"English decade “{match.group(0)}”: French writes « les années {owner} »"
                found.append(self.anomaly(doc, start, match.end(), message, "minor"))
                continue
            message = f"English possessive “'s” (“{text[start : match.end()]}”): French says “de {owner}”"
            found.append(self.anomaly(doc, start, match.end(), message, _possessive_severity(doc, match)))
        return found


def _possessive_severity(doc: Doc, match: re.Match[str]) -> Severity:
    """Major unless the possessive opens an English title ("America's Army", "London's Round House").

    A possessive before a person ("ABC's George Stephanopoulos"), after an acronym, or before a common
    word ("Trump's plan") is English syntax left in the sentence; quoted, it is a title.
    """
    owner = match.group(1).rsplit(" ", 1)[-1]
    after = doc.char_span(match.end(), len(doc_text(doc)), alignment_mode="expand")
    following = next((t for t in after if not t.is_space), None) if after is not None else None
    if following is None or owner.isupper() or not following.text[:1].isupper():
        return "minor" if glossed_at(doc, match.start()) else "major"
    english = lexicon("en")
    title = english.is_common_word(following.text) and following.text not in english.capitalised
    return "major" if following.ent_type_ == "PER" and not title else "minor"
