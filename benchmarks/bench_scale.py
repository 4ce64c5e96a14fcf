"""Corpus-scale throughput: one process vs ``--engine ray`` with 1 and 2 workers, and memory per worker.

    python benchmarks/bench_scale.py [--paragraphs 800] [--shards 8]

The dev paragraphs of ../shared are written as ``--shards`` Parquet shards. ``single process`` loads the
auditor once and audits the shards as ``mtaudit audit shards/*.parquet -o scores.parquet`` does (in its
own process, so its peak memory is its own); ``ray N`` runs ``--engine ray --workers N`` on a local Ray
instance started for it. Wall-clock times include loading the models (each Ray worker loads its own) but
not starting Ray (shown apart). The full audit is measured (all analyzers, fluency, shipped detector;
no MarianMT). The fast filter mode (``--mode filter``) is not built yet, so it has no row.
"""

from __future__ import annotations

import argparse
import multiprocessing
import resource
import tempfile
import time
from pathlib import Path

from shared_data import dev_records, require_shared


def write_shards(texts: list[str], shards: int, folder: Path) -> list[str]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    paths = []
    for k in range(shards):
        part = texts[k::shards]
        path = folder / f"part-{k:03d}.parquet"
        pq.write_table(pa.table({"id": [f"{k}-{i}" for i in range(len(part))], "text": part}), path)
        paths.append(str(path))
    return paths


def single_process(paths: list[str], out: str, queue) -> None:
    from mtaudit.assembly import AuditSettings
    from mtaudit.distributed import ShardJob, ShardWorker
    from mtaudit.ingest import DEFAULT_COLUMNS

    start = time.perf_counter()
    worker = ShardWorker(AuditSettings(translation=None))
    load = time.perf_counter() - start
    job = lambda path: ShardJob(path, Path(out) / Path(path).name, "parquet", False, DEFAULT_COLUMNS, 100_000)  # noqa: E731
    results = [worker.audit(job(path)) for path in paths]
    wall = time.perf_counter() - start
    paragraphs = sum(r.outcome.summary.paragraphs for r in results)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    queue.put(("single process", paragraphs, wall, load, peak, 0.0))


def on_ray(paths: list[str], out: str, workers: int, queue) -> None:
    import ray

    from mtaudit.assembly import AuditSettings
    from mtaudit.distributed import connect, run_shards, shard_jobs
    from mtaudit.ingest import DEFAULT_COLUMNS

    start = time.perf_counter()
    connect(None, workers)
    started = time.perf_counter() - start
    jobs = shard_jobs(paths, Path(out), "parquet", False, DEFAULT_COLUMNS, 100_000)
    start = time.perf_counter()
    results = run_shards(jobs, AuditSettings(translation=None), None, workers)
    wall = time.perf_counter() - start
    ray.shutdown()
    paragraphs = sum(r.outcome.summary.paragraphs for r in results)
    peak = max(r.peak_memory_mb for r in results)
    queue.put((f"ray, {workers} worker{'s' if workers > 1 else ''}", paragraphs, wall, None, peak, started))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--paragraphs", type=int, default=800)
    parser.add_argument("--shards", type=int, default=8)
    args = parser.parse_args()
    require_shared()
    texts = [record["text"] for record in dev_records()][: args.paragraphs]
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        paths = write_shards(texts, args.shards, Path(folder))
        context = multiprocessing.get_context("spawn")
        for name, target, extra in (
            ("single", single_process, ()), ("ray1", on_ray, (1,)), ("ray2", on_ray, (2,)),
        ):  # fmt: skip
            out = Path(folder) / f"out-{name}"
            out.mkdir()
            queue = context.Queue()
            process = context.Process(target=target, args=(paths, str(out), *extra, queue))
            process.start()
            rows.append(queue.get())
            process.join()
    print(f"{len(texts)} paragraphs in {args.shards} Parquet shards; full audit, no MarianMT")
    print(f"{'engine':<18} {'paragraphs/s':>12} {'wall s':>8} {'model load s':>12} {'ray start s':>11} "
          f"{'peak MB/worker':>14}")  # fmt: skip
    for name, paragraphs, wall, load, peak, started in rows:
        shown_load = f"{load:.1f}" if load is not None else "per worker"
        print(f"{name:<18} {paragraphs / wall:>12.1f} {wall:>8.1f} {shown_load:>12} {started:>11.1f} {peak:>14.0f}")
    base = rows[0][1] / rows[0][2]
    for name, paragraphs, wall, *_ in rows[1:]:
        print(f"{name}: {paragraphs / wall / base:.2f}x the single process")


if __name__ == "__main__":
    main()
