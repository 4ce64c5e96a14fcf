"""The native-French reference profile: build, save, load, and score paragraphs against it.

Modules: ``ngram`` (Kneser-Ney models), ``features`` (what is measured per sentence and paragraph),
``style`` (the machine-translation style table), ``reference`` (native distributions, z-scores,
deviation, percentile), ``weights`` (the learned weights file), ``learn`` (learning the weights from
labelled translations), ``store`` (the profile file), ``build`` (``mtaudit profile build``), ``neural``
(optional transformers causal LM), ``stage`` (the ``fluency`` pipeline stage).

Two kinds of data, kept apart. A *profile* is built from native French only (the default one from
../shared/data/human; a user's own corpus will do): the models and each feature's native distribution.
The *weights* (``mtaudit/data/fluency-weights.json``) are learned once from labelled machine and human
translations (``python3 scripts/fluency_weights.py``, on the project's dev data): which way each
feature points towards machine translation, and the style table. A profile takes a copy of the weights
it is built with, so that its native distribution of the deviation matches them.

Why this language model. The word model is an interpolated modified Kneser-Ney 3-gram estimated here
in Python, with wordfreq's French frequencies as the distribution below the unigrams; the syntax model
is a 4-gram of the same kind over part-of-speech tags with the closed-class words kept as words.
Kneser-Ney is the best-understood smoothing for corpora of a few hundred thousand words (the shipped
corpus has 262k tokens): a causal transformer trained on so little text would not model French better
and would cost far more CPU to train and run. Estimating it in Python keeps a user's own profile one
command away on any machine (about 1.5 minutes on 2 cores for the default corpus), needs no compiled
toolkit (KenLM's ``lmplz`` cannot be built offline, and its query module would need a temporary ARPA
file), stores as a ~3 MB compressed archive, and scores a paragraph in about a millisecond with binary
searches over packed n-gram ids (the fluency stage adds about 10% to an audit). The wordfreq base makes
an unseen but ordinary French word far less surprising than an English one. Users who have a real
causal LM can add its perplexity with ``mtaudit profile build --fluency-model``.
"""

from mtaudit.profile.build import BuildSummary, build_profile
from mtaudit.profile.stage import FluencyStage, fluency_stage
from mtaudit.profile.store import Profile, default_profile_path, load_profile

__all__ = [
    "BuildSummary",
    "FluencyStage",
    "Profile",
    "build_profile",
    "default_profile_path",
    "fluency_stage",
    "load_profile",
]
