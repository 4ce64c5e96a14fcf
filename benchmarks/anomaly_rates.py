"""Share of paragraphs with anomalies, per corpus and type: native French, human and machine translation.

    python benchmarks/anomaly_rates.py [--limit 600]

The precision check of the analyzers: native French paragraphs should carry almost no major anomaly.
"""

from __future__ import annotations

import argparse
from collections import Counter

from shared_data import dev_records, human_paragraphs, require_shared

from mtaudit.analyzers import ANALYZER_TYPES, build_analyzers
from mtaudit.ingest import Paragraph
from mtaudit.nlp import load_french
from mtaudit.view import parse_views


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=600, help="paragraphs per corpus")
    parser.add_argument("--show", default="", help="print the major anomalies found in this corpus")
    args = parser.parse_args()
    require_shared()
    dev = dev_records()
    corpora = {
        "native GSD": human_paragraphs("gsd-dev.fra", limit=args.limit),
        "native comments": human_paragraphs("newsdiscusstest2015.fra", limit=args.limit),
        "human news (2008)": human_paragraphs("newstest2008.fra", limit=args.limit),
        "human transl. (dev)": [r["text"] for r in dev if r["label"] == "human"][: args.limit],
        "opus-mt (dev)": [r["text"] for r in dev if r["label"] == "machine"][: args.limit],
    }
    nlp = load_french()
    analyzers = build_analyzers(nlp)
    header = f"{'corpus':22} {'n':>5} {'any major':>9} {'any minor':>9} " + " ".join(
        f"{t[:8]:>8}" for t in ANALYZER_TYPES
    )
    print(header)
    print("-" * len(header))
    for name, texts in corpora.items():
        with_major = with_minor = 0
        by_type: Counter[str] = Counter()
        paragraphs = [Paragraph(name, k, str(k), text) for k, text in enumerate(texts)]
        for view in parse_views(nlp, paragraphs, batch_size=64):
            anomalies = [a for analyzer in analyzers for a in analyzer.find(view)]
            majors = [a for a in anomalies if a.severity == "major"]
            with_major += bool(majors)
            with_minor += any(a.severity == "minor" for a in anomalies)
            by_type.update({a.type for a in majors})
            if args.show and args.show in name:
                for a in majors:
                    print(f"  [{a.type}] {a.text!r}: {view.original[max(0, a.start - 50) : a.end + 50]!r}")
        n = len(texts)
        cells = " ".join(f"{by_type[t] / n:8.1%}" for t in ANALYZER_TYPES)
        print(f"{name:22} {n:5d} {with_major / n:9.1%} {with_minor / n:9.1%} {cells}")
    print("(per-type columns: share of paragraphs with a major anomaly of that type)")


if __name__ == "__main__":
    main()
