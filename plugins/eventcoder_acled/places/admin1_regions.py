"""ACLED's own first-level regions where GeoNames draws others (``admin1-regions.yaml``):
one ACLED region made of several GeoNames provinces (Palestine's Gaza Strip), a GeoNames
province that ACLED splits by its districts (Iraq's Kurdistan Region), a region GeoNames
lacks (Sudan's Abyei area). Read and checked here; the gazetteer (:mod:`.lookup`) writes the
region's name as the admin1 of every location inside it.
"""
from __future__ import annotations

import json
from collections.abc import Callable
from importlib.resources import files
from typing import Any, NamedTuple

from jsonschema import Draft202012Validator

from eventcoder import yamlio
from eventcoder.errors import CodebookError, Problem
from eventcoder.validation import collect

REGIONS_FILE = files("eventcoder_codebooks") / "acled" / "admin1-regions.yaml"
SCHEMA_FILE = files("eventcoder_codebooks") / "acled" / "admin1-regions.schema.json"


class Member(NamedTuple):
    """One unit or town of an ACLED region, as the file names it."""

    iso3: str
    field: str  # the location column it fills: admin1, admin2 (units) or location (a town)
    name: str
    region: str


def load_regions_file(path: Any = None, schema_path: Any = None) -> Any:
    """The file's data (``REGIONS_FILE`` unless ``path``) after its schema, with located
    errors: what ``eventcoder validate`` can check when it loads the codebook, before any
    gazetteer is built."""
    path, schema_path = path or REGIONS_FILE, schema_path or SCHEMA_FILE
    data = yamlio.loads(path.read_text(encoding="utf-8"), str(path))
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    problems = collect(Draft202012Validator(schema), data, str(path))
    if problems:
        raise CodebookError(problems)
    return data


def read_regions(path: Any, schema_path: Any, holds: Callable[[str, str, str], bool],
                 key: Callable[[str], str]) -> list[Member]:
    """The members of every region of the file at ``path``, after its schema and two checks,
    each problem located (file, ``regions.ISO3.Region.field[n]``): the gazetteer ``holds``
    each name as that column's unit (or town) in its country, and no name lies in two
    regions."""
    data = load_regions_file(path, schema_path)
    problems: list[Problem] = []
    members: list[Member] = []
    placed: dict[tuple[str, str, str], str] = {}
    for iso3, regions in data["regions"].items():
        for region, lists in regions.items():
            for column, names in lists.items():
                for n, name in enumerate(names):
                    field = f"regions.{iso3}.{region}.{column}[{n}]"
                    where = (iso3, column, key(name))
                    if not holds(iso3, column, name):
                        problems.append(Problem(f"the gazetteer has no {column} {name!r} in "
                                                f"{iso3}", file=str(path), field=field))
                    elif where in placed:
                        problems.append(Problem(f"{name!r} is in both {placed[where]} and "
                                                f"{region}", file=str(path), field=field))
                    else:
                        placed[where] = region
                        members.append(Member(iso3, column, name, region))
    if problems:
        raise CodebookError(problems)
    return members

