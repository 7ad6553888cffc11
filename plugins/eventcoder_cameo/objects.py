"""Where CAMEO finds a target the direct object does not name.

CAMEO codes the first actor in the verb's object phrase (PETRARCH does the same): "fired
anti-aircraft batteries at Russia" -> RUS, "presented evidence against Russia" -> RUS,
"wants to help Israel" -> ISR, "alleged that criminal groups were ..." -> the groups. And
an agent's country may come in a phrase after it: "dissidents from Egypt" -> EGY + OPP.
"""
from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from eventcoder import syntax
from eventcoder.actors import MATCHES_KEY

from .cameo import country_codes

OBJECT_LINKS = syntax.OBJECT | syntax.DATIVE | syntax.PREPOSITION | syntax.OBLIQUE | \
    syntax.PASSIVE_SUBJECT | {"attr", "oprd"}  # a passive's subject is its object
COUNTRY_PREPOSITIONS = ("from", "of")
EMPTY = "---"
NAMES_KEY = "eventcoder_cameo.names"


def dictionary_matches(doc, codebook) -> list[Span]:
    """The document's actor-dictionary matches (computed once, shared with actor resolution)."""
    cache = doc.user_data.setdefault(MATCHES_KEY, {})
    if codebook.id not in cache:
        cache[codebook.id] = codebook.actors.find(doc)
    return cache[codebook.id]


def object_region(action: Token) -> list[Token]:
    """Tokens of ``action``'s objects and prepositional phrases (a name read as an adverb
    right after it too: syntax.is_misread_object), also through a "to" clause
    ("wants to help Israel"), and the subject of a "that" clause ("alleged that X ..."); not
    its own subject, other clauses or conjuncts."""
    region: set[int] = set()
    stack = [action]
    while stack:
        head = stack.pop()
        for child in head.children:
            if child.dep_ in OBJECT_LINKS or head is action and syntax.is_misread_object(child):
                region.update(t.i for t in child.subtree)
            elif child.dep_ in syntax.OPEN_COMPLEMENT and child.pos_ in syntax.VERBAL:
                stack.append(child)
            elif child.dep_ in syntax.CLAUSAL_COMPLEMENT and head is action:
                # "alleged (that) criminal groups were operating": that clause's subject
                region.update(t.i for c in child.children if c.dep_ in syntax.SUBJECT |
                              syntax.PASSIVE_SUBJECT for t in c.subtree)
    return [action.doc[i] for i in sorted(region)]


def phrase_head(token: Token, region: set[int]) -> Token:
    """From a modifier up to the noun it modifies: "Georgian" -> "government"."""
    while token.dep_ in syntax.COMPOUND | syntax.POSSESSIVE and token.head.i in region \
            and token.head.i != token.i:
        token = token.head
    return token


def object_spans(action: Token, codebook, ctx, exclude: set[int]) -> list[Span]:
    """Noun phrases in ``action``'s object phrases that resolve to a code, in text order."""
    tokens = object_region(action)
    region = {t.i for t in tokens} - exclude
    if not region:
        return []
    found, seen = [], set()
    for match in dictionary_matches(action.doc, codebook):
        if match.start in region and match.end - 1 in region:
            head = phrase_head(match.root, region)
            if head.i in seen or (codebook.actors.entry(match).kind == "agent"
                                  and not match.start <= head.i < match.end):
                continue  # "military exercises" names no one
            seen.add(head.i)
            span = syntax.argument_span(head)
            if ctx.resolve(span, "recipient").code:
                found.append(span)
    return found


def country_from_phrase(span: Span, ctx) -> str | None:
    """The country named in a "from"/"of" phrase of ``span``'s head ("dissidents from
    Egypt"), or for a bare conjunct the country its coordination shares ("Indian police and
    *soldiers*", "the Danish media and *government*")."""
    for preposition in COUNTRY_PREPOSITIONS:
        for obj in syntax.prepositional_objects(span.root).get(preposition, []):
            participant = ctx.resolve(syntax.argument_span(obj), "recipient")
            code = participant.code or ""
            if len(code) == 3 and not code.startswith(EMPTY):
                return code
    return shared_country(span.root, ctx)


def shared_country(head: Token, ctx) -> str | None:
    """The country of the first conjunct's modifiers when ``head`` is a later conjunct with
    no modifiers of its own."""
    if head.dep_ not in syntax.CONJUNCT or syntax.premodifier_tokens(head):
        return None
    shared = sorted(syntax.premodifier_tokens(syntax.first_conjunct(head)))
    if not shared:
        return None
    code = ctx.resolve(head.doc[shared[0]:shared[-1] + 1], "actor").code or ""
    return code[:3] if code[:3] in country_codes() else None


def earlier_names(doc: Doc) -> dict[str, list]:
    """The document's proper-noun tokens that head a longer name ("Khawaja *Asif*"), by
    lower-case text, computed once per document."""
    if NAMES_KEY not in doc.user_data:
        names: dict[str, list] = {}
        for token in doc:
            if token.pos_ == "PROPN" and any(c.dep_ in syntax.COMPOUND for c in token.children):
                names.setdefault(token.lower_, []).append(token)
        doc.user_data[NAMES_KEY] = names
    return doc.user_data[NAMES_KEY]
