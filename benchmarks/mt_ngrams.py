"""Held-out check of the MT n-gram table: how much more often its spans fire on MT than on human French.

For each held-out test set (FLORES en→fr, WMT21 de→fr), the table is rebuilt without that test set and
without GSD dev, then matched on the held-out test set's paragraphs (every system's MT, and the human
reference of the same lines) and on GSD dev (native French, 4 sentences per paragraph).

    PYTHONPATH=$PWD python3 benchmarks/mt_ngrams.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.shared_data import SHARED, human_paragraphs, require_shared  # noqa: E402
from mtaudit.mt_ngrams import NgramTable, build_table  # noqa: E402
from mtaudit.normalise import normalise  # noqa: E402
from scripts.build_mt_ngrams import load_corpora  # noqa: E402

OTHERMT = SHARED / "data" / "othermt" / "paragraphs.jsonl"
TESTSETS = {"flores": "flores-en-fr", "wmt21": "wmt21-de-fr"}


def rate(table: NgramTable, texts: list[str]) -> tuple[float, float]:
    """Spans per 1,000 paragraphs and the share of paragraphs with at least one span."""
    counts = [len(table.find(text)) for text in texts]
    return 1000 * sum(counts) / len(texts), sum(1 for c in counts if c) / len(texts)


def main() -> None:
    require_shared()
    records = [json.loads(line) for line in OTHERMT.open(encoding="utf-8")]
    gsd = [normalise(p) for p in human_paragraphs("gsd-dev.fra")]
    print("| held out | table size | text | paragraphs | spans / 1,000 paragraphs | paragraphs with a span |")
    print("|---|---|---|---|---|---|")
    for name, testset in TESTSETS.items():
        aligned, native = load_corpora((name, "gsd"))
        table = NgramTable(build_table(aligned, native))
        held = [r for r in records if r["testset"] == testset]
        rows = {
            f"{name} MT ({len({r['system'] for r in held if r['label'] == 'machine'})} systems)": [
                r["text_norm"] for r in held if r["label"] == "machine"
            ],
            f"{name} human reference": [r["text_norm"] for r in held if r["label"] == "human"],
            "GSD dev (native)": gsd,
        }
        rates = {}
        for label, texts in rows.items():
            per_1000, share = rate(table, texts)
            rates[label] = per_1000
            print(
                f"| {name} + GSD | {len(table.table)} | {label} | {len(texts)} | {per_1000:.0f} | {share:.1%} |"
            )
        mt, ref, native = rates.values()
        print(
            f"| {name} + GSD | | MT ÷ human reference, MT ÷ native | | {mt / max(ref, 1e-9):.1f}×, "
            f"{mt / max(native, 1e-9):.1f}× | |"
        )


if __name__ == "__main__":
    main()
