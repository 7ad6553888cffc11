"""Which dictionary match codes a noun phrase (eventcoder.actors.ActorDictionary.resolve_phrase)
and which name is an object (syntax.is_misread_object),
on hand-built Docs: the parse is given, the choice among the phrase's matches is tested."""
from __future__ import annotations

import spacy
from spacy.tokens import Doc, Span

from eventcoder import syntax
from eventcoder.actors import ActorDictionary, ActorEntry

VOCAB = spacy.blank("en").vocab

ENTRIES = [
    ActorEntry("JPN", ("japanese",)),
    ActorEntry("---", ("fumio kishida",), dates=(("JPNGOV", "2007-09-01", "2008-08-31"),)),
    ActorEntry("GOV", ("prime minister",), kind="agent"),
    ActorEntry("KEN", ("kenyan",)),
    ActorEntry("ETH", ("addis ababa",)),
    ActorEntry("GOV", ("president",), kind="agent"),
]


def _match(doc: Doc, start: int, end: int, entry: int) -> Span:
    return Span(doc, start, end, label=str(entry))


def test_a_person_whose_roles_lie_elsewhere_leaves_the_phrase_to_its_nationality():
    # "Japanese Prime Minister Fumio Kishida"
    doc = Doc(VOCAB, words=["Japanese", "Prime", "Minister", "Fumio", "Kishida"],
              heads=[2, 2, 4, 4, 4], deps=["amod", "compound", "compound", "compound", "ROOT"],
              pos=["ADJ", "PROPN", "PROPN", "PROPN", "PROPN"])
    book = ActorDictionary(ENTRIES)
    matches = [_match(doc, 0, 1, 0), _match(doc, 3, 5, 1), _match(doc, 1, 3, 2)]
    head = doc[4]
    assert [p.code for p in book.resolve_phrase(head, matches, "2015-06-01")] == ["JPNGOV"]
    assert [p.code for p in book.resolve_phrase(head, matches, "2008-01-01")] == ["JPNGOV"]
    # the person alone, out of office: an agent with no country, as before
    alone = [_match(doc, 3, 5, 1)]
    assert book.resolve_phrase(head, alone, "2015-06-01") == []


def test_lapsed_needs_a_date_and_only_dated_roles():
    kishida, japan = ENTRIES[1], ENTRIES[0]
    assert kishida.lapsed("2015-06-01") and not kishida.lapsed("2008-01-01")
    assert not kishida.lapsed(None) and not japan.lapsed("2015-06-01")


def test_a_modifier_before_the_head_outranks_a_place_after_it():
    # "Kenyan President William Ruto in Addis Ababa"
    words = ["Kenyan", "President", "William", "Ruto", "in", "Addis", "Ababa"]
    doc = Doc(VOCAB, words=words, heads=[1, 3, 3, 3, 3, 6, 4],
              deps=["amod", "compound", "compound", "ROOT", "prep", "compound", "pobj"],
              pos=["ADJ", "PROPN", "PROPN", "PROPN", "ADP", "PROPN", "PROPN"])
    book = ActorDictionary(ENTRIES)
    matches = [_match(doc, 0, 1, 3), _match(doc, 1, 2, 5), _match(doc, 5, 7, 4)]
    assert [p.code for p in book.resolve_phrase(doc[3], matches, None)] == ["KENGOV"]
    # with no modifier of its own, the phrase's prepositional actor still codes it
    assert [p.code for p in book.resolve_phrase(doc[3], matches[1:], None)] == ["ETHGOV"]


def test_a_name_read_as_an_adverb_right_after_the_verb_is_its_object():
    # "Ruto met Prime Minister Abiy Ahmed on Monday" with Ahmed and Monday as npadvmod
    words = ["Ruto", "met", "Prime", "Minister", "Abiy", "Ahmed", "Monday"]
    doc = Doc(VOCAB, words=words, heads=[1, 1, 3, 5, 5, 1, 1],
              deps=["nsubj", "ROOT", "compound", "compound", "compound", "npadvmod", "npadvmod"],
              pos=["PROPN", "VERB", "PROPN", "PROPN", "PROPN", "PROPN", "PROPN"])
    assert syntax.is_misread_object(doc[5])
    assert not syntax.is_misread_object(doc[6])  # not right after the verb
    assert not syntax.is_misread_object(doc[3])  # not an adverbial


def test_a_modifier_shared_from_the_first_conjunct_still_codes():
    # "Danish media and government": Danish hangs off media, outside government's phrase
    entries = [ActorEntry("DNK", ("danish",)), ActorEntry("MED", ("media",), kind="agent"),
               ActorEntry("GOV", ("government",), kind="agent")]
    doc = Doc(VOCAB, words=["Danish", "media", "and", "government"], heads=[1, 1, 1, 1],
              deps=["amod", "ROOT", "cc", "conj"], pos=["ADJ", "NOUN", "CCONJ", "NOUN"])
    book = ActorDictionary(entries)
    matches = [_match(doc, 0, 1, 0), _match(doc, 1, 2, 1), _match(doc, 3, 4, 2)]
    assert [p.code for p in book.resolve_phrase(doc[3], matches, None)] == ["DNKGOV"]
