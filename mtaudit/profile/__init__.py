"""The native-French reference profile: build, save, load, and score paragraphs against it.

Modules: ``ngram`` (Kneser-Ney models), ``features`` (what is measured per sentence and paragraph),
``reference`` (native distributions, z-scores, deviation, percentile), ``store`` (the profile file),
``build`` (``mtaudit profile build``), ``neural`` (optional transformers causal LM), ``stage`` (the
``fluency`` pipeline stage).

Why this language model. The word model is an interpolated modified Kneser-Ney 3-gram estimated here
in Python, with wordfreq's French frequencies as the distribution below the unigrams; the syntax model
is a 4-gram of the same kind over part-of-speech tags with the closed-class words kept as words.
Kneser-Ney is the best-understood smoothing for corpora of a few hundred thousand words (the shipped
corpus has 262k tokens): a causal transformer trained on so little text would not model French better
and would cost far more CPU to train and run. Estimating it in Python keeps a user's own profile one
command away on any machine (about 1.5 minutes on 2 cores for the default corpus), needs no compiled
toolkit (KenLM's ``lmplz`` cannot be built offline, and its query module would need a temporary ARPA
file), stores as a ~3 MB compressed archive, and scores a paragraph in about a millisecond with binary
searches over packed n-gram ids (the fluency stage adds under 10% to an audit). The wordfreq base makes
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
