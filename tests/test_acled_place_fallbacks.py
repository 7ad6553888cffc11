"""ACLED places when nothing named resolves to a province (places/fallbacks.py, the note's
other towns, groups' countries), proved on sentences of tests/cases/acled_place_fallbacks.yaml
(written for eventcoder, several variants per mechanism)."""
from __future__ import annotations

from pathlib import Path

import pytest
from case_files import mechanism_cases

CASES = Path(__file__).parent / "cases" / "acled_place_fallbacks.yaml"


@pytest.mark.parametrize("case", mechanism_cases(CASES))
def test_place_fallback_case(engine_factory, case):
    expected = {k: case[k] for k in ("location", "admin1", "country") if k in case}
    assert expected or case.get("no_admin1"), "a case must assert something"
    events = engine_factory("acled").code_texts([case["text"]])
    assert events, "no event coded"
    place = events[0].get("location") or {}
    assert {k: place.get(k) for k in expected} == expected
    if case.get("no_admin1"):
        assert not place.get("admin1")


def test_strongholds_are_first_level_units_of_their_country():
    from eventcoder_acled.actors import load_data
    from eventcoder_acled.places.lookup import gazetteer

    gz = gazetteer()
    for entry in load_data()[0]:
        for iso3, province in (entry.get("strongholds") or {}).items():
            unit = gz.resolve_unit(province, iso3, level=1)
            assert unit is not None and unit.kind == "admin1", (entry["name"], province)


def test_groups_schema_locates_a_bad_stronghold():
    import json

    from eventcoder_acled.actors import DATA
    from jsonschema import Draft202012Validator

    from eventcoder.validation import collect

    schema = json.loads((DATA / "groups.schema.json").read_text(encoding="utf-8"))
    data = {"groups": [{"name": "X", "inter": 2, "aliases": ["X"],
                        "strongholds": {"Niger": "Tillaberi"}, "active_in": ["NER"]}]}
    problems = collect(Draft202012Validator(schema), data, "groups.yaml")
    assert [p.field for p in problems] == ["groups[0].strongholds"]
    assert problems[0].file == "groups.yaml"


def test_province_demonyms_name_first_level_units_of_their_country():
    from eventcoder_acled.places.lookup import gazetteer

    gz = gazetteer()
    assert gz.admin1_demonyms, "gazetteer-supplement.yaml lists admin1_demonyms"
    for word, entries in gz.admin1_demonyms.items():
        for iso3, province in entries:
            unit = gz.resolve_unit(province, iso3, level=1)
            assert unit is not None and unit.kind == "admin1", (word, province)


def test_a_province_demonym_of_a_unit_elsewhere_is_a_located_error():
    from eventcoder_acled.places.lookup import gazetteer

    from eventcoder.errors import CodebookError

    with pytest.raises(CodebookError) as raised:
        gazetteer()._check_unit("TCD", "Sindh", "admin1_demonyms", "supplement.yaml")
    problem = raised.value.problems[0]
    assert (problem.file, problem.field) == ("supplement.yaml", "admin1_demonyms.TCD")
    assert "no first-level unit 'Sindh' in TCD" in problem.message
