"""Dependency-label vocabulary and argument helpers, kept in one place.

spaCy's English pipelines use ClearNLP labels (nsubj, dobj, pobj, agent ...); Universal
Dependencies pipelines use obj, obl, nsubj:pass ... Every rule in eventcoder asks this module
("is this a subject?") rather than naming labels, so another language's pipeline only needs
its labels added here.
"""
from __future__ import annotations

from spacy.tokens import Span, Token

SUBJECT = {"nsubj", "csubj"}
PASSIVE_SUBJECT = {"nsubjpass", "nsubj:pass", "csubjpass"}
OBJECT = {"dobj", "obj"}
DATIVE = {"dative", "iobj"}
AGENT = {"agent"}  # "by" phrase of a passive verb (ClearNLP); UD uses obl:agent
PREPOSITION = {"prep", "case"}
PREP_OBJECT = {"pobj", "pcomp"}
OBLIQUE = {"obl", "obl:agent"}
CONJUNCT = {"conj"}
NEGATION = {"neg"}
OPEN_COMPLEMENT = {"xcomp"}
# Links along which a verb shares its head's subject: "agreed to resume", "is about to
# restore" (xcomp under an adjectival complement), "condemned ... and promised".
SUBJECT_SHARING = OPEN_COMPLEMENT | {"conj", "acomp"}
CLAUSAL_COMPLEMENT = {"ccomp"}
MODIFIER_CLAUSE = {"relcl", "acl", "acl:relcl", "advcl"}
RELATIVE_CLAUSE = {"relcl", "acl:relcl"}
NOUN_CLAUSE = {"acl"}  # "the parade supporting Gondor", "memos sent by Bree"
ADVERBIAL_CLAUSE = {"advcl"}
AUXILIARY = {"aux"}
PARTICLE = {"prt", "compound:prt"}  # "cordoned off"
COORDINATOR = {"cc", "preconj"}
PARATAXIS = {"parataxis"}
MARKER = {"mark"}
PUNCTUATION = {"punct"}
# Adverbs and adjectives that carry the verb's prepositional phrase ("marched close to X").
PREPOSITION_CARRIER = {"advmod", "acomp"}
# Other nominal arguments after a verb ("was a place", "named him envoy", "left Monday").
OTHER_ARGUMENT = {"attr", "oprd", "npadvmod"}
NOUN_ADVERBIAL = {"npadvmod", "obl:npmod"}  # "left Monday"; a misread object ("criticized Turkey")
APPOSITION = {"appos"}
NUMBER_MODIFIER = {"nummod", "nummod:gov"}  # "3 soldiers"
POSSESSIVE = {"poss", "nmod:poss"}
COMPOUND = {"compound", "amod", "nmod", "nn"}
# Children that belong to an argument's noun phrase; the rest (clauses, conjuncts) do not.
NOUN_PHRASE_PARTS = {"det", "amod", "compound", "nummod", "poss", "case", "nmod", "nn",
                     "quantmod", "predet", "nmod:poss", "flat", "flat:name", "punct"}
NEGATION_WORDS = {"not", "n't", "never", "no"}
VERBAL = {"VERB", "AUX"}
NOMINAL = {"NOUN", "PROPN", "PRON", "NUM", "X"}


def argument_span(token: Token) -> Span:
    """The noun phrase headed by ``token``: modifiers and 'of' phrases, not clauses or conjuncts.

    "the defence minister of Pakistan, who spoke" -> "the defence minister of Pakistan".
    """
    doc = token.doc
    keep = {token.i}
    stack = [token]
    while stack:
        head = stack.pop()
        for child in head.children:
            dep = child.dep_
            if dep in NOUN_PHRASE_PARTS or (dep == "prep" and child.lower_ == "of") or (
                    dep in PREP_OBJECT and head.dep_ == "prep" and head.lower_ == "of"):
                if dep == "punct" and child.i not in (head.i - 1, head.i + 1):
                    continue
                keep.add(child.i)
                stack.append(child)
    start, end = min(keep), max(keep) + 1
    while start < end - 1 and doc[start].is_punct:
        start += 1
    while end - 1 > start and doc[end - 1].is_punct:
        end -= 1
    return doc[start:end]


def conjuncts(token: Token) -> list[Token]:
    """``token`` and the tokens coordinated with it ("Arnor and Gondor" -> both).

    A list the parser read as apposition plus coordination ("Mordor, the Shire, Fornost and
    Bree": Shire appos of Mordor, Fornost and Bree conj of Shire) is a coordination too, and
    so is a name set off as an appositive before a later conjunct ("Egypt, the troubled
    Jordan, and Tunisia"), where an appositive that renames ("Putin, the Russian president,
    and Erdogan") is a common noun or another kind of name.
    """
    found = [token, *token.conjuncts]
    for child in token.children:
        if child.dep_ not in APPOSITION:
            continue
        if child.conjuncts and not token.conjuncts:
            found += [child, *child.conjuncts]
        elif _listed_name(child, token):
            found.append(child)
    return found


def _listed_name(appositive: Token, token: Token) -> bool:
    """An appositive name before a later conjunct or coordinator of ``token``, of the same
    kind (a person among people, a place or body among places and bodies): one more member."""
    if appositive.pos_ != "PROPN" or token.pos_ != "PROPN" or not any(
            c.i > appositive.i and (c.dep_ in CONJUNCT | COORDINATOR) for c in token.children):
        return False
    from .entities import entity_type  # the NER may run on demand; only lists ask
    kinds = entity_type(appositive), entity_type(token)
    return all(kinds) and (kinds[0] == "PERSON") == (kinds[1] == "PERSON")


def is_negated(token: Token) -> bool:
    """True for 'did not attack', 'never attacked', 'refused to' is left to codebooks."""
    return any(c.dep_ in NEGATION or (c.lower_ in NEGATION_WORDS and c.dep_ in ("advmod", "det"))
               for c in token.children)


def is_passive(token: Token) -> bool:
    """"was attacked by", and a past participle modifying a noun ("soldiers killed in")."""
    return any(c.dep_ in PASSIVE_SUBJECT or c.dep_ == "auxpass" for c in token.children) or (
        token.dep_ in NOUN_CLAUSE and token.tag_ == "VBN")


def is_preposition(token: Token) -> bool:
    """A preposition heading its phrase, also the "to" of a recipient that ClearNLP labels
    ``dative`` ("sent troops *to* Qatar"): its object is a prepositional object, not the
    verb's."""
    return token.dep_ in PREPOSITION or (token.dep_ in DATIVE and token.pos_ == "ADP")


def is_misread_object(token: Token) -> bool:
    """A name the parser reads as a noun adverbial of its verb ("met Ethiopian Prime Minister
    Abiy Ahmed": Ahmed as npadvmod) when its phrase starts right after the verb: the verb's
    object ("met Monday" names no one, so reading it as an object codes nothing more)."""
    verb = token.head
    return token.dep_ in NOUN_ADVERBIAL and token.pos_ == "PROPN" and verb is not token \
        and token.left_edge.i == verb.i + 1


def prepositional_objects(token: Token) -> dict[str, list[Token]]:
    """Objects of prepositions under ``token``: {"with": [Gondor], "against": [rebels]}."""
    found: dict[str, list[Token]] = {}
    for child in token.children:
        if is_preposition(child) and child.pos_ == "ADP" or child.dep_ == "prep":
            objects = [g for g in child.children if g.dep_ in PREP_OBJECT and g.pos_ in NOMINAL]
            for obj in objects:
                found.setdefault(child.lower_, []).extend(conjuncts(obj))
        elif child.dep_ in OBLIQUE:
            case = next((g.lower_ for g in child.children if g.dep_ == "case"), "")
            found.setdefault(case, []).extend(conjuncts(child))
    return found


# Children that start a clause or a side remark: not part of the phrase that names an actor.
PHRASE_BREAKS = MODIFIER_CLAUSE | CLAUSAL_COMPLEMENT | APPOSITION | PARATAXIS | PUNCTUATION
ACTOR_PRONOUNS = {"it", "its", "they", "them", "their", "he", "him", "his", "she", "her"}


def phrase_tokens(token: Token) -> set[int]:
    """Indices of ``token``'s noun phrase with its prepositional phrases, without relative
    clauses, appositives or other clauses ("Soldiers from Gondor, who ..."). Conjuncts of
    ``token`` itself are phrases of their own; coordination further down stays ("the
    ambassadors of Arnor and Gondor")."""
    keep = {token.i}
    stack = [token]
    while stack:
        node = stack.pop()
        for child in node.children:
            if child.dep_ not in PHRASE_BREAKS and not (
                    node is token and child.dep_ in CONJUNCT | COORDINATOR):
                keep.add(child.i)
                stack.append(child)
    return keep


def first_conjunct(token: Token) -> Token:
    """The head of a coordination: "media" for "government" in "media and government"."""
    while token.dep_ in CONJUNCT and token.head.i != token.i:
        token = token.head
    return token


def premodifier_tokens(token: Token) -> set[int]:
    """Indices of the modifiers before ``token`` ("the Danish Islamist" of "media")."""
    return {t.i for c in token.children if c.i < token.i and c.dep_ not in PHRASE_BREAKS
            for t in c.subtree}


def antecedents(pronoun: Token):
    """Candidate antecedents of a pronoun, nearest first: subjects of the clauses above it
    ("Gondor said it would ..."), earlier nouns right to left, then the previous sentence's
    subjects ("Asif spoke. He alleged ...")."""
    if pronoun.lower_ not in ACTOR_PRONOUNS:
        return
    seen = {pronoun.i}
    for ancestor in pronoun.ancestors:
        for child in ancestor.children:
            if child.dep_ in SUBJECT | PASSIVE_SUBJECT and child.i not in seen \
                    and child.pos_ != "PRON" and child.i < pronoun.i:
                seen.add(child.i)
                yield child
    for token in reversed(pronoun.sent[:pronoun.i - pronoun.sent.start]):
        if token.i not in seen and token.pos_ in ("PROPN", "NOUN") and token.dep_ not in (
                "compound", "amod"):
            yield token
    start = pronoun.sent.start
    if start > 0:  # then the subjects of the previous sentence, main clause first
        previous = pronoun.doc[start - 1].sent
        for token in sorted(previous, key=lambda t: (len(list(t.ancestors)), t.i)):
            if token.dep_ in SUBJECT | PASSIVE_SUBJECT and token.pos_ != "PRON":
                yield token


def clause_verbs(head: Token) -> list[Token]:
    """A clause's verb and the verbs chained or subordinated to it ("is about to restore" ->
    is, restore; "indicated it would act" -> indicated, act)."""
    found = [head]
    stack = [head]
    while stack:
        for child in stack.pop().children:
            if child.dep_ in SUBJECT_SHARING | CLAUSAL_COMPLEMENT:
                found.append(child)
                stack.append(child)
    return found


# -- modality: is the act done, intended, or demanded of its subject? -----------------------
INTENT_AUX = {"will", "would", "'ll", "shall", "wo", "may", "might"}
OBLIGATION_AUX = {"must", "should", "ought"}
# Heads of an open complement that make it an intention ("agreed to withdraw", "is willing
# to meet") or a demand ("urged Iraq to cooperate", "demanded that Israel ease").
INTENT_HEADS = {"willing", "ready", "prepared", "determined", "agree", "offer", "promise",
                "pledge", "vow", "plan", "intend", "decide", "threaten", "prepare", "going"}
DEMAND_HEADS = {"demand", "urge", "insist", "ask", "call", "press", "push", "require", "appeal",
                "request", "plea"}
CONDITION_MARKERS = {"if", "unless", "whether"}


def modality(token: Token) -> str | None:
    """How an act is stated, when it is not reported as done:

    - "intent": intended, promised or threatened ("will release", "agreed to withdraw", "is
      willing to meet", "may halt"); a perfect ("may have attacked") is not;
    - "obligation": its subject must do it ("Iraq must cooperate");
    - "demanded": what a demand asks for ("demanded that Israel ease", "an appeal to lay down
      arms");
    - "conditional": the condition of another act ("if it is attacked", "unless he agrees");
    - "purpose": the aim of another act ("marched to demand reforms").
    An open complement shares its head's modality ("will try to attack" is an intent).
    """
    aux = {c.lower_ for c in token.children if c.dep_ in AUXILIARY}
    if aux & OBLIGATION_AUX:
        return "obligation"
    if aux & INTENT_AUX and "have" not in aux:
        return "intent"
    head = token.head.lemma_.lower()
    inherited = modality(token.head) if token.dep_ in OPEN_COMPLEMENT else None
    if inherited in ("conditional", "purpose"):  # "unless he agrees to step down"
        return inherited
    if token.dep_ in OPEN_COMPLEMENT and head in INTENT_HEADS:
        return "intent"
    if token.dep_ in OPEN_COMPLEMENT | CLAUSAL_COMPLEMENT | NOUN_CLAUSE and head in DEMAND_HEADS:
        return "demanded"
    if token.dep_ in ADVERBIAL_CLAUSE:
        if {c.lower_ for c in token.children if c.dep_ in MARKER} & CONDITION_MARKERS:
            return "conditional"
        if "to" in aux:
            return "purpose"
    return inherited
