"""Where the arguments of a PETRARCH event are found in the parse: the subject, the groups
of heads a target is searched in, and whether a clause is governed by another verb."""
from __future__ import annotations

from spacy.tokens import Token

from eventcoder import syntax
from eventcoder.model import Candidate, Participant

from ..cameo import EMPTY


def subject_of(cand: Candidate) -> Token | None:
    spans = cand.targets if cand.passive else cand.actors
    return spans[0].root if spans else None


def first_actor(groups: list[list[Token]], resolve, names_agent=lambda token: False,
                places=frozenset()) -> tuple[list[Participant], list | None]:
    """The participants of the first group that names an actor, else of the first that names
    an agent alone ("military exercises in Alaska" -> Alaska, not ---MIL); and that group.
    A group whose head is itself an agent is a participant, not a modifier's sector: it is
    the target unless a later group other than a place (``places``: "in", "near") names an
    actor ("arrested militants in Basra" -> ---UAF; "sent troops to Qatar" -> QAT)."""
    fallback: tuple[list[Participant], list | None] = ([], None)
    found_groups = [(group, [p for token in group for p in resolve(token)]) for group in groups]
    for at, (group, found) in enumerate(found_groups):
        if any(not p.code.startswith(EMPTY) for p in found):
            return found, group
        if found and any(names_agent(token) for token in group) and not any(
                any(not p.code.startswith(EMPTY) for p in later) and not _place(other, places)
                for other, later in found_groups[at + 1:]):
            return found, group
        if found and fallback[1] is None:
            fallback = (found, group)
    return fallback


def _place(group: list[Token], places) -> bool:
    """Whether a group is the object of a preposition of place ("in Basra")."""
    return bool(group) and all(t.head.lower_ in places and t.dep_ in syntax.PREP_OBJECT
                               or t.dep_ in syntax.CONJUNCT for t in group)


def governed(verb: Token, any_subject: bool = False) -> bool:
    """Whether ``verb`` completes its head's meaning: an xcomp ("wants to help"), or a
    clausal complement whose subject is a pronoun ("said they would attack"; with
    ``any_subject``, any clausal complement)."""
    if verb.dep_ in syntax.OPEN_COMPLEMENT:
        return True
    subjects = [c for c in verb.children if c.dep_ in syntax.SUBJECT]
    return verb.dep_ in syntax.CLAUSAL_COMPLEMENT and bool(subjects) and (any_subject or all(
        s.lower_ in syntax.ACTOR_PRONOUNS for s in subjects))


def object_heads(verb: Token) -> list[Token]:
    """A clause's non-pronoun objects and prepositional objects, where whom it is done to is
    named ("attacked Gondor"; not "attacked themselves")."""
    objects = [c for c in verb.children if c.dep_ in syntax.OBJECT | syntax.DATIVE]
    objects += [g for c in verb.children if syntax.is_preposition(c)
                for g in c.children if g.dep_ in syntax.PREP_OBJECT]
    return [o for o in objects if o.pos_ in ("PROPN", "NOUN")]


def target_candidates(cand: Candidate, is_coded_clause):
    """Where PETRARCH looks for a target, as groups of coordinated heads: objects (with
    their whole phrase, so "ties with Gondor" gives Gondor; else those of the verb
    coordinated after it, or a name whose phrase starts right after the verb that the
    parser read as an adverb), prepositional objects in order
    (also under an adverb: "marched close to the border"), the subject of a clausal
    complement that is not an event itself ("Arnor believes Dagolath can cope" -> Dagolath;
    in "X said Y attacked Z" the report is Y -> Z, and "said" has no target), the arguments
    of an uncoded infinitive ("vowed to wage war on the Rohans", "signed an accord to supply
    Gondor"), and last those of a participle inside an argument ("the parade supporting
    Gondor", "cordoned off the roads leading into Mordor")."""
    verb = cand.action
    objects = [span.root for span in cand.targets] or shared_objects(verb) or [
        c for c in verb.children if syntax.is_misread_object(c)]
    yield objects
    heads = list(objects)  # arguments whose participles are searched last
    for group in prepositional_groups(verb, skip_by=cand.passive):
        heads += group
        yield group
    for child in verb.children:
        if child.dep_ in syntax.CLAUSAL_COMPLEMENT and not is_coded_clause(child):
            for subject in child.children:
                if subject.dep_ in syntax.SUBJECT:
                    yield syntax.conjuncts(subject)
        elif is_infinitive(child) and not is_coded_clause(child):
            yield from clause_arguments(child)
    for head in heads:
        for clause in head.children:
            if clause.dep_ in syntax.NOUN_CLAUSE:
                yield [g for c in clause.children if c.dep_ in syntax.AGENT for g in c.children
                       if g.dep_ in syntax.PREP_OBJECT]  # "memos sent by Bree"
                yield from clause_arguments(clause)


def shared_objects(verb: Token) -> list[Token]:
    """The objects a verb shares with the verb coordinated after it ("arrested and beat
    dozens of protesters": the protesters were arrested too), when it has none of its own
    and the other verb has no subject of its own."""
    if any(c.dep_ in syntax.OBJECT for c in verb.children):
        return []
    for other in verb.children:
        if other.dep_ in syntax.CONJUNCT and other.pos_ == "VERB" and other.i > verb.i \
                and not any(c.dep_ in syntax.SUBJECT | syntax.PASSIVE_SUBJECT
                            for c in other.children):
            return [t for c in other.children if c.dep_ in syntax.OBJECT
                    for t in syntax.conjuncts(c)]
    return []


def prepositional_groups(verb: Token, skip_by: bool = False):
    """Objects of each preposition of ``verb`` (with their conjuncts), also under an adverb."""
    for child in verb.children:
        if syntax.is_preposition(child) and not (skip_by and child.lower_ == "by"):
            yield [t for g in child.children if g.dep_ in syntax.PREP_OBJECT
                   and g.pos_ in syntax.NOMINAL for t in syntax.conjuncts(g)]
        elif child.dep_ in syntax.PREPOSITION_CARRIER:
            yield from syntax.prepositional_objects(child).values()


def clause_arguments(verb: Token):
    yield [t for c in verb.children if c.dep_ in syntax.OBJECT | syntax.DATIVE
           and not syntax.is_preposition(c) for t in syntax.conjuncts(c)]
    yield from prepositional_groups(verb)


def is_infinitive(token: Token) -> bool:
    """"to wage", "to supply": an open complement or an infinitival purpose clause."""
    return token.dep_ in syntax.OPEN_COMPLEMENT or (
        token.dep_ in syntax.ADVERBIAL_CLAUSE and any(
            c.lower_ == "to" and c.dep_ in syntax.AUXILIARY for c in token.children))
