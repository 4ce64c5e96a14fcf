"""Fluency profile: AUROC of fluency.deviation and of each feature, audit slowdown, profile build time.

    python3 benchmarks/fluency.py [--speed-paragraphs 200] [--profile PROFILE]

1. Builds a profile from ../shared/data/human with every 5th GSD line held out (timed: the build time),
   then scores the dev paragraphs (``text_norm``; machine vs human translation) and the held-out GSD
   lines grouped by 4 (native French; never seen by that profile) and prints one AUROC table: how well
   each value ranks machine translation above the other side (0.5 = chance, below 0.5 = reversed).
2. Audits the same dev paragraphs with and without the fluency stage, alternating, and prints the
   median times and their ratio.

``--profile`` scores the dev paragraphs with an existing profile (e.g. the shipped default) instead of
building one; the GSD column then needs a profile that did not see gsd-dev.fra and is left out.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from shared_data import HUMAN, dev_records, require_shared
from sklearn.metrics import roc_auc_score

from mtaudit.analyzers import build_analyzers
from mtaudit.ingest import Paragraph
from mtaudit.nlp import load_french
from mtaudit.pipeline import Auditor
from mtaudit.profile import FluencyStage, build_profile, load_profile
from mtaudit.scoring import EvidenceScorer

HELD_OUT_EVERY = 5
GSD = "gsd-dev.fra"


def held_out_profile(folder: Path, nlp) -> tuple[Path, float, list[str]]:
    """Build a profile without every 5th GSD line; return it, its build time and the held-out paragraphs."""
    corpus = folder / "corpus"
    corpus.mkdir()
    for source in sorted(HUMAN.iterdir()):
        lines = source.read_text(encoding="utf-8").splitlines()
        if source.name == GSD:
            lines = [line for i, line in enumerate(lines) if i % HELD_OUT_EVERY]
        (corpus / source.name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    output = folder / "held-out.npz"
    started = time.perf_counter()
    summary = build_profile([str(corpus)], output, nlp)
    seconds = time.perf_counter() - started
    size = summary.size_bytes / 1e6
    print(f"profile build: {seconds:.0f} s for {summary.sentences:,} sentences; profile file {size:.1f} MB")
    gsd_lines = [line for line in (HUMAN / GSD).read_text(encoding="utf-8").splitlines() if line.strip()]
    held = [line for i, line in enumerate(gsd_lines) if i % HELD_OUT_EVERY == 0]
    return output, seconds, [" ".join(held[i : i + 4]) for i in range(0, len(held), 4)]


def score(auditor: Auditor, texts: list[str]) -> list[dict[str, float]]:
    """The fluency features (and deviation) of each text."""
    paragraphs = [Paragraph("bench", i, str(i), text) for i, text in enumerate(texts)]
    features = []
    step = auditor.batch_size
    for first in range(0, len(paragraphs), step):
        features += [state.features for state in auditor.analyze(paragraphs[first : first + step])]
    return features


def auroc_table(machine, human, native) -> None:
    names = list(machine[0])
    print(f"\n{'value':42} {'machine>human':>14} {'machine>native GSD':>19}")
    print("-" * 77)
    for name in ["fluency.deviation", *sorted(n for n in names if n != "fluency.deviation")]:
        m = [f[name] for f in machine]
        vs_human = roc_auc_score([1] * len(m) + [0] * len(human), m + [f[name] for f in human])
        cell = "n/a"
        if native:
            cell = f"{roc_auc_score([1] * len(m) + [0] * len(native), m + [f[name] for f in native]):.3f}"
        print(f"{name:42} {vs_human:14.3f} {cell:>19}")
    sizes = f"{len(machine)} machine, {len(human)} human translation, {len(native)} native GSD paragraphs"
    print(f"({sizes}; AUROC > 0.5: the value is higher for machine translation)")


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
    print(f"\naudit of {len(texts)} dev paragraphs, median of {rounds} alternating runs")
    for name, value in medians.items():
        print(f"  {name:16} {value:7.2f} s  ({1000 * value / len(texts):.1f} ms/paragraph)")
    print(f"  ratio            {medians['with fluency'] / medians['without fluency']:7.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--profile", type=Path, help="score with this profile instead of a held-out build")
    parser.add_argument("--speed-paragraphs", type=int, default=200, help="dev paragraphs in the speed test")
    args = parser.parse_args()
    require_shared()
    nlp = load_french()
    dev = dev_records()
    with tempfile.TemporaryDirectory() as folder:
        if args.profile:
            profile_path, native_texts = args.profile, []
        else:
            profile_path, _, native_texts = held_out_profile(Path(folder), nlp)
        stage = FluencyStage(load_profile(profile_path))
    auditor = Auditor(nlp, [], EvidenceScorer(), stages=[stage], batch_size=64)
    machine = score(auditor, [r["text_norm"] for r in dev if r["label"] == "machine"])
    human = score(auditor, [r["text_norm"] for r in dev if r["label"] == "human"])
    native = score(auditor, native_texts)
    auroc_table(machine, human, native)
    speed(nlp, stage, [r["text_norm"] for r in dev][: args.speed_paragraphs])


if __name__ == "__main__":
    main()
