"""JSON lines framed by "\\n" alone, whatever the text inside holds.

``str.splitlines()`` also breaks at U+2028, U+2029, U+0085, U+001C-U+001E, \\v and \\f, which
``json.dumps(..., ensure_ascii=False)`` leaves raw inside strings: a news article holding a
line separator would be cut in two. JSON escapes "\\n" and "\\r" in strings, so "\\n" is the
only safe frame. Every JSONL the project writes and reads back goes through here.
"""
from __future__ import annotations

import json
from typing import Any, Iterator


def dumps_line(record: Any) -> str:
    """One record as a line of JSONL (UTF-8 text kept as it is, "\\n" at the end)."""
    return json.dumps(record, ensure_ascii=False) + "\n"


def lines(text: str) -> list[str]:
    """The lines of ``text`` cut at "\\n" only (a "\\r" before it dropped); no trailing
    empty line for text that ends with "\\n"."""
    parts = text.split("\n")
    if parts and parts[-1] == "":
        parts.pop()
    return [part[:-1] if part.endswith("\r") else part for part in parts]


def numbered_lines(text: str) -> Iterator[tuple[int, str]]:
    """(1-based line number, line) for each line of ``text``, framed as ``lines`` does."""
    return enumerate(lines(text), start=1)


def loads_lines(text: str) -> Iterator[Any]:
    """Each non-blank line of JSONL ``text`` parsed."""
    for line in lines(text):
        if line.strip():
            yield json.loads(line)
