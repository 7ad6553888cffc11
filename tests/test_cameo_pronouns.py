"""Pronoun agreement (eventcoder_cameo.pronouns) on hand-built Docs: the parse is not the
point, the person, number and entity type of the candidate antecedent are, and that an object
pronoun is not its own clause's subject."""
from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc
from spacy.vocab import Vocab

from eventcoder_cameo.pronouns import agrees, antecedents

WORDS = ["Brown", "the", "UK", "voters", "minister", "Egypt", "and", "Putin", "said", "he"]
POS = ["PROPN", "DET", "PROPN", "NOUN", "NOUN", "PROPN", "CCONJ", "PROPN", "VERB", "PRON"]
MORPHS = ["Number=Sing", "", "Number=Sing", "Number=Plur", "Number=Sing", "Number=Sing", "",
          "Number=Sing", "", "Number=Sing"]
ENTS = ["B-PERSON", "O", "B-GPE", "O", "O", "B-GPE", "O", "B-PERSON", "O", "O"]


def doc_with(pronoun: str) -> Doc:
    words = WORDS[:-1] + [pronoun]
    heads = [8, 2, 8, 8, 8, 8, 5, 5, 8, 8]
    deps = ["nsubj", "det", "obj", "obj", "obj", "obj", "cc", "conj", "ROOT", "obj"]
    return Doc(Vocab(), words=words, pos=POS, morphs=MORPHS, ents=ENTS, heads=heads, deps=deps)


@pytest.mark.parametrize("pronoun, antecedent, expected", [
    ("he", "Brown", True), ("he", "UK", False), ("he", "voters", False),
    ("he", "minister", True), ("she", "Egypt", False), ("his", "minister", True),
    ("it", "Egypt", True), ("it", "Brown", False), ("its", "voters", False),
    ("it", "the", False),
    ("they", "voters", True), ("they", "Brown", False), ("they", "UK", True),
    ("they", "Egypt", True), ("they", "Putin", True),  # "Egypt and Putin ... they"
])
def test_agreement(pronoun, antecedent, expected):
    doc = doc_with(pronoun)
    token = next(t for t in doc if t.text == antecedent)
    assert agrees(doc[-1], token) is expected



ENGLISH = spacy.blank("en").vocab  # lower-case forms (token.lower_) need a language's vocab


def two_sentences(subject: str) -> Doc:
    """"Putin accused Obama . <subject> criticized him" """
    words = ["Putin", "accused", "Obama", ".", subject, "criticized", "him"]
    pos = ["PROPN", "VERB", "PROPN", "PUNCT", "PRON" if subject == "He" else "PROPN", "VERB",
           "PRON"]
    ents = ["B-PERSON", "O", "B-PERSON", "O", "O" if subject == "He" else "B-PERSON", "O", "O"]
    return Doc(ENGLISH, words=words, pos=pos, morphs=["Number=Sing"] * 7, ents=ents,
               heads=[1, 1, 1, 1, 5, 5, 5],
               deps=["nsubj", "ROOT", "dobj", "punct", "nsubj", "ROOT", "dobj"])


def test_an_object_pronoun_is_not_its_clause_subject():
    doc = two_sentences("Obama")
    assert [t.text for t in antecedents(doc[6])] == ["Putin"]  # not the Obama who criticized
    doc = two_sentences("He")  # "He" is Putin, the previous sentence's subject: "him" is not,
    assert [t.text for t in antecedents(doc[4])] == ["Putin", "Obama"]  # subjects first
    assert [t.text for t in antecedents(doc[6])] == ["Obama"]  # but its object is
