"""PETRARCH's per-record ``<Config>`` options.

A PETRARCH validation record may set options for itself (``<Config option="require_dyad"
value="false">``); the gold format keeps them in a document's ``meta["config"]``, and a JSONL
input record's ``config`` field lands there too. Of the options PETRARCH reads this way,
``new_actor_length`` replaces the codebook's own for that document. ``require_dyad`` is not
read per document: records that turn it off would code targetless acts ("a senior official
said") that gold written with UniversalPetrarch leaves out (measured: UD-PETR dev A .838 ->
.809), and the ``comma_*`` options (how long a comma-delimited clause PETRARCH 1 deletes
before coding) have no counterpart in a parse-based coder.
"""
from __future__ import annotations

from typing import Any

from eventcoder.errors import InputError, Problem
from eventcoder.model import Document


def document_options(document: Document) -> dict[str, Any]:
    """The options a document's ``meta["config"]`` sets, as codebook options; an unreadable
    value is an error located at the document."""
    config = (document.meta or {}).get("config") or {}
    if not isinstance(config, dict):
        raise InputError(_problem(document, "config", "must be an object of option: value"))
    options: dict[str, Any] = {}
    if "new_actor_length" in config:
        value = str(config["new_actor_length"]).strip()
        if not value.isdigit():
            raise InputError(_problem(document, "new_actor_length",
                                      f"not a whole number: {value!r}"))
        options["new_actor_length"] = int(value)
    return options


def _problem(document: Document, option: str, message: str) -> Problem:
    return Problem(message, file=document.origin, field=f"id={document.id}: config.{option}")
