"""Every hook a plugin can implement. Call hooks with keyword arguments only.

Built-in behaviour (YAML codebooks, output formats, candidate extraction, actor resolution,
de-duplication) is written as plugins implementing these same hooks; see
``eventcoder.builtins`` and ``docs/plugin-hooks.md``.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable

import pluggy

if TYPE_CHECKING:
    from pathlib import Path

    import click
    from spacy.language import Language
    from spacy.tokens import Doc, Span

    from .bench.gold import GoldRecord
    from .codebook import Codebook
    from .formats import InputFormat, OutputFormat
    from .model import Candidate, Event, Participant
    from .registry import CodebookRegistry

hookspec = pluggy.HookspecMarker("eventcoder")
hookimpl = pluggy.HookimplMarker("eventcoder")


@hookspec
def register_codebooks(register: Callable[["Codebook"], None]) -> None:
    """Add named codebooks by calling ``register(codebook)``.

    Codebooks may be registered lazily: ``register`` also accepts a ``CodebookRef`` (id,
    version, loader) so listing codebooks does not load every dictionary. Duplicate ids are
    an error naming both plugins.
    """


@hookspec(firstresult=True)
def load_codebook(path: "Path", registry: "CodebookRegistry") -> "Codebook | None":
    """Load a codebook from a file the user named (``--codebook path``).

    Stops at the first non-None result; return None for files you do not understand.
    ``registry.get(id)`` finds the codebook a file ``extends``.
    Built-in: ``*.yaml``/``*.yml`` codebook files.
    """


@hookspec
def register_output_formats(register: Callable[["OutputFormat"], None]) -> None:
    """Add output formats by calling ``register(OutputFormat(name, suffix, write, ...))``.

    Built-ins: ``jsonl``, ``csv``, ``parquet``; the ACLED plugin adds ``acled-csv``.
    """


@hookspec
def register_input_formats(register: Callable[["InputFormat"], None]) -> None:
    """Add input readers by calling ``register(InputFormat(name, suffixes, read))``.

    ``read(path)`` yields ``Document`` or ``Problem`` objects, so one bad record is reported
    and the rest are read. Built-ins: ``.txt``, ``.jsonl``, ``.csv``.
    """


@hookspec
def register_scorers(register: Callable[[str, Callable[..., Any]], None]) -> None:
    """Add benchmark scorers by calling ``register(name, scorer)``; see ``eventcoder.bench``.

    ``scorer`` is an ``eventcoder.bench.Scorer``: ``name``; ``families`` of codebook ids it
    ``applies_to`` (empty: any codebook); ``key`` fields that define event identity (events
    are aligned per record by maximising agreeing key fields; a pair agreeing on all is a true
    positive); ``view(event)`` turning a gold or predicted event dict into a flat dict;
    ``fields`` (``FieldCheck``) and ``measures`` scored per gold event against its
    best-matching predicted event; ``label`` /
    ``fine_label`` for the confusion matrix and per-label breakdown; optional
    ``candidate_view`` for candidate recall; ``priority`` (highest applicable scorer is the
    main one). Registering a built-in's name ("cameo", "acled", "plover") replaces it.
    """


@hookspec(firstresult=True)
def read_gold(path: "Path") -> "list[GoldRecord] | None":
    """Read a gold file in a format of your own as ``eventcoder.bench.GoldRecord`` objects,
    or return None when the file is not one of yours.

    Stops at the first non-None result; the built-in gold JSONL reader runs when none claims
    the file. The ACLED plugin reads ACLED export CSVs (``notes`` is the text). Raise
    ``InputError`` with located problems for a file that is yours but broken.
    """


@hookspec
def register_commands(cli: "click.Group") -> None:
    """Add subcommands to the ``eventcoder`` command line (``@cli.command()``)."""


@hookspec
def prepare_nlp(nlp: "Language", codebooks: list["Codebook"]) -> None:
    """Add or configure pipes on the spaCy pipeline before any text is parsed. Mutate ``nlp``."""


@hookspec
def extract_candidates(sent: "Span", doc: "Doc") -> list["Candidate"]:
    """Propose predicate/argument candidates for one sentence.

    Results of all implementations are concatenated; the engine drops duplicates (same action
    token, actors and targets). Built-in: subject/verb/object from the dependency parse.
    """


@hookspec(firstresult=True)
def resolve_actor(span: "Span", role: str, codebook: "Codebook") -> "Participant | None":
    """Resolve an argument span (``role`` is "actor" or "recipient") to a coded participant.

    Stops at the first non-None result. The built-in resolver runs last and looks the span up
    in the codebook's actor dictionary; plug a custom dictionary or database in front of it.
    """


@hookspec(firstresult=True)
def resolve_location(name: str, country: str | None, doc: "Doc", codebook: "Codebook"
                     ) -> dict[str, Any] | None:
    """Geocode a place name (optionally within a country name or ISO code).

    Stops at the first non-None result. Return a dict with at least ``location``, ``country``,
    ``admin1``, ``admin2``, ``latitude``, ``longitude`` and ``geo_precision``.
    """


@hookspec
def modify_events(events: list["Event"], doc: "Doc", codebook: "Codebook") -> None:
    """Filter, merge, reorder or enrich one document's events in place; return value ignored.

    Runs once per document and codebook, after coding and before schema validation. The
    built-in de-duplication is ``trylast``.
    """
