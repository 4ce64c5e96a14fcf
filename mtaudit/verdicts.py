"""Paragraphs too short to judge: their verdict is ``uncertain`` with the reason "too short".

Out of sample (``benchmarks/min_length.py``: unseen MT systems against their human references, cut to N
words), the detector's AUROC stays near chance below ``MIN_VERDICT_WORDS`` words, so a shorter paragraph,
or a heading of any length, gets no confident verdict, and the document verdict does not count it as
evidence (:mod:`mtaudit.reporting.summary`). Its mt_probability is still reported, for the record.
"""

from __future__ import annotations

import re

from mtaudit.records import TOO_SHORT, Reason, Verdict

MIN_VERDICT_WORDS = 12
_WORD = re.compile(r"\w", re.UNICODE)


def word_count(text: str) -> int:
    """Words of ``text``: whitespace-separated pieces holding a letter or a digit."""
    return sum(1 for piece in text.split() if _WORD.search(piece))


def judge_length(
    text: str, heading: bool, verdict: Verdict, reasons: list[Reason]
) -> tuple[Verdict, list[Reason]]:
    """``(verdict, reasons)`` unchanged for a paragraph long enough; else uncertain, "too short" first."""
    words = word_count(text)
    if not heading and words >= MIN_VERDICT_WORDS:
        return verdict, reasons
    why = (
        "a heading" if heading else f"{words} word{'s' if words != 1 else ''}, fewer than {MIN_VERDICT_WORDS}"
    )
    reason = Reason(TOO_SHORT, float(words), 0.0, f"too short to judge ({why})")
    return "uncertain", [reason, *reasons]
