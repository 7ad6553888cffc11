"""ACLED events per 100 ordinary news articles, by section (issue 13's precision figure).

Ordinary news (business, entertainment, sport, tech; politics apart) reports almost no
political violence, so nearly every ACLED event coded from it is a false one. The figure is
printed per section and for all non-politics sections together, for each half of an id-hash
split (``benchmarks/halves.py``, salted: the file is itself one unsalted half): read errors
on half A only (``--show``), judge on half B.

    python benchmarks/news_precision.py [FILE.jsonl] [--half A|B] [--limit N]
        [--show N] [--trained DIR]

``--trained DIR``: the rules with a model made by ``eventcoder train`` (a model trained on
notes must not make the coder find violence in ordinary news).
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

from eventcoder import Document, Engine

sys.path.insert(0, str(Path(__file__).resolve().parent))
from halves import HALVES, half  # noqa: E402

SHARED = Path(os.environ.get("EVENTCODER_SHARED_DATA",
                             Path(__file__).resolve().parents[1].parent / "shared" / "data"))
DEFAULT = SHARED / "news" / "bbc-news.dev.jsonl"
SERIOUS = {"politics"}  # sections that may report real protests or violence
SALT = "news:"  # the dev file holds the ids that hash even unsalted: split it again


def section(record: dict) -> str:
    return record.get("category") or record["id"].split("-")[1]


def per_100(events: int, articles: int) -> float:
    return round(100 * events / articles, 1) if articles else 0.0


def measure(engine: Engine, records: list[dict]) -> tuple[dict, list]:
    """Events, articles and articles with an event per section; the events themselves."""
    counts: dict[str, Counter] = defaultdict(Counter)
    found = []
    by_id = {r["id"]: r for r in records}
    documents = [Document(r["id"], r["text"], r.get("date")) for r in records]
    for result in engine.results(documents):
        name = section(by_id[result.document.id])
        counts[name]["articles"] += 1
        counts[name]["events"] += len(result.events)
        counts[name]["with_event"] += bool(result.events)
        found += [(result.document.id, e) for e in result.events]
    return counts, found


def table(counts: dict[str, Counter]) -> dict[str, dict]:
    rows = {name: {"articles": c["articles"], "events": c["events"],
                   "articles_with_event": c["with_event"],
                   "events_per_100": per_100(c["events"], c["articles"])}
            for name, c in sorted(counts.items())}
    ordinary = [c for name, c in counts.items() if name not in SERIOUS]
    events, articles = sum(c["events"] for c in ordinary), sum(c["articles"] for c in ordinary)
    rows["non-politics"] = {"articles": articles, "events": events,
                            "events_per_100": per_100(events, articles)}
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--half", choices=HALVES, help="one half only (default: both)")
    parser.add_argument("--limit", type=int, help="first N articles")
    parser.add_argument("--show", type=int, default=0,
                        help="print up to N events of half A (type, rule, sentence)")
    parser.add_argument("--trained", type=Path, help="code with this trained model folder")
    args = parser.parse_args()
    if not args.file.is_file():
        raise SystemExit(f"{args.file} is absent: nothing to measure")
    records = [json.loads(line) for line in args.file.open(encoding="utf-8")
               if line.strip()][:args.limit]
    engine = Engine("acled", trained=args.trained)
    figures = {}
    for which in [args.half] if args.half else HALVES:
        started = time.perf_counter()
        counts, found = measure(engine, [r for r in records if half(r["id"], SALT) == which])
        figures[which] = table(counts)
        figures[which]["seconds"] = round(time.perf_counter() - started, 1)
        if which == "A":
            for doc_id, event in found[:args.show]:
                print(doc_id, event["sub_event_type"], event["cite_info"],
                      repr(event["event_text"][:160]), file=sys.stderr)
    print(json.dumps(figures, indent=1))


if __name__ == "__main__":
    main()
