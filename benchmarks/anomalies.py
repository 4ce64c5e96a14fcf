"""Recall of the leakage analyzers on labelled MT output, and major anomalies on human French.

    python benchmarks/anomalies.py [--extra MORE.jsonl ...] [--limit 1000] [--show CORPUS]

Labelled sets are JSONL lines ``{id, text, expect: [{type, text}], names: [...]}`` (the format of
``../shared/data/anomalies/english-dev.jsonl``): an expected span counts as found when an anomaly of its
type and of severity minor or major overlaps it; a name counts as flagged when a major anomaly of any
type overlaps it. The dev set is split by a hash of each line's id into a tuning part and a held-out part
(``held-out`` rows), so that rules tuned on one part can be checked on the other. ``--extra`` adds
annotation files kept outside the repository (e.g. lines of other systems' output from
``../shared/data/othermt``), each reported on its own row.

The second table counts major anomalies per 1,000 paragraphs (4 sentences) of native French (UD GSD dev,
reader comments) and of human translations (newstest references), per analyzer type.
"""

from __future__ import annotations

import argparse
import hashlib
import json
from collections import Counter
from pathlib import Path

from shared_data import SHARED, human_paragraphs, require_shared

from mtaudit.analyzers import ANALYZER_TYPES, AnalyzerOptions, build_analyzers
from mtaudit.ingest import Paragraph
from mtaudit.nlp import load_french
from mtaudit.view import parse_views

DEV_SET = SHARED / "data" / "anomalies" / "english-dev.jsonl"
HELD_OUT_SHARE = 0.3
SOURCE_LANGUAGES = ("en", "de")
HUMAN_TRANSLATIONS = ("newstest2008.fra", *(f"newstest{year}.rest.fra" for year in range(2009, 2014)))


def is_held_out(record_id: str) -> bool:
    """Whether a labelled line belongs to the held-out part (a stable hash of its id)."""
    digest = hashlib.sha256(record_id.encode()).digest()
    return digest[0] / 256 < HELD_OUT_SHARE


def overlaps(anomaly, start: int, end: int) -> bool:
    return anomaly.start < end and start < anomaly.end


def score_labelled(records: list[dict], nlp, analyzers) -> dict[str, Counter]:
    """Found/expected counts per anomaly type, and names flagged major."""
    counts: dict[str, Counter] = {}
    names = Counter()
    for record, view in zip(records, parse_views(nlp, paragraphs(records, "labelled"), batch_size=32)):
        anomalies = [a for analyzer in analyzers for a in analyzer.find(view)]
        text = record["text"]
        for expected in record.get("expect", []):
            start = text.find(expected["text"])
            if start < 0:
                raise SystemExit(f"{record['id']}: expected span {expected['text']!r} is not in the text")
            end = start + len(expected["text"])
            found = any(
                a.type == expected["type"] and a.severity != "info" and overlaps(a, start, end)
                for a in anomalies
            )
            counts.setdefault(expected["type"], Counter()).update(expected=1, found=found)
        for name in record.get("names", []):
            start = text.find(name)
            end = start + len(name)
            names.update(
                names=1, flagged=any(a.severity == "major" and overlaps(a, start, end) for a in anomalies)
            )
    counts["names"] = names
    return counts


def paragraphs(records: list[dict] | list[str], document: str) -> list[Paragraph]:
    """Paragraphs to audit from labelled records or plain texts."""
    texts = [r if isinstance(r, str) else r["text"] for r in records]
    return [Paragraph(document, k, f"{document}:{k}", text) for k, text in enumerate(texts)]


def read_labelled(path: Path) -> list[dict]:
    try:
        return [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
    except (OSError, json.JSONDecodeError) as error:
        raise SystemExit(f"{path}: cannot read labelled lines ({error})") from None


def print_rates(name: str, n: int, by_type: Counter[str]) -> None:
    """One row: major anomalies per 1,000 paragraphs, in all and per analyzer type."""
    cells = " ".join(f"{1000 * by_type[t] / n:8.1f}" for t in ANALYZER_TYPES)
    print(f"{name:20} {n:5d} {1000 * sum(by_type.values()) / n:10.1f}  {cells}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--extra", type=Path, nargs="*", default=[], help="more labelled JSONL files")
    parser.add_argument("--limit", type=int, default=1000, help="paragraphs per human corpus")
    parser.add_argument("--show", default="", help="print the major anomalies found in this corpus")
    args = parser.parse_args()
    require_shared()
    nlp = load_french()
    analyzers = build_analyzers(nlp, AnalyzerOptions(source_languages=SOURCE_LANGUAGES))
    dev = read_labelled(DEV_SET)
    labelled = {
        "english-dev (all)": dev,
        "english-dev tuning": [r for r in dev if not is_held_out(r["id"])],
        "english-dev held-out": [r for r in dev if is_held_out(r["id"])],
        **{path.name: read_labelled(path) for path in args.extra},
    }
    print(f"{'labelled set':24} {'type':10} {'found':>7} {'recall':>7}   names flagged major")
    for name, records in labelled.items():
        counts = score_labelled(records, nlp, analyzers)
        names = counts.pop("names")
        for kind, c in sorted(counts.items()):
            print(
                f"{name:24} {kind:10} {c['found']:3d}/{c['expected']:<3d} {c['found'] / c['expected']:7.2f}"
                f"   {names['flagged']}/{names['names']}"
            )
    corpora = {
        "native GSD dev": human_paragraphs("gsd-dev.fra", limit=args.limit),
        "native comments": human_paragraphs("newsdiscusstest2015.fra", limit=args.limit),
        "human translations": [
            paragraph
            for name in HUMAN_TRANSLATIONS
            for paragraph in human_paragraphs(name, limit=args.limit // len(HUMAN_TRANSLATIONS))
        ],
    }
    print()
    header = f"{'corpus':20} {'n':>5} {'major/1000':>10}  " + " ".join(f"{t[:8]:>8}" for t in ANALYZER_TYPES)
    print(header)
    print("-" * len(header))
    native_n, native_by_type = 0, Counter()
    for name, texts in corpora.items():
        by_type: Counter[str] = Counter()
        for view in parse_views(nlp, paragraphs(texts, name), batch_size=64):
            majors = [a for analyzer in analyzers for a in analyzer.find(view) if a.severity == "major"]
            by_type.update(a.type for a in majors)
            if args.show and args.show in name:
                for a in majors:
                    print(f"  [{a.type}] {a.text!r}: {view.original[max(0, a.start - 50) : a.end + 50]!r}")
        print_rates(name, len(texts), by_type)
        if name.startswith("native"):
            native_n += len(texts)
            native_by_type += by_type
    print_rates("native (pooled)", native_n, native_by_type)
    print("(major anomalies per 1,000 paragraphs of 4 sentences, in all and per analyzer type)")


if __name__ == "__main__":
    main()
