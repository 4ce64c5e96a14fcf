"""Source-language leakage: words, phrases and sentences of the source language left in French text.

A word is a source word when the source lexicon knows it and the French lexicon does not
(:mod:`mtaudit.lexicons`); closed-class source words ("the", "of", "und") count as source syntax. Words
that both languages share ("ski", "type") and words neither knows (typos, rare names) are neutral: they
may sit inside a run of source words but never start one.

Names are kept apart by their capitalisation and the lexicons, not by one frequency threshold: a
capitalised word that the dictionaries list as a proper name ("Europe", "John"), or that neither lexicon
knows ("Starmer"), is a name, and so is a capitalised run beside such a word ("Niagara Falls"). A
capitalised run of common source words is reported (minor) only when one of its words is unused in
French (wordfreq): "Virtual Scaffolds" is leakage, "Blue Ash" and "North Shore" are names. Common
anglicisms (frequent in French corpora) are not reported.

Severities: a whole source sentence, or a lower-case phrase with source syntax, is major (minor when it
is quoted or in parentheses, where originals are glossed); a lone word or a capitalised phrase is minor.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from spacy.attrs import ORTH
from spacy.tokens import Doc, Span, Token
from wordfreq import zipf_frequency

from mtaudit.analyzers.base import Analyzer
from mtaudit.lexicons import LANGUAGE_NAMES, Lexicon
from mtaudit.nlp import doc_text
from mtaudit.records import Anomaly, Severity
from mtaudit.wordlang import zipf_fr

# A word this frequent in French corpora (Zipf) is an established anglicism or a name known in French.
COMMON_IN_FRENCH = 3.5
# A capitalised run is leakage only when one of its words is this rare in French.
RARE_IN_FRENCH = 2.0
# A sentence is written in the source language when this share of its words are source words.
SENTENCE_SHARE = 0.6
SENTENCE_MIN_WORDS = 4
SENTENCE_SOURCE_TO_FRENCH = 6  # at most one French word per this many source words
CLASS_CACHE_SIZE = 200_000  # word forms whose class is remembered
_NAMED = frozenset({"PER", "LOC", "ORG"})
_QUOTES = frozenset('"«»“”')
# Neutral words (shared, unknown, commas) that may bridge two source words inside a run.
MAX_BRIDGE = 2


class WordClass(Enum):
    SOURCE = "source"  # a source-language content word that French does not have
    FUNCTION = "function"  # a closed-class source word ("the", "of")
    FRENCH = "french"  # a French word form the source lexicon does not know
    SHARED = "shared"  # a form of both languages ("ski", "type")
    NAME = "name"  # a proper name, an acronym, or a capitalised word no lexicon knows
    UNKNOWN = "unknown"  # a lower-case word that no lexicon knows
    OTHER = "other"  # punctuation, numbers, symbols


_SOURCE_CLASSES = frozenset({WordClass.SOURCE, WordClass.FUNCTION})


@dataclass(slots=True)
class Word:
    """One word of the text: a token, or tokens joined by hyphens ("week-end", "cable-stayed")."""

    first: Token
    last: Token
    text: str
    kind: WordClass

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper()

    @property
    def is_source(self) -> bool:
        return self.kind in (WordClass.SOURCE, WordClass.FUNCTION)


@dataclass(frozen=True)
class Leak:
    """A stretch of source-language text: its words, what it is, and how serious."""

    first: Token
    last: Token
    language: str  # "English", "German"
    what: str  # "sentence", self.language, "phrase", self.language, "word", "capitalised phrase"
    severity: Severity


class LeakageFinder:
    """Finds runs of one source language in French paragraphs, from two lexicons and capitalisation."""

    def __init__(
        self,
        source: Lexicon,
        french: Lexicon,
        allowlist: frozenset[str] = frozenset(),
        capitalised_are_names: bool = True,
        others: tuple[Lexicon, ...] = (),
    ) -> None:
        self.source = source
        self.french = french
        # Words of these languages are left to their own analyzer ("end" is English, not German leakage).
        self.others = others
        self.allowlist = allowlist
        # English lists capitalised proper names apart; German capitalises every noun.
        self.capitalised_are_names = capitalised_are_names
        self.language = LANGUAGE_NAMES[source.language]
        self._classes: dict[str, WordClass] = {}
        # token ids (spaCy ORTH) already classified, and those of source-language words among them
        self._judged: set[int] = set()
        self._source_ids: set[int] = set()

    def classify(self, text: str) -> WordClass:
        """The class of one word (case matters: capitals mark names); cached per word form."""
        kind = self._classes.get(text)
        if kind is None:
            if len(self._classes) >= CLASS_CACHE_SIZE:
                self._classes.clear()
            kind = self._classes[text] = self._classify(text)
        return kind

    def _classify(self, text: str) -> WordClass:
        if not text.replace("-", "").replace("'", "").isalpha():
            return WordClass.OTHER
        lower = text.lower()
        if lower in self.allowlist:
            return WordClass.SHARED
        if len(text) > 1 and text.isupper():
            return WordClass.NAME  # acronyms: "USOC", "FTIR"
        capitalised = text[0].isupper()
        if capitalised and text in self.french.capitalised:
            return WordClass.NAME
        sentence_word = capitalised and self.french.is_common_word(text)  # "Les", "Une"
        if (
            capitalised
            and not sentence_word
            and self.capitalised_are_names
            and text in self.source.capitalised
        ):
            return WordClass.NAME
        if lower in self.source.function_words and not self.french.knows(lower):
            return WordClass.FUNCTION
        in_source = self.source.knows(text)
        in_french = self.french.knows(text)
        if "-" in text and not in_source and not in_french:
            parts = [self.classify(part) for part in text.split("-") if part]
            if parts and all(p in (WordClass.SOURCE, WordClass.SHARED, WordClass.FUNCTION) for p in parts):
                return WordClass.SOURCE if WordClass.SOURCE in parts else WordClass.SHARED
        if in_source and (in_french or any(other.knows(text) for other in self.others)):
            return WordClass.SHARED
        if in_french:
            return WordClass.FRENCH
        if capitalised and self.capitalised_are_names and not self.source.is_common_word(text):
            return WordClass.NAME  # only the subtitle lists know it: a lower-cased name ("Rockhampton")
        if in_source or (not capitalised and self._frequent_in_source_only(lower)):
            return WordClass.SOURCE
        return WordClass.NAME if capitalised else WordClass.UNKNOWN

    def _frequent_in_source_only(self, lower: str) -> bool:
        """A word missing from both lexicons that corpora show in the source language only ("tweaker")."""
        return zipf_frequency(lower, self.source.language) >= 2.0 and zipf_fr(lower) < 1.0

    def words(self, tokens: Span | Doc) -> list[Word]:
        """The words of ``tokens``, hyphenated compounds joined."""
        words: list[Word] = []
        pending: list[Token] = []
        for token in tokens:
            if token.is_space:
                continue
            joins = (
                pending and pending[-1].whitespace_ == "" and (token.text == "-" or pending[-1].text == "-")
            )
            if pending and not joins:
                words.append(self._word(pending))
                pending = []
            pending.append(token)
        if pending:
            words.append(self._word(pending))
        return words

    def _word(self, tokens: list[Token]) -> Word:
        first, last = tokens[0], tokens[-1]
        if first is last:
            return Word(first, first, first.text, self.classify(first.text))
        if len(tokens) > 1 and (first.text == "-" or last.text == "-"):  # a dash, not a compound
            first = last = tokens[0] if tokens[0].text != "-" else tokens[-1]
        text = doc_text(first.doc)[first.idx : last.idx + len(last.text)]
        return Word(first, last, text, self.classify(text))

    def find(self, doc: Doc) -> list[Leak]:
        """Source-language sentences, phrases and words of ``doc``, in text order."""
        leaks: list[Leak] = []
        orths = doc.to_array(ORTH).tolist()
        if not self._has_source_word(doc, orths):
            return leaks  # most paragraphs: no word of the source language at all
        for sentence in doc.sents:
            if self._source_ids.isdisjoint(orths[sentence.start : sentence.end]):
                continue  # no source word in the sentence
            words = self.words(sentence)
            sentence_leak = self._whole_sentence(words)
            if sentence_leak is not None:
                leaks.append(sentence_leak)
                continue
            for start, end in self._runs(words):
                leak = self._judge(words, start, end)
                if leak is not None:
                    leaks.append(leak)
        return leaks

    def _has_source_word(self, doc: Doc, orths: list[int]) -> bool:
        """Whether any token of ``doc`` (token ids ``orths``) is a source-language word (each distinct token
        classified once); the ids of the source words among them are then in ``_source_ids``."""
        ids = set(orths)
        if len(self._judged) + len(ids) > CLASS_CACHE_SIZE:
            self._judged.clear()
            self._source_ids.clear()
        for orth in ids - self._judged:
            self._judged.add(orth)
            if self.classify(doc.vocab.strings[orth]) in _SOURCE_CLASSES:
                self._source_ids.add(orth)
        return not self._source_ids.isdisjoint(ids)

    def _whole_sentence(self, words: list[Word]) -> Leak | None:
        """The sentence as one span when it is written in the source language (names aside)."""
        lexical = [w for w in words if w.kind is not WordClass.OTHER]
        judged = [w for w in lexical if w.kind not in (WordClass.NAME, WordClass.UNKNOWN)]
        source = [w for w in judged if w.is_source]
        french = [w for w in judged if w.kind is WordClass.FRENCH]
        if not (
            len(lexical) >= SENTENCE_MIN_WORDS
            and len(source) >= SENTENCE_SHARE * len(judged)
            and len(french) <= max(1, len(source) // SENTENCE_SOURCE_TO_FRENCH)
            and sum(not w.capitalised for w in source) >= 2  # not a title: "Some Time in New York City"
            and any(w.kind is WordClass.FUNCTION for w in source)
            and any(w.kind is WordClass.SOURCE for w in source)
        ):
            return None
        opening = lexical[0] if lexical[0].kind is WordClass.NAME else source[0]  # "Obama said that…"
        first = opening.first
        severity: Severity = "minor" if glossed_at(first.doc, source[0].first.idx) else "major"
        return Leak(first, source[-1].last, self.language, "sentence", severity)

    def _runs(self, words: list[Word]) -> list[tuple[int, int]]:
        """Index ranges ``[start, end)`` of words that start and end with source words."""
        runs = []
        i = 0
        while i < len(words):
            if not words[i].is_source:
                i += 1
                continue
            end = i + 1
            bridge = 0
            j = i + 1
            while j < len(words) and bridge <= MAX_BRIDGE:
                word = words[j]
                if word.is_source:
                    end, bridge = j + 1, 0
                elif word.kind in (WordClass.SHARED, WordClass.UNKNOWN) or word.text == ",":
                    bridge += 1
                else:
                    break
                j += 1
            runs.append((i, end))
            i = end
        return runs

    def _judge(self, words: list[Word], start: int, end: int) -> Leak | None:
        run = words[start:end]
        content = [w for w in run if w.kind is WordClass.SOURCE]
        if not content:
            return None  # function words alone: "in extremis", a name's "of"
        first, last = run[0].first, run[-1].last
        lower_content = [w for w in content if not w.capitalised]
        if not lower_content:
            return self._capitalised(words, start, end)
        syntax = any(w.kind is WordClass.FUNCTION and not w.capitalised for w in run)
        if len(lower_content) >= 2 or syntax:
            severity: Severity = "major" if syntax and not glossed_at(first.doc, first.idx) else "minor"
            return Leak(first, last, self.language, "phrase", severity)
        word = lower_content[0]
        if zipf_fr(word.text.lower()) >= COMMON_IN_FRENCH:
            return None  # an established anglicism: "blog", "cool"
        return Leak(word.first, word.last, self.language, "word", "minor")

    def _capitalised(self, words: list[Word], start: int, end: int) -> Leak | None:
        """A run whose source words are all capitalised: a name, a title, or a title-case phrase."""
        before = next((w for w in reversed(words[:start]) if w.text not in _QUOTES), None)
        after = next((w for w in words[end:] if w.text not in _QUOTES), None)
        if any(w is not None and w.kind is WordClass.NAME for w in (before, after)):
            return None  # "Niagara Falls", "Bank of America"
        if not self.capitalised_are_names and any(w.first.ent_type_ in _NAMED for w in words[start:end]):
            return None  # German capitalises nouns: only the parser tells "Seehofer" from "Randalierer"
        content = [w for w in words[start:end] if w.kind is WordClass.SOURCE]
        if min(zipf_fr(w.text.lower()) for w in content) >= RARE_IN_FRENCH:
            return None  # "Blue Ash", "North Shore", "Game of Thrones"
        run = words[start:end]
        return Leak(run[0].first, run[-1].last, self.language, "capitalised phrase", "minor")


_MESSAGES = {
    "sentence": "untranslated {language} sentence",
    "phrase": "untranslated {language} phrase “{text}”",
    "word": "{language} word “{text}” in French text",
    "capitalised phrase": "{language} title-case phrase “{text}”: translate it unless it is a name",
}


def leak_anomaly(analyzer: Analyzer, leak: Leak) -> Anomaly:
    """The anomaly that reports ``leak`` for ``analyzer``."""
    text = doc_text(leak.first.doc)[leak.first.idx : leak.last.idx + len(leak.last.text)]
    message = _MESSAGES[leak.what].format(language=leak.language, text=text)
    return analyzer.token_anomaly(leak.first, leak.last, message, leak.severity)


def glossed_at(doc: Doc, offset: int) -> bool:
    """Whether ``offset`` is quoted or in parentheses, where French glosses originals and titles."""
    before = doc_text(doc)[:offset]
    parenthesised = before.count("(") > before.count(")")
    straight = before.count('"') % 2 == 1
    guillemets = before.count("«") > before.count("»") or before.count("“") > before.count("”")
    return parenthesised or straight or guillemets
