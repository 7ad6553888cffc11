"""Subject-verb-object candidates read off the parse: a verb (or a noun standing for an
event) with its subjects, objects and prepositional objects, the passive's by-agent as actor.
The default ``extract_candidates`` built-in and codebook plugins share it."""
from __future__ import annotations

from spacy.tokens import Token

from . import syntax
from .model import Candidate

RELATIVE_PRONOUNS = {"who", "which", "that", "whom"}


def _subjects(verb: Token) -> tuple[list[Token], bool]:
    """Subjects of ``verb`` (inherited through xcomp/conj chains), and whether it is passive."""
    passive = syntax.is_passive(verb)
    node = verb
    for _ in range(4):  # "X agreed to try to resume": climb at most a few links
        subjects = [c for c in node.children if c.dep_ in syntax.SUBJECT | syntax.PASSIVE_SUBJECT]
        if subjects:
            found = []
            for subject in subjects:
                if subject.lower_ in RELATIVE_PRONOUNS and node.dep_ in syntax.MODIFIER_CLAUSE:
                    subject = node.head  # "troops who attacked" -> troops
                found.extend(syntax.conjuncts(subject))
            return found, passive
        if node.dep_ in syntax.SUBJECT_SHARING and node.head.i != node.i:
            node = node.head
            continue
        if node.dep_ in syntax.RELATIVE_CLAUSE | syntax.NOUN_CLAUSE and node is verb:
            return ([] if passive else syntax.conjuncts(node.head)), passive
        break
    return [], passive


def candidate_for(verb: Token) -> Candidate:
    subjects, passive = _subjects(verb)
    preps = syntax.prepositional_objects(verb)
    objects = [t for c in verb.children if c.dep_ in syntax.OBJECT | syntax.DATIVE
               and not syntax.is_preposition(c) for t in syntax.conjuncts(c)]
    if passive:
        agents = [t for c in verb.children if c.dep_ in syntax.AGENT for g in c.children
                  if g.dep_ in syntax.PREP_OBJECT for t in syntax.conjuncts(g)]
        agents += preps.pop("by", []) if not agents else []
        actors, targets = agents, subjects + objects
    else:
        actors, targets = subjects, objects
    if verb.dep_ in syntax.NOUN_CLAUSE and passive and not targets:
        targets = syntax.conjuncts(verb.head)  # "an Eriadorian shot dead ..." -> Eriadorian
    negated = syntax.is_negated(verb) or (
        verb.dep_ in syntax.OPEN_COMPLEMENT and syntax.is_negated(verb.head))
    span = syntax.argument_span
    return Candidate(
        action=verb,
        actors=[span(t) for t in actors],
        targets=[span(t) for t in targets],
        preps={p: [span(t) for t in toks] for p, toks in preps.items()},
        negated=negated,
        passive=passive,
        extra={"governor": verb.head.i if verb.dep_ in syntax.CLAUSAL_COMPLEMENT else None},
    )
