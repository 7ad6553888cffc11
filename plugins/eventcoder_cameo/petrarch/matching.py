"""Match PETRARCH verb patterns against a verb's dependency neighbourhood.

A pattern ``- PRE * POST [CODE]`` is matched against two regions of the parse: the words
before the verb in its clause (subject, auxiliaries, adverbs, the governing verbs of an
xcomp/ccomp chain: "indicated it would *act*") and the words after it in its own subtree,
without its subordinate clauses (objects with their modifiers, particles, prepositional
phrases). Parts must occur in order; words compare by lower-case text or lemma. The most
specific matching pattern wins.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Token

from eventcoder import syntax

from .verbs import Element, Pattern, Term, Verb

CHAIN = (syntax.OPEN_COMPLEMENT | syntax.CLAUSAL_COMPLEMENT | syntax.CONJUNCT
         | syntax.ADVERBIAL_CLAUSE)
AFTER_BREAKS = (syntax.CLAUSAL_COMPLEMENT | syntax.CONJUNCT | syntax.ADVERBIAL_CLAUSE
                | syntax.PARATAXIS | syntax.COORDINATOR | syntax.MARKER | syntax.PUNCTUATION
                | syntax.SUBJECT | syntax.PASSIVE_SUBJECT)
# A slot after the verb takes the first argument there; a passive's subject is its logical
# object ("Israel's attack on the flotilla was condemned": the attack, not the flotilla).
ARGUMENT_DEPS = (syntax.OBJECT | syntax.DATIVE | syntax.PREP_OBJECT | syntax.OTHER_ARGUMENT
                 | syntax.PASSIVE_SUBJECT)
MAX_GAP = 4  # words a multi-word noun phrase may have between its words ("full diplomatic ties")


@dataclass
class Match:
    pattern: Pattern | None
    slots: dict[str, Token] = field(default_factory=dict)  # role -> token
    used: set[int] = field(default_factory=set)  # tokens the pattern consumed
    score: float = 0.0


def regions(verb: Token, with_clauses: bool = False, in_word_order: bool = False
            ) -> tuple[list[Token], list[Token]]:
    """(tokens before the verb in its clause chain, tokens after it in its own phrase; with
    ``with_clauses`` also in its complement clauses: "allowed that X isn't a pleasant place").
    A passive's logical object and its "by" agent change sides unless ``in_word_order``."""
    top = verb
    for _ in range(3):
        if top.dep_ in CHAIN and top.head.i != top.i:
            top = top.head
        else:
            break
    start = verb.sent.start
    before = [t for t in top.subtree if start <= t.i < verb.i]
    after: list[Token] = []
    breaks = AFTER_BREAKS - syntax.CLAUSAL_COMPLEMENT if with_clauses else AFTER_BREAKS
    stack = [c for c in verb.children if c.i > verb.i and c.dep_ not in breaks]
    while stack:
        token = stack.pop()
        after.append(token)
        stack.extend(c for c in token.children
                     if c.dep_ not in syntax.RELATIVE_CLAUSE | syntax.PARATAXIS)
    after.sort(key=lambda t: t.i)
    if syntax.is_passive(verb) and not in_word_order:  # the logical object stands before
        subjects = [c for c in verb.children if c.dep_ in syntax.PASSIVE_SUBJECT]
        agents = [g for c in verb.children if c.dep_ in syntax.AGENT for g in c.subtree]
        after = [t for s in subjects for t in s.subtree] + after
        before = [t for t in before if t not in after] + agents
    return before, after


@lru_cache(maxsize=None)
def _compiled(term: Term) -> tuple[frozenset[str], tuple[tuple[str, ...], ...]]:
    """A term's one-word alternatives as a set, and its longer ones, longest first."""
    return (frozenset(a[0] for a in term if len(a) == 1),
            tuple(sorted((a for a in term if len(a) > 1), key=len, reverse=True)))


def word_at(tokens: list[Token], at: int, term: Term) -> int | None:
    """Length of the alternative of ``term`` found at ``tokens[at]`` (None: no match)."""
    singles, longer = _compiled(term)
    for alternative in longer:
        if at + len(alternative) <= len(tokens) and all(
                _same(tokens[at + k], word) for k, word in enumerate(alternative)):
            return len(alternative)
    token = tokens[at]
    if token.lower_ in singles or token.lemma_.lower() in singles or (
            token.lower_ in ("not", "n't") and singles & {"not", "n't"}):
        return 1
    return None


def _same(token: Token, word: str) -> bool:
    return token.lower_ == word or token.lemma_.lower() == word or (
        word == "n't" and token.lower_ == "not") or (word == "not" and token.lower_ == "n't")


def noun_at(tokens: list[Token], start: int, terms: tuple[Term, ...],
            consecutive: bool = False, skip_agent: bool = False) -> tuple[int, int] | None:
    """(first, after-last) positions of ``terms`` in order from ``start``; the head last.
    ``skip_agent``: not inside a passive's "by" phrase, which is the doer, not the object
    the words after a verb name ("were attacked by government forces" is no "* GOVERNMENT")."""
    gap = 0 if consecutive else MAX_GAP
    for first in range(start, len(tokens)):
        if skip_agent and _in_agent(tokens[first]):
            continue
        at, matched_first = first, None
        for number, term in enumerate(terms):
            limit = at + 1 if number == 0 else min(len(tokens), at + gap + 1)
            hit = next(((p, n) for p in range(at, limit)
                        if (n := word_at(tokens, p, term)) is not None), None)
            if hit is None:
                break
            matched_first = hit[0] if matched_first is None else matched_first
            at = hit[0] + hit[1]
        else:
            return first, at
    return None


def match_element(element: Element, tokens: list[Token], start: int, subject: Token | None,
                  before: bool, match: Match) -> int | None:
    """Position after ``element`` if it matches at or after ``start``, recording slots."""
    if element.kind == "noun":
        found = noun_at(tokens, start, element.terms, element.consecutive,
                        skip_agent=not before)
        if found is None:
            return None
        match.used.update(t.i for t in tokens[found[0]:found[1]])
        return found[1]
    if element.kind == "slot":
        if before and element.role != "skip":
            if subject is None or subject not in tokens[start:]:
                return None
            at = tokens.index(subject)
        else:
            at = next((p for p in range(start, len(tokens)) if tokens[p].pos_ in syntax.NOMINAL
                       and (before or tokens[p].dep_ in ARGUMENT_DEPS)
                       and not _in_agent(tokens[p])), None)
            if at is None:
                return None
        if element.role != "skip":  # "^" skips one noun phrase, wherever it stands
            match.slots.setdefault(element.role, tokens[at])
        return at + 1
    for at in range(start, len(tokens)):
        prep = tokens[at]
        if word_at(tokens, at, element.prep) is None:
            continue
        inside = sorted(prep.subtree, key=lambda t: t.i)
        pobj = next((c for c in prep.children if c.dep_ in syntax.PREP_OBJECT), None)
        if prep.dep_ in syntax.PARTICLE:  # "clashed over the efforts": a particle with the object
            pobj = next((c for c in prep.head.children if c.dep_ in syntax.OBJECT
                         and c.i > prep.i), None)
            inside += sorted(pobj.subtree, key=lambda t: t.i) if pobj is not None else []
        if element.terms and noun_at(inside, 1, element.terms) is None:
            continue
        if pobj is not None:
            if element.role:
                match.slots.setdefault(f"prep:{element.role}", pobj)
        elif not element.terms and element.role:
            continue
        match.used.update(t.i for t in inside)
        last = max(t.i for t in inside)
        return next((p for p in range(at, len(tokens)) if tokens[p].i > last), len(tokens))
    return None


def _in_agent(token: Token) -> bool:
    """Whether a token lies in a passive's "by" phrase: the doer, never a target slot
    ("The Syrian rebels were bombed by Russian jets": "- * +" is the rebels, not the jets);
    patterns may still name its words ("- * (BY TELEPHONE)")."""
    node = token
    while node.head.i != node.i and node.pos_ not in syntax.VERBAL:
        if node.dep_ in syntax.AGENT:
            return True
        node = node.head
    return False


def match_pattern(pattern: Pattern, before: list[Token], after: list[Token],
                  subject: Token | None) -> Match | None:
    match = Match(pattern, score=pattern.weight)
    for elements, tokens, is_before in ((pattern.before, before, True),
                                        (pattern.after, after, False)):
        at = 0
        for element in elements:
            found = match_element(element, tokens, at, subject, is_before, match)
            if found is None:
                return None
            at = found
    return match


def verb_fits(verb: Verb, token: Token) -> bool:
    """A multi-word verb needs its other words right beside the verb ("cordon off")."""
    doc = token.doc
    for offset, word in enumerate(reversed(verb.before), start=1):
        if token.i - offset < 0 or not _same(doc[token.i - offset], word):
            return False
    for offset, word in enumerate(verb.after, start=1):
        particle = [c for c in token.children if c.dep_ in syntax.PARTICLE and c.lower_ == word]
        near = token.i + offset < len(doc) and _same(doc[token.i + offset], word)
        if not (particle or near):
            return False
    return True


def best_match(patterns: list[Pattern], verb: Token, subject: Token | None, *,
               nouns_only: bool = False) -> Match:
    """The most specific pattern that matches (earliest on ties), or an empty Match.

    ``nouns_only``: words after the verb match nouns, never another verb, in the verb's own
    phrase (PETRARCH 2 dictionaries, where "wants to help" is a combination of two coded
    verbs, not a pattern). Otherwise (TABARI-style patterns) they may also come from its
    complement clauses.
    """
    passive = syntax.is_passive(verb)
    sides: dict[bool, tuple] = {}

    def side(in_word_order: bool) -> tuple:
        if in_word_order not in sides:
            before, after = regions(verb, not nouns_only, in_word_order)
            if nouns_only:
                after = [t for t in after if t.pos_ not in syntax.VERBAL]
            sides[in_word_order] = before, after, (_words(before), _words(after))
        return sides[in_word_order]

    best = Match(None)
    for pattern in patterns:
        if pattern.weight <= best.score:
            continue
        # a target before the verb: the passive clause as written, its subject the target
        before, after, words = side(passive and pattern.target_first)
        if not all(need & have for needs, have in zip(pattern.needs, words) for need in needs):
            continue
        found = match_pattern(pattern, before, after, subject)
        if found is not None:
            best = found
    return best


def _words(tokens: list[Token]) -> set[str]:
    words = {t.lower_ for t in tokens} | {t.lemma_.lower() for t in tokens}
    return words | {"not", "n't"} if words & {"not", "n't"} else words
