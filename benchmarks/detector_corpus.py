"""The detector's training corpus from ../shared: every translation test set, every system, native French.

    python benchmarks/detector_corpus.py > /tmp/detector-corpus.jsonl

One JSONL record per 4-line paragraph (typography normalised, as the detection benchmark does), with the
fields `mtaudit train` groups and balances by:

- ``testset``: ``newstest2009`` … ``newstest2013`` (opus-mt-en-fr, dev/), ``wmt21-de-fr``, ``flores-en-fr``
  (othermt/); native French paragraphs have none;
- ``system``: the MT system, ``human`` for the reference translations, ``native`` for native French;
- ``document`` (WMT21 documents; the test set elsewhere), ``label`` and, for native French, ``weight``
  (auxiliary records: see native_paragraphs.py).
"""

from __future__ import annotations

import json
import sys

from native_paragraphs import native_records
from shared_data import DEV, OTHERMT, require_shared

FIELDS = ("testset", "system", "document", "source_lang")


def translation_records() -> list[dict]:
    """Machine and human translation paragraphs of every test set, normalised text in ``text``."""
    records = []
    for line in DEV.open(encoding="utf-8"):
        r = json.loads(line)
        testset = f"newstest{r['year']}"
        records.append(
            {
                "text": r["text_norm"],
                "label": r["label"],
                "testset": testset,
                "system": r["system"],
                "document": testset,
                "source_lang": "en",
            }
        )
    for line in OTHERMT.open(encoding="utf-8"):
        r = json.loads(line)
        records.append({"text": r["text_norm"], "label": r["label"], **{f: r[f] for f in FIELDS}})
    return records


def corpus_records() -> list[dict]:
    """The translation paragraphs, then the native French ones (system ``native``, no test set)."""
    native = [{**r, "system": "native"} for r in native_records()]
    return translation_records() + native


if __name__ == "__main__":
    require_shared()
    for record in corpus_records():
        sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
