"""Why ``locate`` misses ACLED's admin1 on the notes: counts of each cause on one subset.

    python benchmarks/acled_admin1_misses.py [--half A|B [--salt S]] [--within [SALT:]HALF]... [--list]

Each note whose document-level ``locate`` admin1 differs from the gold one (compared by
``gazetteer.key``) falls in the first class that fits:

- *spelling variant*: the right country, and an admin1 name close to ACLED's (``difflib``
  ratio >= 0.7: "Fuzuli" for "Fizuli");
- *wrong homonym*: the gazetteer holds a record of the gold location in the gold country with
  ACLED's admin1, but another record (or none) was chosen;
- *ACLED's region naming*: the record chosen lies within 25 km of ACLED's coordinates (or has
  the gold name in the gold country, with no admin1), yet GeoNames files it under another
  first-level unit than ACLED names;
- *other place of the text*: the gold place is in the gazetteer, another place was taken;
- *not found*: the gazetteer has no record of the gold location in the gold country (the
  coverage gap): (a) the name was found in the text but has no admin1, (b) another place of
  the text was taken instead, (c) a homonym elsewhere was taken.

``--events`` scores what the acceptance figure scores instead, the coder's best-matching
event (``acled_typing.best``), and sorts its misses by what the event holds: no event at all
(typing), an event without a location, a location without a country, a location in another
country, the right country without an admin1, another admin1 of the right country.

``--list`` prints each miss (only on the subsets whose errors may be read: halves.py).
"""
from __future__ import annotations

import argparse
import difflib
import math
import os
import sys
from collections import Counter
from pathlib import Path

from acled_typing import best, code, fold
from halves import add_within, subset_of

from eventcoder import Engine
from eventcoder.nlp import load_model
from eventcoder_acled.places.lookup import gazetteer, key
from eventcoder_acled.places.resolution import locate

SHARED = Path(os.environ.get("EVENTCODER_SHARED_DATA",
                             Path(__file__).resolve().parents[1].parent / "shared" / "data"))
NEAR_KM = 25


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (math.sin((lat2 - lat1) / 2) ** 2
         + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2)
    return 6371 * 2 * math.asin(math.sqrt(h))


def cause(gold: dict, found: dict) -> str:
    """The class of one admin1 miss (see the module docstring)."""
    g = gazetteer()
    iso3 = g.iso3(gold.get("country"))
    wanted, name = key(gold["admin1"]), gold.get("location") or ""
    held = g.candidates(name, iso3) if name else []
    got = found.get("admin1")
    same_name = key(found.get("location") or "") == key(name)
    near = (gold.get("latitude") is not None and found.get("latitude") is not None
            and km((gold["latitude"], gold["longitude"]),
                   (found["latitude"], found["longitude"])) <= NEAR_KM)
    if got and found.get("iso3") == iso3 and difflib.SequenceMatcher(
            None, key(got), wanted).ratio() >= 0.7:
        return "spelling variant of the admin1 name"
    if any(key(p.admin1 or "") == wanted for p in held):
        return "wrong homonym (right record in the gazetteer, another or none chosen)"
    if (got and near) or (held and same_name and not got):
        return "ACLED's own region naming (same spot, GeoNames files it elsewhere)"
    if held and not same_name:
        return "other place of the text chosen (gold place held)"
    if not same_name and found.get("location"):
        return "not found (b): gold place absent, another place of the text taken"
    if same_name and got:
        return "not found (c): gold place absent, a homonym elsewhere taken"
    return "not found (a): gold place absent, its name found without admin1"


def event_cause(gold: dict, event: dict) -> str:
    """The class of one admin1 miss of the best-matching event (``--events``)."""
    place = event.get("location") or {}
    if not event:
        return "no event coded (typing)"
    if not place:
        return "event without a location"
    if not place.get("country"):
        return "location without a country"
    if key(place["country"]) != key(gold.get("country") or ""):
        return "location in another country"
    if not place.get("admin1"):
        return "right country, no admin1"
    return "right country, another admin1"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--half", choices=("A", "B"))
    parser.add_argument("--salt", default="")
    add_within(parser)
    parser.add_argument("--events", action="store_true",
                        help="classify the misses of the best-matching coded event")
    parser.add_argument("--list", action="store_true", help="print each miss")
    args = parser.parse_args()
    path = SHARED / "gold" / "acled-notes.dev.jsonl"
    if not path.is_file():
        print(f"{path} is absent", file=sys.stderr)
        return 1
    records = subset_of(path, args)
    records = [r for r in records if r["events"][0].get("admin1")]
    causes: Counter = Counter()
    if args.events:  # compared as the acceptance figure compares them (``fold``)
        coded = code(Engine("acled"), records)
        events = [best(coded[r["id"]], r["events"][0]) for r in records]
        found_of = [(event, event.get("location") or {}) for event in events]
        same = fold
    else:
        found_of = ((None, locate(doc) or {}) for doc in
                    load_model().pipe(r["text"] for r in records))
        same = key
    for record, (event, found) in zip(records, found_of):
        gold = record["events"][0]
        if same(found.get("admin1") or "") == same(gold["admin1"]):
            continue
        why = event_cause(gold, event) if args.events else cause(gold, found)
        causes[why] += 1
        if args.list:
            print(f"{record['id']}: {why}\n  gold {gold.get('location')!r} / "
                  f"{gold['admin1']!r} ({gold.get('country')}); got "
                  f"{found.get('location')!r} / {found.get('admin1')!r}")
    print(f"{sum(causes.values())} admin1 misses of {len(records)} notes")
    for why, count in sorted(causes.items()):
        print(f"{count:5d}  {why}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
