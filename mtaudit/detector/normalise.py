"""Typography neutralisation: the text the detector learns from and scores.

Quote style and (non-breaking) spaces say more about the typesetting than about who translated a text,
and the detection benchmark neutralises them, so the detector sees every paragraph through
:func:`normalise` (the same rules as the benchmark's normalisation).
"""

from __future__ import annotations

import re

_SPACES = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u2009": " "})
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})
_OPENING_GUILLEMET = re.compile(r"\u00ab\s*")
_CLOSING_GUILLEMET = re.compile(r"\s*\u00bb")
_SPACE_BEFORE_HIGH_PUNCTUATION = re.compile(r"\s+([;:!?])")
_WHITESPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """``text`` with plain spaces, straight quotes and no space before ``; : ! ?``, whitespace collapsed."""
    text = text.translate(_SPACES).translate(_QUOTES)
    text = _OPENING_GUILLEMET.sub('"', text)
    text = _CLOSING_GUILLEMET.sub('"', text)
    text = _SPACE_BEFORE_HIGH_PUNCTUATION.sub(r"\1", text)
    return _WHITESPACE.sub(" ", text).strip()
