"""The user's data is never lost: atomic output, -o refused when it is an input, problems always reported.

Covers: -o equal to an input (also through links) refused before anything is read; earlier results kept
when a run produces nothing; interrupted runs keep what they wrote and say the output is incomplete;
problems reported with -q and reflected in the exit code; paragraph-level problems skip the paragraph,
not the file; legacy encodings decoded with a warning or refused with a conversion hint; --max-chars
capped; --stdin-format; argument and path problems reported before any model loads.
"""

from __future__ import annotations

import json
import os

import pytest

from mtaudit.cli import app
from mtaudit.encoding import decode
from mtaudit.errors import InputError, MtauditError
from mtaudit.ingest import read_document, sniff_format
from mtaudit.output import AtomicOutput, check_output

FIRST = "À Rennes, le marché des Lices a rouvert samedi matin sous un soleil timide, au grand plaisir des habitués."
SECOND = "Les élèves du collège ont présenté leur spectacle de fin d'année devant des parents émus et fiers."
THIRD = "Dans la vallée, les agriculteurs ont commencé la moisson avec une semaine d'avance sur l'an dernier."


@pytest.fixture()
def page(tmp_path):
    path = tmp_path / "page.txt"
    path.write_text(f"{FIRST}\n\n{SECOND}\n", encoding="utf-8")
    return path


@pytest.fixture()
def no_models(monkeypatch):
    """Fail the test if the audit gets as far as loading models."""

    def refuse(*args, **kwargs):
        raise AssertionError("a model was loaded before the arguments were checked")

    monkeypatch.setattr("mtaudit.audit.build_auditor", refuse)


def audit(runner, *args: str, **kwargs):
    return runner.invoke(app, ["audit", *args, "--no-backtranslation"], **kwargs)


# --- item 1: -o equal to an input --------------------------------------------------------------------


@pytest.mark.parametrize("link", ["same", "symlink", "hardlink"])
def test_output_equal_to_an_input_is_refused_before_anything_is_read(runner, page, tmp_path, link, no_models):
    before = page.read_bytes()
    target = page
    if link == "symlink":
        target = tmp_path / "link.txt"
        target.symlink_to(page)
    elif link == "hardlink":
        target = tmp_path / "hard.txt"
        os.link(page, target)
    result = audit(runner, str(page), "-f", "jsonl", "-o", str(target))
    assert result.exit_code == 2
    assert "the output is also an input" in result.stderr and "Traceback" not in result.output
    assert page.read_bytes() == before


def test_report_refuses_to_overwrite_its_results(runner, tmp_path):
    results = tmp_path / "results.jsonl"
    results.write_text("{}\n", encoding="utf-8")
    result = runner.invoke(app, ["report", str(results), "-o", str(results)])
    assert result.exit_code == 2 and results.read_text("utf-8") == "{}\n"


# --- item 2: earlier results are kept when a run produces nothing -------------------------------------


@pytest.mark.parametrize("fmt", ["jsonl", "html"])
def test_a_run_that_produces_nothing_leaves_the_old_output(runner, page, tmp_path, fmt):
    out = tmp_path / f"res.{fmt}"
    assert audit(runner, str(page), "-f", fmt, "-o", str(out), "-q").exit_code == 0
    before = out.read_bytes()
    english = tmp_path / "english.txt"
    english.write_text("The council approved the budget on Monday after a long debate.", encoding="utf-8")
    result = audit(runner, str(english), "-f", fmt, "-o", str(out), "-q")
    assert result.exit_code == 1
    assert out.read_bytes() == before
    assert f"{out} was left as it was" in result.stderr
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]


def test_atomic_output_replaces_only_on_commit_and_keeps_permissions(tmp_path):
    target = tmp_path / "out.txt"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    with AtomicOutput(target) as out:
        out.stream.write("new")
        assert target.read_text("utf-8") == "old"  # nothing touched while writing
    assert target.read_text("utf-8") == "old"  # left without a commit: discarded
    with AtomicOutput(target) as out:
        out.stream.write("new")
        out.commit()
    assert target.read_text("utf-8") == "new"
    assert target.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.txt"]


def test_check_output_refuses_folders_and_missing_folders(tmp_path):
    with pytest.raises(MtauditError, match="is a folder"):
        check_output(tmp_path)
    with pytest.raises(MtauditError, match="does not exist"):
        check_output(tmp_path / "missing" / "out.jsonl")
    check_output(tmp_path / "fine.jsonl", ["-"])


def test_interrupted_html_says_it_is_incomplete(runner, page, tmp_path, interrupt_after_first_record):
    out = tmp_path / "out.html"
    result = audit(runner, str(page), "-f", "html", "-o", str(out))
    assert result.exit_code == 130
    assert "the output is incomplete" in result.stderr
    assert "Incomplete report" in out.read_text("utf-8")


# --- items 5 and 9: problems counted and reported, also with -q; exit codes -------------------------


def test_malformed_jsonl_lines_are_reported_with_quiet_and_change_the_exit_code(runner, tmp_path):
    data = tmp_path / "mixed.jsonl"
    good = [json.dumps({"text": t}, ensure_ascii=False) for t in (FIRST, SECOND)]
    data.write_text(
        "\n".join([good[0], "{broken", "[1, 2]", good[1], '{"text": ""}']) + "\n", encoding="utf-8"
    )
    result = audit(runner, str(data), "-f", "jsonl", "-q")
    assert result.exit_code == 4
    assert len([line for line in result.stdout.splitlines() if line.startswith("{")]) == 2
    assert f"{data}:2: invalid JSON" in result.stderr
    assert "not audited: 3 paragraphs or lines skipped (malformed JSONL line: 3)" in result.stderr


def test_a_bad_byte_skips_its_paragraph_not_the_file(runner, tmp_path):
    page = tmp_path / "page.txt"
    page.write_bytes(f"{FIRST}\n\n{SECOND}\n\n".encode() + b"Fin du texte \xff.\n")
    document = read_document(str(page))
    assert [p.text for p in document.paragraphs] == [FIRST, SECOND]
    assert document.skipped == {"bytes that are not text in the file's encoding": 1}
    result = audit(runner, str(page), "-f", "jsonl", "-q")
    assert result.exit_code == 4
    assert (
        "1 byte is not UTF-8" in result.stderr
        and "paragraph 2 holds bytes that are not UTF-8" in result.stderr
    )


def test_too_long_paragraph_is_skipped_and_counted(runner, tmp_path):
    page = tmp_path / "page.txt"
    page.write_text(f"{FIRST}\n\n{SECOND} {THIRD}\n", encoding="utf-8")
    result = audit(runner, str(page), "-f", "jsonl", "-q", "--max-chars", "150")
    assert result.exit_code == 4
    assert "too long: 1" in result.stderr


def test_readme_lists_every_exit_code():
    import re
    from pathlib import Path

    from mtaudit import jobs as codes

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text("utf-8")
    listed = {int(code) for code in re.findall(r"^\| (\d+) \|", readme, re.MULTILINE)}
    defined = {value for name, value in vars(codes).items() if name.startswith("EXIT_")}
    assert listed == defined


# --- item 9: encodings -------------------------------------------------------------------------------


@pytest.mark.parametrize("codec", ["latin-1", "cp1252", "mac_roman"])
def test_legacy_french_encodings_are_decoded_with_a_warning(codec):
    text = f"{FIRST}\n\n{SECOND} « Très bien », a-t-il dit."
    decoded, warning = decode("old.txt", text.encode(codec))
    assert decoded == text
    assert "decoded as" in warning and "iconv -f" in warning and "old.txt" in warning


def test_an_encoding_that_is_not_french_fails_with_a_hint():
    with pytest.raises(InputError) as problem:
        decode("ru.txt", "Привет, как дела? Всё хорошо, спасибо.".encode("cp1251"))
    message = str(problem.value)
    assert (
        "not valid UTF-8" in message and "CP1251" in message and "iconv -f CP1251 -t UTF-8 ru.txt" in message
    )


def test_encoding_option(runner, tmp_path):
    page = tmp_path / "page.txt"
    page.write_bytes(f"{FIRST}\n\n{SECOND}\n".encode("cp1252"))
    result = audit(runner, str(page), "-f", "jsonl", "-q", "--encoding", "cp1252")
    assert result.exit_code == 0 and "warning" not in result.stderr
    assert json.loads(result.stdout.splitlines()[0])["text"] == FIRST


# --- item 6: --max-chars is capped at what the parser takes ------------------------------------------


def test_max_chars_beyond_the_parser_is_a_usage_error(runner, page, no_models):
    result = audit(runner, str(page), "--max-chars", "6000000")
    assert result.exit_code == 2
    assert "Traceback" not in result.output and "--max-chars" in result.output


# --- item 7: what stdin holds ------------------------------------------------------------------------


def test_jsonl_on_stdin_is_sniffed_or_declared(runner):
    lines = "\n".join(
        json.dumps({"id": f"n{i}", "text": t}, ensure_ascii=False) for i, t in enumerate((FIRST, SECOND))
    )
    for extra in ([], ["--stdin-format", "jsonl"]):
        result = audit(runner, "-", "-f", "jsonl", "-q", *extra, input=lines + "\n")
        assert result.exit_code == 0, result.output
        records = [json.loads(line) for line in result.stdout.splitlines()]
        assert [r["id"] for r in records] == ["n0", "n1"] and records[0]["text"] == FIRST
    result = audit(runner, "-", "-f", "jsonl", "-q", "--stdin-format", "text", input=lines + "\n")
    assert json.loads(result.stdout.splitlines()[0])["text"].startswith('{"id"')


def test_html_on_stdin():
    assert sniff_format(f"<!DOCTYPE html><p>{FIRST}</p>") == "html"
    assert sniff_format(f"<p>{FIRST}</p>") == "html"
    assert sniff_format('{"text": "x"}\n') == "jsonl"
    assert sniff_format("{pas du JSON} mais du texte") == "text"
    assert sniff_format(FIRST) == "text"


# --- item 10 (part): argument and path problems before any model loads -------------------------------


def test_empty_input_and_unwritable_output_are_reported_before_models_load(runner, page, tmp_path, no_models):
    empty = tmp_path / "empty.txt"
    empty.touch()
    result = audit(runner, str(empty))
    assert result.exit_code == 1 and "empty file" in result.stderr
    result = audit(runner, str(page), "-o", str(tmp_path / "missing" / "out.jsonl"))
    assert result.exit_code == 2 and "cannot write" in result.stderr
