"""Reasons in plain words: what a detector feature says about a paragraph, for an editor.

:func:`explain` turns a feature name (``ngram.lexical``, ``punct.hyphen``, ``style.sentence_cv``…), the
sign of its contribution (positive pushes towards machine translation) and, for measured features,
whether the paragraph's value is above or below the training average, into a short phrase such as
"word sequences typical of machine translation" or "unusually uniform sentence lengths".
"""

from __future__ import annotations

MACHINE = "machine translation"
HUMAN = "human writing"

# Text models: the phrase is completed with "typical of machine translation" or "… of human writing".
TEXT_MODELS = {
    "ngram.lexical": "word sequences",
    "ngram.masked": "phrasings",
    "lm.words": "word choices",
    "lm.skeleton": "grammatical patterns",
}
ANOMALIES = {
    "english": "untranslated English",
    "calque": "word-for-word calques of English",
    "duplication": "repeated or garbled passages",
    "capitalization": "English-style capital letters",
    "grammar": "grammar slips typical of machine translation",
    "units": "imperial units or English number formats",
    "typography": "non-French typography",
    "script": "passages in another script",
    "leakage": "text left in the source language",
    "major": "serious translation errors",
    "minor": "minor translation slips",
}
SENTENCE_LENGTH = ("sentence length", "short sentences", "long sentences")
SENTENCE_VARIATION = (
    "variation of sentence length",
    "unusually uniform sentence lengths",
    "very uneven sentence lengths",
)
# Measured features: (what is measured, phrase when low, phrase when high).
MEASURES: dict[str, tuple[str, str, str]] = {
    "style.sentence_cv": SENTENCE_VARIATION,
    "style.sentence_mean": SENTENCE_LENGTH,
    "style.sentence_max": ("longest sentence", "no long sentence", "a very long sentence"),
    "style.word_length": ("word length", "short words", "long words"),
    "style.long_words": ("long words", "few long words", "many long words"),
    "style.capitalised": ("capitalised words", "few capitalised words", "many capitalised words"),
    "style.digits": ("numbers", "few numbers", "many numbers"),
    "style.entities": ("names of people, places and organisations", "few names", "many names"),
    "style.words_log": ("paragraph length", "a short paragraph", "a long paragraph"),
    "lexicon.type_token": ("vocabulary variety", "repetitive vocabulary", "varied vocabulary"),
    "lexicon.herdan": ("vocabulary variety", "repetitive vocabulary", "varied vocabulary"),
    "lexicon.repeated_lemmas": ("repeated words", "few repeated words", "many repeated words"),
    "lexicon.rare": ("rare words", "few rare words", "many rare words"),
    "lexicon.uncommon": ("uncommon words", "few uncommon words", "many uncommon words"),
    "lexicon.unknown": ("unknown words", "few unknown words", "many unknown words"),
    "lexicon.content_share": ("content words", "few content words", "dense content words"),
    "lexicon.zipf_mean": ("how common the words are", "uncommon wording", "very common wording"),
    "lexicon.zipf_median": ("how common the words are", "uncommon wording", "very common wording"),
    "lexicon.zipf_p10": ("the rarest words", "some very rare words", "no very rare word"),
    "lexicon.zipf_sd": ("spread of word frequencies", "even word frequencies", "very mixed word frequencies"),
    "fluency.lm_log_perplexity": (
        "predictability for native French",
        "wording as predictable as native French",
        "wording unlike native French",
    ),
    "fluency.lm_worst_sentence_log_perplexity": (
        "least native-like sentence",
        "every sentence reads natively",
        "a sentence unlike native French",
    ),
    "fluency.pos_log_perplexity": (
        "grammar patterns for native French",
        "grammar patterns of native French",
        "grammar patterns unlike native French",
    ),
    "fluency.oov_rate": (
        "words unknown to native French",
        "few words unknown to native French",
        "words unknown to native French",
    ),
    "fluency.sentence_length_mean": SENTENCE_LENGTH,
    "fluency.sentence_length_sd": SENTENCE_VARIATION,
    "fluency.lexical_variety": ("vocabulary variety", "repetitive vocabulary", "varied vocabulary"),
    "fluency.comma_rate": ("commas", "fewer commas than native French", "more commas than native French"),
    "fluency.punctuation_rate": (
        "punctuation",
        "less punctuation than native French",
        "more punctuation than native French",
    ),
    "fluency.function_word_rate": (
        "small grammatical words",
        "fewer small grammatical words (le, de, que…) than native French",
        "more small grammatical words (le, de, que…) than native French",
    ),
    "fluency.rare_word_rate": (
        "rare words",
        "fewer rare words than native French",
        "more rare words than native French",
    ),
    "fluency.zipf_mean": (
        "how common the words are",
        "less common words than native French",
        "more common words than native French",
    ),
    "fluency.lm_seen_trigram_rate": (
        "familiar three-word sequences",
        "few three-word sequences familiar from native French",
        "many three-word sequences familiar from native French",
    ),
    "fluency.lm_surprise_sd": (
        "evenness of the wording",
        "evenly predictable wording",
        "wording with surprising turns",
    ),
    "fluency.lm_context_gain": (
        "how much context predicts each word",
        "words that follow loosely from their context",
        "words that follow closely from their context",
    ),
    "fluency.pos_context_gain": (
        "how much context predicts the grammar",
        "grammar that follows loosely from its context",
        "grammar that follows closely from its context",
    ),
    "roundtrip.chrf": (
        "similarity after a round trip through English",
        "text changed by a round trip through English",
        "text that survives a round trip through English almost unchanged",
    ),
    "roundtrip.length_ratio": (
        "length after a round trip through English",
        "text shortened by a round trip",
        "text lengthened by a round trip",
    ),
    "roundtrip.untranslated_share": (
        "words the translator left in French",
        "words all translated",
        "words the translator left in French",
    ),
}
PUNCTUATION = {
    "hyphen": "hyphens", "dash": "dashes", "parenthesis": "parentheses", "quote": "quotation marks",
    "comma": "commas", "colon": "colons", "semicolon": "semicolons", "ellipsis": "ellipses",
    "exclamation": "exclamation marks", "question": "question marks",
}  # fmt: skip
PARTS_OF_SPEECH = {
    "ADJ": "adjectives", "ADP": "prepositions", "ADV": "adverbs", "AUX": "auxiliary verbs",
    "CCONJ": "coordinating conjunctions", "DET": "determiners", "INTJ": "interjections", "NOUN": "nouns",
    "NUM": "numerals", "PRON": "pronouns", "PROPN": "proper names", "PUNCT": "punctuation",
    "SCONJ": "subordinating conjunctions", "SYM": "symbols", "VERB": "verbs", "X": "foreign or unclassified words",
}  # fmt: skip
DEPENDENCIES = {
    "nsubj:pass": "passive", "aux:pass": "passive", "obl:agent": "passive (par …)", "acl:relcl": "relative-clause",
    "appos": "apposition", "conj": "coordination", "cc": "coordination", "amod": "adjective",
    "nmod": "noun-complement (de …)", "advcl": "adverbial-clause", "ccomp": "that-clause", "xcomp": "infinitive-complement",
    "parataxis": "juxtaposition", "flat:name": "multi-word name", "expl:subj": "impersonal (il …)",
}  # fmt: skip
MORPHOLOGY = {
    "gender_fem": "feminine forms", "mood_cnd": "the conditional", "mood_imp": "imperatives",
    "mood_sub": "the subjunctive", "number_plur": "plural forms", "person_1": "first-person forms",
    "person_2": "second-person forms", "tense_fut": "the future tense", "tense_imp": "the imperfect tense",
    "tense_past": "past participles", "tense_pres": "the present tense", "verbform_ger": "gerunds (en …-ant)",
    "verbform_inf": "infinitives", "verbform_part": "participles",
}  # fmt: skip


def explain(feature: str, contribution: float, above_average: bool | None = None) -> str:
    """``feature`` in plain words, pointing to machine translation or human writing by ``contribution``.

    ``above_average`` (None when unknown) says whether the paragraph's value is above the average of the
    detector's training paragraphs; it picks "high"/"low" phrasing for measured features.
    """
    towards = MACHINE if contribution > 0 else HUMAN
    if feature in TEXT_MODELS:
        return f"{TEXT_MODELS[feature]} typical of {towards}"
    if feature == "length.too_short":
        return "too short to judge"
    if feature == "evidence.major_anomalies":
        return "serious translation errors, each strong evidence on its own"
    group, _, name = feature.partition(".")
    if group == "anomalies":
        return ANOMALIES.get(name, f"{name} anomalies")
    if feature in MEASURES:
        what, low, high = MEASURES[feature]
        if above_average is None:
            return f"{what}, more like {towards}"
        return f"{high if above_average else low}, more like {towards}"
    subject = _subject(group, name)
    if subject is None:
        return f"{feature.replace('.', ' ').replace('_', ' ')}, more like {towards}"
    amount = "" if above_average is None else ("frequent " if above_average else "rare ")
    return f"{amount}use of {subject}, more like {towards}"


def _subject(group: str, name: str) -> str | None:
    """What a counted feature counts, in words: ``punct.hyphen`` → "hyphens"."""
    if group == "function":
        return f"the word «{name}»"
    if group == "punct":
        return PUNCTUATION.get(name, f"{name}s")
    if group == "pos":
        return PARTS_OF_SPEECH.get(name, name)
    if group == "dep":
        return f"{DEPENDENCIES.get(name, name)} constructions"
    if group == "morph":
        return MORPHOLOGY.get(name, name.replace("_", " "))
    return None
