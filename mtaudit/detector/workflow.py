"""The jobs of ``mtaudit train`` and ``mtaudit eval``: assemble the auditor that computes the features
(the audit's own, :mod:`mtaudit.assembly`), read labelled files, train or measure, report."""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from mtaudit.assembly import AuditSettings, build_auditor
from mtaudit.detector.balance import balanced_weights
from mtaudit.detector.evaluation import GroupMetrics, Metrics, by_group
from mtaudit.detector.labelled import LabelledParagraph, analyse_labelled, labels_and_weights, read_labelled
from mtaudit.detector.model import DetectorModel
from mtaudit.detector.training import LabelledSet, TrainingSettings, train
from mtaudit.errors import MtauditError
from mtaudit.fileformat import file_sha256
from mtaudit.ingest import Paragraph
from mtaudit.jobs import EXIT_OK, Messages, table_console
from mtaudit.modes import FILTER
from mtaudit.pipeline import Auditor
from mtaudit.profile.stage import FluencyStage


def train_files(
    paths: Sequence[str],
    auditor: Auditor,
    output: Path,
    group_by: str | None = None,
    settings: TrainingSettings | None = None,
    balance_by: str | None = None,
    filter_auditor: Auditor | None = None,
) -> DetectorModel:
    """Train on labelled JSONL files through ``auditor``'s analysis and save the model to ``output``;
    with ``filter_auditor`` (the filter mode's), the model gets a ``filter`` variant too.

    With ``balance_by`` (a field naming the MT system), the weights are rebalanced by system within the
    ``group_by`` groups (:func:`mtaudit.detector.balance.balanced_weights`); records without a group
    keep their weight and, like any record weighted below 1, stay out of the contrast models.
    """
    records = read_labelled(paths)
    labels, weights = labels_and_weights(records)
    groups = [r.field(group_by) for r in records] if group_by else []
    auxiliary = None
    if balance_by:
        if not group_by:
            raise MtauditError("--balance-by needs --group-by (the test sets whose labels it balances)")
        if all(r.field(balance_by) is None for r in records):
            raise MtauditError(f"no record has the field {balance_by!r} (--balance-by)")
        auxiliary = np.array([g is None or w < 1 for g, w in zip(groups, weights, strict=True)])
        weights = balanced_weights(labels, weights, [r.field(balance_by) for r in records], groups)
    surface = analyse_labelled(records, filter_auditor) if filter_auditor is not None else None
    data = LabelledSet(analyse_labelled(records, auditor), labels, weights, groups, auxiliary, surface)
    sources = [{"file": Path(p).name, "sha256": file_sha256(p)} for p in paths]
    model = train(data, settings, sources, profile_identity(auditor))
    if balance_by:
        model.training["balanced_by"] = balance_by
    model.save(output)
    return model


def profile_identity(auditor: Auditor) -> str | None:
    """The sha256 of the profile behind ``auditor``'s fluency features (None without the stage)."""
    stage = auditor.stage(FluencyStage.name)
    return stage.profile.sha256 if isinstance(stage, FluencyStage) else None


def trained_on(model: DetectorModel, path: str | Path) -> bool:
    """Whether the file at ``path`` (by content, whatever its name) is one the model was trained on."""
    hashes = {s.get("sha256") for s in model.training.get("sources", []) if isinstance(s, dict)}
    return file_sha256(path) in hashes


@dataclass(frozen=True)
class Evaluation:
    """Metrics of an audit of labelled paragraphs, overall and per group."""

    overall: Metrics
    groups: dict[str, GroupMetrics]
    group_by: str | None


def evaluate_file(path: str, auditor: Auditor, group_by: str | None = None) -> Evaluation:
    """Audit the labelled paragraphs of ``path`` and measure the probabilities against the labels."""
    records = read_labelled([path])
    if group_by and all(r.field(group_by) is None for r in records):
        raise MtauditError(f"{path}: no record has the field {group_by!r} (--by)")
    reports = list(auditor.audit(_paragraphs(records)))
    probabilities = np.array([report.mt_probability for report in reports])
    verdicts = [report.verdict for report in reports]
    labels, _ = labels_and_weights(records)
    groups = (
        by_group(labels, probabilities, verdicts, [r.field(group_by) or "(none)" for r in records])
        if group_by
        else {}
    )
    return Evaluation(Metrics.compute(labels, probabilities, verdicts), groups, group_by)


def _paragraphs(records: Sequence[LabelledParagraph]) -> Iterator[Paragraph]:
    for index, r in enumerate(records):
        yield Paragraph(r.source, index, f"{r.source}:{r.line}", r.text, r.line)


def train_job(
    *,
    paths: Sequence[str],
    output: Path,
    settings: AuditSettings,
    messages: Messages,
    group_by: str | None = None,
    balance_by: str | None = None,
) -> int:
    """``mtaudit train``: the model is written to ``output`` with its full variants and the filter
    mode's, one line per variant is said."""
    filter_settings = replace(settings, mode=FILTER, translation=None, fluency=False)
    model = train_files(
        paths,
        build_auditor(settings, messages.warn),
        output,
        group_by,
        balance_by=balance_by,
        filter_auditor=build_auditor(filter_settings, messages.warn),
    )
    for variant in model.variants:
        metrics = variant.metrics["out_of_fold"]
        messages.say(
            f"{output}: variant {variant.name}: out-of-fold AUROC {metrics['auroc']}, ECE {metrics['ece']}; "
            f"bands machine >= {variant.bands.machine}, human <= {variant.bands.human}"
        )
    return EXIT_OK


def eval_job(*, path: str, settings: AuditSettings, messages: Messages, by: str | None = None) -> int:
    """``mtaudit eval``: the metrics on stdout, with a warning when the file trained the detector."""
    from mtaudit.reporting.evaluation import print_evaluation

    auditor = build_auditor(settings, messages.warn)
    evaluation = evaluate_file(path, auditor, by)
    detector = getattr(auditor.scorer, "model", None)  # None when scoring by the anomalies alone
    if detector is not None and trained_on(detector, path):
        messages.warn(
            f"{path}: this file (same sha256) trained the detector; these figures are in-sample, not an "
            "estimate for new text (see benchmarks/detector_protocol.py for held-out figures)"
        )
    print_evaluation(table_console(sys.stdout), evaluation)
    return EXIT_OK
