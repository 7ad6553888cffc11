"""Gold records: the JSONL gold format (``schemas/gold.schema.json``), and any format a
plugin reads through the ``read_gold`` hook (the ACLED plugin reads ACLED export CSVs, whose
``notes`` are the texts and whose rows are the events).
"""
from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterator

from jsonschema import Draft202012Validator

from ..fileformats import read_text_file
from ..errors import InputError, Problem
from ..framing import numbered_lines
from ..validation import collect, load_schema

log = logging.getLogger(__name__)


@dataclass
class GoldRecord:
    """One text with the events a correct coder emits (empty + expect_no_event: none)."""

    id: str
    text: str
    events: list[dict[str, Any]]
    date: str | None = None
    source: str | None = None
    expect_no_event: bool = False
    dictionaries: str | None = None
    codebook: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    origin: str | None = None

    @property
    def category(self) -> str | None:
        return self.meta.get("category")


@lru_cache(maxsize=1)
def gold_validator() -> Draft202012Validator:
    return Draft202012Validator(load_schema("gold.schema.json"))


def load_gold(path: str | Path, limit: int | None = None, pm=None) -> list[GoldRecord]:
    """Gold records from a ``.jsonl`` gold file or a file a plugin reads (an ACLED ``.csv``
    export); errors are located."""
    path = Path(path)
    if not path.is_file():
        raise InputError(Problem("no such gold file", file=str(path)))
    records = plugin_gold(path, pm)
    if records is None:
        if path.suffix.lower() == ".csv":
            raise InputError(Problem("a CSV gold file must be in a format a plugin reads "
                                     "(an ACLED export with 'notes' and 'event_type' "
                                     "columns)", file=str(path), line=1))
        records = list(_read_jsonl(path))
    return records[:limit] if limit else records


def plugin_gold(path: str | Path, pm=None) -> list[GoldRecord] | None:
    """The records of a gold file a plugin reads (``read_gold`` hook), else None."""
    if pm is None:
        from ..plugins import make_plugin_manager
        pm = make_plugin_manager()
    return pm.hook.read_gold(path=Path(path))


def _read_jsonl(path: Path) -> Iterator[GoldRecord]:
    text = read_text_file(path)
    if isinstance(text, Problem):
        raise InputError(text)
    problems: list[Problem] = []
    known = set(gold_validator().schema["properties"])
    unknown: dict[str, int] = {}
    for number, line in numbered_lines(text):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            data = json.loads(line)
        except json.JSONDecodeError as err:
            problems.append(Problem(f"invalid JSON: {err.msg} (column {err.colno})",
                                    file=str(path), line=number))
            continue
        found = collect(gold_validator(), data, file=where)
        if isinstance(data, dict):
            for key in data.keys() - known:
                unknown.setdefault(key, number)
        if found:
            problems += found
            continue
        if "text" not in data:
            body = read_text_file(path.parent / data["text_file"])
            if isinstance(body, Problem):
                problems.append(Problem(body.message, file=where, field="text_file"))
                continue
            data["text"] = body
        yield GoldRecord(
            id=data["id"], text=data["text"], events=data["events"], date=data.get("date"),
            source=data.get("source"), expect_no_event=data.get("expect_no_event", False),
            dictionaries=data.get("dictionaries"), codebook=data.get("codebook"),
            meta=data.get("meta", {}), origin=where)
    if problems:
        raise InputError(problems)
    for key, number in unknown.items():  # kept for forward compatibility, but a typo shows
        log.warning("%s:%d: unknown gold field %r is ignored (known: %s)", path, number, key,
                    ", ".join(sorted(known)))
