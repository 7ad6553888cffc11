"""Small normalisers shared by scorers: CAMEO codes, ACLED actors/inter codes/dates, distance.

Written as plain functions so codebook plugins can build their own scorers from them.
"""
from __future__ import annotations

import math
import re
from datetime import datetime
from typing import Any

EMPTY_SLOT = "---"
YEAR_SUFFIX = re.compile(r"\s*\((?:\d{4})?\s*-\s*(?:\d{4})?\)\s*")
ACLED_DATE_FORMATS = ("%Y-%m-%d", "%Y%m%d", "%d-%b-%y", "%d %B %Y", "%d-%B-%Y", "%d %b %Y",
                      "%d/%m/%Y", "%Y/%m/%d")
# ACLED actor types as numbers (ACLED codebook, "Actor types" / interaction codes).
ACLED_INTER_NAMES = {
    "state forces": 1, "rebel group": 2, "rebel groups": 2, "political militia": 3,
    "political militias": 3, "identity militia": 4, "identity militias": 4, "rioters": 5,
    "protesters": 6, "civilians": 7, "external/other forces": 8, "external/other force": 8,
}
# CAMEO quad classes by root code (GDELT convention): verbal/material cooperation/conflict.
QUAD_BY_ROOT = {**{f"{r:02d}": "1" for r in range(1, 6)}, **{f"{r:02d}": "2" for r in range(6, 10)},
                **{f"{r:02d}": "3" for r in range(10, 15)},
                **{f"{r:02d}": "4" for r in range(15, 21)}}


# -- CAMEO -----------------------------------------------------------------------------------
def cameo_actor(code: Any) -> str:
    """An actor code with empty slots spelt ``---`` (as in PETRARCH output and the gold)."""
    text = "" if code is None else str(code).strip().upper()
    return text or EMPTY_SLOT


def cameo_code(code: Any) -> str | None:
    if code is None:
        return None
    text = str(code).strip()
    return text.zfill(3) if text.isdigit() and len(text) < 3 else text


def root_code(code: str | None) -> str | None:
    return code[:2] if code and code[:2].isdigit() else None


def quad_class(code: str | None) -> str | None:
    return QUAD_BY_ROOT.get(root_code(code) or "")


def country_part(actor: str | None) -> str | None:
    """The first three letters of a CAMEO actor code (``---`` for an agent without country)."""
    return None if actor is None else actor[:3]


# -- participants of eventcoder events -------------------------------------------------------
def first_code(participants: Any) -> str | None:
    """The code (or, uncoded, the text) of the first participant of an eventcoder event."""
    if isinstance(participants, list) and participants:
        first = participants[0] or {}
        return first.get("code") or first.get("text")
    return None


def codes(participants: Any) -> tuple[str, ...]:
    if not isinstance(participants, list):
        return ()
    return tuple(sorted({str(p.get("code")).upper() for p in participants
                         if isinstance(p, dict) and p.get("code")}))


# -- ACLED -----------------------------------------------------------------------------------
def acled_actor(name: Any, keep_year: bool = True) -> str | None:
    if name is None or (isinstance(name, float) and math.isnan(name)):
        return None
    text = " ".join(str(name).split())
    if not keep_year:
        text = YEAR_SUFFIX.sub(" ", text).strip()
    return text.casefold() or None


def actor_pair(view: dict[str, Any], keep_year: bool = True) -> tuple[str, ...]:
    """actor1 and actor2 as an unordered pair (sorted), blanks left out."""
    names = (acled_actor(view.get("actor1"), keep_year), acled_actor(view.get("actor2"), keep_year))
    return tuple(sorted(n for n in names if n))


def inter_code(value: Any) -> int | None:
    """An ACLED inter code from a number (2) or an actor-type name ("Rebel group")."""
    if value is None or value == "":
        return None
    if isinstance(value, (int, float)) and not (isinstance(value, float) and math.isnan(value)):
        return int(value)
    text = str(value).strip()
    if text.isdigit():
        return int(text)
    return ACLED_INTER_NAMES.get(text.casefold())


def interaction_code(value: Any) -> str | None:
    """An ACLED interaction as two sorted digits: 12, "12", "State forces-Rebel group",
    "Rioters only" (-> "50")."""
    if value is None or value == "":
        return None
    text = str(int(value)) if isinstance(value, (int, float)) else str(value).strip()
    if text.isdigit():
        return "".join(sorted(text.zfill(2))) if len(text) <= 2 else text
    lowered = text.casefold()
    if lowered.endswith(" only"):
        code = ACLED_INTER_NAMES.get(lowered[:-5].strip())
        return None if code is None else f"{code}0"
    parts = [inter_code(p) for p in re.split(r"-(?=[A-Z])", text)]
    if len(parts) != 2 or None in parts:
        return None
    return "".join(sorted(str(p) for p in parts))


def acled_date(value: Any) -> str | None:
    """An ACLED event date in any export layout as YYYY-MM-DD (None if unreadable)."""
    if value is None or value == "":
        return None
    text = str(value).strip()
    for fmt in ACLED_DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date().isoformat()
        except ValueError:
            continue
    return None


def to_float(value: Any) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(number) else number


def distance_km(lat1: Any, lon1: Any, lat2: Any, lon2: Any) -> float | None:
    """Great-circle distance (haversine) in km; None when a coordinate is missing."""
    values = [to_float(v) for v in (lat1, lon1, lat2, lon2)]
    if None in values:
        return None
    p1, l1, p2, l2 = map(math.radians, values)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin((l2 - l1) / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


def candidate_targets(candidate) -> list:
    """Objects and prepositional objects ("clashed with X"): every span that may be a target."""
    return [*candidate.targets, *(span for spans in candidate.preps.values() for span in spans)]
