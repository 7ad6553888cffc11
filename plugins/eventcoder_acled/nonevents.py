"""Cue checks for sentences whose violent or protest words tell no event that happened here:
a habit or a generic statement ("militants often attack checkpoints"), a schedule ("the march
is set for Friday"), a denial ("no protests were reported"), a drill or a scene of fiction
("a drill simulating an attack", "in the film, rebels attack a village"), an aircraft that
only flies ("the aircraft declared an emergency"), people or things gathered in, not
gathering ("gathered evidence"), harm done by an animal, migrants held at a border and an
event cited as the reason for a measure. Like :mod:`.realis`, each predicate takes the cue
and the sentence's :class:`~.realis.Facts` and returns True when the cue must be dropped; the
words come from ``relevance.yaml``'s lexicon."""
from __future__ import annotations

from spacy.tokens import Token

from eventcoder import syntax

from .cues import Cue
from .framed import _framing_word
from .realis import Facts, arguments, doers_of, predicate, prep_objects

DAYS = ("DATE", "TIME")


def _root(cue: Cue, facts: Facts) -> Token:
    return facts.span.doc[cue.start:cue.end].root


def clause_verb(token: Token) -> Token:
    """The verb a noun cue is an argument of, or the verb cue itself."""
    node = token
    while node.pos_ not in syntax.VERBAL and node.head.i != node.i:
        node = node.head
    return node


@predicate
def habitual(cue: Cue, facts: Facts) -> bool:
    """A habit, not an event: an adverb of frequency on the cue's verb ("militants often
    attack checkpoints", "police routinely detain activists", "protesters usually gather on
    Fridays"), in the present tense or with no day told ("the rebels often attacked convoys
    on Monday" tells a day: the attacks of that day stay)."""
    verb = clause_verb(_root(cue, facts))
    if not any(c.dep_ == "advmod" and facts.has("frequency_words", c) for c in verb.children):
        return False
    return verb.tag_ in ("VBZ", "VBP") or not any(t.ent_type_ in DAYS for t in facts.span)


@predicate
def generic_statement(cue: Cue, facts: Facts) -> bool:
    """What a kind of event is, not one that happened: the cue, a bare noun, is the subject
    of "be" said to be a tactic, a common thing or a hallmark ("suicide bombings are a common
    tactic of the group", "kidnappings are rare in the city")."""
    root = _root(cue, facts)
    if root.dep_ not in syntax.SUBJECT or root.head.lemma_ != "be" or any(
            c.dep_ in {"det", "nummod"} | syntax.POSSESSIVE for c in root.children):
        return False  # "the clash on Friday was a rare confrontation" is one clash
    said = [c for c in root.head.children if c.dep_ in ("attr", "acomp")]
    return any(facts.has("generic_words", w) for s in said
               for w in [s, *[c for c in s.children if c.dep_ in syntax.COMPOUND]])


@predicate
def scheduled(cue: Cue, facts: Facts) -> bool:
    """An event set for later: the cue is the subject or the complement of a word of
    schedule ("the march is scheduled to take place on Friday", "teachers are set to
    strike", "doctors are due to stage a walkout", "a rally planned for Sunday")."""
    root = _root(cue, facts)
    node = root
    for _ in range(3):  # up through "due to [stage] [a walkout]"
        head = node.head
        if head.i == node.i:
            break
        if facts.has("schedule_words", head) and (
                node.dep_ in syntax.OPEN_COMPLEMENT or node.dep_ in
                syntax.SUBJECT | syntax.PASSIVE_SUBJECT and _sets_a_time(head)):
            return True
        if node.dep_ not in syntax.OPEN_COMPLEMENT | syntax.OBJECT:
            break
        node = head
    return any(c.dep_ in syntax.NOUN_CLAUSE and facts.has("schedule_words", c)
               for c in root.children)  # "a rally planned for Sunday"


def _sets_a_time(word: Token) -> bool:
    """"scheduled to take place", "set for Friday" ("a mob set them ablaze" sets no time)."""
    return any(c.dep_ in syntax.OPEN_COMPLEMENT or (c.dep_ in syntax.PREPOSITION and
                                                    c.lower_ == "for") for c in word.children)


@predicate
def denied_cue(cue: Cue, facts: Facts) -> bool:
    """Said not to have happened: "no protests were reported", "police did not open fire",
    "there were no clashes" (the cue or the verb it is the object of is negated; "no one was
    hurt in the attack" tells the attack)."""
    root = _root(cue, facts)
    if syntax.is_negated(root):
        return True
    return root.pos_ not in syntax.VERBAL and root.dep_ in syntax.OBJECT | {"attr"} and \
        syntax.is_negated(root.head)


@predicate
def in_an_exercise(cue: Cue, facts: Facts) -> bool:
    """Part of a drill or an exercise: "a drill simulating a terrorist attack", "troops held
    an exercise, firing artillery shells" (an exercise word above the cue, or the object of a
    verb above it; "militants attacked troops during an exercise" tells the attack)."""
    ancestors = list(_root(cue, facts).ancestors)[:5]
    return any(facts.has("exercise_words", a) or (a.pos_ in syntax.VERBAL and any(
        c.dep_ in syntax.OBJECT and facts.has("exercise_words", c) for c in a.children))
        for a in ancestors)


@predicate
def in_a_story(cue: Cue, facts: Facts) -> bool:
    """A scene of fiction: "in the film, rebels attack a village", "the novel tells how
    soldiers shot protesters", "the drama series depicts gunmen storming a hotel", "in one
    scene, armed men attack a market" (the cue's verb, or one above it, is placed in a work
    or a part of one, or has a work as its subject), or a part played: "the actor plays a
    commander who leads an attack", "stars as a marine who fights insurgents" (the cue is
    told of the role a role verb's object or "as" names)."""
    root = _root(cue, facts)
    for verb in [root, *root.ancestors]:
        if verb.dep_ in syntax.RELATIVE_CLAUSE | {"acl"} and (
                _a_role(verb.head, facts) or _a_work(verb.head, facts)):
            return True  # "a film in which rebels storm the capital"
        if verb.pos_ not in syntax.VERBAL:
            continue
        if any(_a_work(o, facts) or facts.has("story_settings", o)  # "in one scene, ..."
               for o in prep_objects(verb, {"in"})) or any(
                c.dep_ in syntax.SUBJECT | syntax.PASSIVE_SUBJECT and _a_work(c, facts)
                for c in verb.children):  # "the film is set in Kigali, where ..."
            return True
    return False


def _a_work(word: Token, facts: Facts) -> bool:
    """A work of fiction, named by the word or a compound of it ("a drama series")."""
    return any(facts.has("story_words", w)
               for w in [word, *[c for c in word.children if c.dep_ in syntax.COMPOUND]])


def _a_role(noun: Token, facts: Facts) -> bool:
    """A part played: the object of a role verb ("plays a rebel commander") or of "as"
    after one ("stars as a marine")."""
    if noun.dep_ in syntax.OBJECT:
        return facts.has("role_verbs", noun.head)
    return noun.dep_ in syntax.PREP_OBJECT and noun.head.lower_ == "as" and \
        facts.has("role_verbs", noun.head.head)


@predicate
def aircraft_only_flies(cue: Cue, facts: Facts) -> bool:
    """An aircraft named as a vehicle of travel, with nothing struck in the sentence: "the
    aircraft declared an emergency", "drones were used to deliver medicine", "the jet was
    diverted to Cairo" ("warplanes bombed a market", "a drone struck a car" stay)."""
    root = _root(cue, facts)
    if not facts.has("aircraft", root):
        return False
    strikes = facts.relevance.words["strike_cues"].single
    doc = facts.span.doc
    return not any(c.name in strikes and not facts.has("aircraft", doc[c.start:c.end].root)
                   for c in facts.cues if c is not cue)


@predicate
def gathered_in(cue: Cue, facts: Facts) -> bool:
    """A gathering verb with an object collects, it does not assemble a crowd: "gathered
    evidence", "gathered 30 boys on the pretext of teaching them", "assembled a team" (a
    party that "gathered thousands of supporters" rallies them)."""
    root = _root(cue, facts)
    if root.pos_ not in syntax.VERBAL or not facts.has("gathering_verbs", root):
        return False
    objects = [c for c in root.children if c.dep_ in syntax.OBJECT]
    return bool(objects) and not any(
        facts.has("rallied_people", w) for o in objects
        for w in [o, *prep_objects(o, {"of"})])


@predicate
def held_at_a_border(cue: Cue, facts: Facts) -> bool:
    """Border guards, coast guards or immigration officers holding people who cross a border
    enforce immigration law: "border guards detained 20 people hiding in a truck" (an armed
    group's members or protesters held stay)."""
    nonstate = facts.relevance.words["nonstate_mentions"].single
    if any(c.name in ("arms", "protest") for c in facts.cues) or any(
            m.kind in nonstate for m in facts.mentions):
        return False
    verb = clause_verb(_root(cue, facts))
    doers = [a for a in arguments(verb) if a.dep_ in syntax.SUBJECT or a.head.dep_ == "agent"]
    return any(facts.has("border_forces", w) for d in doers
               for w in [d, *[c for c in d.children if c.dep_ in syntax.COMPOUND]])


@predicate
def done_by_an_animal(cue: Cue, facts: Facts) -> bool:
    """Harm done by an animal: "a tiger attacked a villager, killing him", "a herd of
    elephants trampled two farmers" (a participle or conjunct takes the doer of the verb it
    hangs on; a name such as "Tamil Tigers" is no animal)."""
    verb = clause_verb(_root(cue, facts))
    while not doers_of(verb) and verb.dep_ in syntax.ADVERBIAL_CLAUSE | syntax.CONJUNCT | \
            syntax.OPEN_COMPLEMENT and verb.head.i != verb.i:
        verb = verb.head
    return any(facts.has("animals", w) and w.pos_ == "NOUN" and (w.is_lower or any(
        c.dep_ in {"det", "nummod", "amod"} for c in w.children))
        for d in doers_of(verb) for w in [d, *prep_objects(d, {"of"})])


@predicate
def done_by_a_thing(cue: Cue, facts: Facts) -> bool:
    """A violent verb done by a price, a currency, a film or a drug is figurative: "share
    prices bombed after the warning", "the dollar came under attack", "the vaccine, which
    attacks the parasite" (the cue is the verb, or a noun under a preposition of it, whose
    subject is such a thing; "fuel prices sparked clashes" tells the clashes)."""
    root = _root(cue, facts)
    verb = clause_verb(root)
    if verb.i != root.i and not (root.dep_ in syntax.PREP_OBJECT and root.head.head.i == verb.i):
        return False
    doers = [s for s in verb.children if s.dep_ in syntax.SUBJECT]
    if verb.dep_ in syntax.RELATIVE_CLAUSE and any(s.tag_ == "WDT" for s in doers):
        doers.append(verb.head)  # "the vaccine, which attacks the parasite"
    return any(facts.has("thing_doers", s) and s.pos_ == "NOUN" and s.i not in facts.in_mentions
               for s in doers)


@predicate
def not_a_road_blockade(cue: Cue, facts: Facts) -> bool:
    """A verb of blocking is a protest's road blockade only when a way is shut ("villagers
    blocked the Garissa highway", "the road was barricaded by traders") and not by a
    vehicle, a tree or snow: "blocked the bill", "snow blocked the roads" are none. A road
    shut by armed men, or by people armed with anything, is not a protest's blockade:
    "gunmen blocked the road and robbed travellers" is told by the robbery."""
    verb = facts.span.doc[cue.start]
    if cue.end - cue.start > 1 or not facts.has("blocking_verbs", verb):
        return False  # "erected barricades" says the blockade itself
    shut = [a for a in verb.children if a.dep_ in syntax.OBJECT | syntax.PASSIVE_SUBJECT]
    if not any(facts.has("ways", a) for a in shut):
        return True
    doers = doers_of(verb)
    armed = any(t.i in facts.in_armed or facts.has("armed_marks", t)  # an armed group's
                for d in doers for t in d.subtree)  # roadblock: its other acts tell it
    return armed or any(facts.has("obstacles", d) and d.i not in facts.in_mentions
                        for d in doers)


@predicate
def cited_as_reason(cue: Cue, facts: Facts) -> bool:
    """An event cited as the reason for a measure is the measure's grounds, not a report:
    "the government banned the group, citing its attacks on police"."""
    return _framing_word(cue, facts, "reason_words") is not None
