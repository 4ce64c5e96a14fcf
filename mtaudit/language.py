"""Document language identification (lingua): mtaudit audits French and says so when a text is not."""

from __future__ import annotations

from functools import lru_cache

from mtaudit.errors import InputError
from mtaudit.ingest import Document

SAMPLE_CHARS = 4000


@lru_cache(maxsize=1)
def _detector():
    from lingua import Language, LanguageDetectorBuilder

    languages = [
        Language.FRENCH, Language.ENGLISH, Language.SPANISH, Language.GERMAN, Language.ITALIAN,
        Language.PORTUGUESE, Language.DUTCH, Language.POLISH, Language.ROMANIAN, Language.CATALAN,
    ]  # fmt: skip
    return LanguageDetectorBuilder.from_languages(*languages).build()


def detect_language(text: str) -> str | None:
    """The language of ``text`` as a lower-case English name ("french"), or None if undecided."""
    language = _detector().detect_language_of(text[:SAMPLE_CHARS])
    return language.name.lower() if language is not None else None


def ensure_french(document: Document) -> None:
    """Raise InputError when the document as a whole is not French."""
    sample = "\n".join(p.text for p in document.paragraphs)[:SAMPLE_CHARS]
    language = detect_language(sample)
    if language is not None and language != "french":
        raise InputError(document.source, f"not French text (detected {language}); mtaudit audits French")
