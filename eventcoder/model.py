"""The records that flow through the engine: documents in, candidates, events out.

``Event.to_dict()`` is the contract checked by ``schemas/event.schema.json``; codebooks add
their own top-level fields through ``Event.fields`` and their extension schema.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Span, Token


@dataclass
class Document:
    """One text to code, with what the input said about it."""

    id: str
    text: str
    date: str | None = None
    source: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    origin: str | None = None  # "file:line" the record came from, for error messages


@dataclass
class Participant:
    """An actor or recipient: the text span and, when resolved, its code and sector."""

    text: str
    code: str | None = None
    sector: str | None = None
    start: int | None = None  # character offsets in the document
    end: int | None = None
    rule: str | None = None  # which dictionary entry resolved it

    @classmethod
    def from_span(cls, span: Span, code: str | None = None, sector: str | None = None,
                  rule: str | None = None) -> "Participant":
        return cls(span.text, code, sector, span.start_char, span.end_char, rule)

    def to_dict(self) -> dict[str, Any]:
        data = {"text": self.text, "code": self.code, "sector": self.sector,
                "start": self.start, "end": self.end}
        if self.rule:
            data["rule"] = self.rule
        return data


@dataclass
class Candidate:
    """A predicate with its arguments, proposed before any codebook looks at it.

    ``actors`` are subjects (or passive agents); ``targets`` are direct objects or datives;
    ``preps`` maps a preposition to the objects it governs ("with" -> ["Gondor"]).
    ``report`` is the candidate this one is reported by ("X said Y attacked Z").
    """

    action: Token
    actors: list[Span] = field(default_factory=list)
    targets: list[Span] = field(default_factory=list)
    preps: dict[str, list[Span]] = field(default_factory=dict)
    negated: bool = False
    passive: bool = False
    source: str = "svo"
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def key(self) -> tuple:
        return (self.action.i, tuple((s.start, s.end) for s in self.actors),
                tuple((s.start, s.end) for s in self.targets))


@dataclass
class Event:
    """A coded event. Core fields are PLOVER-style; ``fields`` holds codebook-specific ones."""

    event_code: str
    event_label: str | None
    actor: list[Participant]
    recipient: list[Participant]
    sentence: Span
    rule: str
    action: Token | None = None
    date: str | None = None
    mode: str | None = None
    context: list[str] = field(default_factory=list)
    location: dict[str, Any] | None = None
    size: dict[str, int | None] = field(default_factory=dict)
    negated: bool = False
    fields: dict[str, Any] = field(default_factory=dict)
    id: str | None = None
    provenance: dict[str, Any] = field(default_factory=dict)  # more of why: into cite_info

    def to_dict(self, *, doc_id: str, sentence_index: int, codebook: str, version: str,
                coder: str, source: str | None = None, meta: dict | None = None) -> dict:
        sent = self.sentence
        data: dict[str, Any] = {
            "id": self.id,
            "date": self.date,
            "event_code": self.event_code,
            "event_label": self.event_label,
            "actor": [p.to_dict() for p in self.actor],
            "recipient": [p.to_dict() for p in self.recipient],
            "mode": self.mode,
            "context": list(self.context),
            "location": self.location,
            "size": {"dead": None, "injured": None, "arrested": None, **self.size},
            "negated": self.negated,
            "event_text": sent.text,
            "text_info": {
                "doc_id": doc_id,
                "sentence": sentence_index,
                "start": sent.start_char,
                "end": sent.end_char,
                "action": self.action.text if self.action is not None else None,
                "action_start": self.action.idx if self.action is not None else None,
            },
            "cite_info": {"codebook": codebook, "version": version, "coder": coder,
                          "rule": self.rule, "source": source, **self.provenance},
            "meta": dict(meta or {}),
        }
        data.update(self.fields)
        return data


DEFAULT_KEY = ("event_code", "actor", "recipient")  # what makes an event unique in a document


def event_key(event: Event | dict[str, Any], fields=DEFAULT_KEY) -> tuple:
    """The identity of an event within a document, for an ``Event`` or its ``to_dict()``
    (the same key for both): participants by code, else lower-cased text; other fields
    (core or codebook-specific) by ``repr``."""
    if isinstance(event, dict):
        def value(name):
            return event.get(name)

        def person(p):
            return p.get("code") or (p.get("text") or "").lower()
    else:
        def value(name):
            return getattr(event, name) if hasattr(event, name) else event.fields.get(name)

        def person(p):
            return p.code or p.text.lower()
    return tuple(tuple(person(p) for p in value(name) or ()) if name in ("actor", "recipient")
                 else repr(value(name)) for name in fields)
