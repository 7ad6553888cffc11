"""Which ACLED sub-event type a passage describes, and who its two sides are.

:class:`Typed` finds what each actor mention does (who acts, who suffers) and runs the typing
rules of ``codebooks/acled/rules.yaml`` (:mod:`.rulebook`), which follow ACLED's definitions
in order of specificity: crowds (protests and riots, :mod:`.crowds`) and weapons used at a
distance, then territory, arrests, settlements, looting without casualties, sexual violence
and abduction, then fighting (armed actors on both sides: Battles) or violence by an armed
actor on civilians, then the other strategic developments. The procedural tests those rules
name are registered here; the vocabulary is data (``triggers.yaml``, ``lexicon.yaml``).
"""
from __future__ import annotations

from spacy.tokens import Token

from eventcoder import syntax

from .actors import Mention
from .crowds import crowd
from .lexicon import mapping, ordered, words
from .rulebook import RuleBook, sub_event_types, test
from .passage import (MODIFIERS, Decision, Passage, first_of, is_reason, peripheral, role,
                      violent_cues, weapon_cues)


class Typed:
    """A passage's ``decision`` by the first rule that decides it (None when it tells no
    ACLED event) and, when asked, its readings: the sub-event types every rule after the
    deciding one would give, the readings the first rule outranked (a trained model weighs
    them, :mod:`eventcoder.learn`). The readings resume the same pass over the rules, so
    they cost nothing unless a model reads them."""

    def __init__(self, passage: Passage, rules: RuleBook):
        self._later = rules.decisions(passage, *_sides(passage))
        self.decision: Decision | None = next(self._later, None)
        self._readings: list[str] | None = None

    def readings(self) -> list[str]:
        if self._readings is None:
            self._readings = sub_event_types(self._later)
        return self._readings


def _sides(passage: Passage) -> tuple[list[Mention], list[Mention], list[Mention]]:
    """The armed mentions, the agents and the victims of a passage."""
    doc = passage.sentences[0].doc
    roles = {id(m): role(m, doc) for m in passage.mentions}
    armed = [m for m in passage.mentions if m.armed
             and (roles[id(m)] == "agent" or not peripheral(m, doc))]
    acting = [m for m in passage.mentions if roles[id(m)] == "agent"]
    agents = [m for m in armed if roles[id(m)] == "agent"] or ([] if acting else [
        m for m in armed if roles[id(m)] != "target"] or armed)
    victims = [m for m in passage.mentions if roles[id(m)] in words("victim_roles")
               and m not in agents[:1] and not peripheral(m, doc)]
    return armed, agents, victims


test("crowd")(crowd)


# -- conditions a declared rule can name under ``unless`` ----------------------------------
@test("someone_killed")
def _someone_killed(p: Passage, *_) -> bool:
    """Someone is killed in the passage ("killed two herders"), not only as a reason."""
    return any(t.lemma_ in words("killing") and not is_reason(t)
               for t in p.tokens("attack") + p.tokens("lethal_force"))


@test("negated")
def _negated(p: Passage, *_) -> bool:
    """Every event word is negated ("did not attack", "no clashes")."""
    doc = p.sentences[0].doc
    words_told = [doc[c.start] for c in p.cues if c.name in words("event_cues")]
    return bool(words_told) and all(
        any(c.dep_ == "neg" or c.lower_ == "no" for c in t.children) for t in words_told)


@test("told_as_reason")
def _told_as_reason(p: Passage, *_) -> bool:
    """Every event word is the reason or background of something else."""
    doc = p.sentences[0].doc
    return all(is_reason(doc[c.start]) for c in p.cues if c.name in words("event_cues"))


@test("no_armed_actor")
def _no_armed_actor(p: Passage, armed, *_) -> bool:
    return not armed


@test("no_event_cue")
def _no_event_cue(p: Passage, *_) -> bool:
    return not any(c.name in words("event_cues") for c in p.cues)


@test("refers_back")
def _refers_back(p: Passage, *_) -> bool:
    """A later passage whose only event words are a definite noun for an event already told
    ("The attack comes after ...", "The clash was over land") tells no new event."""
    doc = p.sentences[0].doc
    if p.sentences[0].start == 0:
        return False
    told = {t.lower_[:5] for t in doc[:p.sentences[0].start]}  # "attacked" ... "the attack"
    background = {t.i for t in p.tokens("background")}  # "a series of attacks"
    events = [doc[c.start] for c in p.cues if c.name in words("event_cues")
              and not any(a.i in background for a in doc[c.start].ancestors)]
    return bool(events) and all(
        t.pos_ == "NOUN" and (t.lower_[:5] in told or t.lemma_ in words("anaphors"))
        and any(c.dep_ == "det" and c.lower_ in words("definite_determiners")
                for c in _determined(t).children)
        for t in events)


def _determined(noun: Token) -> Token:
    """The noun whose determiner speaks for an event noun: itself, or the noun it is "of"
    ("the scale of violence", "the wave of attacks" refer back as "the violence" would)."""
    if noun.dep_ in syntax.PREP_OBJECT and noun.head.lower_ == "of" and \
            noun.head.head.pos_ == "NOUN":
        return noun.head.head
    return noun


def _unarmed_victims(p: Passage) -> bool:
    """The attack verbs hit someone who is neither an armed actor nor a post or convoy
    ("executed a government councilor"; "police beat him" when no other armed side is
    named: one person, no armed force)."""
    armed_tokens = {i for m in p.mentions if m.armed for i in range(m.start, m.end)}
    one_side = len({m.identity for m in p.mentions if m.armed}) <= 1
    facilities = words("facility_words")
    for verb in p.tokens("attack"):
        for child in verb.children:
            person = child.pos_ == "NOUN" or (
                one_side and child.lower_ in words("single_pronouns"))
            if child.dep_ in syntax.OBJECT | syntax.PASSIVE_SUBJECT and person \
                    and child.i not in armed_tokens and child.lemma_ not in facilities:
                return True
    return False


@test("not_an_event")
def _not_an_event(p: Passage, armed: list[Mention], *_) -> bool:
    """Disasters, diplomacy, ordinary crime and claims about an attack told elsewhere: the
    passage has such words and either no armed or crowd actor, or only mentions the event
    inside them ("claimed responsibility for the attack")."""
    doc = p.sentences[0].doc
    framing = [doc[c.start] for c in p.cues if c.name == "non_event"
               and not is_reason(doc[c.start], clauses=False)  # "a man accused of theft" is no crime story
               and not _outcome_of_event(doc[c.start], p)]
    if not framing or p.has("protest") or p.has("mob"):
        return False
    events = [c for c in p.cues if c.name in words("event_cues")]
    acting = any(_acted_by_someone(doc[c.start], p) for c in events
                 if c.name in words("acting_cues"))
    inside = all(any(f.i in {a.i for a in doc[c.start].ancestors} or f.i == doc[c.start].head.i
                     for f in framing) for c in events)
    crowded = any(m.kind in ("protesters", "rioters") for m in p.mentions)
    arms, generic = weapon_cues(), words("generic_blasts")
    weapons = any(c.name in arms and doc[c.start].lemma_ not in generic
                  for c in p.cues)  # "suicide bombers", "a grenade": someone armed
    return inside or not (armed or crowded or weapons or acting)


def _outcome_of_event(word: Token, p: Passage) -> bool:
    """A word of what violence led to ("was hospitalised after police beat him") with the
    event told below it: the passage tells the event, not a hospital story."""
    if word.lemma_.casefold() not in words("event_outcomes") \
            and word.lower_ not in words("event_outcomes"):
        return False
    below = {t.i for t in word.subtree}
    return any(c.start in below and c.start != word.i
               for c in p.cues if c.name in words("event_cues"))


def _acted_by_someone(verb: Token, p: Passage) -> bool:
    """Someone named does the violence ("supporters of a candidate assaulted ..."): an
    election or a dispute around it is its context, not a reason to drop it."""
    subjects = {c.i for c in verb.children if c.dep_ in syntax.SUBJECT}
    subjects |= {g.i for c in verb.children if c.dep_ in syntax.AGENT  # "shot by police"
                 for g in c.children if g.dep_ in syntax.PREP_OBJECT}
    return any(m.start <= i < m.end for m in p.mentions for i in subjects)


@test("remote")
def _remote(p: Passage, armed, agents, victims) -> Decision | None:
    """Weapons used at a distance, or their use disrupted (defused, seized)."""
    weapon = next(((cue, label) for cue, label in mapping("weapon_sub_events").items()
                   if _used(cue, p)), None)
    if weapon is None and p.has("arms") and _disrupts_arms(p) and not p.has("detonation"):
        return Decision("Disrupted weapons use", agents[0] if agents else "police", None,
                        rule="remote:disrupted:arms")
    if weapon is None:
        return None
    side1 = agents[0] if agents else "armed_group"
    if _disrupts_arms(p) and not p.has("detonation"):
        return Decision("Disrupted weapons use", agents[0] if agents else "police", None,
                        rule=f"remote:disrupted:{weapon[0]}")
    opposing = [v for v in victims if v.armed and v is not side1
                and (not isinstance(side1, Mention) or _opposed(side1, v))]
    civilians = any(m.kind == "civilians" for m in victims)
    side2 = opposing[0] if opposing else ("civilians" if civilians else None)
    answering = [a for a in agents[1:] if a.identity != side1.identity and _opposed(side1, a)
                 ] if isinstance(side1, Mention) else []  # "... was responded by Indian forces"
    fighting = _gunfire(p)
    if fighting and answering and not isinstance(side2, Mention):
        side2 = answering[0]
    if fighting and weapon[0] != "chemical" and isinstance(side1, Mention) \
            and (isinstance(side2, Mention) or _posts_attacked(p)):
        # ACLED: remote violence is the weapon alone; an explosion that is part of a
        # gunfight or clash between armed sides is an armed clash
        return Decision("Armed clash", side1, side2 or "opponent", rule="remote:with-fire")
    return Decision(weapon[1], side1, side2, rule=f"remote:{weapon[0]}")


def _disrupts_arms(p: Passage) -> bool:
    """Weapons are defused, seized, destroyed or shot down: a verb of disruption acts on
    arms ("destroyed the IED", "shot down two drones"), not on what the weapon hit ("shelling
    destroyed an RSF cannon", "destroyed a tower with rockets"); a noun ("an arms cache",
    "the bomb squad") says it alone."""
    arm_cues = weapon_cues() | {"arms"}
    arms = {i for c in p.cues if c.name in arm_cues for i in range(c.start, c.end)}
    for token in p.tokens("disrupted"):
        if token.pos_ not in syntax.VERBAL:
            return True
        objects = [c for c in token.children
                   if c.dep_ in syntax.OBJECT | syntax.PASSIVE_SUBJECT]
        objects += [g for c in token.children if c.dep_ in syntax.CLAUSAL_COMPLEMENT
                    for g in c.children if g.dep_ in syntax.SUBJECT]  # "drones using ..."
        if token.dep_ in syntax.NOUN_CLAUSE | {"amod"} and any(
                t.i in arms for t in token.head.subtree):
            return True  # "1,041 weapons seized from militias", "a stash of shells found"
        if any(t.i in arms for o in objects for t in o.subtree):
            return True
    return False


def _used(cue: str, p: Passage) -> bool:
    """The weapon is used in the passage, not only among arms seized or recovered after a
    fight ("seized rifles and IEDs from the site"): such a haul is no explosion."""
    tokens = p.tokens(cue)
    if not tokens:
        return False
    taken = {t.i for verb in p.tokens("disrupted") + p.tokens("abduction")
             if verb.lemma_ in words("haul_verbs") for obj in _objects(verb) for t in obj.subtree}
    if all(t.i in taken for t in p.tokens("clash") + p.tokens("attack")):
        return True  # a haul or a defusal alone ("defused shells fired by ...")
    return any(t.i not in taken for t in tokens)


def _gunfire(p: Passage) -> bool:
    """Fighting beside the weapon: a clash, shooting, gunfire, "opened fire" (not "fired
    rockets", nor an ambush alone)."""
    doc = p.sentences[0].doc
    weapons = weapon_cues()
    weapon_tokens = {i for c in p.cues if c.name in weapons for i in range(c.start, c.end)}
    return any(t.lemma_ not in words("fight_excluded") and not is_reason(t)
               for t in p.tokens("clash")) or any(
        t.i not in weapon_tokens and not is_reason(t) for t in p.tokens("gunfire")) or any(
        t.lemma_ in words("direct_fire") or (t.lemma_ == "open" and t.i + 1 < len(doc)
                                             and doc[t.i + 1].lemma_ == "fire")
        for t in p.tokens("attack"))


@test("arrests")
def _arrests(p: Passage, armed, agents, victims) -> Decision | None:
    """Arrests by state forces, told without fighting or killing (a raid that only
    arrests is an arrest)."""
    if not p.has("arrest") or any(p.has(c) for c in violent_cues()):
        return None
    arrester = next((m for m in agents if m.kind in words("state_forces")), None)
    if arrester is None and agents:
        return None
    target = next((v for v in victims
                   if v is not arrester and v.kind not in words("state_forces")), None)
    return Decision("Arrests", arrester or "police", target, rule="arrests")


@test("plunder")
def _plunder(p: Passage, armed, agents, victims) -> Decision | None:
    """Looting or destruction where nobody is killed or hurt ("raided and looted the
    village") is a strategic development, not violence against civilians."""
    if not p.has("looting") or p.has("lethal_force") or p.has("sexual") or any(
            not _at_things(t, p) for t in p.tokens("clash") if not is_reason(t)):
        return None
    if any(t.lemma_ in words("taking_people")
           or _has_person(t, p) for t in p.tokens("abduction")):
        return None  # people taken with the goods: an abduction
    property_words = {t.i for t in p.tokens("looting")}
    if not _unharmed(p) and any(t.i not in property_words and t.lemma_ not in words("entry_verbs")
                                and not is_reason(t) and not _in_the_air(t)
                                and not _at_things(t, p)
                                for t in p.tokens("attack")):
        return None  # "attacked the village and pillaged shops", "opened fire and damaged"
    side1 = agents[0] if agents else "armed_group"
    return Decision("Looting/property destruction", side1, "civilians", rule="plunder")


def _unharmed(p: Passage) -> bool:
    """The passage says nobody was hurt ("No fatalities or injuries reported")."""
    return any(t.lower_ == "no" and any(n.lemma_.casefold() in words("harm_words")
                                        for n in t.doc[t.i + 1:t.i + 5])
               for s in p.sentences for t in s)


def _at_things(verb: Token, p: Passage) -> bool:
    """An attack or ambush on things, not people ("attacked a health centre", "ambushed an
    NGO vehicle", "a convoy was attacked"): no one named is hurt by the verb itself."""
    if verb.lemma_ in words("killing") or verb.lemma_ in words("harming"):
        return False
    targets = [c for c in verb.children if c.dep_ in syntax.OBJECT | syntax.PASSIVE_SUBJECT]
    if not targets:
        return False
    things = words("things")
    if any(t.lemma_ not in things | words("vehicles") | {"convoy"}
           or (t.lemma_ in words("facility_words") and _guarded(t, p)) for t in targets):
        return False  # a village's people, or a post's guards, are attacked with it
    doc = p.sentences[0].doc
    things = words("facility_words") | words("vehicles") | things
    people = {i for m in p.mentions if m.kind in words("person_kinds")
              and doc[m.start:m.end].root.lemma_ not in things for i in range(m.start, m.end)}
    people |= {t.i for t in p.tokens("civilian_victims") if t.lemma_ not in things}
    return not any(t.i in people for target in targets for t in target.subtree)


def _in_the_air(token: Token) -> bool:
    """Shots fired into the air hit nobody."""
    return any(t.lower_ == "air" for t in token.subtree)


@test("territory")
def _territory(p: Passage, armed, agents, victims) -> Decision | None:
    """Territory changing hands: taken by a government (ACLED: "regains"), taken by a
    non-state actor, or handed over without fighting."""
    def about_place(cue: str) -> bool:  # the verb's object is a place, not goods
        return any(_is_place(t) for tok in p.tokens(cue) for t in _objects(tok))
    agent = agents[0] if agents else None
    if agent is None:
        return None
    enemy = first_of([v for v in victims if v.armed and v.identity != agent.identity],
                   words("state_forces") | {"group", "armed_group"})
    if p.has("territory_transfer") and about_place("territory_transfer") and not p.has(
            "clash"):
        return Decision("Non-violent transfer of territory", agent, None,
                        rule="territory:transfer")
    taken = (p.has("territory_gain") and about_place("territory_gain")) or (
        p.has("territory_take") and about_place("territory_take"))
    if taken and p.has("unopposed") and not p.has("clash"):
        return Decision("Non-violent transfer of territory", agent, enemy,
                        rule="territory:unopposed")  # "regained control; no clashes reported"
    if taken and agent.kind in words("state_forces"):
        return Decision("Government regains territory", agent, enemy, rule="territory:gain")
    if taken and agent.kind in words("non_state_kinds"):
        return Decision("Non-state actor overtakes territory", agent, enemy,
                        rule="territory:take")
    return None


@test("settlement")
def _settlement(p: Passage, armed, agents, victims) -> Decision | None:
    """A ceasefire, truce, peace deal or prisoner exchange is an agreement even when the
    text recalls the fighting it ends."""
    strong = [t for t in p.tokens("agreement") if t.lower_ in words("settlement_words")]
    if not strong or not p.mentions:
        return None
    first = agents[0] if agents else p.mentions[0]
    second = next((m for m in p.mentions if m.identity != first.identity), None)
    return Decision("Agreement", first, second, rule="settlement")


def _objects(verb: Token) -> list[Token]:
    """Objects of a verb, through "control of X" and prepositions ("retook control of")."""
    found = [c for c in verb.children if c.dep_ in syntax.OBJECT | syntax.PASSIVE_SUBJECT]
    found += [g for c in verb.children if c.dep_ == "prep" and c.lower_ in ("of", "over")
              for g in c.children if g.dep_ in syntax.PREP_OBJECT]
    return found + [g for t in list(found) for c in t.children if c.dep_ == "prep"
                    for g in c.children if g.dep_ in syntax.PREP_OBJECT]


def _is_place(token: Token) -> bool:
    return token.lower_ in words("territory_words") or token.ent_type_ in words("place_labels")


def _civilian_victims(p: Passage, victims) -> bool:
    return any(m.kind == "civilians" for m in victims) or p.has("civilian_victims")


@test("personal")
def _personal(p: Passage, armed, agents, victims) -> Decision | None:
    """Sexual violence and abduction of people (not the seizure of goods)."""
    side1 = agents[0] if agents else "armed_group"
    side2 = first_of([v for v in victims if v is not side1],
                     words("state_forces")) or "civilians"
    if p.has("sexual"):
        return Decision("Sexual violence", side1, "civilians", rule="personal:sexual")
    taken = [t for t in p.tokens("abduction")
             if t.lemma_ not in ("seize", "capture") or _has_person(t, p)]
    told = {t.sent.start for t in taken}  # a body found later is an event of its own
    killed = any(t.lemma_ in words("killing") and t.sent.start in told and t.dep_ not in MODIFIERS
                 for t in p.tokens("attack") + p.tokens("lethal_force"))
    if not taken or killed:
        return None
    if _gunfight(p, armed, side1):
        return None  # "abducted miners and engaged in a gunfight with Levies": a battle
    return Decision("Abduction/forced disappearance", side1, side2, rule="personal:abduction")


def _gunfight(p: Passage, armed, side1) -> bool:
    """Two opposed armed sides fight in the passage (a clash, not an ambush alone)."""
    if not any(t.lemma_ not in words("fight_excluded") and not is_reason(t)
               for t in p.tokens("clash")):
        return False
    others = [m for m in armed if _fighting(m, p) and (
        not isinstance(side1, Mention) or (m.identity != side1.identity and _opposed(side1, m)))]
    return len(others) >= (1 if isinstance(side1, Mention) else 2)


def _taken(token: Token) -> set[int]:
    """What an abduction verb takes (and who with it), not who takes it nor from whom."""
    inside = set()
    todo = [c for c in token.children if c.dep_ in syntax.OBJECT | syntax.PASSIVE_SUBJECT
            or c.lower_ in ("with", "along")]
    while todo:
        child = todo.pop()
        if child.dep_ in ("relcl", "acl") or child.lower_ in words("not_taken"):
            continue
        inside.add(child.i)
        todo.extend(child.children)
    return inside


def _has_person(token: Token, p: Passage) -> bool:
    inside = _taken(token)
    return any(m.start in inside and m.kind in words("person_kinds") for m in p.mentions) or any(
        t.i in inside for t in p.tokens("civilian_victims") if t.pos_ in ("NOUN", "PROPN")
        and t.lemma_ not in words("facility_words") | words("taken_things"))


@test("violence")
def _violence(p: Passage, armed, agents, victims) -> Decision | None:
    """Battles when armed actors are on both sides; violence against civilians when an
    armed actor attacks people who are not fighting."""
    if not (p.has("clash") or p.has("attack") or p.has("communal")):
        return None
    if _only_told_as_reason(p) and (p.has("change") or p.has("displaced")):
        return None  # "reinforcements deployed due to clashes": the movement is the event
    side1 = agents[0] if agents else None
    others = [m for m in armed if (side1 is None or m.identity != side1.identity)
              and _fighting(m, p)]
    opponent = next((m for m in others if side1 is None or _opposed(side1, m)), None)
    if side1 is not None and opponent is not None:
        return Decision("Armed clash", side1, opponent, rule="violence:two-sides")
    if side1 is None and len(others) >= 2:
        return Decision("Armed clash", others[0], others[1], rule="violence:two-sides")
    civilians = _civilian_victims(p, victims) or _unarmed_victims(p)
    if side1 is not None and side1.kind not in words("state_forces") and _posts_attacked(p) \
            and not _unarmed_victims(p):
        return Decision("Armed clash", side1, "opponent", rule="violence:post")
    if (p.has("clash") or p.has("communal")) and not any(m.kind == "civilians"
                                                          for m in victims):
        lone = side1 or (others[0] if others else None)
        if lone is None:
            return Decision("Armed clash", "armed_group", "armed_group", rule="violence:clash")
        return Decision("Armed clash", lone, "opponent", rule="violence:clash",
                        hit_only=_hit_only(lone, p))
    communal = _clash_partners(p)
    if communal and (side1 is not None or others):
        # "pastoralists clashed with farmers", "clashes between Borana and Gabra": the
        # communities fight each other (ACLED: communal militias), nobody is only a victim
        lone = side1 or others[0]
        partner = next((m for m in communal if m.identity != lone.identity), "armed_group")
        return Decision("Armed clash", lone, partner, rule="violence:communal")
    if civilians or not armed:
        return Decision("Attack", side1 or (others[0] if others else "armed_group"),
                        "civilians", rule="violence:civilians")
    lone = side1 or (others[0] if others else armed[0])
    return Decision("Armed clash", lone, "opponent", rule="violence:one-side",
                    hit_only=_hit_only(lone, p))


def _hit_only(mention: Mention, p: Passage) -> bool:
    """The side is only told as the one killed or targeted ("22 more terrorists were
    killed during follow-up operations"): nobody named acted."""
    doc = p.sentences[0].doc
    return role(mention, doc) == "target" and not any(
        role(m, doc) == "agent" and m.armed for m in p.mentions)


def _only_told_as_reason(p: Passage) -> bool:
    """Every violent word is the reason, background or aim of something else ("displaced
    following a clash", "deployed due to clashes", "mobilised troops to attack")."""
    doc = p.sentences[0].doc
    background = {t.i for t in p.tokens("background")}
    return all((is_reason(t) and not any(a.lemma_ in words("dying") for a in t.ancestors))
               or any(a.i in background for a in t.ancestors)
               or (t.i > 0 and doc[t.i - 1].lower_ == "to" and t.pos_ == "VERB")
               for name in ordered("fighting_cues") for t in p.tokens(name))


def _fighting(mention: Mention, p: Passage) -> bool:
    """An armed mention is a side of the fight when its sentence tells violence and it does
    not only arrest afterwards ("Police later arrested three") nor act in a sentence of
    background ("the attack comes after BLA militants conducted a series of attacks")."""
    doc = p.sentences[0].doc
    sentence = doc[mention.start].sent
    background = {t.i for t in p.tokens("background")}
    violence = violent_cues()
    violent = [c for c in p.cues if c.name in violence
               and sentence.start <= c.start < sentence.end
               and not any(a.i in background  # "a series of attacks"
                           for a in doc[c.start].ancestors)]
    head = doc[mention.start:mention.end].root
    if is_reason(head):  # "the attack comes after BLA militants conducted ..."
        return False
    return bool(violent) and head.head.i not in {t.i for t in p.tokens("arrest")}


def _clash_partners(p: Passage) -> list[Mention]:
    """The sides a clash is told between, when no one in the clash's sentences is attacked
    (deaths told after it are the clash's casualties)."""
    doc = p.sentences[0].doc
    clash = sorted((t for t in p.tokens("clash") + p.tokens("communal") if not is_reason(t)
                    and t.lemma_ not in words("one_sided_fighting")),  # one side attacks
                   key=lambda t: t.i)
    if not clash:
        return []
    sentence = clash[0].sent
    inside = [m for m in p.mentions if sentence.start <= m.start < sentence.end]
    roles = {id(m): role(m, doc) for m in inside}
    if any(roles[id(m)] == "target" and m.kind == "civilians" for m in inside):
        return []
    return [m for m in inside if roles[id(m)] in ("partner", "agent")]


def _posts_attacked(p: Passage) -> bool:
    """An attack on a checkpoint, post, base or convoy is a battle with its guards."""
    return any(child.lemma_ in words("facility_words") and _guarded(child, p)
               for verb in p.tokens("attack")
               for child in verb.subtree if child.dep_ in syntax.OBJECT | syntax.PREP_OBJECT)


def _guarded(facility: Token, p: Passage) -> bool:
    """A post has armed guards; a vehicle, convoy or camp of civilians ("an NGO convoy",
    "the vehicle of a journalist", "a fishing camp") or a bare vehicle has none."""
    modifiers = [c for c in facility.children if c.dep_ in MODIFIERS | {"poss"}]
    modifiers += [g for c in facility.children if c.dep_ == "prep"
                  and c.lower_ in words("belonging")
                  for g in c.subtree if g.dep_ in syntax.PREP_OBJECT]
    armed = {i for m in p.mentions if m.armed for i in range(m.start, m.end)}
    civilian = {t.i for t in p.tokens("civilian_victims")}
    if any(m.i in armed for m in modifiers):
        return True
    civilian_words = words("civilian_facility")
    if any(m.i in civilian or m.lemma_.casefold() in civilian_words for m in modifiers):
        return False
    return facility.lemma_ not in words("vehicles")


def _opposed(a: Mention, b: Mention) -> bool:
    """Two armed mentions are different sides unless both are the same state's forces (the
    police against the gendarmerie are two sides; "soldiers" and "troops" are one)."""
    if a.kind in words("state_forces") and b.kind in words("state_forces"):
        if a.country and b.country and a.country != b.country:
            return True
        return (a.kind, a.unit) != (b.kind, b.unit) and (a.unit or b.unit) is not None
    return True


@test("strategic")
def _strategic(p: Passage, armed, agents, victims) -> Decision | None:
    """Arrests, agreements, looting, bases, changes to a group (no violence)."""
    side1 = agents[0] if agents else None
    target = next((v for v in victims if v is not side1), None)
    if p.has("establish") and p.has("base") and side1 is not None:
        return Decision("Headquarters or base established", side1, None, rule="strategic:base")
    if p.has("arrest"):
        arrester = side1 if side1 is not None and side1.kind in words("state_forces") else (
            first_of(p.mentions, words("state_forces")) or "police")
        return Decision("Arrests", arrester, target if target is not arrester else None,
                        rule="strategic:arrest")
    if p.has("agreement") and p.mentions:
        first = side1 or p.mentions[0]
        second = next((m for m in p.mentions if m is not first and m.text != first.text), None)
        return Decision("Agreement", first, second, rule="strategic:agreement")
    if p.has("looting"):
        return Decision("Looting/property destruction", side1 or "armed_group",
                        target or "civilians", rule="strategic:looting")
    doc = p.sentences[0].doc
    if p.has("displaced"):  # people displaced or evicted (ACLED: other developments)
        people = first_of(p.mentions, {"civilians"}) or "civilians"
        return Decision("Other", people, None, rule="strategic:displaced")
    if side1 is None and p.has("change"):  # "the government declared a curfew"
        side1 = next((m for m in p.mentions if role(m, doc) == "agent"), None)
    disrupted = p.has("disrupted") and _disrupts_arms(p)  # "intercepted migrants": no arms
    if (p.has("change") or disrupted) and side1 is not None:
        sub = "Disrupted weapons use" if disrupted and armed else "Change to group/activity"
        return Decision(sub, side1, None, rule="strategic:change")
    if side1 is not None and side1.armed and side1.kind not in words("state_forces") and any(
            p.has(cue) for cue in words("group_activity_cues")):
        # "rebels set up checkpoints", "the militia handed the captives over": a non-state
        # armed group acting without violence (ACLED: other developments)
        return Decision("Other", side1, None, rule="strategic:other")
    return None
