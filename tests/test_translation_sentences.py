"""Sentence splitting before MarianMT, and joining translations back."""

from __future__ import annotations

import pytest

from mtaudit.translation.sentences import join_sentences, split_sentences


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("Il pleut. Le vent souffle.", ["Il pleut.", "Le vent souffle."]),
        (
            "Vraiment ? Oui ! Bon… 3 jours plus tard, rien.",
            ["Vraiment ?", "Oui !", "Bon…", "3 jours plus tard, rien."],
        ),
        (
            "M. Dupont et Mme Leroy sont venus. Ils sont repartis.",
            ["M. Dupont et Mme Leroy sont venus.", "Ils sont repartis."],
        ),
        (
            "Selon J. K. Rowling, le livre est fini. Elle l'a dit.",
            ["Selon J. K. Rowling, le livre est fini.", "Elle l'a dit."],
        ),
        ("Il a dit : « Bonjour. » Puis il est parti.", ["Il a dit : « Bonjour. »", "Puis il est parti."]),
        ("Pommes, poires, etc. Tout était frais.", ["Pommes, poires, etc. Tout était frais."]),
        (
            "Le site example.com est fermé. la suite en minuscule.",
            ["Le site example.com est fermé. la suite en minuscule."],
        ),
        ("Une ligne\nUne autre ligne. Fin", ["Une ligne\nUne autre ligne.", "Fin"]),
        ("  Sans point final  ", ["Sans point final"]),
        ("", []),
        ("   ", []),
    ],
)
def test_split_sentences(text, sentences):
    assert [s for s, _ in split_sentences(text)] == sentences


def test_joining_the_pieces_gives_the_paragraph_back():
    text = "Premier point. Deuxième point !\nTroisième point ? Quatrième."
    pieces = split_sentences(text)
    assert len(pieces) == 4
    assert join_sentences([s for s, _ in pieces], pieces) == text
    assert join_sentences(["A.", "B.", "C.", "D."], pieces) == "A. B.\nC. D."


def test_long_sentences_are_cut_at_clauses_then_spaces():
    clauses = ", ".join(f"le point numéro {i}" for i in range(40)) + "."
    pieces = split_sentences(clauses, max_chars=100)
    assert all(len(s) <= 100 for s, _ in pieces)
    assert all(s.endswith((",", ".")) for s, _ in pieces)
    assert join_sentences([s for s, _ in pieces], pieces) == clauses

    words = " ".join(["mot"] * 100)
    pieces = split_sentences(words, max_chars=50)
    assert all(len(s) <= 50 for s, _ in pieces)
    assert join_sentences([s for s, _ in pieces], pieces) == words

    blob = "x" * 120
    assert [len(s) for s, _ in split_sentences(blob, max_chars=50)] == [50, 50, 20]
