"""The anomaly analyzers and their registry: the single list the pipeline, the CLI and the detector use."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language

from mtaudit.analyzers.base import Analyzer
from mtaudit.analyzers.calque import CalqueAnalyzer, load_lexicon
from mtaudit.analyzers.capitalization import CapitalizationAnalyzer
from mtaudit.analyzers.duplication import DuplicationAnalyzer
from mtaudit.analyzers.english import EnglishAnalyzer, load_allowlist
from mtaudit.analyzers.german import GermanAnalyzer
from mtaudit.analyzers.grammar import GrammarAnalyzer
from mtaudit.analyzers.script import ScriptAnalyzer
from mtaudit.analyzers.typography import TypographyAnalyzer
from mtaudit.analyzers.units import UnitsAnalyzer

# The registry: every analyzer, by its type, in report order; the one list the pipeline, the CLI and the
# detector's anomaly features read.
REGISTRY: dict[str, Callable[[Language, AnalyzerOptions], Analyzer]] = {
    EnglishAnalyzer.type: lambda nlp, options: EnglishAnalyzer(load_allowlist(options.allow_english)),
    GermanAnalyzer.type: lambda nlp, options: GermanAnalyzer(),
    ScriptAnalyzer.type: lambda nlp, options: ScriptAnalyzer(),
    CalqueAnalyzer.type: lambda nlp, options: CalqueAnalyzer(nlp, load_lexicon(options.calques)),
    DuplicationAnalyzer.type: lambda nlp, options: DuplicationAnalyzer(),
    CapitalizationAnalyzer.type: lambda nlp, options: CapitalizationAnalyzer(),
    GrammarAnalyzer.type: lambda nlp, options: GrammarAnalyzer(),
    UnitsAnalyzer.type: lambda nlp, options: UnitsAnalyzer(),
    TypographyAnalyzer.type: lambda nlp, options: TypographyAnalyzer(),
}
ANALYZER_TYPES = tuple(REGISTRY)
# Source languages whose leakage can be checked (``--source-lang``), and the analyzer of each.
SOURCE_LANGUAGE_ANALYZERS = {"en": EnglishAnalyzer.type, "de": GermanAnalyzer.type}
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
    skipped = {
        name for lang, name in SOURCE_LANGUAGE_ANALYZERS.items() if lang not in options.source_languages
    }
    return [
        factory(nlp, options)
        for name, factory in REGISTRY.items()
        if name in options.enabled and name not in skipped
    ]


__all__ = [
    "ANALYZER_TYPES",
    "DEFAULT_SOURCE_LANGUAGES",
    "REGISTRY",
    "SOURCE_LANGUAGE_ANALYZERS",
    "Analyzer",
    "AnalyzerOptions",
    "build_analyzers",
]
