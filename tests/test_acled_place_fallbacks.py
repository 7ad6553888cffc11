"""ACLED places when nothing named resolves to a province (places/fallbacks.py, the note's
other towns, groups' countries), proved on sentences of tests/cases/acled_place_fallbacks.yaml
(written for eventcoder, several variants per mechanism)."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

CASES = Path(__file__).parent / "cases" / "acled_place_fallbacks.yaml"


def _cases():
    for mechanism in yaml.safe_load(CASES.read_text(encoding="utf-8"))["mechanisms"]:
        for number, case in enumerate(mechanism["cases"]):
            yield pytest.param(case, id=f"{mechanism['name']}-{number}")


@pytest.mark.parametrize("case", list(_cases()))
def test_place_fallback_case(engine_factory, case):
    expected = {k: case[k] for k in ("location", "admin1", "country") if k in case}
    assert expected or case.get("no_admin1"), "a case must assert something"
    events = engine_factory("acled").code_texts([case["text"]])
    assert events, "no event coded"
    place = events[0].get("location") or {}
    assert {k: place.get(k) for k in expected} == expected
    if case.get("no_admin1"):
        assert not place.get("admin1")
