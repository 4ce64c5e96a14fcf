"""Source-language leakage (English, German) and foreign scripts, on self-written French examples."""

from __future__ import annotations

import pytest

from mtaudit.analyzers import AnalyzerOptions, build_analyzers
from mtaudit.analyzers.english import EnglishAnalyzer
from mtaudit.analyzers.german import GermanAnalyzer
from mtaudit.analyzers.leakage import LeakageFinder, WordClass
from mtaudit.analyzers.script import ScriptAnalyzer
from mtaudit.lexicons import lexicon
from mtaudit.view import view_of


@pytest.fixture(scope="module")
def english():
    return EnglishAnalyzer()


@pytest.fixture(scope="module")
def german():
    return GermanAnalyzer()


def spans(analyzer, nlp, text):
    return {a.text: a.severity for a in analyzer.find(view_of(nlp, text))}


def test_lexicons_know_inflected_forms_and_keep_languages_apart():
    french, english = lexicon("fr"), lexicon("en")
    assert french.knows("mangeaient") and french.knows("chanteuses") and french.knows("week-end")
    assert english.knows("scaffolding") and not french.knows("scaffolding")
    assert not french.knows("the") and not french.knows("and")  # noise of the subtitle lists removed
    assert french.knows("on") and french.knows("du") and french.knows("des")  # French homographs kept


def test_word_classes():
    finder = LeakageFinder(lexicon("en"), lexicon("fr"))
    assert finder.classify("gargantuan") is WordClass.SOURCE
    assert finder.classify("the") is WordClass.FUNCTION
    assert finder.classify("maison") is WordClass.FRENCH
    assert finder.classify("Europe") is WordClass.NAME
    assert finder.classify("USOC") is WordClass.NAME
    assert finder.classify("Zorglubovitch") is WordClass.NAME
    assert finder.classify("cable-stayed") is WordClass.SOURCE  # compounds judged by their parts


@pytest.mark.parametrize(
    ("text", "span", "severity"),
    [
        ("Les ouvriers ont monté un scaffolding devant la façade.", "scaffolding", "minor"),
        ("Le chef a servi des pastries et du thé.", "pastries", "minor"),
        ("Son sourire wry trahissait sa gêne.", "wry", "minor"),
        ("Stirrups ont été inventés en Asie centrale.", "Stirrups", "minor"),
        ("La maladie appelée Multiple Sclerosis touche les jeunes adultes.", "Sclerosis", "minor"),
        (
            "Les Romains mangeaient des choses étranges, including wild boar and snails.",
            "including wild boar and snails",
            "major",
        ),
        ("Le ministre a déclaré. We will not give up this fight. Puis il est parti.", None, "major"),
    ],
)
def test_english_leakage_found(english, nlp, text, span, severity):
    found = spans(english, nlp, text)
    if span is None:
        span = "We will not give up this fight"  # a whole English sentence is one span
    assert found.get(span) == severity, found


@pytest.mark.parametrize(
    "text",
    [
        "Le directeur du parquet, Keir Starmer, a parlé ce matin à Devonport.",
        "Il a été retrouvé à Blue Ash, dans l'Ohio, près de la North Shore.",
        "Elle fait du football et du jogging le week-end avec son coach.",
        "Les start-up misent sur le leadership et le marketing.",
        "Le blog de la mairie publie un tweet chaque matin.",
        "Il mange une pomme dans la cuisine avec sa sœur.",
    ],
)
def test_names_and_anglicisms_are_not_leakage(english, nlp, text):
    assert english.find(view_of(nlp, text)) == []


def test_quoted_english_title_is_not_major(english, nlp):
    found = english.find(view_of(nlp, "Elle a lu « The king of comedy and the queen of drama » hier."))
    assert found and all(a.severity != "major" for a in found)


def test_german_leftovers(german, nlp):
    found = spans(german, nlp, "De nombreuses compagnies aériennes sont en Existenznot depuis le printemps.")
    assert found == {"Existenznot": "minor"}
    sentence = spans(german, nlp, "Le ministre a parlé. Die Regierung will die Steuern nicht erhöhen. Fin.")
    assert "major" in sentence.values()
    assert german.find(view_of(nlp, "La chancelière Angela Merkel était à Berlin avec le président.")) == []


def test_german_runs_only_for_the_source_languages_asked(nlp):
    assert "german" not in {a.type for a in build_analyzers(nlp)}
    both = build_analyzers(nlp, AnalyzerOptions(source_languages=("en", "de")))
    assert {"english", "german"} <= {a.type for a in both}


@pytest.mark.parametrize(
    ("text", "span", "severity"),
    [
        ("Le président a dit : Мы не будем отступать, и это наше решение. Puis il est parti.", "Мы", "major"),
        ("Il a écrit المملكة العربية السعودية dans le texte.", "المملكة", "major"),
        ("Le guide a dit 北京是中国的首都 à voix haute.", "北京是中国的首都", "major"),
        ("Poutine (en russe : Владимир Путин) est né en 1952.", "Владимир Путин", "minor"),
        ("Le mot λόγος signifie parole.", "λόγος", "minor"),
        ("La ville de Moscou (Москва) compte douze millions d'habitants.", "Москва", "info"),
    ],
)
def test_foreign_script_runs(nlp, text, span, severity):
    found = ScriptAnalyzer().find(view_of(nlp, text))
    [anomaly] = [a for a in found if span in a.text]
    assert anomaly.severity == severity and anomaly.type == "script"
    assert text[anomaly.start : anomaly.end] == anomaly.text


def test_symbols_in_formulas_are_not_script_anomalies(nlp):
    assert ScriptAnalyzer().find(view_of(nlp, "On calcule π r² puis ΔG = 3 µm à 20 °C.")) == []


def test_cli_source_lang(runner, tmp_path):
    from mtaudit.cli import app

    page = tmp_path / "page.txt"
    page.write_text("De nombreuses compagnies aériennes sont en Existenznot depuis le printemps dernier.\n")
    args = ["audit", str(page), "-f", "jsonl", "--detector", "none", "--no-backtranslation", "-q"]
    english_only = runner.invoke(app, args)
    with_german = runner.invoke(app, [*args, "--source-lang", "en,de"])
    assert english_only.exit_code == 0 and with_german.exit_code == 0
    assert '"german"' not in english_only.stdout and '"german"' in with_german.stdout
    bad = runner.invoke(app, [*args, "--source-lang", "xx"])
    assert bad.exit_code != 0 and "unknown source language xx" in bad.output


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("Le programme « It's a Family Christmas » sera diffusé demain.", "It's"),
        ("Il joue au jeu de tir America's Army depuis des années.", "America's"),
    ],
)
def test_english_titles_with_possessives_and_contractions_are_minor(english, nlp, text, span):
    assert spans(english, nlp, text).get(span) == "minor"
