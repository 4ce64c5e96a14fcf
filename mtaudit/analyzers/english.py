"""Untranslated English: English words and phrases, and the English possessive ``'s``.

Word language comes from corpus frequencies (wordfreq): a word counts as English when it is much more
frequent in English than in French. Capitalised runs (names, titles, brands), URLs, handles and the
loanwords of ``data/english_allowlist.txt`` are not anomalies.
"""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

from spacy.tokens import Doc, Token

from mtaudit.analyzers.base import Analyzer, is_title_case
from mtaudit.nlp import doc_text
from mtaudit.records import Anomaly, Severity
from mtaudit.view import ParagraphView
from mtaudit.wordlang import english_lean, zipf_en, zipf_fr

# A word belongs to an English run above this lean (Zipf units more frequent in English than French).
RUN_LEAN = 1.0
# A lone lower-case word is reported only when it is clearly English and rare in French.
LONE_LEAN = 1.8
LONE_MAX_ZIPF_FR = 4.2
# A run of words is a phrase when its words lean this much towards English on average.
PHRASE_LEAN = 1.3
# English function words: a run that has one is a piece of English syntax, not a borrowed noun.
FUNCTION_WORDS = frozenset(
    "the this that these those is are was were be been being has have had will would can could should "
    "of to for with from by at in on into about and or but not no yes you your we our they their it "
    "its he she his her him them my me please there here what which who when where why how do does "
    "did if than then just also all any some very".split()
)

_POSSESSIVE = re.compile(r"(?<![\w'’])((?:[A-Z0-9][\w&.\-]*)(?: [A-Z][\w&.\-]*)?)['’]s(?!\w)")
_CONTRACTION = re.compile(
    r"(?<![\w'’])(it|that|let|what|there|here|he|she|who|where|don|doesn|isn|aren|can|won|didn|i)"
    r"['’](s|t|m|re|ll|ve|d)(?!\w)",
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
_CALENDAR = re.compile(
    r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|April|June|July|"
    r"August|September|October|November|December)\b"
)

_NAME_BEFORE = re.compile(r"[A-Z][a-z]+ $")
_NAME_AFTER = re.compile(r" [A-Z][a-z]")


class EnglishAnalyzer(Analyzer):
    """Reports English words, phrases and possessives left in French text."""

    type = "english"

    def __init__(self, allowlist: frozenset[str] | None = None) -> None:
        self.allowlist = allowlist if allowlist is not None else load_allowlist()
        phrases = sorted((p for p in self.allowlist if " " in p and "'s" not in p), key=len, reverse=True)
        self._phrase_pattern = (
            re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, phrases)) + r")(?!\w)", re.IGNORECASE)
            if phrases
            else None
        )

    def analyze(self, view: ParagraphView) -> list[Anomaly]:
        doc = view.doc
        found = self._possessives(doc)
        taken = [(a.start, a.end) for a in found] + self._allowed_phrases(doc_text(doc))
        for run in self._runs(doc):
            first, last = run[0], run[-1]
            if any(first.idx < end and last.idx + len(last.text) > start for start, end in taken):
                continue
            anomaly = self._judge_run(doc, run)
            if anomaly is not None:
                found.append(anomaly)
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
            found.append(
                self.anomaly(
                    doc, match.start(), match.end(), f"English contraction “{match.group(0)}”", "major"
                )
            )
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

    def _is_candidate(self, token: Token) -> bool:
        text = token.text
        if len(text) < 2 or not text.replace("-", "").replace("'", "").isalpha():
            return False
        if token.like_url or token.like_email or text.lower() in self.allowlist:
            return False
        return zipf_en(text.lower()) >= 3.0 and english_lean(text) >= RUN_LEAN

    def _runs(self, doc: Doc) -> list[list[Token]]:
        """Maximal sequences of English-leaning words; one ambiguous word may bridge two of them."""
        runs: list[list[Token]] = []
        current: list[Token] = []
        for token in doc:
            if token.is_space:
                continue
            if self._is_candidate(token):
                current.append(token)
                continue
            if current and english_lean(token.text) > 0 and token.is_alpha and not token.is_title:
                nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
                if nxt is not None and self._is_candidate(nxt):
                    current.append(token)  # bridge: "developing story" around "a", "in", "on"
                    continue
            if current:
                runs.append(current)
                current = []
        if current:
            runs.append(current)
        return runs

    def _judge_run(self, doc: Doc, run: list[Token]) -> Anomaly | None:
        words = [t for t in run if self._is_candidate(t)]
        lower = [t for t in words if not (is_title_case(t.text) or t.text.isupper())]
        if all(t.lower_ in FUNCTION_WORDS for t in lower) and _touches_capitalised(doc, run):
            return None  # names and titles: "Hall of Fame", "Game of Thrones", "Men in Black"
        if not lower or all(t.ent_type_ == "PER" for t in words):
            return None
        if len(words) >= 2:
            lean = sum(english_lean(t.text) for t in words) / len(words)
            if lean >= PHRASE_LEAN:
                syntax = any(t.lower_ in FUNCTION_WORDS for t in run) or len(words) >= 4
                glossed = _inside_quotes(doc, run[0].idx) or _inside_parentheses(doc, run[0].idx)
                severity = "major" if syntax and not glossed else "minor"
                phrase = doc_text(doc)[run[0].idx : run[-1].idx + len(run[-1].text)]
                return self.token_anomaly(
                    run[0], run[-1], f"untranslated English phrase “{phrase}”", severity
                )
        quoted = _inside_quotes(doc, run[0].idx)
        word = max(lower, key=lambda t: english_lean(t.text))
        if (
            english_lean(word.text) >= LONE_LEAN
            and zipf_fr(word.text.lower()) < LONE_MAX_ZIPF_FR
            and not quoted
        ):
            return self.token_anomaly(word, word, f"English word “{word.text}” in French text", "minor")
        return None


def _possessive_severity(doc: Doc, match: re.Match[str]) -> Severity:
    """Major unless the possessive opens an English title ("America's Army", "London's Round House").

    A possessive before a person ("ABC's George Stephanopoulos"), after an acronym, or before a common
    word ("Trump's plan") is English syntax left in the sentence.
    """
    owner = match.group(1).rsplit(" ", 1)[-1]
    after = doc.char_span(match.end(), len(doc_text(doc)), alignment_mode="expand")
    following = next((t for t in after if not t.is_space), None) if after is not None else None
    if following is None or owner.isupper() or not following.text[:1].isupper():
        return "major"
    return "major" if following.ent_type_ == "PER" else "minor"


def _touches_capitalised(doc: Doc, run: list[Token]) -> bool:
    """Whether the run holds or borders a capitalised word, as in a name or title."""
    neighbours = [doc[i] for i in (run[0].i - 1, run[-1].i + 1) if 0 <= i < len(doc)]
    return any(is_title_case(t.text) or t.is_upper for t in [*run, *neighbours])


def _inside_parentheses(doc: Doc, offset: int) -> bool:
    """Whether ``offset`` lies inside parentheses: original titles and names are glossed there."""
    before = doc_text(doc)[:offset]
    return before.count("(") > before.count(")")


def _inside_quotes(doc: Doc, offset: int) -> bool:
    """Whether ``offset`` lies inside a quotation opened earlier in the paragraph."""
    before = doc_text(doc)[:offset]
    straight = before.count('"') % 2 == 1
    guillemets = before.count("«") > before.count("»") or before.count("“") > before.count("”")
    return straight or guillemets
