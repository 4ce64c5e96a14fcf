"""The ``mtaudit`` command line (typer). Commands stay thin: each declares its options, checks what only
the command line can get wrong, and calls one job function with keyword-only settings (see
:mod:`mtaudit.jobs`); :func:`_run` turns the job's outcome into the exit status."""

from __future__ import annotations

import atexit
import gc
import logging
import os
from collections.abc import Callable
from enum import Enum
from functools import partial
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from rich.console import Console

from mtaudit import __version__
from mtaudit.analyzers import (
    ANALYZER_TYPES,
    DEFAULT_SOURCE_LANGUAGES,
    SOURCE_LANGUAGE_ANALYZERS,
    AnalyzerOptions,
)
from mtaudit.assembly import NO_DETECTOR, AuditSettings
from mtaudit.cli_help import use_plain_help
from mtaudit.encoding import AUTO
from mtaudit.ingest import DEFAULT_MAX_CHARS, MAX_PARSER_CHARS, Columns
from mtaudit.jobs import Messages, run_job
from mtaudit.translation.loading import DEFAULT_EN_FR, DEFAULT_FR_EN
from mtaudit.translation.marian import DEFAULT_MT_BATCH_SIZE
from mtaudit.translation.stage import TranslationOptions
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


class OutputFormat(str, Enum):
    table = "table"
    jsonl = "jsonl"
    json = "json"
    csv = "csv"
    html = "html"
    parquet = "parquet"


class Engine(str, Enum):
    local = "local"
    ray = "ray"


class Mode(str, Enum):
    full = "full"
    filter = "filter"


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
        help="Files (.txt, .md, .jsonl, .html; .parquet, .jsonl.gz, .jsonl.zst streamed) and web pages (http/https URLs) to audit; '-' reads stdin.",
        show_default=False,
    ),
]
Sitemaps = Annotated[
    list[str] | None,
    _web_option(
        "--sitemap",
        metavar="URL",
        help="Audit the pages a sitemap or sitemap index lists (gzip too); a site's root or robots.txt stands "
        "for the sitemaps its robots.txt lists (else /sitemap.xml); repeatable.",
    ),
]
Crawls = Annotated[
    list[str] | None,
    _web_option(
        "--crawl", metavar="URL", help="Audit the pages reached from this URL, breadth-first; repeatable."
    ),
]
MaxPages = Annotated[
    int | None,
    _web_option(
        min=1,
        help=f"Pages read at most per sitemap or crawl (default: a sitemap's every page; "
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


def program() -> None:
    """The ``mtaudit`` program (the console script, ``python -m mtaudit``): the command line, then a quick
    exit. At exit, Python's last garbage collections walk every object spaCy, torch and the models hold
    (about a second of CPU, to free memory the ending process gives back anyway); objects frozen by the
    last exit handler are left out of them. Registered first, that handler runs after all the others."""
    atexit.register(gc.freeze)
    app(prog_name="mtaudit")


def _run(job: Callable[..., int], quiet: bool, **settings: Any) -> NoReturn:
    """Run ``job`` with ``settings`` and exit with its status (the one exit-code policy, mtaudit.jobs)."""
    messages = Messages(stderr, quiet)
    raise typer.Exit(run_job(partial(job, messages=messages, **settings), messages))


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
        OutputFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="Output format (default: the one -o's name says, e.g. .parquet, .jsonl.gz, .csv; else table). "
            "A .gz or .zst name is compressed.",
            case_sensitive=False,
            show_default=False,
        ),
    ] = None,
    output: Output = None,
    quiet: Quiet = False,
    full_records: Annotated[
        bool,
        typer.Option("--full-records", help="Parquet: add each full record, as JSON, in a 'record' column."),
    ] = False,
    text_column: Annotated[
        str, typer.Option(help="Parquet and JSONL inputs: the field holding each paragraph's text.")
    ] = "text",
    id_column: Annotated[
        str | None,
        typer.Option(
            help="Parquet and JSONL inputs: the field holding each paragraph's id (default: 'id' when present).",
            show_default=False,
        ),
    ] = None,
    mode: Annotated[
        Mode,
        typer.Option(
            case_sensitive=False,
            help="full: every analyzer and stage on a parsed text; filter: fast corpus filtering with the "
            "signals that need no parse (text models, surface features, English leakage, foreign scripts; "
            "no fluency, back-translation or parse-based analyzers) and the detector's filter variant.",
        ),
    ] = Mode.full,
    engine: Annotated[
        Engine,
        typer.Option(
            case_sensitive=False,
            help="local: this process; ray: input shards spread over Ray workers, one output file per shard "
            "in the folder -o, finished shards skipped on a rerun (needs mtaudit[ray]).",
        ),
    ] = Engine.local,
    ray_address: Annotated[
        str | None,
        typer.Option(help="Ray cluster to join (default: start a local one on this machine).", show_default=False),
    ] = None,
    workers: Annotated[int, typer.Option(min=1, help="Ray workers (each loads the models once).")] = 1,
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
    source_lang: Annotated[
        str,
        typer.Option(
            help="Comma-separated languages the text was translated from, whose leftovers are reported "
            f"({','.join(SOURCE_LANGUAGE_ANALYZERS)})."
        ),
    ] = ",".join(DEFAULT_SOURCE_LANGUAGES),
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
    from mtaudit.audit import audit_job
    from mtaudit.web.extract import HtmlReading
    from mtaudit.web.sources import SiteRequest

    sites = SiteRequest(tuple(sitemap or ()), tuple(crawl or ()), max_pages, same_host)
    if not paths and not sites:
        raise typer.BadParameter("give files or URLs to audit, or --sitemap / --crawl")
    if no_backtranslation and require_backtranslation:
        raise typer.BadParameter("--require-backtranslation contradicts --no-backtranslation")
    if mode is Mode.filter:
        _check_filter_mode(analyzers, require_backtranslation, profile)
    translation = _translation_options(
        fr_en=mt_model_fr_en,
        en_fr=mt_model_en_fr,
        roundtrip=not no_roundtrip,
        device=device,
        quantize=quantize,
        batch_size=mt_batch_size,
        threads=threads,
        cache=cache,
        no_cache=no_cache,
    )
    settings = AuditSettings(
        analyzers=AnalyzerOptions(
            _parse_analyzers(analyzers), calques, allow_english, _parse_source_languages(source_lang)
        ),
        batch_size=batch_size,
        max_chars=max_chars,
        translation=None if no_backtranslation else translation,
        require_backtranslation=require_backtranslation,
        profile=profile,
        detector=detector,
        mode=mode.value,
    )
    shared = {  # what both engines are given
        "paths": paths or [],
        "settings": settings,
        "output": output,
        "output_format": output_format.value if output_format else None,
        "full_records": full_records,
        "columns": Columns(text_column, id_column),
    }
    if engine is Engine.ray:
        if sites:
            raise typer.BadParameter("--engine ray audits files, not --sitemap or --crawl")
        from mtaudit.distributed import ray_audit_job

        _run(ray_audit_job, quiet, **shared, address=ray_address, workers=workers)
    fetching = FetchOptions(
        timeout=timeout, max_bytes=max_bytes, retries=retries, delay=delay, respect_robots=not ignore_robots
    )
    _run(
        audit_job,
        quiet,
        **shared,
        stdin_format=stdin_format.value if stdin_format else None,
        encoding=encoding,
        sites=sites,
        fetching=fetching,
        html=HtmlReading(all_elements, captions),
    )


def _check_filter_mode(analyzers: str | None, require_backtranslation: bool, profile: Path | None) -> None:
    """Refuse options that ask for what the filter mode does not compute."""
    from mtaudit.modes import FILTER_ANALYZERS

    if require_backtranslation:
        raise typer.BadParameter("--mode filter does not back-translate (--require-backtranslation)")
    if profile is not None:
        raise typer.BadParameter("--mode filter computes no fluency (--profile)")
    parse_based = [name for name in _parse_analyzers(analyzers) if name not in FILTER_ANALYZERS]
    if analyzers is not None and parse_based:
        raise typer.BadParameter(
            f"--mode filter runs only the analyzers that need no parse ({', '.join(FILTER_ANALYZERS)}), "
            f"not {', '.join(parse_based)}"
        )


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


def _parse_source_languages(value: str) -> tuple[str, ...]:
    languages = tuple(code.strip().lower() for code in value.split(",") if code.strip())
    unknown = [code for code in languages if code not in SOURCE_LANGUAGE_ANALYZERS]
    if unknown or not languages:
        raise typer.BadParameter(
            f"unknown source language {', '.join(unknown) or '(none)'}; "
            f"choose from {', '.join(SOURCE_LANGUAGE_ANALYZERS)}"
        )
    return languages


def _translation_options(
    *,
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
    from mtaudit.translation.backtranslate import backtranslate_job

    options = _translation_options(
        fr_en=mt_model_fr_en,
        device=device,
        quantize=quantize,
        batch_size=mt_batch_size,
        threads=threads,
        cache=cache,
        no_cache=no_cache,
    )
    _run(
        backtranslate_job,
        quiet,
        paths=paths,
        options=options,
        output=output,
        stdin_format=stdin_format.value if stdin_format else None,
        encoding=encoding,
    )


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
    from mtaudit.reporting.saved import report_job

    _run(report_job, False, results=results, output=output)


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
    from mtaudit.profile.build import build_job

    _run(build_job, quiet, paths=paths, output=output, fluency_model=fluency_model, weights=weights)


# --- detector: `mtaudit train`, `mtaudit eval` ------------------------------------------------------------

ProfileOption = Annotated[
    Path | None,
    typer.Option("--profile", help="Native-French profile for the fluency features (default: shipped)."),
]


def _feature_settings(
    *,
    batch_size: int,
    profile: Path | None,
    detector: str | None,
    fr_en: str,
    en_fr: str,
    quantize: Quantize,
    backtranslation: bool = True,
    fluency: bool = True,
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
        fluency=fluency,
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
    balance_by: Annotated[
        str | None,
        typer.Option(
            help="Record field naming the MT system: within each --group-by group machine and human "
            "paragraphs weigh the same, each system by its size (mtaudit.detector.balance)."
        ),
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
    no_fluency: Annotated[
        bool,
        typer.Option(
            "--no-fluency",
            help="Train without the fluency features: the model then does not depend on a profile.",
        ),
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No summary of the trained model.")] = False,
) -> None:
    """Train a detector model on labelled paragraphs ('label': machine or human)."""
    from mtaudit.detector.workflow import train_job

    settings = _feature_settings(
        batch_size=batch_size,
        profile=profile,
        detector=NO_DETECTOR,
        fr_en=mt_model_fr_en,
        en_fr=mt_model_en_fr,
        quantize=quantize,
        backtranslation=not no_backtranslation,
        fluency=not no_fluency,
    )
    _run(
        train_job,
        quiet,
        paths=paths,
        output=output,
        settings=settings,
        group_by=group_by,
        balance_by=balance_by,
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
    from mtaudit.detector.workflow import eval_job

    settings = _feature_settings(
        batch_size=batch_size,
        profile=profile,
        detector=model,
        fr_en=mt_model_fr_en,
        en_fr=mt_model_en_fr,
        quantize=quantize,
    )
    _run(eval_job, False, path=path, settings=settings, by=by)
