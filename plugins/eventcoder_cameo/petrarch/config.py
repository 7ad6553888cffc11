"""PETRARCH's per-record ``<Config>`` options.

A PETRARCH validation record may set options for itself (``<Config option="require_dyad"
value="false">``); the gold format keeps them in a document's ``meta["config"]``, and a JSONL
input record's ``config`` field lands there too. Of the options PETRARCH reads this way, the
coder has ``require_dyad`` (whether an event needs both a source and a target) and
``new_actor_length``; for that document they replace the codebook's own. The ``comma_*``
options (how long a comma-delimited clause PETRARCH 1 deletes before coding) have no
counterpart in a parse-based coder and are left alone.
"""
from __future__ import annotations

from typing import Any

from eventcoder.errors import InputError, Problem
from eventcoder.model import Document

TRUE, FALSE = {"true", "1", "yes"}, {"false", "0", "no"}


def document_options(document: Document) -> dict[str, Any]:
    """The options a document's ``meta["config"]`` sets, as codebook options; an unreadable
    value is an error located at the document."""
    config = (document.meta or {}).get("config") or {}
    if not isinstance(config, dict):
        raise InputError(_problem(document, "config", "must be an object of option: value"))
    options: dict[str, Any] = {}
    if "require_dyad" in config:
        value = str(config["require_dyad"]).strip().lower()
        if value not in TRUE | FALSE:
            raise InputError(_problem(document, "require_dyad", f"not true or false: {value!r}"))
        # PETRARCH has one switch for both sides: it replaces a codebook's one-sided options
        options.update(require_dyad=value in TRUE, require_actor=value in TRUE,
                       require_recipient=value in TRUE)
    if "new_actor_length" in config:
        value = str(config["new_actor_length"]).strip()
        if not value.isdigit():
            raise InputError(_problem(document, "new_actor_length",
                                      f"not a whole number: {value!r}"))
        options["new_actor_length"] = int(value)
    return options


def _problem(document: Document, option: str, message: str) -> Problem:
    return Problem(message, file=document.origin, field=f"id={document.id}: config.{option}")
