"""Split a gold set in two halves by a hash of each record's id.

Tune rules on half ``A`` (read its errors), judge a change on half ``B`` (never read), and
report both. The split is stable: it depends only on the id, not on order or file.

    python benchmarks/halves.py ../shared/data/gold/acled-notes.dev.jsonl   # counts per half
    python benchmarks/halves.py --salt s5 FILE.jsonl                        # a fresh split

When the A halves of two splits have both been read, only their B halves' common quarter is
unread. ``--within B --within s5:B`` (in the scripts that take it) keeps that quarter, and a
third salt splits it again: ``--within B --within s5:B --salt s7 --half A`` is the part to read,
``--half B`` the part to judge on.
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


def within(records, constraints):
    """The records lying in every ``HALF`` or ``SALT:HALF`` of ``constraints`` (the halves
    already read elsewhere are ruled out this way)."""
    for constraint in constraints or ():
        salt, _, which = constraint.rpartition(":")
        if which not in HALVES:
            raise ValueError(f"--within {constraint!r}: expected A, B, SALT:A or SALT:B")
        records = in_half(records, which, salt)
    return records


def subset_of(path, args) -> list[dict]:
    """The records of a JSONL gold file in the subset a script's ``--within``, ``--half`` and
    ``--salt`` name."""
    with open(path, encoding="utf-8") as lines:
        records = [json.loads(line) for line in lines]
    return in_half(within(records, args.within), args.half, args.salt)


def add_within(parser) -> None:
    """The ``--within`` option of the scripts that split gold sets."""
    parser.add_argument("--within", action="append", metavar="[SALT:]HALF",
                        help="first keep only this half of another split (repeatable), e.g. "
                             "--within B --within s5:B: the quarter no A half holds")


if __name__ == "__main__":
    names, salt = sys.argv[1:], ""
    if names[:1] == ["--salt"]:
        salt, names = names[1], names[2:]
    for name in names:
        with Path(name).open(encoding="utf-8") as handle:
            counts = Counter(half(json.loads(line)["id"], salt) for line in handle
                             if line.strip())
        print(name, dict(sorted(counts.items())))
