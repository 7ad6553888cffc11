"""The ACLED scorer: events aligned on event type and sub-event type; actors, inter codes,
fatalities, date and place compared on aligned pairs (the columns it reads are
``scored_columns`` of ``columns.yaml``). Registered by this plugin's ``register_scorers``;
``case2021`` gold is scored with it too."""
from __future__ import annotations

import unicodedata
from typing import Any

from eventcoder.bench import fields as f
from eventcoder.bench.scorer import FieldCheck, Measure, Scorer

from .columns import group

COORDINATE_TOLERANCE_KM = 25  # as the field benchmark (benchmarks/acled_fields.py) counts


def acled_view(event: dict[str, Any]) -> dict[str, Any]:
    """ACLED export columns from a gold event, an ACLED-plugin event or core fields."""
    view = {name: event.get(name) for name in group("scored_columns")}
    if isinstance(view["location"], dict):  # ACLED-plugin events: name in the core object
        view["location"] = view["location"].get("location")
    place = event.get("location")
    if isinstance(place, dict):  # the core location object, not ACLED's location column
        view["location"] = place.get("location")
        for name in group("scored_place_columns"):
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
