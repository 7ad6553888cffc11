"""The ACLED relevance stage's mechanisms on our own sentences (tests/cases/acled_relevance*.yaml):
for each kind of irrelevant or unreal use, variants that must yield nothing beside literal
variants that must still be coded, with the reason they were kept in their provenance."""
from __future__ import annotations

from pathlib import Path

import pytest

from eventcoder import yamlio

CASES = sorted((Path(__file__).parent / "cases").glob("acled_relevance*.yaml"))


def _mechanisms() -> dict[str, list]:
    return {mechanism: cases for path in CASES
            for mechanism, cases in yamlio.load(path)["mechanisms"].items()}


def _cases() -> list:
    return [pytest.param(case, id=f"{mechanism}[{number}]")
            for mechanism, cases in _mechanisms().items()
            for number, case in enumerate(cases)]


@pytest.fixture(scope="module")
def acled(engine_factory):
    return engine_factory("acled")


def test_every_mechanism_has_both_kinds_of_variant():
    assert len(CASES) >= 2
    for mechanism, cases in _mechanisms().items():
        assert sum(bool(c.get("none")) for c in cases) >= 2, mechanism


@pytest.mark.parametrize("case", _cases())
def test_relevance_case(acled, case):
    events = acled.code_texts([case["text"]], date=case.get("date", "2024-05-01"))
    if case.get("none"):
        assert events == [], [(e["sub_event_type"], e["cite_info"]["relevance"]) for e in events]
        return
    found = {(e["event_type"], e["sub_event_type"]) for e in events}
    expected = {tuple(pair) for pair in case["events"]}
    if case.get("any"):
        assert found & expected, found
    else:
        assert expected <= found, found
    for event in events:
        relevance = event["cite_info"]["relevance"]
        assert relevance["rule"] and relevance["says"] and relevance["cues"]
