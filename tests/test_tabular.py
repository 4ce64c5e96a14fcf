"""Columnar and compressed inputs and outputs: Parquet, .jsonl.gz, .jsonl.zst (streamed, atomic)."""

from __future__ import annotations

import gzip
import io
import json

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import zstandard

from mtaudit.cli import app
from mtaudit.ingest import Columns

TEXTS = [
    "Le conseil municipal a voté le budget de la piscine après un long débat.",
    "Les habitants du quartier se plaignent du bruit des travaux depuis le printemps.",
    "",
    None,
    "La boulangerie de la place ferme ses portes pour deux semaines en août.",
]
FAST = ["--no-backtranslation", "--detector", "none", "-q"]


def write_parquet(path, texts=TEXTS, row_group_size=2):
    ids = [f"doc-{i}" for i in range(len(texts))]
    pq.write_table(pa.table({"doc_id": ids, "body": texts}), path, row_group_size=row_group_size)
    return path


def jsonl_bytes(texts=TEXTS) -> bytes:
    return "".join(json.dumps({"id": f"r{i}", "text": t}) + "\n" for i, t in enumerate(texts) if t).encode()


def read_jsonl(data: bytes) -> list[dict]:
    return [json.loads(line) for line in data.decode("utf-8").splitlines()]


def test_parquet_chunks_are_numbered_across_the_file(tmp_path, monkeypatch):
    from mtaudit import tabular

    monkeypatch.setattr(tabular, "CHUNK_ROWS", 2)
    source = str(write_parquet(tmp_path / "s.parquet"))
    chunks = list(tabular.read_chunks(source, 1000, Columns("body", "doc_id")))
    assert len(chunks) == 3  # five rows, two at a time
    paragraphs = [p for chunk in chunks for p in chunk.paragraphs]
    assert [p.id for p in paragraphs] == ["doc-0", "doc-1", "doc-4"]
    assert [p.index for p in paragraphs] == [0, 1, 2]
    assert [p.position for p in paragraphs] == [0, 1, 4]
    assert sum(chunk.skipped["row without text"] for chunk in chunks) == 2


def test_compressed_jsonl_chunks(tmp_path, monkeypatch):
    from mtaudit import tabular

    monkeypatch.setattr(tabular, "CHUNK_ROWS", 2)
    source = tmp_path / "s.jsonl.zst"
    source.write_bytes(zstandard.ZstdCompressor().compress(jsonl_bytes()))
    chunks = list(tabular.read_chunks(str(source), 1000))
    assert [len(chunk.paragraphs) for chunk in chunks] == [2, 1]
    assert [p.id for chunk in chunks for p in chunk.paragraphs] == ["r0", "r1", "r4"]
    assert [p.index for chunk in chunks for p in chunk.paragraphs] == [0, 1, 2]


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("bad.parquet", b"not parquet at all", "not a readable Parquet file"),
        ("bad.jsonl.gz", b"not gzip at all", "corrupt gzip data"),
        ("bad.jsonl.zst", b"not zstd at all", "corrupt zstd data"),
        ("cut.jsonl.gz", gzip.compress(jsonl_bytes() * 50)[:60], "corrupt gzip data"),
    ],
)
def test_bad_files_get_one_line(tmp_path, runner, name, content, problem):
    source = tmp_path / name
    source.write_bytes(content)
    result = runner.invoke(app, ["audit", str(source), "-o", str(tmp_path / "out.jsonl"), *FAST])
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if "error" in line]
    assert len(errors) == 1 and str(source) in errors[0] and problem in errors[0], result.output
    assert "Traceback" not in result.output


def test_missing_column_is_named(tmp_path, runner):
    source = write_parquet(tmp_path / "s.parquet")
    result = runner.invoke(app, ["audit", str(source), "-o", str(tmp_path / "o.parquet"), *FAST])
    assert result.exit_code == 1
    assert "no column 'text' (columns: doc_id, body); choose one with --text-column" in result.output


def test_parquet_needs_a_file_and_no_compressed_name(tmp_path, runner):
    source = write_parquet(tmp_path / "s.parquet")
    result = runner.invoke(app, ["audit", str(source), "--text-column", "body", "-f", "parquet", *FAST])
    assert result.exit_code == 2 and "give a file with -o" in result.output
    result = runner.invoke(app, ["audit", str(source), "-f", "parquet", "-o", str(tmp_path / "o.parquet.gz")])
    assert result.exit_code == 2 and "drop the .gz suffix" in result.output


@pytest.mark.slow
def test_parquet_in_and_out(tmp_path, runner, monkeypatch):
    from mtaudit.reporting import parquet

    monkeypatch.setattr(parquet, "ROW_GROUP_ROWS", 2)
    source = write_parquet(tmp_path / "s.parquet")
    out = tmp_path / "scores.parquet"
    args = ["audit", str(source), "--text-column", "body", "--id-column", "doc_id", "-o", str(out)]
    result = runner.invoke(app, [*args, "--full-records", *FAST])
    assert result.exit_code == 4, result.output  # two rows without text were skipped
    table = pq.read_table(out)
    assert pq.ParquetFile(out).num_row_groups == 2
    for column in ("id", "document", "paragraph", "mt_probability", "verdict", "anomalies_major",
                   "anomalies_english", "fluency_deviation", "record"):  # fmt: skip
        assert column in table.column_names
    rows = table.to_pylist()
    assert [r["id"] for r in rows] == ["doc-0", "doc-1", "doc-4"]
    assert [r["paragraph"] for r in rows] == [0, 1, 2]
    for row in rows:
        record = json.loads(row["record"])
        assert record["mt_probability"] == row["mt_probability"] and record["verdict"] == row["verdict"]
        assert row["anomalies"] == len(record["anomalies"])
        assert row["fluency_deviation"] == record["fluency"]["deviation"]
    # the same paragraphs as JSONL give the same records
    plain = tmp_path / "s.jsonl"
    plain.write_bytes(jsonl_bytes())
    result = runner.invoke(app, ["audit", str(plain), "-f", "jsonl", *FAST])
    written = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert [w["mt_probability"] for w in written] == [r["mt_probability"] for r in rows]


@pytest.mark.slow
@pytest.mark.parametrize("suffix", [".jsonl.gz", ".jsonl.zst"])
def test_compressed_jsonl_in_and_out(tmp_path, runner, suffix):
    source = tmp_path / f"s{suffix}"
    compress = gzip.compress if suffix.endswith(".gz") else zstandard.ZstdCompressor().compress
    source.write_bytes(compress(jsonl_bytes()))
    out = tmp_path / f"out{suffix}"
    result = runner.invoke(app, ["audit", str(source), "-o", str(out), *FAST])
    assert result.exit_code == 0, result.output
    raw = out.read_bytes()
    if suffix.endswith(".gz"):
        data = gzip.decompress(raw)
    else:
        data = zstandard.ZstdDecompressor().stream_reader(io.BytesIO(raw)).read()
    records = read_jsonl(data)
    assert [r["id"] for r in records] == ["r0", "r1", "r4"]
    assert records[2]["text"] == TEXTS[4]


@pytest.mark.slow
def test_failed_run_keeps_the_previous_parquet(tmp_path, runner):
    out = tmp_path / "scores.parquet"
    pq.write_table(pa.table({"id": ["kept"]}), out)
    before = out.read_bytes()
    bad = tmp_path / "bad.parquet"
    bad.write_bytes(b"garbage")
    result = runner.invoke(app, ["audit", str(bad), "-o", str(out), *FAST])
    assert result.exit_code == 1
    assert out.read_bytes() == before
    assert not list(tmp_path.glob(".scores.parquet.*"))


def test_parquet_rows_say_where_a_paragraph_comes_from(tmp_path):
    from mtaudit.records import ParagraphReport
    from mtaudit.reporting.parquet import ParquetWriter

    web = ParagraphReport(
        "https://exemple.fr/a", 0, "p0", "Un titre de page.", None, 0.5, "uncertain", kind="heading",
        position=0, url="https://exemple.fr/a", title="Un titre", date="2026-11-30", author="A. Martin",
        language="fr",
    )  # fmt: skip
    local = ParagraphReport("notes.txt", 1, "p1", "Un paragraphe.", 3, 0.2, "human")
    out = tmp_path / "pages.parquet"
    with out.open("wb") as stream:
        writer = ParquetWriter(stream)
        writer.write(web)
        writer.write(local)
        writer.close()
    rows = pq.read_table(out).to_pylist()
    fields = ("kind", "position", "url", "title", "date", "author", "language")
    assert [rows[0][name] for name in fields] == ["heading", 0, "https://exemple.fr/a", "Un titre",
                                               "2026-11-30", "A. Martin", "fr"]  # fmt: skip
    assert [rows[1][name] for name in fields] == ["paragraph", None, None, None, None, None, None]
