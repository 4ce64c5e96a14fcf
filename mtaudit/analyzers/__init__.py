"""The anomaly analyzers and their registry: the single list the pipeline, the CLI and the detector use."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

    from mtaudit.analyzers.base import Analyzer

# Each factory imports its analyzer when called: the command line reads the names without loading spaCy
# (whose import pulls in torch before the CLI has set OMP_WAIT_POLICY).


def _english(nlp: Language, options: AnalyzerOptions) -> Analyzer:
    from mtaudit.analyzers.english import EnglishAnalyzer, load_allowlist

    return EnglishAnalyzer(load_allowlist(options.allow_english))


def _german(nlp: Language, options: AnalyzerOptions) -> Analyzer:
    from mtaudit.analyzers.german import GermanAnalyzer

    return GermanAnalyzer()


def _script(nlp: Language, options: AnalyzerOptions) -> Analyzer:
    from mtaudit.analyzers.script import ScriptAnalyzer

    return ScriptAnalyzer()


def _calque(nlp: Language, options: AnalyzerOptions) -> Analyzer:
    from mtaudit.analyzers.calque import CalqueAnalyzer, load_lexicon
    from mtaudit.mt_ngrams import shipped_table

    return CalqueAnalyzer(nlp, load_lexicon(options.calques), shipped_table())


def _duplication(nlp: Language, options: AnalyzerOptions) -> Analyzer:
    from mtaudit.analyzers.duplication import DuplicationAnalyzer

    return DuplicationAnalyzer()


def _capitalization(nlp: Language, options: AnalyzerOptions) -> Analyzer:
    from mtaudit.analyzers.capitalization import CapitalizationAnalyzer

    return CapitalizationAnalyzer()


def _grammar(nlp: Language, options: AnalyzerOptions) -> Analyzer:
    from mtaudit.analyzers.grammar import GrammarAnalyzer

    return GrammarAnalyzer()


def _units(nlp: Language, options: AnalyzerOptions) -> Analyzer:
    from mtaudit.analyzers.units import UnitsAnalyzer

    return UnitsAnalyzer()


def _typography(nlp: Language, options: AnalyzerOptions) -> Analyzer:
    from mtaudit.analyzers.typography import TypographyAnalyzer

    return TypographyAnalyzer()


# The registry: every analyzer, by its type (the ``type`` of the analyzer it builds), in report order; the
# one list the pipeline, the CLI and the detector's anomaly features read.
REGISTRY: dict[str, Callable[[Language, AnalyzerOptions], Analyzer]] = {
    "english": _english,
    "german": _german,
    "script": _script,
    "calque": _calque,
    "duplication": _duplication,
    "capitalization": _capitalization,
    "grammar": _grammar,
    "units": _units,
    "typography": _typography,
}
ANALYZER_TYPES = tuple(REGISTRY)
# Source languages whose leakage can be checked (``--source-lang``), and the analyzer of each.
SOURCE_LANGUAGE_ANALYZERS = {"en": "english", "de": "german"}
DEFAULT_SOURCE_LANGUAGES = ("en",)


@dataclass(frozen=True)
class AnalyzerOptions:
    """User settings of the analyzers: which run, the extra lexicons they read, the source languages."""

    enabled: tuple[str, ...] = ANALYZER_TYPES
    calques: Path | None = None
    allow_english: Path | None = None
    source_languages: tuple[str, ...] = DEFAULT_SOURCE_LANGUAGES


def build_analyzers(nlp: Language, options: AnalyzerOptions | None = None) -> list[Analyzer]:
    """Instantiate the enabled analyzers, in the registry's order.

    A source-language analyzer runs only for the languages in ``options.source_languages``.
    """
    options = options or AnalyzerOptions()
    return [REGISTRY[name](nlp, options) for name in enabled_analyzers(options)]


def enabled_analyzers(options: AnalyzerOptions) -> list[str]:
    """The analyzers ``options`` run, in the registry's order (source languages not chosen left out)."""
    skipped = {
        name for lang, name in SOURCE_LANGUAGE_ANALYZERS.items() if lang not in options.source_languages
    }
    return [name for name in REGISTRY if name in options.enabled and name not in skipped]


__all__ = [
    "ANALYZER_TYPES",
    "DEFAULT_SOURCE_LANGUAGES",
    "REGISTRY",
    "SOURCE_LANGUAGE_ANALYZERS",
    "AnalyzerOptions",
    "build_analyzers",
    "enabled_analyzers",
]
