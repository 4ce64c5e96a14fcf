"""Word sequences typical of machine translation: a table of lower-cased word 2–4-grams with their counts.

The table is statistics, not text: for every kept n-gram, how often it occurs in machine translations
(``mt``), on how many distinct source lines (``lines``), how often in human French (``human``: human
references of the same lines and native French) and the smoothed ratio of the two relative frequencies.
It is built by ``scripts/build_mt_ngrams.py`` from ``../shared`` and read by the calque analyzer, which
reports the n-grams it finds as minor calques. Lookups are one dict access per n-gram of the text.
"""

from __future__ import annotations

import gzip
import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from mtaudit.errors import MtauditError

ORDERS = (2, 3, 4)
# A word: letters, inner hyphens, an elided final apostrophe ("l'", "jusqu'"). Digits and punctuation
# between two words break the run: n-grams never cross them.
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*'?")
_HEADER = "# ngram\tmt\tlines\thuman\tratio"


@dataclass(frozen=True)
class NgramStats:
    """The counts of one n-gram: in MT (mean over each test set's systems), distinct MT source lines, in human French, and the smoothed ratio."""

    mt: float
    lines: int
    human: int
    ratio: float


def word_runs(text: str) -> Iterator[list[tuple[str, int, int]]]:
    """Runs of consecutive words (lower-cased, with offsets) separated by nothing but spaces."""
    run: list[tuple[str, int, int]] = []
    for match in _WORD.finditer(text):
        if run and text[run[-1][2] : match.start()].strip():
            yield run
            run = []
        run.append((match.group().lower(), match.start(), match.end()))
    if run:
        yield run


def ngrams(text: str) -> Iterator[tuple[str, int, int]]:
    """Every word n-gram of ``text`` (orders 2–4) as ``(key, start, end)``; the key joins words by spaces."""
    for run in word_runs(text):
        for n in ORDERS:
            for i in range(len(run) - n + 1):
                yield " ".join(w for w, _, _ in run[i : i + n]), run[i][1], run[i + n - 1][2]


def _count(lines: Iterable[str]) -> tuple[Counter[str], int]:
    counts: Counter[str] = Counter()
    words = 0
    for line in lines:
        for run in word_runs(line):
            words += len(run)
        counts.update(key for key, _, _ in ngrams(line))
    return counts, words


def build_table(
    machine: Sequence[Sequence[Sequence[str]]],
    human: Iterable[str],
    min_lines: int = 3,
    min_ratio: float = 8.0,
    smoothing: float = 1.0,
) -> dict[str, NgramStats]:
    """The n-grams far more frequent in machine translation than in human French.

    ``machine`` holds test sets, each a list of systems' outputs, each a list of lines aligned with the
    other systems of its test set. An n-gram is kept when it occurs on at least ``min_lines`` distinct
    source lines of the MT side (one sentence's content repeated by many systems does not count) and its
    relative frequency in MT (each test set's counts averaged over its systems, so that a test set
    translated by many systems weighs as one), add-``smoothing`` smoothed, is at least ``min_ratio`` times that in ``human``.
    """
    mt_counts: defaultdict[str, float] = defaultdict(float)
    mt_lines: dict[str, set[tuple[int, int]]] = defaultdict(set)
    mt_words = 0.0
    for set_index, systems in enumerate(machine):
        for lines in systems:
            for line_index, line in enumerate(lines):
                counts, words = _count([line])
                mt_words += words / len(systems)
                for key, count in counts.items():
                    mt_counts[key] += count / len(systems)
                    mt_lines[key].add((set_index, line_index))
    human_counts, human_words = _count(human)
    if not mt_words or not human_words:
        raise MtauditError("cannot build an n-gram table: the machine or the human side has no words")
    table = {}
    for key, mt in mt_counts.items():
        lines = len(mt_lines[key])
        if lines < min_lines:
            continue
        ratio = ((mt + smoothing) / mt_words) / ((human_counts[key] + smoothing) / human_words)
        if ratio >= min_ratio:
            table[key] = NgramStats(round(mt, 2), lines, human_counts[key], round(ratio, 1))
    return table


def write_table(table: dict[str, NgramStats], path: Path, comment: str) -> None:
    """Write ``table`` as gzipped TSV (sorted by ratio, then key) with ``comment`` on top."""
    rows = sorted(table.items(), key=lambda item: (-item[1].ratio, item[0]))
    lines = [f"# {line}" for line in comment.splitlines()] + [_HEADER]
    lines += [f"{key}\t{s.mt}\t{s.lines}\t{s.human}\t{s.ratio}" for key, s in rows]
    with gzip.GzipFile(path, "wb", mtime=0) as out:
        out.write(("\n".join(lines) + "\n").encode("utf-8"))


def parse_table(text: str, source: str) -> dict[str, NgramStats]:
    """Read the TSV written by :func:`write_table`; a malformed line is an error naming the line."""
    table = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        try:
            key, mt, lines, human, ratio = fields
            table[key] = NgramStats(float(mt), int(lines), int(human), float(ratio))
        except ValueError:
            raise MtauditError(f"{source}:{number}: expected ngram, mt, lines, human, ratio") from None
    return table


class NgramTable:
    """The n-gram table in memory, with a finder of its n-grams in a text."""

    def __init__(self, table: dict[str, NgramStats]) -> None:
        self.table = table
        digest = hashlib.sha256("\n".join(sorted(table)).encode()).hexdigest()[:12]
        self.signature = f"mt-ngrams({len(table)} entries, sha256:{digest})"

    def find(self, text: str) -> list[tuple[int, int, list[str]]]:
        """Spans of ``text`` covered by table n-grams, overlapping ones merged: ``(start, end, keys)``."""
        spans: list[tuple[int, int, list[str]]] = []
        for key, start, end in sorted(
            (hit for hit in ngrams(text) if hit[0] in self.table), key=lambda hit: (hit[1], -hit[2])
        ):
            if spans and start < spans[-1][1]:
                last = spans[-1]
                spans[-1] = (last[0], max(last[1], end), last[2] + [key])
            else:
                spans.append((start, end, [key]))
        return spans


@lru_cache(maxsize=1)
def shipped_table() -> NgramTable:
    """The table shipped in ``mtaudit/data/mt-ngrams.tsv.gz``, loaded once per process."""
    data = resources.files("mtaudit").joinpath("data/mt-ngrams.tsv.gz").read_bytes()
    return NgramTable(parse_table(gzip.decompress(data).decode("utf-8"), "mt-ngrams.tsv.gz"))
