"""Part of step 1 (mentions): where someone is from is not where an event happened. One rule
for the whole plugin (the relevance stage has no detector of its own): a place right after an origin cue ("in his hometown of
Sialkot", "a native of Swat", "who hails from Multan", "born in Karachi", "originally from
Kano"; ``origin_cues`` in ``lexicon.yaml``) is never an event's place; a place right after a
noun and "from" or before a noun of people ("Quetta residents", ``people_nouns``) ("a
trader from Multan was shot in Quetta", ``origin_of_people``) is where
those people come from, and one after a verb of going ("withdrew toward Filingue", "was
airlifted to Ranchi", ``destination_cues``) where they went, only when the sentence names
another place for the event ("militants abducted two men from Turbat" happened in Turbat).

The cues are spaCy Matcher patterns; between a cue and the place only an article may stand.
"""
from __future__ import annotations

from spacy.tokens import Doc, Span

from ..docarrays import lowers, sentence_of, token_starting_at, tokens_before
from ..lexicon import lexicon, words
from ..matchgate import GatedMatcher

ALWAYS = "origin_cues"  # the place is someone's origin, whatever else the sentence names
MATCHED = ("origin_of_people", "destination_cues")  # Matcher entries: only beside another
PEOPLE = "people_nouns"  # "Quetta residents protested in Islamabad": only beside another
UNLESS_ALONE = (*MATCHED, PEOPLE)  # place of the sentence
Compiled = tuple[GatedMatcher, dict[int, str]]  # the matcher and its rule names by match id
_COMPILED: dict[tuple[int, int], Compiled] = {}  # per lexicon and vocabulary
MATCHES_KEY = "eventcoder_acled.origin_matches"  # per document: the cue matches per sentence


def _matcher(doc: Doc) -> Compiled:
    """The cue matcher of the active lexicon, compiled on first use, with its rule names
    kept here: it may be compiled inside the spaCy memory zone a partition is coded in,
    whose strings (the names ``Matcher.add`` put in the vocabulary) are dropped when the
    zone ends while the matcher goes on returning their hashes."""
    active = lexicon()
    compiled = _COMPILED.get((id(active), id(doc.vocab)))
    if compiled is None:
        matcher, names = GatedMatcher(doc.vocab), {}
        for name in (ALWAYS, *MATCHED):
            names[doc.vocab.strings.add(name, allow_transient=False)] = name  # a label
            matcher.add(name, active.matcher(name))
        compiled = matcher, names
        _COMPILED.clear()  # one lexicon codes at a time: keep only its matcher
        _COMPILED[id(active), id(doc.vocab)] = compiled
    return compiled


def names_people(doc: Doc, j: int) -> bool:
    """Token ``j`` is a noun of people ("Kisii residents", "Bungoma farmers"): the name
    before it says where they live."""
    return j < len(doc) and doc[j].lemma_.lower() in words(PEOPLE)


def origin(doc: Doc, char: int, end: int | None = None) -> str | None:
    """Which rule (``ALWAYS`` or one of ``UNLESS_ALONE``) makes the name from character
    ``char`` (to ``end``) a place someone is from (or went to), or None."""
    at = token_starting_at(doc, char)  # a name begins a token: no span to make
    if at is None:
        span = doc.char_span(char, char + 1, alignment_mode="expand")
        if span is None:
            return None
        at = span.start
    articles, lower = words("origin_articles"), lowers(doc)
    found = None
    for name, stop in _sentence_matches(doc, sentence_of(doc, at)):
        if stop == at or (stop < at and all(w in articles for w in lower[stop:at])):
            found = ALWAYS if ALWAYS in (name, found) else name
    if found is None and end:
        last = tokens_before(doc, end)
        if last is None:
            span = doc.char_span(char, end, alignment_mode="expand")
            last = span.end if span is not None else None
        if last is not None and names_people(doc, last):
            found = PEOPLE
    return found


def _sentence_matches(doc: Doc, sentence: Span) -> list[tuple[str, int]]:
    """The cue matches (rule name, document offset of the end) of a sentence, found once per
    document and active lexicon: a sentence naming several places asks for each of them."""
    matcher, names = _matcher(doc)
    cache = doc.user_data.setdefault(MATCHES_KEY, {})
    where = (id(matcher), sentence.start, sentence.end)
    if where not in cache:
        cache[where] = [(names[match_id], sentence.start + stop)
                        for match_id, _, stop in matcher(sentence)]
    return cache[where]
