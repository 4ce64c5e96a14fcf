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
from mtaudit.analyzers.grammar import GrammarAnalyzer
from mtaudit.analyzers.typography import TypographyAnalyzer
from mtaudit.analyzers.units import UnitsAnalyzer

# The registry: every analyzer, by its type, in report order; the one list the pipeline, the CLI and the
# detector's anomaly features read.
REGISTRY: dict[str, Callable[[Language, AnalyzerOptions], Analyzer]] = {
    EnglishAnalyzer.type: lambda nlp, options: EnglishAnalyzer(load_allowlist(options.allow_english)),
    CalqueAnalyzer.type: lambda nlp, options: CalqueAnalyzer(nlp, load_lexicon(options.calques)),
    DuplicationAnalyzer.type: lambda nlp, options: DuplicationAnalyzer(),
    CapitalizationAnalyzer.type: lambda nlp, options: CapitalizationAnalyzer(),
    GrammarAnalyzer.type: lambda nlp, options: GrammarAnalyzer(),
    UnitsAnalyzer.type: lambda nlp, options: UnitsAnalyzer(),
    TypographyAnalyzer.type: lambda nlp, options: TypographyAnalyzer(),
}
ANALYZER_TYPES = tuple(REGISTRY)


@dataclass(frozen=True)
class AnalyzerOptions:
    """User settings of the analyzers: which run, and the extra lexicons they read."""

    enabled: tuple[str, ...] = ANALYZER_TYPES
    calques: Path | None = None
    allow_english: Path | None = None


def build_analyzers(nlp: Language, options: AnalyzerOptions | None = None) -> list[Analyzer]:
    """Instantiate the enabled analyzers, in the registry's order."""
    options = options or AnalyzerOptions()
    return [factory(nlp, options) for name, factory in REGISTRY.items() if name in options.enabled]


__all__ = ["ANALYZER_TYPES", "REGISTRY", "Analyzer", "AnalyzerOptions", "build_analyzers"]
