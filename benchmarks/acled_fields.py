"""Field accuracy of the ACLED plugin's location, date and fatality functions on ACLED notes.

Measures ``locate``, ``resolve_date`` and ``count_fatalities`` directly against the gold
fields of ``acled-notes.dev.jsonl`` (no event typing involved), so they can be tuned alone:

    python benchmarks/acled_fields.py [--limit N] [--half A|B [--salt S]] [--within [SALT:]HALF]... [--errors FIELD]

Location, admin1 and admin2 are compared twice: by ``gazetteer.key`` (ASCII, lower case,
punctuation dropped: "Ndjamena" = "N'Djamena"), and exactly as ``eventcoder bench`` and
``acled_typing.py`` compare them (ASCII-folded, case- and space-insensitive, punctuation kept;
the ``exact`` lines). Coordinates count as right within 25 km; fatalities must match exactly
(unknown counts as 0, as ACLED codes).
"""
from __future__ import annotations

import argparse
import math
import os
import sys
import time
from collections import Counter
from pathlib import Path

from halves import add_within, subset_of

from eventcoder_acled.scoring import _text
from eventcoder.nlp import load_model
from eventcoder_acled.dates import resolve_date
from eventcoder_acled.fatalities import count_fatalities
from eventcoder_acled.places.lookup import key
from eventcoder_acled.places.resolution import locate

SHARED = Path(os.environ.get("EVENTCODER_SHARED_DATA",
                             Path(__file__).resolve().parents[1].parent / "shared" / "data"))
FIELDS = ("location", "admin1", "admin2", "coordinates", "fatalities", "event_date")
NAMES = ("location", "admin1", "admin2")


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (math.sin((lat2 - lat1) / 2) ** 2
         + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2)
    return 6371 * 2 * math.asin(math.sqrt(h))


def judge(gold: dict, loc: dict | None, dead: int | None, date: str | None) -> dict:
    loc = loc or {}
    verdict = {}
    for name in NAMES:
        if gold.get(name) is not None:
            verdict[name] = key(str(loc.get(name) or "")) == key(gold[name])
            verdict[name + " exact"] = _text(loc.get(name) or "") == _text(gold[name])
    if gold.get("latitude") is not None:
        verdict["coordinates"] = loc.get("latitude") is not None and km(
            (gold["latitude"], gold["longitude"]), (loc["latitude"], loc["longitude"])) <= 25
    verdict["fatalities"] = (dead or 0) == gold["fatalities"]
    verdict["event_date"] = date == gold["event_date"]
    return verdict


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--errors", choices=FIELDS + tuple(n + "-exact" for n in NAMES),
                        help="print the records this field misses (NAME-exact: those only the "
                             "exact comparison misses: spelling and punctuation)")
    parser.add_argument("--half", choices=("A", "B"),
                        help="only the records of one half of the id-hash split (halves.py)")
    parser.add_argument("--salt", default="", help="salt of the split (halves.py): a fresh "
                        "split when both halves of the default one have been read")
    add_within(parser)
    args = parser.parse_args()
    path = SHARED / "gold" / "acled-notes.dev.jsonl"
    if not path.is_file():
        print(f"{path} is absent", file=sys.stderr)
        return 1
    records = subset_of(path, args)
    records = records[: args.limit] if args.limit else records
    nlp = load_model()
    right, seen = Counter(), Counter()
    by_variant: dict[str, Counter] = {}
    started = time.perf_counter()
    for record, doc in zip(records, nlp.pipe(r["text"] for r in records)):
        gold = record["events"][0]
        loc = locate(doc)
        dead = count_fatalities(doc)
        date, _ = resolve_date(doc, record.get("date"))
        verdicts = judge(gold, loc, dead, date)
        for name, ok in verdicts.items():
            seen[name] += 1
            right[name] += ok
            variant = by_variant.setdefault(record["meta"].get("variant", "?"), Counter())
            variant[name, "seen"] += 1
            variant[name, "right"] += ok
            if not ok and name == (args.errors or "").replace("-", " ") and (
                    not name.endswith(" exact") or verdicts[name.replace(" exact", "")]):
                got = {"location": loc, "fatalities": dead, "event_date": date}.get(name, loc)
                print(f"{record['id']}\n  {record['text'][:300]}\n  gold "
                      f"{ {k: gold.get(k) for k in FIELDS if k in gold} }\n  got  {got}\n")
    elapsed = time.perf_counter() - started
    print(f"{len(records)} ACLED notes, {elapsed / len(records) * 1000:.1f} ms per note")
    for name in FIELDS + tuple(n + " exact" for n in NAMES):
        if seen[name]:
            print(f"{name:15s} {right[name] / seen[name]:.3f}  ({right[name]}/{seen[name]})")
    print("by layout: " + " ".join(f"{name[:8]:>8s}" for name in FIELDS))
    for variant, counts in sorted(by_variant.items()):
        cells = [f"{counts[n, 'right'] / counts[n, 'seen']:8.3f}" if counts[n, "seen"]
                 else f"{'-':>8s}" for n in FIELDS]
        print(f"{variant:>9s}  " + " ".join(cells))
    return 0


if __name__ == "__main__":
    sys.exit(main())
