"""Coder specs for ``eventcoder compare``: a codebook run live, or a file of another coder's
output (eventcoder JSONL/CSV, gold JSONL, an ACLED export, a PETRARCH event TSV).

Every coder becomes a ``Coding``: events per record id in that coder's own field names, and
the texts when the file carries them (gold, ACLED notes) so live coders can code them too.
"""
from __future__ import annotations

import csv
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Sequence

from ..fileformats import read_text_file
from ..errors import InputError, Problem
from ..framing import loads_lines, numbered_lines
from .gold import GoldRecord, load_gold, plugin_gold

CODEBOOK_SUFFIXES = (".yaml", ".yml")
PETRARCH_SUFFIXES = (".tsv", ".txt", ".evts")
DATE_KEY = "date:"  # record key of PETRARCH events that carry no story id


@dataclass
class Coding:
    """One coder's events by record id; ``family`` is the codebook id they are written in."""

    name: str
    family: str | None
    events: dict[str, list[dict[str, Any]]]
    texts: list[GoldRecord] | None = None  # set when the file carries the texts it coded
    live: bool = False
    seconds: float | None = None
    problems: list[Problem] = field(default_factory=list)


def is_live(spec: str) -> bool:
    path = Path(spec)
    return not path.is_file() or path.suffix.lower() in CODEBOOK_SUFFIXES


def read_coding(spec: str) -> Coding:
    """A file of coded events, recognised by suffix and content."""
    path = Path(spec)
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".ndjson"):
        return _read_jsonl(path)
    if suffix == ".csv":
        records = plugin_gold(path)
        if records is not None:  # an ACLED export: its own coding of its notes
            family = next((r.codebook for r in records if r.codebook), None)
            return Coding(path.name, family, {r.id: r.events for r in records}, records)
        return _read_flat_csv(path)
    if suffix in PETRARCH_SUFFIXES:
        return _read_petrarch(path)
    raise InputError(Problem("not a coder output I can read: expected .jsonl (eventcoder or "
                             "gold), .csv (ACLED export or eventcoder csv) or a PETRARCH "
                             ".tsv/.txt event file", file=spec))


def _read_jsonl(path: Path) -> Coding:
    text = read_text_file(path)
    if isinstance(text, Problem):
        raise InputError(text)
    first = next(loads_lines(text), {})
    if "events" in first and ("text" in first or "text_file" in first):
        records = load_gold(path)
        family = next((r.codebook for r in records if r.codebook), None)
        return Coding(path.name, family, {r.id: r.events for r in records}, records)
    events: dict[str, list[dict[str, Any]]] = {}
    family = None
    for number, line in numbered_lines(text):
        if not line.strip():
            continue
        try:
            event = json.loads(line)
            doc_id = str(event["text_info"]["doc_id"])
        except (json.JSONDecodeError, KeyError, TypeError) as err:
            raise InputError(Problem(f"not an eventcoder event ({type(err).__name__}: {err})",
                                     file=str(path), line=number)) from None
        family = family or (event.get("cite_info") or {}).get("codebook")
        events.setdefault(doc_id, []).append(event)
    return Coding(path.name, family, events)


def _read_flat_csv(path: Path) -> Coding:
    """eventcoder's flat CSV: participants rebuilt from ``actor_code`` etc."""
    with open(path, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    if rows and "text_info_doc_id" not in rows[0]:
        raise InputError(Problem("a CSV coder output needs 'text_info_doc_id' (eventcoder csv) "
                                 "or 'notes' and 'event_type' (ACLED export)", file=str(path),
                                 line=1))
    events: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        event = {k: (v if v != "" else None) for k, v in row.items()}
        for role in ("actor", "recipient"):
            code, text = event.get(f"{role}_code"), event.get(f"{role}_text")
            event[role] = [{"code": code, "text": text}] if code or text else []
        events.setdefault(row["text_info_doc_id"], []).append(event)
    family = next((r.get("cite_info_codebook") for r in rows if r.get("cite_info_codebook")), None)
    return Coding(path.name, family, events)


def _read_petrarch(path: Path) -> Coding:
    """PETRARCH event lines: ``date<TAB>source<TAB>target<TAB>code[<TAB>ids<TAB>...]``.

    ``ids`` (story ids, ';'-separated) say which record each event belongs to; without them
    an event is keyed ``DATE_KEY + date`` and goes to the one text with that date.
    """
    text = read_text_file(path)
    if isinstance(text, Problem):
        raise InputError(text)
    events: dict[str, list[dict[str, Any]]] = {}
    for number, line in numbered_lines(text):
        if not line.strip():
            continue
        cells = [c.strip() for c in line.split("\t")]
        if len(cells) < 4:
            raise InputError(Problem("a PETRARCH event line needs date, source, target and "
                                     "code, tab-separated", file=str(path), line=number))
        date, source, target, code = cells[:4]
        ids = [i.strip() for i in cells[4].split(";") if i.strip()] if len(cells) > 4 else []
        event = {"source": source, "target": target, "code": code, "date": date,
                 "origin": f"{path}:{number}"}
        for doc_id in ids or [DATE_KEY + _iso(date)]:
            events.setdefault(doc_id, []).append(event)
    return Coding(path.name, "cameo", events)


def _iso(date: str) -> str:
    return f"{date[:4]}-{date[4:6]}-{date[6:8]}" if len(date) == 8 and date.isdigit() else date


def read_texts(path: str) -> list[GoldRecord]:
    """Texts to code for live coders: a gold file, an ACLED export, or an input file as
    ``eventcoder code`` reads it (.jsonl, .csv with a ``text`` column, .txt)."""
    source = Path(path)
    if _looks_like_gold(source):
        return load_gold(source)
    records = plugin_gold(source) if source.is_file() else None
    if records is not None:
        return records
    from ..fileformats import read_csv, read_jsonl, read_txt
    reader = {".txt": read_txt, ".csv": read_csv}.get(source.suffix.lower(), read_jsonl)
    records = []
    for item in reader(source):
        if isinstance(item, Problem):
            raise InputError(item)
        records.append(GoldRecord(item.id, item.text, [], item.date, item.source,
                                  meta=item.meta, origin=item.origin))
    return records


def _looks_like_gold(path: Path) -> bool:
    if path.suffix.lower() not in (".jsonl", ".ndjson"):
        return False
    with open(path, encoding="utf-8-sig") as handle:
        for line in handle:
            if line.strip():
                return "events" in json.loads(line)
    return False


def texts_for(codings: Sequence[Coding], texts: str | None) -> list[GoldRecord] | None:
    """The texts live coders code: ``--texts``, else the first file that carries texts."""
    if texts:
        return read_texts(texts)
    return next((c.texts for c in codings if c.texts is not None), None)
