"""The Python API: ``from mtaudit import Auditor, AuditSettings``, load once, score many."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

README = Path(__file__).resolve().parents[1] / "README.md"


def readme_example() -> str:
    """The Python code block of the README's 'Python API' section."""
    section = README.read_text("utf-8").split("## Python API", 1)[1].split("\n## ", 1)[0]
    return re.search(r"```python\n(.*?)```", section, re.DOTALL).group(1)


def test_import_is_light():
    code = "import sys, mtaudit; print(sorted(m for m in ('spacy', 'torch', 'numpy') if m in sys.modules))"
    shown = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert shown.stdout.strip() == "[]"


def test_unknown_name_is_an_attribute_error():
    import mtaudit

    with pytest.raises(AttributeError):
        _ = mtaudit.NotAThing


@pytest.mark.slow
def test_readme_example_runs(capsys):
    exec(compile(readme_example(), "README.md", "exec"), {})
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in lines] == ["a", "b"]
    assert all(line.split()[1] in ("machine", "human", "uncertain") for line in lines)


@pytest.fixture(scope="module")
def api_auditor():
    from mtaudit import Auditor, AuditSettings

    return Auditor.load(AuditSettings(translation=None))


TEXTS = [
    "La bibliothèque du quartier ouvrira ses portes le samedi matin dès le mois prochain.",
    "Nous avons besoin de prendre une décision sur le budget avant la fin de la semaine prochaine.",
    "Le café de la gare a changé de propriétaire, mais la terrasse reste ouverte tout l'été.",
]


@pytest.mark.slow
def test_records_match_the_command_line(api_auditor, tmp_path, runner):
    from mtaudit.cli import app
    from mtaudit.records import ParagraphReport

    records = api_auditor.audit_texts(TEXTS, ids=["x", "y", "z"])
    assert all(isinstance(r, ParagraphReport) for r in records)
    source = tmp_path / "texts.jsonl"
    source.write_text("".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in zip("xyz", TEXTS)))
    result = runner.invoke(app, ["audit", str(source), "-f", "jsonl", "--no-backtranslation", "-q"])
    assert result.exit_code == 0, result.output
    written = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert [r["id"] for r in written] == ["x", "y", "z"]
    for mine, theirs in zip(records, written):
        mine = mine.to_dict()
        for key in ("text", "mt_probability", "verdict", "reasons", "anomalies", "fluency"):
            assert mine[key] == theirs[key], key


@pytest.mark.slow
def test_default_ids_and_mismatched_ids(api_auditor):
    records = api_auditor.audit_texts(TEXTS[:2])
    assert [r.id for r in records] == ["texts:0", "texts:1"]
    assert [r.paragraph for r in records] == [0, 1]
    with pytest.raises(ValueError, match="1 ids for 2 texts"):
        api_auditor.audit_texts(TEXTS[:2], ids=["only"])
