"""A researcher's own places: the villages of a region that the gazetteer (GeoNames towns of
500+ people) lacks, given by a codebook that ``extends: acled`` as ``places`` (a list in the
codebook file) or ``place_files`` (YAML files with a ``places`` list, or CSV files with a header
row), so that no Python is needed to add them.

Each place has a name, a country (ISO 3166 alpha-3) and an admin1, optionally an admin2, an
admin3, coordinates and other spellings (``aliases``; in a CSV file separated by ``;``). Every
entry is checked against ``places.schema.json`` and against the gazetteer (the country exists,
the admin1 is one of its first-level units, by a name of it exactly: a near spelling might be
another unit); every problem is reported at once, located by file, entry and field. The
admin1 is written as ACLED spells that unit; a place without coordinates takes those of its
admin2 (else its admin1) and ACLED's precision 2.

The places are looked up exactly as the gazetteer's (:func:`.lookup.lookup_form`), while their
codebook codes (:func:`.lookup.using_places`), before the gazetteer's towns of the same name in
the same country.
"""
from __future__ import annotations

import csv
import json
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

from jsonschema import Draft202012Validator

from eventcoder import yamlio
from eventcoder.errors import CodebookError, Problem
from eventcoder.validation import collect

from .lookup import DATA, OwnPlaces, Place, gazetteer, lookup_form

NUMBER_FIELDS = ("latitude", "longitude")
ALIAS_SEPARATOR = ";"  # between a CSV cell's other spellings


@lru_cache(maxsize=1)
def _validator() -> Draft202012Validator:
    return Draft202012Validator(json.loads((DATA / "places.schema.json").read_text("utf-8")))


def load(extension: dict[str, Any], source: str) -> OwnPlaces:
    """The places of an extension (its ``places`` and ``place_files``) by look-up form;
    raises ``CodebookError`` with every problem found, each located."""
    problems: list[Problem] = []
    entries: list[tuple[dict[str, Any], str, str]] = []  # (entry, file, field)
    if "places" in extension:
        entries += _checked({"places": extension["places"]}, source, problems)
    base = Path(source).parent
    for number, name in enumerate(extension.get("place_files") or []):
        path = base / name
        if not path.is_file():
            problems.append(Problem(f"no such file {str(path)!r}", file=source,
                                    field=f"place_files[{number}]"))
            continue
        entries += _checked(_read(path), str(path), problems)
    places: dict[str, list[Place]] = {}
    for entry, file, field in entries:
        place = _place(entry, file, field, problems)
        if place is not None:
            for name in (entry["name"], *(entry.get("aliases") or [])):
                places.setdefault(lookup_form(name), []).append(place)
    if problems:
        raise CodebookError([_at_row(p) if (p.file or "").lower().endswith(".csv") else p
                             for p in problems])
    return MappingProxyType({form: tuple(found) for form, found in places.items()})


def _checked(data: Any, file: str, problems: list[Problem]
             ) -> list[tuple[dict[str, Any], str, str]]:
    """The entries of ``{"places": [...]}`` that the schema accepts, with their locations."""
    found = collect(_validator(), data, file)
    problems += found
    if not isinstance(data, dict) or not isinstance(data.get("places"), list):
        return []
    bad = {p.field.split(".")[0] for p in found if p.field}
    return [(entry, file, f"places[{n}]") for n, entry in enumerate(data["places"])
            if f"places[{n}]" not in bad]


def _at_row(problem: Problem) -> Problem:
    """A problem of a CSV file's entry located by its line: "places[0].admin1" is the
    admin1 column of line 2 (after the header)."""
    entry, _, column = (problem.field or "").partition(".")
    if not entry.startswith("places["):
        return problem
    return Problem(problem.message, file=problem.file, line=int(entry[7:-1]) + 2,
                   field=column or None)


def _read(path: Path) -> Any:
    """A place file's content as ``{"places": [...]}``: YAML as written, CSV rows as
    entries (empty cells left out, coordinates as numbers, aliases split)."""
    if path.suffix.lower() != ".csv":
        return yamlio.load(path)
    with path.open(encoding="utf-8-sig", newline="") as table:
        rows = list(csv.DictReader(table))
    entries = []
    for row in rows:
        entry: dict[str, Any] = {}
        for column, cell in row.items():
            cell = (cell or "").strip() if isinstance(cell, str) else cell
            if column is None or cell in ("", None):
                continue  # a cell past the header, or an empty one
            if column in NUMBER_FIELDS:
                cell = _number(cell)  # the schema reports a cell that is none
            elif column == "aliases":
                cell = [a.strip() for a in cell.split(ALIAS_SEPARATOR) if a.strip()]
            entry[column] = cell
        entries.append(entry)
    return {"places": entries}


def _number(cell: str) -> float | str:
    try:
        return float(cell)
    except ValueError:
        return cell


def _place(entry: dict[str, Any], file: str, field: str, problems: list[Problem]
           ) -> Place | None:
    """The gazetteer record of an entry: its admin1 as ACLED spells the unit, its
    coordinates or its unit's."""
    gz = gazetteer()
    iso3 = entry["country"]
    if iso3 not in gz.country_name:
        problems.append(Problem(f"unknown ISO 3166 alpha-3 country {iso3!r}", file=file,
                                field=f"{field}.country"))
        return None
    province = next(iter(_units(entry["admin1"], iso3, "admin1")), None)
    if province is None:
        problems.append(Problem(
            f"no first-level unit {entry['admin1']!r} in {gz.country_name[iso3]}; its units: "
            f"{', '.join(_first_level_units(iso3))}", file=file, field=f"{field}.admin1"))
        return None
    district = next((unit for unit in _units(entry.get("admin2") or "", iso3, "admin2")
                     if unit.admin1 == province.admin1), None)  # not a namesake elsewhere
    own = "latitude" in entry
    anchor = district if district is not None and district.latitude is not None else province
    return Place(entry["name"], "place", iso3, gz.country_name[iso3], province.admin1,
                 entry.get("admin2"), entry.get("admin3"),
                 entry["latitude"] if own else anchor.latitude,
                 entry["longitude"] if own else anchor.longitude,
                 source=file, approximate=not own)


def _units(name: str, iso3: str, kind: str) -> list[Place]:
    """The country's units of a kind with that name or another of their names, exactly
    (punctuation and accents aside): a near spelling might be another unit."""
    return [p for p in gazetteer().candidates(name, iso3) if p.kind == kind] if name else []


def _first_level_units(iso3: str) -> list[str]:
    gz = gazetteer()
    return sorted({gz.admin1_of(unit) for unit in gz.units.values()
                   if unit.iso3 == iso3 and unit.admin_level == 1})
