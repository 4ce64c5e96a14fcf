"""Capital letters where French writes lower case: ", Le département", "Blinken À Genève", "de Rallye".

French capitalises far less than English: prepositions, articles and common nouns inside a sentence are
lower case. Names are the exception, so a capitalised article followed by another capitalised word
("Le Pen", "La Rochelle") and words inside person names are left alone.
"""

from __future__ import annotations

from functools import cached_property

from spacy.tokens import Doc, Token

from mtaudit.analyzers.base import Analyzer, is_mid_sentence, is_title_case, previous_token
from mtaudit.nlp import doc_text, token_table
from mtaudit.records import Anomaly
from mtaudit.view import ParagraphView
from mtaudit.wordlang import english_lean, zipf_fr

# Articles begin many names (Le Monde, La Poste, De Gaulle): flagged only before a lower-case word.
ARTICLES = frozenset("le la les l' un une de du des d'".split())
# Prepositions almost never begin a name: flagged whatever follows ("Blinken À Genève").
PREPOSITIONS = frozenset("à au aux en dans pour par sur sous avec sans chez vers entre contre".split())
# Conjunctions, pronouns and determiners: flagged before a lower-case word ("Il Seminario" is a name).
FUNCTION_WORDS = frozenset(
    "et ou mais donc car ni que qui dont où il elle ils elles nous vous se ne pas y ce cette ces son "
    "sa ses leur leurs".split()
)
# Institutions and roles that French style guides capitalise (l'État, le Sénat, la Bourse).
CONVENTIONAL_CAPITALS = frozenset(
    "état etat états sénat parlement gouvernement bourse république assemblée conseil cour commission "
    "église eglise président présidente ministre premier première chambre académie justice défense "
    "intérieur nord sud est ouest orient occident constitution trésor marine armée prix coupe ligue "
    "union fédération parti palais maison musée université institut agence banque fonds caisse bureau "
    "office tribunal mairie préfecture région département ville place rue avenue boulevard pont lac "
    "mont île golfe mer saint sainte dieu seigneur terre lune soleil internet monsieur madame".split()
)
ALL_FUNCTION_WORDS = ARTICLES | PREPOSITIONS | FUNCTION_WORDS
COMMON_NOUN_MIN_ZIPF = 3.0
TITLE_RUN = 4


class CapitalizationAnalyzer(Analyzer):
    """Reports capitalised function words and common nouns in the middle of a sentence."""

    type = "capitalization"

    def __init__(self, noun_index: frozenset[str] | None = None) -> None:
        self._noun_index = noun_index

    @cached_property
    def noun_index(self) -> frozenset[str]:
        """Lower-case French common nouns (the spaCy lemmatizer's index), loaded once."""
        if self._noun_index is not None:
            return self._noun_index
        from mtaudit.nlp import load_french

        lemmatizer = load_french().get_pipe("lemmatizer")
        return frozenset(lemmatizer.lookups.get_table("lemma_index")["noun"])

    def analyze(self, view: ParagraphView) -> list[Anomaly]:
        doc = view.doc
        found = self._title_case_runs(doc)
        table = token_table(doc)
        for i, text in enumerate(table.text):
            if not is_title_case(text) and text != "À":
                continue
            if table.lower[i] not in ALL_FUNCTION_WORDS and table.lower[i] not in self.noun_index:
                continue  # neither rule below applies to it
            token = doc[i]
            if any(a.start <= token.idx < a.end for a in found):
                continue
            if not is_mid_sentence(token):
                continue
            anomaly = self._function_word(token) or self._common_noun(token)
            if anomaly is not None:
                found.append(anomaly)
        return found

    def _title_case_runs(self, doc: Doc) -> list[Anomaly]:
        """English headline style, "Le Président Signe Un Nouveau Décret": French capitalises one word."""
        found = []
        run: list[Token] = []
        for i, text in enumerate([*token_table(doc).text, None]):
            if text is not None and (is_title_case(text) or text in {"À", "L'", "D'", "L’", "D’"}):
                run.append(doc[i])
                continue
            if len(run) >= TITLE_RUN:
                inner = run[1:]  # the first word may open the sentence
                function_words = sum(t.lower_.replace("’", "'") in ALL_FUNCTION_WORDS for t in inner)
                common = sum(zipf_fr(t.lower_) >= 3.5 and t.ent_type_ != "PER" for t in inner)
                if function_words >= 1 and common >= 2:
                    severity = "major" if function_words >= 2 else "minor"
                    text = doc_text(doc)[run[0].idx : run[-1].idx + len(run[-1].text)]
                    found.append(
                        self.token_anomaly(
                            run[0],
                            run[-1],
                            f"English title case “{text}”: French capitalises the first word only",
                            severity,
                        )
                    )
            run = []
        return found

    def _function_word(self, token: Token) -> Anomaly | None:
        lower = token.lower_
        nxt = _next_word(token)
        if lower not in ALL_FUNCTION_WORDS:
            return None
        if lower not in PREPOSITIONS and (nxt is None or not nxt.text[:1].islower()):
            return None
        prev = previous_token(token)
        # ", Le département d'Etat a annoncé": a capitalised subject after a comma is a broken sentence.
        subject = lower in ARTICLES and nxt is not None and nxt.dep_.startswith("nsubj")
        severity = "major" if subject and prev is not None and prev.text == "," else "minor"
        return self.token_anomaly(
            token, token, f"“{token.text}” capitalised in mid-sentence: French writes “{lower}”", severity
        )

    def _common_noun(self, token: Token) -> Anomaly | None:
        lower = token.lower_
        if token.ent_type_ == "PER" or lower in CONVENTIONAL_CAPITALS or lower not in self.noun_index:
            return None
        if zipf_fr(lower) < COMMON_NOUN_MIN_ZIPF or english_lean(lower) > 0.5:
            return None
        prev, nxt = previous_token(token), _next_word(token)
        if prev is None or not prev.text[:1].islower() or prev.lower_ in ARTICLES - {"de", "d'"}:
            return None  # "les Français", "la Bourse": capitalised after an article is usually deliberate
        if prev.lower_ in {"à", "au", "en"}:
            return None  # "à Tours", "à Orange": towns named after common nouns
        if nxt is not None and nxt.text[:1].isupper():
            return None  # part of a longer name
        return self.token_anomaly(
            token, token, f"common noun “{token.text}” capitalised in mid-sentence (“{lower}”)", "minor"
        )


def _next_word(token: Token) -> Token | None:
    for candidate in token.doc[token.i + 1 :]:
        if not candidate.is_space and not candidate.is_punct:
            return candidate
        if candidate.is_punct:
            return None
    return None
