"""Translationese features: traces of the source language and of literal translation, whatever the system.

Machine translation follows the source sentence more closely than a human translator does: it keeps the
source's word order and sentence openings, its adjectives in front of nouns, its possessives, and it
rarely uses the French turns that have no word-for-word source (subject inversion, clefts). It is also
more consistent and more repetitive from one sentence to the next. These features measure that on the
parse, topic-free; benchmarks/detector_generalisation.py measures what each adds on unseen systems.
"""

from __future__ import annotations

import itertools

from spacy.tokens import Doc, Span, Token

CONTENT = frozenset({"NOUN", "VERB", "ADJ", "ADV", "PROPN"})
SUBJECTS = frozenset({"nsubj", "nsubj:pass", "expl:subj"})
NAMES = (
    "adjective_before_noun",
    "subject_inversion",
    "subject_first",
    "pronoun_subjects",
    "possessives",
    "cleft",
    "adverbial_opening",
    "adjacent_overlap",
    "dependency_distance",
    "tree_depth",
)


def translationese_features(doc: Doc) -> dict[str, float]:
    """``transl.*`` features of one parsed paragraph (shares and means; 0 where nothing to count)."""
    sentences = [s for s in doc.sents if any(not t.is_punct and not t.is_space for t in s)]
    words = [t for t in doc if not (t.is_punct or t.is_space)]
    adjectives = [t for t in words if t.dep_ == "amod" and t.pos_ == "ADJ" and t.head.pos_ == "NOUN"]
    subjects = [t for t in words if t.dep_ in SUBJECTS and t.head.pos_ in {"VERB", "AUX", "ADJ", "NOUN"}]
    nouns = [t for t in words if t.pos_ == "NOUN"]
    values = {
        "adjective_before_noun": _share(adjectives, lambda t: t.i < t.head.i),
        "subject_inversion": _share(subjects, lambda t: t.i > t.head.i and t.pos_ != "PRON"),
        "subject_first": _share(sentences, _opens_with_subject),
        "pronoun_subjects": _share(subjects, lambda t: t.pos_ == "PRON"),
        "possessives": _share(nouns, lambda n: any("Yes" in c.morph.get("Poss") for c in n.children)),
        "cleft": _share(sentences, _is_cleft),
        "adverbial_opening": _share(sentences, _opens_with_adverbial),
        "adjacent_overlap": _adjacent_overlap(sentences),
        "dependency_distance": _mean([abs(t.i - t.head.i) for t in words if t.head is not t]),
        "tree_depth": _mean([_depth(s.root) for s in sentences]),
    }
    return {f"transl.{name}": values[name] for name in NAMES}


def _share(items, test) -> float:
    return sum(1 for item in items if test(item)) / len(items) if items else 0.0


def _mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def _first_word(sentence: Span) -> Token | None:
    return next((t for t in sentence if not (t.is_punct or t.is_space)), None)


def _opens_with_subject(sentence: Span) -> bool:
    first = _first_word(sentence)
    return first is not None and any(
        a.dep_ in SUBJECTS and a.left_edge.i <= first.i for a in [first, *first.ancestors]
    )


def _opens_with_adverbial(sentence: Span) -> bool:
    """The sentence starts with an adverb, a prepositional phrase or a clause before its subject."""
    first = _first_word(sentence)
    if first is None:
        return False
    return any(
        a.dep_ in {"advmod", "obl:mod", "advcl", "obl"} for a in [first, *first.ancestors] if a.head is not a
    )


def _is_cleft(sentence: Span) -> bool:
    """``C'est … qui/que …``: a French focus construction that word-for-word translation rarely yields."""
    lowered = [t.lower_ for t in sentence]
    return any(
        lowered[k] in {"c'", "ce"}
        and lowered[k + 1] in {"est", "était"}
        and {"qui", "que", "qu'"} & set(lowered[k + 2 :])
        for k in range(len(lowered) - 2)
    )


def _adjacent_overlap(sentences: list[Span]) -> float:
    lemmas = [{t.lemma_.lower() for t in s if t.pos_ in CONTENT} for s in sentences]
    pairs = [(a, b) for a, b in itertools.pairwise(lemmas) if a and b]
    return _mean([len(a & b) / len(a | b) for a, b in pairs])


def _depth(token: Token) -> int:
    children = list(token.children)
    return 1 + max((_depth(c) for c in children), default=0)
