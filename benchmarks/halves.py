"""Split a gold set in two halves by a hash of each record's id.

Tune rules on half ``A`` (read its errors), judge a change on half ``B`` (never read), and
report both. The split is stable: it depends only on the id, not on order or file.

    python benchmarks/halves.py ../shared/data/gold/acled-notes.dev.jsonl   # counts per half
    python benchmarks/halves.py --salt s5 FILE.jsonl                        # a fresh split
"""
from __future__ import annotations

import hashlib
import json
import sys
from collections import Counter
from pathlib import Path

HALVES = ("A", "B")


def half(record_id: object, salt: str = "") -> str:
    """'A' or 'B' for a record id: the parity of its SHA-1 digest. A ``salt`` splits a set
    that is itself one half of a larger set by the same hash (``news/`` keeps the even ids)."""
    digest = hashlib.sha1((salt + str(record_id)).encode("utf-8")).digest()
    return HALVES[digest[-1] % 2]


def in_half(records, which: str | None, salt: str = ""):
    """The records of one half (all of them when ``which`` is None); a new ``salt`` draws a
    fresh split when both halves of the old one have been read."""
    return [r for r in records if which is None or half(r["id"], salt) == which]


if __name__ == "__main__":
    names, salt = sys.argv[1:], ""
    if names[:1] == ["--salt"]:
        salt, names = names[1], names[2:]
    for name in names:
        with Path(name).open(encoding="utf-8") as handle:
            counts = Counter(half(json.loads(line)["id"], salt) for line in handle
                             if line.strip())
        print(name, dict(sorted(counts.items())))
