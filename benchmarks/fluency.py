"""Fluency profile: held-out AUROC of fluency.deviation and of each feature, audit slowdown, build time.

    python3 benchmarks/fluency.py [--years 2009 2010 ...] [--speed-paragraphs 200]

1. One fold per dev year Y (leave one year out; the dev data is never split by paragraph):
   - the native corpus is ../shared/data/human without newstestY.rest.fra (the rest of year Y's test set)
     and without the GSD lines i with i % 5 == fold;
   - the weights are learned (mtaudit/profile/learn.py) on the dev paragraphs of the other years against
     that corpus, and the fold's profile is that corpus with those weights (timed: the build time);
   - scored with it: year Y's dev paragraphs (``text_norm``; machine vs human translation) and the fold's
     held-out GSD lines grouped by 4 and typography-normalised like the hidden benchmark (native French
     that neither the profile nor the weights saw).
   One table then gives each value's AUROC pooled over the folds: how well it ranks machine translation
   above human translation and above native French (0.5 = chance, below 0.5 = reversed), with the
   deviation's per-fold AUROCs under it.
2. Audits dev paragraphs with and without the fluency stage (the shipped profile), alternating, and prints
   the median times and their ratio.
"""

from __future__ import annotations

import argparse
import statistics
import time

import numpy as np
from shared_data import HUMAN, dev_records, normaliser, require_shared
from sklearn.metrics import roc_auc_score

from mtaudit.analyzers import build_analyzers
from mtaudit.ingest import Paragraph
from mtaudit.nlp import load_french
from mtaudit.normalise import normalise_with_offsets
from mtaudit.pipeline import Auditor, ParagraphState
from mtaudit.profile import FluencyStage, default_profile_path, load_profile
from mtaudit.profile.build import assemble_profile, corpus_sentences, measure_corpus, parse_documents
from mtaudit.profile.learn import LabelledParagraph, learn_weights
from mtaudit.scoring import EvidenceScorer
from mtaudit.view import ParagraphView

YEARS = (2009, 2010, 2011, 2012, 2013)
GSD = "gsd-dev.fra"
GSD_FOLDS = 5
QUIET = lambda *_: None  # noqa: E731


def score(stage: FluencyStage, docs: list) -> list[dict[str, float]]:
    """The fluency features (and deviation) of parsed paragraphs."""
    states = [
        ParagraphState(
            ParagraphView(Paragraph("bench", i, str(i), d.text), normalise_with_offsets(d.text), d)
        )
        for i, d in enumerate(docs)
    ]
    stage.process(states)
    return [{f"fluency.{k}": v for k, v in state.fluency.features.items()} for state in states]


def held_out(nlp, years: list[int]) -> None:
    records = dev_records()
    files = sorted(HUMAN.iterdir())
    texts = [[line for line in f.read_text(encoding="utf-8").splitlines() if line.strip()] for f in files]
    started = time.perf_counter()
    native_docs = parse_documents(nlp, texts, QUIET)
    dev_docs = list(nlp.pipe([r["text_norm"] for r in records], batch_size=64))
    gsd = files.index(HUMAN / GSD)
    normalise = normaliser()
    print(f"parsing: {time.perf_counter() - started:.0f} s", flush=True)
    results: dict[str, list] = {"machine": [], "human": [], "native": []}
    per_fold, build_times = [], []
    for year in years:
        fold = YEARS.index(year)
        kept = [
            [d for i, d in enumerate(docs) if index != gsd or i % GSD_FOLDS != fold]
            for index, docs in enumerate(native_docs)
            if files[index].name != f"newstest{year}.rest.fra"
        ]
        held = [line for i, line in enumerate(texts[gsd]) if i % GSD_FOLDS == fold]
        native_texts = [normalise(" ".join(held[i : i + 4])) for i in range(0, len(held), 4)]
        started = time.perf_counter()
        measured = measure_corpus(corpus_sentences(kept), QUIET)
        train = [
            LabelledParagraph(doc, r["label"] == "machine", str(r["year"]))
            for doc, r in zip(dev_docs, records, strict=True)
            if r["year"] != year
        ]
        weights = learn_weights(train, measured)
        stage = FluencyStage(assemble_profile(measured, weights, {"name": f"held-out-{year}"}))
        build_times.append(time.perf_counter() - started)
        test = [(doc, r["label"]) for doc, r in zip(dev_docs, records, strict=True) if r["year"] == year]
        fold_results = {
            "machine": score(stage, [d for d, label in test if label == "machine"]),
            "human": score(stage, [d for d, label in test if label == "human"]),
            "native": score(stage, list(nlp.pipe(native_texts))),
        }
        for side, values in fold_results.items():
            results[side] += values
        per_fold.append(
            (year, *(_auroc(fold_results, "fluency.deviation", side) for side in ("human", "native")))
        )
        print(f"fold {year}: weights and profile in {build_times[-1]:.0f} s", flush=True)
    names = ["fluency.deviation", *sorted(n for n in results["machine"][0] if n != "fluency.deviation")]
    print(f"\n{'value':42} {'machine>human':>14} {'machine>native':>15}")
    print("-" * 73)
    for name in names:
        print(f"{name:42} {_auroc(results, name, 'human'):14.3f} {_auroc(results, name, 'native'):15.3f}")
    folds = ", ".join(f"{year}: {h:.3f} / {n:.3f}" for year, h, n in per_fold)
    print(f"deviation per fold (vs human / vs native): {folds}")
    sizes = {side: len(values) for side, values in results.items()}
    print(
        f"({sizes['machine']} machine, {sizes['human']} human translation, {sizes['native']} native GSD "
        f"paragraphs; AUROC > 0.5: the value is higher for machine translation)"
    )
    print(
        f"profile build (measure the corpus, learn the weights, fit the reference): median "
        f"{statistics.median(build_times):.0f} s per fold, parsing excluded"
    )


def _auroc(results: dict[str, list], name: str, other: str) -> float:
    machine = [f[name] for f in results["machine"]]
    rest = [f[name] for f in results[other]]
    return float(roc_auc_score([1] * len(machine) + [0] * len(rest), np.array(machine + rest)))


def speed(nlp, stage: FluencyStage, texts: list[str], rounds: int = 3) -> None:
    analyzers = build_analyzers(nlp)
    plain = Auditor(nlp, analyzers, EvidenceScorer())
    fluent = Auditor(nlp, analyzers, EvidenceScorer(), stages=[stage])
    paragraphs = [Paragraph("bench", i, str(i), text) for i, text in enumerate(texts)]
    times: dict[str, list[float]] = {"without fluency": [], "with fluency": []}
    list(fluent.audit(paragraphs[:32]))  # warm-up: caches, lazy loads
    for _ in range(rounds):
        for name, auditor in (("without fluency", plain), ("with fluency", fluent)):
            started = time.perf_counter()
            list(auditor.audit(paragraphs))
            times[name].append(time.perf_counter() - started)
    medians = {name: statistics.median(values) for name, values in times.items()}
    print(
        f"\naudit of {len(texts)} dev paragraphs with the shipped profile, median of {rounds} alternating runs"
    )
    for name, value in medians.items():
        print(f"  {name:16} {value:7.2f} s  ({1000 * value / len(texts):.1f} ms/paragraph)")
    print(f"  ratio            {medians['with fluency'] / medians['without fluency']:7.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--years", type=int, nargs="+", default=list(YEARS), choices=YEARS, help="folds to run"
    )
    parser.add_argument("--speed-paragraphs", type=int, default=200, help="dev paragraphs in the speed test")
    args = parser.parse_args()
    require_shared()
    nlp = load_french()
    held_out(nlp, args.years)
    stage = FluencyStage(load_profile(default_profile_path()))
    speed(nlp, stage, [r["text_norm"] for r in dev_records()][: args.speed_paragraphs])


if __name__ == "__main__":
    main()
