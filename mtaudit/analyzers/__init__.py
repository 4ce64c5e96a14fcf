"""The anomaly analyzers and their registry: the single list the pipeline and the CLI use."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language

from mtaudit.analyzers.base import Analyzer
from mtaudit.analyzers.calque import CalqueAnalyzer, load_lexicon
from mtaudit.analyzers.capitalization import CapitalizationAnalyzer
from mtaudit.analyzers.duplication import DuplicationAnalyzer
from mtaudit.analyzers.english import EnglishAnalyzer, load_allowlist
from mtaudit.analyzers.grammar import GrammarAnalyzer
from mtaudit.analyzers.typography import TypographyAnalyzer
from mtaudit.analyzers.units import UnitsAnalyzer

ANALYZER_TYPES = ("english", "calque", "duplication", "capitalization", "grammar", "units", "typography")


@dataclass(frozen=True)
class AnalyzerOptions:
    """User settings of the analyzers: which run, and the extra lexicons they read."""

    enabled: tuple[str, ...] = ANALYZER_TYPES
    calques: Path | None = None
    allow_english: Path | None = None


def build_analyzers(nlp: Language, options: AnalyzerOptions = AnalyzerOptions()) -> list[Analyzer]:
    """Instantiate the enabled analyzers, in the registry's order."""
    factories = {
        "english": lambda: EnglishAnalyzer(load_allowlist(options.allow_english)),
        "calque": lambda: CalqueAnalyzer(nlp, load_lexicon(options.calques)),
        "duplication": DuplicationAnalyzer,
        "capitalization": CapitalizationAnalyzer,
        "grammar": GrammarAnalyzer,
        "units": UnitsAnalyzer,
        "typography": TypographyAnalyzer,
    }
    return [factories[name]() for name in ANALYZER_TYPES if name in options.enabled]


__all__ = ["ANALYZER_TYPES", "Analyzer", "AnalyzerOptions", "build_analyzers"]
