"""Walks up a parse stop at its root. spaCy makes a new Token object at every ``.head``, so a
walk must compare indices (``head.i == node.i``), never identity; a fragment whose root is
a noun ("Attack on rebels by jets") once sent the PETRARCH agent walk round for ever."""
from __future__ import annotations

import spacy
from spacy.tokens import Doc

from eventcoder import syntax
from eventcoder_cameo.petrarch.matching import _in_agent

VOCAB = spacy.blank("en").vocab


def _fragment() -> Doc:
    # "Attack on rebels by jets": a headline with no verb, its root the noun "Attack"
    return Doc(VOCAB, words=["Attack", "on", "rebels", "by", "jets"], heads=[0, 0, 1, 0, 3],
               deps=["ROOT", "prep", "pobj", "agent", "pobj"],
               pos=["NOUN", "ADP", "NOUN", "ADP", "NOUN"])


def test_the_agent_walk_ends_at_a_noun_root():
    doc = _fragment()
    assert doc[0].head is not doc[0]  # why identity cannot end a walk
    assert not _in_agent(doc[2])  # up to "Attack" and stops: no agent on the way
    assert _in_agent(doc[4])  # "by jets" is the agent phrase


def test_a_coordination_walk_ends_at_its_first_conjunct():
    doc = Doc(VOCAB, words=["media", "and", "government"], heads=[0, 0, 0],
              deps=["ROOT", "cc", "conj"], pos=["NOUN", "CCONJ", "NOUN"])
    assert syntax.first_conjunct(doc[2]).i == 0
    assert syntax.first_conjunct(doc[0]).i == 0
