"""Part of step 1 (mentions): ACLED's own remarks in its notes on where it coded an event: the units after a place
("X (Kalat, Balochistan)"), "(coded as X at geoprecision 2)", "[coded to X]", "(location not
found coded to nearest known location, X, A, B)". A convention of ACLED's notes, which news
text does not have; the wording is data (``parenthesis``, ``coded_remark``,
``precision_remark`` in ``lexicon.yaml``).
"""
from __future__ import annotations

import re

from ..lexicon import pattern, words


def parenthetical(text: str, is_first_level=lambda name: False
                  ) -> tuple[list[str], str | None]:
    """Admin units in "(Kalat, Balochistan)" or "(coded as Sigak, Kech, Balochistan)";
    "(coded as Dera Bugti) (Dera Bugti, Balochistan)" gives both. A lone name in square
    brackets is the name ACLED coded the place by ("Zaroum Darey [Zerma Dare] (Ouallam,
    Tillaberi)"). Acronyms ("(BCL)") are not units unless ``is_first_level`` knows them
    ("(J&K)")."""
    hints: list[str] = []
    coded_as = None
    unit_words, connectors = words("unit_words"), words("connectors")
    for _ in range(2):
        match = pattern("parenthesis").match(text)
        if not match:
            break
        text = text[match.end():]
        inner = match.group(1).strip()
        remark = pattern("coded_remark").match(inner)
        coded = remark is not None
        if coded:
            inner = pattern("precision_remark").sub("", inner[remark.end():])
        parts = []
        for part in inner.split(","):
            named = [w for w in part.split() if w.lower() not in unit_words]
            name = " ".join(named)
            if named and all(w[:1].isupper() or w.lower() in connectors for w in named) and (
                    not any(_acronym(w) for w in named) or is_first_level(name)):
                whole = " ".join(part.split())  # "(Maputo City)", "(Maputo city)": a province
                parts.append(whole if whole != name and whole[:1].isupper()
                             and all(w[:1].isupper() or w.lower() in unit_words
                                     for w in whole.split())
                             and is_first_level(whole) else name)
        if coded and parts:
            coded_as, parts = parts[0], parts[1:]
        elif "[" in match.group(0) and len(parts) == 1 and not is_first_level(parts[0]):
            coded_as, parts, coded = coded_as or parts[0], [], True
        hints = parts or hints
        if not coded:
            break
    return hints, coded_as


def _acronym(word: str) -> bool:
    """"NA", "NGOs", "CPI-Maoist": an organisation's initials (in part), not a unit's name."""
    return any(len(part) > 1 and part.isupper()
               for part in re.split(r"[-/]", word.removesuffix("s")))
