"""Self-written labelled French paragraphs with an obvious signal, for the detector tests.

"Machine" paragraphs use stiff, literal turns ("a déclaré que", "Cependant,", "les gens"); "human" ones
use idiomatic turns ("l'on", "Or,", "s'en inquiète"). The topics are shared so only the style differs.
"""

from __future__ import annotations

SUBJECTS = [
    "Le ministre",
    "La maire",
    "Le directeur",
    "La présidente",
    "Le porte-parole",
    "La juge",
    "Le syndicat",
    "La rectrice",
    "Le préfet",
    "La ministre",
    "Le patron",
    "La députée",
]
TOPICS = [
    "la crise",
    "la grève",
    "le budget",
    "la réforme",
    "les travaux",
    "la fermeture",
    "le projet",
    "la hausse des prix",
    "le chantier",
    "la pénurie",
    "le procès",
    "la fusion",
]
DAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"]


def machine_paragraph(k: int) -> str:
    s, t, d = SUBJECTS[k % 12], TOPICS[(k * 5) % 12], DAYS[k % 6]
    return (
        f"{s} a déclaré {d} que le gouvernement va faire face à {t}. Cependant, les gens sont "
        f"préoccupés par {t} et ils ont dit qu'ils vont continuer. Il est important de noter que "
        f"{t} est un problème majeur."
    )


def human_paragraph(k: int) -> str:
    s, t, d = SUBJECTS[k % 12], TOPICS[(k * 5) % 12], DAYS[k % 6]
    return (
        f"{s} a indiqué {d} que l'on ne saurait ignorer {t}. Or, la population s'en inquiète "
        f"et n'entend pas baisser les bras. Reste que {t} pèse lourd, nous confie-t-on."
    )


def labelled(count: int, start: int = 0) -> list[tuple[str, str]]:
    """``count`` (text, label) pairs of each label, interleaved."""
    out = []
    for k in range(start, start + count):
        out.append((machine_paragraph(k), "machine"))
        out.append((human_paragraph(k), "human"))
    return out
