"""What the ACLED classifier reads: a passage (sentences, cues, actor mentions), the decision
it makes, what each mention does in its clause, and the word lists the rules share."""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from eventcoder import syntax

from .actors import Mention
from .cues import Cue

# Cues that alone make a passage worth coding; the others only qualify an event.
EVENT_CUES = {"chemical", "air", "suicide", "shelling", "ied", "grenade", "clash", "attack",
              "communal",
              "abduction", "sexual", "protest", "riot", "arrest", "agreement", "change",
              "disrupted", "looting", "territory_gain", "territory_take",
              "territory_transfer", "establish", "displaced", "unopposed"}
WEAPONS = [("chemical", "Chemical weapon"), ("suicide", "Suicide bomb"),
           ("air", "Air/drone strike"), ("grenade", "Grenade"),
           ("shelling", "Shelling/artillery/missile attack"),
           ("ied", "Remote explosive/landmine/IED")]
TARGET_PREPS = {"on", "against", "at", "targeting", "upon", "toward", "towards", "in"}
PARTNER_PREPS = {"with", "between", "and"}
TERRITORY_WORDS = {"town", "village", "city", "area", "base", "camp", "territory", "district",
                   "port", "neighborhood", "neighbourhood", "regions", "province", "island",
                   "control", "position", "positions", "post", "checkpoint", "region",
                   "border", "crossing", "airport", "hill", "hills", "locality", "villages",
                   "towns", "areas", "county", "capital", "stronghold", "headquarters"}
REASON_WORDS = {"against", "over", "condemning", "denouncing", "demanding", "protesting",
                "following", "after", "alleged", "allegedly", "accused", "suspected",
                "alleging", "claiming", "accusing", "informant", "informer", "response",
                "wake", "justice", "end", "spy", "spies", "collaborator", "collaborators",
                "due", "fleeing", "fled", "preparation"}
SETTLEMENT_WORDS = {"ceasefire", "cease-fire", "truce", "treaty", "accord", "agreement",
                    "pact", "armistice", "exchange", "exchanged", "swap", "deal"}
WEAPON_CUES = {cue for cue, _ in WEAPONS}
GENERIC_BLASTS = {"explosion", "blast", "explode", "exploded", "bomb", "detonate", "rocket",
                  "missile", "explosive", "mine"}
VIOLENT_CUES = {"clash", "attack", "looting", "riot", "abduction", "sexual", "lethal_force",
                "communal",
                *WEAPON_CUES}
DIRECT_FIRE = {"shoot", "ambush", "shot", "gun", "storm"}
# verbs of arms taken as a haul ("seized rifles and IEDs"), unlike arms destroyed in use
HAUL = {"seize", "recover", "retrieve", "confiscate", "capture", "find", "discover", "unearth",
        "take", "loot", "snatch"}
REPORTING = {"say", "confirm", "report", "tell", "announce", "claim", "state", "add", "accord",
             "by", "quote", "cite"}
FACILITY_WORDS = {"base", "camp", "post", "checkpoint", "station", "convoy", "vehicle",
                  "patrol", "headquarters", "office", "tank", "outpost", "position",
                  "positions", "barracks", "check", "team", "unit"}
VEHICLES = {"vehicle", "car", "truck", "bus", "lorry", "tanker", "van"}
# what makes a vehicle, convoy or camp a civilian one ("an NGO convoy", "a fishing camp")
CIVILIAN_FACILITY = {"ngo", "humanitarian", "aid", "civilian", "passenger", "fishing",
                     "private", "commercial", "unhcr", "wfp", "idp", "refugee", "relief",
                     "medical", "taxi", "school", "public", "local"}
PERSON_KINDS = {"civilians", "military", "police", "protesters", "group", "armed_group"}
STATE = {"military", "police"}
ENTRY_WORDS = {"raid", "storm", "incursion", "besiege"}  # entering to loot is no attack
MODIFIERS = {"compound", "amod", "nmod"}  # "death squad", "killing fields": no killing
KILLING = {"kill", "murder", "execute", "behead", "slaughter", "massacre", "dead", "die",
           "death", "shoot", "strangle", "assassinate"}


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
        if prep in PARTNER_PREPS:
            return "partner"
        if prep in TARGET_PREPS:
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
    if head.head.lemma_ in REPORTING and head.dep_ in syntax.SUBJECT | {"agent", "pobj"}:
        return True  # "confirmed dead by the police", "according to the army"
    return any(a.dep_ in ("relcl", "acl") or a.lower_ in REASON_WORDS | DESCRIBING
               for a in head.ancestors)


# words that attach a side to someone else: "killed a civilian for supporting the army",
# "a cook working at a military base"
DESCRIBING = {"supporting", "collaborating", "working", "employed"}


def is_reason(token: Token, clauses: bool = True) -> bool:
    """Told as the reason or background of something else: "against the killing of",
    "in response to the attack", and with ``clauses`` "protested after a man was killed"."""
    clause = [token, *token.ancestors][:3] if clauses else []
    return any(a.lower_ in REASON_WORDS for a in token.ancestors) or (
        token.i > 0 and token.doc[token.i - 1].lower_ in REASON_WORDS) or any(
        c.dep_ == "mark" and c.lower_ in REASON_WORDS for t in clause for c in t.children)


def first_of(mentions: list[Mention], kinds: set[str]) -> Mention | None:
    return next((m for m in mentions if m.kind in kinds), None)
