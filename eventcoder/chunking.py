"""Long documents: coded in chunks cut at paragraph or sentence breaks, offsets re-based.

spaCy refuses texts longer than ``nlp.max_length`` and the parser needs about 1 GB per
100,000 characters, so a long text is cut into pieces of at most ``max_chunk_chars``, each
piece is parsed and coded alone, and every character offset, sentence index and event id is
moved back into the original text's frame: the events read as if the text had been parsed
whole (events repeated across pieces are dropped by the same ``model.event_key`` the ``dedupe``
built-in uses within one parse). A text beyond ``max_document_chars`` is not an article (a dump, a log, a book) and is
reported instead of coded.
"""
from __future__ import annotations

import dataclasses
import re
from collections import Counter
from typing import TYPE_CHECKING, Any

from .errors import Problem
from .model import DEFAULT_KEY, event_key

if TYPE_CHECKING:
    from .engine import Engine
    from .model import Document

MAX_CHUNK_CHARS = 100_000
MAX_DOCUMENT_CHARS = 20_000_000
# spaCy's tokenizer is quadratic in a run without spaces that it splits char by char
# ("!!!!", emoji, quotes): 10,000 of them take ~45 s. Longer runs are parsed in pieces.
MAX_RUN_CHARS = 1_000
LONG_RUN = re.compile(r"\S{%d,}" % (MAX_RUN_CHARS + 1))
SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s+")


def split_text(text: str, limit: int) -> list[tuple[int, str]]:
    """(offset, piece) pairs covering ``text``, each piece at most ``limit`` characters.

    A cut falls after the last paragraph break in the second half of the window, else the
    last line break, sentence end or space there, else (one unbroken run) at the limit.
    """
    if limit < 2:
        raise ValueError("chunk limit must be at least 2 characters")
    pieces: list[tuple[int, str]] = []
    start = 0
    run = min(limit, MAX_RUN_CHARS)
    for match in LONG_RUN.finditer(text):  # each long run alone, in pieces of ``run``
        if match.start() > start:
            pieces += _split_at_breaks(text, start, match.start(), limit)
        pieces += [(at, text[at:min(at + run, match.end())])
                   for at in range(match.start(), match.end(), run)]
        start = match.end()
    if start < len(text) or not pieces:
        pieces += _split_at_breaks(text, start, len(text), limit)
    return pieces


def _split_at_breaks(text: str, start: int, end: int, limit: int) -> list[tuple[int, str]]:
    pieces = []
    while end - start > limit:
        window = text[start:start + limit]
        cut = _cut(window)
        pieces.append((start, window[:cut]))
        start += cut
    pieces.append((start, text[start:end]))
    return pieces


# paragraph breaks, then line breaks: "\n" and what scraped pages use for them
BREAKS = (("\n\n", "\u2029"), ("\n", "\u2028", "\u0085", "\x0c", "\x0b", "\r"))


def _cut(window: str) -> int:
    half = len(window) // 2
    for separators in BREAKS:
        found = max(window.rfind(s, half) + len(s) if s in window[half:] else -1
                    for s in separators)
        if found != -1:
            return found
    ends = [m.end() for m in SENTENCE_END.finditer(window, half)]
    if ends:
        return ends[-1]
    found = window.rfind(" ", half)
    return found + 1 if found != -1 else len(window)


def code_long_document(engine: "Engine", document: "Document"
                       ) -> tuple[list[dict[str, Any]], list[Problem]]:
    """Events of a text too long for one parse, or the problem that stopped it."""
    size = len(document.text)
    if size > engine.max_document_chars:
        return [], [Problem(f"document too long: {size} characters (limit "
                            f"{engine.max_document_chars}); split it into articles",
                            file=document.origin, field=f"id={document.id}")]
    limit = min(engine.max_chunk_chars, engine.nlp.max_length)
    key_fields = {c.id: getattr(c, "options", {}).get("dedupe") or DEFAULT_KEY
                  for c in engine.codebooks}
    seen: set[tuple] = set()
    events: list[dict[str, Any]] = []
    numbers: Counter[str] = Counter()
    sentences_before = 0
    for offset, piece in split_text(document.text, limit):
        doc = engine.parse([piece])[0]
        if doc is None:  # nothing in this piece that a codebook codes
            sentences_before += sum(1 for _ in engine.gate.split(piece).sents)
            continue
        for event in engine.code_doc(doc, dataclasses.replace(document, text=piece)):
            codebook = event["cite_info"]["codebook"]
            key = (codebook, *event_key(event, key_fields[codebook]))
            if key in seen:
                continue
            seen.add(key)
            event["id"] = f"{document.id}:{codebook}:{numbers[codebook]}"
            numbers[codebook] += 1
            rebase(event, offset, sentences_before)
            events.append(event)
        sentences_before += sum(1 for _ in doc.sents)
    return events, []


def rebase(event: dict[str, Any], offset: int, sentences_before: int) -> None:
    """Move an event coded from a piece starting at ``offset`` into the whole text's frame."""
    info = event["text_info"]
    info["sentence"] += sentences_before
    for key in ("start", "end", "action_start"):
        if info.get(key) is not None:
            info[key] += offset
    for role in ("actor", "recipient"):
        for participant in event.get(role) or []:
            for key in ("start", "end"):
                if participant.get(key) is not None:
                    participant[key] += offset
