"""The detector's training corpus from ../shared: every translation test set, every system, native French.

    python benchmarks/detector_corpus.py > /tmp/detector-corpus.jsonl

One JSONL record per 4-line paragraph (typography normalised, as the detection benchmark does), with the
fields `mtaudit train` groups and balances by:

- ``testset``: ``newstest2009`` … ``newstest2013`` (opus-mt-en-fr, dev/), ``wmt21-de-fr``, ``flores-en-fr``
  (othermt/); native French paragraphs have none;
- ``collection``: the test set, except that the five newstest years are one collection (``newstest``):
  training folds follow collections, so that the out-of-fold scores the stack, the calibration and the
  verdict bands are fitted on come from MT systems the fold never saw (opus-mt is on every newstest year);
- ``system``: the MT system, ``human`` for the reference translations, ``native`` for native French;
- ``document`` (WMT21 documents; the test set elsewhere), ``label`` and ``weight``: 1 for translations;
  native French gets ``NATIVE_WEIGHT`` as well, since outside any collection it is neither rebalanced
  nor counted by the contrast models (see native_paragraphs.py for what it teaches).
"""

from __future__ import annotations

import json
import sys

from native_paragraphs import native_records
from shared_data import DEV, OTHERMT, require_shared

FIELDS = ("testset", "system", "document", "source_lang")
NATIVE_WEIGHT = 1.0


def collection(testset: str) -> str:
    """The collection of a test set: ``newstest`` for every newstest year, else the test set."""
    return "newstest" if testset.startswith("newstest") else testset


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
                "collection": collection(testset),
                "system": r["system"],
                "document": testset,
                "source_lang": "en",
            }
        )
    for line in OTHERMT.open(encoding="utf-8"):
        r = json.loads(line)
        fields = {f: r[f] for f in FIELDS}
        records.append({"text": r["text_norm"], "label": r["label"], "collection": r["testset"], **fields})
    return records


def corpus_records() -> list[dict]:
    """The translation paragraphs, then the native French ones (system ``native``, no test set)."""
    native = [{**r, "system": "native"} for r in native_records(NATIVE_WEIGHT)]
    return translation_records() + native


if __name__ == "__main__":
    require_shared()
    for record in corpus_records():
        sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
