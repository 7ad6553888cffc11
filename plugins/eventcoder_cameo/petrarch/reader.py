"""Line reading shared by the PETRARCH dictionary parsers: comments out, line numbers kept.

PETRARCH files use ``#`` line and end-of-line comments, ``<!-- ... -->`` comments (also over
several lines) and, in actor files, ``;`` remarks after the code. Files are ASCII in
principle; a few real ones carry Latin-1 bytes, so undecodable UTF-8 falls back to Latin-1.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from eventcoder.errors import Problem
from eventcoder.framing import numbered_lines

COMMENT = re.compile(r"<!--.*?-->")


@dataclass(frozen=True)
class Line:
    """One meaningful line: its text without comments, where it came from, its indentation."""

    text: str
    file: str
    number: int
    indented: bool

    def problem(self, message: str) -> Problem:
        return Problem(message, file=self.file, line=self.number)


def read_text(path: Path) -> str:
    data = path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def dictionary_lines(path: Path, *, semicolon_comments: bool = False) -> Iterator[Line]:
    """Non-blank lines of a dictionary file with comments removed."""
    in_comment = False
    for number, raw in numbered_lines(read_text(path)):
        text = raw
        if in_comment:
            if "-->" not in text:
                continue
            text = text[text.index("-->") + 3:]
            in_comment = False
        text = COMMENT.sub(" ", text)
        if "<!--" in text:
            text, in_comment = text[:text.index("<!--")], True
        if "#" in text:
            text = text[:text.index("#")]
        if semicolon_comments and ";" in text:
            text = text[:text.index(";")]
        if text.strip():
            yield Line(text.rstrip(), str(path), number, text[:1] in (" ", "\t"))


def phrase_words(phrase: str) -> tuple[str, ...]:
    """``ARNOR_``, ``MINAS_TIRITH``, ``CARAS GALADHON`` -> lower-case words."""
    return tuple(w for w in re.split(r"[_\s]+", phrase.strip().lower()) if w)


def plural(word: str) -> str:
    """PETRARCH's regular plural: +S, Y -> IES, SS -> ES."""
    if word.endswith("y") and len(word) > 1 and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    if word.endswith(("ss", "sh", "ch", "x")):
        return word + "es"
    return word + "s"
