"""Event F1 of the CAMEO gold sets with their PETRARCH dictionaries, per half of the records.

Tune on half ``A`` (``--errors`` prints its misses and extras), judge on half ``B`` (never
read), report both. The three sets and their dictionaries are those of RESULTS.md ("CAMEO
with PETRARCH-format dictionaries").

    python benchmarks/cameo_halves.py --half A [--errors] [--set phoenix]
    python benchmarks/cameo_halves.py --half B
    python benchmarks/cameo_halves.py --salt s5 --half A    # the fresh split of session 5
    python benchmarks/cameo_halves.py --within B --within s5:B --salt s7 --half A   # see halves.py
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

from eventcoder.bench import bench

sys.path.insert(0, str(Path(__file__).resolve().parent))
from halves import add_within, within  # noqa: E402
from halves import half as half_of  # noqa: E402

SHARED = Path(os.environ.get("EVENTCODER_SHARED_DATA",
                             Path(__file__).resolve().parents[1].parent / "shared" / "data"))
SETS = {"petr-unittest": ("cameo-petr-unittest", "petrarch-validate"),
        "ud-validate": ("cameo-ud-validate", "ud-validate-2_02"),
        "phoenix": ("cameo-phoenix-gsr", "phoenix")}


def records_of(name: str, which: str | None, salt: str = "", inside=None) -> list[dict]:
    path = SHARED / "gold" / f"{name}.dev.jsonl"
    with path.open(encoding="utf-8") as handle:
        records = within([json.loads(line) for line in handle if line.strip()], inside)
    return [r for r in records if which is None or half_of(r["id"], salt) == which]


def run(key: str, which: str | None, show_errors: bool, salt: str = "", inside=None) -> dict:
    name, folder = SETS[key]
    records = records_of(name, which, salt, inside)
    with tempfile.TemporaryDirectory() as tmp:
        gold = Path(tmp) / f"{name}.jsonl"
        gold.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
        result = bench([gold], "cameo", dictionaries=str(SHARED / "dictionaries" / folder))
    events = result.main.events
    if show_errors:
        for record in records:
            got = sorted((e["source"], e["target"], e["code"])
                         for e in result.run.events.get(record["id"], []))
            want = sorted((e["source"], e["target"], e["code"]) for e in record["events"])
            if got != want:
                print(f"-- {record['id']}\n   {record['text']}\n   gold {want}\n   got  {got}")
    return {"set": key, "half": which or "all", "salt": salt, "within": inside or [],
            "records": len(records),
            **{k: events[k] for k in ("precision", "recall", "f1", "tp", "fp", "fn")
               if k in events}}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--half", choices=("A", "B"), help="one half of each set (default all)")
    parser.add_argument("--set", choices=sorted(SETS), action="append",
                        help="only these sets (repeatable)")
    parser.add_argument("--salt", default="",
                        help="split by another hash salt (a fresh split; session 5 used s5)")
    add_within(parser)
    parser.add_argument("--errors", action="store_true",
                        help="print records whose events differ from gold (use on half A)")
    args = parser.parse_args()
    for key in args.set or SETS:
        figures = run(key, args.half, args.errors, args.salt, args.within)
        print(json.dumps({k: round(v, 3) if isinstance(v, float) else v
                          for k, v in figures.items()}))


if __name__ == "__main__":
    main()
