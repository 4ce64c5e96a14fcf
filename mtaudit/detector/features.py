"""What the detector reads of a paragraph: dense stylometric features, a topic-free syntactic skeleton and
the masked text (:mod:`mtaudit.detector.masking`).

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

from spacy.tokens import Doc

from mtaudit.analyzers import ANALYZER_TYPES
from mtaudit.detector.masking import masked_text
from mtaudit.nlp import morph_fields, token_table
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
# Feature names with what each counts, built once.
_FUNCTION_FEATURES = [(f"function.{w}", w) for w in FUNCTION_WORDS]
_PUNCTUATION_FEATURES = [(f"punct.{kind}", kind) for kind in sorted(set(PUNCTUATION.values()))]
_POS_FEATURES = [(f"pos.{tag}", tag) for tag in UPOS]
_DEP_FEATURES = [(f"dep.{label}", label) for label in DEPS]
_VERB_FEATURES = {"Tense", "Mood", "VerbForm"}
_VERB_MORPH_FEATURES = [(f"morph.{k}_{v}".lower(), k, v) for k, v in MORPH if k in _VERB_FEATURES]
_NOMINAL_MORPH_FEATURES = [(f"morph.{k}_{v}".lower(), k, v) for k, v in MORPH if k not in _VERB_FEATURES]


@dataclass(frozen=True)
class DetectorInput:
    """What the detector scores: normalised text, its skeleton, its own features, by stage the features
    of the stages that ran, and its masked text (:mod:`mtaudit.detector.masking`)."""

    text: str
    skeleton: str
    features: dict[str, float]
    stages: dict[str, dict[str, float]] = field(default_factory=dict)
    masked: str = ""

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
        return DetectorInput(self.text, self.skeleton, self.features, kept, self.masked)


def detector_inputs(states: Sequence[ParagraphState]) -> list[DetectorInput]:
    """The detector's input for each analysed paragraph, read from the pipeline's analysis."""
    inputs = []
    for state in states:
        read = _Tokens.of(state.doc)
        inputs.append(
            DetectorInput(
                # the normalised text on one line: line breaks are layout, like the other whitespace
                " ".join(state.view.text.split("\n")),
                _skeleton(read),
                _features(state.doc, read, state.anomalies),
                stage_features(state),
                masked_text(read.forms, read.pos, _FUNCTION_WORD_SET),
            )
        )
    return inputs


def paragraph_features(doc: Doc, anomalies: Iterable[Anomaly]) -> dict[str, float]:
    """The detector's own features of one parsed paragraph (names ``group.name``, values floats)."""
    return _features(doc, _Tokens.of(doc), anomalies)


def skeleton(doc: Doc) -> str:
    """The paragraph with content words replaced by their word class: syntax without the topic.

    Function words and punctuation stay; verbs keep their form, tense and mood; other content words
    become their part of speech: ``Les enfants ont mangé une pomme verte.`` →
    ``les NOUN ont VPartPast une NOUN ADJ .``
    """
    return _skeleton(_Tokens.of(doc))


@dataclass
class _Tokens:
    """A paragraph's tokens (whitespace left out) with what the detector reads of each, read once from the
    paragraph's token table (:func:`mtaudit.nlp.token_table`), never from spaCy's token objects."""

    positions: list[int]  # each token's index in the doc
    texts: list[str]
    lowers: list[str]
    forms: list[str]  # lower case, one quote style
    pos: list[str]
    punct: list[bool]
    morphs: list[dict[str, list[str]]]
    morph_keys: list[int]  # each token's morphological analysis (``morphs[i]`` is its fields)
    deps: list[str]
    lemmas: list[str]
    alpha: list[bool]
    numbers: list[bool]
    sentence_starts: list[bool]

    @classmethod
    def of(cls, doc: Doc) -> _Tokens:
        table = token_table(doc)
        kept = [i for i, space in enumerate(table.is_space) if not space]
        lowers = _pick(table.lower, kept)
        morph_keys = _pick(table.morph, kept)
        return cls(
            kept,
            _pick(table.text, kept),
            lowers,
            list(map(_quotes_neutral, lowers)),
            _pick(table.pos, kept),
            _pick(table.is_punct, kept),
            [morph_fields(doc.vocab, key) for key in morph_keys],
            morph_keys,
            _pick(table.dep, kept),
            _pick(table.lemma, kept),
            _pick(table.is_alpha, kept),
            _pick(table.like_num, kept),
            _pick(table.sent_start, kept),
        )


def _pick(column: list, rows: list[int]) -> list:
    """``[column[i] for i in rows]``."""
    return list(map(column.__getitem__, rows))


def _features(doc: Doc, read: _Tokens, anomalies: Iterable[Anomaly]) -> dict[str, float]:
    words = [i for i, punct in enumerate(read.punct) if not punct]
    n = max(len(words), 1)
    features: dict[str, float] = {}
    features.update(_style(doc, read, words, n))
    features.update(_lexicon(read, words, n))
    function_counts = Counter(read.forms[i] for i in words)
    features.update({name: function_counts[w] / n for name, w in _FUNCTION_FEATURES})
    punctuation = Counter(PUNCTUATION.get(form, "other") for form, p in zip(read.forms, read.punct) if p)
    features.update({name: punctuation[kind] / n for name, kind in _PUNCTUATION_FEATURES})
    pos = Counter(read.pos)
    features.update({name: pos[tag] / (len(read.positions) or 1) for name, tag in _POS_FEATURES})
    deps = Counter(read.deps[i] for i in words)
    features.update({name: deps[label] / n for name, label in _DEP_FEATURES})
    verbs = [i for i in words if read.pos[i] in {"VERB", "AUX"}] or words
    features.update(_morphology(read, verbs, words))
    features.update(_anomaly_rates(anomalies, n))
    return features


def _skeleton(read: _Tokens) -> str:
    return " ".join(map(_skeleton_token, read.forms, read.pos, read.morphs))


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


@lru_cache(maxsize=200_000)
def _quotes_neutral(lower: str) -> str:
    return lower.translate(QUOTES)


def _skeleton_token(form: str, pos: str, morph: dict[str, list[str]]) -> str:
    if pos in CLOSED_POS or form in _FUNCTION_WORD_SET:
        return form
    if pos in {"VERB", "AUX"}:
        return "V" + "".join(morph.get("VerbForm", []) + morph.get("Tense", []) + morph.get("Mood", []))
    return pos


def _style(doc: Doc, read: _Tokens, words: list[int], n: int) -> dict[str, float]:
    is_word = bytearray(len(doc))
    for i in words:
        is_word[read.positions[i]] = 1
    # words per sentence, cut where doc.sents cuts: before every token but the first that starts a sentence
    sentence_lengths = [0] if len(doc) else []
    for k, (starts, word) in enumerate(zip(token_table(doc).sent_start, is_word)):
        if starts and k:
            sentence_lengths.append(0)
        sentence_lengths[-1] += word
    capitalised = sum(
        read.texts[i][:1].isupper() and read.positions[i] > 0 and not read.sentence_starts[i] for i in words
    )
    return {
        **length_statistics(sentence_lengths, [len(read.texts[i]) for i in words], n),
        "style.capitalised": capitalised / n,
        "style.digits": sum(read.numbers[i] for i in words) / n,
        "style.entities": len(doc.ents) / n,
    }


def length_statistics(
    sentence_lengths: Sequence[int], word_lengths: Sequence[int], n: int
) -> dict[str, float]:
    """The length features of a paragraph of ``n`` words: its sentences' lengths in words (mean, variation,
    longest) and its words' lengths in characters."""
    sentences = list(sentence_lengths) or [0]
    mean = sum(sentences) / len(sentences)
    spread = math.sqrt(sum((x - mean) ** 2 for x in sentences) / len(sentences))
    return {
        "style.words_log": math.log(n),
        "style.sentence_mean": mean,
        "style.sentence_cv": spread / mean if mean else 0.0,
        "style.sentence_max": float(max(sentences)),
        "style.word_length": sum(word_lengths) / n,
        "style.long_words": sum(length >= LONG_WORD for length in word_lengths) / n,
    }


def _lexicon(read: _Tokens, words: list[int], n: int) -> dict[str, float]:
    content = [i for i in words if read.pos[i] in CONTENT_POS]
    lemmas = [read.lemmas[i].lower() for i in content]
    zipfs = (zipf_fr(read.lowers[i]) for i in content if read.alpha[i])
    return lexicon_statistics(n, len({read.lowers[i] for i in words}), lemmas, zipfs)


def lexicon_statistics(
    n: int, distinct: int, content: Sequence[str], zipfs: Iterable[float]
) -> dict[str, float]:
    """The ``lexicon.*`` features of a paragraph of ``n`` words, ``distinct`` of them different: variety
    from its ``content`` words (lemmas or forms) and French frequency from their Zipf values ``zipfs``."""
    repeated = Counter(content)
    # A paragraph without content words ("Bonjour !") gets one typical word, i.e. no frequency evidence.
    ordered = sorted(zipfs) or [TYPICAL_ZIPF]
    k = len(ordered)
    mean = sum(ordered) / k
    return {
        "lexicon.type_token": distinct / n,
        "lexicon.herdan": math.log(max(distinct, 1)) / math.log(n) if n > 1 else 1.0,
        "lexicon.content_share": len(content) / n,
        "lexicon.repeated_lemmas": sum(c for c in repeated.values() if c > 1) / max(len(content), 1),
        "lexicon.zipf_mean": mean,
        "lexicon.zipf_sd": math.sqrt(sum((z - mean) ** 2 for z in ordered) / k),
        "lexicon.zipf_p10": ordered[int(0.1 * (k - 1))],
        "lexicon.zipf_median": ordered[(k - 1) // 2],
        "lexicon.rare": sum(z < RARE_ZIPF for z in ordered) / k,
        "lexicon.uncommon": sum(z < UNCOMMON_ZIPF for z in ordered) / k,
        "lexicon.unknown": sum(z == 0 for z in ordered) / k,
    }


def _morphology(read: _Tokens, verbs: list[int], words: list[int]) -> dict[str, float]:
    verb_values = _morph_values(read, verbs)
    features = {
        name: verb_values[key, value] / max(len(verbs), 1) for name, key, value in _VERB_MORPH_FEATURES
    }
    nominal = [i for i in words if read.pos[i] in {"NOUN", "ADJ", "DET", "PRON"}] or words
    nominal_values = _morph_values(read, nominal)
    features.update(
        {
            name: nominal_values[key, value] / max(len(nominal), 1)
            for name, key, value in _NOMINAL_MORPH_FEATURES
        }
    )
    return features


def _morph_values(read: _Tokens, indices: list[int]) -> Counter[tuple[str, str]]:
    """How many of the tokens at ``indices`` have each (field, value) in their morphology (counted per
    distinct analysis: a paragraph's tokens share few)."""
    keys = _pick(read.morph_keys, indices)
    fields = dict(zip(keys, _pick(read.morphs, indices), strict=True))
    counts: Counter[tuple[str, str]] = Counter()
    for key, tokens in Counter(keys).items():
        for name, values in fields[key].items():
            for value in values:
                counts[name, value] += tokens
    return counts


def _anomaly_rates(anomalies: Iterable[Anomaly], n: int) -> dict[str, float]:
    kept = [a for a in anomalies if a.type in ANOMALY_TYPES]
    by_type = Counter(a.type for a in kept)
    by_severity = Counter(a.severity for a in kept)
    features = {f"anomalies.{kind}": 100 * by_type[kind] / n for kind in ANOMALY_TYPES}
    features.update(
        {f"anomalies.{severity}": 100 * by_severity[severity] / n for severity in ("major", "minor")}
    )
    return features
