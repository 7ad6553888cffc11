"""Step 5 of finding places, fallbacks: the province of an event when nothing the note names
resolves to one. A village outside GeoNames' cities500 ("ISGS militants abducted a herder
in Dabrakoura") keeps its name and country, and takes the one first-level unit where the
armed groups the event names are active in that country (``strongholds`` in ``groups.yaml``),
at ACLED's precision for "only the province is known" (3). A group active in several
provinces of the country, or groups that disagree, leave the place as it was.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .lookup import gazetteer

if TYPE_CHECKING:
    from ..actors import Mention


def in_stronghold(location: dict[str, Any] | None, mentions: list[Mention],
                  country: str | None) -> dict[str, Any] | None:
    """``location`` with the province of the groups named in ``mentions`` when it has none
    (an event with no place at all takes the province itself); ``country`` (ISO3) when the
    location names none."""
    if location is not None and location.get("admin1"):
        return location
    iso3 = (location or {}).get("iso3") or country
    provinces = {province for m in mentions if m.kind == "group" for g in m.groups
                 for held, province in g.strongholds if held == iso3}
    if iso3 is None or len(provinces) != 1:
        return location
    gz = gazetteer()
    unit = gz.resolve_unit(next(iter(provinces)), iso3, level=1)
    if unit is None or unit.kind != "admin1":
        return location
    name = (location or {}).get("location") or unit.admin1
    return {**gz.fields(unit, 3, location=name), "admin2": None, "admin3": None}
