"""Where the events a sentence tells took place: one place per listed place, else the best
one, with ACLED's reading of the wording around names.

Units a note names after a place ("X (Ouallam, Tillaberi)", "near X, Rutshuru") belong to it
and are no places of their own; a village the gazetteer lacks keeps its name and takes those
units; "between X and Y" is one place; a known name found outside the units named right after
it is looked up again inside them; a place named again in a document is the same place; a
community named after a place ("Nandi community militias") says who, not where; a country
named in passing is never an event's town.
"""
from __future__ import annotations

import re
from typing import Any, Callable

from spacy.tokens import Doc, Span

from . import geo
from .actors import Mention
from .gazetteer import gazetteer, key
from .placenames import doc_text, listed_after

BROAD = {"admin1", "country"}
IDENTITY = re.compile(r"^\s+(?:communit(?:y|ies)|clans?|tribes?|tribesmen|militias?|"
                      r"ethnic)\b", re.I)  # "Nandi community militias": who, not where
CONTAINED = re.compile(r"^[^.;()]{0,30}\b(?:in|of)\s+(?:the\s+)?$")  # "X and Y areas in "
NAMED_KEY = "eventcoder_acled.named_places"  # place records by name, per document


def sentence_places(span: Span, actors: list[Mention], country: str | None,
                    origin: Callable[[Doc, int], bool] | None = None
                    ) -> tuple[list[dict], list[dict]]:
    """Specific places of the sentence (one per listed place, else the best one) and the
    broad ones (provinces, countries). A name that is an actor is not a place; the units a
    note names after a place ("X (Ouallam, Tillaberi)") belong to it and are no places of
    their own; a village the gazetteer lacks still counts when the wording makes it one.
    ``origin(doc, char)`` says a name at that offset is where someone is from ("his hometown
    of X"): no event's place."""
    doc = span.doc
    taken = [(doc[m.start].idx, doc[m.end - 1].idx + len(doc[m.end - 1])) for m in actors]
    text = doc_text(doc)
    named = geo.find_places(span, country)
    origins = {key(m.text) for m in named if origin is not None and origin(doc, m.start)}
    found = [m for m in named
             if not any(s < m.end and m.start < e for s, e in taken)
             and not IDENTITY.match(text[m.end:m.end + 20]) and key(m.text) not in origins]
    mentions = [m for m in found
                if not any(_names_unit_of(other, m, text) for other in found)]
    listed = _place_list(mentions, doc)
    if listed and _between(listed[0], doc):  # a road between two towns: one event, at
        listed = [] if listed[-1].hints else listed[:1]  # the first (units: geo.locate)
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
    records = [_as_named_before(r, doc) for r in records if r and not _a_country(r)
               and key(r.get("location") or "") not in origins]
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
    before = known.get(name)
    if before is not None and (not record.get("admin1") or record.get(
            "geo_precision") == before.get("geo_precision")):
        return before
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
        if run and listed_after(text, run[-1].end, mention.start) and not \
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
