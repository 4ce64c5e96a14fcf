"""Learn the fluency weights from labelled machine and human translations, against a native corpus.

The labelled paragraphs come in *groups* that are held out together (the dev data's years: never split a
year, whose paragraphs share stories). Two things are learned:

1. the machine-translation style table (:mod:`mtaudit.profile.style`) from all labelled paragraphs;
2. the deviation's feature weights: a logistic regression (L2, C = 0.1) of machine vs human on the
   paragraphs' z-scores against the native corpus, clipped to ±3 as in the deviation. The ``mt_style``
   input of each paragraph is measured with a style table learned **without its group**, so that the
   regression weighs ``mt_style`` as it will behave on unseen text (on its own training text the table
   is far too good). The other features' z-scores use the native corpus's models and reference, exactly
   as a profile built from that corpus would.

The regression's intercept is dropped (see :mod:`mtaudit.profile.reference`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from spacy.tokens import Doc

from mtaudit.errors import MtauditError
from mtaudit.profile.build import MeasuredCorpus, Progress, corpus_sentences, reference_values
from mtaudit.profile.features import FEATURES, SentenceStats, paragraph_features, sentence_stats
from mtaudit.profile.reference import LEARNED_CLIP, Reference
from mtaudit.profile.style import MIN_COUNT, SMOOTHING, estimate_style
from mtaudit.profile.weights import FluencyWeights

REGULARIZATION = 0.1  # inverse L2 strength of the logistic regression (scikit-learn's C)
DIGITS = 5


@dataclass
class LabelledParagraph:
    """A parsed paragraph, whether it is machine translation, and the group it is held out with."""

    doc: Doc
    machine: bool
    group: str


def learn_weights(
    labelled: Sequence[LabelledParagraph],
    native: MeasuredCorpus,
    learned_from: dict | None = None,
    progress: Progress | None = None,
) -> FluencyWeights:
    """Learn the style table and the feature weights (see the module docstring)."""
    report = progress or (lambda step, done, total: None)
    groups = sorted({p.group for p in labelled})
    machine = np.array([p.machine for p in labelled])
    if len(groups) < 2 or machine.all() or not machine.any():
        raise MtauditError(
            "learning the fluency weights needs machine and human paragraphs from at least 2 groups"
        )
    stats = [
        [sentence_stats(s, native.word_lm, native.syntax_lm) for _, s in corpus_sentences([[p.doc]])]
        for p in labelled
    ]
    features = list(FEATURES)
    rows = np.zeros((len(labelled), len(features)))
    for done, group in enumerate(groups):
        report("learning the weights (one group held out at a time)", done, len(groups))
        inside = np.array([p.group == group for p in labelled])
        style = _style_table(stats, machine, ~inside)
        values, lengths = reference_values(native, features, style)
        reference = Reference.fit(features, values, lengths)
        for i in np.flatnonzero(inside):
            z = reference.z_scores(paragraph_features(stats[i], style), sum(s.tokens for s in stats[i]))
            rows[i] = [z[name] for name in features]
    report("learning the weights (one group held out at a time)", len(groups), len(groups))
    from sklearn.linear_model import LogisticRegression

    regression = LogisticRegression(C=REGULARIZATION, max_iter=5000)
    regression.fit(np.clip(rows, -LEARNED_CLIP, LEARNED_CLIP), machine)
    style = _style_table(stats, machine, np.ones(len(labelled), dtype=bool))
    counts = {"machine": int(machine.sum()), "human": int((~machine).sum()), "groups": groups}
    return FluencyWeights(
        combination={
            name: round(float(w), DIGITS) for name, w in zip(features, regression.coef_[0], strict=True)
        },
        style={token: round(w, DIGITS) for token, w in style.items()},
        learned_from={**(learned_from or {}), "paragraphs": counts},
        settings={
            "regularization": REGULARIZATION,
            "learned_clip": LEARNED_CLIP,
            "style_smoothing": SMOOTHING,
            "style_min_count": MIN_COUNT,
        },
    )


def _style_table(stats: list[list[SentenceStats]], machine: np.ndarray, use: np.ndarray) -> dict[str, float]:
    """The style table of the paragraphs selected by ``use``."""

    def sentences(side: bool) -> list[list[str]]:
        return [s.style_tokens for i in np.flatnonzero(use & (machine == side)) for s in stats[i]]

    return estimate_style(sentences(True), sentences(False))
