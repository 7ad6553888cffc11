"""What one sentence tells: its event cues, actors, places and date.

Which cues count is the relevance stage's decision (:mod:`.relevance`, ``relevance.yaml``):
page furniture has none; cues of violence that did not happen, is argued about, mourned,
remembered, summed up over a period or only figurative are dropped, each with the name of
the check that dropped it.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Span

from .actors import Mention
from .cues import Cue
from .dates import relative_day, resolve_date
from .lexicon import Lexicon, lexicon, using, words
from .places import sentence_places
from .relevance import Context, Relevance


PLACES_KEY = "eventcoder_acled.sentence_places"  # per document: the reading's places


class _DocumentPlaces:
    """The places of the sentences of one reading of a document, found when first asked
    for, in sentence order.

    A document no sentence of which tells an event asks for none (most ordinary news), and
    one that does asks for those of its event sentences and their neighbours. A place named
    again is the one named before (``sentence_places`` remembers the records it gave, also
    for a later reading), so a sentence's places are found only after those of every
    sentence read before it, with the lexicon it was read with: the same places as when
    each sentence's were found as it was read."""

    def __init__(self, vocabulary: Lexicon):
        self.vocabulary = vocabulary
        self.waiting: list[tuple[SentenceInfo, Span, list[Mention], str | None]] = []
        self.last = -1  # the index of the last sentence read

    def add(self, info: SentenceInfo, mentions: list[Mention], country: str | None) -> None:
        info.pending = self
        self.waiting.append((info, info.span, mentions, country))
        self.last = info.index

    def follows(self, index: int) -> bool:
        """Does sentence ``index`` continue this reading (it comes after the last read)?"""
        return index > self.last

    def find_through(self, index: float) -> None:
        """Find the places of every waiting sentence up to sentence ``index``."""
        done = 0
        with using(self.vocabulary):
            for info, span, mentions, country in self.waiting:
                if info.index > index:
                    break
                info.found = sentence_places(span, mentions, country)
                done += 1
        del self.waiting[:done]


@dataclass(eq=False)  # one object per sentence: compared by identity
class SentenceInfo:
    index: int
    span: Span
    cues: list[Cue]
    mentions: list[Mention]
    found: tuple[list[dict[str, Any]], list[dict[str, Any]]] | None  # places, broad; None:
    # not found yet (``_DocumentPlaces`` finds them when asked for)
    date: str | None
    precision: int
    own_date: bool  # the sentence states its day (resolved to a date or not)
    groups: int = 0  # how many events share this sentence
    dropped: list[tuple[Cue, str]] = field(default_factory=list)  # cue, check that dropped it
    furniture: str | None = None  # why the line is page furniture, when it is
    day: str | None = None  # the date, or a relative day label in an undated document
    pending: _DocumentPlaces | None = field(default=None, repr=False)  # finds ``found``

    def __post_init__(self):
        self.day = self.day or self.date

    @property
    def places(self) -> list[dict[str, Any]]:
        """Specific places (town or district level)."""
        return self._found()[0]

    @property
    def broad(self) -> list[dict[str, Any]]:
        """Provinces or countries named."""
        return self._found()[1]

    def _found(self) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        if self.found is None:
            self.pending.find_through(self.index)
        return self.found

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
        return SentenceInfo(index, span, [], [], ([], []), None, 2, False,
                            dropped=[(c, furniture) for c in cues], furniture=furniture)
    cues, dropped = relevance.check_cues(span, cues, mentions, context, article_date)
    cue_spans = [(c.start, c.end) for c in cues if c.end - c.start > 1]
    mentions = [m for m in mentions if not any(s <= m.start and m.end <= e and e - s >
                                               m.end - m.start for s, e in cue_spans)]
    date, precision = resolve_date(span, article_date, default_to_article=False)
    day = date or (relative_day(span, deictic_only=after_a_date) if article_date is None
                   else None)
    info = SentenceInfo(index, span, cues, mentions, None, date, precision, day is not None,
                        dropped=dropped, day=day)
    reading = doc.user_data.get(PLACES_KEY)
    if reading is None or not reading.follows(index) or reading.vocabulary is not lexicon():
        if reading is not None:  # the document read again: the last reading's places first
            reading.find_through(math.inf)
        reading = doc.user_data[PLACES_KEY] = _DocumentPlaces(lexicon())
    reading.add(info, mentions, country)
    habitual = [c for c in cues if _habitual(doc[c.start])] if day is None else []
    if habitual and not info.places:  # "the group had carried out attacks on civilians"
        info.dropped += [(c, "habitual") for c in habitual]
        info.cues = [c for c in cues if c not in habitual]
    return info


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
