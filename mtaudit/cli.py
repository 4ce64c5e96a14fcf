"""The ``mtaudit`` command line (typer). Commands stay thin: they parse options and call one function."""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable
from contextlib import ExitStack
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from mtaudit import __version__
from mtaudit.analyzers import ANALYZER_TYPES, AnalyzerOptions
from mtaudit.assembly import NO_DETECTOR, AuditSettings, build_auditor
from mtaudit.audit import EXIT_INTERRUPTED, EXIT_NOTHING_AUDITED, EXIT_USAGE
from mtaudit.cli_help import use_plain_help
from mtaudit.encoding import AUTO
from mtaudit.errors import MtauditError
from mtaudit.ingest import DEFAULT_MAX_CHARS, MAX_PARSER_CHARS
from mtaudit.translation.loading import DEFAULT_EN_FR, DEFAULT_FR_EN
from mtaudit.translation.marian import DEFAULT_MT_BATCH_SIZE
from mtaudit.translation.stage import STAGE_NAME, TranslationOptions
from mtaudit.web.fetch import FetchOptions
from mtaudit.web.sources import DEFAULT_CRAWL_PAGES

app = typer.Typer(
    name="mtaudit",
    help="Audit French text paragraph by paragraph for machine translation.",
    rich_markup_mode="rich",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
use_plain_help()
stderr = Console(stderr=True, highlight=False, soft_wrap=True)
log = logging.getLogger("mtaudit")

TABLE_WIDTH_OFF_TERMINAL = 160


class OutputFormat(str, Enum):
    table = "table"
    jsonl = "jsonl"
    json = "json"
    csv = "csv"
    html = "html"


class StdinFormat(str, Enum):
    text = "text"
    jsonl = "jsonl"
    html = "html"


Paths = Annotated[
    list[str],
    typer.Argument(
        metavar="FILE...",
        help="Files to audit (.txt, .md, .jsonl, .html); '-' reads stdin.",
        show_default=False,
    ),
]
Output = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        help="Write here instead of stdout. The file is replaced only when the run produced something, and "
        "never when it is one of the inputs.",
    ),
]
Quiet = Annotated[
    bool,
    typer.Option("--quiet", "-q", help="No progress or summary; problems with the input are still reported."),
]
StdinFormatOption = Annotated[
    StdinFormat | None,
    typer.Option(
        "--stdin-format",
        case_sensitive=False,
        help="What '-' (stdin) holds: plain text, JSONL records with a 'text' field, or HTML "
        "(default: guessed from its first characters).",
        show_default=False,
    ),
]
EncodingOption = Annotated[
    str,
    typer.Option(
        help="Encoding of the inputs, e.g. cp1252; 'auto': UTF-8, else a detected Western encoding, with a warning."
    ),
]
MaxChars = Annotated[
    int,
    typer.Option(
        min=1,
        max=MAX_PARSER_CHARS,
        help=f"Longer paragraphs are skipped and reported (at most {MAX_PARSER_CHARS:,}, what the parser takes).",
    ),
]
Detector = Annotated[
    str | None,
    typer.Option(
        "--detector",
        help="Detector model file (default: the one shipped with mtaudit); 'none' scores by the anomalies alone.",
    ),
]


# --- Back-translation options (MarianMT), shared by `audit` and `backtranslate` ---
MT_PANEL = "Back-translation (MarianMT)"


class Device(str, Enum):
    auto = "auto"
    cpu = "cpu"
    cuda = "cuda"


class Quantize(str, Enum):
    none = "none"
    int8 = "int8"


MtModelFrEn = Annotated[
    str,
    typer.Option(
        "--mt-model-fr-en", help="fr→en MarianMT model: a hub id or a local folder.", rich_help_panel=MT_PANEL
    ),
]
MtModelEnFr = Annotated[
    str,
    typer.Option(
        "--mt-model-en-fr",
        help="en→fr model for the round trip: a hub id or a local folder.",
        rich_help_panel=MT_PANEL,
    ),
]
MtDevice = Annotated[
    Device,
    typer.Option(
        help="Where MarianMT runs; auto picks cuda when available.",
        case_sensitive=False,
        rich_help_panel=MT_PANEL,
    ),
]
MtQuantize = Annotated[
    Quantize,
    typer.Option(
        help="int8: dynamic int8 quantisation on the CPU (faster).",
        case_sensitive=False,
        rich_help_panel=MT_PANEL,
    ),
]
MtBatchSize = Annotated[
    int,
    typer.Option("--mt-batch-size", min=1, help="Sentences translated together.", rich_help_panel=MT_PANEL),
]
MtThreads = Annotated[
    int | None,
    typer.Option(
        min=1, help="CPU threads for translation (default: torch's choice).", rich_help_panel=MT_PANEL
    ),
]
MtCache = Annotated[
    Path | None,
    typer.Option(
        help="Translation cache, SQLite (default: translations.sqlite3 in the user's cache folder, "
        "e.g. ~/.cache/mtaudit).",
        show_default=False,
        rich_help_panel=MT_PANEL,
    ),
]
NoCache = Annotated[
    bool,
    typer.Option("--no-cache", help="Do not read or write the translation cache.", rich_help_panel=MT_PANEL),
]


# --- Web pages and sites (mtaudit/web/) ---
WEB_PANEL = "Web pages and sites"


def _web_option(*names: str, **kwargs) -> typer.models.OptionInfo:
    return typer.Option(*names, rich_help_panel=WEB_PANEL, **kwargs)


AuditPaths = Annotated[
    list[str] | None,
    typer.Argument(
        help="Files (.txt, .md, .jsonl, .html) and web pages (http/https URLs) to audit; '-' reads stdin.",
        show_default=False,
    ),
]
Sitemaps = Annotated[
    list[str] | None,
    _web_option("--sitemap", help="Audit the pages a sitemap or sitemap index lists (gzip too); repeatable."),
]
Crawls = Annotated[
    list[str] | None,
    _web_option("--crawl", help="Audit the pages reached from this URL, breadth-first; repeatable."),
]
MaxPages = Annotated[
    int | None,
    _web_option(
        min=1,
        help=f"Pages fetched at most per sitemap or crawl (default: a sitemap's every page; "
        f"{DEFAULT_CRAWL_PAGES} per crawl).",
        show_default=False,
    ),
]
SameHost = Annotated[
    bool, _web_option("--same-host", help="Crawl: follow only links on the start page's host.")
]
AllElements = Annotated[
    bool,
    _web_option(
        "--all-elements",
        help="HTML: audit every text element (menus, footers…), not only the page's main content.",
    ),
]
Captions = Annotated[bool, _web_option("--captions", help="Also audit figure captions of the main content.")]
Timeout = Annotated[float, _web_option(min=0.1, help="Seconds a request may take.")]
MaxBytes = Annotated[int, _web_option(min=1, help="Largest page (or sitemap) read, in bytes.")]
Retries = Annotated[int, _web_option(min=0, help="Retries after HTTP 429/5xx or a dropped connection.")]
Delay = Annotated[float, _web_option(min=0, help="Seconds at least between two requests to the same host.")]
IgnoreRobots = Annotated[
    bool, _web_option("--ignore-robots", help="Do not obey robots.txt (only for your own site).")
]


def error(message: str) -> None:
    """Print a one-line error to stderr."""
    stderr.print(f"mtaudit: error: {message}", markup=False)


def warn(message: str) -> None:
    """Print a one-line warning to stderr (also with --quiet: quiet hides progress, not problems)."""
    stderr.print(f"mtaudit: warning: {message}", markup=False)


def _check_arguments(paths: list[str], output: Path | None, sites: bool = False) -> list[str]:
    """The inputs that can be read; exit before anything is read when ``-o`` is unusable or nothing is
    (``sites``: sitemaps or crawls will give inputs too)."""
    from mtaudit.audit import precheck
    from mtaudit.output import check_output

    try:
        check_output(output, paths)
    except MtauditError as problem:
        error(str(problem))
        raise typer.Exit(EXIT_USAGE) from None
    usable = precheck(paths, error)
    if not usable and not sites:
        raise typer.Exit(EXIT_NOTHING_AUDITED)
    return usable


def _report_problems(outcome) -> None:
    for line in outcome.problems():
        stderr.print(f"mtaudit: {line}", markup=False)


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

    # OpenMP threads that spin while waiting stall PyTorch generation 5-10x on a busy machine (measured
    # with benchmarks/bench_backtranslation.py). Set for the mtaudit program only, before torch can load
    # (never at import: a host program keeps its own setting); users can override it.
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

    handler = RichHandler(console=stderr, show_path=False, show_time=False)
    log.handlers[:] = [handler]
    log.setLevel(logging.INFO if verbose else logging.WARNING)
    log.propagate = False


@app.command()
def audit(
    paths: AuditPaths = None,
    output_format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="Output format.", case_sensitive=False)
    ] = OutputFormat.table,
    output: Output = None,
    quiet: Quiet = False,
    batch_size: Annotated[int, typer.Option(min=1, help="Paragraphs parsed and scored together.")] = 32,
    max_chars: MaxChars = DEFAULT_MAX_CHARS,
    stdin_format: StdinFormatOption = None,
    encoding: EncodingOption = AUTO,
    analyzers: Annotated[
        str | None,
        typer.Option(help=f"Comma-separated analyzers to run (default all: {','.join(ANALYZER_TYPES)})."),
    ] = None,
    calques: Annotated[
        Path | None, typer.Option(help="Extra calque lexicon (TSV, same format as the shipped one).")
    ] = None,
    allow_english: Annotated[
        Path | None, typer.Option(help="Extra English words and names to accept, one per line.")
    ] = None,
    mt_model_fr_en: MtModelFrEn = DEFAULT_FR_EN,
    mt_model_en_fr: MtModelEnFr = DEFAULT_EN_FR,
    no_roundtrip: Annotated[
        bool,
        typer.Option(
            "--no-roundtrip", help="Back-translate only; no fr→en→fr round trip.", rich_help_panel=MT_PANEL
        ),
    ] = False,
    no_backtranslation: Annotated[
        bool,
        typer.Option(
            "--no-backtranslation", help="No back-translation nor round trip.", rich_help_panel=MT_PANEL
        ),
    ] = False,
    require_backtranslation: Annotated[
        bool,
        typer.Option(
            "--require-backtranslation",
            help="Fail when a MarianMT model is unavailable.",
            rich_help_panel=MT_PANEL,
        ),
    ] = False,
    device: MtDevice = Device.auto,
    quantize: MtQuantize = Quantize.none,
    mt_batch_size: MtBatchSize = DEFAULT_MT_BATCH_SIZE,
    threads: MtThreads = None,
    cache: MtCache = None,
    no_cache: NoCache = False,
    profile: Annotated[
        Path | None, typer.Option(help="Native-French profile for fluency scoring (default: the shipped one)")
    ] = None,
    detector: Detector = None,
    sitemap: Sitemaps = None,
    crawl: Crawls = None,
    max_pages: MaxPages = None,
    same_host: SameHost = False,
    all_elements: AllElements = False,
    captions: Captions = False,
    timeout: Timeout = FetchOptions.timeout,
    max_bytes: MaxBytes = FetchOptions.max_bytes,
    retries: Retries = FetchOptions.retries,
    delay: Delay = FetchOptions.delay,
    ignore_robots: IgnoreRobots = False,
) -> None:
    """Audit French documents and web pages paragraph by paragraph: one report record per paragraph."""
    from mtaudit.audit import AuditOutcome, read_documents, run_audit
    from mtaudit.reporting.progress import live_progress
    from mtaudit.web.extract import HtmlReading
    from mtaudit.web.sources import SiteRequest, all_sources, open_reader

    paths = paths or []
    sites = SiteRequest(tuple(sitemap or ()), tuple(crawl or ()), max_pages, same_host)
    if not paths and not sites:
        raise typer.BadParameter("give files or URLs to audit, or --sitemap / --crawl")
    html = HtmlReading(all_elements, captions)
    fetching = FetchOptions(
        timeout=timeout, max_bytes=max_bytes, retries=retries, delay=delay, respect_robots=not ignore_robots
    )

    enabled = _parse_analyzers(analyzers)
    if no_backtranslation and require_backtranslation:
        raise typer.BadParameter("--require-backtranslation contradicts --no-backtranslation")
    translation = _translation_options(
        mt_model_fr_en,
        device,
        quantize,
        mt_batch_size,
        threads,
        cache,
        no_cache,
        mt_model_en_fr,
        not no_roundtrip,
    )
    usable = _check_arguments(paths, output, bool(sites))
    outcome = AuditOutcome(failed=[p for p in paths if p not in usable])
    try:
        settings = AuditSettings(
            AnalyzerOptions(enabled, calques, allow_english),
            batch_size,
            max_chars,
            None if no_backtranslation else translation,
            require_backtranslation,
            profile,
            detector,
        )
        auditor = build_auditor(settings, warn)
        stage = auditor.stage(STAGE_NAME)
    except MtauditError as problem:
        error(str(problem))
        raise typer.Exit(EXIT_NOTHING_AUDITED) from None
    kind = stdin_format.value if stdin_format else None
    interrupted = False
    with ExitStack() as stack:
        reader = open_reader(usable, sites, fetching, html, max_chars, warn, stack)
        counters = [("paragraphs audited", None), ("sentences translated", None), ("pages fetched", None)]
        audited, stage.progress, fetched = stack.enter_context(
            live_progress(stderr, not quiet and (stage.fr_en is not None or reader is not None), counters)
        )
        if reader is not None:
            reader.progress = _page_progress(fetched, quiet)
        sources = all_sources(usable, sites, reader)
        documents = read_documents(sources, outcome, warn, error, max_chars, kind, encoding, html)
        target = stack.enter_context(_open_output(output))
        writer = _make_writer(output_format, target.stream)
        try:
            run_audit(auditor, documents, writer, outcome, audited)
        except KeyboardInterrupt:
            interrupted = True
        except BrokenPipeError:
            sys.stderr.close()
            raise typer.Exit(0) from None
        except MtauditError as problem:  # e.g. a model folder that was found but does not load
            error(str(problem))
            raise typer.Exit(EXIT_NOTHING_AUDITED) from None
        written = outcome.summary.paragraphs
        if written:
            target.commit()
    if interrupted:
        error(_interrupted_message(written, output))
        raise typer.Exit(EXIT_INTERRUPTED)
    if not quiet and output_format is not OutputFormat.table:
        for line in outcome.summary.lines():
            stderr.print(line, markup=False)
    _report_problems(outcome)
    if written == 0 and output is not None and output.exists():
        error(f"nothing audited; {output} was left as it was")
    raise typer.Exit(outcome.exit_code(written))


def _interrupted_message(written: int, output: Path | None) -> str:
    if not written:
        kept = f"; {output} was left as it was" if output else ""
        return f"interrupted before any record was written{kept}"
    where = f" in {output}" if output else ""
    return f"interrupted; the {written} records written{where} are kept (the output is incomplete)"


def _page_progress(advance: Callable[[int], None] | None, quiet: bool) -> Callable[[str], None] | None:
    """Show each page fetched: a counter on a terminal, else one line per page on stderr."""
    if quiet:
        return None
    if advance is not None:
        return lambda url: advance(1)
    return lambda url: stderr.print(f"mtaudit: fetching {url}", markup=False)


def _parse_analyzers(value: str | None) -> tuple[str, ...]:
    if value is None:
        return ANALYZER_TYPES
    names = tuple(name.strip() for name in value.split(",") if name.strip())
    unknown = [name for name in names if name not in ANALYZER_TYPES]
    if unknown:
        raise typer.BadParameter(
            f"unknown analyzer {', '.join(unknown)}; choose from {', '.join(ANALYZER_TYPES)}"
        )
    return names


def _translation_options(
    fr_en: str,
    device: Device,
    quantize: Quantize,
    batch_size: int,
    threads: int | None,
    cache: Path | None,
    no_cache: bool,
    en_fr: str = DEFAULT_EN_FR,
    roundtrip: bool = False,
) -> TranslationOptions:
    from mtaudit.translation.cache import default_cache_path
    from mtaudit.translation.stage import TranslationOptions

    if no_cache and cache is not None:
        raise typer.BadParameter("--cache contradicts --no-cache")
    return TranslationOptions(
        fr_en=fr_en,
        en_fr=en_fr,
        roundtrip=roundtrip,
        device=device.value,
        quantize=None if quantize is Quantize.none else quantize.value,
        batch_size=batch_size,
        threads=threads,
        cache=None if no_cache else cache or default_cache_path(),
    )


@app.command()
def backtranslate(
    paths: Annotated[
        list[str],
        typer.Argument(
            metavar="FILE...",
            help="French files to back-translate (.txt, .md, .jsonl, .html); '-' reads stdin.",
        ),
    ],
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Write JSONL records here instead of the side-by-side table (replaced only when the run "
            "produced something).",
        ),
    ] = None,
    quiet: Quiet = False,
    stdin_format: StdinFormatOption = None,
    encoding: EncodingOption = AUTO,
    mt_model_fr_en: MtModelFrEn = DEFAULT_FR_EN,
    device: MtDevice = Device.auto,
    quantize: MtQuantize = Quantize.none,
    mt_batch_size: MtBatchSize = DEFAULT_MT_BATCH_SIZE,
    threads: MtThreads = None,
    cache: MtCache = None,
    no_cache: NoCache = False,
) -> None:
    """Back-translate French paragraphs into English (MarianMT): side by side, or JSONL with -o."""
    from mtaudit.audit import AuditOutcome, read_documents
    from mtaudit.reporting.progress import live_progress
    from mtaudit.reporting.side_by_side import SideBySideWriter
    from mtaudit.reporting.writers import JsonlWriter
    from mtaudit.translation.backtranslate import backtranslate_documents, open_fr_en

    options = _translation_options(mt_model_fr_en, device, quantize, mt_batch_size, threads, cache, no_cache)
    usable = _check_arguments(paths, output)
    outcome = AuditOutcome(failed=[p for p in paths if p not in usable])
    written = 0
    kind = stdin_format.value if stdin_format else None
    try:
        translator = open_fr_en(options)
        with ExitStack() as stack:
            (advance,) = stack.enter_context(
                live_progress(stderr, not quiet, [("sentences translated", None)])
            )
            target = stack.enter_context(_open_output(output))
            writer = JsonlWriter(target.stream) if output else SideBySideWriter(_console(target.stream))
            complete = False
            documents = read_documents(usable, outcome, warn, error, DEFAULT_MAX_CHARS, kind, encoding)
            try:
                for record in backtranslate_documents(translator, documents, advance):
                    writer.write(record)
                    written += 1
                complete = True
            finally:
                writer.close(complete)
                if written:
                    target.commit()
    except MtauditError as problem:
        error(str(problem))
        raise typer.Exit(EXIT_NOTHING_AUDITED) from None
    except KeyboardInterrupt:
        error(_interrupted_message(written, output))
        raise typer.Exit(EXIT_INTERRUPTED) from None
    if not quiet:
        stderr.print(
            f"{written} paragraphs back-translated: {translator.translated} sentences translated, "
            f"{translator.from_cache} from the cache",
            markup=False,
        )
    _report_problems(outcome)
    raise typer.Exit(outcome.exit_code(written))


def _open_output(output: Path | None):
    """The output stream (stdout when None), written beside ``output`` and moved into place on commit."""
    from mtaudit.output import AtomicOutput

    try:
        return AtomicOutput(output)
    except MtauditError as problem:
        error(str(problem))
        raise typer.Exit(EXIT_NOTHING_AUDITED) from None


def _make_writer(output_format: OutputFormat, stream):
    from mtaudit.reporting.table import TableWriter
    from mtaudit.reporting.writers import CsvWriter, JsonlWriter, JsonWriter

    if output_format is OutputFormat.html:
        from mtaudit.reporting.html import HtmlWriter

        return HtmlWriter(stream)
    if output_format is OutputFormat.table:
        return TableWriter(_console(stream))
    return {OutputFormat.jsonl: JsonlWriter, OutputFormat.json: JsonWriter, OutputFormat.csv: CsvWriter}[
        output_format
    ](stream)


def _console(stream) -> Console:
    """A console for terminal tables on ``stream``, wide enough when it is not a terminal."""
    console = Console(file=stream, highlight=False)
    if not console.is_terminal:
        console.width = TABLE_WIDTH_OFF_TERMINAL
    return console


# --- mtaudit report: render saved results as HTML -------------------------------------------------------


@app.command()
def report(
    results: Annotated[
        Path,
        typer.Argument(help="Saved results: the output of `mtaudit audit -f jsonl` or `-f json`."),
    ],
    output: Output = None,
) -> None:
    """Render saved audit results as one self-contained HTML report, without recomputing anything."""
    from mtaudit.output import check_output
    from mtaudit.reporting.html import render_html
    from mtaudit.reporting.saved import read_reports

    try:
        check_output(output, [str(results)])
    except MtauditError as problem:
        error(str(problem))
        raise typer.Exit(EXIT_USAGE) from None
    try:
        reports = read_reports(results)
    except MtauditError as problem:
        error(str(problem))
        raise typer.Exit(EXIT_NOTHING_AUDITED) from None
    with _open_output(output) as target:
        target.stream.write(render_html(reports))
        target.commit()


# --- mtaudit profile: native-French reference profiles (mtaudit/profile/) ---

profile_app = typer.Typer(help="Native-French reference profiles for fluency scoring.", no_args_is_help=True)
app.add_typer(profile_app, name="profile")


@profile_app.command("build")
def profile_build(
    paths: Annotated[
        list[str],
        typer.Argument(
            help="Human-written French: .txt (a sentence or paragraph a line), .md, .jsonl, folders of them."
        ),
    ],
    output: Annotated[Path, typer.Option("--output", "-o", help="Profile file to write (.npz).")],
    fluency_model: Annotated[
        str | None, typer.Option(help="Also measure perplexity with this Hugging Face causal LM (id/folder).")
    ] = None,
    weights: Annotated[
        Path | None, typer.Option(help="Learned deviation weights (.json; default: the shipped ones).")
    ] = None,
    quiet: Quiet = False,
) -> None:
    """Build a profile (statistics and model parameters, never the corpus's sentences) from native French."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from mtaudit.nlp import load_french
    from mtaudit.profile import build_profile

    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=stderr, disable=quiet, transient=True) as bar:
        tasks: dict[str, int] = {}

        def progress(step: str, done: int, total: int) -> None:
            if step not in tasks:
                tasks[step] = bar.add_task(step, total=total)
            bar.update(tasks[step], completed=done, total=total)

        try:
            summary = build_profile(paths, output, load_french(), fluency_model, progress, weights)
        except MtauditError as problem:
            error(str(problem))
            raise typer.Exit(EXIT_NOTHING_AUDITED) from None
    if not quiet:
        for line in [*summary.warnings, *summary.lines()]:
            stderr.print(line, markup=False)


# --- detector: `mtaudit train`, `mtaudit eval` ------------------------------------------------------------

ProfileOption = Annotated[
    Path | None,
    typer.Option("--profile", help="Native-French profile for the fluency features (default: shipped)."),
]


def _feature_settings(
    batch_size: int,
    profile: Path | None,
    detector: str | None,
    fr_en: str,
    en_fr: str,
    quantize: Quantize,
    backtranslation: bool = True,
) -> AuditSettings:
    """Settings of the auditor that computes a detector's features, the same as `audit` would."""
    from mtaudit.translation.cache import default_cache_path

    translation = TranslationOptions(
        fr_en=fr_en,
        en_fr=en_fr,
        quantize=None if quantize is Quantize.none else quantize.value,
        cache=default_cache_path(),
    )
    return AuditSettings(
        batch_size=batch_size,
        translation=translation if backtranslation else None,
        profile=profile,
        detector=detector,
    )


@app.command()
def train(
    paths: Annotated[
        list[str],
        typer.Argument(
            help="Labelled JSONL files: records with 'text', 'label' and an optional 'weight' (default 1; "
            "records weighted below 1 stay out of the contrast language models)."
        ),
    ],
    output: Annotated[
        Path, typer.Option("--output", "-o", help="Model file to write (JSON; '.gz' compresses).")
    ],
    group_by: Annotated[
        str | None,
        typer.Option(help="Record field whose values form the cross-validation folds (e.g. year)."),
    ] = None,
    batch_size: Annotated[int, typer.Option(min=1, help="Paragraphs parsed together.")] = 32,
    profile: ProfileOption = None,
    mt_model_fr_en: MtModelFrEn = DEFAULT_FR_EN,
    mt_model_en_fr: MtModelEnFr = DEFAULT_EN_FR,
    quantize: MtQuantize = Quantize.none,
    no_backtranslation: Annotated[
        bool,
        typer.Option(
            "--no-backtranslation",
            help="Train without the round-trip features, whatever MarianMT models are at hand.",
            rich_help_panel=MT_PANEL,
        ),
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No summary of the trained model.")] = False,
) -> None:
    """Train a detector model on labelled paragraphs ('label': machine or human)."""
    from mtaudit.detector.workflow import train_files

    settings = _feature_settings(
        batch_size, profile, NO_DETECTOR, mt_model_fr_en, mt_model_en_fr, quantize, not no_backtranslation
    )
    try:
        model = train_files(paths, build_auditor(settings, warn), output, group_by)
    except MtauditError as problem:
        error(str(problem))
        raise typer.Exit(EXIT_NOTHING_AUDITED) from None
    for variant in [] if quiet else model.variants:
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
    profile: ProfileOption = None,
    mt_model_fr_en: MtModelFrEn = DEFAULT_FR_EN,
    mt_model_en_fr: MtModelEnFr = DEFAULT_EN_FR,
    quantize: MtQuantize = Quantize.none,
) -> None:
    """Measure a detector on labelled paragraphs: AUROC, accuracy, F1, ECE, confusion, reliability."""
    from mtaudit.detector.workflow import evaluate_file, trained_on
    from mtaudit.reporting.evaluation import print_evaluation

    settings = _feature_settings(batch_size, profile, model, mt_model_fr_en, mt_model_en_fr, quantize)
    try:
        auditor = build_auditor(settings, warn)
        evaluation = evaluate_file(path, auditor, by)
    except MtauditError as problem:
        error(str(problem))
        raise typer.Exit(EXIT_NOTHING_AUDITED) from None
    detector = getattr(auditor.scorer, "model", None)  # None when scoring by the anomalies alone
    if detector is not None and trained_on(detector, path):
        warn(
            f"{path}: this file (same sha256) trained the detector; these figures are in-sample, not an "
            "estimate for new text (see benchmarks/detector_protocol.py for held-out figures)"
        )
    print_evaluation(_console(sys.stdout), evaluation)
