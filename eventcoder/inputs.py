"""Turning command-line inputs (files, folders, stdin) into a stream of documents."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Callable, Iterable, Iterator

from .fileformats import read_csv_stream, read_jsonl_stream
from .errors import Problem
from .formats import InputFormat, input_format_for
from .model import Document


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
               source: str | None = None) -> Iterator[Document | Problem]:
    """Documents and the Problems of unreadable records, interleaved in input order.

    Streams: files are read lazily, one record at a time, so a runner can cut the stream
    into partitions without holding the corpus in memory.
    """
    for name in inputs:
        for item in _read_one(name, formats, input_format):
            if isinstance(item, Document):
                if date and not item.date:
                    item.date = date
                if source and not item.source:
                    item.source = source
            yield item


def _read_one(name: str, formats: dict[str, InputFormat], forced: str | None
              ) -> Iterator[Document | Problem]:
    if name == "-":
        yield from _read_stdin(forced)
        return
    path = Path(name)
    if path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.is_file()
                       and (forced or input_format_for(p, formats)))
        if not files:
            yield Problem("folder holds no readable input files", file=name)
        for file in files:
            yield from _read_one(str(file), formats, forced)
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


def _read_stdin(forced: str | None) -> Iterator[Document | Problem]:
    """stdin as one text, or streamed record by record with ``--input-format jsonl|csv``."""
    if forced == "jsonl":
        yield from read_jsonl_stream(sys.stdin.buffer, "<stdin>", "stdin")
        return
    if forced == "csv":
        yield from read_csv_stream(sys.stdin.buffer, "<stdin>", "stdin")
        return
    data = sys.stdin.buffer.read()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        yield Problem(f"not UTF-8: byte 0x{data[err.start]:02x} at offset {err.start}",
                      file="<stdin>")
        return
    yield Document(id="stdin", text=text, origin="<stdin>")
