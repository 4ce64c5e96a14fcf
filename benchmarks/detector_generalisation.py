"""How the detector does on MT systems and test sets it never saw: leave-one-test-set-out.

    python benchmarks/detector_generalisation.py [--system-power 0] [--no-baseline] [--folds a,b]

The corpus is benchmarks/detector_corpus.py's (opus-mt on newstest2009…2013, 9 systems on WMT21 de→fr,
5 on FLORES en→fr, their human references, native French). Each fold holds out one test set whole, its
human references and every system on it, trains the detector as `mtaudit train --group-by collection
--balance-by system` trains it on the rest (native French from reader comments only: GSD stays out, so
that it is an unseen native source), and scores each held-out system against the held-out human
references. Per held-out system:

- AUROC against the human translation of the same source lines;
- AUROC against native French: every GSD paragraph, both sides scored without the fluency features (the
  shipped fluency profile was built with GSD);
- ``machine`` recall (share of the system's paragraphs called ``machine``), ``human`` recall (share of
  the references called ``human``), the precision of ``machine`` at equal class sizes, and ECE;
- the same AUROC for the plain baseline (TF-IDF word 1-2 + character 2-5 n-grams, logistic regression)
  trained on the same records with the same weights.

Then the mean and worst over held-out systems, the verdict bands' precision/recall pooled over held-out
systems (each system weighted equally against its references), and document-level AUROC on WMT21 (each
document × system against the same document's reference, paragraphs pooled by
:func:`mtaudit.detector.pooling.pooled_probability`). Analysis is cached (benchmarks/analysis_cache.py).
"""

from __future__ import annotations

import argparse
import time
from collections import defaultdict

import numpy as np
from analysis_cache import analysed
from detector_corpus import corpus_records
from detector_protocol import baseline
from shared_data import require_shared
from sklearn.metrics import roc_auc_score

from mtaudit.assembly import NO_DETECTOR, AuditSettings, build_auditor
from mtaudit.detector.balance import SYSTEM_POWER, balanced_weights
from mtaudit.detector.evaluation import expected_calibration_error
from mtaudit.detector.features import DetectorInput
from mtaudit.detector.pooling import pooled_probability
from mtaudit.detector.training import LabelledSet, TrainingSettings, train

NATIVE_TRAIN = "newsdiscuss"  # GSD is the held-out native source
WMT21 = "wmt21-de-fr"


def held_out_folds(records: list[dict]) -> list[str]:
    """The test sets, each one fold."""
    return sorted({r["testset"] for r in records if r.get("testset")})


def fold_result(
    fold: str,
    records: list[dict],
    inputs: list[DetectorInput],
    settings: TrainingSettings,
    system_power: float,
    with_baseline: bool,
) -> dict:
    """Train without ``fold`` and score its paragraphs (and GSD); probabilities and verdicts per record."""
    testset = np.array([r.get("testset") or "" for r in records], dtype=object)
    source = np.array([r.get("source", "") for r in records], dtype=object)
    train_idx = np.flatnonzero(((testset != "") & (testset != fold)) | (source == NATIVE_TRAIN))
    test_idx = np.flatnonzero(testset == fold)
    labels = np.array([r["label"] == "machine" for r in records], dtype=int)
    raw_weights = np.array([r.get("weight", 1.0) for r in records], dtype=float)
    groups = [records[k].get("collection") for k in train_idx]
    weights = balanced_weights(
        labels[train_idx],
        raw_weights[train_idx],
        [records[k]["system"] for k in train_idx],
        groups,
        system_power,
    )
    auxiliary = np.array([g is None for g in groups])
    data = LabelledSet([inputs[k] for k in train_idx], labels[train_idx], weights, groups, auxiliary)
    model = train(data, settings)
    predictions = model.predict([inputs[k] for k in test_idx])
    gsd = np.flatnonzero(source == "gsd")
    own_machine = model.predict([inputs[k].without_stages() for k in test_idx])
    own_gsd = model.predict([inputs[k].without_stages() for k in gsd])
    result = {
        "index": test_idx,
        "probability": np.array([p.probability for p in predictions]),
        "verdict": np.array([p.verdict for p in predictions], dtype=object),
        "own_probability": np.array([p.probability for p in own_machine]),
        "gsd_probability": np.array([p.probability for p in own_gsd]),
        "bands": model.variants[0].bands,
    }
    if with_baseline:
        texts = [records[k]["text"] for k in train_idx]
        b = baseline()
        b.fit(texts, labels[train_idx], logisticregression__sample_weight=weights)
        result["baseline"] = b.predict_proba([records[k]["text"] for k in test_idx])[:, 1]
    return result


def system_rows(fold: str, records: list[dict], result: dict) -> list[dict]:
    """One row per held-out system: its paragraphs against the held-out human references."""
    index = result["index"]
    systems = np.array([records[k]["system"] for k in index], dtype=object)
    human = systems == "human"
    rows = []
    for system in sorted(set(systems) - {"human"}):
        machine = systems == system
        both = machine | human
        y = machine[both].astype(int)
        p = result["probability"][both]
        called_machine = float(np.mean(result["verdict"][machine] == "machine"))
        false_machine = float(np.mean(result["verdict"][human] == "machine"))
        row = {
            "testset": fold,
            "system": system,
            "auroc": roc_auc_score(y, p),
            "native_auroc": roc_auc_score(
                np.r_[np.ones(machine.sum()), np.zeros(len(result["gsd_probability"]))],
                np.r_[result["own_probability"][machine], result["gsd_probability"]],
            ),
            "machine_recall": called_machine,
            "human_recall": float(np.mean(result["verdict"][human] == "human")),
            "false_machine": false_machine,
            "precision": called_machine / (called_machine + false_machine)
            if called_machine
            else float("nan"),
            "ece": expected_calibration_error(y, p),
        }
        if "baseline" in result:
            row["baseline_auroc"] = roc_auc_score(y, result["baseline"][both])
        rows.append(row)
    return rows


def document_aurocs(records: list[dict], result: dict) -> dict[str, float]:
    """Document-level AUROC per system on WMT21: each document's pooled probability, machine vs human."""
    index = result["index"]
    by_doc: dict[tuple[str, str], list[float]] = defaultdict(list)
    for k, p in zip(index, result["probability"], strict=True):
        by_doc[(records[k]["system"], records[k]["document"])].append(p)
    human = {doc: pooled_probability(ps) for (system, doc), ps in by_doc.items() if system == "human"}
    out = {}
    for system in sorted({s for s, _ in by_doc} - {"human"}):
        machine = {doc: pooled_probability(ps) for (s, doc), ps in by_doc.items() if s == system}
        docs = sorted(set(machine) & set(human))
        y = np.r_[np.ones(len(docs)), np.zeros(len(docs))]
        out[system] = roc_auc_score(y, [machine[d] for d in docs] + [human[d] for d in docs])
    return out


def print_table(rows: list[dict]) -> None:
    base = "baseline_auroc" in rows[0]
    header = (
        f"{'test set':<13} {'system':<17} {'AUROC':>6} {'native':>6} {'machine':>7} {'human':>6} "
        f"{'prec.':>6} {'ECE':>6}" + (f" {'base':>6}" if base else "")
    )
    print(header)
    for r in rows:
        print(
            f"{r['testset']:<13} {r['system'][:17]:<17} {r['auroc']:6.3f} {r['native_auroc']:6.3f} "
            f"{r['machine_recall']:7.1%} {r['human_recall']:6.1%} {r['precision']:6.3f} {r['ece']:6.3f}"
            + (f" {r['baseline_auroc']:6.3f}" if base else "")
        )
    for name, rows_ in (
        ("all", rows),
        ("other MT", [r for r in rows if not r["testset"].startswith("newstest")]),
    ):
        aurocs = [r["auroc"] for r in rows_]
        native = [r["native_auroc"] for r in rows_]
        line = (
            f"{name}: AUROC mean {np.mean(aurocs):.3f} worst {np.min(aurocs):.3f}; native mean "
            f"{np.mean(native):.3f} worst {np.min(native):.3f}; ECE mean {np.mean([r['ece'] for r in rows_]):.3f}"
        )
        if base:
            line += f"; baseline AUROC mean {np.mean([r['baseline_auroc'] for r in rows_]):.3f}"
        print(line)
    for testset in sorted({r["testset"] for r in rows}):
        inside = [r for r in rows if r["testset"] == testset]
        extra = f" (baseline {np.mean([r['baseline_auroc'] for r in inside]):.3f})" if base else ""
        print(f"  {testset}: AUROC mean {np.mean([r['auroc'] for r in inside]):.3f}{extra}")
    recall = np.mean([r["machine_recall"] for r in rows])
    false = np.mean([r["false_machine"] for r in rows])
    print(
        f"verdicts over held-out systems (equal class sizes): machine recall {recall:.1%}, precision "
        f"{recall / (recall + false):.3f}; human recall {np.mean([r['human_recall'] for r in rows]):.1%}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--system-power", type=float, default=SYSTEM_POWER, help="see mtaudit.detector.balance"
    )
    parser.add_argument("--no-baseline", action="store_true")
    parser.add_argument("--folds", default="", help="comma-separated test sets to hold out (default all)")
    args = parser.parse_args()
    require_shared()
    auditor = build_auditor(AuditSettings(translation=None, detector=NO_DETECTOR), warn=print)
    records = corpus_records()
    inputs = analysed("corpus", [r["text"] for r in records], auditor)
    folds = args.folds.split(",") if args.folds else held_out_folds(records)
    rows, documents = [], {}
    for fold in folds:
        started = time.perf_counter()
        result = fold_result(
            fold, records, inputs, TrainingSettings(), args.system_power, not args.no_baseline
        )
        rows += system_rows(fold, records, result)
        if fold == WMT21:
            documents = document_aurocs(records, result)
        print(f"# {fold}: bands {result['bands']}, {time.perf_counter() - started:.0f} s", flush=True)
    print_table(rows)
    if documents:
        values = list(documents.values())
        print(
            f"WMT21 documents (pooled paragraphs): AUROC mean {np.mean(values):.3f} worst {np.min(values):.3f} "
            f"({', '.join(f'{s} {v:.3f}' for s, v in documents.items())})"
        )


if __name__ == "__main__":
    main()
