"""From sentences to ACLED events: one event per location and day.

Each sentence is read for event cues, actors, places and its date. A sentence that names
several places in a list ("around Quetta, Mastung and Nushki") belongs to one event per
place ("between X and Y" is one); a sentence with an event cue but no place of its own ("15
soldiers were killed") joins the event told just before it (or right after it, as a lead),
or the document's region; a sentence with no event that follows one tells its aftermath
(deaths and notes). A headline the body tells again is left out. Deaths reported for several
events at once are split across them, as ACLED does, and the split is noted; a lead's total
adds only what the events' own sentences leave untold.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc, Span

from . import geo
from .actors import Mention
from .passage import EVENT_CUES
from .cues import Cue
from .dates import resolve_date
from .fatalities import count_fatalities, over_a_period
from .gazetteer import gazetteer, key
from .placenames import doc_text

LIST_JOINS = {",", "and", ", and", "&", "or", ", or"}
BROAD = {"admin1", "country"}
NEAR_SENTENCES = 3  # how far an unlocated sentence looks for its event
TOWN_NOUN = re.compile(r"^\s+(?:town|city|village)\b", re.I)
IDENTITY = re.compile(r"^\s+(?:communit(?:y|ies)|clans?|tribes?|tribesmen|militias?|"
                      r"ethnic)\b", re.I)  # "Nandi community militias": who, not where
CONTAINED = re.compile(r"^[^.;()]{0,30}\b(?:in|of)\s+(?:the\s+)?$")  # "X and Y areas in "
NAMED_KEY = "eventcoder_acled.named_places"  # place records by name, per document
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


@dataclass
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


@dataclass
class Group:
    """The sentences of one event (a location on a day)."""

    location: dict[str, Any] | None
    date: str | None
    precision: int
    sentences: list[SentenceInfo] = field(default_factory=list)
    aftermath: list[SentenceInfo] = field(default_factory=list)  # what followed: deaths...
    leads: list[SentenceInfo] = field(default_factory=list)  # told before, maybe as a total
    split_note: str = ""

    def add(self, info: SentenceInfo, aftermath: bool = False) -> None:
        if info not in self.sentences and info not in self.aftermath:
            (self.aftermath if aftermath else self.sentences).append(info)
            info.groups += 1

    @property
    def told(self) -> list[SentenceInfo]:
        """Every sentence of the event in text order: those that type it and the aftermath."""
        return sorted(self.sentences + self.aftermath, key=lambda s: s.index)


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
            and not (reaction and _mourned(doc[c.start]))]
    cue_spans = [(c.start, c.end) for c in cues if c.end - c.start > 1]
    mentions = [m for m in mentions if not any(s <= m.start and m.end <= e and e - s >
                                               m.end - m.start for s, e in cue_spans)]
    places, broad = _places(span, mentions, country)
    date, precision = resolve_date(span, article_date, default_to_article=False)
    return SentenceInfo(index, span, cues, mentions, places, broad, date, precision,
                        date is not None)


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


def _places(span: Span, actors: list[Mention], country: str | None
            ) -> tuple[list[dict], list[dict]]:
    """Specific places of the sentence (one per listed place, else the best one) and the
    broad ones (provinces, countries). A name that is an actor is not a place; the units a
    note names after a place ("X (Ouallam, Tillaberi)") belong to it and are no places of
    their own; a village the gazetteer lacks still counts when the wording makes it one."""
    doc = span.doc
    taken = [(doc[m.start].idx, doc[m.end - 1].idx + len(doc[m.end - 1])) for m in actors]
    text = doc_text(doc)
    found = [m for m in geo.find_places(span, country)
             if not any(s < m.end and m.start < e for s, e in taken)
             and not IDENTITY.match(text[m.end:m.end + 20])]
    mentions = [m for m in found
                if not any(_names_unit_of(other, m, text) for other in found)]
    listed = _place_list(mentions, doc)
    if listed and _between(listed[0], doc):  # a road between two towns: one event, at
        named = TOWN_NOUN.match(text[listed[-1].end:listed[-1].end + 12])  # the first, or
        listed = listed[-1:] if named and listed[-1].hints else listed[:1]  # "Y town (A, B)"
    if not listed and len(mentions) == 1:
        listed = mentions
    if listed:
        records = [geo.locate(_mention_span(doc, m), country) for m in listed]
        records = [_with_later_units(r, m, found, doc, country)
                   for r, m in zip(records, listed) if r]
    elif mentions:
        record = geo.locate(span, country)
        chosen = next((m for m in mentions if record and key(m.text).endswith(
            key(record.get("location") or "-"))), None)
        records = [_with_later_units(record, chosen, found, doc, country)
                   if record and chosen else record]
    else:
        records = []
    records = [_as_named_before(r, doc) for r in records if r and not _a_country(r)]
    specific = [r for r in records if r.get("geo_precision") in (1, 2)]
    broad = [geo.locate(_mention_span(doc, m), country) for m in mentions
             if m.place is not None and m.place.kind in BROAD]
    broad = [r for r in broad if r] + [r for r in records if r.get("geo_precision") == 3]
    return specific, broad


def _is_unit(mention) -> bool:
    """A district or province rather than a town or village."""
    return mention.unit or (mention.place is not None
                            and mention.place.kind in ("admin1", "admin2", "country"))


def _with_later_units(record: dict, mention, mentions: list, doc: Doc,
                      country: str | None) -> dict:
    """A place takes the units the sentence names after it: "between Tizegorou and Garbey
    (Banibangou, Tillaberi)", "in Teertej areas in Awaran district", "in Pipri, Kaushambi
    (UP)". A known name found outside those units is looked up again inside them (it was a
    namesake); a name the gazetteer lacks keeps its name with the units' fields."""
    if record.get("admin1") and (mention.hints or mention.place is None):
        return record  # its own units decide
    text = doc_text(doc)
    later = next((m for m in mentions if m.start >= mention.end and (
        m.hints or _is_unit(m) or _comma_unit(mention, m, text))), None)
    if later is None or (mention.place is not None and not _comma_unit(mention, later, text)
                         and not CONTAINED.match(text[mention.end:later.start])):
        return record
    units = geo.locate(_mention_span(doc, later), country)
    if not units or not units.get("admin1") or (
            record.get("iso3") and units.get("iso3") != record["iso3"]):
        return record
    if key(record.get("admin1") or "") == key(units["admin1"]):
        return record
    if mention.place is not None:  # a namesake elsewhere: the one inside the units
        gz = gazetteer()
        inside = gz.resolve(mention.text, units["iso3"], [units["admin1"], later.text])
        if inside is not None and key(units["admin1"]) in inside.admin_keys():
            return gz.fields(inside, record.get("geo_precision") or 1, record["location"])
    levels = ["admin1", "admin2", "admin3"]
    if later.place is not None and later.place.kind == "admin1":
        levels = ["admin1"]
    elif _comma_unit(mention, later, text):
        levels = ["admin1", "admin2"]
    placed = {k: units.get(k) for k in ("country", "iso", "iso3", "region", "latitude",
                                         "longitude")}
    return {**record, **placed, **{k: units.get(k) for k in levels}, "geo_precision": 2}


def _between(mention, doc: Doc) -> bool:
    """"between X and Y" (also "between the villages of X and Y") names a stretch of
    road or country, not two places where something happened."""
    before = doc_text(doc)[max(0, mention.start - 40):mention.start].lower().split()
    return "between" in before[-4:]


def _a_country(record: dict[str, Any]) -> bool:
    """"funding by India" in a story about Pakistan is no town of Pakistan called India:
    a country's name is a broad place only."""
    name = record.get("location") or ""
    return any(p.kind == "country" for p in gazetteer().candidates(name)) if name else False


def _as_named_before(record: dict[str, Any], doc: Doc) -> dict[str, Any]:
    """A place named again later in a document is the same place: "near Kamyanka, Donetsk.
    ... two explosions near Kamyanka" (not another Kamyanka elsewhere)."""
    known = doc.user_data.setdefault(NAMED_KEY, {})
    name = key(record.get("location") or "")
    if name in known and not record.get("admin1"):
        return known[name]
    if name in known and record.get("admin1") != known[name].get("admin1") and \
            record.get("geo_precision") == known[name].get("geo_precision"):
        return known[name]
    if record.get("admin1"):
        known.setdefault(name, record)
    return record


def _comma_unit(place, other, text: str) -> bool:
    """"near Binja, Rutshuru", "in Pipri, Kaushambi (UP)": a place, then a comma and a
    known district or town that no further place follows, is a place in that unit, not a
    list of two."""
    if place.hints or other.place is None or other.start <= place.end or \
            other.place.kind in BROAD or text[place.end:other.start].strip() != ",":
        return False
    following = text[other.end:other.end + 6].lstrip()
    return not following.startswith((",", "and ", "or ", "&"))  # "X, Y and Z" is a list


def _names_unit_of(place, other, text: str) -> bool:
    """True when ``other`` is one of the units named right after ``place``: "(Ouallam,
    Tillaberi)", "X district, Herat", "Binja, Rutshuru"."""
    if _comma_unit(place, other, text):
        return True
    if not place.hints or other.start <= place.end or \
            key(other.text) not in {key(h) for h in place.hints}:
        return False
    between = text[place.end:other.start]
    return len(between) < 160 and ")" not in between and (
        "(" in between or between.replace(",", " ").replace("-", " ").islower()
        or not between.strip(" ,"))


def _mention_span(doc: Doc, mention) -> Span:
    return doc.char_span(mention.start, mention.end, alignment_mode="expand")


def _place_list(mentions: list, doc: Doc) -> list:
    """The longest run of places joined by commas/"and" that are not one inside the other:
    "Quetta, Mastung and Nushki" (but not "Quetta, Balochistan")."""
    best: list = []
    run: list = []
    text = doc_text(doc)
    for mention in mentions:
        if mention.place is not None and mention.place.kind in BROAD:
            run = []
            continue
        if run and text[run[-1].end:mention.start].strip() in LIST_JOINS and not \
                _inside(run[-1], mention):
            run.append(mention)
        else:
            run = [mention]
        if len(run) > len(best):
            best = list(run)
    # names the gazetteer lacks make a list only beside a known place ("Union of Domestic,
    # Hotels ... Workers" is an organisation, "Qorimbedu and Bosso" two places)
    return best if len(best) >= 2 and any(m.place is not None for m in best) else []


def _inside(first, second) -> bool:
    """True when ``second`` is an administrative unit containing ``first``."""
    if first.place is None or second.place is None:
        return False
    units = {key(u) for u in (first.place.admin1, first.place.admin2, first.place.admin3) if u}
    return second.place.kind.startswith("admin") and key(second.place.name) in units


def group_events(infos: list[SentenceInfo], article_date: str | None) -> list[Group]:
    """One group per location and day; unlocated event sentences join the nearest located
    group of the same day, else one group per day at the document's region."""
    _inherit_dates(infos, article_date)
    events = [i for i in infos if i.is_event]
    body = [i for i in events if i.index >= _body_start(infos)]
    if body:  # headlines: the body tells them again, in full
        events = body
    groups: dict[tuple, Group] = {}
    located = [i for i in events if i.places]
    for info in located:
        for record in info.places:
            place_key = (key(record.get("location") or ""), record.get("admin1"), info.date)
            groups.setdefault(place_key, Group(record, info.date, info.precision)).add(info)
    region = _document_region(infos, groups)
    for info in (i for i in events if not i.places):
        near = [(_distance(g, info), g) for g in groups.values() if g.location is not region
                and (g.date == info.date or not info.own_date)]
        near = [(d, g) for d, g in near if d is not None]
        if near:
            closest = min(d for d, _ in near)
            for d, g in near:
                if d == closest:
                    g.add(info)
                    if d[0]:
                        g.leads.append(info)
            continue
        placed = _nearest_placed(infos, info)
        if placed is not None:  # "BLF fired at a soldier in X. He was killed in the attack."
            record = placed.places[0]
            place_key = (key(record.get("location") or ""), record.get("admin1"), info.date)
            group = groups.setdefault(place_key, Group(record, info.date, info.precision))
            group.add(placed)
            group.add(info)
            if placed.index > info.index:
                group.leads.append(info)
            continue
        fallback = (region or (info.broad[0] if info.broad else None))
        place_key = (key((fallback or {}).get("location") or ""), "region", info.date)
        groups.setdefault(place_key, Group(fallback, info.date, info.precision)).add(info)
    _attach_aftermath(infos, list(groups.values()))
    return sorted(groups.values(), key=lambda g: min(s.index for s in g.sentences))


def _body_start(infos: list[SentenceInfo]) -> int:
    """Where an article's body begins: its first sentence ended by a full stop. The lines
    before it (headline, standfirst, byline) end at line breaks."""
    for info in infos:
        text = info.span.text.strip()
        if text[-1:] in '.!?"”' and len(text.split()) > 3:
            return info.index
    return 0


def _attach_aftermath(infos: list[SentenceInfo], groups: list[Group]) -> None:
    """A sentence with no event of its own that follows an event's sentence tells what
    followed ("Two soldiers died in the incident.", "1 fatality."): it joins the events of
    the sentence before it, unless it names another place. It counts for deaths and notes,
    not for the event's type (a closing "No casualties" does not make an attack looting)."""
    previous = None
    for info in infos:
        if info.groups == 0 and not info.is_event and previous is not None \
                and previous.groups > 0:
            mine = [g for g in groups if previous in g.told]
            if all(_same_place(record, g) for record in info.places for g in mine):
                for group in mine:
                    group.add(info, aftermath=True)
        previous = info


def _same_place(record: dict[str, Any], group: Group) -> bool:
    location = group.location or {}
    return key(record.get("location") or "") == key(location.get("location") or "")


def _distance(group: Group, info: SentenceInfo) -> tuple[int, int] | None:
    """How far an unplaced sentence is from a group's sentences, the events told before it
    first (it tells more of what came before, not of what comes next)."""
    found = [(info.index < s.index, abs(s.index - info.index)) for s in group.sentences
             if _near(s, info)]
    return min(found, default=None)


def _near(located: SentenceInfo, info: SentenceInfo) -> bool:
    """An unplaced sentence tells more of an event told shortly before it, or of the one
    told right after it (a headline, then "The attack took place in X")."""
    return 0 < info.index - located.index <= NEAR_SENTENCES or \
        located.index - info.index == 1


def _nearest_placed(infos: list[SentenceInfo], info: SentenceInfo) -> SentenceInfo | None:
    """The closest sentence naming one specific place, on the same day, before the event
    sentence rather than after it."""
    near = [i for i in infos if i.places and len(i.places) == 1 and _near(i, info)
            and (i.date == info.date or not info.own_date)]
    return min(near, key=lambda i: (abs(i.index - info.index), i.index > info.index),
               default=None)


def _inherit_dates(infos: list[SentenceInfo], article_date: str | None) -> None:
    """A sentence without a date is on the day of the last dated sentence before it (else
    the first dated one after it, else the article's date with week precision)."""
    dated = [i for i in infos if i.own_date]
    for info in infos:
        if info.own_date:
            continue
        before = [d for d in dated if d.index < info.index]
        source = before[-1] if before else (dated[0] if dated else None)
        if source is not None:
            info.date, info.precision = source.date, source.precision
        elif article_date:
            info.date, info.precision = article_date, 2


def _document_region(infos: list[SentenceInfo], groups: dict) -> dict[str, Any] | None:
    """The province most events are in (else the most named), as a location of precision 3."""
    votes = Counter((g.location or {}).get("admin1") for g in groups.values() if g.location)
    votes.pop(None, None)
    iso3 = next((g.location.get("iso3") for g in groups.values() if g.location), None)
    if not votes:
        named = [b for i in infos for b in i.broad if b.get("admin1")]
        votes = Counter(b["admin1"] for b in named)
        iso3 = named[0].get("iso3") if named else None
    if not votes:
        return None
    admin1 = votes.most_common(1)[0][0]
    gz = gazetteer()
    place = gz.resolve(admin1, iso3, prefer="admin")
    if place is None:
        return None
    record = gz.fields(place, 3, location=admin1)
    record["admin2"] = record["admin3"] = None
    return record


def _own_fatalities(sentences: list[SentenceInfo], nlp=None) -> int:
    """Deaths told in an event's own sentences, each run of consecutive sentences read
    together (ACLED's "coded as" remarks in a later sentence apply to the whole passage);
    sentences of other events between two runs are not read."""
    if not sentences:
        return 0
    doc = sentences[0].span.doc
    ordered = sorted(sentences, key=lambda s: s.index)
    runs = [[ordered[0]]]
    for info in ordered[1:]:
        if info.index == runs[-1][-1].index + 1:
            runs[-1].append(info)
        else:
            runs.append([info])
    return sum(count_fatalities(doc[run[0].span.start:run[-1].span.end], nlp) or 0
               for run in runs)


def split_fatalities(groups: list[Group], nlp=None) -> dict[int, int]:
    """Deaths per event, keyed by group position: its own, plus its share of deaths told in
    sentences shared by several events (split evenly, the remainder to the first ones, as
    ACLED splits a total); the events' notes say what was split. A lead told before the
    events ("attacks on three towns killed 14 soldiers") adds only what the events' own
    sentences leave unaccounted for."""
    out = {}
    for position, group in enumerate(groups):
        out[position] = _own_fatalities([s for s in group.told if s.groups == 1
                                         and s not in group.leads], nlp)
    shared: dict[int, list[int]] = {}
    leads: dict[int, list[int]] = {}
    for position, group in enumerate(groups):
        for info in group.told:
            if info in group.leads:
                leads.setdefault(info.index, []).append(position)
            elif info.groups > 1:
                shared.setdefault(info.index, []).append(position)
    infos = {s.index: s for g in groups for s in g.told}
    for index, positions in shared.items():
        _split(count_fatalities(infos[index].span, nlp) or 0, positions, out, groups)
    for index, positions in leads.items():
        reported = count_fatalities(infos[index].span, nlp) or 0
        untold = [p for p in positions if out[p] == 0]
        _split(max(reported - sum(out[p] for p in positions), 0), untold, out, groups)
    return out


def _split(reported: int, positions: list[int], out: dict[int, int], groups: list[Group]
           ) -> None:
    if not reported or not positions:
        return
    share, rest = divmod(reported, len(positions))
    for rank, position in enumerate(positions):
        out[position] += share + (1 if rank < rest else 0)
        if len(positions) > 1:
            groups[position].split_note += (
                f" [Fatalities: {reported} reported for {len(positions)} locations, "
                f"split evenly: {share + (1 if rank < rest else 0)} here.]")
