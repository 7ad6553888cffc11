"""A noun phrase's codes refined by what stands beside it in the sentence.

Real news names people with a title and an apposition ("his Russian counterpart, Dmitry
Medvedev") and agents by their owner ("the army said its troops killed ..."). The phrase alone
gives the less specific code (RUS, ---MIL); the apposition or the owner completes it (RUSGOV,
PAKMIL).
"""
from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from eventcoder import syntax
from eventcoder.model import Participant

from ..cameo import EMPTY
from ..pronouns import antecedents


def refines(general: str, specific: str) -> bool:
    """Whether ``specific`` says more than ``general`` about the same actor (RUS -> RUSGOV).
    An agent alone (---GOV) is not refined by an apposition: "The king, a minister from
    Arnor," stays ---GOV, as PETRARCH reads it."""
    return not general.startswith(EMPTY) and specific.startswith(general) and \
        len(specific) > len(general)


def with_apposition(head: Token, found: list[Participant], resolve) -> list[Participant]:
    """The apposition's participants when they refine every code of the phrase ("his Russian
    counterpart Dmitry Medvedev" -> RUSGOV, not RUS), else ``found``."""
    for child in head.children:
        if child.dep_ not in syntax.APPOSITION or child.pos_ not in ("PROPN", "NOUN"):
            continue
        named = resolve(child)
        if named and all(any(refines(f.code, n.code) for n in named) for f in found if f.code):
            return named
    return found


def with_owner(head: Token, found: list[Participant], resolve) -> list[Participant]:
    """Agents with no country take their owner's ("its troops" after "the Pakistani army"
    -> PAKMIL): the nearest agreeing antecedent of a possessive pronoun that names a country."""
    if not found or not all(p.code and p.code.startswith(EMPTY) for p in found):
        return found
    owner = next((c for c in head.children if c.dep_ in syntax.POSSESSIVE and c.pos_ == "PRON"),
                 None)
    if owner is None:
        return found
    for antecedent in antecedents(owner):
        countries = [p.code[:3] for t in syntax.conjuncts(antecedent) for p in resolve(t)
                     if p.code and not p.code.startswith(EMPTY)]
        if countries:
            return [replace(p, code=country + p.code[len(EMPTY):]) for country in
                    dict.fromkeys(countries) for p in found]
    return found


def merged(found: list[Participant]) -> list[Participant]:
    """Participants named by separate modifiers of one noun, a country and an agent ("a
    *Kenyan police* raid": KEN, ---COP), as the one actor they name together (KENCOP)."""
    agents = [p for p in found if p.code and p.code.startswith(EMPTY)]
    actors = [p for p in found if p.code and not p.code.startswith(EMPTY)]
    if not agents or not actors:
        return found
    return [replace(actor, code=actor.code + agent.code[len(EMPTY):])
            for actor in actors for agent in agents]


NOT_A_NAME = {"ADJ", "VERB", "ADV", "ADP", "AUX"}


def is_common_word(match) -> bool:
    """A one-word actor match written in lower case and used as an adjective, verb or adverb
    is an ordinary word, not the place it spells ("male colleagues" is not Malé, "a nice
    idea" not Nice); nouns stay (some actor entries are common nouns)."""
    return len(match) == 1 and match[0].is_lower and match[0].pos_ in NOT_A_NAME
