"""What the detector reads of a paragraph: dense stylometric features and a topic-free syntactic skeleton.

Everything here comes from the pipeline's analysis of the paragraph (:class:`ParagraphState`): the parse
of its normalised text (:mod:`mtaudit.view`), its anomalies (typography anomalies left out) and the
stages' typed results, so a paragraph typeset with « guillemets » and non-breaking spaces gets the same
input as its plain form. Nothing is parsed or analysed again.

The detector's own features are named ``group.name``; the stage features (``fluency``, ``roundtrip``)
are kept by stage in :attr:`DetectorInput.stages`, the sets a model can be trained with or without.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

from mtaudit.analyzers import ANALYZER_TYPES
from mtaudit.normalise import QUOTES
from mtaudit.records import Anomaly
from mtaudit.wordlang import zipf_fr

if TYPE_CHECKING:
    from mtaudit.pipeline import ParagraphState

# The stages whose results the detector uses when they ran.
FLUENCY = "fluency"
ROUNDTRIP = "roundtrip"
STAGES = (FLUENCY, ROUNDTRIP)
# Fluency values learned from the detector's own training data (the dev translations): a detector trained
# on them would see them in-sample, far better than they are on new text (AUROC 0.97 in-sample against
# 0.78 held out), and overweight them. The detector learns that evidence itself, from its n-gram models.
FITTED_ON_TRAINING_DATA = frozenset({"mt_style", "deviation"})

_FUNCTION_WORDS_TEXT = (
    "le la les l' un une des du de d' à au aux en dans par pour sur avec sans sous entre vers chez contre "
    "et ou mais donc ni car que qu' qui dont où quoi ce c' cet cette ces ceci cela ça se s' son sa ses "
    "leur leurs lui il elle ils elles on nous vous je j' me m' y ne n' pas plus moins très trop aussi "
    "tout tous toute toutes même si comme lorsque quand alors ainsi cependant toutefois pourtant "
    "également notamment selon après avant depuis pendant lors déjà encore toujours jamais bien "
    "seulement autre autres aucun chaque plusieurs certains est sont a ont était avait été être avoir "
    "fait peut doit"
)
FUNCTION_WORDS = tuple(_FUNCTION_WORDS_TEXT.split())
_FUNCTION_WORD_SET = frozenset(FUNCTION_WORDS)
PUNCTUATION = {
    ",": "comma",
    ";": "semicolon",
    ":": "colon",
    "(": "parenthesis",
    '"': "quote",
    "-": "hyphen",
    "?": "question",
    "!": "exclamation",
    "...": "ellipsis",
    "–": "dash",
    "—": "dash",
}
UPOS = (
    "ADJ",
    "ADP",
    "ADV",
    "AUX",
    "CCONJ",
    "DET",
    "INTJ",
    "NOUN",
    "NUM",
    "PRON",
    "PROPN",
    "PUNCT",
    "SCONJ",
    "SYM",
    "VERB",
    "X",
)
DEPS = (
    "acl",
    "acl:relcl",
    "advcl",
    "advmod",
    "amod",
    "appos",
    "aux:pass",
    "aux:tense",
    "case",
    "cc",
    "ccomp",
    "conj",
    "cop",
    "dep",
    "det",
    "expl:comp",
    "expl:pass",
    "expl:subj",
    "fixed",
    "flat:name",
    "iobj",
    "mark",
    "nmod",
    "nsubj",
    "nsubj:pass",
    "nummod",
    "obj",
    "obl:agent",
    "obl:arg",
    "obl:mod",
    "parataxis",
    "xcomp",
)
MORPH = (
    ("Tense", "Past"),
    ("Tense", "Imp"),
    ("Tense", "Pres"),
    ("Tense", "Fut"),
    ("Mood", "Sub"),
    ("Mood", "Cnd"),
    ("Mood", "Imp"),
    ("VerbForm", "Inf"),
    ("VerbForm", "Part"),
    ("VerbForm", "Ger"),
    ("Number", "Plur"),
    ("Gender", "Fem"),
    ("Person", "1"),
    ("Person", "2"),
)
# Anomaly rates: every analyzer's but typography's (the detector is blind to typography).
ANOMALY_TYPES = tuple(name for name in ANALYZER_TYPES if name != "typography")
CONTENT_POS = frozenset({"NOUN", "VERB", "ADJ", "ADV"})
# Parts of speech whose words are kept as themselves in the skeleton; the others become their tag.
CLOSED_POS = frozenset({"ADP", "AUX", "CCONJ", "DET", "PRON", "SCONJ", "PUNCT"})
RARE_ZIPF = 3.0
TYPICAL_ZIPF = 4.7  # the median Zipf frequency of content words in the dev paragraphs
UNCOMMON_ZIPF = 4.0
LONG_WORD = 10


@dataclass(frozen=True)
class DetectorInput:
    """What the detector scores: normalised text, its skeleton, its own features and, by stage, the
    features of the stages that ran."""

    text: str
    skeleton: str
    features: dict[str, float]
    stages: dict[str, dict[str, float]] = field(default_factory=dict)

    def dense(self) -> dict[str, float]:
        """Every feature by its model name: own features, and stage features as ``stage.name``."""
        flat = dict(self.features)
        for stage, values in self.stages.items():
            flat.update({f"{stage}.{name}": value for name, value in values.items()})
        return flat

    def without_stages(self, stages: Iterable[str] | None = None) -> DetectorInput:
        """The same paragraph without the features of ``stages`` (default: of every stage)."""
        dropped = set(self.stages if stages is None else stages)
        kept = {stage: values for stage, values in self.stages.items() if stage not in dropped}
        return DetectorInput(self.text, self.skeleton, self.features, kept)


def detector_inputs(states: Sequence[ParagraphState]) -> list[DetectorInput]:
    """The detector's input for each analysed paragraph, read from the pipeline's analysis."""
    return [
        DetectorInput(
            # the normalised text on one line: line breaks are layout, like the other whitespace
            " ".join(state.view.text.split("\n")),
            skeleton(state.doc),
            paragraph_features(state.doc, state.anomalies),
            stage_features(state),
        )
        for state in states
    ]


def paragraph_features(doc: Doc, anomalies: Iterable[Anomaly]) -> dict[str, float]:
    """The detector's own features of one parsed paragraph (names ``group.name``, values floats)."""
    tokens = [t for t in doc if not t.is_space]
    words = [t for t in tokens if not t.is_punct]
    n = max(len(words), 1)
    features: dict[str, float] = {}
    features.update(_style(doc, tokens, words, n))
    features.update(_lexicon(words, n))
    function_counts = Counter(_form(t) for t in words)
    features.update({f"function.{w}": function_counts[w] / n for w in FUNCTION_WORDS})
    punctuation = Counter(PUNCTUATION.get(_form(t), "other") for t in tokens if t.is_punct)
    features.update({f"punct.{name}": punctuation[name] / n for name in sorted(set(PUNCTUATION.values()))})
    pos = Counter(t.pos_ for t in tokens)
    features.update({f"pos.{tag}": pos[tag] / len(tokens or [1]) for tag in UPOS})
    deps = Counter(t.dep_ for t in words)
    features.update({f"dep.{label}": deps[label] / n for label in DEPS})
    verbs = [t for t in words if t.pos_ in {"VERB", "AUX"}] or words
    features.update(_morphology(verbs, words))
    features.update(_anomaly_rates(anomalies, n))
    return features


def skeleton(doc: Doc) -> str:
    """The paragraph with content words replaced by their word class: syntax without the topic.

    Function words and punctuation stay; verbs keep their form, tense and mood; other content words
    become their part of speech: ``Les enfants ont mangé une pomme verte.`` →
    ``les NOUN ont VPartPast une NOUN ADJ .``
    """
    return " ".join(_skeleton_token(t) for t in doc if not t.is_space)


def stage_features(state: ParagraphState) -> dict[str, dict[str, float]]:
    """The features of the stages that ran on the paragraph, by stage (finite numbers only)."""
    from mtaudit.translation.roundtrip import roundtrip_features

    stages: dict[str, dict[str, float]] = {}
    if state.fluency is not None:
        stages[FLUENCY] = _finite(
            {k: v for k, v in state.fluency.features.items() if k not in FITTED_ON_TRAINING_DATA}
        )
    if state.backtranslation is not None:
        stages[ROUNDTRIP] = _finite(roundtrip_features(state.backtranslation))
    return stages


def _finite(values: dict[str, float]) -> dict[str, float]:
    return {k: float(v) for k, v in values.items() if math.isfinite(v)}


def _form(token: Token) -> str:
    return _quotes_neutral(token.lower_)


@lru_cache(maxsize=200_000)
def _quotes_neutral(lower: str) -> str:
    return lower.translate(QUOTES)


@lru_cache(maxsize=4096)
def _morph_fields(morph: str) -> dict[str, list[str]]:
    """Each field of a token's morphology (``Mood=Ind|Person=1,3``) with its values, as
    ``MorphAnalysis.get`` gives them (read once per distinct analysis: ``get`` re-parses it per call)."""
    fields = {}
    for feature in morph.split("|"):
        name, _, values = feature.partition("=")
        if values:
            fields[name] = values.split(",")
    return fields


def _morph(token: Token) -> dict[str, list[str]]:
    return _morph_fields(str(token.morph))


def _skeleton_token(token: Token) -> str:
    form = _form(token)
    if token.pos_ in CLOSED_POS or form in _FUNCTION_WORD_SET:
        return form
    if token.pos_ in {"VERB", "AUX"}:
        morph = _morph(token)
        return "V" + "".join(morph.get("VerbForm", []) + morph.get("Tense", []) + morph.get("Mood", []))
    return token.pos_


def _style(doc: Doc, tokens: list[Token], words: list[Token], n: int) -> dict[str, float]:
    lengths = [sum(1 for t in sent if not (t.is_space or t.is_punct)) for sent in doc.sents] or [0]
    mean = sum(lengths) / len(lengths)
    spread = math.sqrt(sum((x - mean) ** 2 for x in lengths) / len(lengths))
    chars = [len(t.text) for t in words] or [0]
    return {
        "style.words_log": math.log(n),
        "style.sentence_mean": mean,
        "style.sentence_cv": spread / mean if mean else 0.0,
        "style.sentence_max": float(max(lengths)),
        "style.word_length": sum(chars) / n,
        "style.long_words": sum(c >= LONG_WORD for c in chars) / n,
        "style.capitalised": sum(t.text[:1].isupper() and t.i > 0 and not t.is_sent_start for t in words) / n,
        "style.digits": sum(t.like_num for t in words) / n,
        "style.entities": len(doc.ents) / n,
    }


def _lexicon(words: list[Token], n: int) -> dict[str, float]:
    forms = [t.lower_ for t in words]
    lemmas = [t.lemma_.lower() for t in words if t.pos_ in CONTENT_POS]
    lemma_counts = Counter(lemmas)
    # A paragraph without content words ("Bonjour !") gets one typical word, i.e. no frequency evidence.
    zipfs = sorted(zipf_fr(t.lower_) for t in words if t.pos_ in CONTENT_POS and t.is_alpha) or [TYPICAL_ZIPF]
    k = len(zipfs)
    mean = sum(zipfs) / k
    distinct = len(set(forms))
    return {
        "lexicon.type_token": distinct / n,
        "lexicon.herdan": math.log(max(distinct, 1)) / math.log(n) if n > 1 else 1.0,
        "lexicon.content_share": len(lemmas) / n,
        "lexicon.repeated_lemmas": sum(c for c in lemma_counts.values() if c > 1) / max(len(lemmas), 1),
        "lexicon.zipf_mean": mean,
        "lexicon.zipf_sd": math.sqrt(sum((z - mean) ** 2 for z in zipfs) / k),
        "lexicon.zipf_p10": zipfs[int(0.1 * (k - 1))],
        "lexicon.zipf_median": zipfs[(k - 1) // 2],
        "lexicon.rare": sum(z < RARE_ZIPF for z in zipfs) / k,
        "lexicon.uncommon": sum(z < UNCOMMON_ZIPF for z in zipfs) / k,
        "lexicon.unknown": sum(z == 0 for z in zipfs) / k,
    }


def _morphology(verbs: list[Token], words: list[Token]) -> dict[str, float]:
    verb_values = _morph_values(verbs)
    features = {
        f"morph.{key}_{value}".lower(): verb_values[key, value] / max(len(verbs), 1)
        for key, value in MORPH
        if key in {"Tense", "Mood", "VerbForm"}
    }
    nominal = [t for t in words if t.pos_ in {"NOUN", "ADJ", "DET", "PRON"}] or words
    nominal_values = _morph_values(nominal)
    features.update(
        {
            f"morph.{key}_{value}".lower(): nominal_values[key, value] / max(len(nominal), 1)
            for key, value in MORPH
            if key not in {"Tense", "Mood", "VerbForm"}
        }
    )
    return features


def _morph_values(tokens: list[Token]) -> Counter[tuple[str, str]]:
    """How many of ``tokens`` have each (field, value) in their morphology."""
    return Counter((name, value) for t in tokens for name, values in _morph(t).items() for value in values)


def _anomaly_rates(anomalies: Iterable[Anomaly], n: int) -> dict[str, float]:
    kept = [a for a in anomalies if a.type in ANOMALY_TYPES]
    by_type = Counter(a.type for a in kept)
    by_severity = Counter(a.severity for a in kept)
    features = {f"anomalies.{kind}": 100 * by_type[kind] / n for kind in ANOMALY_TYPES}
    features.update(
        {f"anomalies.{severity}": 100 * by_severity[severity] / n for severity in ("major", "minor")}
    )
    return features
