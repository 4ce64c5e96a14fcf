"""Below which length does the detector fall to chance? The measurement behind MIN_VERDICT_WORDS.

    python3 benchmarks/min_length.py [--per-class 150] [--hold-out 2013] [--lengths 1 2 3 4 6 8 …]

Always out of sample, two ways (paragraphs cut to their first N words; 0 = the whole paragraph):

* held-out year: a detector trained as `mtaudit train` trains it on the dev data's other years
  (4-sentence twins, benchmarks/detector_protocol.py's machinery), scored on ``--hold-out``'s paragraphs:
  unseen text from the MT system it knows;
* unseen systems: the shipped detector (trained on all of ../shared/data/dev) on ../shared/data/othermt,
  machine translations by systems it never saw (online engines, NLLB, M2M100, LLMs) against their human
  references, ``--per-class`` paragraphs of each label (machine ones spread over the systems).

Both run the audit's own analysis (analyzers and fluency, no back-translation). Printed per length: AUROC
with a bootstrap 95% interval (1,000 resamples), then two lengths read off the held-out-year curve: below
the first, the interval reaches down to within MARGIN of chance (0.5); below the second (the minimum for
a verdict), the detector has less than half of its whole-paragraph margin over chance
(AUROC < 0.5 + (AUROC(whole) - 0.5) / 2).

Measured (2 cores, one run, ``--per-class 150 --hold-out 2013``):

     words |  mean  AUROC    95% interval |  mean  AUROC    95% interval
           |        held-out year         |   unseen systems (othermt)
         1 |   1.0  0.536  [0.504, 0.568] |   1.0  0.506  [0.438, 0.573]
         2 |   2.0  0.562  [0.531, 0.594] |   2.0  0.541  [0.478, 0.608]
         3 |   3.0  0.570  [0.538, 0.603] |   3.0  0.544  [0.477, 0.604]
         4 |   4.0  0.583  [0.551, 0.614] |   4.0  0.561  [0.492, 0.624]
         6 |   6.0  0.611  [0.580, 0.644] |   6.0  0.543  [0.484, 0.608]
         8 |   8.0  0.630  [0.600, 0.659] |   8.0  0.539  [0.471, 0.607]
        10 |  10.0  0.648  [0.615, 0.677] |  10.0  0.556  [0.493, 0.621]
        12 |  12.0  0.664  [0.633, 0.693] |  12.0  0.552  [0.486, 0.617]
        16 |  16.0  0.692  [0.660, 0.722] |  16.0  0.542  [0.473, 0.603]
        24 |  24.0  0.722  [0.694, 0.751] |  24.0  0.547  [0.479, 0.615]
        32 |  32.0  0.747  [0.720, 0.775] |  32.0  0.518  [0.453, 0.584]
       all |  78.5  0.836  [0.813, 0.859] |  90.0  0.634  [0.571, 0.695]

Near chance below 4 words; less than half the whole-paragraph signal (AUROC < 0.668) below 16 words, the
minimum chosen (``MIN_VERDICT_WORDS``). On the unseen systems the shipped detector stays near chance at
every cut up to 32 words (0.634 on whole paragraphs), another reason not to judge fragments.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import defaultdict

import numpy as np
from detector_protocol import YEARS, analysed, dev_paragraphs
from shared_data import SHARED, require_shared
from sklearn.metrics import roc_auc_score

from mtaudit.assembly import NO_DETECTOR, AuditSettings, build_auditor
from mtaudit.detector.features import detector_inputs
from mtaudit.detector.scorer import load_model
from mtaudit.detector.training import LabelledSet, train
from mtaudit.ingest import Paragraph
from mtaudit.verdicts import MIN_VERDICT_WORDS

OTHERMT = SHARED / "data" / "othermt" / "paragraphs.jsonl"
MARGIN = 0.05
BOOTSTRAP = 1000


def sample(per_class: int, seed: int = 11) -> list[dict]:
    """``per_class`` human and machine records; the machine ones drawn round-robin over the systems."""
    rng = random.Random(seed)
    records = [json.loads(line) for line in OTHERMT.open(encoding="utf-8")]
    human = [r for r in records if r["label"] == "human"]
    by_system: dict[str, list[dict]] = defaultdict(list)
    for record in records:
        if record["label"] == "machine":
            by_system[record["system"]].append(record)
    for pool in by_system.values():
        rng.shuffle(pool)
    machine: list[dict] = []
    while len(machine) < per_class and any(by_system.values()):
        for pool in by_system.values():
            if pool and len(machine) < per_class:
                machine.append(pool.pop())
    return rng.sample(human, min(per_class, len(human))) + machine


def cut(text: str, words: int) -> str:
    """The first ``words`` words of ``text`` (all of it for 0)."""
    return text if words == 0 else " ".join(text.split()[:words])


def auroc_interval(
    labels: np.ndarray, scores: np.ndarray, rng: np.random.Generator
) -> tuple[float, float, float]:
    """AUROC and its bootstrap 95% interval."""
    point = roc_auc_score(labels, scores)
    draws = []
    for _ in range(BOOTSTRAP):
        pick = rng.integers(0, len(labels), len(labels))
        if 0 < labels[pick].sum() < len(pick):
            draws.append(roc_auc_score(labels[pick], scores[pick]))
    low, high = np.percentile(draws, [2.5, 97.5])
    return point, float(low), float(high)


def cut_scores(model, auditor, texts: list[str], words: int) -> np.ndarray:
    """``model``'s mt_probability for each text cut to its first ``words`` words."""
    scores = []
    for start in range(0, len(texts), 64):
        batch = [
            Paragraph("cut", start + k, f"cut:{start + k}", cut(t, words))
            for k, t in enumerate(texts[start : start + 64])
        ]
        scores += [p.probability for p in model.predict(detector_inputs(auditor.analyze(batch)))]
    return np.array(scores)


def held_out_model(auditor, hold_out: int) -> tuple[object, list[str], np.ndarray]:
    """A detector trained on the dev years other than ``hold_out``, and that year's texts and labels."""
    dev = dev_paragraphs(4)
    inputs = analysed("dev4", dev, auditor)
    years = np.array([r["year"] for r in dev])
    y = np.array([r["label"] == "machine" for r in dev], dtype=int)
    train_rows = np.flatnonzero(years != hold_out)
    data = LabelledSet(
        [inputs[i] for i in train_rows],
        y[train_rows],
        np.ones(len(train_rows)),
        [str(years[i]) for i in train_rows],
    )
    test_rows = np.flatnonzero(years == hold_out)
    return train(data), [dev[i]["text"] for i in test_rows], y[test_rows]


def curve(model, auditor, texts: list[str], labels: np.ndarray, lengths: list[int], name: str) -> list[tuple]:
    rng = np.random.default_rng(5)
    rows = []
    for words in lengths:
        scores = cut_scores(model, auditor, texts, words)
        mean_words = np.mean([len(cut(t, words).split()) for t in texts])
        rows.append((words, mean_words, *auroc_interval(labels, scores, rng)))
        print(f"  {name}: {words or 'all'} words done", file=sys.stderr)
    return rows


def shortest(rows: list[tuple], enough) -> int | None:
    """The shortest cut length from which every longer cut's row is ``enough``."""
    cuts = [row for row in rows if row[0]]
    above = [row[0] for i, row in enumerate(cuts) if all(enough(r) for r in cuts[i:])]
    return min(above) if above else None


def minimum(rows: list[tuple]) -> tuple[int | None, int | None]:
    """Where the curve leaves chance (interval above 0.5 + MARGIN), and where it has half its signal."""
    whole = next((row[2] for row in rows if row[0] == 0), max(row[2] for row in rows))
    half = 0.5 + (whole - 0.5) / 2
    return shortest(rows, lambda r: r[3] > 0.5 + MARGIN), shortest(rows, lambda r: r[2] >= half)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-class", type=int, default=150)
    parser.add_argument("--hold-out", type=int, default=2013, choices=YEARS)
    parser.add_argument("--lengths", type=int, nargs="+", default=[1, 2, 3, 4, 6, 8, 10, 12, 16, 24, 32, 0])
    args = parser.parse_args()
    require_shared()
    if not OTHERMT.exists():
        sys.exit(f"{OTHERMT}: not found")
    auditor = build_auditor(
        AuditSettings(translation=None, detector=NO_DETECTOR), lambda m: print(m, file=sys.stderr)
    )
    model, texts, labels = held_out_model(auditor, args.hold_out)
    held = curve(model, auditor, texts, labels, args.lengths, "held-out year")
    records = sample(args.per_class)
    other_labels = np.array([r["label"] == "machine" for r in records], dtype=int)
    unseen = curve(load_model(), auditor, [r["text"] for r in records], other_labels, args.lengths, "othermt")
    print(
        f"held-out year {args.hold_out}: {len(labels)} dev paragraphs, detector trained on the other years; "
        f"unseen systems: {len(records)} othermt paragraphs, shipped detector"
    )
    print(
        f"{'words':>6} | {'mean':>5} {'AUROC':>6} {'95% interval':>15} | {'mean':>5} {'AUROC':>6} {'95% interval':>15}"
    )
    print(f"{'':>6} | {'held-out year':^28} | {'unseen systems (othermt)':^28}")
    for a, b in zip(held, unseen, strict=True):
        print(
            f"{a[0] or 'all':>6} | {a[1]:5.1f} {a[2]:6.3f}  [{a[3]:.3f}, {a[4]:.3f}] | "
            f"{b[1]:5.1f} {b[2]:6.3f}  [{b[3]:.3f}, {b[4]:.3f}]"
        )
    off_chance, half_signal = minimum(held)
    print(
        f"held-out year: near chance (interval within {MARGIN} of 0.5) below {off_chance} words; less than half "
        f"the whole-paragraph signal below {half_signal} words; mtaudit's MIN_VERDICT_WORDS = {MIN_VERDICT_WORDS}"
    )


if __name__ == "__main__":
    main()
