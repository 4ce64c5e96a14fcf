"""The MT n-gram table: building, reading, finding, and the calque analyzer's info spans from it."""

from __future__ import annotations

import gzip

import pytest

from mtaudit.analyzers.calque import CalqueAnalyzer
from mtaudit.errors import MtauditError
from mtaudit.mt_ngrams import (
    AlignedSet,
    NgramTable,
    build_table,
    ngrams,
    parse_table,
    shipped_table,
    write_table,
)
from mtaudit.view import view_of

# Self-written: a human reference of four lines, three systems' outputs of them, and native French.
ALIGNED = [
    AlignedSet(
        [f"Il a jeté l'éponge le jour {i}." for i in range(4)],
        [
            [f"Il a jeté dans la serviette le jour {i}." for i in range(4)],
            [f"Il a jeté dans la serviette hier {i}." for i in range(4)],
            [f"Il a jeté dans la serviette encore {i}." for i in range(4)],
        ],
    )
]
NATIVE = ["Le chat dort dans la maison.", "Hier encore, il pleuvait sur la ville."] * 3


def test_ngrams_stay_inside_word_runs():
    keys = [key for key, _, _ in ngrams("Jusqu'au bout, la nuit")]
    assert "jusqu' au" in keys and "jusqu' au bout" in keys
    assert not any("bout la" in key for key in keys)


def test_table_keeps_mt_sequences_rare_in_human_french():
    table = build_table(ALIGNED, NATIVE, min_ratio=3.0)
    stats = table["dans la serviette"]
    assert (stats.mt, stats.reference, stats.native, stats.lines) == (4, 0, 0, 4)
    assert "il a jeté" not in table  # in the reference of the same lines too
    assert "le jour" not in table  # one system only, and in the reference
    assert "la maison" not in table  # not in MT at all


def test_native_frequency_vetoes_an_mt_sequence():
    native = NATIVE + ["Elle a fini dans la serviette de bain."] * 20
    assert "dans la serviette" not in build_table(ALIGNED, native, min_ratio=3.0)


def test_one_line_repeated_by_every_system_is_not_kept():
    aligned = [AlignedSet(["Un mot ici."], [["Un mot étrange ici."]] * 3)]
    assert build_table(aligned, NATIVE, min_lines=2, min_ratio=1.0) == {}


def test_table_round_trips_through_the_file(tmp_path):
    table = build_table(ALIGNED, NATIVE, min_ratio=3.0)
    path = tmp_path / "t.tsv.gz"
    write_table(table, path, "test table")
    assert parse_table(gzip.decompress(path.read_bytes()).decode(), "t") == table


def test_malformed_table_line_names_the_line():
    with pytest.raises(MtauditError, match="t:2: expected"):
        parse_table("# header\nun deux\t1\t0\n", "t")


def test_overlapping_hits_are_one_span():
    table = NgramTable(build_table(ALIGNED, NATIVE, min_ratio=3.0))
    text = "Hier, il a jeté dans la serviette."
    [(start, end, keys)] = table.find(text)
    assert text[start:end].endswith("dans la serviette") and len(keys) > 1


def test_calque_analyzer_reports_table_sequences_as_info(nlp):
    table = NgramTable(build_table(ALIGNED, NATIVE, min_ratio=3.0))
    analyzer = CalqueAnalyzer(nlp, None, table)
    [anomaly] = analyzer.find(view_of(nlp, "Le ministre a enfin jeté dans la serviette."))
    assert anomaly.type == "calque" and anomaly.severity == "info"
    assert "dans la serviette" in anomaly.text
    assert "typical of machine translation" in anomaly.message
    assert analyzer.find(view_of(nlp, "Le ministre a enfin jeté l'éponge.")) == []
    assert "mt-ngrams" in analyzer.signature()


def test_shipped_table_loads_and_spares_native_sentences(nlp):
    table = shipped_table()
    assert len(table.table) > 50
    assert all(stats.ratio > 1 for stats in table.table.values())
    native = [
        "Nous avons pris le train de sept heures pour rejoindre nos cousins à la campagne.",
        "Le boulanger du village ouvre tôt, et l'odeur du pain chaud remplit toute la rue.",
    ]
    for text in native:
        assert table.find(text) == []


def test_capitalised_sequences_are_names_not_wording():
    aligned = [
        AlignedSet(
            [f"Ligne {i}." for i in range(4)], [[f"Il vit dans la Grande Forêt {i}." for i in range(4)]] * 3
        )
    ]
    table = build_table(aligned, NATIVE, min_ratio=1.0)
    assert "grande forêt" not in table and "vit dans" in table


def test_finding_skips_no_table_ngram():
    """Looking up only the n-grams whose first two words open a table entry finds every table n-gram."""
    table = NgramTable(build_table(ALIGNED, NATIVE, min_ratio=3.0))
    text = "Il a jeté dans la serviette, puis il a jeté dans la serviette encore une fois le jour 3."
    every = sorted((hit for hit in ngrams(text) if hit[0] in table.table), key=lambda hit: (hit[1], -hit[2]))
    assert len(every) >= 4
    assert sorted(table._hits(text), key=lambda hit: (hit[1], -hit[2])) == every
