"""Paragraphs too short to judge: their verdict is ``uncertain`` with the reason "too short".

Measured out of sample (``benchmarks/min_length.py``: a detector trained without the held-out year, on
that year's paragraphs cut to their first N words), the AUROC is near chance below 4 words (0.54 at one
word) and has less than half of its whole-paragraph margin over chance below ``MIN_VERDICT_WORDS`` words
(0.66 at 12 words, 0.69 at 16, 0.84 for whole paragraphs); on MT systems it never saw it is near chance
at every cut up to 32 words. So a shorter paragraph, or a heading of any length, gets no confident
verdict, and the document verdict does not count it as evidence (:mod:`mtaudit.reporting.summary`). Its
mt_probability is still reported, for the record.

A major anomaly is the exception: an untranslated phrase, a calque or a garbled duplicate is a span an
editor can see, and its weight does not depend on the paragraph's length ("C'est une histoire en
développement. Veuillez vérifier les mises à jour." is short and plainly translated), so a paragraph with
one keeps the scorer's verdict.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from mtaudit.records import TOO_SHORT, Anomaly, Reason, Verdict

MIN_VERDICT_WORDS = 16
_WORD = re.compile(r"\w", re.UNICODE)


def word_count(text: str) -> int:
    """Words of ``text``: whitespace-separated pieces holding a letter or a digit."""
    return sum(1 for piece in text.split() if _WORD.search(piece))


def judge_length(
    text: str, heading: bool, verdict: Verdict, reasons: list[Reason], anomalies: Sequence[Anomaly] = ()
) -> tuple[Verdict, list[Reason]]:
    """``(verdict, reasons)`` unchanged for a paragraph long enough or with a major anomaly; else
    uncertain, with "too short" as the first reason."""
    words = word_count(text)
    if (not heading and words >= MIN_VERDICT_WORDS) or any(a.severity == "major" for a in anomalies):
        return verdict, reasons
    why = (
        "a heading" if heading else f"{words} word{'s' if words != 1 else ''}, fewer than {MIN_VERDICT_WORDS}"
    )
    reason = Reason(TOO_SHORT, float(words), 0.0, f"too short to judge ({why})")
    return "uncertain", [reason, *reasons]
