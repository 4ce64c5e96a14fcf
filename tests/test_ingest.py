"""Reading txt, md, jsonl, html and bad inputs into paragraphs."""

from __future__ import annotations

import pytest

from mtaudit.errors import InputError
from mtaudit.ingest import read_document
from mtaudit.web.extract import HtmlReading


def write(tmp_path, name: str, content: str | bytes):
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return str(path)


def test_blank_line_blocks_are_paragraphs(tmp_path):
    source = write(
        tmp_path, "a.md", "# Titre\n\nPremier paragraphe,\nsur deux lignes.\n\n![](img.png)\n\nSecond.\n"
    )
    doc = read_document(source)
    assert [p.text for p in doc.paragraphs] == ["# Titre", "Premier paragraphe,\nsur deux lignes.", "Second."]
    assert [p.line for p in doc.paragraphs] == [1, 3, 8]
    assert [p.id for p in doc.paragraphs] == [f"{source}:0", f"{source}:1", f"{source}:2"]


def test_without_blank_lines_each_line_is_a_paragraph(tmp_path):
    source = write(tmp_path, "a.txt", "Une ligne.\n![]()\nUne autre ligne.\n<br/>\nLa dernière.")
    doc = read_document(source)
    assert [p.text for p in doc.paragraphs] == ["Une ligne.", "Une autre ligne.", "La dernière."]
    assert [p.index for p in doc.paragraphs] == [0, 1, 2]
    assert [p.line for p in doc.paragraphs] == [1, 3, 5]


def test_jsonl_keeps_ids_and_reports_bad_lines(tmp_path):
    lines = [
        '{"id": "a1", "text": "Bonjour à tous."}',
        "pas du json",
        '{"texte": "x"}',
        '{"text": "Sans id."}',
    ]
    source = write(tmp_path, "a.jsonl", "\n".join(lines) + "\n")
    doc = read_document(source)
    assert [(p.id, p.text) for p in doc.paragraphs] == [
        ("a1", "Bonjour à tous."),
        (f"{source}:1", "Sans id."),
    ]
    assert len(doc.warnings) == 2
    assert doc.warnings[0].startswith(f"{source}:2: invalid JSON")
    assert doc.warnings[1].startswith(f"{source}:3: not an object with a 'text' string")


def test_html_every_element(tmp_path):
    html = (
        "<html><head><title>T</title><style>p{}</style></head><body><nav><ul><li><p>Menu</p></li></ul></nav>"
        "<h1>Un   titre</h1><p>Un <b>texte</b> en<br>gras.</p><script>var p='<p>non</p>';</script>"
        "<blockquote><p>Une citation.</p></blockquote></body></html>"
    )
    doc = read_document(write(tmp_path, "a.html", html), html=HtmlReading(keep_all=True))
    assert [p.text for p in doc.paragraphs] == ["Menu", "Un titre", "Un texte en gras.", "Une citation."]
    assert [p.kind for p in doc.paragraphs] == ["paragraph", "heading", "paragraph", "paragraph"]


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("empty.txt", "", "empty file"),
        ("blank.txt", "  \n\n ", "empty file"),
        ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR", "binary file"),
        (
            "cyrillic.txt",
            "Привет, как дела? Всё хорошо.".encode("cp1251"),
            "not valid UTF-8 (byte 0xcf at offset 0)",
        ),
        ("markup.md", "![]()\n\n---\n", "no paragraph found"),
        ("bad.jsonl", "{not json}\n", "no paragraph could be read (invalid JSON"),
    ],
)
def test_bad_inputs_name_the_file_and_problem(tmp_path, name, content, problem):
    source = write(tmp_path, name, content)
    with pytest.raises(InputError) as error:
        read_document(source)
    assert str(error.value).startswith(f"{source}: ")
    assert problem in str(error.value)


def test_a_file_that_is_one_huge_paragraph_says_why(tmp_path):
    source = write(tmp_path, "huge.txt", "é" * 1_000_000)
    with pytest.raises(InputError) as error:
        read_document(source)
    assert str(error.value) == (
        f"{source}: no paragraph could be read (paragraph 0 is 1,000,000 characters long "
        "(limit 100,000, see --max-chars); skipped)"
    )


def test_missing_path_and_directory(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_document(str(tmp_path / "absent.txt"))
    with pytest.raises(InputError, match="is a directory"):
        read_document(str(tmp_path))


def test_oversized_paragraph_is_skipped_with_a_warning(tmp_path):
    source = write(tmp_path, "big.txt", "Court.\n\n" + "mot " * 300_000 + "\n\nFin.")
    doc = read_document(source)
    assert [p.text for p in doc.paragraphs] == ["Court.", "Fin."]
    assert [p.index for p in doc.paragraphs] == [0, 2]
    assert "paragraph 1 is 1,199,999 characters long" in doc.warnings[0]
