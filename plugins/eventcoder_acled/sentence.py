"""What one sentence tells: its event cues, actors, places and date.

Which cues count is the relevance stage's decision (:mod:`.relevance`, ``relevance.yaml``):
page furniture has none; cues of violence that did not happen, is argued about, mourned,
remembered, summed up over a period or only figurative are dropped, each with the name of
the check that dropped it.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Span

from .actors import Mention
from .cues import Cue
from .dates import relative_day, resolve_date
from .lexicon import words
from .places import sentence_places
from .relevance import Context, Relevance


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
    own_date: bool  # the sentence states its day (resolved to a date or not)
    groups: int = 0  # how many events share this sentence
    dropped: list[tuple[Cue, str]] = field(default_factory=list)  # cue, check that dropped it
    furniture: str | None = None  # why the line is page furniture, when it is
    day: str | None = None  # the date, or a relative day label in an undated document

    def __post_init__(self):
        self.day = self.day or self.date

    @property
    def is_event(self) -> bool:
        events = words("event_cues")
        return any(c.name in events for c in self.cues)


def read_sentence(index: int, span: Span, cues: list[Cue], mentions: list[Mention],
                  article_date: str | None, country: str | None = None, *,
                  relevance: Relevance, context: Context,
                  after_a_date: bool = False) -> SentenceInfo:
    """Cues that pass the relevance stage's checks, actors, places (in ``country`` when the
    actors say where the story is; never where someone is from) and the stated date of a
    sentence; in an undated article, the day label of its relative words (of the words that
    point from the day of writing only, ``after_a_date`` the text told). A line of page
    furniture tells nothing."""
    doc = span.doc
    furniture = relevance.boilerplate(span)
    if furniture:
        return SentenceInfo(index, span, [], [], [], [], None, 2, False,
                            dropped=[(c, furniture) for c in cues], furniture=furniture)
    cues, dropped = relevance.check_cues(span, cues, mentions, context, article_date)
    cue_spans = [(c.start, c.end) for c in cues if c.end - c.start > 1]
    mentions = [m for m in mentions if not any(s <= m.start and m.end <= e and e - s >
                                               m.end - m.start for s, e in cue_spans)]
    places, broad = sentence_places(span, mentions, country)
    date, precision = resolve_date(span, article_date, default_to_article=False)
    day = date or (relative_day(span, deictic_only=after_a_date) if article_date is None
                   else None)
    if day is None and not places:  # "the group had carried out attacks on civilians"
        habitual = [c for c in cues if _habitual(doc[c.start])]
        dropped += [(c, "habitual") for c in habitual]
        cues = [c for c in cues if c not in habitual]
    return SentenceInfo(index, span, cues, mentions, places, broad, date, precision,
                        day is not None, dropped=dropped, day=day)


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
