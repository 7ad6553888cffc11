"""Counterparts: "the Indian prime minister met his Pakistani counterpart" is INDGOV meeting
PAKGOV. The dictionaries code "his Pakistani counterpart" as the country alone (PAK); the
word (families.yaml ``counterparts``) says it holds the other participant's office."""
from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Token

from eventcoder import syntax

from .cameo import EMPTY, country_codes


def counterpart_agents(event, doc: Doc, words: frozenset[str]) -> None:
    """A participant named as the other's counterpart ("his Pakistani counterpart", coded
    PAK) holds the other's office: INDGOV meets PAKGOV. Only a bare country takes the
    other side's agent, and only from an actor of a country."""
    sides = [event.actor, event.recipient]
    for own, other in (sides, sides[::-1]):
        if len(own) != 1 or len(other) != 1:
            continue
        mine, theirs = own[0].code or "", other[0].code or ""
        if len(mine) != 3 or len(theirs) <= 3 or theirs.startswith((EMPTY, mine)) \
                or theirs[:3] not in country_codes():
            continue
        span = doc.char_span(own[0].start, own[0].end, alignment_mode="expand")
        if span is not None and named_counterpart(span.root, words):
            own[0] = replace(own[0], code=mine + theirs[3:])


def named_counterpart(token: Token, words: frozenset[str]) -> bool:
    """Whether ``token`` heads, or modifies, a counterpart noun ("his *Pakistani*
    counterpart", "the counterpart from Pakistan")."""
    for node in (token, token.head, token.head.head):
        if node.lemma_.lower() in words:
            return True
        if node.dep_ not in syntax.COMPOUND | syntax.PREP_OBJECT | syntax.PREPOSITION:
            return False
    return False
