"""The built-in input and output formats (readers and writers in ``eventcoder.fileformats``)."""
from __future__ import annotations

from ..fileformats import (read_csv, read_jsonl, read_parquet, read_txt, write_csv, write_jsonl,
                           write_parquet)
from ..formats import InputFormat, OutputFormat
from ..hookspecs import hookimpl


@hookimpl
def register_input_formats(register) -> None:
    register(InputFormat("txt", (".txt", ".txt.gz"), read_txt, "one article per file"))
    register(InputFormat("jsonl", (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz"), read_jsonl,
                         "one JSON object per line: id, text, optional date, source"))
    register(InputFormat("csv", (".csv", ".csv.gz"), read_csv,
                         "a 'text' column; id, date, source optional; others kept as metadata"))
    register(InputFormat("parquet", (".parquet",), read_parquet,
                         "a 'text' column; id, date, source optional; read by row group"))


@hookimpl
def register_output_formats(register) -> None:
    register(OutputFormat("jsonl", ".jsonl", write_jsonl,
                          description="one event per line, nested, lossless (default)"))
    register(OutputFormat("csv", ".csv", write_csv,
                          description="one event per row, flat columns"))
    register(OutputFormat("parquet", ".parquet", write_parquet, binary=True, streams=False,
                          description="flat columns in Apache Parquet (needs -o FILE)"))
