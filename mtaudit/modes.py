"""Audit modes: the full audit (the default) and the fast filter mode.

``full`` parses every paragraph (tagger, dependency parser, named entities, lemmas) and runs every
analyzer and stage. ``filter`` is for sifting corpora of millions of paragraphs: the text is only
tokenised and cut into sentences (spaCy's tokenizer and its rule-based sentencizer), and the audit keeps
the signals that need no parse: the detector's word and character text models (``ngram.lexical``,
``lm.words``), surface features (:mod:`mtaudit.detector.surface`), lexicon-based source-language
leakage and foreign scripts. It has its own variant in the detector model (trained by the same
``mtaudit train`` run); fluency, back-translation and the parse-based analyzers are not computed, and
their record fields stay null or empty (the signature says so).
"""

from __future__ import annotations

FULL = "full"
FILTER = "filter"
MODES = (FULL, FILTER)

# Analyzers that read only tokens, sentences and lexicons (no tag, lemma, dependency or entity). German
# leakage is not among them: German capitalises every noun, and only the entity recogniser tells its
# names apart.
FILTER_ANALYZERS = ("english", "script")
# What the filter mode leaves out, as the signature says it.
NOT_IN_FILTER_MODE = "not computed in filter mode (no parse)"
