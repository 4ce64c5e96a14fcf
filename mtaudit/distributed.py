"""Distributed audits on Ray (``mtaudit audit --engine ray``): one output file per input shard.

A pool of actors (:class:`ShardWorker`) each loads the models once and audits whole input shards,
streaming their chunks (:mod:`mtaudit.tabular`) into an atomic output file that appears in the output
folder only when the shard is complete. So a rerun skips the shards whose output exists (resumable), and
a worker that dies is restarted by Ray and its shard redone from the start into a fresh temporary file:
no record is lost or written twice. Records are those of the single-process run (the same reading,
auditor and writers). With no address a local Ray instance starts on this machine, loopback only; with
one, the job joins that cluster.
"""

from __future__ import annotations

import logging
import resource
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from mtaudit.assembly import AuditSettings, build_auditor
from mtaudit.audit import AuditOutcome, precheck, read_documents, report_problems, run_audit
from mtaudit.compression import compression_of
from mtaudit.errors import MtauditError
from mtaudit.ingest import DEFAULT_COLUMNS, Columns
from mtaudit.jobs import EXIT_NOTHING_AUDITED, Messages, UsageProblem, open_output
from mtaudit.reporting.writers import writer_for
from mtaudit.web.extract import HtmlReading
from mtaudit.web.fetch import FetchOptions
from mtaudit.web.sources import SiteRequest, reading_signature
from mtaudit.web.urls import is_url

RAY_MISSING = "--engine ray needs Ray, which is not installed: pip install 'mtaudit[ray]'"
SHARD_SUFFIX = {"parquet": ".parquet", "jsonl": ".jsonl", "json": ".json", "csv": ".csv"}
# A worker that dies is restarted and its shard retried, this many times at most.
MAX_RETRIES = 3
log = logging.getLogger("mtaudit")


@dataclass(frozen=True)
class ShardJob:
    """One input shard and the output file it becomes."""

    source: str
    output: Path
    output_format: str
    full_records: bool
    columns: Columns
    max_chars: int


@dataclass
class ShardResult:
    """What auditing one shard did: its outcome, the messages for the user, and the worker's peak
    memory (resident, MB) so far."""

    source: str
    outcome: AuditOutcome
    warnings: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    peak_memory_mb: float = 0.0

    @property
    def written(self) -> bool:
        """Whether the shard's output file was written (it had at least one record)."""
        return self.outcome.summary.paragraphs > 0


class ShardWorker:
    """Audits shards with one auditor, loaded once (a Ray actor)."""

    def __init__(self, settings: AuditSettings) -> None:
        self.auditor = build_auditor(settings, log.warning)

    def audit(self, job: ShardJob) -> ShardResult:
        """Audit ``job.source`` into ``job.output``, which appears only once complete."""
        result = ShardResult(job.source, AuditOutcome())
        documents = read_documents(
            [job.source], result.outcome, result.warnings.append, result.errors.append, job.max_chars,
            columns=job.columns,
        )  # fmt: skip
        with open_output(job.output) as target:
            writer = writer_for(job.output_format, target, job.full_records)
            run_audit(self.auditor, documents, writer, result.outcome)
            if result.written:
                target.commit()
        result.peak_memory_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        return result


def shard_jobs(
    paths: list[str], folder: Path, output_format: str, full_records: bool, columns: Columns, max_chars: int
) -> list[ShardJob]:
    """One job per input, each writing ``folder/<input name without its format and compression
    suffixes>.<format>``; UsageProblem when two inputs would write the same file."""
    suffix = SHARD_SUFFIX[output_format]
    jobs, seen = [], {}
    for source in paths:
        path = Path(source)
        name = (path.with_suffix("") if compression_of(path) else path).stem
        if name in seen:
            raise UsageProblem(f"{source} and {seen[name]} would both write {name}{suffix}; rename one")
        seen[name] = source
        jobs.append(ShardJob(source, folder / f"{name}{suffix}", output_format, full_records, columns, max_chars))
    return jobs


def connect(address: str | None, workers: int) -> None:
    """Join the Ray cluster at ``address``, or start a local one (loopback only) for ``workers``
    workers; an already connected session is kept."""
    try:
        import ray
    except ImportError:
        raise MtauditError(RAY_MISSING) from None
    if ray.is_initialized():
        return
    if address:
        ray.init(address=address, log_to_driver=True, logging_level=logging.WARNING)
    else:
        ray.init(
            num_cpus=workers, include_dashboard=False, logging_level=logging.WARNING,
            _node_ip_address="127.0.0.1",
        )  # fmt: skip


def ray_audit_job(
    *,
    paths: list[str],
    settings: AuditSettings,
    messages: Messages,
    output: Path | None,
    output_format: str | None = None,
    full_records: bool = False,
    columns: Columns = DEFAULT_COLUMNS,
    address: str | None = None,
    workers: int = 1,
) -> int:
    """``mtaudit audit --engine ray``: audit each input shard into its own file in the folder ``output``,
    skipping shards already done; returns the exit status."""
    output_format = output_format or "parquet"
    if output is None or (output.exists() and not output.is_dir()):
        raise UsageProblem("--engine ray writes one file per input shard: give a folder with -o")
    if output_format not in SHARD_SUFFIX:
        raise UsageProblem(f"--engine ray writes {', '.join(SHARD_SUFFIX)}, not {output_format}")
    if any(is_url(path) or path == "-" for path in paths):
        raise UsageProblem("--engine ray audits files; URLs and stdin are audited without it")
    usable = precheck(paths, messages.error)
    settings = replace(settings, reading=reading_signature(usable, SiteRequest(), HtmlReading(), FetchOptions()))
    outcome = AuditOutcome(failed=[p for p in paths if p not in usable])
    output.mkdir(parents=True, exist_ok=True)
    jobs = shard_jobs(usable, output, output_format, full_records, columns, settings.max_chars)
    pending = [job for job in jobs if not job.output.exists()]
    if len(pending) < len(jobs):
        messages.say(f"{len(jobs) - len(pending)} shards already done in {output}; skipped")
    written = len(jobs) - len(pending)
    if pending:
        results = run_shards(pending, settings, address, workers, lambda result: merge(result, outcome, messages))
        written += sum(result.written for result in results)
        remove_stale_parts(pending)
    for line in outcome.summary.lines():
        messages.say(line)
    report_problems(outcome, messages)
    if not written:
        return EXIT_NOTHING_AUDITED
    return outcome.exit_code(outcome.summary.paragraphs or written)


def run_shards(
    jobs: list[ShardJob],
    settings: AuditSettings,
    address: str | None,
    workers: int,
    done: Callable[[ShardResult], None] = lambda result: None,
) -> list[ShardResult]:
    """Audit ``jobs`` on a pool of ``workers`` Ray actors, calling ``done`` with each shard's result as it
    finishes; returns every result."""
    connect(address, workers)
    import ray
    from ray.util import ActorPool

    worker = ray.remote(ShardWorker)
    actors = [
        worker.options(num_cpus=1, max_restarts=MAX_RETRIES, max_task_retries=MAX_RETRIES).remote(settings)
        for _ in range(min(workers, len(jobs)))
    ]
    results = []
    try:
        pool = ActorPool(actors)
        for result in pool.map_unordered(lambda actor, job: actor.audit.remote(job), jobs):
            done(result)
            results.append(result)
    finally:
        for handle in actors:
            ray.kill(handle)
    return results


def remove_stale_parts(jobs: list[ShardJob]) -> None:
    """Delete the temporary files that workers which died left for ``jobs`` (their shards were redone)."""
    for job in jobs:
        for part in job.output.parent.glob(f".{job.output.name}.*.part"):
            part.unlink(missing_ok=True)


def merge(result: ShardResult, outcome: AuditOutcome, messages: Messages) -> None:
    """Report one shard's messages and add its outcome to the run's."""
    for line in result.warnings:
        messages.warn(line)
    for line in result.errors:
        messages.error(line)
    outcome.add(result.outcome)
