"""Back-translation throughput: a naive generate() loop against mtaudit's translator, fp32 and int8.

    PYTHONPATH=. python3 benchmarks/bench_backtranslation.py [--paragraphs 16] [--repeats 3] [--threads 2]

The model has the full opus-mt-fr-en shape (d_model 512, 6+6 layers, 8 heads, FFN 2048, vocabulary
59,514) with random weights, built into a temporary folder and loaded through mtaudit's loader. Random
weights make output lengths arbitrary, so the model never ends a sentence by itself: every output runs to
its length cap (1.5 × input tokens + 10, the same rule in every variant), and the work is fixed.

Inputs: French paragraphs of the dev data in ../shared when present, else self-written ones; the
sentencepiece vocabulary is trained on them (and on ../shared human French when present).

Variants, each in a fresh process (peak memory is the process's peak RSS, model load included):
- naive: one paragraph at a time, fp32, ``model.generate`` on the whole paragraph;
- mtaudit fp32: sentences, length-sorted batches, inference_mode (``MarianTranslator``, no cache);
- mtaudit int8: the same with dynamic int8 quantisation.
Times are medians over ``--repeats`` passes after one warm-up paragraph; ratios are against naive.

On a machine shared with other busy processes, OpenMP threads that spin while waiting for each other
stall for whole scheduler slices (here 2 threads were 5-10x slower than 1); every variant therefore runs
with ``OMP_WAIT_POLICY=PASSIVE`` unless the variable is already set.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from shared_data import DEV, HUMAN, dev_records

VARIANTS = ("naive", "mtaudit-fp32", "mtaudit-int8")

# Self-written news-style paragraphs, used when ../shared is absent.
OWN_PARAGRAPHS = [
    "Le conseil municipal de Rennes a adopté mardi soir le budget de l'année prochaine. Les élus de "
    "l'opposition ont voté contre, en dénonçant la hausse des tarifs de la cantine. Le maire a promis une "
    "concertation avec les familles avant la rentrée.",
    "La pluie tombe sans discontinuer depuis trois jours sur le littoral breton. Plusieurs routes ont été "
    "fermées à la circulation et les pompiers sont intervenus une centaine de fois. La préfecture appelle "
    "les habitants à la plus grande prudence.",
    "Le festival de musique de la ville a attiré près de quarante mille spectateurs ce week-end. Les "
    "organisateurs se félicitent de cette affluence record malgré la chaleur. Une nouvelle scène sera "
    "installée l'an prochain près du port.",
    "Les chercheurs de l'université ont présenté un nouveau procédé de recyclage des batteries. Selon eux, "
    "il permettrait de récupérer la quasi-totalité du lithium. Une usine pilote doit ouvrir dans deux ans "
    "en Lorraine.",
    "La grève des contrôleurs aériens a entraîné l'annulation de centaines de vols vendredi. Les "
    "voyageurs ont dû patienter des heures dans les aéroports. Les syndicats réclament des embauches et une "
    "revalorisation des salaires.",
    "Le club de football local s'est imposé deux buts à un face au leader du championnat. L'entraîneur a "
    "salué l'état d'esprit de ses joueurs. Le prochain match aura lieu samedi à domicile.",
    "Une exposition consacrée aux peintres impressionnistes ouvre ses portes au musée des Beaux-Arts. On "
    "pourra y admirer une soixantaine de toiles prêtées par des collections privées. Les réservations sont "
    "vivement conseillées.",
    "Le prix du pain a encore augmenté ce mois-ci dans la plupart des boulangeries. Les artisans expliquent "
    "cette hausse par le coût de l'énergie et de la farine. Certains clients disent réduire leurs achats.",
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--paragraphs", type=int, default=16, help="French paragraphs translated per pass")
    parser.add_argument("--repeats", type=int, default=3, help="timed passes per variant (median quoted)")
    parser.add_argument("--threads", type=int, default=2, help="torch CPU threads in every variant")
    parser.add_argument("--batch-size", type=int, default=16, help="mtaudit sentences per batch")
    parser.add_argument("--variant", choices=VARIANTS, help=argparse.SUPPRESS)
    parser.add_argument("--model", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--inputs", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.variant:
        print(json.dumps(run_variant(args)))
        return
    paragraphs = input_paragraphs(args.paragraphs)
    with tempfile.TemporaryDirectory(prefix="mtaudit-bench-") as tmp:
        model, inputs = build_model(Path(tmp), paragraphs), Path(tmp) / "inputs.json"
        inputs.write_text(json.dumps(paragraphs, ensure_ascii=False), "utf-8")
        results = {}
        for variant in VARIANTS:
            command = [
                sys.executable,
                __file__,
                "--variant",
                variant,
                "--model",
                str(model),
                "--inputs",
                str(inputs),
            ]
            command += ["--repeats", str(args.repeats), "--threads", str(args.threads)]
            command += ["--batch-size", str(args.batch_size)]
            done = subprocess.run(command, capture_output=True, text=True, check=False, env=child_env())
            if done.returncode != 0:
                sys.exit(f"{variant} failed:\n{done.stderr}")
            results[variant] = json.loads(done.stdout.strip().splitlines()[-1])
    print_table(results, args, paragraphs)


def child_env() -> dict[str, str]:
    """Every variant runs with the same OpenMP wait policy: PASSIVE unless set (see the module docstring)."""
    return {**os.environ, "OMP_WAIT_POLICY": os.environ.get("OMP_WAIT_POLICY", "PASSIVE")}


def input_paragraphs(limit: int) -> list[str]:
    if DEV.exists():
        records = dev_records()
        return [r["text"] for r in records[: 2 * limit : 2]] if records else OWN_PARAGRAPHS[:limit]
    return (OWN_PARAGRAPHS * (limit // len(OWN_PARAGRAPHS) + 1))[:limit]


def build_model(folder: Path, paragraphs: list[str]) -> Path:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))  # the test models' builder
    from random_marian import OPUS_MT_SHAPE, build_random_marian

    from mtaudit.translation.sentences import split_sentences

    sentences = [s for p in paragraphs for s, _ in split_sentences(p)]
    if HUMAN.exists():
        for path in sorted(HUMAN.glob("newstest20*.fra")):
            sentences += path.read_text("utf-8").splitlines()
    return build_random_marian(
        folder / "model", sentences, spm_vocab=8000, suppress_eos=True, **OPUS_MT_SHAPE
    )


def run_variant(args: argparse.Namespace) -> dict:
    import torch

    from mtaudit.translation.loading import resolve_model
    from mtaudit.translation.marian import DecodingSettings, MarianTranslator
    from mtaudit.translation.sentences import split_sentences

    torch.set_num_threads(args.threads)
    paragraphs = json.loads(args.inputs.read_text("utf-8"))
    source = resolve_model(str(args.model), "--model")
    settings = DecodingSettings(quantize="int8" if args.variant == "mtaudit-int8" else None)
    translator = MarianTranslator(source, "fr-en", settings, device="cpu", batch_size=args.batch_size)
    tokenizer, model = translator._loaded
    pieces = [split_sentences(p) for p in paragraphs]
    if args.variant == "naive":
        lengths = [len(tokenizer(p)["input_ids"]) for p in paragraphs]
        tokens = sum(settings.output_cap(n) for n in lengths)

        def one_pass(texts: list[str]) -> int:
            generated = 0
            for text in texts:
                encoded = tokenizer([text], return_tensors="pt", truncation=True, max_length=512)
                cap = settings.output_cap(encoded["input_ids"].shape[1])
                output = model.generate(**encoded, max_new_tokens=cap, num_beams=1, do_sample=False)
                generated += output.shape[1] - 1
            return generated

        run = one_pass
    else:
        lengths = [len(tokenizer(s)["input_ids"]) for p in pieces for s, _ in p]
        tokens = sum(settings.output_cap(n) for n in lengths)

        def run(texts: list[str]) -> int:
            translator.translate_pieces([split_sentences(t) for t in texts])
            return 0  # every row runs to its cap (the model never stops itself): counted from the caps

    run(paragraphs[:1])  # warm-up
    seconds = []
    for _ in range(args.repeats):
        start = time.perf_counter()
        generated = run(paragraphs)
        seconds.append(time.perf_counter() - start)
        if generated and generated != tokens:
            sys.exit(f"naive loop generated {generated} tokens, expected {tokens}")
    return {
        "seconds": statistics.median(seconds),
        "tokens": tokens,
        "input_tokens": sum(lengths),
        "segments": len(lengths),
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "end_mb": resident_mb(),
    }


def resident_mb() -> float:
    """The process's resident memory now (Linux), in MB."""
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def print_table(results: dict[str, dict], args: argparse.Namespace, paragraphs: list[str]) -> None:
    naive = results["naive"]
    source = "../shared dev data" if DEV.exists() else "self-written paragraphs"
    print(
        f"{len(paragraphs)} French paragraphs ({source}), {args.threads} threads, "
        f"OMP_WAIT_POLICY={child_env()['OMP_WAIT_POLICY']}, median of {args.repeats} passes, "
        f"load average {os.getloadavg()[0]:.1f} at the end"
    )
    print("random-weight opus-mt-shape model; every output forced to its cap (1.5 × input tokens + 10)")
    header = (
        f"{'variant':14} {'segments':>8} {'in tok':>7} {'out tok':>7} {'seconds':>8} {'tok/s':>7} "
        f"{'para/s':>7} {'× naive':>8} {'peak MB':>8} {'end MB':>7}"
    )
    print(header)
    print("-" * len(header))
    naive_rate = len(paragraphs) / naive["seconds"]
    for variant, r in results.items():
        rate = len(paragraphs) / r["seconds"]
        print(
            f"{variant:14} {r['segments']:>8} {r['input_tokens']:>7} {r['tokens']:>7} {r['seconds']:>8.2f} "
            f"{r['tokens'] / r['seconds']:>7.1f} {rate:>7.2f} {rate / naive_rate:>7.2f}× {r['peak_mb']:>8.0f} "
            f"{r['end_mb']:>7.0f}"
        )
    print(
        "× naive: paragraphs/s against the naive loop in this run. mtaudit caps each sentence and the naive"
    )
    print("loop each paragraph, so mtaudit generates more tokens for the same paragraphs.")
    print("peak MB: the process's peak RSS (model load included); end MB: RSS after the passes.")


if __name__ == "__main__":
    main()
