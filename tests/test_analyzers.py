"""Per-analyzer tables of self-written French examples: what must be found, and tricky negatives."""

from __future__ import annotations

import pytest
import spacy

from mtaudit.analyzers import ANALYZER_TYPES, SOURCE_LANGUAGE_ANALYZERS, AnalyzerOptions, build_analyzers
from mtaudit.nlp import doc_text
from mtaudit.view import view_of


@pytest.fixture(scope="module")
def analyzers(nlp):
    return {a.type: a for a in build_analyzers(nlp)}


def found(analyzers, nlp, kind: str, text: str):
    return analyzers[kind].find(view_of(nlp, text))


# (type, text, expected span text, expected severity)
POSITIVES = [
    (
        "english",
        "Selon la chaîne, this is a developing story et la police enquête.",
        "this is a developing story",
        "major",
    ),
    ("english", "Le ministre a parlé avec CNN's Jake Tapper dimanche.", "CNN's", "major"),
    ("english", "La direction répète que it's complicated pour tout le monde.", "it's", "major"),
    ("english", "Les lawmakers américains ont voté le texte hier soir.", "lawmakers", "minor"),
    ("english", "Un groupe culte des 80's revient sur scène.", "80's", "minor"),
    (
        "calque",
        "Les syndicats veulent détenir des pourparlers avec la direction.",
        "détenir des pourparlers",
        "major",
    ),
    ("calque", "Ils ont agi dans un effort pour calmer les marchés.", "dans un effort pour", "major"),
    ("calque", "Cette décision ne fait aucun sens et fait du sens pour personne.", "fait du sens", "major"),
    ("calque", "Il faut prendre avantage de la situation.", "prendre avantage de", "major"),
    (
        "calque",
        "Attention : c'est une histoire en développement, les faits évoluent.",
        "c'est une histoire en développement",
        "major",
    ),
    ("calque", "Il était invité de l'émission Bonjour Amérique ce matin.", "Bonjour Amérique", "major"),
    ("calque", "Président Marc Dupont a confirmé la nouvelle mardi.", "Président Marc Dupont", "minor"),
    ("duplication", "Le rapport Rapportt de la commission sera publié demain.", "rapport Rapportt", "major"),
    ("duplication", "Les élus ont voté pour le le projet de loi.", "le le", "minor"),
    ("duplication", "Il faut tenir compte de la de la situation des familles.", "de la de la", "major"),
    ("capitalization", "Le projet a été retardé, Le ministère a annoncé lundi.", "Le", "major"),
    ("capitalization", "a déclaré la ministre Dupont À Lyon, mardi soir.", "À", "minor"),
    ("capitalization", "Ils ont rejoint les partisans de Réforme après le vote.", "Réforme", "minor"),
    (
        "grammar",
        "Interrogé dimanche, le ministre Dupont confirmé que le budget sera voté.",
        "Dupont confirmé",
        "major",
    ),
    # irregular participles in -is (a suffix, not the letters e and s, is stripped to find them)
    ("grammar", "Le gouvernement pris la décision de fermer l'usine.", "gouvernement pris", "minor"),
    ("grammar", "Le ministre admis que la réforme était trop lente.", "ministre admis", "major"),
    ("grammar", "La police mis les suspects en garde à vue.", "police mis", "minor"),
    ("units", "La tempête a touché une zone de 30 miles autour de la côte.", "30 miles", "minor"),
    ("units", "La ville compte 1,250,000 habitants selon le recensement.", "1,250,000", "major"),
    ("units", "La réunion commence à 5:30 p.m. heure locale.", "5:30 p.m.", "major"),
    ("units", "Le budget atteint $5 millions cette année.", "$5 millions", "minor"),
    ("typography", "Il a dit “nous verrons” avant de partir.", "“nous verrons”", "minor"),
    ("typography", 'Elle a répondu "jamais" sans hésiter.', '"jamais"', "minor"),
]

# Native French that must produce no anomaly of the given type.
NEGATIVES = [
    ("english", "Le week-end dernier, le leader du parti a publié un tweet sur le marketing."),
    ("english", "La série Game of Thrones et le Hall of Fame du basket attirent les foules."),
    ("english", "L'agence Moody's et la chaîne McDonald's ont publié leurs résultats."),
    ("english", "Il travaille pour le Financial Times et le New York Times depuis dix ans."),
    ("calque", "Les syndicats veulent tenir des consultations avec la direction."),
    ("calque", "Le président Marc Dupont a confirmé la nouvelle mardi."),
    ("calque", "Cette mesure a du sens et la réunion aura lieu demain."),
    ("english", "Les ventes du Black Friday et le rock and roll de Cyber Monday."),
    ("duplication", "La situation change peu à peu à Marseille, jour après jour."),
    ("capitalization", "Le Conseil supérieur de l'audiovisuel et la Banque centrale européenne ont parlé."),
    ("grammar", "Il reste des sièges vu que personne n'est venu, et la catégorie choisie que tu préfères."),
    ("duplication", "Nous nous sommes vus hier et vous vous êtes trompés."),
    ("duplication", "Il est très très fatigué après ce voyage à Bora Bora."),
    ("duplication", "Les présidents présents ont signé le texte."),
    ("capitalization", "Marine Le Pen était à La Rochelle avec des militants."),
    ("capitalization", "Le ministre de l'Intérieur et le Sénat ont salué la Banque de France."),
    ("capitalization", "Les Français et les Allemands ont voté. Le vote est terminé."),
    ("capitalization", "Elle habite à Tours depuis vingt ans, près de la Loire."),
    ("grammar", "Le texte adopté mardi prévoit une hausse des salaires."),
    ("grammar", "Les experts convaincus que la crise durera sont nombreux."),
    ("grammar", "Le ministre a confirmé que le budget sera voté."),
    ("grammar", "Sa famille fuit la guerre et le journaliste dit que tout va bien."),
    ("units", "La ville compte 1 250 000 habitants et le taux atteint 3,5 %."),
    ("units", "Le match commence à 20 h 30 le 5 janvier."),
    ("typography", "Il a dit « nous verrons » avant de partir ; puis il est sorti !"),
]


@pytest.mark.parametrize(("kind", "text", "span", "severity"), POSITIVES)
def test_analyzer_finds(analyzers, nlp, kind, text, span, severity):
    anomalies = found(analyzers, nlp, kind, text)
    covering = [a for a in anomalies if a.text == span or span in a.text]
    assert covering, f"{kind}: {span!r} not reported in {text!r}; got {anomalies}"
    anomaly = covering[0]
    assert anomaly.severity == severity
    assert text[anomaly.start : anomaly.end] == anomaly.text
    assert anomaly.type == kind and anomaly.message


@pytest.mark.parametrize(("kind", "text"), NEGATIVES)
def test_analyzer_ignores_native_french(analyzers, nlp, kind, text):
    assert found(analyzers, nlp, kind, text) == []


def test_possessive_message_names_the_owner_only(analyzers, nlp):
    [anomaly] = found(analyzers, nlp, "english", "Selon Reuters's correspondant, tout va bien.")
    assert anomaly.text == "Reuters's"
    assert "de Reuters" in anomaly.message and "Selon" not in anomaly.message


def test_typography_is_never_major(analyzers, nlp):
    text = '“Oui”, dit-il: "non"! Il rit ; « bien »  .'
    assert all(a.severity in {"info", "minor"} for a in found(analyzers, nlp, "typography", text))


def test_registry_builds_each_type_once(nlp):
    every_language = AnalyzerOptions(source_languages=tuple(SOURCE_LANGUAGE_ANALYZERS))
    assert [a.type for a in build_analyzers(nlp, every_language)] == list(ANALYZER_TYPES)
    assert "german" not in [a.type for a in build_analyzers(nlp)]  # English only by default
    assert [a.type for a in build_analyzers(nlp, AnalyzerOptions(enabled=("units", "english")))] == [
        "english",
        "units",
    ]


def test_the_registry_is_the_one_list_of_analyzer_names():
    from mtaudit.detector.features import ANOMALY_TYPES
    from mtaudit.records import report_schema

    anomaly = report_schema()["properties"]["anomalies"]["items"]
    assert tuple(anomaly["properties"]["type"]["enum"]) == ANALYZER_TYPES
    assert tuple(t for t in ANALYZER_TYPES if t != "typography") == ANOMALY_TYPES


def test_user_lexicons_extend_the_shipped_ones(nlp, tmp_path):
    calques = tmp_path / "calques.tsv"
    calques.write_text("[briser] la glace\tbreak the ice\tidiom\tminor\t« détendre l'atmosphère »\n", "utf-8")
    allow = tmp_path / "allow.txt"
    allow.write_text("lawmakers\n", "utf-8")
    built = {a.type: a for a in build_analyzers(nlp, AnalyzerOptions(calques=calques, allow_english=allow))}
    view = view_of(nlp, "Pour briser la glace, les lawmakers ont voté.")
    assert [a.text for a in built["calque"].find(view)] == ["briser la glace"]
    assert built["english"].find(view) == []


def test_malformed_user_lexicon_is_a_clear_error(nlp, tmp_path):
    from mtaudit.errors import MtauditError

    bad = tmp_path / "calques.tsv"
    bad.write_text("juste un motif sans colonnes\n", "utf-8")
    with pytest.raises(MtauditError, match=r"calques\.tsv:1: expected 5 tab-separated fields"):
        build_analyzers(nlp, AnalyzerOptions(calques=bad))


def test_doc_text_is_the_doc_text_built_once():
    doc = spacy.blank("fr")("« Bonjour », dit-il ;  puis il partit.")
    first = doc_text(doc)
    assert first == doc.text
    assert doc_text(doc) is first


@pytest.mark.parametrize(
    "text", ["Il pleut.  Deux espaces,\tune tabulation\net une ligne.", " Espace au début 🙂 et à la fin ", "l'été"]
)
def test_a_view_remembers_the_text_it_parsed(nlp, text):
    view = view_of(nlp, text)
    assert view.doc.user_data  # the text is remembered, not joined again from the tokens
    assert doc_text(view.doc) == view.doc.text == view.text
@pytest.mark.parametrize(
    ("form", "participle"),
    [
        ("pris", True),
        ("prise", True),
        ("prises", True),
        ("mis", True),
        ("admises", True),
        ("compris", True),
        ("acquis", True),
        ("conquises", True),
        ("ouvertes", True),
        ("vues", True),
        ("confirmée", True),
        ("gris", False),  # not a participle, though it ends like one
        ("avis", False),
        ("prisme", False),
        ("dit", False),  # also a present tense
    ],
)
def test_unambiguous_participles_include_the_agreed_forms(form, participle):
    from mtaudit.analyzers.grammar import is_unambiguous_participle

    assert is_unambiguous_participle(form) is participle


def test_anchored_lexicon_matches_like_one_matcher_of_every_pattern(nlp):
    """Trying each calque pattern only where its anchor word and its other required words occur loses no
    match and adds none."""
    from spacy.matcher import Matcher

    from mtaudit.analyzers.calque import LexiconMatcher, compile_pattern, load_lexicon

    patterns = [compile_pattern(entry.pattern, nlp) for entry in load_lexicon()]
    everything = Matcher(nlp.vocab)
    for index, pattern in enumerate(patterns):
        everything.add(str(index), [pattern])
    anchored = LexiconMatcher(nlp, patterns)
    assert not anchored._matchers  # built on first use
    texts = [
        "Il a dit dans une déclaration écrite qu'il allait prendre avantage de la crise.",
        "Au milieu des tensions, les ministres ont détenu des pourparlers et fait face à des accusations.",
        "Cette histoire est en développement ; vérifiez à nouveau pour une mise à jour.",
        "Le chat dort sur le canapé pendant que la pluie tombe.",
        "Cet avantage est réel, et prendre la route aussi.",  # anchors without the rest of their patterns
        "",
    ]
    for doc in nlp.pipe(texts):
        expected = sorted(everything(doc), key=lambda m: (m[1], -m[2], int(nlp.vocab.strings[m[0]])))
        assert anchored(doc) == expected
    assert sum(len(anchored(doc)) for doc in nlp.pipe(texts)) >= 6
    assert 0 < len(anchored._matchers) < len(patterns)  # only the patterns whose anchors occurred


def test_every_units_rule_needs_a_digit():
    """The units analyzer skips paragraphs without a digit, which is right only while every rule needs one."""
    import re

    from mtaudit.analyzers.units import RULES

    for pattern, _, _ in RULES:
        assert not pattern.search(re.sub(r"\d", "", "30 miles 1,250,000 5:30 p.m. $5 millions 3.5 % mai 5, 2020"))
        assert "\\d" in pattern.pattern


def test_token_table_is_what_each_token_says_read_once(nlp):
    from mtaudit.nlp import token_table

    doc = nlp("« Bonjour »,  dit-il ;\n\n puis il partit à 12 h 30.")
    table = token_table(doc)
    assert table.text == [t.text for t in doc] and table.lower == [t.lower_ for t in doc]
    assert table.pos == [t.pos_ for t in doc]
    assert table.is_space == [t.is_space for t in doc] and table.is_punct == [t.is_punct for t in doc]
    assert any(table.is_space) and any(table.is_punct)
    assert table.dep == [t.dep_ for t in doc] and table.lemma == [t.lemma_ for t in doc]
    assert table.morph == [t.morph.key for t in doc]
    assert table.is_alpha == [t.is_alpha for t in doc] and table.like_num == [t.like_num for t in doc]
    assert table.sent_start == [t.is_sent_start is True for t in doc] and sum(table.sent_start) > 1
    assert token_table(doc) is table
    assert token_table(nlp("")).text == []


def test_morphology_read_by_key_is_what_each_token_says(nlp):
    from mtaudit.nlp import morph_fields, token_table

    doc = nlp("Elles sont parties hier ; nous aurions voulu que vous veniez. Les chats, eux, dorment.")
    table = token_table(doc)
    for token, key in zip(doc, table.morph, strict=True):
        fields = morph_fields(doc.vocab, key)
        assert fields == {name: token.morph.get(name) for name in token.morph.to_dict()}
    assert any(len(morph_fields(doc.vocab, key)) >= 3 for key in table.morph)


def test_past_participles_are_those_the_tokens_show(nlp):
    """The grammar analyzer's candidates, read from the token table, are the tokens whose own attributes
    make them unambiguous past participles."""
    from mtaudit.analyzers.grammar import _past_participles, is_unambiguous_participle

    doc = nlp(
        "Le ministre confirmé la nouvelle hier. Elles sont arrivées, prises de court ; le texte, écrit "
        "et signé, fut admis par les élus réunis. Il a vu que rien n'était prévu."
    )
    expected = [
        t
        for t in doc
        if t.pos_ == "VERB" and "Part" in t.morph.get("VerbForm") and is_unambiguous_participle(t.lower_)
    ]
    assert [t.i for t in _past_participles(doc)] == [t.i for t in expected] and len(expected) >= 3


def _plain_sentence_initial_words(doc):
    """The first words of sentences as spaCy's token objects show them (the calque analyzer's rule)."""
    words = [t for t in doc if not t.is_space]
    dash = next((k for k, t in enumerate(words[:6]) if t.text in {"-", "—", "–"}), None)
    if dash is not None and all(t.text[0].isupper() or t.is_punct for t in words[:dash]):
        words = words[dash + 1 :]
    starts, expecting = [], True
    for token in words:
        if expecting and token.text[0].isalpha():
            starts.append(token)
        if token.text in {".", "!", "?", "…"} or token.whitespace_ == "\n":
            expecting = True
        elif not token.is_punct:
            expecting = False
    return starts


@pytest.mark.parametrize(
    "text",
    [
        "PARIS (AFP) - Secrétaire d'État Antony Blinken a parlé. « Oui », dit-il ! Puis…\n\nrien ? Fin",
        "  Le ministre est là.\nPrésident Macron aussi ; ensuite - tout va bien.",
        "",
    ],
)
def test_sentence_initial_words_are_those_the_tokens_show(nlp, text):
    from mtaudit.analyzers.calque import _sentence_initial_words

    doc = nlp(text)
    assert [t.i for t in _sentence_initial_words(doc)] == [t.i for t in _plain_sentence_initial_words(doc)]


def test_token_strings_are_cached_by_hash_within_a_bound(nlp, monkeypatch):
    from mtaudit import nlp as shared

    monkeypatch.setattr(shared, "STRING_CACHE_SIZE", 5)
    shared._STRINGS.clear()
    doc = nlp("Les chats noirs dorment longtemps au soleil de midi.")
    table = shared.token_table(doc)
    assert table.text == [t.text for t in doc] and table.lemma == [t.lemma_ for t in doc]
    assert 0 < len(shared._STRINGS) <= 5


def test_guarded_patterns_find_what_their_patterns_find():
    """A guarded pattern is skipped only where its guard finds nothing, and each of its matches contains
    a match of the guard: it finds exactly what the plain pattern finds."""
    from mtaudit.analyzers import english, typography
    from mtaudit.analyzers.patterns import Guarded

    guarded = [p for p, _, _ in typography.RULES if isinstance(p, Guarded)]
    guarded += [english._POSSESSIVE, english._CONTRACTION, english._CALENDAR]
    texts = [text for _, text, *_ in POSITIVES + NEGATIVES] + [
        "It's what I'd say: don't, WON'T, Isn’t it? He'll go; she'd gone!",
        "Trump's plan, the 1990's, McDonald’s «menu» et «Bonjour» ; « ok » !",
        'Il a dit "oui"; puis: "non"?',
        "Monday, on Sundays, January 5 et Mondayx ; le lundi.",
        "",
    ]
    for pattern in guarded:
        for text in texts:
            plain = [m.span() for m in pattern.pattern.finditer(text)]
            assert [m.span() for m in pattern.finditer(text)] == plain
            for start, end in plain:
                assert pattern.guard.search(text[start:end]), (pattern.pattern.pattern, text)
    assert sum(1 for p in guarded for t in texts for _ in p.finditer(t)) > 20
