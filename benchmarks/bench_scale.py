"""Corpus-scale throughput of the full audit and the fast filter mode: one process vs ``--engine ray``
with 1 and 2 workers, memory per worker; and peak memory on a large Parquet input.

    python benchmarks/bench_scale.py [--paragraphs 600] [--filter-paragraphs 20000] [--shards 8]
        [--modes full,filter] [--memory 20000,200000]

Dev paragraphs of ../shared (the translation test sets, cycled when more are asked for) are written as
``--shards`` Parquet shards per mode. ``single process`` loads the auditor once and audits the shards as
``mtaudit audit shards/*.parquet -o scores.parquet`` does (in its own process, so its peak memory is its
own); ``ray N`` runs ``--engine ray --workers N`` on a local Ray instance started for it. Wall-clock
times include loading the models (each Ray worker loads its own) but not starting Ray (shown apart);
the single process's rate without its model loading is shown too. No MarianMT. Ray runs its workers 15
steps of niceness below the driver by default, which on a shared machine starves them against the
single process; the benchmark keeps them at the driver's niceness (``RAY_worker_niceness=0``) so that
both compete alike with whatever else runs.

``--memory N,M`` audits, in filter mode, one Parquet file of N and one of M self-written paragraphs
(generated here, with names and numbers that keep adding new words) with ``mtaudit audit big.parquet
--mode filter -o scores.parquet`` in a fresh process each, and prints each one's peak resident memory.
"""

from __future__ import annotations

import argparse
import contextlib
import multiprocessing
import os
import random
import resource
import tempfile
import time
from pathlib import Path

from shared_data import DEV, OTHERMT, require_shared

MODES = ("full", "filter")


def corpus_texts(count: int) -> list[str]:
    """``count`` paragraphs of the dev translation test sets, cycled if there are fewer."""
    import json

    texts = [json.loads(line)["text"] for path in (DEV, OTHERMT) for line in path.open(encoding="utf-8")]
    return [texts[k % len(texts)] for k in range(count)]


def write_shards(texts: list[str], shards: int, folder: Path) -> list[str]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    folder.mkdir(parents=True)
    paths = []
    for k in range(shards):
        part = texts[k::shards]
        path = folder / f"part-{k:03d}.parquet"
        pq.write_table(pa.table({"id": [f"{k}-{i}" for i in range(len(part))], "text": part}), path)
        paths.append(str(path))
    return paths


def settings_for(mode: str):
    from mtaudit.assembly import AuditSettings

    return AuditSettings(translation=None, mode=mode)


def single_process(paths: list[str], out: str, mode: str, queue) -> None:
    from mtaudit.distributed import ShardWorker, shard_jobs
    from mtaudit.ingest import DEFAULT_COLUMNS

    start = time.perf_counter()
    worker = ShardWorker(settings_for(mode))
    load = time.perf_counter() - start
    results = [
        worker.audit(job) for job in shard_jobs(paths, Path(out), "parquet", False, DEFAULT_COLUMNS, 100_000)
    ]
    wall = time.perf_counter() - start
    paragraphs = sum(r.outcome.summary.paragraphs for r in results)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    queue.put(("single process", paragraphs, wall, load, peak, 0.0))


def on_ray(paths: list[str], out: str, mode: str, workers: int, queue) -> None:
    import ray

    from mtaudit.distributed import connect, run_shards, shard_jobs
    from mtaudit.ingest import DEFAULT_COLUMNS

    os.environ.setdefault("RAY_worker_niceness", "0")
    start = time.perf_counter()
    connect(None, workers)
    started = time.perf_counter() - start
    jobs = shard_jobs(paths, Path(out), "parquet", False, DEFAULT_COLUMNS, 100_000)
    start = time.perf_counter()
    results = run_shards(jobs, settings_for(mode), None, workers)
    wall = time.perf_counter() - start
    ray.shutdown()
    paragraphs = sum(r.outcome.summary.paragraphs for r in results)
    peak = max(r.peak_memory_mb for r in results)
    queue.put((f"ray, {workers} worker{'s' if workers > 1 else ''}", paragraphs, wall, None, peak, started))


def in_process(target, *args):
    """Run ``target(*args, queue)`` in a fresh (spawned) process and return what it puts on the queue."""
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    process = context.Process(target=target, args=(*args, queue))
    process.start()
    row = queue.get()
    process.join()
    return row


def throughput(mode: str, texts: list[str], shards: int, folder: Path) -> None:
    paths = write_shards(texts, shards, folder / f"in-{mode}")
    rows = []
    for name, target, extra in (
        ("single", single_process, ()),
        ("ray1", on_ray, (1,)),
        ("ray2", on_ray, (2,)),
    ):
        out = folder / f"out-{mode}-{name}"
        out.mkdir()
        rows.append(in_process(target, paths, str(out), mode, *extra))
    print(
        f"\n{mode}: {len(texts)} paragraphs in {shards} Parquet shards, no MarianMT (load average {_load()})"
    )
    print(f"{'engine':<18} {'paragraphs/s':>12} {'wall s':>8} {'model load s':>12} {'p/s w/o load':>12} "
          f"{'ray start s':>11} {'peak MB/worker':>14}")  # fmt: skip
    for name, paragraphs, wall, load, peak, started in rows:
        shown_load = f"{load:.1f}" if load is not None else "per worker"
        steady = f"{paragraphs / (wall - load):.1f}" if load is not None else ""
        print(f"{name:<18} {paragraphs / wall:>12.1f} {wall:>8.1f} {shown_load:>12} {steady:>12} {started:>11.1f} "
              f"{peak:>14.0f}")  # fmt: skip
    rates = [paragraphs / wall for _, paragraphs, wall, *_ in rows]
    print(f"ray, 1 worker: {rates[1] / rates[0]:.2f}x the single process; ray, 2 workers: "
          f"{rates[2] / rates[0]:.2f}x the single process, {rates[2] / rates[1]:.2f}x one Ray worker")  # fmt: skip


# Self-written paragraph parts for the memory test (names and numbers make new words all the time).
SUBJECTS = ("Le conseil municipal de {town}", "La directrice de l'école {name}", "Un habitant de {town}",
            "Le club de football de {town}", "La maire adjointe, Mme {name},", "L'association des commerçants")  # fmt: skip
VERBS = ("a présenté", "a longuement discuté", "a fini par adopter", "conteste encore", "attend toujours")
OBJECTS = ("le projet de piscine couverte", "le budget de l'année {year}", "les travaux de la rue {name}",
           "le nouveau plan de circulation", "la fermeture de la boulangerie de la place")  # fmt: skip
TAILS = ("lors de la séance du {day} {month}", "devant {count} personnes", "après {count} minutes de débat",
         "malgré l'avis du quartier {name}", "sans grande surprise")  # fmt: skip
MONTHS = ("janvier", "mars", "mai", "juillet", "septembre", "novembre")


def self_written(rng: random.Random) -> str:
    """One paragraph of three sentences, with a made-up town, name and numbers."""
    slots = lambda: {  # noqa: E731
        "town": f"Saint-{rng.choice('BCDFGLMPRT')}{''.join(rng.choices('aeiouylnrst', k=6))}",
        "name": f"{rng.choice('BCDFGLMPRT')}{''.join(rng.choices('aeiouylnrst', k=5))}",
        "year": rng.randint(1990, 2030), "day": rng.randint(1, 28), "month": rng.choice(MONTHS),
        "count": rng.randint(10, 99_999),
    }  # fmt: skip
    sentences = []
    for _ in range(3):
        parts = (rng.choice(SUBJECTS), rng.choice(VERBS), rng.choice(OBJECTS), rng.choice(TAILS))
        sentences.append(" ".join(parts).format(**slots()) + ".")
    return " ".join(sentences)


def write_large(path: Path, count: int, seed: int = 0) -> None:
    """A Parquet file of ``count`` self-written paragraphs, written row group by row group."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    rng = random.Random(seed)
    schema = pa.schema([("id", pa.string()), ("text", pa.string())])
    with pq.ParquetWriter(path, schema) as writer:
        for start in range(0, count, 10_000):
            ids = [str(k) for k in range(start, min(count, start + 10_000))]
            writer.write_table(pa.table({"id": ids, "text": [self_written(rng) for _ in ids]}, schema=schema))


def audit_file(source: str, output: str, queue) -> None:
    from mtaudit.cli import app

    start = time.perf_counter()
    with contextlib.suppress(SystemExit):
        app(["audit", source, "--mode", "filter", "-o", output, "-q"], standalone_mode=False)
    wall = time.perf_counter() - start
    queue.put((wall, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024))


def memory(sizes: list[int], folder: Path) -> None:
    print(f"\nfilter mode, one Parquet file of self-written paragraphs (load average {_load()})")
    print(f"{'paragraphs':>10} {'wall s':>8} {'paragraphs/s':>12} {'peak RSS MB':>11}")
    for size in sizes:
        source = folder / f"large-{size}.parquet"
        write_large(source, size)
        wall, peak = in_process(audit_file, str(source), str(folder / f"scores-{size}.parquet"))
        print(f"{size:>10} {wall:>8.1f} {size / wall:>12.1f} {peak:>11.0f}", flush=True)


def _load() -> str:
    return ", ".join(f"{x:.2f}" for x in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--paragraphs", type=int, default=600, help="paragraphs for the full audit")
    parser.add_argument(
        "--filter-paragraphs", type=int, default=20_000, help="paragraphs for the filter mode"
    )
    parser.add_argument("--shards", type=int, default=8)
    parser.add_argument("--modes", default=",".join(MODES))
    parser.add_argument("--memory", default="", help="comma-separated sizes of the large-file memory test")
    args = parser.parse_args()
    require_shared()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        for mode in filter(None, args.modes.split(",")):
            count = args.paragraphs if mode == "full" else args.filter_paragraphs
            throughput(mode, corpus_texts(count), args.shards, folder)
        if args.memory:
            memory([int(size) for size in args.memory.split(",")], folder)


if __name__ == "__main__":
    main()
