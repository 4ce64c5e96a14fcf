"""Word lexicons of French and of the source languages, loaded once per process from installed packages.

Each lexicon is the union of two well-kept resources that ship with pip packages:

- pyspellchecker's word lists (``spellchecker/resources/LANG.json.gz``: lower-case word forms with their
  frequency in subtitles; package MIT, lists built from the OpenSubtitles frequency lists);
- simplemma's lemmatisation dictionaries (word form → lemma, inflected forms included, case kept; MIT,
  built from Wiktionary-derived data).

Word membership is a set look-up (O(1)); the sets are built on first use and then shared. Building the
word lists from the packages' files takes a while, so they are kept in the user's cache folder, keyed by
the packages' versions (:mod:`mtaudit.usercache`). Names come
from simplemma's capitalised entries ("Paris", "John"), which the English and French dictionaries keep
apart from the lower-case common words.
"""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass
from functools import cache
from importlib import resources

from mtaudit.errors import MtauditError
from mtaudit.usercache import cached_lists

LANGUAGE_NAMES = {"fr": "French", "en": "English", "de": "German"}

# Closed-class words of the source languages that are never French words (so not "on", "or", "if",
# "des", "du", "sein", "mit"), even where a noisy French word list has them ("and", "der").
ENGLISH_FUNCTION_WORDS = frozenset(
    "the this that these those is was were be been being has have had will would can could should "
    "of to with from by at in into about and not no yes you your we our they their it its he she his "
    "her him them my please there here what which who when where why how does did than then just also "
    "all any some very".split()
)
GERMAN_FUNCTION_WORDS = frozenset(
    "der die das den dem ein eine einer einem einen eines und oder aber nicht ist sind war waren wird "
    "werden wurde wurden hat haben hatte von zu zum zur für auf aus bei nach über unter vor durch gegen "
    "ohne um im ins am vom beim dass wenn weil auch noch schon nur sehr wie was wer wo ich er sie wir "
    "ihr sich mein dein ihre unser kein keine diese dieser dieses".split()
)
FUNCTION_WORDS = {"en": ENGLISH_FUNCTION_WORDS, "de": GERMAN_FUNCTION_WORDS, "fr": frozenset()}
# Forms left out of a language's subtitle list: the French lists keep some English and German ("and", "der").
_LEFT_OUT = {"fr": ENGLISH_FUNCTION_WORDS | GERMAN_FUNCTION_WORDS}
# The version of how a lexicon is built from its sources (a new one invalidates the cached lexicons).
LEXICON_FORMAT = 1


@dataclass(frozen=True)
class Lexicon:
    """The word forms of one language.

    ``forms``: lower-case forms of both resources; ``common``: the lower-case forms of the dictionary
    alone (the subtitle lists also hold lower-cased names: "rockhampton"); ``capitalised``: the
    dictionary's capitalised entries (names, and German nouns).
    """

    language: str
    forms: frozenset[str]
    common: frozenset[str]
    capitalised: frozenset[str]
    function_words: frozenset[str]

    def knows(self, word: str) -> bool:
        """Whether ``word`` (any case) is a form of this language."""
        return word in self.forms or word.lower() in self.forms or word in self.capitalised

    def is_common_word(self, word: str) -> bool:
        """Whether the lower-case form of ``word`` is a common (not proper) word of this language."""
        return word.lower() in self.common


@cache
def lexicon(language: str) -> Lexicon:
    """The lexicon of ``language`` ("fr", "en", "de"), built once per process (and kept in the user's
    cache folder between runs, :mod:`mtaudit.usercache`)."""
    if language not in LANGUAGE_NAMES:
        raise MtauditError(f"no lexicon for language {language!r}; choose from {', '.join(LANGUAGE_NAMES)}")
    common, capitalised, other = cached_lists(
        f"lexicon-{language}", _sources(language), lambda: _build(language)
    )
    common_forms = frozenset(common)
    return Lexicon(
        language,
        common_forms.union(other),
        common_forms,
        frozenset(capitalised),
        FUNCTION_WORDS[language],
    )


def _sources(language: str) -> dict[str, object]:
    """What the lexicon of ``language`` is built from: the key of its cache entry."""
    from importlib.metadata import version

    return {
        "format": LEXICON_FORMAT,
        "language": language,
        "pyspellchecker": version("pyspellchecker"),
        "simplemma": version("simplemma"),
        "left_out": sorted(_LEFT_OUT.get(language, ())),
    }


def _build(language: str) -> list[list[str]]:
    """The lexicon's word lists, sorted: the dictionary's lower-case forms, its capitalised entries, and
    the other lower-case forms of the subtitle lists."""
    forms: set[str] = set(_spellchecker_words(language)) - _LEFT_OUT.get(language, frozenset())
    common: set[str] = set()
    capitalised: set[str] = set()
    for word in _simplemma_words(language):
        (capitalised if word[:1].isupper() else common).add(word)
    return [sorted(common), sorted(capitalised), sorted(forms - common)]


def _spellchecker_words(language: str) -> list[str]:
    path = resources.files("spellchecker").joinpath(f"resources/{language}.json.gz")
    try:
        with path.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as text:
            return list(json.load(text))
    except OSError as error:
        raise MtauditError(f"pyspellchecker word list for {language!r} is unreadable ({error})") from None


def _simplemma_words(language: str) -> list[str]:
    from simplemma.strategies.dictionaries import DefaultDictionaryFactory

    dictionary = DefaultDictionaryFactory(cache_max_size=1).get_dictionary(language)
    return [key.decode("utf-8") if isinstance(key, bytes) else key for key in dictionary]
