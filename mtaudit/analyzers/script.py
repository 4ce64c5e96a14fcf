"""Foreign scripts: runs of Cyrillic, Arabic, Greek, Chinese… text inside French, as MT systems leave them.

A run is a stretch of letters of non-Latin scripts, with the spaces and punctuation between them; a whole
foreign sentence is one run. Severity grows with what the run holds: one or two letters (π, Δ, a unit's
symbol) are no anomaly; one word is minor (a name in its own script), and only info when glossed in
parentheses or quotes ("Moscou (Москва)"); two words or more — four characters or more in scripts written
without spaces — are major, and minor when glossed ("en russe : …" in parentheses).
"""

from __future__ import annotations

import re
import unicodedata

from mtaudit.analyzers.base import Analyzer
from mtaudit.analyzers.leakage import glossed_at
from mtaudit.nlp import doc_text
from mtaudit.records import Anomaly, Severity
from mtaudit.view import ParagraphView

# Letters of non-Latin scripts (Greek to Mongolian, Greek extended, Georgian/Ethiopic/Cyrillic extensions,
# CJK and kana, Yi, Cyrillic extended-B, Hangul, compatibility and presentation forms, half-width kana).
_FOREIGN = (
    "\u0370-\u03ff\u0400-\u1cff\u1f00-\u1fff\u2c00-\u2dff\u2e80-\u9fff\ua000-\ua4cf\ua640-\ua69f"
    "\uac00-\ud7ff\uf900-\ufaff\ufb1d-\ufdff\ufe70-\ufefc\uff66-\uffdc"
)
_RUN = re.compile(rf"[{_FOREIGN}](?:[{_FOREIGN}\u0300-\u036f]|[\s\-'’.,:;!?()«»\"0-9]+(?=[{_FOREIGN}]))*")
_LETTER = re.compile(rf"[{_FOREIGN}]")
# Scripts written without spaces between words: a run's length counts in characters there.
_UNSPACED = frozenset({"CJK", "HIRAGANA", "KATAKANA", "THAI", "LAO", "KHMER", "MYANMAR", "TIBETAN"})
_DISPLAY_NAMES = {"CJK": "Chinese (CJK)", "HIRAGANA": "Japanese", "KATAKANA": "Japanese", "HANGUL": "Korean"}
MIN_LETTERS = 3  # below this, a run is a symbol or a variable (π, ΔG)
UNSPACED_PHRASE = 4  # characters of an unspaced script that make a phrase


def script_name(char: str) -> str:
    """The script of a letter as Unicode names it: "CYRILLIC", "ARABIC", "CJK", "HIRAGANA"…"""
    return unicodedata.name(char, "UNKNOWN").split(" ")[0]


def judge_run(run: str, glossed: bool) -> Severity | None:
    """The severity of a foreign-script run, or None when it is a mere symbol."""
    letters = len(_LETTER.findall(run))
    script = script_name(run[0])
    if letters < MIN_LETTERS and script not in _UNSPACED:
        return None
    phrase = letters >= UNSPACED_PHRASE if script in _UNSPACED else len(run.split()) >= 2
    if phrase:
        return "minor" if glossed else "major"
    return "info" if glossed else "minor"


class ScriptAnalyzer(Analyzer):
    """Reports text in non-Latin scripts inside French paragraphs."""

    type = "script"

    def analyze(self, view: ParagraphView) -> list[Anomaly]:
        doc = view.doc
        text = doc_text(doc)
        if text.isascii():
            return []
        found = []
        for match in _RUN.finditer(text):
            severity = judge_run(match.group(0), glossed_at(doc, match.start()))
            if severity is None:
                continue
            script = script_name(match.group(0)[0])
            script = _DISPLAY_NAMES.get(script, script.capitalize())
            message = f"{script} script inside French text: translate or transliterate it"
            found.append(self.anomaly(doc, match.start(), match.end(), message, severity))
        return found
