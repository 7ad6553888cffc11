"""Built-in benchmark scorers (CAMEO, ACLED, PLOVER, generic) and the ``bench`` and
``compare`` commands.

The codebook-specific scorers live here until the codebook plugins take them over: each is a
plain ``Scorer`` built from ``eventcoder.bench.fields`` helpers, so a plugin can register its
own under the same name (and this one is then left out, see ``register_scorers``).
"""
from __future__ import annotations

import unicodedata
from typing import Any

from ..bench import fields as f
from ..bench.scorer import FieldCheck, Measure, Scorer
from ..hookspecs import hookimpl

# PLOVER 0.5 renamed some event types; gold written with old names is read with the new.
COORDINATE_TOLERANCE_KM = 25  # as the ACLED plugin's field benchmark counts coordinates
PLOVER_RENAMES = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "FIGHT": "ASSAULT",
                  "INVESTIGATE": "ACCUSE"}


# -- CAMEO -----------------------------------------------------------------------------------
def cameo_view(event: dict[str, Any]) -> dict[str, Any]:
    """source/target/code from a gold event, a CAMEO-plugin event or core fields."""
    source = event["source"] if "source" in event else f.first_code(event.get("actor"))
    target = event["target"] if "target" in event else f.first_code(event.get("recipient"))
    code = f.cameo_code(event["code"] if "code" in event else event.get("event_code"))
    source, target = f.cameo_actor(source), f.cameo_actor(target)
    return {"source": source, "target": target, "code": code, "root_code": f.root_code(code),
            "quad_class": f.quad_class(code), "source_country": f.country_part(source),
            "target_country": f.country_part(target)}


def candidate_targets(candidate) -> list:
    """Objects and prepositional objects ("clashed with X"): every span that may be a target."""
    return [*candidate.targets, *(span for spans in candidate.preps.values() for span in spans)]


def cameo_candidates(candidate, resolve) -> list[dict[str, Any]]:
    """Every (source, target) a candidate proposes, resolved with the codebook's actors."""
    sources = [f.cameo_actor(c) for s in candidate.actors for c in resolve(s, "actor")]
    targets = [f.cameo_actor(c) for t in candidate_targets(candidate)
               for c in resolve(t, "recipient")]
    return [{"source": s, "target": t} for s in sources or [f.EMPTY_SLOT]
            for t in targets or [f.EMPTY_SLOT]]


CAMEO = Scorer(
    name="cameo", families=("cameo", "petrarch", "phoenix"), key=("source", "target", "code"),
    view=cameo_view, priority=10,
    fields=tuple(FieldCheck.equal(n) for n in (
        "code", "root_code", "quad_class", "source", "target", "source_country",
        "target_country")),
    label=lambda v: v.get("root_code"), fine_label=lambda v: v.get("code"),
    candidate_view=cameo_candidates, candidate_key=("source", "target"),
    description="CAMEO triples (source, target, code); root code, quad class, countries")


# -- ACLED -----------------------------------------------------------------------------------
ACLED_FIELDS = ("event_type", "sub_event_type", "actor1", "actor2", "inter1", "inter2",
                "interaction", "fatalities", "event_date", "country", "admin1", "admin2",
                "location", "latitude", "longitude")


def acled_view(event: dict[str, Any]) -> dict[str, Any]:
    """ACLED export columns from a gold event, an ACLED-plugin event or core fields."""
    view = {name: event.get(name) for name in ACLED_FIELDS}
    if isinstance(view["location"], dict):  # ACLED-plugin events: name in the core object
        view["location"] = view["location"].get("location")
    place = event.get("location")
    if isinstance(place, dict):  # the core location object, not ACLED's location column
        view["location"] = place.get("location")
        for name in ("country", "admin1", "admin2", "latitude", "longitude"):
            view[name] = view[name] if name in event else place.get(name)
    if view["event_type"] is None and "event_type" not in event:
        label = event.get("event_label") or ""
        kind, _, sub = label.partition(":")
        view["event_type"], view["sub_event_type"] = kind.strip() or None, sub.strip() or None
        view["actor1"] = f.first_code(event.get("actor"))
        view["actor2"] = f.first_code(event.get("recipient"))
        view["fatalities"] = (event.get("size") or {}).get("dead")
        view["event_date"] = event.get("date")
    view["inter1"], view["inter2"] = f.inter_code(view["inter1"]), f.inter_code(view["inter2"])
    view["interaction"] = f.interaction_code(view["interaction"])
    view["event_date"] = f.acled_date(view["event_date"])
    view["fatalities"] = None if view["fatalities"] is None else int(view["fatalities"])
    inter = sorted(c for c in (view["inter1"], view["inter2"]) if c)  # 0: no actor 2
    view["inter_codes"] = tuple(inter) or None
    view["actors"] = f.actor_pair(view) or None
    view["actors_no_year"] = f.actor_pair(view, keep_year=False) or None
    return view


def _fatalities_within_one(pred: dict, gold: dict) -> bool | None:
    if gold.get("fatalities") is None:
        return None
    return pred.get("fatalities") is not None and abs(pred["fatalities"] - gold["fatalities"]) <= 1


def _text(value: Any) -> str | None:
    """Names compared ASCII-folded, case- and space-insensitive ("Balochistān" = "balochistan")."""
    if value is None:
        return None
    folded = unicodedata.normalize("NFKD", str(value)).encode("ascii", "ignore").decode()
    return " ".join(folded.split()).casefold()


def _distance(pred: dict, gold: dict) -> float | None:
    return f.distance_km(pred.get("latitude"), pred.get("longitude"), gold.get("latitude"),
                         gold.get("longitude"))


def _within_25km(pred: dict, gold: dict) -> bool | None:
    if f.to_float(gold.get("latitude")) is None or f.to_float(gold.get("longitude")) is None:
        return None
    distance = _distance(pred, gold)
    return distance is not None and distance <= COORDINATE_TOLERANCE_KM


ACLED = Scorer(
    name="acled", families=("acled", "case2021"), key=("event_type", "sub_event_type"),
    tiebreak=("location", "admin2", "admin1", "event_date", "actors_no_year", "fatalities"),
    view=acled_view, priority=10,
    fields=(
        FieldCheck.equal("event_type", _text), FieldCheck.equal("sub_event_type", _text),
        FieldCheck.equal("actors"), FieldCheck.equal("actors_no_year"),
        FieldCheck.equal("inter_codes"), FieldCheck.equal("interaction"),
        FieldCheck.equal("fatalities"),
        FieldCheck("fatalities_within_1", _fatalities_within_one, ("fatalities",)),
        FieldCheck.equal("event_date"), FieldCheck.equal("admin1", _text),
        FieldCheck.equal("admin2", _text), FieldCheck.equal("location", _text),
        FieldCheck("coordinates_within_25km", _within_25km, ("latitude", "longitude"))),
    measures=(Measure("distance_km", _distance),),
    label=lambda v: v.get("event_type"), fine_label=lambda v: v.get("sub_event_type"),
    description="ACLED event type and sub-event type; actors, inter codes, fatalities, place")


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
    targets = [c for t in candidate_targets(candidate) for c in resolve(t, "recipient")] or [None]
    return [{"actor_code": a, "recipient_code": t} for a in actors for t in targets]


GENERIC = Scorer(
    name="generic", key=("event_code", "actor_code", "recipient_code"), view=generic_view,
    fields=tuple(FieldCheck.equal(n) for n in ("event_code", "actor_code", "recipient_code")),
    candidate_view=generic_candidates, candidate_key=("actor_code", "recipient_code"),
    description="core fields of any codebook: event code, first actor and recipient codes")


@hookimpl(trylast=True)
def register_scorers(register) -> None:
    for scorer in (CAMEO, ACLED, PLOVER, GENERIC):
        register(scorer.name, scorer)


@hookimpl
def register_commands(cli) -> None:
    from ..bench.cli import bench, compare
    cli.add_command(bench)
    cli.add_command(compare)
