"""Word sequences typical of machine translation: a table of lower-cased word 2–4-grams with their counts.

The table is statistics, not text: for every kept n-gram, how often machine translations have it where
the human reference of the same line has not (``mt``), the reverse (``reference``), its count in native
French (``native``), its distinct source lines (``lines``) and the smoothed ratio (:func:`build_table`).
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
_HEADER = "# ngram\tmt\treference\tnative\tlines\tratio"


@dataclass(frozen=True)
class NgramStats:
    """The counts of one n-gram (see :func:`build_table`): in MT and not in the reference of the same line,
    in the reference and not in MT, in native French, its distinct MT source lines, and the smoothed ratio."""

    mt: float
    reference: float
    native: int
    lines: int
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


def _keys(line: str, lower_case_only: bool = False) -> set[str]:
    """The n-gram keys of ``line``; with ``lower_case_only``, none written with a capital (names)."""
    return {
        key
        for key, start, end in ngrams(line)
        if not (lower_case_only and any(c.isupper() for c in line[start:end]))
    }


def _words(line: str) -> int:
    return sum(len(run) for run in word_runs(line))


@dataclass(frozen=True)
class AlignedSet:
    """One test set: the human reference lines and, aligned with them, each MT system's lines."""

    reference: Sequence[str]
    systems: Sequence[Sequence[str]]


def build_table(
    test_sets: Sequence[AlignedSet],
    native: Iterable[str],
    min_lines: int = 3,
    min_outputs: int = 3,
    min_ratio: float = 5.0,
    smoothing: float = 1.0,
) -> dict[str, NgramStats]:
    """The n-grams that machine translation writes where human translators and native writers do not.

    Content cancels out line by line: ``mt`` counts the (line, system) pairs where a system's line has the
    n-gram, written in lower case (a capital marks a name: content, not wording), and the reference of
    that line has not, ``human`` the pairs where the reference has it and the
    system's line has not, each averaged over the test set's systems (a test set translated by many
    systems weighs as one). An n-gram is kept when it comes from at least ``min_lines`` distinct source
    lines and ``min_outputs`` distinct (test set, system) outputs, when ``(mt + s) / (human + s)`` is at
    least ``min_ratio``, and when its relative frequency in MT is at least ``min_ratio`` times that in
    ``native`` French (``s`` = ``smoothing``). ``ratio`` is the smaller of the two ratios.
    """
    mt_only: defaultdict[str, float] = defaultdict(float)
    reference_only: defaultdict[str, float] = defaultdict(float)
    lines: dict[str, set[tuple[int, int]]] = defaultdict(set)
    outputs: dict[str, set[tuple[int, int]]] = defaultdict(set)
    mt_words = 0.0
    for set_index, test_set in enumerate(test_sets):
        share = 1 / len(test_set.systems)
        for line_index, reference in enumerate(test_set.reference):
            in_reference = _keys(reference)
            for system_index, system in enumerate(test_set.systems):
                line = system[line_index]
                mt_words += _words(line) * share
                in_mt = _keys(line, lower_case_only=True)
                for key in in_mt - in_reference:
                    mt_only[key] += share
                    lines[key].add((set_index, line_index))
                    outputs[key].add((set_index, system_index))
                for key in in_reference - in_mt:
                    reference_only[key] += share
    native_counts: Counter[str] = Counter()
    native_words = 0
    for line in native:
        native_counts.update(key for key, _, _ in ngrams(line))
        native_words += _words(line)
    if not mt_words or not native_words:
        raise MtauditError("cannot build an n-gram table: the machine or the native side has no words")
    table = {}
    for key, mt in mt_only.items():
        if len(lines[key]) < min_lines or len(outputs[key]) < min_outputs:
            continue
        against_reference = (mt + smoothing) / (reference_only[key] + smoothing)
        against_native = ((mt + smoothing) / mt_words) / ((native_counts[key] + smoothing) / native_words)
        ratio = min(against_reference, against_native)
        if ratio >= min_ratio:
            table[key] = NgramStats(
                round(mt, 2),
                round(reference_only[key], 2),
                native_counts[key],
                len(lines[key]),
                round(ratio, 1),
            )
    return table


def write_table(table: dict[str, NgramStats], path: Path, comment: str) -> None:
    """Write ``table`` as gzipped TSV (sorted by ratio, then key) with ``comment`` on top."""
    rows = sorted(table.items(), key=lambda item: (-item[1].ratio, item[0]))
    lines = [f"# {line}" for line in comment.splitlines()] + [_HEADER]
    lines += [f"{key}\t{s.mt:g}\t{s.reference:g}\t{s.native}\t{s.lines}\t{s.ratio:g}" for key, s in rows]
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
            key, mt, reference, native, lines, ratio = fields
            table[key] = NgramStats(float(mt), float(reference), int(native), int(lines), float(ratio))
        except ValueError:
            raise MtauditError(
                f"{source}:{number}: expected ngram, mt, reference, native, lines, ratio"
            ) from None
    return table


class NgramTable:
    """The n-gram table in memory, with a finder of its n-grams in a text."""

    def __init__(self, table: dict[str, NgramStats]) -> None:
        self.table = table
        # The first two words of every n-gram: where a text's two words are none of these, no n-gram of
        # the table starts, and the longer n-grams there need not be built.
        self._openings = {" ".join(key.split(" ")[:2]) for key in table}
        digest = hashlib.sha256("\n".join(sorted(table)).encode()).hexdigest()[:12]
        self.signature = f"mt-ngrams({len(table)} entries, sha256:{digest})"

    def find(self, text: str) -> list[tuple[int, int, list[str]]]:
        """Spans of ``text`` covered by table n-grams, overlapping ones merged: ``(start, end, keys)``."""
        spans: list[tuple[int, int, list[str]]] = []
        for key, start, end in sorted(self._hits(text), key=lambda hit: (hit[1], -hit[2])):
            if spans and start < spans[-1][1]:
                last = spans[-1]
                spans[-1] = (last[0], max(last[1], end), last[2] + [key])
            else:
                spans.append((start, end, [key]))
        return spans

    def _hits(self, text: str) -> Iterator[tuple[str, int, int]]:
        """The n-grams of :func:`ngrams` that are in the table."""
        for run in word_runs(text):
            words = [word for word, _, _ in run]
            for i in range(len(run) - 1):
                if f"{words[i]} {words[i + 1]}" not in self._openings:
                    continue
                for n in ORDERS:
                    if i + n <= len(run) and (key := " ".join(words[i : i + n])) in self.table:
                        yield key, run[i][1], run[i + n - 1][2]


@lru_cache(maxsize=1)
def shipped_table() -> NgramTable:
    """The table shipped in ``mtaudit/data/mt-ngrams.tsv.gz``, loaded once per process."""
    data = resources.files("mtaudit").joinpath("data/mt-ngrams.tsv.gz").read_bytes()
    return NgramTable(parse_table(gzip.decompress(data).decode("utf-8"), "mt-ngrams.tsv.gz"))
