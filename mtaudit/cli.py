"""The ``mtaudit`` command line (typer). Commands stay thin: they parse options and call one function."""

from __future__ import annotations

import logging
import sys
from contextlib import ExitStack
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console

from mtaudit import __version__
from mtaudit.analyzers import ANALYZER_TYPES, AnalyzerOptions
from mtaudit.errors import MtauditError

app = typer.Typer(
    name="mtaudit",
    help="Audit French text paragraph by paragraph for machine translation.",
    rich_markup_mode="rich",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
stderr = Console(stderr=True, highlight=False, soft_wrap=True)
log = logging.getLogger("mtaudit")

EXIT_NOTHING_AUDITED = 1
EXIT_SOME_FAILED = 3
EXIT_INTERRUPTED = 130
TABLE_WIDTH_OFF_TERMINAL = 160


class OutputFormat(str, Enum):
    table = "table"
    jsonl = "jsonl"
    json = "json"
    csv = "csv"


Paths = Annotated[list[str], typer.Argument(help="Files to audit (.txt, .md, .jsonl, .html); '-' reads stdin.")]
Output = Annotated[Optional[Path], typer.Option("--output", "-o", help="Write here instead of stdout.")]
Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="No progress, warnings or summary; errors only.")]
Detector = Annotated[
    str | None,
    typer.Option(
        "--detector",
        help="Detector model file (default: the one shipped with mtaudit); 'none' scores by the anomalies alone.",
    ),
]


def error(message: str) -> None:
    """Print a one-line error to stderr."""
    stderr.print(f"mtaudit: error: {message}", markup=False)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"mtaudit {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log what mtaudit does.")] = False,
) -> None:
    """mtaudit: which paragraphs of a French text were machine-translated, and why."""
    from rich.logging import RichHandler

    handler = RichHandler(console=stderr, show_path=False, show_time=False)
    log.handlers[:] = [handler]
    log.setLevel(logging.INFO if verbose else logging.WARNING)
    log.propagate = False


@app.command()
def audit(
    paths: Paths,
    output_format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="Output format.", case_sensitive=False)
    ] = OutputFormat.table,
    output: Output = None,
    quiet: Quiet = False,
    batch_size: Annotated[int, typer.Option(min=1, help="Paragraphs parsed and scored together.")] = 32,
    max_chars: Annotated[int, typer.Option(min=1, help="Longer paragraphs are skipped with a warning.")] = 100_000,
    analyzers: Annotated[
        Optional[str], typer.Option(help=f"Comma-separated analyzers to run (default all: {','.join(ANALYZER_TYPES)}).")
    ] = None,
    calques: Annotated[
        Optional[Path], typer.Option(help="Extra calque lexicon (TSV, same format as the shipped one).")
    ] = None,
    allow_english: Annotated[
        Optional[Path], typer.Option(help="Extra English words and names to accept, one per line.")
    ] = None,
    detector: Detector = None,
) -> None:
    """Audit French documents paragraph by paragraph and write one report record per paragraph."""
    from mtaudit.audit import AuditOutcome, precheck, read_documents, run_audit

    def warn(message: str) -> None:
        if not quiet:
            stderr.print(f"mtaudit: warning: {message}", markup=False)

    enabled = _parse_analyzers(analyzers)
    usable = precheck(paths, error)
    outcome = AuditOutcome(failed=[p for p in paths if p not in usable])
    if not usable:
        raise typer.Exit(EXIT_NOTHING_AUDITED)
    try:
        auditor = _build_auditor(AnalyzerOptions(enabled, calques, allow_english), batch_size, max_chars, detector)
    except MtauditError as problem:
        error(str(problem))
        raise typer.Exit(EXIT_NOTHING_AUDITED) from None
    documents = read_documents(usable, outcome, warn, error, max_chars)
    interrupted = False
    with ExitStack() as stack:
        stream = _open_output(output, stack)
        writer = _make_writer(output_format, stream)
        try:
            run_audit(auditor, documents, writer, outcome)
        except KeyboardInterrupt:
            interrupted = True
        except BrokenPipeError:
            sys.stderr.close()
            raise typer.Exit(0) from None
    written = outcome.summary.paragraphs
    if interrupted:
        where = f" in {output}" if output else ""
        error(f"interrupted; the {written} records written{where} are kept")
        raise typer.Exit(EXIT_INTERRUPTED)
    if not quiet and output_format is not OutputFormat.table:
        for line in outcome.summary.lines():
            stderr.print(line, markup=False)
    if not outcome.audited or written == 0:
        raise typer.Exit(EXIT_NOTHING_AUDITED)
    if outcome.failed:
        raise typer.Exit(EXIT_SOME_FAILED)


def _parse_analyzers(value: str | None) -> tuple[str, ...]:
    if value is None:
        return ANALYZER_TYPES
    names = tuple(name.strip() for name in value.split(",") if name.strip())
    unknown = [name for name in names if name not in ANALYZER_TYPES]
    if unknown:
        raise typer.BadParameter(f"unknown analyzer {', '.join(unknown)}; choose from {', '.join(ANALYZER_TYPES)}")
    return names


def _build_auditor(options: AnalyzerOptions, batch_size: int, max_chars: int, detector: str | None = None):
    from mtaudit.analyzers import build_analyzers
    from mtaudit.nlp import load_french
    from mtaudit.pipeline import Auditor

    nlp = load_french()
    analyzers = build_analyzers(nlp, options)
    return Auditor(
        nlp,
        analyzers,
        _build_scorer(detector, nlp, analyzers),
        batch_size=batch_size,
        settings={"max_chars": max_chars},
    )


def _open_output(output: Path | None, stack: ExitStack):
    if output is None:
        return sys.stdout
    try:
        return stack.enter_context(output.open("w", encoding="utf-8", newline=""))
    except OSError as problem:
        error(f"{output}: cannot write ({problem.strerror or problem})")
        raise typer.Exit(EXIT_NOTHING_AUDITED) from None


def _make_writer(output_format: OutputFormat, stream):
    from mtaudit.reporting.table import TableWriter
    from mtaudit.reporting.writers import CsvWriter, JsonlWriter, JsonWriter

    if output_format is OutputFormat.table:
        console = Console(file=stream, highlight=False)
        if not console.is_terminal:
            console.width = TABLE_WIDTH_OFF_TERMINAL
        return TableWriter(console)
    return {OutputFormat.jsonl: JsonlWriter, OutputFormat.json: JsonWriter, OutputFormat.csv: CsvWriter}[
        output_format
    ](stream)


# --- detector: scorer choice, `mtaudit train`, `mtaudit eval` -------------------------------------------

NO_DETECTOR = "none"


def _build_scorer(detector: str | None, nlp, analyzers):
    """The detector named by ``--detector`` (the shipped model by default), or evidence scoring for 'none'."""
    if detector == NO_DETECTOR:
        from mtaudit.scoring import EvidenceScorer

        return EvidenceScorer()
    from mtaudit.detector.scorer import DetectorScorer, load_model

    return DetectorScorer(load_model(detector), nlp, analyzers, detector or "shipped")


@app.command()
def train(
    paths: Annotated[list[str], typer.Argument(help="Labelled JSONL files: records with 'text' and 'label'.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Model file to write (JSON; '.gz' compresses).")],
    group_by: Annotated[
        str | None, typer.Option(help="Record field whose values form the cross-validation folds (e.g. year).")
    ] = None,
    batch_size: Annotated[int, typer.Option(min=1, help="Paragraphs parsed together.")] = 32,
) -> None:
    """Train a detector model on labelled paragraphs ('label': machine or human)."""
    from mtaudit.detector.workflow import train_files
    from mtaudit.ingest import DEFAULT_MAX_CHARS

    try:
        auditor = _build_auditor(AnalyzerOptions(), batch_size, DEFAULT_MAX_CHARS, NO_DETECTOR)
        model = train_files(paths, auditor, output, group_by)
    except MtauditError as problem:
        error(str(problem))
        raise typer.Exit(1) from None
    for variant in model.variants:
        metrics = variant.metrics["out_of_fold"]
        stderr.print(
            f"{output}: variant {variant.name}: out-of-fold AUROC {metrics['auroc']}, ECE {metrics['ece']}; "
            f"bands machine >= {variant.bands.machine}, human <= {variant.bands.human}",
            markup=False,
        )


@app.command("eval")
def evaluate(
    path: Annotated[str, typer.Argument(help="Labelled JSONL file: records with 'text' and 'label'.")],
    model: Annotated[str | None, typer.Option(help="Detector model file (default: the shipped one).")] = None,
    by: Annotated[str | None, typer.Option(help="Also break the metrics down by this record field.")] = None,
    batch_size: Annotated[int, typer.Option(min=1, help="Paragraphs parsed and scored together.")] = 32,
) -> None:
    """Measure a detector on labelled paragraphs: AUROC, accuracy, F1, ECE, confusion, reliability."""
    from mtaudit.detector.workflow import evaluate_file
    from mtaudit.ingest import DEFAULT_MAX_CHARS
    from mtaudit.reporting.evaluation import print_evaluation

    try:
        auditor = _build_auditor(AnalyzerOptions(), batch_size, DEFAULT_MAX_CHARS, model)
        evaluation = evaluate_file(path, auditor, by)
    except MtauditError as problem:
        error(str(problem))
        raise typer.Exit(1) from None
    console = Console(highlight=False)
    if not console.is_terminal:
        console.width = TABLE_WIDTH_OFF_TERMINAL
    print_evaluation(console, evaluation)
