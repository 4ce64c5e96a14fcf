"""Calques: word-for-word renderings of English idioms, titles and news boilerplate.

Most evidence comes from a curated lexicon (``data/calques.tsv``, extendable by users) matched on
words and lemmas with spaCy's Matcher. Weaker, statistical evidence comes from a table of word n-grams
frequent in machine translation and rare in human French (``data/mt-ngrams.tsv.gz``,
:mod:`mtaudit.mt_ngrams`): always ``info``, and never where the lexicon already matched. Held out, such
sequences fire 2.4–2.9× more often on MT than on native French but about as often on professional
human translation (``benchmarks/mt_ngrams.py``), so they are shown to the editor at the lowest severity
and stay out of the detector's features (which count major and minor spans). One structural
calque is found by rule: an English-style title apposition at the start of a sentence, with no article
("Secrétaire d'État Antony Blinken a…", French: « Le secrétaire d'État Antony Blinken a… »).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Token

from mtaudit.analyzers.base import Analyzer, is_title_case
from mtaudit.errors import MtauditError
from mtaudit.mt_ngrams import NgramTable
from mtaudit.nlp import token_table
from mtaudit.records import SEVERITIES, Anomaly, Severity
from mtaudit.view import ParagraphView
from mtaudit.wordlang import zipf_fr

KINDS = ("idiom", "title", "boilerplate")
TITLES = frozenset(
    "président présidente secrétaire ministre sénateur sénatrice gouverneur gouverneure représentant "
    "représentante juge général générale procureur procureure ambassadeur ambassadrice directeur "
    "directrice porte-parole chef pdg maire député députée commissaire chancelier chancelière roi "
    "reine pape premier-ministre amiral colonel capitaine lieutenant sergent".split()
)
_ITEM = re.compile(r"\[[^\]]+\]\??|\{[A-Z]+\}\??|[^\s\[\{]+(?:\s+[^\s\[\{]+)*")


@dataclass(frozen=True)
class CalqueEntry:
    """One lexicon line: a pattern and what to tell the user when it matches."""

    pattern: str
    english: str
    kind: str
    severity: Severity
    advice: str


def load_lexicon(extra: Path | None = None) -> list[CalqueEntry]:
    """The shipped calque lexicon, followed by the entries of ``extra`` (same TSV format)."""
    shipped = resources.files("mtaudit").joinpath("data/calques.tsv").read_text("utf-8")
    entries = _parse_lexicon(shipped, "calques.tsv")
    if extra is not None:
        try:
            text = extra.read_text("utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise MtauditError(f"{extra}: cannot read calque lexicon ({error})") from None
        entries += _parse_lexicon(text, str(extra))
    return entries


def _parse_lexicon(text: str, source: str) -> list[CalqueEntry]:
    entries = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) != 5:
            raise MtauditError(f"{source}:{number}: expected 5 tab-separated fields, found {len(fields)}")
        pattern, english, kind, severity, advice = (f.strip() for f in fields)
        if kind not in KINDS or severity not in SEVERITIES:
            raise MtauditError(
                f"{source}:{number}: kind must be one of {KINDS}, severity one of {SEVERITIES}"
            )
        entries.append(CalqueEntry(pattern, english, kind, severity, advice))  # type: ignore[arg-type]
    return entries


def compile_pattern(pattern: str, nlp: Language) -> list[dict]:
    """Turn one lexicon pattern into a spaCy Matcher token pattern."""
    tokens: list[dict] = []
    for item in _ITEM.findall(pattern):
        optional = {"OP": "?"} if item.endswith("?") and item[0] in "[{" else {}
        body = item.rstrip("?") if optional else item
        if body.startswith("["):
            lemmas = [lemma.strip().lower() for lemma in body[1:-1].split("|")]
            tokens.append({"LEMMA": {"IN": lemmas}, **optional})
        elif body.startswith("{"):
            tokens.append({"POS": body[1:-1], **optional})
        else:
            for word in body.split():
                if "|" in word:
                    tokens.append({"LOWER": {"IN": word.lower().split("|")}})
                else:
                    tokens.extend({"LOWER": t.lower_} for t in nlp.tokenizer(word) if not t.is_space)
    return tokens


class LexiconMatcher:
    """The lexicon's Matcher patterns, each tried only on paragraphs that contain its *anchor*.

    A pattern's anchor is its rarest required word or lemma (lowest French Zipf frequency): a paragraph
    without it cannot match, so each paragraph runs the few patterns whose anchors it contains instead of
    the whole lexicon, and of those only the patterns whose other required words or lemmas it contains
    too (a Matcher call reads every token, and few anchored patterns match). Matches are those of one
    Matcher holding every pattern, ordered by start, longest first, then by lexicon order. Each pattern's
    Matcher is built the first time a paragraph needs it.
    """

    def __init__(self, nlp: Language, patterns: list[list[dict]]) -> None:
        self.vocab = nlp.vocab
        self.patterns = patterns
        self._matchers: dict[int, Matcher] = {}
        # anchors by attribute ("LOWER", "LEMMA") and value: the patterns that need that value
        self.anchored: dict[str, dict[str, list[int]]] = {"LOWER": {}, "LEMMA": {}}
        self.unanchored: list[int] = []
        self.required: list[list[tuple[str, frozenset[str]]]] = []  # per pattern: (attribute, values)
        for index, pattern in enumerate(patterns):
            self.required.append([(attribute, frozenset(values)) for attribute, values in _required(pattern)])
            anchor = _anchor(pattern)
            if anchor is None:
                self.unanchored.append(index)
                continue
            attribute, values = anchor
            for value in values:
                self.anchored[attribute].setdefault(value, []).append(index)

    def __call__(self, doc: Doc) -> list[tuple[int, int, int]]:
        """``(match_id, start, end)`` of every pattern match in ``doc``."""
        candidates = set(self.unanchored)
        table = token_table(doc)
        present = {"LOWER": set(table.lower), "LEMMA": set(table.lemma)}
        for attribute, anchors in self.anchored.items():
            for value in anchors.keys() & present[attribute]:
                candidates.update(anchors[value])
        candidates = {
            index
            for index in candidates
            if all(not values.isdisjoint(present[attribute]) for attribute, values in self.required[index])
        }
        matches = [(index, match) for index in candidates for match in self.matcher(index)(doc)]
        return [match for _, match in sorted(matches, key=lambda m: (m[1][1], -m[1][2], m[0]))]

    def matcher(self, index: int) -> Matcher:
        """The Matcher of pattern ``index`` (its match id is the string ``index``), built on first use."""
        matcher = self._matchers.get(index)
        if matcher is None:
            matcher = self._matchers[index] = Matcher(self.vocab)
            matcher.add(str(index), [self.patterns[index]])
        return matcher


def _required(pattern: list[dict]) -> list[tuple[str, list[str]]]:
    """The words and lemmas a match of ``pattern`` needs: per token that is not optional, each of its
    ``LOWER`` and ``LEMMA`` constraints as ``(attribute, accepted values)``."""
    required = []
    for token in pattern:
        if "OP" in token:
            continue
        for attribute in ("LOWER", "LEMMA"):
            value = token.get(attribute)
            if value is not None:
                required.append((attribute, value["IN"] if isinstance(value, dict) else [value]))
    return required


def _anchor(pattern: list[dict]) -> tuple[str, list[str]] | None:
    """The rarest required word or lemma of ``pattern`` (punctuation aside): its attribute and accepted
    values (None: the pattern requires none)."""
    words = [
        (max(zipf_fr(v) for v in values), attribute, values)
        for attribute, values in _required(pattern)
        if all(any(c.isalpha() for c in v) for v in values)
    ]
    return min(words, key=lambda r: r[0])[1:] if words else None


class CalqueAnalyzer(Analyzer):
    """Reports lexicon calques, word sequences typical of MT (``ngrams``) and English-style title appositions."""

    type = "calque"

    def __init__(
        self, nlp: Language, lexicon: list[CalqueEntry] | None = None, ngrams: NgramTable | None = None
    ) -> None:
        self.lexicon = lexicon if lexicon is not None else load_lexicon()
        self.ngrams = ngrams
        self.matcher = LexiconMatcher(nlp, [compile_pattern(entry.pattern, nlp) for entry in self.lexicon])
        digest = hashlib.sha256("\n".join(map(repr, self.lexicon)).encode()).hexdigest()[:12]
        self._signature = f"calque(lexicon={len(self.lexicon)} entries, sha256:{digest}" + (
            f", {ngrams.signature})" if ngrams is not None else ")"
        )

    def signature(self) -> str:
        return self._signature

    def analyze(self, view: ParagraphView) -> list[Anomaly]:
        doc = view.doc
        found: list[Anomaly] = []
        for match_id, start, end in self.matcher(doc):
            if any(a.start <= doc[start].idx < a.end for a in found):
                continue
            entry = self.lexicon[int(doc.vocab.strings[match_id])]
            span = doc[start:end]
            message = f"{entry.kind} calque of English “{entry.english}”; French: {entry.advice}"
            found.append(self.anomaly(doc, span.start_char, span.end_char, message, entry.severity))
        found += self._title_appositions(doc, found)
        found += self._mt_ngrams(view, found)
        return sorted(found, key=lambda a: a.start)

    def _mt_ngrams(self, view: ParagraphView, found: list[Anomaly]) -> list[Anomaly]:
        """Word sequences of the n-gram table, outside the spans already found: info (statistical)."""
        if self.ngrams is None:
            return []
        result = []
        for start, end, keys in self.ngrams.find(view.text):
            if any(a.start < end and start < a.end for a in found):
                continue
            stats = self.ngrams.table[keys[0]]
            message = (
                "word sequence typical of machine translation, not of native French "
                f"({stats.ratio:g}× more frequent in MT than in human French in the reference data)"
            )
            result.append(self.anomaly(view.doc, start, end, message, "info"))
        return result

    def _title_appositions(self, doc: Doc, found: list[Anomaly]) -> list[Anomaly]:
        """``Secrétaire d'État Antony Blinken a…``: a bare title before a name opens the sentence."""
        result = []
        for first in _sentence_initial_words(doc):
            if first.lower_ not in TITLES or not first.text[0].isupper():
                continue
            name = _name_after_title(first)
            if name is None or any(a.start <= first.idx < a.end for a in found):
                continue
            result.append(
                self.token_anomaly(
                    first,
                    name,
                    "title calque of an English apposition (“Secretary X said”): French puts an article, "
                    f"« Le {first.lower_} … »",
                    "minor",
                )
            )
        return result


def _sentence_initial_words(doc: Doc) -> list[Token]:
    """First words of sentences, found from punctuation (the parser splits before names too eagerly).

    A dateline ("Washington -", "PARIS (AFP) -") at the start of the paragraph is skipped. The tokens are
    read from the token table; spaCy's token objects are built for the first words only.
    """
    table = token_table(doc)
    texts, punct = table.text, table.is_punct
    words = [i for i, space in enumerate(table.is_space) if not space]
    dash = next((k for k, i in enumerate(words[:6]) if texts[i] in {"-", "—", "–"}), None)
    if dash is not None and all(texts[i][0].isupper() or punct[i] for i in words[:dash]):
        words = words[dash + 1 :]
    starts = []
    expecting = True
    for i in words:
        text = texts[i]
        if expecting and text[0].isalpha():
            starts.append(i)
        if text in {".", "!", "?", "…"}:  # (a token's trailing whitespace is a space or nothing)
            expecting = True
        elif not punct[i]:
            expecting = False
    return [doc[i] for i in starts]


def _name_after_title(title: Token) -> Token | None:
    """The last token of a person name that follows ``title`` within four words, with no article between."""
    doc = title.doc
    for i in range(title.i + 1, min(len(doc), title.i + 5)):
        token = doc[i]
        if _is_name_token(token):
            while i + 1 < len(doc) and (_is_name_token(doc[i + 1]) or is_title_case(doc[i + 1].text)):
                i += 1
            return doc[i]
        if token.pos_ in {"DET", "VERB", "AUX"} or (token.is_punct and token.text != "'"):
            return None
    return None


def _is_name_token(token: Token) -> bool:
    """A person-name word: tagged as a person, or a capitalised proper noun (or one before such)."""
    if token.ent_type_ == "PER" or (token.pos_ == "PROPN" and is_title_case(token.text)):
        return True
    nxt = token.nbor() if token.i + 1 < len(token.doc) else None
    return is_title_case(token.text) and nxt is not None and nxt.pos_ == "PROPN" and is_title_case(nxt.text)
