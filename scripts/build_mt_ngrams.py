"""Rebuild mtaudit/data/mt-ngrams.tsv.gz: word n-grams frequent in MT, rare in human French (from ../shared).

Aligned test sets: opus-mt on newstest2009–2013 (dev/), the 9 WMT21 de→fr systems and the 5 FLORES en→fr
systems (othermt/), each with its human reference. Native side: the human French of human/.
Every line is normalised as the audit normalises paragraphs. ``--hold-out`` leaves test sets out (for
held-out validation, see benchmarks/mt_ngrams.py).

    python3 scripts/build_mt_ngrams.py [-o mtaudit/data/mt-ngrams.tsv.gz] [--hold-out flores|wmt21|gsd]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from mtaudit.mt_ngrams import AlignedSet, build_table, write_table  # noqa: E402
from mtaudit.normalise import normalise  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
HOLD_OUTS = ("flores", "wmt21", "gsd")
# Test sets with machine outputs: name, folder, file prefix of every system, the human reference's file.
TEST_SETS = [
    *(
        (f"newstest{year}", "dev", f"newstest{year}.fra.opusmt", f"newstest{year}.fra.human")
        for year in range(2009, 2014)
    ),
    ("wmt21", "othermt/wmt21-de-fr", "newstest2021.fra.", "newstest2021.fra.human"),
    ("flores", "othermt/flores-en-fr", "devtest.fra.", "devtest.fra.human"),
]


def read_lines(path: Path) -> list[str]:
    """The normalised lines of one data file."""
    return [normalise(line.strip()) for line in path.open(encoding="utf-8")]


def load_corpora(hold_out: tuple[str, ...] = ()) -> tuple[list[AlignedSet], list[str]]:
    """The aligned test sets (reference and systems) and the native lines of human/, without ``hold_out``."""
    aligned, native = [], []
    for name, folder, prefix, reference in TEST_SETS:
        if name in hold_out:
            continue
        directory = DATA / folder
        systems = sorted(p for p in directory.glob(prefix + "*") if p.name != reference)
        aligned.append(AlignedSet(read_lines(directory / reference), [read_lines(p) for p in systems]))
    for path in sorted((DATA / "human").glob("*.fra")):
        if not (path.name == "gsd-dev.fra" and "gsd" in hold_out):
            native += read_lines(path)
    return aligned, native


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--output", type=Path, default=ROOT / "mtaudit" / "data" / "mt-ngrams.tsv.gz")
    parser.add_argument("--hold-out", action="append", choices=HOLD_OUTS, default=[])
    args = parser.parse_args()
    if not DATA.is_dir():
        sys.exit(f"{DATA}: not found; this script needs the project's ../shared data")
    aligned, native = load_corpora(tuple(args.hold_out))
    table = build_table(aligned, native)
    held = ", ".join(args.hold_out) or "nothing"
    comment = (
        "mtaudit: word 2-4-grams (lower-cased) frequent in machine translation, rare in human French.\n"
        "Columns: n-gram; lines whose MT has it and whose human reference has not, and the reverse (means\n"
        "over each test set's systems); count in native French; distinct MT source lines; smoothed ratio\n"
        f"(mtaudit/mt_ngrams.py). Built by scripts/build_mt_ngrams.py from ../shared/data; held out: {held}."
    )
    write_table(table, args.output, comment)
    print(f"{args.output}: {len(table)} n-grams")


if __name__ == "__main__":
    main()
