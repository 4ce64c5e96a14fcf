"""Main-content extraction: the article's text with its structure, and no boilerplate."""

from __future__ import annotations

from pathlib import Path

import pytest

from mtaudit.errors import InputError
from mtaudit.ingest import read_document
from mtaudit.web.extract import HtmlReading, extract_page

CORPUS_PAGE = Path(__file__).resolve().parents[1] / "corpora" / "page-web.html"

ARTICLE = [
    ("heading", "La passerelle de l'Île-aux-Moines rouvre aux piétons après huit mois de travaux"),
    (
        "paragraph",
        "Fermée depuis l'automne, la passerelle en bois qui relie le port au quartier du Guéric a rouvert "
        "vendredi soir. Les habitants ont salué la fin d'un long détour par la route départementale.",
    ),
    (
        "paragraph",
        "Les planches abîmées par les tempêtes de l'hiver dernier ont été remplacées une à une par des lames "
        "de chêne. Le garde-corps, rouillé par le sel, a été entièrement refait par une entreprise de "
        "ferronnerie de Vannes.",
    ),
    ("heading", "Un chantier plus long que prévu"),
    (
        "paragraph",
        "Les travaux devaient durer quatre mois. Mais la découverte de pieux fragilisés sous la vase a obligé "
        "la commune à faire appel à des plongeurs, puis à attendre les grandes marées pour intervenir.",
    ),
    (
        "paragraph",
        "Porte-parole de la mairie Jean Tanguy a déclaré que la commune va détenir des consultations avec les "
        "riverains dans un effort pour éviter de nouveaux retards, La mairie a confirmé mardi.",
    ),
    ("heading", "Des horaires adaptés aux marées"),
    (
        "paragraph",
        "Lors des coefficients les plus forts, l'accès sera fermé une heure avant et après la pleine mer. Un "
        "panneau lumineux indiquera les horaires à l'entrée du port.",
    ),
]
CAPTION = "La passerelle restaurée, vendredi soir, au moment de sa réouverture."
BOILERPLATE = [
    "cookies",
    "Accueil",
    "Portails",
    "modifier",
    "licence",
    "Mentions légales",
    "marée basse",
    "bac",
]


def test_only_the_articles_headings_and_paragraphs_are_audited():
    document = read_document(str(CORPUS_PAGE))
    assert [(p.kind, p.text) for p in document.paragraphs] == ARTICLE
    everything = " ".join(p.text for p in document.paragraphs)
    assert not [word for word in BOILERPLATE if word in everything]
    # positions count the caption that is not audited, so the page's structure stays visible
    assert [p.position for p in document.paragraphs] == [0, 1, 3, 4, 5, 6, 7, 8]
    assert [p.index for p in document.paragraphs] == list(range(8))


def test_page_fields():
    page = extract_page(CORPUS_PAGE.read_text("utf-8"), url="https://courrier.invalid/passerelle")
    assert (
        page.info.title == "La passerelle de l'Île-aux-Moines rouvre aux piétons après huit mois de travaux"
    )
    assert page.info.date == "2025-05-17"
    assert page.info.author == "Hélène Le Goff"
    assert page.info.language == "fr"
    assert page.info.url == "https://courrier.invalid/passerelle"
    assert page.canonical == "https://courrier-littoral.invalid/vie-locale/passerelle-ile-aux-moines"
    assert "/vie-locale/bac" in page.links


def test_captions_of_the_article_on_request():
    document = read_document(str(CORPUS_PAGE), html=HtmlReading(captions=True))
    captions = [(p.position, p.text) for p in document.paragraphs if p.kind == "caption"]
    assert captions == [(2, CAPTION)]  # the sidebar gallery's caption is not the article's


def test_all_elements_reads_every_text_element_with_lines():
    document = read_document(str(CORPUS_PAGE), html=HtmlReading(keep_all=True))
    texts = [p.text for p in document.paragraphs]
    assert "Accueil" in texts and CAPTION in texts and "Le port de l'île à marée basse." in texts
    assert any("cookies" in text for text in texts)
    first = document.paragraphs[0]
    assert first.line == 13 and first.kind == "paragraph"


def test_list_items_and_plain_edit_links():
    html = (
        "<html lang='fr-FR'><body><article><h2>Le programme [modifier | modifier le code]</h2>"
        "<p>La fête commence samedi midi sur la grande place, avec un repas partagé entre voisins et des jeux "
        "pour les enfants du quartier jusqu'au soir.</p><ul><li>Samedi : concert de la fanfare municipale "
        "sur le kiosque.</li><li>Dimanche : vide-greniers<br>le long du canal.</li></ul></article></body></html>"
    )
    page = extract_page(html)
    assert [(e.kind, e.text) for e in page.elements] == [
        ("heading", "Le programme"),
        ("paragraph", page.elements[1].text),
        ("list-item", "Samedi : concert de la fanfare municipale sur le kiosque."),
        ("list-item", "Dimanche : vide-greniers le long du canal."),
    ]
    assert page.info.language == "fr-FR"


def test_a_page_without_article_text_is_an_input_error(tmp_path):
    page = tmp_path / "image.html"
    page.write_text(
        "<html><body><div><img src='a.png'></div><script>var a = 1;</script></body></html>", "utf-8"
    )
    with pytest.raises(InputError, match=r"no article text found in the page \(--all-elements"):
        read_document(str(page))
