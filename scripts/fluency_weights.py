"""Learn the fluency weights (mtaudit/data/fluency-weights.json) from the labelled dev data.

    python3 scripts/fluency_weights.py [-o mtaudit/data/fluency-weights.json] [--exclude-year 2013 ...]
    python3 -m mtaudit profile build ../shared/data/human -o mtaudit/data/profile-default.npz

The first command reads the machine and human translations of ../shared/data/dev/paragraphs.jsonl
(``text_norm``; the years are the held-out groups) and the native corpus ../shared/data/human, and writes
the weights (see mtaudit/profile/learn.py); the second rebuilds the default profile with them (a profile
keeps a copy of the weights it was built with, so rebuild it after new weights). ``--exclude-year`` leaves
years out, e.g. to give the detector fluency features that did not see the year it is evaluated on: on
their own training paragraphs the style table is far better than on unseen text, so score a dev year
only with a profile built with ``mtaudit profile build ... --weights W`` from weights that excluded it.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

from rich.console import Console

from mtaudit.errors import MtauditError
from mtaudit.nlp import load_french
from mtaudit.profile.build import BuildSummary, corpus_files, describe_file, measure_corpus, read_corpus
from mtaudit.profile.learn import LabelledParagraph, learn_weights
from mtaudit.profile.weights import default_weights_path, save_weights

ROOT = Path(__file__).resolve().parents[1]
DEV = Path("../shared/data/dev/paragraphs.jsonl")  # relative to the repository root, as recorded
NATIVE = Path("../shared/data/human")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--output", type=Path, default=default_weights_path().resolve())
    parser.add_argument("--dev", type=Path, default=DEV, help="labelled paragraphs (jsonl)")
    parser.add_argument("--native", type=Path, default=NATIVE, help="native corpus (as for profile build)")
    parser.add_argument("--exclude-year", type=int, action="append", default=[], help="leave a year out")
    args = parser.parse_args()
    os.chdir(ROOT)
    console = Console(stderr=True)
    started = time.perf_counter()
    try:
        if not args.dev.exists():
            raise MtauditError(f"{args.dev}: not found; this script needs the project's ../shared data")
        records = [json.loads(line) for line in args.dev.open(encoding="utf-8")]
        records = [r for r in records if r["year"] not in args.exclude_year]
        nlp = load_french()
        with console.status("parsing the labelled paragraphs"):
            docs = nlp.pipe([r["text_norm"] for r in records], batch_size=64)
            labelled = [
                LabelledParagraph(doc, r["label"] == "machine", str(r["year"]))
                for doc, r in zip(docs, records, strict=True)
            ]
        summary = BuildSummary(output=args.output)
        with console.status("reading and measuring the native corpus"):
            files = corpus_files([str(args.native)])
            sources, sentences = read_corpus(files, nlp, summary, lambda *_: None)
            native = measure_corpus(sentences, lambda *_: None)
        with console.status("learning the weights"):
            learned_from = {
                "labelled": describe_file(args.dev),
                "native": sources,
                "excluded": args.exclude_year,
            }
            weights = learn_weights(labelled, native, learned_from)
        save_weights(weights, args.output)
    except MtauditError as problem:
        sys.exit(f"fluency_weights: error: {problem}")
    console.print(f"weights written to {args.output} in {time.perf_counter() - started:.0f} s", markup=False)
    for name, weight in sorted(weights.combination.items(), key=lambda item: -abs(item[1])):
        console.print(f"  {name:34} {weight:+.3f}", markup=False)


if __name__ == "__main__":
    main()
