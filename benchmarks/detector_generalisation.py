"""How the detector does on MT systems and test sets it never saw: leave-one-test-set-out.

    python benchmarks/detector_generalisation.py [--system-power 0] [--no-baseline] [--folds a,b]
        [--mode full|filter|both]

The corpus is benchmarks/detector_corpus.py's (opus-mt on newstest2009…2013, 9 systems on WMT21 de→fr,
5 on FLORES en→fr, their human references, native French). Each fold holds out one test set whole, its
human references and every system on it (``--folds newstest``: the whole newstest collection, every
year, as the shipped training's cross-validation holds it out), trains the detector as `mtaudit train
--group-by collection --balance-by system` trains it on the rest (native French from reader comments
only: GSD stays out, so that it is an unseen native source), and scores each held-out system against the
held-out human references. Per held-out system:

- AUROC against the human translation of the same source lines;
- AUROC against native French: every GSD paragraph (the detector is trained without the fluency features,
  as shipped, so nothing it reads was built with GSD);
- ``machine`` recall (share of the system's paragraphs called ``machine``), ``human`` recall (share of
  the references called ``human``), the precision of ``machine`` at equal class sizes, and ECE;
- the same AUROC for the plain baseline (TF-IDF word 1-2 + character 2-5 n-grams, logistic regression)
  trained on the same records with the same weights.

Each fold's scores are saved under /tmp (keyed by the analysis, the detector code and the settings), so
an interrupted run resumes, and ``--folds`` runs can be combined. Then the mean and worst over held-out systems, the verdict bands' precision/recall pooled over held-out
systems (each system weighted equally against its references), and document-level AUROC on WMT21 (each
document × system against the same document's reference, paragraphs pooled by
:func:`mtaudit.detector.pooling.pooled_probability`); test sets without documents (FLORES, newstest) get
pseudo-documents of ``PSEUDO_DOCUMENT`` consecutive paragraphs of one system (the same source lines for
every system and the reference). Last, the paragraph bands' recall and precision per threshold of the
probability, and the document bands' per threshold of the pooled probability, on each held-out test set,
with the widest bands at least 90% precise on all of them, in steps of 0.01 (how ``DOCUMENT_BANDS`` is
chosen, on all eight folds: WMT21, FLORES, each newstest year and ``newstest``; for paragraphs, how much a band could call on systems no fold model saw),
and, with three test sets or more, each one's bands chosen on the others (does the rule hold on a new
test set?). Per held-out test set, too: the correlation of a document's paragraphs (the ``ρ`` of the
pooling) and the slope of a logistic fitted on the held-out calibrated log-odds (above 1: too cautious).
Analysis is cached (benchmarks/analysis_cache.py).

Each fold's model is trained as `mtaudit train` trains it, with the fast filter mode's variant too (the
paragraphs as ``--mode filter`` analyses them: tokenised, not parsed); ``--mode filter`` prints that
variant's table, ``--mode both`` both tables and the filter variant's AUROC loss per held-out system.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import time
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np
from analysis_cache import CACHE, analysed, cache_key, surface_analysed
from detector_corpus import NATIVE_WEIGHT, corpus_records
from detector_protocol import baseline
from shared_data import require_shared
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score

import mtaudit.detector as detector_package
from mtaudit.assembly import NO_DETECTOR, AuditSettings, build_auditor
from mtaudit.detector.balance import SYSTEM_POWER, balanced_weights
from mtaudit.detector.evaluation import expected_calibration_error
from mtaudit.detector.features import DetectorInput
from mtaudit.detector.pooling import PARAGRAPH_CORRELATION, log_odds, pooled_probability
from mtaudit.detector.training import LabelledSet, TrainingSettings, train
from mtaudit.modes import FILTER, FULL
from mtaudit.reporting.summary import document_verdict
from mtaudit.scoring import VerdictBands

NATIVE_TRAIN = "newsdiscuss"  # GSD is the held-out native source
PSEUDO_DOCUMENT = 4  # paragraphs; WMT21's documents hold 1-7, median 3
RHOS = (0.0, 0.1, 0.2, 0.3, 0.5, 0.7, 1.0)
# Band thresholds tried on the (pooled) probability, and the precision a band must reach.
MACHINE_THRESHOLDS = tuple(round(0.5 + 0.01 * k, 2) for k in range(50))
HUMAN_THRESHOLDS = tuple(round(0.01 * k, 2) for k in range(1, 51))
BAND_PRECISION = 0.9


def held_out_folds(records: list[dict]) -> list[str]:
    """The test sets, each one fold."""
    return sorted({r["testset"] for r in records if r.get("testset")})


def fold_result(
    fold: str,
    records: list[dict],
    inputs: list[DetectorInput],
    surface: list[DetectorInput],
    settings: TrainingSettings,
    system_power: float,
    native_weight: float,
    with_baseline: bool,
) -> dict:
    """Train without ``fold`` (a test set, or a collection: ``newstest`` holds out every year) and score its
    paragraphs (and GSD); probabilities and verdicts per record, of the full variants and (keys
    ``filter.…``) of the filter variant on the ``surface`` inputs."""
    testset = np.array([r.get("testset") or "" for r in records], dtype=object)
    source = np.array([r.get("source", "") for r in records], dtype=object)
    held = (testset == fold) | np.array([r.get("collection") == fold for r in records])
    train_idx = np.flatnonzero(((testset != "") & ~held) | (source == NATIVE_TRAIN))
    test_idx = np.flatnonzero(held)
    labels = np.array([r["label"] == "machine" for r in records], dtype=int)
    raw_weights = np.array(
        [native_weight if r["system"] == "native" else r.get("weight", 1.0) for r in records], dtype=float
    )
    groups = [records[k].get("collection") for k in train_idx]
    weights = balanced_weights(
        labels[train_idx],
        raw_weights[train_idx],
        [records[k]["system"] for k in train_idx],
        groups,
        system_power,
    )
    auxiliary = np.array([g is None for g in groups])
    data = LabelledSet(
        [inputs[k] for k in train_idx],
        labels[train_idx],
        weights,
        groups,
        auxiliary,
        [surface[k] for k in train_idx],
    )
    model = train(data, settings)
    predictions = model.predict([inputs[k] for k in test_idx])
    gsd = np.flatnonzero(source == "gsd")
    native = model.predict([inputs[k] for k in gsd])
    result = {
        "index": test_idx,
        "probability": np.array([p.probability for p in predictions]),
        "verdict": np.array([p.verdict for p in predictions], dtype=object),
        "gsd_probability": np.array([p.probability for p in native]),
        "bands": model.variants[0].bands,
    }
    filtered = model.predict([surface[k] for k in test_idx], FILTER)
    result["filter.probability"] = np.array([p.probability for p in filtered])
    result["filter.verdict"] = np.array([p.verdict for p in filtered], dtype=object)
    result["filter.gsd_probability"] = np.array(
        [p.probability for p in model.predict([surface[k] for k in gsd], FILTER)]
    )
    result["filter.bands"] = model.mode_variants(FILTER)[0].bands
    if with_baseline:
        texts = [records[k]["text"] for k in train_idx]
        b = baseline()
        b.fit(texts, labels[train_idx], logisticregression__sample_weight=weights)
        result["baseline"] = b.predict_proba([records[k]["text"] for k in test_idx])[:, 1]
    return result


def in_mode(result: dict, mode: str) -> dict:
    """The fold's scores of one mode's variant, under the full mode's keys."""
    if mode == FULL:
        return result
    chosen = {k: v for k, v in result.items() if "." not in k}
    chosen.update({k.split(".", 1)[1]: v for k, v in result.items() if k.startswith(f"{mode}.")})
    return chosen


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
                np.r_[result["probability"][machine], result["gsd_probability"]],
            ),
            "machine_recall": called_machine,
            "human_recall": float(np.mean(result["verdict"][human] == "human")),
            "false_human": float(np.mean(result["verdict"][machine] == "human")),
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


def held_out_slope(records: list[dict], result: dict) -> tuple[float, float]:
    """Slope and intercept of a logistic fitted on the held-out paragraphs' calibrated log-odds (machine
    against the references, the two classes weighted equally): 1 and 0 for probabilities calibrated on
    this test set; a slope above 1 means the probabilities are too cautious (a temperature that large
    would have fitted)."""
    systems = np.array([records[k]["system"] for k in result["index"]], dtype=object)
    y = (systems != "human").astype(int)
    weights = np.where(y == 1, 1 / max(y.sum(), 1), 1 / max((1 - y).sum(), 1)) * len(y)
    fit = LogisticRegression(C=1e4, max_iter=1000).fit(
        _log_odds(result["probability"])[:, None], y, sample_weight=weights
    )
    return float(fit.coef_[0, 0]), float(fit.intercept_[0])


def _log_odds(probabilities: np.ndarray) -> np.ndarray:
    return np.array([log_odds(float(p)) for p in probabilities])


def within_document_correlation(records: list[dict], result: dict, block: int = PSEUDO_DOCUMENT) -> dict[str, float]:
    """The correlation between paragraphs of one (pseudo-)document, per class: the intraclass correlation
    (one-way analysis of variance) of the paragraphs' calibrated log-odds, documents of every machine
    system together (``machine``) and the references' (``human``). This is the ``ρ`` that
    :func:`mtaudit.detector.pooling.pooled_probability` assumes."""
    values: dict[tuple[str, str], list[float]] = defaultdict(list)
    index = result["index"]
    log_odds = _log_odds(result["probability"])
    for k, z, document in zip(index, log_odds, document_ids(records, index, block), strict=True):
        values[(records[k]["system"], document)].append(float(z))
    return {
        label: intraclass_correlation([v for (s, _), v in values.items() if (s == "human") == (label == "human")])
        for label in ("machine", "human")
    }


def intraclass_correlation(groups: list[list[float]]) -> float:
    """ICC(1) of values in groups (groups of one value left out): between-group variance over total."""
    groups = [np.asarray(g, dtype=float) for g in groups if len(g) >= 2]
    count, total = len(groups), sum(len(g) for g in groups)
    if count < 2:
        return float("nan")
    grand = np.concatenate(groups).mean()
    between = sum(len(g) * (g.mean() - grand) ** 2 for g in groups) / (count - 1)
    within = sum(((g - g.mean()) ** 2).sum() for g in groups) / (total - count)
    size = (total - sum(len(g) ** 2 for g in groups) / total) / (count - 1)
    return float((between - within) / (between + (size - 1) * within))


def has_documents(records: list[dict], index: np.ndarray) -> bool:
    """Whether the held-out records carry documents of their own (else each is its test set)."""
    return any(records[k].get("document") not in (None, records[k]["testset"]) for k in index)


def document_ids(records: list[dict], index: np.ndarray, block: int = PSEUDO_DOCUMENT) -> list[str]:
    """Each record's document, or its pseudo-document: its rank among its system's paragraphs, cut into
    blocks of ``block`` (the records of every system follow the source lines in one order)."""
    if has_documents(records, index):
        return [records[k]["document"] for k in index]
    rank: Counter = Counter()
    ids = []
    for k in index:
        ids.append(f"block{rank[records[k]['system']] // block}")
        rank[records[k]["system"]] += 1
    return ids


def pooled_documents(
    records: list[dict], result: dict, correlation: float = PARAGRAPH_CORRELATION, block: int = PSEUDO_DOCUMENT
) -> tuple[dict[tuple[str, str], float], dict[tuple[str, str], Counter]]:
    """Each (system, (pseudo-)document)'s pooled probability and its paragraphs' verdict counts."""
    index = result["index"]
    probabilities: dict[tuple[str, str], list[float]] = defaultdict(list)
    verdicts: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for k, p, v, document in zip(
        index, result["probability"], result["verdict"], document_ids(records, index, block), strict=True
    ):
        key = (records[k]["system"], document)
        probabilities[key].append(p)
        verdicts[key][v] += 1
    pooled = {key: pooled_probability(ps, correlation) for key, ps in probabilities.items()}
    return pooled, verdicts


def paired_documents(pooled: dict[tuple[str, str], float]) -> dict[str, list[str]]:
    """Per machine system, the documents it shares with the human reference."""
    human = sorted(doc for system, doc in pooled if system == "human")
    systems = sorted({s for s, _ in pooled} - {"human"})
    return {system: [d for d in human if (system, d) in pooled] for system in systems}


def document_rows(
    records: list[dict], result: dict, correlation: float = PARAGRAPH_CORRELATION, block: int = PSEUDO_DOCUMENT
) -> list[dict]:
    """Per system: each (pseudo-)document's pooled probability and verdict, machine vs the same document's
    reference; AUROC, ``machine``/``human`` document verdict recall, ECE of the pooled probabilities."""
    pooled, verdicts = pooled_documents(records, result, correlation, block)
    called = {key: document_verdict(verdicts[key], pooled[key]) for key in pooled}
    rows = []
    for system, docs in paired_documents(pooled).items():
        y = np.r_[np.ones(len(docs)), np.zeros(len(docs))]
        p = np.array([pooled[(system, d)] for d in docs] + [pooled[("human", d)] for d in docs])
        rows.append(
            {
                "system": system,
                "auroc": roc_auc_score(y, p),
                "machine_recall": float(np.mean([called[(system, d)] == "machine" for d in docs])),
                "false_machine": float(np.mean([called[("human", d)] == "machine" for d in docs])),
                "human_recall": float(np.mean([called[("human", d)] == "human" for d in docs])),
                "false_human": float(np.mean([called[(system, d)] == "human" for d in docs])),
                "ece": expected_calibration_error(y, p),
            }
        )
    return rows


def band_precision(
    records: list[dict], result: dict, block: int = PSEUDO_DOCUMENT
) -> dict[str, dict[float, tuple[float, float]]]:
    """Recall and precision (each system weighted equally against the references) of a document band on
    the pooled probability alone, per threshold: ``machine`` for p >= t, ``human`` for p <= t."""
    pooled, _ = pooled_documents(records, result, block=block)
    pairs = paired_documents(pooled)
    machine = {s: np.array([pooled[(s, d)] for d in docs]) for s, docs in pairs.items()}
    human = {s: np.array([pooled[("human", d)] for d in docs]) for s, docs in pairs.items()}
    return band_table(machine, human)


def paragraph_band_precision(records: list[dict], result: dict) -> dict[str, dict[float, tuple[float, float]]]:
    """The same for a paragraph band on each paragraph's probability, every system against the held-out
    references."""
    systems = np.array([records[k]["system"] for k in result["index"]], dtype=object)
    probabilities = result["probability"]
    machine = {s: probabilities[systems == s] for s in sorted(set(systems) - {"human"})}
    return band_table(machine, {s: probabilities[systems == "human"] for s in machine})


def band_table(
    machine: dict[str, np.ndarray], human: dict[str, np.ndarray]
) -> dict[str, dict[float, tuple[float, float]]]:
    """Per threshold, recall and precision of ``machine`` (p >= t) and ``human`` (p <= t) bands over
    systems' probabilities (``machine``) and the references they are compared with (``human``), each
    system weighted equally."""
    table: dict[str, dict[float, tuple[float, float]]] = {"machine": {}, "human": {}}
    for t in MACHINE_THRESHOLDS:
        recall = np.mean([np.mean(p >= t) for p in machine.values()])
        false = np.mean([np.mean(p >= t) for p in human.values()])
        table["machine"][t] = (recall, recall / (recall + false) if recall else float("nan"))
    for t in HUMAN_THRESHOLDS:
        recall = np.mean([np.mean(p <= t) for p in human.values()])
        false = np.mean([np.mean(p <= t) for p in machine.values()])
        table["human"][t] = (recall, recall / (recall + false) if recall else float("nan"))
    return table


def print_band_choice(tables: dict[str, dict[str, dict[float, tuple[float, float]]]], what: str) -> None:
    """Bands per threshold on each held-out test set, and the widest bands ``BAND_PRECISION`` precise on
    every one of them (for documents: how ``DOCUMENT_BANDS`` in mtaudit/reporting/summary.py is chosen)."""
    folds = list(tables)
    print(f"{what}: recall / precision per held-out test set")
    for verdict, rule in (("machine", ">="), ("human", "<=")):
        print(f"  {verdict} p {rule} t: " + "  ".join(f"{fold:>20}" for fold in folds))
        for t in tables[folds[0]][verdict]:
            if round(t * 100) % 5:  # the table in steps of 0.05; bands are chosen in steps of 0.01
                continue
            cells = (tables[fold][verdict][t] for fold in folds)
            print(f"  {t:>13.2f}: " + "  ".join(f"{r:>11.1%} / {p:6.3f}" for r, p in cells))
        print(f"  widest {verdict} band at least {BAND_PRECISION:.0%} precise on every test set above: "
              f"t = {widest_band(tables, verdict)}")  # fmt: skip
        if len({fold.split("/")[0] for fold in folds}) < 3:
            continue
        print(f"  {verdict} band chosen on the other test sets, on each one (recall / precision):")
        for fold in folds:
            others = {f: table for f, table in tables.items() if f.split("/")[0] != fold.split("/")[0]}
            t = widest_band(others, verdict)
            recall, precision = tables[fold][verdict][t] if t is not None else (0.0, float("nan"))
            print(f"    {fold:>20}: t = {t}: {recall:.1%} / {precision:.3f}")


def widest_band(tables: dict[str, dict[str, dict[float, tuple[float, float]]]], verdict: str) -> float | None:
    """The lowest ``machine`` threshold (highest ``human`` one) at least ``BAND_PRECISION`` precise on every
    test set in ``tables`` (a threshold that calls nothing on a test set is not wrong there)."""
    folds = list(tables)
    good = [
        t
        for t in tables[folds[0]][verdict]
        if all(tables[fold][verdict][t][0] == 0 or tables[fold][verdict][t][1] >= BAND_PRECISION for fold in folds)
    ]
    return (min(good) if verdict == "machine" else max(good)) if good else None


def print_documents(fold: str, records: list[dict], result: dict, block: int = PSEUDO_DOCUMENT) -> None:
    """Document-level AUROC and verdicts on a held-out test set, and the pooled probabilities' ECE for
    several ρ."""
    rows = document_rows(records, result, block=block)
    what = "documents" if has_documents(records, result["index"]) else f"pseudo-documents of {block}"
    aurocs = [r["auroc"] for r in rows]
    recall, false = np.mean([r["machine_recall"] for r in rows]), np.mean([r["false_machine"] for r in rows])
    precision = f"{recall / (recall + false):.3f}" if recall else "n/a"
    human = np.mean([r["human_recall"] for r in rows])
    false_human = np.mean([r["false_human"] for r in rows])
    human_precision = f"{human / (human + false_human):.3f}" if human else "n/a"
    print(
        f"{fold} {what} (paragraphs pooled, rho {PARAGRAPH_CORRELATION}): AUROC mean {np.mean(aurocs):.3f} "
        f"worst {np.min(aurocs):.3f}; machine verdict recall {recall:.1%} precision {precision}; human "
        f"verdict recall {human:.1%} precision {human_precision}"
    )
    print("  " + ", ".join(f"{r['system']} {r['auroc']:.3f}" for r in rows))
    eces = {rho: np.mean([r["ece"] for r in document_rows(records, result, rho, block)]) for rho in RHOS}
    print("  document ECE by rho: " + ", ".join(f"{rho}: {ece:.3f}" for rho, ece in eces.items()))
    correlation = within_document_correlation(records, result, block)
    slope, intercept = held_out_slope(records, result)
    print(
        f"  paragraphs: correlation within a document {correlation['machine']:.3f} (machine), "
        f"{correlation['human']:.3f} (human); a logistic on their calibrated log-odds has slope {slope:.2f}, "
        f"intercept {intercept:+.2f} (1, 0 when calibrated)"
    )


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
        if not rows_:  # e.g. only newstest years held out
            continue
        aurocs = [r["auroc"] for r in rows_]
        native = [r["native_auroc"] for r in rows_]
        eces = [r["ece"] for r in rows_]
        line = (
            f"{name}: AUROC mean {np.mean(aurocs):.3f} worst {np.min(aurocs):.3f}; native mean "
            f"{np.mean(native):.3f} worst {np.min(native):.3f}; ECE mean {np.mean(eces):.3f} worst {np.max(eces):.3f}"
        )
        if base:
            line += f"; baseline AUROC mean {np.mean([r['baseline_auroc'] for r in rows_]):.3f}"
        print(line)
    for testset in sorted({r["testset"] for r in rows}):
        inside = [r for r in rows if r["testset"] == testset]
        extra = f" (baseline {np.mean([r['baseline_auroc'] for r in inside]):.3f})" if base else ""
        print(
            f"  {testset}: AUROC mean {np.mean([r['auroc'] for r in inside]):.3f}{extra}, "
            f"ECE mean {np.mean([r['ece'] for r in inside]):.3f} worst {np.max([r['ece'] for r in inside]):.3f}; "
            + verdict_line(inside)
        )
    print("verdicts over held-out systems (equal class sizes): " + verdict_line(rows))


def verdict_line(rows: list[dict]) -> str:
    """``machine`` and ``human`` verdict recall and precision over ``rows``' systems, each system weighted
    equally against the references (equal class sizes)."""
    parts = []
    for verdict, false in (("machine", "false_machine"), ("human", "false_human")):
        recall = np.mean([r[f"{verdict}_recall"] for r in rows])
        wrong = np.mean([r[false] for r in rows])
        precision = f"{recall / (recall + wrong):.3f}" if recall else "n/a"
        parts.append(f"{verdict} recall {recall:.1%} precision {precision}")
    return ", ".join(parts)


def print_losses(full: list[dict], filtered: list[dict]) -> None:
    """The filter variant's AUROC minus the full variants', per held-out system and on average."""
    print("filter - full AUROC per held-out system (vs human translation / vs native French):")
    for a, b in zip(full, filtered, strict=True):
        print(f"  {a['testset']:<13} {a['system'][:17]:<17} {b['auroc'] - a['auroc']:+.3f} "
              f"{b['native_auroc'] - a['native_auroc']:+.3f}")  # fmt: skip
    for key, what in (("auroc", "human translation"), ("native_auroc", "native French")):
        loss = np.mean([b[key] for b in filtered]) - np.mean([a[key] for a in full])
        print(f"mean AUROC vs {what}: full {np.mean([a[key] for a in full]):.3f}, filter "
              f"{np.mean([b[key] for b in filtered]):.3f} ({loss:+.3f})")  # fmt: skip


def _fold_key(texts: list[str], settings: list) -> str:
    """A hash of the analysis, the detector's training code and the fold's settings."""
    code = b"".join(path.read_bytes() for path in sorted(Path(detector_package.__file__).parent.glob("*.py")))
    payload = cache_key(texts).encode() + code + json.dumps(settings).encode()
    return hashlib.sha256(payload).hexdigest()[:12]


def _save_result(path: Path, result: dict) -> None:
    """A held-out fold's scores as JSON, so that a later run can print them without training again."""
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {k: v.tolist() if isinstance(v, np.ndarray) else v for k, v in result.items()}
    data.update({k: vars(v) for k, v in result.items() if isinstance(v, VerdictBands)})
    path.write_text(json.dumps(data))


def _load_result(path: Path) -> dict:
    data = json.loads(path.read_text())
    return {
        k: VerdictBands(**v)
        if k.endswith("bands")
        else np.asarray(v, dtype=object if k.endswith("verdict") else None)
        for k, v in data.items()
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--system-power", type=float, default=SYSTEM_POWER, help="see mtaudit.detector.balance"
    )
    parser.add_argument("--native-weight", type=float, default=NATIVE_WEIGHT, help="native French records")
    parser.add_argument("--no-baseline", action="store_true")
    parser.add_argument(
        "--folds",
        default="",
        help="comma-separated test sets (or collections: newstest = every year) to hold out (default all)",
    )
    parser.add_argument(
        "--block",
        default=str(PSEUDO_DOCUMENT),
        help="paragraphs per pseudo-document where a test set has no documents (FLORES, newstest); several "
        "(4,10): document bands chosen on all of them",
    )
    parser.add_argument(
        "--mode",
        choices=(FULL, FILTER, "both"),
        default=FULL,
        help="whose table: full variants, filter, both",
    )
    args = parser.parse_args()
    require_shared()
    auditor = build_auditor(AuditSettings(translation=None, detector=NO_DETECTOR), warn=print)
    records = corpus_records()
    texts = [r["text"] for r in records]
    # trained as shipped (scripts/train_detector.sh: --no-fluency), so without the stages' features
    inputs = [i.without_stages() for i in analysed("corpus", texts, auditor)]
    surface = surface_analysed("corpus", texts)
    folds = args.folds.split(",") if args.folds else held_out_folds(records)
    modes = (FULL, FILTER) if args.mode == "both" else (args.mode,)
    rows: dict[str, list[dict]] = {mode: [] for mode in modes}
    results = {}
    for fold in folds:
        started = time.perf_counter()
        settings = [fold, args.system_power, args.native_weight, not args.no_baseline, "with filter", "no-fluency"]
        saved = CACHE / "folds" / f"{fold}-{_fold_key(texts, settings)}.json"
        if saved.exists():
            result = _load_result(saved)
        else:
            result = fold_result(
                fold,
                records,
                inputs,
                surface,
                TrainingSettings(),
                args.system_power,
                args.native_weight,
                not args.no_baseline,
            )
            _save_result(saved, result)
        for mode in modes:
            rows[mode] += system_rows(fold, records, in_mode(result, mode))
        results[fold] = result
        print(f"# {fold}: bands {result['bands']}, {time.perf_counter() - started:.0f} s", flush=True)
    for mode in modes:
        print(f"## {mode} variant{'s' if mode == FULL else ''} (--mode {mode})")
        print_table(rows[mode])
        blocks = [int(b) for b in args.block.split(",")]
        document_tables = {}
        for fold, result in results.items():
            has_own = has_documents(records, result["index"])
            for block in blocks[:1] if has_own else blocks:
                print_documents(fold, records, in_mode(result, mode), block)
                name = fold if has_own or len(blocks) == 1 else f"{fold}/{block}"
                document_tables[name] = band_precision(records, in_mode(result, mode), block)
        print_band_choice(
            {fold: paragraph_band_precision(records, in_mode(r, mode)) for fold, r in results.items()},
            "paragraph bands on the probability",
        )
        print_band_choice(document_tables, "document bands on the pooled probability alone")
    if len(modes) == 2:
        print_losses(rows[FULL], rows[FILTER])


if __name__ == "__main__":
    main()
