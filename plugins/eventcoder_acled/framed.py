"""Cue checks for an event named as the topic of something else: what a group claims or
denies, what someone is blamed for, what a law bans or an inquiry looks into. The
sentence reports the claim, the law or the inquiry, not the event (ACLED codes the attack
where it is reported, never the claim of it). Like :mod:`.realis`, each predicate takes the
cue and the sentence's :class:`~.realis.Facts` and returns True when the cue must be dropped;
the words come from ``relevance.yaml``. An armed actor's name is no event either when
nothing is done in the sentence ("the Indian Air Force is considering proposals")."""
from __future__ import annotations

from spacy.tokens import Token

from eventcoder import syntax

from .cues import Cue
from .lexicon import words
from .realis import Facts, predicate

# the links by which a cue can be named inside a noun phrase or a prepositional phrase:
# "responsibility for [the bombing]", "the killing [of ...] that [killed] eight"
# (not a noun's content clause: "allegations that forces used chemical weapons" may report
# them; nor "claimed to have seized arms": the claimer tells its own act)
NAMING = syntax.OBJECT | syntax.PREPOSITION | syntax.PREP_OBJECT | syntax.COMPOUND | \
    syntax.CONJUNCT | syntax.APPOSITION | syntax.RELATIVE_CLAUSE | syntax.ADVERBIAL_CLAUSE | \
    syntax.OTHER_ARGUMENT | syntax.PASSIVE_SUBJECT
STEPS = 6


def _framing_word(cue: Cue, facts: Facts, entry: str, after_be: str | None = None
                  ) -> Token | None:
    """The word of ``entry`` whose object, complement or prepositional phrase names the cue,
    walking up from it through noun and prepositional phrases, relative clauses ("a bomb
    that killed eight") and light verbs ("a ban on holding protests"); a word of ``after_be``
    frames only after "be". A cue that is a
    subject acts ("the attack claimed 12 lives"); a verb of its own ends the walk."""
    node = facts.span.doc[cue.start:cue.end].root
    for _ in range(STEPS):
        head = node.head
        if head.i == node.i or node.dep_ not in NAMING or (
                node.dep_ in syntax.ADVERBIAL_CLAUSE and not facts.has("light_verbs", node)):
            return None  # "investigating after a man was shot": the shooting is told
        if facts.has(entry, head) or (after_be and facts.has(after_be, head) and
                                      head.head.lemma_ == "be"):
            return head  # "claimed the attack"; "was behind the blast", not "dug in behind"
        if node.dep_ in syntax.PREPOSITION and head.pos_ in syntax.VERBAL and any(
                facts.has(entry, c) for c in head.children if c.dep_ in syntax.OBJECT):
            return head  # "imposed sanctions over the crackdown"
        if head.pos_ in syntax.VERBAL and node.dep_ not in syntax.RELATIVE_CLAUSE and \
                not facts.has("light_verbs", head):
            return None  # "attacked a base on the border": the verb is the event
        node = head
    return None


@predicate
def attributed(cue: Cue, facts: Facts) -> bool:
    """An event claimed, denied or blamed on someone: "IS claimed responsibility for a car
    bomb that killed eight", "Hamas claimed the rocket attack", "the army said it was not
    behind the explosion". A claim is a statement about an event, told apart from it; "the
    attack claimed 12 lives" acts. A dated claim reports ("On 2 November, ISWAP claimed an
    IED attack on soldiers": ACLED codes the attack so), as does an accusation ("SAF accused
    RSF of abducting 35 civilians" is coded as the abduction, as reported)."""
    word = _framing_word(cue, facts, "attribution_words", "attribution_after_be")
    if word is not None and facts.has("reporting_claims", word):
        return not any(t.ent_type_ in ("DATE", "TIME") for t in facts.span)
    return word is not None


@predicate
def topic_of_a_measure(cue: Cue, facts: Facts) -> bool:
    """An event as the topic of a law, a ban, a ruling, an inquiry or a sanction: "a law
    that makes it illegal to hold protests", "a ban on rallies", "an investigation into the
    killing of protesters", "sanctions over the crackdown". What the measure is about is a
    kind of event or an earlier one, not an event reported here."""
    return _framing_word(cue, facts, "measure_words") is not None


@predicate
def only_a_name(cue: Cue, facts: Facts) -> bool:
    """A cue word inside an armed actor's name ("the Indian Air Force is considering
    proposals", "the Artillery Regiment held a parade") tells of a strike only when something
    is done in the sentence: another event cue outside the names ("the Air Force bombed
    camps", "the Air Force killed 20 militants")."""
    names = [(m.start, m.end) for m in facts.mentions if m.armed]
    if not any(s <= cue.start and cue.end <= e for s, e in names):
        return False
    events = words("event_cues")
    return not any(c.name in events and not any(s <= c.start and c.end <= e for s, e in names)
                   for c in facts.cues if c is not cue)


@predicate
def told_in_court(cue: Cue, facts: Facts) -> bool:
    """Evidence heard in a court or an inquest: "the court heard that the defendant shot
    him", "an inquest was told the soldier was killed by a colleague". What a court hears
    is an old event under trial, not one reported here (the cue's clause, or one above it,
    is what a court word hears or is told)."""
    node = facts.span.doc[cue.start:cue.end].root
    for _ in range(STEPS):
        head = node.head
        if head.i == node.i:
            return False
        if node.dep_ in syntax.CLAUSAL_COMPLEMENT and facts.has("testimony_verbs", head):
            return any(c.dep_ in syntax.SUBJECT | syntax.PASSIVE_SUBJECT
                       and facts.has("court_words", c) for c in head.children)
        node = head
    return False
