"""What one sentence tells: its event cues, actors, places and date.

Cues of violence that did not happen ("troops should be deployed", "needed to deploy"), that
is argued about, mourned ("condolences to the families of those killed") or summed up over a
period ("killed in the last two days") are dropped, as are background cues ("a recent spate
of attacks").
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Span

from .actors import Mention
from .cues import Cue
from .dates import resolve_date
from .fatalities import over_a_period
from .passage import EVENT_CUES
from .places import sentence_places

MODALS = {"would", "could", "should", "must", "might", "may", "will", "shall", "'d", "'ll",
          "wo", "ca"}
INTENT_VERBS = {"need", "want", "plan", "seek", "intend", "urge", "threaten", "vow",
                "promise", "pledge", "hope", "wish", "aim", "prepare", "decide", "propose"}
PERIOD_WORDS = re.compile(r"\b(?:since|so far|to date|last|past|previous|recent|this)\b",
                          re.I)  # running totals: "killed in the last two days"
REACTIONS = {"condolence", "grief", "mourn", "tribute", "prayer", "pray", "sympathy",
             "solidarity", "sorrow", "funeral", "outrage", "shock"}
OPINION_VERBS = {"argue", "condemn", "criticise", "criticize", "urge", "recommend",
                 "suggest"}
UNREAL_WORDS = MODALS | INTENT_VERBS | OPINION_VERBS


@dataclass(eq=False)  # one object per sentence: compared by identity
class SentenceInfo:
    index: int
    span: Span
    cues: list[Cue]
    mentions: list[Mention]
    places: list[dict[str, Any]]  # specific places (town or district level)
    broad: list[dict[str, Any]]  # provinces or countries named
    date: str | None
    precision: int
    own_date: bool
    groups: int = 0  # how many events share this sentence

    @property
    def is_event(self) -> bool:
        return any(c.name in EVENT_CUES for c in self.cues)


def read_sentence(index: int, span: Span, cues: list[Cue], mentions: list[Mention],
                  article_date: str | None, country: str | None = None) -> SentenceInfo:
    """Cues (background ones and dates such as "2 March" dropped), actors, places (in
    ``country`` when the actors say where the story is) and the stated date of a sentence."""
    doc = span.doc
    background = {c.start for c in cues if c.name == "background"}
    words = {t.lemma_.lower() for t in span} | {t.lower_ for t in span}
    unreal = bool(words & UNREAL_WORDS)  # cheap gates: most sentences need no tree walks
    period = PERIOD_WORDS.search(span.text) is not None
    reaction = bool(words & REACTIONS)
    cues = [c for c in cues if c.name != "background"
            and not any(i in background for i in range(c.start - 3, c.start))
            and not all(t.ent_type_ == "DATE" for t in doc[c.start:c.end])
            and not (unreal and _unreal(doc[c.start]))
            and not (period and over_a_period(doc[c.start]))
            and not (reaction and _mourned(doc[c.start]))
            and not _in_a_name(c, mentions, doc) and not _idiom(doc[c.start])]
    cue_spans = [(c.start, c.end) for c in cues if c.end - c.start > 1]
    mentions = [m for m in mentions if not any(s <= m.start and m.end <= e and e - s >
                                               m.end - m.start for s, e in cue_spans)]
    places, broad = sentence_places(span, mentions, country)
    date, precision = resolve_date(span, article_date, default_to_article=False)
    if date is None and not places:  # "the group had carried out attacks on civilians"
        cues = [c for c in cues if not _habitual(doc[c.start])]
    return SentenceInfo(index, span, cues, mentions, places, broad, date, precision,
                        date is not None)


def _in_a_name(cue: Cue, mentions: list[Mention], doc) -> bool:
    """A word of a group's proper name is no cue: "Baloch Liberation Army", "Popular
    Resistance Committees"."""
    return doc[cue.start].pos_ == "PROPN" and any(
        m.kind == "group" and m.start <= cue.start and cue.end <= m.end for m in mentions)


def _habitual(token) -> bool:
    """Bare plural acts under a past perfect ("had carried out attacks on civilians,
    including kidnappings"), with no day or place told: a record of conduct, not an event."""
    if token.tag_ != "NNS" or any(c.dep_ in ("det", "poss", "nummod")
                                  for c in token.children):
        return False
    head = token.head
    while (head.pos_ not in ("VERB", "AUX") or head.dep_ == "prep") and \
            head.head.i != head.i:
        head = head.head  # up through "attacks on civilians, including kidnappings"
    return head.tag_ == "VBN" and any(c.dep_ == "aux" and c.lower_ == "had"
                                      for c in head.children)


def _idiom(token) -> bool:
    """"under the banner of X" says whom someone acts for, not that anyone marched."""
    return token.lemma_.lower() == "banner" and token.head.lower_ == "under"


def _unreal(token) -> bool:
    """Violence that did not happen, or is only argued about: "troops should be deployed",
    "Pakistan needed to deploy troops", "some argue the state should negotiate". ACLED
    codes events that took place."""
    for node in [token, *token.ancestors]:
        if node.pos_ in ("VERB", "AUX") and any(
                c.dep_ == "aux" and c.lower_ in MODALS for c in node.children):
            return True
        if node.dep_ == "xcomp" and node.head.lemma_.lower() in INTENT_VERBS:
            return True
        if node.dep_ in ("ROOT", "ccomp", "advcl", "relcl", "conj") and node.pos_ in (
                "VERB", "AUX"):  # the clause that holds the cue ends here
            return node.dep_ == "ccomp" and node.head.lemma_.lower() in OPINION_VERBS
    return False


def _mourned(token) -> bool:
    """Violence the sentence mourns rather than reports: "condolences to the families of
    those killed", "grief over the deaths"."""
    return any(a.lemma_.lower() in REACTIONS for a in list(token.ancestors)[:4])
