"""ACLED typing accuracy per gold record (the issue's acceptance figures).

``eventcoder bench`` scores events aligned on their key, so a record whose event is typed
wrongly counts as a miss rather than as a wrong type. This script asks the acceptance
questions directly: for each ACLED note, does the coder's best-matching event have ACLED's
event type, sub-event type, fatalities, admin1, location and actor pair (unordered, year
suffix ignored)? For CASE 2021: weighted F1 of the sub-event type over labelled snippets,
and the share of non-ACLED snippets that yield no event.

    python benchmarks/acled_typing.py [--limit N] [--half A|B] [--salt S] [--within [SALT:]HALF]...
        [--errors FILE.jsonl]
        [--case-errors FILE.jsonl]
"""
from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
from pathlib import Path

from sklearn.metrics import f1_score

from eventcoder import Document, Engine

sys.path.insert(0, str(Path(__file__).resolve().parent))
from halves import HALVES, add_within, subset_of  # noqa: E402

SHARED = Path(os.environ.get("EVENTCODER_SHARED_DATA",
                             Path(__file__).resolve().parents[1].parent / "shared" / "data"))
YEAR = re.compile(r"\s*\(\d{4}-(\d{4})?\)")
TARGETS = {"event_type": 0.85, "sub_event_type": 0.70, "fatalities": 0.80, "admin1": 0.85,
           "location": 0.70, "actor_pair": 0.50}


def fold(value) -> str:
    return " ".join(str(value or "").split()).casefold()


def pair(event: dict) -> list[str]:
    return sorted(YEAR.sub("", n).strip().casefold()
                  for n in (event.get("actor1"), event.get("actor2")) if n)


def best(events: list[dict], gold: dict) -> dict:
    return max(events, key=lambda e: (e["sub_event_type"] == gold["sub_event_type"],
                                      e["event_type"] == gold["event_type"]), default={})


def code(engine: Engine, records: list[dict]) -> dict[str, list[dict]]:
    documents = [Document(r["id"], r["text"], r.get("date")) for r in records]
    return {res.document.id: res.events for res in engine.results(documents)}


def notes(engine: Engine, records: list[dict], errors) -> dict[str, float]:
    coded = code(engine, records)
    hits: dict[str, list[bool]] = {name: [] for name in TARGETS}
    for record in records:
        gold = record["events"][0]
        event = best(coded[record["id"]], gold)
        place = event.get("location") or {}
        found = {"event_type": event.get("event_type") == gold["event_type"],
                 "sub_event_type": event.get("sub_event_type") == gold["sub_event_type"],
                 "actor_pair": pair(event) == pair(gold)}
        if gold.get("fatalities") is not None:
            found["fatalities"] = event.get("fatalities") == gold["fatalities"]
        for name in ("admin1", "location"):
            if gold.get(name):
                found[name] = fold(place.get(name)) == fold(gold[name])
        for name, hit in found.items():
            hits[name].append(hit)
        if errors and not all(found.values()):
            errors.write(json.dumps({"id": record["id"], "text": record["text"], "gold": gold,
                                     "coded": {k: event.get(k) for k in gold}}) + "\n")
    return {name: sum(v) / len(v) for name, v in hits.items() if v}


def case2021(engine: Engine, records: list[dict], errors=None) -> dict[str, float]:
    coded = code(engine, records)
    negatives = [r for r in records if r["expect_no_event"]]
    truth, predicted = [], []
    for record in (r for r in records if not r["expect_no_event"]):
        gold = record["events"][0]
        truth.append(gold["sub_event_type"])
        predicted.append(best(coded[record["id"]], gold).get("sub_event_type") or "none")
    if errors:
        _case_errors(errors, records, coded)
    return {"weighted_f1": f1_score(truth, predicted, average="weighted",
                                    labels=sorted(set(truth))),
            "no_event": sum(not coded[r["id"]] for r in negatives) / len(negatives)}


def _case_errors(errors, records: list[dict], coded: dict[str, list[dict]]) -> None:
    """Events coded from a no-event snippet, and snippets whose gold sub-event type no coded
    event has, with the relevance rule that kept each event."""
    for record in records:
        events = coded[record["id"]]
        gold = None if record["expect_no_event"] else record["events"][0]["sub_event_type"]
        if (gold is None and events) or (gold and gold not in
                                         {e["sub_event_type"] for e in events}):
            errors.write(json.dumps({
                "id": record["id"], "text": record["text"], "gold": gold,
                "coded": [{"sub_event_type": e["sub_event_type"],
                           "relevance": e.get("cite_info", {}).get("relevance")}
                          for e in events]}) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, help="first N records of each set")
    parser.add_argument("--half", choices=HALVES, help="one half of an id-hash split only")
    parser.add_argument("--salt", default="", help="salt of the id hash: a fresh split")
    add_within(parser)
    parser.add_argument("--errors", type=Path, help="write wrong ACLED notes here (JSONL)")
    parser.add_argument("--case-errors", type=Path,
                        help="write CASE 2021 false and missed events here (JSONL)")
    parser.add_argument("--skip-notes", action="store_true",
                        help="CASE 2021 only (the ACLED notes take longest)")
    args = parser.parse_args()
    gold = SHARED / "gold"
    if not gold.is_dir():
        raise SystemExit(f"{gold} is absent: nothing to measure")
    engine = Engine("acled")
    started = time.perf_counter()
    figures = {}
    if not args.skip_notes:
        load = subset_of(gold / "acled-notes.dev.jsonl", args)[:args.limit]
        errors = args.errors.open("w", encoding="utf-8") if args.errors else None
        figures = {"acled-notes": notes(engine, load, errors), "records": len(load)}
    case = subset_of(gold / "case2021-acled-types.dev.jsonl", args)[:args.limit]
    case_errors = args.case_errors.open("w", encoding="utf-8") if args.case_errors else None
    figures["case2021"] = case2021(engine, case, case_errors)
    figures["seconds"] = round(time.perf_counter() - started, 1)
    print(json.dumps(figures, indent=1))


if __name__ == "__main__":
    main()
