"""What the ACLED classifier reads: a passage (sentences, cues, actor mentions), the decision
it makes and what each mention does in its clause. The words the rules share are lexicon
entries (``lexicon.yaml``), read when a passage is coded so an extension's words count."""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from eventcoder import syntax

from .actors import Mention
from .cues import Cue
from .lexicon import mapping, words

# dependency labels of a noun's modifiers: "death squad", "killing fields" tell no killing
MODIFIERS = {"compound", "amod", "nmod"}


def weapon_cues() -> set[str]:
    """Cue names of weapons (``weapon_sub_events`` in the lexicon)."""
    return set(mapping("weapon_sub_events"))


def violent_cues() -> set[str]:
    """Cue names of violence, weapons included."""
    return words("violent_cues") | weapon_cues()


@dataclass
class Passage:
    """Sentences told about one event, with their cues and actor mentions."""

    sentences: list[Span]
    cues: list[Cue]
    mentions: list[Mention]

    def has(self, name: str) -> bool:
        return any(c.name == name for c in self.cues)

    def tokens(self, name: str) -> list[Token]:
        doc = self.sentences[0].doc
        return [doc[c.start] for c in self.cues if c.name == name]


@dataclass
class Decision:
    """A sub-event type and its sides: mentions, or kinds to name after the country."""

    sub_event_type: str
    side1: Mention | str
    side2: Mention | str | None = None
    assoc1: list[Mention] = field(default_factory=list)
    rule: str = ""
    hit_only: bool = False  # side1 is only told as hit ("22 militants were killed"): the
    # unnamed opponent acted, so ACLED names it first


def role(mention: Mention, doc) -> str:
    """agent, target, partner or other: what the mention does in its clause."""
    head = doc[mention.start:mention.end].root
    dep = head.dep_
    if dep in syntax.SUBJECT:
        return "agent"
    if dep in syntax.OBJECT | syntax.PASSIVE_SUBJECT | syntax.DATIVE:
        return "target"
    if dep in syntax.PREP_OBJECT and head.head.lower_ == "of" and head.head.head.pos_ == "NOUN":
        outer = head.head.head  # "two groups of villagers clashed": the villagers act
        return role(Mention(mention.kind, outer.i, outer.i + 1, ""), doc)
    if dep in syntax.PREP_OBJECT:
        prep = head.head.lower_
        if head.head.dep_ in syntax.AGENT or prep == "by":
            return "agent"
        if prep in words("partner_prepositions"):
            return "partner"
        if prep in words("target_prepositions"):
            return "target"
    if dep in ("compound", "poss", "nmod") and head.head.pos_ == "NOUN":
        return "agent"
    if dep in syntax.CONJUNCT:
        return role(Mention(mention.kind, head.head.i, head.head.i + 1, ""), doc)
    return "other"


def peripheral(mention: Mention, doc) -> bool:
    """Named only to describe someone else: "a man who was an informant for the military",
    "alleging those killed were GATIA fighters"."""
    head = doc[mention.start:mention.end].root
    if head.head.lemma_ in words("reporting_lemmas") and \
            head.dep_ in syntax.SUBJECT | {"agent", "pobj"}:
        return True  # "confirmed dead by the police", "according to the army"
    describing = words("reason_words") | words("describing_words")
    return any(a.dep_ in ("relcl", "acl") or a.lower_ in describing for a in head.ancestors)


def is_reason(token: Token, clauses: bool = True) -> bool:
    """Told as the reason or background of something else: "against the killing of",
    "in response to the attack", and with ``clauses`` "protested after a man was killed"."""
    clause = [token, *token.ancestors][:3] if clauses else []
    reasons = words("reason_words")
    return any(a.lower_ in reasons for a in token.ancestors) or (
        token.i > 0 and token.doc[token.i - 1].lower_ in reasons) or any(
        c.dep_ == "mark" and c.lower_ in reasons for t in clause for c in t.children)


def first_of(mentions: list[Mention], kinds: set[str]) -> Mention | None:
    return next((m for m in mentions if m.kind in kinds), None)
