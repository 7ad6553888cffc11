"""Which earlier nouns a pronoun can stand for: agreement in person and number.

``syntax.antecedents`` lists candidates nearest first; a coder takes the first that names
an actor. Without agreement "Gordon Brown visited the UK. He said ..." codes "he" as the UK,
and "the voters ... he was wrong" as the voters. The named-entity type (spaCy's NER, run on
demand: eventcoder.entities) tells people from places and organisations; the morphology
tells plural nouns.
"""
from __future__ import annotations

from itertools import chain

from spacy.tokens import Token

from eventcoder import syntax
from eventcoder.entities import entity_type

PERSONAL = {"he", "him", "his", "she", "her"}  # a person
NEUTER = {"it", "its"}  # a country, an organisation, a thing
NOT_A_PERSON = {"GPE", "ORG", "NORP", "LOC", "FAC"}


def agrees(pronoun: Token, antecedent: Token) -> bool:
    """Whether ``antecedent`` (a noun) can be what ``pronoun`` stands for: "he"/"she" a
    single person, "it" a single non-person, "they" anything but one named person."""
    if antecedent.pos_ not in ("NOUN", "PROPN"):
        return False  # a clause subject ("that would give ...") names no one
    word, kind = pronoun.text.lower(), entity_type(antecedent)
    plural = "Plur" in antecedent.morph.get("Number")
    if word in PERSONAL:
        return not plural and kind not in NOT_A_PERSON
    if word in NEUTER:
        return not plural and kind != "PERSON"
    return kind != "PERSON" or bool(syntax.conjuncts(antecedent)[1:])


OBJECT_FORMS = {"him", "her", "them", "it"}  # not reflexive: never its own clause's subject


def antecedents(pronoun: Token):
    """``syntax.antecedents`` that agree with ``pronoun``, nearest first, then the previous
    sentence's objects ("Biden met *Netanyahu*. He urged him ..."); an object pronoun is not
    its clause's subject ("He urged *him*": him is not he; "himself" would be)."""
    subjects = clause_subjects(pronoun)
    names = {pronoun.doc[i].lower_ for i in subjects}  # "Obama criticized him": no Obama
    candidates = chain(syntax.antecedents(pronoun), previous_objects(pronoun))
    return (token for token in candidates if agrees(pronoun, token)
            and token.i not in subjects and token.lower_ not in names)


def previous_objects(pronoun: Token):
    """The nouns the previous sentence's verbs act on or with (objects, their prepositional
    objects), main clause first: candidates after its subjects."""
    start = pronoun.sent.start
    if start == 0 or pronoun.lower_ not in syntax.ACTOR_PRONOUNS:
        return
    previous = pronoun.doc[start - 1].sent
    for token in sorted(previous, key=lambda t: (len(list(t.ancestors)), t.i)):
        if token.pos_ in ("PROPN", "NOUN") and (token.dep_ in syntax.OBJECT | syntax.DATIVE or (
                token.dep_ in syntax.PREP_OBJECT and token.head.head.pos_ in syntax.VERBAL)):
            yield token


def clause_subjects(pronoun: Token) -> set[int]:
    """The subjects of the clause whose object (or prepositional object) ``pronoun`` is, a
    pronoun subject as its own nearest antecedent."""
    if pronoun.lower_ not in OBJECT_FORMS:
        return set()
    verb = pronoun.head.head if pronoun.dep_ in syntax.PREP_OBJECT else pronoun.head
    if pronoun.dep_ not in syntax.OBJECT | syntax.DATIVE | syntax.PREP_OBJECT:
        return set()
    found = set()
    for subject in verb.children:
        if subject.dep_ in syntax.SUBJECT:
            own = next(antecedents(subject), None) if subject.pos_ == "PRON" else subject
            found |= {t.i for t in syntax.conjuncts(own)} if own is not None else set()
    return found
