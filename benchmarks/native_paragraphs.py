"""Native French paragraphs (4 sentences, normalised) labelled human, for training the detector.

    python benchmarks/native_paragraphs.py > /tmp/native.jsonl

The dev data's human side is professional translation; these paragraphs from native French sources
(UD French-GSD: blogs, news, encyclopedia; newsdiscuss: readers' comments) teach the detector that native
French is human too. They get a lower weight than the dev pairs so that they do not drown the subtler
human-translation signal (benchmarks/detector_protocol.py measures both).
"""

from __future__ import annotations

import json
import sys

from shared_data import human_paragraphs, require_shared

from mtaudit.normalise import normalise

NATIVE_SOURCES = {"gsd": "gsd-dev.fra", "newsdiscuss": "newsdiscusstest2015.fra"}
NATIVE_WEIGHT = 0.3


def native_records(weight: float = NATIVE_WEIGHT) -> list[dict]:
    """Labelled records of native French paragraphs, with their source and weight."""
    return [
        {"text": normalise(text), "label": "human", "source": source, "weight": weight}
        for source, name in NATIVE_SOURCES.items()
        for text in human_paragraphs(name)
        if len(text.split()) >= 8
    ]


if __name__ == "__main__":
    require_shared()
    for record in native_records():
        sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
