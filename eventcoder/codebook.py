"""Codebooks: the base class every codebook implements, and lazy references to them."""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable

from jsonschema import Draft202012Validator

from .validation import event_validator

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span

    from .engine import CodingContext
    from .gate import GateSpec
    from .model import Candidate, Event

# Column order for flat outputs (CSV): core fields first, then the codebook's own.
CORE_COLUMNS = [
    "id", "date", "event_code", "event_label",
    "actor_text", "actor_code", "actor_sector", "recipient_text", "recipient_code",
    "recipient_sector", "mode", "context", "location_location", "location_country",
    "location_admin1", "location_admin2", "location_latitude", "location_longitude",
    "size_dead", "size_injured", "size_arrested", "negated", "event_text",
    "text_info_doc_id", "text_info_sentence", "text_info_start", "text_info_end",
    "text_info_action", "cite_info_codebook", "cite_info_version", "cite_info_rule",
    "cite_info_source",
]


class Codebook:
    """What the engine needs from a codebook. Subclass it, or use ``RuleCodebook`` (YAML).

    ``code`` gets one parsed document with its sentences and candidates, and returns events.
    ``schema`` is an extension of the core event schema (None: core only).
    """

    id: str = ""
    version: str = ""
    label: str = ""
    description: str = ""
    coder: str = "eventcoder"
    schema: dict[str, Any] | None = None
    columns: list[str] = []  # codebook-specific flat columns, appended to CORE_COLUMNS
    plugin: str | None = None  # set by the registry
    source: str | None = None  # file it was loaded from, if any
    gate: "GateSpec | None" = None  # what a sentence needs before a full parse (gate.py)
    reads_candidates: bool = True  # False: ``code`` ignores candidates, none are extracted
    # True: entities are read as the parse left them; entities.ON_DEMAND: only through
    # entities.entity_type / ensure_entities, so the NER may run only where asked
    reads_entities: bool | str = True
    _validator: Draft202012Validator | None = None

    def prepare(self, nlp: "Language") -> None:
        """Compile matchers against ``nlp``'s vocabulary. Called once per engine."""

    def gate_phrases(self, name: str) -> list[str] | None:
        """A phrase list of this codebook by name, for its gate file's ``from`` (None: no
        such list)."""
        return None

    def code(self, doc: "Doc", sentences: list[tuple[int, "Span", list["Candidate"]]],
             ctx: "CodingContext") -> list["Event"]:
        raise NotImplementedError

    def contents(self) -> dict[str, int]:
        """What ``eventcoder validate`` reports the codebook holds: counts by kind."""
        actors = getattr(getattr(self, "actors", None), "entries", [])
        return {"event codes": len(getattr(self, "rules", [])), "actor entries": len(actors)}

    @property
    def validator(self) -> Draft202012Validator:
        if self._validator is None:
            self._validator = event_validator(self.schema)
        return self._validator

    def flat_columns(self) -> list[str]:
        return CORE_COLUMNS + [c for c in self.columns if c not in CORE_COLUMNS]

    def with_dictionaries(self, path: str) -> "Codebook":
        """A copy of this codebook that reads PETRARCH-format dictionaries from folder ``path``
        (``eventcoder bench --dictionaries DIR``). Codebooks that support it override this."""
        from .errors import CodebookError, Problem
        raise CodebookError(Problem(f"codebook {self.id!r} does not take PETRARCH dictionaries "
                                    "(--dictionaries)", file=str(path)))


@dataclass
class CodebookRef:
    """A codebook registered by name and loaded on first use (keeps ``codebooks`` fast).

    ``load`` takes no argument, or with ``lookup=True`` the registry's ``get`` (to find the
    codebook a file ``extends`` or crosswalks from). A ``fallback`` ref (a data codebook
    shipped as a file) gives way to a plugin that registers the same id.
    """

    id: str
    version: str
    load: Callable[..., Codebook]
    label: str = ""
    plugin: str | None = None
    lookup: bool = False
    fallback: bool = False
