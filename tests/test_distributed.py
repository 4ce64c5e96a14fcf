"""``mtaudit audit --engine ray``: records identical to the single-process run, one output file per
shard, resumable after a run killed halfway (every record exactly once). One local Ray instance
(loopback, two CPUs) serves the whole module."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from mtaudit.cli import app

BASE = [
    "Le conseil municipal a voté le budget de la piscine après un long débat.",
    "Les habitants du quartier se plaignent du bruit des travaux depuis le printemps.",
    "La boulangerie de la place ferme ses portes pour deux semaines en août.",
]
ROOT = Path(__file__).resolve().parents[1]
OFFLINE = ["--no-backtranslation", "-q"]


def write_shards(folder: Path, shards: int, rows: int) -> list[str]:
    """``shards`` small JSONL shards (gzip), ``rows`` paragraphs each, ids unique across shards."""
    import gzip

    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for k in range(shards):
        lines = [
            json.dumps({"id": f"s{k}-{i}", "text": f"{BASE[i % 3]} Séance numéro {k}-{i}."}) for i in range(rows)
        ]
        path = folder / f"part{k}.jsonl.gz"
        path.write_bytes(gzip.compress(("\n".join(lines) + "\n").encode()))
        paths.append(str(path))
    return paths


def shard_records(folder: Path) -> list[dict]:
    return [json.loads(line) for path in sorted(folder.glob("*.jsonl")) for line in path.read_text().splitlines()]


def test_ray_missing_is_one_line(tmp_path, runner, monkeypatch):
    monkeypatch.setitem(sys.modules, "ray", None)
    paths = write_shards(tmp_path / "in", 1, 2)
    result = runner.invoke(app, ["audit", *paths, "--engine", "ray", "-o", str(tmp_path / "out"), *OFFLINE])
    assert result.exit_code == 1
    assert "mtaudit: error: --engine ray needs Ray, which is not installed: pip install 'mtaudit[ray]'" in result.output


def test_ray_output_must_be_a_folder(tmp_path, runner):
    paths = write_shards(tmp_path / "in", 1, 2)
    existing = tmp_path / "scores.parquet"
    existing.write_text("x")
    result = runner.invoke(app, ["audit", *paths, "--engine", "ray", "-o", str(existing), *OFFLINE])
    assert result.exit_code == 2 and "give a folder with -o" in result.output


@pytest.fixture(scope="module")
def ray_cluster():
    """One local Ray instance (two CPUs, loopback) for the module; its address for other drivers."""
    ray = pytest.importorskip("ray")
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    ray.init(num_cpus=2, include_dashboard=False, _node_ip_address="127.0.0.1", logging_level="ERROR")
    yield ray.get_runtime_context().gcs_address
    ray.shutdown()


@pytest.mark.slow
@pytest.mark.parametrize("mode", ["full", "filter"])
def test_records_identical_to_single_process(ray_cluster, tmp_path, runner, mode):
    paths = write_shards(tmp_path / "in", 3, 5)
    single = tmp_path / "single.jsonl"
    options = [*OFFLINE, "--mode", mode]
    assert runner.invoke(app, ["audit", *paths, "-o", str(single), *options]).exit_code == 0
    out = tmp_path / "out"
    args = ["audit", *paths, "--engine", "ray", "--workers", "2", "-f", "jsonl", "-o", str(out), *options]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["part0.jsonl", "part1.jsonl", "part2.jsonl"]
    expected = [json.loads(line) for line in single.read_text().splitlines()]
    assert {r["signature"]["mode"] for r in expected} == {mode}
    assert sorted(shard_records(out), key=lambda r: r["id"]) == sorted(expected, key=lambda r: r["id"])


@pytest.mark.slow
def test_killed_run_resumes_with_every_record_once(ray_cluster, tmp_path, runner):
    paths = write_shards(tmp_path / "in", 4, 6)
    out = tmp_path / "out"
    command = [sys.executable, "-m", "mtaudit", "audit", *paths, "--engine", "ray", "--ray-address", ray_cluster,
               "-f", "jsonl", "-o", str(out), *OFFLINE]  # fmt: skip
    driver = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 240
    while not list(out.glob("*.jsonl")) and driver.poll() is None and time.monotonic() < deadline:
        time.sleep(0.1)
    os.kill(driver.pid, signal.SIGKILL)  # killed halfway: some shards done, one maybe in progress
    driver.wait()
    done = {p.name for p in out.glob("*.jsonl")}
    assert done, "no shard finished before the kill"
    rerun = [arg for arg in command[3:] if arg != "-q"]
    result = runner.invoke(app, rerun)
    assert result.exit_code == 0, result.output
    assert re.search(r"\d+ shards already done", result.output)  # finished shards are not redone
    ids = [r["id"] for r in shard_records(out)]
    assert sorted(ids) == sorted(f"s{k}-{i}" for k in range(4) for i in range(6))  # each exactly once
    assert sorted(p.name for p in out.glob("*.jsonl")) == [f"part{k}.jsonl" for k in range(4)]


def descendants_named(word: str) -> list[int]:
    """The processes under this one (Ray's workers, started by the module's Ray instance) whose command
    line holds ``word``."""
    parents = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
                parents[int(entry.name)] = (int(stat.rsplit(")", 1)[1].split()[1]), (entry / "cmdline").read_bytes())
            except (OSError, IndexError, ValueError):
                continue
    ours, found = {os.getpid()}, []
    for _ in range(6):  # a few generations: pytest → raylet → workers
        ours |= {pid for pid, (ppid, _) in parents.items() if ppid in ours}
    for pid in ours - {os.getpid()}:
        if word.encode() in parents[pid][1]:
            found.append(pid)
    return found


@pytest.mark.slow
def test_dead_worker_is_retried_without_loss_or_duplicates(ray_cluster, tmp_path):
    import io
    import threading

    from rich.console import Console

    from mtaudit.assembly import AuditSettings
    from mtaudit.distributed import ray_audit_job
    from mtaudit.jobs import Messages

    paths = write_shards(tmp_path / "in", 2, 40)
    out = tmp_path / "out"
    status = {}

    def run() -> None:
        status["code"] = ray_audit_job(
            paths=paths, settings=AuditSettings(translation=None, detector="none"),
            messages=Messages(Console(file=io.StringIO()), quiet=True), output=out, output_format="jsonl",
        )  # fmt: skip

    job = threading.Thread(target=run)
    job.start()
    killed = []
    while job.is_alive() and not killed:
        if list(out.glob(".*.part")) if out.exists() else []:
            killed = descendants_named("ShardWorker")[:1]
            for pid in killed:
                os.kill(pid, signal.SIGKILL)
        time.sleep(0.05)
    job.join(timeout=300)
    if not killed:
        pytest.skip("the shards finished before a worker could be killed")
    assert status["code"] == 0
    ids = [r["id"] for r in shard_records(out)]
    assert sorted(ids) == sorted(f"s{k}-{i}" for k in range(2) for i in range(40))
    assert not list(out.glob(".*.part"))  # the dead worker's temporary file is gone


def test_shard_names_keep_all_but_format_and_compression(tmp_path):
    from mtaudit.distributed import shard_jobs
    from mtaudit.ingest import DEFAULT_COLUMNS
    from mtaudit.jobs import UsageProblem

    paths = ["a/crawl.2024.jsonl.gz", "b/crawl.2023.jsonl.zst", "part-1.parquet"]
    jobs = shard_jobs(paths, tmp_path, "parquet", False, DEFAULT_COLUMNS, 100)
    assert [job.output.name for job in jobs] == ["crawl.2024.parquet", "crawl.2023.parquet", "part-1.parquet"]
    with pytest.raises(UsageProblem, match=r"would both write x\.jsonl"):
        shard_jobs(["a/x.parquet", "b/x.jsonl.gz"], tmp_path, "jsonl", False, DEFAULT_COLUMNS, 100)
