"""Scorers for the data codebooks shipped with eventcoder: PLOVER, and a generic one for
any codebook. Codebook plugins register their own (``eventcoder_cameo.scoring``,
``eventcoder_acled.scoring``); each is a plain ``Scorer`` built from ``fields`` helpers."""
from __future__ import annotations

from typing import Any

from . import fields as f
from .scorer import FieldCheck, Scorer

# PLOVER 0.5 renamed some event types; gold written with old names is read with the new.
PLOVER_RENAMES = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "FIGHT": "ASSAULT",
                  "INVESTIGATE": "ACCUSE"}


# -- PLOVER ----------------------------------------------------------------------------------
def plover_event(value: Any) -> str | None:
    if not value:
        return None
    name = str(value).strip().upper()
    return PLOVER_RENAMES.get(name, name)


def plover_view(event: dict[str, Any]) -> dict[str, Any]:
    context = event.get("context")
    context = [context] if isinstance(context, str) else (context or [])
    return {"event": plover_event(event.get("event") or event.get("event_code")),
            "actor_codes": f.codes(event.get("actor")) or None,
            "recipient_codes": f.codes(event.get("recipient")) or None,
            "mode": event.get("mode") or None,  # gold writes "" for "no mode"
            "context": tuple(sorted(str(c).casefold() for c in context)) or None}


PLOVER = Scorer(
    name="plover", families=("plover",), key=("event",), view=plover_view, priority=10,
    fields=(FieldCheck.equal("event"), FieldCheck.equal("actor_codes"),
            FieldCheck.equal("recipient_codes"), FieldCheck.equal("mode"),
            FieldCheck.equal("context")),
    description="PLOVER event type (old names mapped), actor/recipient codes, mode, context")


# -- any codebook ----------------------------------------------------------------------------
def generic_view(event: dict[str, Any]) -> dict[str, Any]:
    """Core fields (``event_code``, ``actor``, ``recipient``) or flat ``actor_code`` etc."""
    return {"event_code": event.get("event_code") or event.get("code"),
            "actor_code": event.get("actor_code") or f.first_code(event.get("actor")),
            "recipient_code": event.get("recipient_code") or f.first_code(event.get("recipient"))}


def generic_candidates(candidate, resolve) -> list[dict[str, Any]]:
    actors = [c for s in candidate.actors for c in resolve(s, "actor")] or [None]
    targets = [c for t in f.candidate_targets(candidate) for c in resolve(t, "recipient")] or [None]
    return [{"actor_code": a, "recipient_code": t} for a in actors for t in targets]


GENERIC = Scorer(
    name="generic", key=("event_code", "actor_code", "recipient_code"), view=generic_view,
    fields=tuple(FieldCheck.equal(n) for n in ("event_code", "actor_code", "recipient_code")),
    candidate_view=generic_candidates, candidate_key=("actor_code", "recipient_code"),
    description="core fields of any codebook: event code, first actor and recipient codes")
