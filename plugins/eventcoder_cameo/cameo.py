"""CAMEO event fields: ``source``, ``target``, ``code``, ``root_code``, ``quad_class``, ``goldstein``.

Every CAMEO coder in eventcoder (the built-in codebook and PETRARCH-format dictionaries) adds
the same top-level fields to its events through :func:`cameo_fields`, so outputs compare
line for line with CAMEO gold records (``{"source": "ARN", "target": "GON", "code": "064"}``).
``---`` is an empty slot; ``---GOV`` an agent with no country.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from typing import Any, Iterable

import pycountry

from eventcoder import yamlio
from eventcoder.errors import CodebookError, Problem

EMPTY = "---"
CODE_PATTERN = re.compile(r"^(0[1-9]|1[0-9]|20)[0-9]{0,2}$")
CODES_FILE = files("eventcoder_codebooks") / "cameo" / "codes.yaml"
# CAMEO country codes that are not ISO 3166-1 alpha-3.
EXTRA_COUNTRIES = {"KSV"}


@dataclass(frozen=True)
class CameoCode:
    code: str
    name: str
    root: str
    quad_class: int
    goldstein: float


class CodeTable:
    """The CAMEO code table (``codebooks/cameo/codes.yaml``): names, quad classes, Goldstein."""

    def __init__(self, codes: Iterable[CameoCode]):
        self.codes = {c.code: c for c in codes}

    @classmethod
    def from_yaml(cls, path=CODES_FILE) -> "CodeTable":
        data = yamlio.load(path)
        return cls(CameoCode(str(row["code"]), row["name"], str(row["root"]),
                             int(row["quad_class"]), float(row["goldstein"]))
                   for row in data["codes"])

    def __contains__(self, code: str) -> bool:
        return code in self.codes

    def __len__(self) -> int:
        return len(self.codes)

    def lookup(self, code: str) -> CameoCode:
        """The entry for ``code``, or for its nearest listed parent (dictionaries may use
        codes finer than CAMEO 1.1b3, e.g. a 4-digit variant of a 3-digit code)."""
        if not CODE_PATTERN.match(code or ""):
            raise CodebookError(Problem(f"{code!r} is not a CAMEO event code "
                                        "(two to four digits, root 01-20)", field="code"))
        for length in range(len(code), 1, -1):
            if code[:length] in self.codes:
                return self.codes[code[:length]]
        raise CodebookError(Problem(f"CAMEO code {code!r}: root {code[:2]} is not in the "
                                    "code table", field="code"))


@lru_cache(maxsize=1)
def default_table() -> CodeTable:
    """The built-in CAMEO 1.1b3 table, read once."""
    return CodeTable.from_yaml()


@lru_cache(maxsize=1)
def country_codes() -> frozenset[str]:
    """CAMEO's country codes: ISO 3166-1 alpha-3 and the few CAMEO adds."""
    return frozenset({c.alpha_3 for c in pycountry.countries} | EXTRA_COUNTRIES)


def slot(code: str | None) -> str:
    """A participant code as a CAMEO slot: ``None``/empty -> ``---``."""
    return code if code else EMPTY


def cameo_fields(code: str, source: str | None, target: str | None,
                 table: CodeTable | None = None) -> dict[str, Any]:
    """The CAMEO top-level fields of one event (validated by codebooks/cameo/event.schema.json)."""
    entry = (table or default_table()).lookup(code)
    return {"source": slot(source), "target": slot(target), "code": code,
            "root_code": code[:2], "quad_class": entry.quad_class,
            "goldstein": entry.goldstein}


def event_fields(event, table: CodeTable | None = None) -> dict[str, Any]:
    """:func:`cameo_fields` for an eventcoder ``Event`` (first actor -> source, first
    recipient -> target; the engine makes one event per actor/recipient pair)."""
    source = event.actor[0].code if event.actor else None
    target = event.recipient[0].code if event.recipient else None
    return cameo_fields(event.event_code, source, target, table)
