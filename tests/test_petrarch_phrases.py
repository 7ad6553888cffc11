"""A phrase's codes refined by its context (eventcoder_cameo.petrarch.phrases) on hand-built
Docs: the parse is not the point, which neighbour refines which code is."""
from __future__ import annotations

import pytest
from spacy.tokens import Doc
import spacy

from eventcoder.model import Participant
from eventcoder_cameo.petrarch.phrases import (is_common_word, refines, with_apposition,
                                               with_owner)

VOCAB = spacy.blank("en").vocab  # lexical attributes (is_lower) need a language's vocab


@pytest.mark.parametrize("general, specific, expected", [
    ("RUS", "RUSGOV", True), ("RUS", "RUS", False), ("RUS", "CHNGOV", False),
    ("---GOV", "PAKGOV", False),  # an agent alone: PETRARCH keeps ---GOV
])
def test_refines(general, specific, expected):
    assert refines(general, specific) is expected


def test_apposition_refines_every_code_or_nothing():
    # "his Russian counterpart , Medvedev , met Obama"
    doc = Doc(VOCAB, words=["his", "Russian", "counterpart", ",", "Medvedev", ",", "met",
                              "Obama"],
              heads=[2, 2, 6, 2, 2, 2, 6, 6],
              deps=["poss", "amod", "nsubj", "punct", "appos", "punct", "ROOT", "dobj"],
              pos=["PRON", "ADJ", "NOUN", "PUNCT", "PROPN", "PUNCT", "VERB", "PROPN"])
    codes = {"counterpart": "RUS", "Medvedev": "RUSGOV", "Obama": "USAGOV"}
    resolve = lambda token: [Participant(token.text, codes[token.text])]  # noqa: E731
    head = doc[2]
    assert [p.code for p in with_apposition(head, resolve(head), resolve)] == ["RUSGOV"]
    codes["Medvedev"] = "CHNGOV"  # an apposition naming someone else changes nothing
    assert [p.code for p in with_apposition(head, resolve(head), resolve)] == ["RUS"]


def test_owner_gives_an_agent_its_country():
    # "the army said its troops attacked Gondor"
    words = ["the", "army", "said", "its", "troops", "attacked", "Gondor"]
    doc = Doc(VOCAB, words=words, heads=[1, 2, 2, 4, 5, 2, 5],
              deps=["det", "nsubj", "ROOT", "poss", "nsubj", "ccomp", "dobj"],
              pos=["DET", "NOUN", "VERB", "PRON", "NOUN", "VERB", "PROPN"],
              morphs=["", "Number=Sing", "", "", "Number=Plur", "", "Number=Sing"])
    codes = {"army": "PAKMIL", "troops": "---MIL", "Gondor": "GON"}
    resolve = lambda token: [Participant(token.text, codes[token.text])]  # noqa: E731
    troops = doc[4]
    assert [p.code for p in with_owner(troops, resolve(troops), resolve)] == ["PAKMIL"]
    codes["troops"] = "GONMIL"  # a phrase with its own country keeps it
    assert [p.code for p in with_owner(troops, resolve(troops), resolve)] == ["GONMIL"]


@pytest.mark.parametrize("word, pos, expected", [
    ("male", "ADJ", True), ("nice", "ADJ", True), ("Nice", "PROPN", False),
    ("Male", "ADJ", False), ("chad", "NOUN", False),
])
def test_common_words_are_not_places(word, pos, expected):
    doc = Doc(VOCAB, words=[word], pos=[pos])
    assert is_common_word(doc[0:1]) is expected
