"""Document language identification: the short-text (full) and long-text (fast) modes agree on French."""

from __future__ import annotations

import pytest

from mtaudit.language import LOW_ACCURACY_FROM_CHARS, detect_language

LONG_FRENCH = (
    "La commune a voté mardi soir le budget de l'année prochaine, après un long débat sur le prix de "
    "la cantine et l'entretien des routes communales."
)
LONG_ENGLISH = (
    "The council approved next year's budget on Tuesday evening, after a long debate about the price "
    "of school meals and the upkeep of local roads."
)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (LONG_FRENCH, "french"),
        (LONG_ENGLISH, "english"),
        ("Le chat dort sur le canapé.", "french"),
        ("The cat sleeps on the sofa.", "english"),
    ],
)
def test_detects_french_and_english_short_and_long(text, language):
    assert (len(text) >= LOW_ACCURACY_FROM_CHARS) is (len(text) > 100)  # both modes are exercised
    assert detect_language(text) == language
