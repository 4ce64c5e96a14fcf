"""Typography can neither help nor hurt: the same paragraphs typeset the French way or plainly get the
same mt_probability from the full audit that `mtaudit audit` runs (every stage on)."""

from __future__ import annotations

import json

import pytest

from mtaudit.cli import app

pytestmark = pytest.mark.slow

# Self-written paragraphs, plain form: straight quotes, no space before ; : ! ?
PLAIN = [
    'Le maire a déclaré: "Nous rouvrirons la piscine en juin." Les habitants attendent des précisions.',
    "Qu'en pensent les commerçants? Ils craignent l'hiver; certains ont déjà fermé boutique!",
    "L'entreprise a confirmé l'information: le site emploiera deux cents personnes d'ici l'an prochain.",
    "\"C'est une bonne nouvelle\", a estimé la présidente de l'association, qui suit le dossier depuis le début.",
    "Pourquoi attendre? La commission se réunira mardi; elle rendra son avis avant la fin du mois.",
]


def typeset(text: str) -> str:
    """``text`` typeset the French way: « » with no-break spaces, ’, thin no-break space before ; ! ?
    and a no-break space before the colon."""
    quoted = text.split('"')
    text = "".join(part if k % 2 == 0 else f"«\u00a0{part}\u00a0»" for k, part in enumerate(quoted))
    text = text.replace("'", "\u2019").replace(":", "\u00a0:")
    for mark in ";!?":
        text = text.replace(mark, "\u202f" + mark)
    return text


def audit(runner, path, models) -> list[dict]:
    result = runner.invoke(app, ["audit", str(path), "--format", "jsonl", "--no-cache", "-q", *models])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_typeset_and_plain_paragraphs_get_identical_probabilities(runner, tmp_path, tiny_marian):
    plain, french = tmp_path / "plain.txt", tmp_path / "typeset.txt"
    plain.write_text("\n\n".join(PLAIN) + "\n", encoding="utf-8")
    french.write_text("\n\n".join(map(typeset, PLAIN)) + "\n", encoding="utf-8")
    assert typeset(PLAIN[0]) != PLAIN[0] and "\u202f?" in typeset(PLAIN[1])
    models = ["--mt-model-fr-en", str(tiny_marian), "--mt-model-en-fr", str(tiny_marian)]
    plain_records, typeset_records = audit(runner, plain, models), audit(runner, french, models)

    assert len(plain_records) == len(typeset_records) == len(PLAIN)
    signature = plain_records[0]["signature"]
    assert signature["backtranslation"]["status"] == "ok" and "fluency" in signature
    assert signature["scorer"]["name"] == "detector"
    for p, t in zip(plain_records, typeset_records, strict=True):
        assert t["mt_probability"] == p["mt_probability"]
        assert t["verdict"] == p["verdict"]
        assert t["reasons"] == p["reasons"]
        assert t["roundtrip"]["chrf"] == p["roundtrip"]["chrf"]
        assert t["fluency"]["deviation"] == p["fluency"]["deviation"]
        # the records still show and point into each file's own text
        for anomaly in t["anomalies"]:
            assert t["text"][anomaly["start"] : anomaly["end"]] == anomaly["text"]
        sentence = t["fluency"]["least_fluent_sentence"]
        assert t["text"][sentence["start"] : sentence["end"]] == sentence["text"]
