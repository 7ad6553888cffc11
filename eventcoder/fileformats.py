"""Readers (.txt, .jsonl, .csv, .parquet; gzipped too) and writers (jsonl, csv, parquet) of
the built-in formats, with the text decoding and CSV safety (``neutralise``) that the core,
the bench and plugins share. The ``eventcoder.formats`` built-in registers them."""
from __future__ import annotations

import codecs
import csv
import gzip
import io
import itertools
import json
import logging
import re
import zlib
from pathlib import Path
from typing import IO, Any, Iterable, Iterator

# CSV_LINE_END, INERT and neutralise are re-exported: plugins import them from here
from .csvsafe import CSV_LINE_END, INERT, SafeDictWriter, neutralise  # noqa: F401
from .errors import Problem
from .formats import WriteContext
from .frames import flatten
from .model import Document

log = logging.getLogger(__name__)
SURROGATE = re.compile("[\ud800-\udfff]")
CSV_PEEK = 1000  # rows read before the CSV header is fixed (extra metadata columns)


# -- reading ------------------------------------------------------------------------------
# Readers stream: a file is read line by line (or row group by row group), never whole, so
# a corpus of any size costs the memory of one record. A record that cannot be decoded is
# reported with its file and line and the rest of the file is read on.
WIDE_BOMS = ((codecs.BOM_UTF32_LE, "UTF-32"), (codecs.BOM_UTF32_BE, "UTF-32"),
             (codecs.BOM_UTF16_LE, "UTF-16"), (codecs.BOM_UTF16_BE, "UTF-16"))
READ_ERRORS = (OSError, EOFError, zlib.error, UnicodeDecodeError)  # a stream that breaks off


def wide_encoding(head: bytes) -> str | None:
    """"UTF-16" or "UTF-32" when ``head`` starts with that byte-order mark."""
    return next((name for bom, name in WIDE_BOMS if head.startswith(bom)), None)


def open_raw(path: Path) -> IO[bytes]:
    """The file's bytes, decompressed on the fly when its name ends in ``.gz``."""
    return gzip.open(path, "rb") if path.name.lower().endswith(".gz") else open(path, "rb")


def open_binary(path: Path) -> IO[bytes]:
    """The file as UTF-8 bytes for the line readers: a UTF-16 or UTF-32 file (with its
    byte-order mark, as Windows tools write them) is decoded and re-encoded line by line."""
    return as_utf8(open_raw(path))


def as_utf8(stream: IO[bytes]) -> IO[bytes]:
    """``stream`` itself, or its UTF-8 re-encoding when it starts with a UTF-16/32 BOM."""
    if not hasattr(stream, "peek"):  # e.g. an in-memory stream standing in for stdin
        return stream
    try:
        head = stream.peek(4)[:4]
    except (OSError, EOFError, zlib.error):
        head = b""  # the reader meets the same error and reports it with its line
    encoding = wide_encoding(head)
    return _Recoded(stream, encoding) if encoding else stream


class _Recoded:
    """A UTF-16/32 stream seen as UTF-8 lines cut at "\n" (decoding errors raise
    UnicodeDecodeError, which the readers report as where the file breaks off)."""

    def __init__(self, raw: IO[bytes], encoding: str):
        self._text = io.TextIOWrapper(raw, encoding=encoding.lower(), newline="\n")

    def __iter__(self) -> Iterator[bytes]:
        return (line.encode("utf-8", "surrogatepass") for line in self._text)

    def read(self) -> bytes:
        return self._text.read().encode("utf-8", "surrogatepass")

    def __enter__(self) -> "_Recoded":
        return self

    def __exit__(self, *exc) -> None:
        self._text.close()


def decode_text(data: bytes, file: str) -> str | Problem:
    """The text of a whole file: UTF-8 (with or without BOM), or UTF-16/32 with a BOM; else
    a Problem that says what the bytes look like."""
    encoding = wide_encoding(data[:4])
    if encoding:
        try:
            return data.decode(encoding.lower())
        except UnicodeDecodeError as err:
            return Problem(f"not valid {encoding} (the file starts with a {encoding} byte-order "
                           f"mark): {err.reason} at offset {err.start}", file=file)
    if b"\x00" in data[:8192]:
        unmarked = _unmarked_utf16(data[:8192])
        if unmarked:
            return Problem(f"looks like {unmarked} text without a byte-order mark; convert it "
                           f"with iconv -f {unmarked} -t UTF-8", file=file)
        return Problem("binary file (contains NUL bytes), not text", file=file)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        return Problem(f"not UTF-8: byte 0x{data[err.start]:02x} at offset {err.start}; "
                       "convert it with iconv -f <encoding> -t utf-8", file=file, line=line)


def _unmarked_utf16(head: bytes) -> str | None:
    """UTF-16LE or UTF-16BE when (nearly) every other byte is NUL, as in ASCII text
    written as UTF-16 without a byte-order mark."""
    pairs = len(head) // 2
    for name, offset in (("UTF-16LE", 1), ("UTF-16BE", 0)):
        if pairs >= 2 and head[offset::2][:pairs].count(0) >= 0.9 * pairs:
            return name
    return None


def read_text_file(path: Path) -> str | Problem:
    """Text of a (possibly gzipped) file, or a Problem saying why it is not text."""
    try:
        with open_raw(path) as stream:
            data = stream.read()
    except (OSError, EOFError, zlib.error) as err:
        return Problem(getattr(err, "strerror", None) or str(err), file=str(path))
    return decode_text(data, str(path))


def decoded_lines(stream: IO[bytes], file: str) -> Iterator[tuple[int, str | Problem]]:
    """(line number, text) for each line of a binary stream; a Problem for a line that is
    not UTF-8, or for a stream that breaks off (truncated gzip, I/O error, bad UTF-16)."""
    number = 0
    try:
        for number, raw in enumerate(stream, start=1):
            try:
                line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError as err:
                yield number, Problem(f"not UTF-8: byte 0x{raw[err.start]:02x} at column "
                                      f"{err.start + 1}", file=file, line=number)
                continue
            yield number, line
    except READ_ERRORS as err:
        yield number + 1, Problem(f"unreadable after line {number}: {err}", file=file,
                                  line=number + 1)


def read_txt(path: Path) -> Iterator[Document | Problem]:
    text = read_text_file(path)
    if isinstance(text, Problem):
        yield text
    else:
        yield Document(id=text_stem(path), text=text, origin=str(path))


def text_stem(path: Path) -> str:
    """File name without its format suffixes: ``a.txt.gz`` -> ``a``."""
    name = path.name
    for suffix in (".gz", ".parquet", ".jsonl", ".ndjson", ".csv", ".txt"):
        if name.lower().endswith(suffix):
            name = name[: -len(suffix)]
    return name


def _read_with(path: Path, read_stream) -> Iterator[Document | Problem]:
    """Open a (possibly gzipped) file and hand it to a stream reader; report what fails."""
    try:
        stream = open_binary(path)
    except OSError as err:
        yield Problem(err.strerror or str(err), file=str(path))
        return
    with stream:
        yield from read_stream(stream, str(path), text_stem(path))


def read_jsonl(path: Path) -> Iterator[Document | Problem]:
    return _read_with(path, read_jsonl_stream)


def read_jsonl_stream(stream: IO[bytes], file: str, stem: str
                      ) -> Iterator[Document | Problem]:
    for number, line in decoded_lines(stream, file):
        if isinstance(line, Problem):
            yield line
        elif line.strip():
            yield document_from_record(line, file, number, stem)


def document_from_record(line: str, file: str, number: int, stem: str | None = None
                         ) -> Document | Problem:
    """One JSONL record (fields id, text, optional date, source; others kept as metadata)."""
    where = {"file": file, "line": number}
    try:
        record = json.loads(line.rstrip("\r\n"))  # so an error at the end is on this line
    except json.JSONDecodeError as err:
        return Problem(f"invalid JSON: {err.msg} (column {err.colno})", **where)
    if not isinstance(record, dict):
        return Problem("expected a JSON object", **where)
    if "\\ud" in line.lower():  # a \u escape can make a lone surrogate: not valid Unicode
        for key, value in record.items():
            if SURROGATE.search(json.dumps(value, ensure_ascii=False) + key):
                return Problem("holds a lone surrogate (a broken \\ud800-\\udfff escape), "
                               "which is not valid Unicode", field=key, **where)
    text = record.get("text")
    if not isinstance(text, str):
        return Problem("missing or not a string" if text is None else
                       f"expected a string, got {type(text).__name__}", field="text", **where)
    for key in ("date", "source"):
        if record.get(key) is not None and not isinstance(record[key], str):
            return Problem(f"expected a string, got {type(record[key]).__name__}",
                           field=key, **where)
    stem = stem if stem is not None else Path(file).stem
    doc_id = document_id(record.get("id"), f"{stem}-{number}")
    if isinstance(doc_id, Problem):
        return Problem(doc_id.message, field="id", **where)
    reserved = {"id", "text", "date", "source"}
    return Document(id=doc_id, text=text,
                    date=record.get("date"), source=record.get("source"),
                    meta={k: v for k, v in record.items() if k not in reserved},
                    origin=f"{file}:{number}")


def document_id(value: Any, default: str) -> str | Problem:
    """A record's id as text: a string or a whole number; ``default`` when it has none.
    Anything else (an object, a list, true, 1.5) is a Problem: ``str()`` of it would make
    ids such as "{'x': 1}" that no one can look up."""
    if value is None or value == "":
        return default
    if isinstance(value, str):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and (value != value or value.is_integer()):  # Parquet, pandas
        return default if value != value else str(int(value))
    kind = {dict: "an object", list: "a list", bool: "true or false"}.get(type(value),
                                                                         type(value).__name__)
    return Problem(f"expected a string or a whole number, got {kind}")


def read_csv(path: Path) -> Iterator[Document | Problem]:
    return _read_with(path, read_csv_stream)


def read_csv_stream(stream: IO[bytes], file: str, stem: str) -> Iterator[Document | Problem]:
    """Rows of a CSV with a 'text' column; a row spanning a line that is not UTF-8 (or a
    row with more cells than the header) is reported and skipped."""
    bad: dict[int, Problem] = {}

    def lines() -> Iterator[str]:
        for number, raw in enumerate(stream, start=1):
            line = raw.decode("utf-8-sig" if number == 1 else "utf-8", errors="replace")
            if "\ufffd" in line and "\ufffd".encode() not in raw:
                err = _decode_error(raw)
                bad[number] = Problem(f"not UTF-8: byte 0x{raw[err.start]:02x} at column "
                                      f"{err.start + 1}", file=file, line=number)
            yield line  # decoded with replacement, so quoting stays intact for csv

    reader = csv.DictReader(lines())
    if not reader.fieldnames or "text" not in reader.fieldnames:
        yield bad.get(1) or Problem(
            f"no 'text' column (columns: {', '.join(map(repr, reader.fieldnames or []))})",
            file=file, line=1, field="text")
        return
    reserved = {"id", "text", "date", "source"}
    last = reader.line_num
    try:
        for row in reader:
            first, last = last + 1, reader.line_num
            broken = [bad.pop(n) for n in range(first, last + 1) if n in bad]
            if broken:
                yield from broken
                continue
            if None in row:
                yield Problem("more cells than header columns", file=file, line=first)
                continue
            yield Document(id=row.get("id") or f"{stem}-{first}", text=row["text"] or "",
                           date=row.get("date") or None, source=row.get("source") or None,
                           meta={k: v for k, v in row.items() if k not in reserved and v},
                           origin=f"{file}:{first}")
    except csv.Error as err:
        yield Problem(f"malformed CSV: {err}", file=file, line=reader.line_num)
    except READ_ERRORS as err:
        yield Problem(f"unreadable after line {reader.line_num}: {err}", file=file,
                      line=reader.line_num + 1)


def _decode_error(raw: bytes) -> UnicodeDecodeError:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as err:
        return err
    raise ValueError("line decodes as UTF-8")


def read_parquet(path: Path, batch_rows: int = 1024) -> Iterator[Document | Problem]:
    """Rows of a Parquet file with a 'text' column, read a batch at a time; the line of a
    row is its 1-based row number."""
    import pyarrow.parquet as pq
    try:
        table = pq.ParquetFile(path)
    except (OSError, ValueError) as err:  # pyarrow raises ArrowInvalid (a ValueError)
        yield Problem(f"not a readable Parquet file: {err}", file=str(path))
        return
    names = table.schema_arrow.names
    if "text" not in names:
        yield Problem(f"no 'text' column (columns: {', '.join(names)})", file=str(path),
                      field="text")
        return
    stem, number = text_stem(path), 0
    try:
        for batch in table.iter_batches(batch_size=batch_rows):
            for record in batch.to_pylist():
                number += 1
                yield _document_from_row(record, str(path), number, stem)
    except (OSError, ValueError) as err:
        yield Problem(f"unreadable after row {number}: {err}", file=str(path),
                      line=number + 1)


def _document_from_row(record: dict[str, Any], file: str, number: int, stem: str
                       ) -> Document | Problem:
    text = record.get("text")
    if not isinstance(text, str):
        return Problem("missing or not a string" if text is None else
                       f"expected a string, got {type(text).__name__}",
                       file=file, line=number, field="text")
    date = record.get("date")
    doc_id = document_id(record.get("id"), f"{stem}-{number}")
    if isinstance(doc_id, Problem):
        return Problem(doc_id.message, file=file, line=number, field="id")
    reserved = {"id", "text", "date", "source"}
    return Document(
        id=doc_id, text=text, date=str(date)[:10] if date is not None else None,
        source=str(record["source"]) if record.get("source") is not None else None,
        meta={k: v for k, v in record.items() if k not in reserved and v is not None},
        origin=f"{file}:{number}")


# -- writing ------------------------------------------------------------------------------
def write_jsonl(events: Iterable[dict[str, Any]], stream: IO, ctx: WriteContext) -> int:
    count = 0
    for event in events:
        stream.write(json.dumps(event, ensure_ascii=False) + "\n")
        count += 1
    return count


def write_rows(rows: Iterable[dict[str, Any]], stream: IO, columns: list[str],
               safe: bool = True) -> int:
    """Stream flat rows as CSV with a fixed header (extra keys from the first rows added)."""
    rows = iter(rows)
    head = list(itertools.islice(rows, CSV_PEEK))
    columns = list(columns) + [k for row in head for k in row if k not in columns]
    columns = list(dict.fromkeys(columns))
    writer = SafeDictWriter(stream, columns, safe)
    writer.writeheader()
    count = 0
    warned = False
    for row in itertools.chain(head, rows):
        if not warned and any(k not in columns for k in row):
            log.warning("CSV: columns first seen after row %d are left out; use jsonl",
                        CSV_PEEK)
            warned = True
        writer.writerow(row)
        count += 1
    return count


def write_csv(events: Iterable[dict[str, Any]], stream: IO, ctx: WriteContext) -> int:
    return write_rows((flatten(e) for e in events), stream, ctx.columns,
                      ctx.options.get("csv_safe", True))


def write_parquet(events: Iterable[dict[str, Any]], stream: IO, ctx: WriteContext) -> int:
    import pandas as pd
    rows = [flatten(e) for e in events]
    frame = pd.DataFrame(rows, columns=list(dict.fromkeys(
        ctx.columns + [k for r in rows for k in r])))
    frame.to_parquet(stream, index=False)
    return len(rows)
