"""The built-in CAMEO codebook: a YAML rule codebook whose events carry CAMEO fields.

``CameoCodebook`` codes with CAMEO's conventions on top of the rule codebook: pronouns stand
for their antecedents and names for their earlier, fuller mention; a target the object does
not name is the first actor in the object phrases (objects.py); a "to" clause of an appeal,
promise, demand, refusal or threat is not an event, and an act under an uncoded frame verb
("plans to visit") or negated ("would not provide aid") is coded in its CAMEO family
(families.py); coordinated subjects of reciprocal acts code each other, and coordinated
country modifiers ("Indian and Pakistani troops", "criticized French and German diplomats")
are each an actor; a verbal act whose subject names no one is the reporting speaker's; a
country-less agent takes the country of its "from"/"of" phrase or of the conjunct it is
coordinated with ("Indian police and soldiers").

Any codebook validated by the CAMEO event schema (the built-in one, a YAML codebook that
``extends: cameo``, PETRARCH-format dictionaries) gets the same treatment after coding:

1. *story country*: an agent found with no country ("security forces" -> ``---MIL``) takes the
   document's dominant country when the codebook's ``story_country`` option is set and one
   country clearly dominates the document's actor mentions (see :func:`story_country`);
2. the CAMEO fields (``source``, ``target``, ``code``, ``root_code``, ``quad_class``,
   ``goldstein``) from :func:`eventcoder_cameo.cameo.event_fields`.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import replace
from importlib.resources import files

from spacy.tokens import Doc

from eventcoder import RuleCodebook, syntax
from eventcoder.candidates import candidate_for
from eventcoder.engine import DOCUMENT_KEY
from eventcoder.rules import nearby_words

from .cameo import EMPTY, CodeTable, country_codes, default_table, event_fields
from .counterparts import counterpart_agents
from .families import default_families
from .pronouns import antecedents
from .objects import country_from_phrase, dictionary_matches, earlier_names, object_spans

CODEBOOK_FILE = files("eventcoder_codebooks") / "cameo" / "cameo.codebook.yaml"
SCHEMA_ID = "https://eventcoder.org/schemas/cameo-event.schema.json"
CAMEO_COLUMNS = ["source", "target", "code", "root_code", "quad_class", "goldstein"]
STORY_MIN_SENTENCES = 2  # a headline or a one-line record is not a story
# Appeal, intent, demand, reject, threaten: their "to" clause is what is asked, promised,
# refused or threatened, not something that happened.
UNREALISED_ROOTS = {"02", "03", "10", "12", "13"}
INTERNATIONAL = {"IGO", "NGO", "IMG"}
OFFICIALS = {"GOV", "ELI"}  # "Arab League Secretary-General" is IGOARL
ARMED_GROUPS = {"REB", "SEP", "INS", "UAF"}
FIGHTERS = {"MIL", "REB", "COP"}  # "YPG forces" are SYRREB, not SYRREBMIL


class CameoCodebook(RuleCodebook):
    """RuleCodebook + the CAMEO code table; CAMEO columns come first in flat outputs."""

    columns = CAMEO_COLUMNS

    def __init__(self, *args, table: CodeTable | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.table = table or default_table()
        self.families = default_families()

    @classmethod
    def builtin(cls) -> "CameoCodebook":
        return cls.from_yaml(CODEBOOK_FILE)

    def learn_target(self):
        """What ``eventcoder train`` learns for the built-in codebook: the root code; one
        that extends it is learned by its entries, as any YAML codebook."""
        from .learning import CameoTarget
        return CameoTarget(self) if self.id == "cameo" else None

    def prepare(self, nlp) -> None:
        super().prepare(nlp)
        # a phrase's own nouns ("deploy troop", "hold talk") are what is done, not to whom,
        # unless they name someone's ("summoned the Afghan envoy")
        self._phrase_words = {p.rule: set(p.words) for p in self.verbs}

    def _from_candidates(self, sent, candidates, ctx):
        """The "to" clause of a verbal act about an unrealised action ("urged the UN to impose
        sanctions", "promised to withdraw", "refused to release", "threatened to attack") is
        not an event itself; nor is one that a phrase names ("want to help")."""
        consumed = set()
        for cand in candidates:
            phrase = self.phrase_for(cand.action)
            if phrase is None:
                continue
            words = set(phrase.words)
            speech_act = self.rules[phrase.event].code[:2] in UNREALISED_ROOTS
            consumed |= {c.i for c in cand.action.children
                         if c.dep_ in syntax.OPEN_COMPLEMENT
                         and (speech_act or {c.lower_, c.lemma_.lower()} & words)
                         or speech_act and self._asked_of_another(c, cand.action)}
        kept = [c for c in candidates if c.action.i not in consumed]
        return super()._from_candidates(sent, kept + clause_nouns(sent), ctx)

    def phrase_for(self, verb):
        """A denial verb's phrase is read without the act it denies: "Iran denied sending
        weapons" is a denial (016), not "deny weapons" (a refusal of military aid, 1222)."""
        if verb.lemma_.lower() not in self.families.denial_verbs:
            return super().phrase_for(verb)
        denied = {w for c in verb.children if c.dep_ in syntax.OPEN_COMPLEMENT |
                  syntax.CLAUSAL_COMPLEMENT for t in c.subtree for w in (t.lower_,
                                                                          t.lemma_.lower())}
        nearby = nearby_words(verb) - denied
        return next((p for p in self._verb_index.get(verb.lemma_.lower(), ())
                     if p.matches(verb, nearby)), None)

    def _asked_of_another(self, clause, verb) -> bool:
        """Whether ``clause`` is what ``verb`` asks or demands of someone who is its own
        subject ("demanded that *Serbia* arrest the general", "called for Israel to
        release"): the asked act has not happened."""
        if clause.dep_ not in syntax.CLAUSAL_COMPLEMENT | syntax.ADVERBIAL_CLAUSE:
            return False
        frame = self.families.frame_of(clause)
        return frame is not None and frame.verb.i == verb.i and frame.controller is not None

    def make_events(self, number, rule, sent, action, actors, targets, ctx, *, negated):
        """Pronouns stand for their antecedents; targets the object does not name come from
        the object phrases (objects.py); country-less agents take the country of their
        "from"/"of" phrase."""
        code, negated = self._recoded(self.rules[number].code, action, negated)
        if code is None or self.families.denied(action):  # "denied attacking Ukraine"
            return []
        frame = self.families.frame_of(action)
        if frame is not None and self.phrase_for(frame.verb) is None:
            code = self.families.framed(code, frame.name)  # "plans to visit" -> 036
            if frame.negated:
                code = self.families.negated(code, frame.name)
                if code is None:
                    return []
            actors = [syntax.argument_span(t) for s in frame.verb.children
                      if s.dep_ in syntax.SUBJECT for t in syntax.conjuncts(s)] or actors
            if frame.controller is not None:  # "wants Syria to attack": Syria is asked
                targets = [syntax.argument_span(t) for t in syntax.conjuncts(frame.controller)]
        reporter = [] if targets else [syntax.argument_span(t) for t in
                                       self.families.reporter_of(action, code)]
        if reporter and not {ctx.resolve(s, "actor").code for s in reporter} & {
                ctx.resolve(s, "actor").code for s in actors}:
            code, targets, actors = self.families.reported_code, actors, reporter
            # "Obama said Syria attacked": Obama accuses Syria
        speaker = self.families.speaker_of(action, code)  # "X said [it points to Y]"
        if speaker and not any(ctx.resolve(found, "actor").code for span in actors
                               for found in self._antecedents(span, ctx)):
            actors = [syntax.argument_span(t) for t in speaker]
        events = self._events(number, code, rule, sent, action, actors, targets, ctx, negated)
        events = self._split_modifiers(events, sent.doc, code, ctx)
        if code != self.rules[number].code:
            for event in events:
                event.event_code, event.event_label = code, self.table.codes[code].name
        return events

    def _split_modifiers(self, events, doc, code, ctx) -> list:
        """An actor with coordinated country modifiers is each of them ("Indian and
        Pakistani troops" -> INDMIL and PAKMIL); in a reciprocal act with no target of
        another country, each with the other ("... clashed in Kashmir"). So is a target's
        ("criticized French and German diplomats" -> FRAGOV and DEUGOV)."""
        out = []
        for event in events:
            actor = event.actor[0] if event.actor else None
            codes = modifier_codes(doc, actor, ctx) if actor is not None else []
            if len(codes) < 2:
                out.append(event)
                continue
            target = (event.recipient[0].code or "") if event.recipient else ""
            mutual = code in self.families.reciprocal and (
                not target or target[:3] in {c[:3] for c in codes})
            for one in codes:
                for other in ([c for c in codes if c != one] if mutual else [None]):
                    recipient = [replace(actor, code=other)] if other else event.recipient
                    out.append(replace(event, actor=[replace(actor, code=one)],
                                       recipient=list(recipient), fields=dict(event.fields)))
        return [each for event in out for each in _split_target(event, doc, ctx)]

    def _recoded(self, code: str, action, negated: bool) -> tuple[str | None, bool]:
        """A negated act is its refusal ("would not provide aid" -> 122) or nothing; a
        coded frame verb takes the kind of the act it governs ("urged Y to send troops" ->
        0212, "refused to meet" -> 125)."""
        if negated and self.options["negation"] == "drop":  # "did not meet": no event
            return (self.families.negated(code) if self.families.refuses(action)
                    else None), False
        names = {name for name, _ in self.families.verbs.get(action.lemma_.lower(), ())}
        for child in action.children:
            phrase = self.phrase_for(child) if child.pos_ in syntax.VERBAL else None
            frame = self.families.frame_of(child) if phrase is not None else None
            if frame is not None and frame.verb.i == action.i and frame.name in names:
                framed = self.families.framed(self.rules[phrase.event].code, frame.name)
                if framed[:2] == code[:2]:
                    return framed, negated
        return code, negated

    def _events(self, number, code, rule, sent, action, actors, targets, ctx, negated):
        """Events of one act with its participants resolved (see :meth:`make_events`)."""
        actors = [found for span in actors for found in self._antecedents(span, ctx)]
        targets = [found for span in targets for found in self._antecedents(span, ctx)]
        words = self._phrase_words.get(rule, ())
        things = [span for span in targets if span.root.lemma_.lower() in words
                  and (ctx.resolve(span, "recipient").code or EMPTY).startswith(EMPTY)]
        targets = [span for span in targets if span not in things]  # "deployed [troops]"
        if not any(self._names_target(span, ctx) for span in targets):
            exclude = {token.i for span in actors + things for token in span}
            own = {ctx.resolve(span, "actor").code for span in actors}
            found = [s for s in object_spans(action, self, ctx, exclude)
                     if ctx.resolve(s, "recipient").code not in own]  # not the actor again
            targets = found[:1] or targets
        if not targets and len(actors) == 1 and code in self.families.reciprocal and len(
                modifier_codes(sent.doc, ctx.resolve(actors[0], "actor"), ctx)) > 1:
            targets = actors  # "Ethiopian and Eritrean troops clashed": with each other
        codes = {ctx.resolve(span, "actor").code for span in actors} - {None, ""}
        if len(codes) > 1 and code in self.families.reciprocal and not any(
                self._names_target(span, ctx) and not self.families.among(
                    ctx.resolve(span, "recipient").code, codes) for span in targets):
            events = []  # "Libya and Bulgaria signed a treaty": each with the other
            for actor in actors:
                own = ctx.resolve(actor, "actor").code
                others = [a for a in actors if ctx.resolve(a, "actor").code != own]
                events += super().make_events(number, rule, sent, action, [actor], others,
                                              ctx, negated=negated)
        else:
            events = super().make_events(number, rule, sent, action, actors, targets, ctx,
                                         negated=negated)
        for event in events:
            for participant in (*event.actor, *event.recipient):
                self._complete(participant, sent, ctx)
        return events

    @staticmethod
    def _complete(participant, sent, ctx) -> None:
        """A country-less agent takes the country of its "from"/"of" phrase ("dissidents from
        Egypt"); an organisation's officials are the organisation (IGOARL, not IGOARLGOV) and
        an armed group's forces are the group."""
        code = participant.code or ""
        if code.startswith(EMPTY):
            span = sent.doc.char_span(participant.start, participant.end)
            country = country_from_phrase(span, ctx) if span is not None else None
            if country:
                participant.code = country + code[len(EMPTY):]
        elif len(code) > 6 and participant.sector and code.endswith(participant.sector) and (
                code[:3] in INTERNATIONAL and participant.sector in OFFICIALS
                or code[3:6] in ARMED_GROUPS and participant.sector in FIGHTERS):
            participant.code = code[:-len(participant.sector)]

    @staticmethod
    def _antecedents(span, ctx) -> list:
        """A pronoun stands for its nearest coded antecedent, with what is coordinated with it
        ("Obama and Putin said they ..."; "Asif spoke. He alleged ..."); a name the
        dictionary lacks stands for its earlier, fuller mention ("Defence Minister Khawaja
        Asif ... Asif said")."""
        if ctx.resolve(span, "actor").code:
            return [span]
        if span.root.pos_ == "PROPN":
            for token in reversed(earlier_names(span.doc).get(span.root.lower_, [])):
                earlier = syntax.argument_span(token)
                if token.i < span.start and len(earlier) > len(span) and \
                        ctx.resolve(earlier, "actor").code:
                    return [earlier]
            return [span]
        if span.root.pos_ != "PRON":
            return [span]
        for token in antecedents(span.root):
            found = [syntax.argument_span(t) for t in syntax.conjuncts(token)]
            if any(ctx.resolve(f, "actor").code for f in found):
                return found
        return [span]

    def _names_target(self, span, ctx) -> bool:
        """Does ``span`` name a target? "military exercises" (a sector word modifying a thing)
        does not: only an agent that is the phrase's head makes a country-less target."""
        code = ctx.resolve(span, "recipient").code
        if not code or not code.startswith(EMPTY):
            return bool(code)
        return any(m.start <= span.root.i < m.end for m in dictionary_matches(span.doc, self))

    def with_dictionaries(self, path: str, parent=None):
        """CAMEO coded with a folder of PETRARCH-format dictionaries (``--dictionaries``)."""
        if parent is not None:  # a YAML codebook that extends this one
            return super().with_dictionaries(path, parent)
        from .petrarch import load_dictionaries
        return load_dictionaries(path, id=self.id, table=self.table)


def modifier_codes(doc: Doc, participant, ctx) -> list[str]:
    """The participant's code once per coordinated country modifier of its head ("Indian
    and Pakistani troops" coded INDMIL -> [INDMIL, PAKMIL]); [] when there are none."""
    code = participant.code or ""
    span = doc.char_span(participant.start, participant.end) if code else None
    if span is None:
        return []
    for modifier in span.root.children:
        if modifier.dep_ not in syntax.COMPOUND or not modifier.conjuncts:
            continue
        countries = [ctx.resolve(doc[t.i:t.i + 1], "actor").code or ""
                     for t in (modifier, *modifier.conjuncts)]
        if len(countries) > 1 and all(len(c) == 3 for c in countries) and \
                code.startswith(countries[0]):
            return [country + code[3:] for country in dict.fromkeys(countries)]
    return []


def _split_target(event, doc: Doc, ctx) -> list:
    """``event`` once per coordinated country modifier of its target's head; unchanged when
    there are none or the target is the actor's own phrase (a reciprocal pair)."""
    target = event.recipient[0] if event.recipient else None
    actor = event.actor[0] if event.actor else None
    if target is None or actor is not None and (actor.start, actor.end) == (
            target.start, target.end):
        return [event]
    codes = modifier_codes(doc, target, ctx)
    return [replace(event, recipient=[replace(target, code=code)], fields=dict(event.fields))
            for code in codes] or [event]


def clause_nouns(sent) -> list:
    """Candidates for verbs the tagger took for nouns: a "that" clause's head with a
    subject of its own ("the linkages *point* towards India")."""
    return [candidate_for(token) for token in sent if token.pos_ == "NOUN"
            and token.dep_ in syntax.CLAUSAL_COMPLEMENT
            and any(c.dep_ in syntax.SUBJECT for c in token.children)]


def is_cameo(codebook) -> bool:
    schema = getattr(codebook, "schema", None) or {}
    return isinstance(codebook, CameoCodebook) or schema.get("$id") == SCHEMA_ID


def story_country(doc: Doc, codebook, min_mentions: int) -> str | None:
    """The country the document is about: named at least ``min_mentions`` times (names,
    demonyms, capitals, cities, national bodies) and in at least half of all country mentions.

    Only texts of STORY_MIN_SENTENCES sentences or more have a story country, so one-line
    records keep ``---MIL``; a news article about Pakistan makes its unqualified "security
    forces" Pakistani.
    """
    dictionary = getattr(codebook, "actors", None)
    if not min_mentions or dictionary is None or not dictionary.entries:
        return None
    if sum(1 for _ in doc.sents) < STORY_MIN_SENTENCES:
        return None
    document = doc.user_data.get(DOCUMENT_KEY)
    date = document.date if document else None
    counts = Counter()
    for match in dictionary_matches(doc, codebook):
        entry = dictionary.entry(match)
        if entry.kind == "actor":
            country = entry.code_on(date)[:3]
            if country in country_codes():
                counts[country] += 1
    if not counts:
        return None
    (country, top), total = counts.most_common(1)[0], sum(counts.values())
    return country if top >= min_mentions and 2 * top >= total else None


def apply_cameo(events: list, doc: Doc, codebook) -> None:
    """Story country for country-less agents, counterparts' offices, then the CAMEO fields,
    on every event."""
    table = getattr(codebook, "table", None) or default_table()
    country = story_country(doc, codebook, getattr(codebook, "options", {}).get(
        "story_country", 0))
    words = default_families().counterparts
    for event in events:
        if words:
            counterpart_agents(event, doc, words)
        if country:
            for participant in (*event.actor, *event.recipient):
                if participant.code and participant.code.startswith(EMPTY):
                    participant.code = country + participant.code[len(EMPTY):]
                    participant.rule = f"{participant.rule or ''} + story country".lstrip(" +")
        event.fields.update(event_fields(event, table))
