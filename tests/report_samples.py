"""Hand-made report records (self-written French, no model involved) for the HTML report tests."""

from __future__ import annotations

from mtaudit.records import Anomaly, ParagraphReport, Reason

SIGNATURE = {
    "mtaudit": "0.1.0",
    "spacy_model": "fr_core_news_sm-3.8.0",
    "analyzers": ["english", "calque", "grammar", "typography", "units"],
    "scorer": {"name": "evidence-noisy-or", "bands": {"machine": 0.7, "human": 0.3}},
}

MACHINE_TEXT = (
    "Le porte-parole a dit que la rencontre va prendre place à Bruxelles dans un effort pour calmer "
    "les marchés, selon le Financial Times."
)
HUMAN_TEXT = (
    "À Lyon, les bouquinistes des quais ont rangé leurs caisses plus tôt que d'habitude, la pluie ayant "
    "chassé les promeneurs."
)
UNCERTAIN_TEXT = 'Le maire a annoncé un "plan vélo" ambitieux pour la rentrée.'
WEATHER_TEXT = "La température atteindra 95 degrés Fahrenheit ce week-end sur la côte."


def span(text: str, phrase: str, kind: str, message: str, severity: str = "minor") -> Anomaly:
    """An anomaly over the first occurrence of ``phrase`` in ``text``."""
    start = text.index(phrase)
    return Anomaly(kind, start, start + len(phrase), phrase, message, severity)


# Nested (``prendre place`` inside the grammar span) and partly overlapping (``dans un effort`` and
# ``un effort pour calmer``) anomalies.
MACHINE_ANOMALIES = [
    span(
        MACHINE_TEXT,
        "va prendre place à Bruxelles",
        "grammar",
        "futur proche where French news uses the future",
        "major",
    ),
    span(MACHINE_TEXT, "prendre place", "calque", "calque of “take place”: « avoir lieu »"),
    span(
        MACHINE_TEXT, "dans un effort", "calque", "calque of “in an effort to”: « pour tenter de »", "major"
    ),
    span(MACHINE_TEXT, "un effort pour calmer", "grammar", "literal construction", "info"),
    span(MACHINE_TEXT, "Financial Times", "english", "English name left as is", "info"),
]


def sample_reports() -> list[ParagraphReport]:
    """Four records of two documents: machine, human, uncertain (all evidence null), machine."""
    return [
        ParagraphReport(
            document="actualites.txt",
            paragraph=0,
            id="actualites.txt:0",
            text=MACHINE_TEXT,
            line=1,
            mt_probability=0.91,
            verdict="machine",
            reasons=[Reason("anomalies.calque", 2.0, 1.13), Reason("roundtrip.chrf", 71.3, 0.52)],
            anomalies=MACHINE_ANOMALIES,
            signature=SIGNATURE,
            fluency={"deviation": 2.41, "percentile": 98.5, "perplexity": 212.7},
            backtranslation=(
                "The spokesperson said the meeting will take place in Brussels in an effort to calm the "
                "markets, according to the Financial Times."
            ),
            roundtrip={
                "text": (
                    "Le porte-parole a déclaré que la réunion aura lieu à Bruxelles dans un effort pour calmer "
                    "les marchés, selon le Financial Times."
                ),
                "chrf": 71.3,
                "bleu": 48.2,
                "ter": 30.0,
            },
        ),
        ParagraphReport(
            document="actualites.txt",
            paragraph=1,
            id="actualites.txt:1",
            text=HUMAN_TEXT,
            line=3,
            mt_probability=0.08,
            verdict="human",
            signature=SIGNATURE,
            fluency={"deviation": -0.3, "percentile": 41.0},
            backtranslation="In Lyon, the booksellers on the quays packed up their boxes earlier than usual.",
            roundtrip={
                "text": "À Lyon, les libraires des quais ont rangé leurs boîtes plus tôt que d'habitude."
            },
        ),
        ParagraphReport(
            document="actualites.txt",
            paragraph=2,
            id="actualites.txt:2",
            text=UNCERTAIN_TEXT,
            line=5,
            mt_probability=0.55,
            verdict="uncertain",
            reasons=[Reason("anomalies.typography", 1.0, 0.05)],
            anomalies=[span(UNCERTAIN_TEXT, '"plan vélo"', "typography", "straight quotes: « guillemets »")],
            signature=SIGNATURE,
        ),
        ParagraphReport(
            document="meteo.txt",
            paragraph=0,
            id="bulletin-7",
            text=WEATHER_TEXT,
            line=None,
            mt_probability=0.78,
            verdict="machine",
            anomalies=[span(WEATHER_TEXT, "95 degrés Fahrenheit", "units", "imperial unit", "major")],
            signature=SIGNATURE,
        ),
    ]


def many_reports(n: int) -> list[ParagraphReport]:
    """``n`` records cycling through the samples (ids and positions renumbered, probabilities spread)."""
    base = sample_reports()
    out = []
    for i in range(n):
        record = ParagraphReport.from_dict(base[i % len(base)].to_dict())
        record.document, record.paragraph, record.id, record.line = "long.txt", i, f"long.txt:{i}", 2 * i + 1
        record.mt_probability = round((record.mt_probability + i * 0.037) % 1.0, 4)
        record.verdict = (
            "machine"
            if record.mt_probability >= 0.7
            else "human"
            if record.mt_probability <= 0.3
            else "uncertain"
        )
        out.append(record)
    return out


SCRIPT = "<script>window.__pwned = 1</script>"
IMAGE = '<img src="https://attacker.invalid/x.png" onerror="window.__pwned = 2">'
HOSTILE = f"{SCRIPT}{IMAGE}"


def hostile_reports() -> list[ParagraphReport]:
    """Records with markup in every field the report shows."""
    text = f"Le texte {HOSTILE} continue ici."
    start = text.index(SCRIPT)
    anomaly = Anomaly(f"english{IMAGE}", start, start + len(SCRIPT), SCRIPT, f"message {HOSTILE}", "major")
    return [
        ParagraphReport(
            document=f"doc{HOSTILE}.txt",
            paragraph=0,
            id=f"id{HOSTILE}",
            text=text,
            line=1,
            mt_probability=0.9,
            verdict="machine",
            reasons=[Reason(f"feature{HOSTILE}", 1.0, 0.5)],
            anomalies=[anomaly],
            signature={"mtaudit": f"0.1{SCRIPT}", f"key{IMAGE}": [f"value{HOSTILE}", {"nested": IMAGE}]},
            fluency={"deviation": 1.0, "percentile": 90.0},
            backtranslation=f"Back {HOSTILE}",
            roundtrip={"text": f"Le texte {IMAGE} continue.", "chrf": 50.0},
        ),
        ParagraphReport(
            document="second.txt",
            paragraph=0,
            id="second.txt:0",
            text="Un paragraphe sans rien de particulier.",
            line=1,
            mt_probability=0.1,
            verdict="human",
            signature={"mtaudit": "0.1.0"},
        ),
    ]
