"""The ACLED codebook: ACLED events with ACLED's export columns, from any English news text.

Per document: decide what is worth coding first (:mod:`.relevance`: page furniture, realis,
figurative uses, who takes part), read every sentence (:mod:`.sentence`, its places from
:mod:`.places`), group event sentences into one event per location, day and kind of event
(:mod:`.segment`), decide each event's sub-event type and sides once (:mod:`.classify`, by the
rules of ``rules.yaml``), name the sides as ACLED does (:mod:`.actors`; a ``resolve_actor``
plugin answers first), let a ``resolve_location`` plugin answer for each event's place first,
and fill ACLED's columns (``columns.yaml``). The codebook owns its vocabulary
(``lexicon.yaml``, with an extension's words), its rules and its relevance checks
(``relevance.yaml``); a codebook file that ``extends: acled`` changes the first two and
adds places of its own (:mod:`.extension`, :mod:`.places.place_list`). Events are ordinary
eventcoder events (``event_code`` is the sub-event type's slug) with the ACLED columns at
top level, validated by ``codebooks/acled/event.schema.json``.
"""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import replace
from importlib.resources import files
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from eventcoder import Codebook, Event, Participant
from eventcoder.engine import CodingContext

from . import lexicon, rulebook
from .actors import Actor, ActorLexicon, Mention, home_countries
from .classify import Typed
from .columns import coded_columns, group as column_group
from .cues import CueMatcher, load_triggers
from .location_hooks import FOUND_KEY
from .passage import Decision, Passage
from .places import place_list
from .places.admin1_regions import load_regions_file
from .places.fallbacks import in_named_province, in_stronghold
from .places.lookup import OwnPlaces, using_places
from .places.candidates import (COUNTRY_KEY, EVIDENCE_KEY, MENTIONS_KEY, PROVINCES_KEY,
                                country_among_homes)
from .docarrays import doc_text, text_of
from .places.mentions import RUNS_KEY
from .relevance import RELEVANCE_FILE, Relevance
from .dates import dateline_date
from .segment import Group, group_events, split_fatalities
from .sentence import SentenceInfo, read_sentence
from .taxonomy import civilian_targeting, taxonomy

DATA = files("eventcoder_codebooks") / "acled"
PLACE_CACHES = (MENTIONS_KEY, COUNTRY_KEY, EVIDENCE_KEY, RUNS_KEY,  # left by the places pipe
                PROVINCES_KEY)


class AcledCodebook(Codebook):
    """ACLED typing, actors and columns; places, dates and deaths from the geo modules."""

    id = "acled"
    version = "2024"
    label = "ACLED (Armed Conflict Location & Event Data)"
    description = "ACLED event types, sub-event types, actors and export columns"
    # ACLED's columns (columns.yaml) at the top level of an event; "location" (the place
    # name) is the core location object's "location" key, so the core field keeps its shape.
    columns = [c for c in coded_columns() if c != "location"]  # flat: location_location

    reads_places = True  # the place-marking pipe is added for it (location_hooks)
    reads_candidates = False  # it reads sentences, not the engine's SVO candidates

    def __init__(self, options: dict[str, Any] | None = None,
                 extension: dict[str, Any] | None = None, source: str | None = None,
                 relevance_file=None):
        self.taxonomy = taxonomy()
        self.options = {**self.taxonomy.options, **(options or {})}
        self.schema = json.loads((DATA / "event.schema.json").read_text(encoding="utf-8"))
        load_regions_file()  # its schema now, so that `eventcoder validate` reports it
        self.cues: CueMatcher | None = None
        self.lexicon: ActorLexicon | None = None
        self.relevance: Relevance | None = None
        self.relevance_file = relevance_file or RELEVANCE_FILE  # a researcher's copy
        self._vocab = None
        self.vocabulary = lexicon.builtin()
        self.added_cues: dict[str, list[str]] = {}
        self.places: OwnPlaces = {}  # a researcher's own places (an extension's)
        cue_names = set(load_triggers()[0])
        self.rules = rulebook.load(self.vocabulary, set(self.taxonomy.sub_events), cue_names)
        if extension is not None:
            self._extend(extension, source or "<extension>", cue_names)

    def _extend(self, data: dict[str, Any], source: str, cue_names: set[str]) -> None:
        """A codebook that ``extends: acled``: its id, options, words, cue phrases, rules."""
        self.id, self.version, self.source = data["codebook"], str(data["version"]), source
        self.label = data.get("label", self.label)
        self.description = data.get("description", self.description)
        self.options = {**self.options, **data.get("options", {})}
        self.vocabulary = self.vocabulary.extended(data.get("lexicon", {}), source)
        self.added_cues = dict(data.get("cues", {}))
        self.places = place_list.load(data, source)
        self.rules = self.rules.extended(data, self.vocabulary, source,
                                         set(self.taxonomy.sub_events),
                                         cue_names | set(self.added_cues))

    def contents(self) -> dict[str, int]:
        return {"sub-event types": len(self.taxonomy.sub_events), "typing rules": len(self.rules),
                "lexicon entries": len(self.vocabulary.entries),
                **({"own places": len({p for found in self.places.values() for p in found})}
                   if self.places else {})}

    def prepare(self, nlp: Language) -> None:
        if self._vocab is not nlp.vocab:  # compiled once per pipeline
            self.cues = CueMatcher(nlp, self.added_cues)
            self.lexicon = ActorLexicon(nlp)
            self.relevance = Relevance(nlp, self.relevance_file)
            self._vocab = nlp.vocab

    # -- coding -----------------------------------------------------------------------------
    def code(self, doc: Doc, sentences: list[tuple[int, Span, list]], ctx: CodingContext
             ) -> list[Event]:
        if self.vocabulary is not lexicon.builtin() or self.places:  # the pipe read places
            for cached in PLACE_CACHES:  # with ACLED's words and gazetteer; an extension's
                doc.user_data.pop(cached, None)  # words and places read them again
        with lexicon.using(self.vocabulary), using_places(self.places):
            return self._code(doc, sentences, ctx)

    def _code(self, doc: Doc, sentences: list[tuple[int, Span, list]], ctx: CodingContext
              ) -> list[Event]:
        article_date = ctx.document.date or dateline_date(doc_text(doc))
        mentions = [self.lexicon.find(sent) for _, sent, _ in sentences]
        told = story_country(m for found in mentions for m in found)
        named = country_among_homes(doc, group_homes(m for found in mentions for m in found))
        where = named or told  # places first: "French forces in Niamey"
        context = self.relevance.context([sent for _, sent, _ in sentences],
                                         [m for found in mentions for m in found])
        infos: list = []
        told_a_date = False  # a sentence before has told a date
        for (i, sent, _), found in zip(sentences, mentions):
            infos.append(read_sentence(i, sent, self.cues.find(sent), found, article_date,
                                       where, relevance=self.relevance, context=context,
                                       after_a_date=told_a_date))
            told_a_date = told_a_date or infos[-1].date is not None
        actors = _DocumentActors(infos)
        decided: dict[tuple[int, ...], Typed] = {}

        def decision_of(part: list[SentenceInfo], aftermath: list[SentenceInfo] = ()
                        ) -> tuple[Passage, Typed]:
            """Each passage (set of sentences) is decided once."""
            passage = _passage(part, actors)
            key = tuple(s.index for s in [*part, *aftermath])
            if key not in decided:
                decided[key] = Typed(_with_aftermath(passage, aftermath), self.rules)
            return passage, decided[key]

        groups = [part for group in group_events(infos, article_date)
                  for part in _by_event_type(group, decision_of, self.taxonomy)]
        deaths = split_fatalities(groups)
        country = told or named
        events = []
        for position, group in enumerate(groups):
            passage, typed = decision_of(group.sentences, group.aftermath)
            decision = typed.decision
            verdict = self.relevance.judge(passage.cues, passage.mentions, context, doc)
            if decision is None or not verdict.keep:
                continue
            home = country or _home(passage.mentions)
            group.location = in_named_province(in_stronghold(
                self._location(group.location, country, doc, ctx), passage.mentions, home),
                doc, home)
            iso3 = (group.location or {}).get("iso3") or home
            event = self._event(group, decision, iso3, deaths[position], actors, ctx)
            event.provenance["relevance"] = {
                **verdict.provenance(context),
                "cues": sorted({c.name for c in passage.cues
                                if c.name in lexicon.words("event_cues")}),
                "dropped": sorted({f"{c.name}:{check}" for s in group.sentences
                                   for c, check in s.dropped})}
            if ctx.for_model:  # a trained model reads them; nothing else does
                event.provenance["readings"] = typed.readings()
            events.append(event)
        return events

    def _location(self, found: dict[str, Any] | None, country: str | None, doc: Doc,
                  ctx: CodingContext) -> dict[str, Any] | None:
        """The event's place through the ``resolve_location`` hook: a researcher's plugin
        answers first for the place name the text gives; the built-in answer
        (:mod:`.location_hooks`) is what this codebook's place pipeline found, with the
        units named beside the name."""
        if not found or not found.get("location"):
            return found
        doc.user_data.setdefault(FOUND_KEY, {})[found["location"]] = found
        answer = ctx.pm.hook.resolve_location(name=found["location"],
                                              country=found.get("iso3") or country, doc=doc,
                                              codebook=self)
        return answer or found

    def _event(self, group: Group, decision: Decision, iso3: str | None, dead: int,
               context: "_DocumentActors", ctx: CodingContext) -> Event:
        sub = self.taxonomy.sub_events[decision.sub_event_type]
        date = group.date
        actor1 = self._resolved(self._actor(decision.side1, None, iso3, date, context),
                                "actor", ctx)
        actor2 = (self._resolved(self._actor(decision.side2, actor1, iso3, date, context),
                                 "recipient", ctx)
                  if decision.side2 is not None else None)
        if actor2 is not None and actor2.name == actor1.name and sub.event_type != "Battles":
            actor2 = None
        if decision.hit_only and actor2 is not None:  # the military killed the militants
            actor1, actor2 = actor2, actor1
        inter1, inter2 = actor1.inter, actor2.inter if actor2 else 0
        style = self.options.get("inter_format", "numeric")
        assoc = sorted({self.lexicon.name(m, iso3, date).name for m in decision.assoc1}
                       - {actor1.name})
        location = {k: (group.location or {}).get(k) for k in column_group("location_columns")}
        primary = group.sentences[0]
        notes = " ".join(text_of(s.span).strip() for s in group.told) + group.split_note
        fields = {
            "event_date": date, "year": int(date[:4]) if date else None,
            "time_precision": group.precision if date else None,
            "disorder_type": sub.disorder_type, "event_type": sub.event_type,
            "sub_event_type": sub.sub_event_type,
            "actor1": actor1.name, "assoc_actor_1": "; ".join(assoc) or None,
            "inter1": self.taxonomy.inter_value(inter1, style),
            "actor2": actor2.name if actor2 else None, "assoc_actor_2": None,
            "inter2": self.taxonomy.inter_value(inter2, style) if actor2 else None,
            "interaction": self.taxonomy.interaction_value(inter1, inter2, style),
            "civilian_targeting": civilian_targeting(sub.disorder_type, inter1, inter2)
            or None,
            "region": (group.location or {}).get("region"), "source_scale": None,
            "notes": notes.strip(), "fatalities": dead, "tags": None,
            **{k: v for k, v in location.items() if k != "location"},
        }
        if date is None and group.day:  # "on Sunday" in an undated document: kept apart
            fields["event_day"] = group.day
        return Event(
            event_code=sub.code, event_label=f"{sub.event_type}: {sub.sub_event_type}",
            actor=[_participant(actor1)], recipient=[_participant(actor2)] if actor2 else [],
            sentence=primary.span, rule=decision.rule, date=date,
            location=location if group.location else None, size={"dead": dead},
            fields=fields)

    def _resolved(self, actor: Actor, role: str, ctx: CodingContext) -> Actor:
        """A side named in the text goes through the ``resolve_actor`` hook: a researcher's
        plugin answers first (its ``code`` is the ACLED actor name, a numeric ``sector``
        the inter code); otherwise ACLED's naming stands."""
        mention = actor.mention
        if mention is None or mention.end <= mention.start:
            return actor
        found = ctx.pm.hook.resolve_actor(span=ctx.doc[mention.start:mention.end], role=role,
                                          codebook=self)
        if found is None or not found.code:
            return actor
        inter = int(found.sector) if str(found.sector or "").isdigit() else actor.inter
        return replace(actor, name=found.code, inter=inter)

    def _actor(self, side: Mention | str, other: Actor | None, iso3: str | None,
               date: str | None, context: "_DocumentActors") -> Actor:
        """ACLED's name for a side: a mention, or a kind named after the country; generic
        militants take the document's named group, an unnamed opponent the document's
        other side."""
        if isinstance(side, Mention):
            return self.lexicon.name(side, iso3, date)
        if side == "opponent":
            if other is not None and other.mention is not None \
                    and other.mention.kind in lexicon.words("state_forces"):
                side = context.group or "armed_group"
            else:
                side = context.state or "military"
            if isinstance(side, Mention):
                return self.lexicon.name(side, iso3, date)
        if side in ("military", "police"):
            return self.lexicon.state_actor(side, iso3, date)
        return self.lexicon.name(Mention(side, 0, 0, ""), iso3, date)

    def learn_target(self):
        """What ``eventcoder train`` learns for the built-in codebook: the sub-event type
        (:mod:`.learning`); one that extends it is learned by its entries, as before."""
        from .learning import AcledTarget
        return AcledTarget(self) if self.id == "acled" else None


def _passage(sentences: list[SentenceInfo], context: "_DocumentActors") -> Passage:
    return Passage([s.span for s in sentences], [c for s in sentences for c in s.cues],
                   [context.named(m) for s in sentences for m in s.mentions])


def _with_aftermath(passage: Passage, aftermath: list[SentenceInfo]) -> Passage:
    """The passage as typed, with the cues of what followed that qualify its sub-event
    ("Teachers marched on Monday. Police later dispersed them."), not those that would
    make it another event (a closing "no casualties" does not make an attack looting)."""
    told = [c for s in aftermath for c in s.cues if c.name in lexicon.words("aftermath_cues")]
    return Passage(passage.sentences, passage.cues + told, passage.mentions) if told else passage


def _by_event_type(group: Group, decision_of, tax) -> list[Group]:
    """ACLED codes one event per location, day and kind of event: "gunmen killed nine at
    the market in X ... soldiers clashed with the attackers outside X" is an attack and a
    battle. Each sentence naming the place starts a part (with the sentences after it);
    parts of the same event type stay one event."""
    told = sorted(group.sentences, key=lambda s: s.index)
    starts = [n for n, s in enumerate(told) if s.places]
    if len(starts) < 2:
        return [group]
    bounds = [0, *starts[1:], len(told)]
    parts: dict[str, list[SentenceInfo]] = {}
    kind = None
    for run in (told[a:b] for a, b in zip(bounds, bounds[1:])):
        decision = decision_of(run)[1].decision
        if decision is not None:
            kind = tax.sub_events[decision.sub_event_type].event_type
        if kind is None:
            kind = ""
        parts.setdefault(kind, []).extend(run)
    if len([k for k in parts if k]) < 2:
        return [group]
    split = []
    for sentences in parts.values():
        part = Group(group.location, group.date, group.precision, group.day)
        part.sentences = sorted(sentences, key=lambda s: s.index)
        part.leads = [s for s in group.leads if s in part.sentences]
        last = part.sentences[-1].index
        part.aftermath = [a for a in group.aftermath if a.index > last and not any(
            s.index > last and s.index < a.index for s in told)]
        split.append(part)
    for info in group.aftermath:  # shared by as many parts as hold it
        info.groups += sum(info in p.aftermath for p in split) - 1
    return split


class _DocumentActors:
    """Who the document is about: its most-named non-state group and state force."""

    def __init__(self, infos: list[SentenceInfo]):
        mentions = [m for i in infos for m in i.mentions]
        named = [m for m in mentions
                 if m.kind == "group" and any(g.inter in (2, 3, 4) for g in m.groups)]
        counts = Counter(m.groups[0].name for m in named)
        top = counts.most_common(1)[0][0] if counts else None
        self.group = next((m for m in named if m.groups[0].name == top), None)
        forces = lexicon.words("state_forces")
        self.state = next((m for m in mentions if m.kind in forces), None)

    def named(self, mention: Mention) -> Mention:
        """Generic militants ("the terrorists", not "unknown gunmen") in a document about
        one named group are that group."""
        if mention.kind != "armed_group" or mention.anonymous or self.group is None:
            return mention
        return replace(self.group, start=mention.start, end=mention.end, text=mention.text,
                       alternatives=[])


def story_country(mentions) -> str | None:
    """The country the actors place the story in, when they agree: a group active in one
    country only ("BLF"), a state's forces named as such ("SAF", "Pakistani troops")."""
    votes = Counter()
    for mention in mentions:
        homes = home_countries(mention)
        if len(homes) == 1:
            votes[next(iter(homes))] += 1
    return next(iter(votes)) if len(votes) == 1 else None


def group_homes(mentions) -> list[str]:
    """The countries where the armed groups named are active, those more of them share
    first, then those a group's name is bound to ("JNIM and/or ISGS militants": ISGS's
    Niger before Mali, where JNIM is most active), else in the order their tables list them
    (state forces left out: they fight across borders)."""
    named = list(dict.fromkeys(groups for m in mentions if m.kind == "group"
                               for groups in (m.groups, *(a.groups for a in m.alternatives))))
    homes = list(dict.fromkeys([country for groups in named for group in groups
                                for country in group.countries]
                               + [country for groups in named for group in groups
                                  for country in group.active_in]))
    shared = Counter(country for groups in named
                     for country in {c for group in groups for c in group.homes})
    return sorted(homes, key=lambda country: -shared[country])


def _home(mentions: list[Mention]) -> str | None:
    """With no place and no country named, the first listed country of the first named
    group or state force ("ISGS" -> Niger) rather than "International"."""
    for mention in mentions:
        if mention.kind == "group" and mention.groups and mention.groups[0].homes:
            return mention.groups[0].homes[0]
        if mention.country:
            return mention.country
    return None


def _participant(actor: Actor) -> Participant:
    mention = actor.mention
    return Participant(mention.text if mention is not None and mention.text else actor.name,
                       actor.name, str(actor.inter), rule="acled")
