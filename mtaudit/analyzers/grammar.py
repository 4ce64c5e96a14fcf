"""Grammar slips typical of machine translation: a past participle used as a finite verb.

English simple past ("Blinken confirmed that…") is often rendered with a bare participle ("Blinken
confirmé que…"). French needs an auxiliary; a participle that takes a "que" clause or a direct object
right after its subject, with no auxiliary anywhere before it in the clause, is reported.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from mtaudit.analyzers.base import Analyzer
from mtaudit.nlp import morph_fields, token_table
from mtaudit.records import Anomaly
from mtaudit.view import ParagraphView

AUXILIARY_DEPS = frozenset({"aux", "aux:tense", "aux:pass", "cop", "aux:caus"})
# Participles that French uses as adjectives before a "que" clause ("convaincu que…").
ADJECTIVAL = frozenset(
    "convaincu convaincue convaincus convaincues persuadé persuadée persuadés persuadées conscient "
    "préoccupé préoccupée préoccupés inquiet étonné étonnée surpris surprise ravi ravie ravis heureux "
    "satisfait satisfaite satisfaits désolé désolée navré soulagé soulagée soulagés déçu déçue déçus "
    "choqué choquée outré outrée indigné indignée attristé convaincus décidé décidée décidés "
    "déterminé déterminée déterminés résolu résolue assuré assurée assurés certain sûr sûre fier "
    "fière".split()
)


# Participles that cannot be read as a present-tense verb (unlike "dit", "inscrit", "peint").
IRREGULAR_PARTICIPLES = frozenset(
    "pris mis permis promis admis soumis compris repris appris surpris acquis requis conquis ouvert "
    "offert couvert découvert souffert reçu vu su pu voulu dû lu cru bu connu paru apparu disparu "
    "vécu vaincu résolu tenu obtenu retenu soutenu maintenu venu devenu revenu intervenu parvenu "
    "choisi fini réussi établi saisi fourni réuni averti garanti investi accueilli suivi poursuivi "
    "servi senti menti parti sorti".split()
)
AGREEMENT = ("es", "e", "s")  # feminine plural, feminine, plural endings


def is_unambiguous_participle(form: str) -> bool:
    """Whether the lower-case ``form`` can only be a past participle: ``-é(e)(s)`` or an agreed form
    (``-e``, ``-s``, ``-es``) of an irregular participle (``prises`` → ``pris``)."""
    if form.endswith(("é", "ée", "és", "ées")) or form in IRREGULAR_PARTICIPLES:
        return True
    return any(
        form.endswith(ending) and form[: -len(ending)] in IRREGULAR_PARTICIPLES for ending in AGREEMENT
    )


def _past_participles(doc: Doc) -> list[Token]:
    """The tokens tagged as verbs in a participle form that can only be a past participle (read from the
    token table: spaCy's token objects are built only for them)."""
    table = token_table(doc)
    return [
        doc[i]
        for i, pos in enumerate(table.pos)
        if pos == "VERB"
        and "Part" in morph_fields(doc.vocab, table.morph[i]).get("VerbForm", ())
        and is_unambiguous_participle(table.lower[i])
    ]


class GrammarAnalyzer(Analyzer):
    """Reports past participles standing where French needs a conjugated verb."""

    type = "grammar"

    def analyze(self, view: ParagraphView) -> list[Anomaly]:
        doc = view.doc
        found = []
        for token in _past_participles(doc):
            if token.lower_ in ADJECTIVAL or token.i == 0:
                continue
            subject = doc[token.i - 1]
            if subject.pos_ not in {"PROPN", "NOUN", "PRON"} or subject.is_sent_start:
                continue
            if subject.pos_ == "PRON" and subject.lower_ not in {"il", "elle", "ils", "elles", "on"}:
                continue
            if any(child.dep_ in AUXILIARY_DEPS for child in token.children) or _auxiliary_before(token):
                continue
            nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
            if nxt is None:
                continue
            if nxt.lower_ in {"que", "qu'"} and nxt.pos_ == "SCONJ" and token.lower_ != "vu":
                # "Blinken confirmé que…": a clause only a finite verb can take ("vu que" is a conjunction)
                severity = "major"
            elif _introduces_object(nxt, token):
                severity = "minor"  # "une fois dépassée l'utilité" is literary French
            else:
                continue
            found.append(
                self.token_anomaly(
                    subject,
                    token,
                    f"past participle “{token.text}” with no auxiliary: French needs “a {token.text}”",
                    severity,
                )
            )
        return found


def _introduces_object(nxt: Token, participle: Token) -> bool:
    """``nxt`` is the determiner of the participle's direct object ("confirmé la nouvelle")."""
    return nxt.dep_ == "det" and nxt.head.dep_ == "obj" and nxt.head.head == participle


def _auxiliary_before(token: Token) -> bool:
    """Whether an auxiliary or a relative pronoun precedes the participle in its clause."""
    for previous in reversed(token.doc[max(0, token.sent.start, token.i - 6) : token.i]):
        if previous.pos_ == "AUX" or previous.lower_ in {"qui", "que", "qu'", "dont"}:
            return True
        if previous.is_punct:
            return False
    return False
