"""Turning command-line inputs (files, folders, stdin) into a stream of documents.

Besides reading, this is where what every reader shares is checked: a document's date (a
bad one is that document's located problem, not an "invalid event" later), ids that repeat
(warned with both places; the repeat is coded as ``<id>#2`` so event ids stay unique and
stable), and a run's own outputs inside an input folder (never read back as input).
"""
from __future__ import annotations

import datetime as dt
import logging
import re
import sys
from pathlib import Path
from typing import Callable, Iterable, Iterator

from .fileformats import as_utf8, decode_text, read_csv_stream, read_jsonl_stream
from .errors import Problem
from .formats import InputFormat, input_format_for
from .model import Document

log = logging.getLogger(__name__)
# YYYY, YYYY-MM, YYYY-MM-DD, or an ISO timestamp whose date part is kept
INPUT_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[T ][0-9:.+\-Z ]*)?)?)?$")


def iter_documents(inputs: Iterable[str], formats: dict[str, InputFormat], *,
                   input_format: str | None = None, date: str | None = None,
                   source: str | None = None,
                   on_problem: Callable[[Problem], None]) -> Iterator[Document]:
    """Documents from every input in order; unreadable records go to ``on_problem``."""
    for item in iter_items(inputs, formats, input_format=input_format, date=date,
                           source=source):
        if isinstance(item, Problem):
            on_problem(item)
        else:
            yield item


def iter_items(inputs: Iterable[str], formats: dict[str, InputFormat], *,
               input_format: str | None = None, date: str | None = None,
               source: str | None = None, exclude: Iterable[str] = (),
               ids: "UniqueIds | None" = None) -> Iterator[Document | Problem]:
    """Documents and the Problems of unreadable records, interleaved in input order.

    Streams: files are read lazily, one record at a time, so a runner can cut the stream
    into partitions without holding the corpus in memory. ``exclude`` names the files and
    folders the run writes (output, its ``.parts``, errors file): they are never read.
    """
    excluded = [Path(p).resolve() for p in exclude]
    ids = ids if ids is not None else UniqueIds()
    items = (item for name in inputs for item in _read_one(name, formats, input_format,
                                                           excluded))
    for item in ids.unique(items):
        if isinstance(item, Document):
            if date and not item.date:
                item.date = date
            if source and not item.source:
                item.source = source
            if item.date is not None:
                checked = input_date(item.date)
                if checked is None:
                    yield _located(item, "date", f"{item.date!r} is not a date; expected "
                                   "YYYY-MM-DD (or YYYY-MM, YYYY, an ISO timestamp) "
                                   f"(document {item.id})")
                    continue
                item.date = checked
        yield item


def input_date(value: str) -> str | None:
    """``value`` as YYYY[-MM[-DD]] if it is a real date (a timestamp keeps its date)."""
    found = INPUT_DATE.match(value.strip()) if isinstance(value, str) else None
    if not found:
        return None
    year, month, day = found.groups()
    try:
        dt.date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        return None
    return "-".join(p for p in (year, month, day) if p)


def _located(document: Document, field: str, message: str) -> Problem:
    """A problem at the document's ``file:line`` origin."""
    file, _, line = (document.origin or "").rpartition(":")
    if not line.isdigit():
        file, line = document.origin, ""
    return Problem(message, file=file or None,
                   line=int(line) if line else None, field=field)


class UniqueIds:
    """Makes document ids unique in input order: the n-th repeat of ``g1`` becomes ``g1#n``
    (the same on every run, whatever the partitions or workers), with one warning naming
    both places. Keep one instance per run so a second reading pass does not warn again."""

    def __init__(self, warn: Callable[[Problem], None] | None = None):
        self.warn = warn or (lambda problem: log.warning("%s", problem))
        self._warned: set[str] = set()

    def unique(self, items: Iterable[Document | Problem]) -> Iterator[Document | Problem]:
        first: dict[str, str | None] = {}  # id -> where it was first seen
        for item in items:
            if isinstance(item, Document):
                if item.id in first:
                    original, number = item.id, 2
                    while f"{original}#{number}" in first:
                        number += 1
                    item.id = f"{original}#{number}"
                    self._warn_once(item, original, first[original])
                first[item.id] = item.origin
            yield item

    def _warn_once(self, document: Document, original: str, first_seen: str | None) -> None:
        key = document.origin or document.id
        if key not in self._warned:
            self._warned.add(key)
            self.warn(_located(document, "id", f"duplicate document id {original!r} (first "
                               f"at {first_seen}); coded as {document.id!r} so that event ids "
                               "stay unique"))


def _read_one(name: str, formats: dict[str, InputFormat], forced: str | None,
              excluded: list[Path]) -> Iterator[Document | Problem]:
    if name == "-":
        yield from _read_stdin(forced)
        return
    path = Path(name)
    if _written_by_run(path, excluded):
        yield Problem("is an output of this run (-o, --errors or OUTPUT.parts/); not read "
                      "as input", file=name)
        return
    if path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.is_file()
                       and not _hidden(p, path) and not _written_by_run(p, excluded)
                       and (forced or input_format_for(p, formats)))
        if not files:
            yield Problem("folder holds no readable input files", file=name)
        for file in files:
            yield from _read_one(str(file), formats, forced, excluded)
        return
    if not path.exists():
        yield Problem("no such file", file=name)
        return
    fmt = formats.get(forced) if forced else input_format_for(path, formats)
    if fmt is None:
        known = ", ".join(s for f in formats.values() for s in f.suffixes)
        yield Problem(f"unknown input type; expected one of {known} "
                      "(or pass --input-format)", file=name)
        return
    empty = True
    for item in fmt.read(path):
        empty = False
        yield item
    if empty:  # a scraper that wrote nothing should not pass for a quiet night
        yield Problem("no documents: the file holds no records", file=name)


def _written_by_run(path: Path, excluded: list[Path]) -> bool:
    if not excluded:
        return False
    resolved = path.resolve()
    return any(resolved == out or out in resolved.parents for out in excluded)


def _hidden(file: Path, folder: Path) -> bool:
    """Hidden files and folders inside an input folder (.git, editors' and our own
    temporary files such as ``.out.jsonl.x1y2.tmp``) are not inputs."""
    return any(part.startswith(".") for part in file.relative_to(folder).parts)


def _read_stdin(forced: str | None) -> Iterator[Document | Problem]:
    """stdin as one text, or streamed record by record with ``--input-format jsonl|csv``."""
    if forced in ("jsonl", "csv"):
        read = read_jsonl_stream if forced == "jsonl" else read_csv_stream
        yield from read(as_utf8(sys.stdin.buffer), "<stdin>", "stdin")
        return
    text = decode_text(sys.stdin.buffer.read(), "<stdin>")
    if isinstance(text, Problem):
        yield text
        return
    yield Document(id="stdin", text=text, origin="<stdin>")
