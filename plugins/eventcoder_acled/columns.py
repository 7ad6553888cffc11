"""ACLED's export columns (``codebooks/acled/columns.yaml``): the one list the coder, the
``acled-csv`` writer and the export reader share, with the column groups each needs."""
from __future__ import annotations

from functools import lru_cache
from importlib.resources import files
from typing import Any

from eventcoder import yamlio
from eventcoder.errors import CodebookError, Problem

COLUMNS_FILE = files("eventcoder_codebooks") / "acled" / "columns.yaml"
FORMATS = "date_formats"  # the one list of other things than column names


@lru_cache(maxsize=1)
def table() -> dict[str, Any]:
    """columns.yaml, checked: 31 unique column names, eight inter codes, and column groups
    that name only columns (the gazetteer's ``iso3`` aside)."""
    path = str(COLUMNS_FILE)
    data = yamlio.loads(COLUMNS_FILE.read_text(encoding="utf-8"), path)
    columns = data.get("columns") or []
    problems = []
    if len(columns) != 31 or len(set(columns)) != 31:
        problems.append(Problem(f"expected 31 unique columns, found {len(columns)}",
                                file=path, field="columns"))
    codes = {int(c): text for c, text in (data.get("inter_codes") or {}).items()}
    if sorted(codes) != list(range(1, 9)):
        problems.append(Problem("inter_codes must be 1..8", file=path, field="inter_codes"))
    for group, names in data.items():  # every other list is a group of columns
        if not isinstance(names, list) or group == "columns":
            continue
        if not all(isinstance(n, str) for n in names):
            problems.append(Problem("a list of names is required", file=path, field=group))
        elif group != FORMATS:
            unknown = [n for n in names if n not in columns and n != "iso3"]
            if unknown:
                problems.append(Problem(f"not a column: {unknown}", file=path, field=group))
    if problems:
        raise CodebookError(problems)
    return {**data, "inter_codes": codes}


def columns() -> list[str]:
    return list(table()["columns"])


def group(name: str) -> tuple[str, ...]:
    """A named list of columns.yaml ("integer_columns", "date_formats", ...)."""
    names = table().get(name)
    if not isinstance(names, list):
        raise CodebookError(Problem("a list of names is required", file=str(COLUMNS_FILE),
                                    field=name))
    return tuple(names)


def coded_columns() -> list[str]:
    """The columns each coded event carries as fields."""
    skip = set(group("not_coded"))
    return [c for c in columns() if c not in skip]
