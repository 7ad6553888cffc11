"""The reader of ACLED's own first-level regions (codebooks/acled/admin1-regions.yaml): bad
entries are refused with located errors. The regions' effect on places is proved on
sentences in tests/cases/acled_places.yaml (``acled-own-regions``)."""
from __future__ import annotations

from importlib.resources import files

import pytest
from eventcoder_acled.places.admin1_regions import read_regions

from eventcoder.errors import CodebookError

SCHEMA = files("eventcoder_codebooks") / "acled" / "admin1-regions.schema.json"
UNITS = {("PSE", "admin1", "Gaza"), ("PSE", "admin1", "Rafah"), ("PSE", "admin1", "Hebron"),
         ("SDN", "location", "Abyei")}


def _read(tmp_path, text: str):
    path = tmp_path / "admin1-regions.yaml"
    path.write_text(text, encoding="utf-8")
    return read_regions(path, SCHEMA, lambda *unit: unit in UNITS, str.casefold)


def test_members_of_each_region(tmp_path):
    members = _read(tmp_path, "regions:\n  PSE:\n    Gaza Strip: {admin1: [Gaza, Rafah]}\n"
                              "  SDN:\n    Abyei: {location: [Abyei]}\n")
    assert [(m.iso3, m.field, m.name, m.region) for m in members] == [
        ("PSE", "admin1", "Gaza", "Gaza Strip"), ("PSE", "admin1", "Rafah", "Gaza Strip"),
        ("SDN", "location", "Abyei", "Abyei")]


@pytest.mark.parametrize("text, field, message", [
    ("regions:\n  PSE:\n    Gaza Strip: {admin1: [Gaza, Gazza]}\n",
     "regions.PSE.Gaza Strip.admin1[1]", "no admin1 'Gazza' in PSE"),
    ("regions:\n  PSE:\n    Gaza Strip: {admin1: [Rafah]}\n    West Bank: {admin1: [Rafah]}\n",
     "regions.PSE.West Bank.admin1[0]", "in both Gaza Strip and West Bank"),
    ("regions:\n  PSE:\n    Gaza Strip: {towns: [Gaza]}\n", "regions.PSE.Gaza Strip",
     "towns"),
    ("regions:\n  Palestine:\n    Gaza Strip: {admin1: [Gaza]}\n", "regions", "Palestine"),
])
def test_bad_entries_are_located(tmp_path, text, field, message):
    with pytest.raises(CodebookError) as raised:
        _read(tmp_path, text)
    problems = raised.value.problems
    assert any(p.field == field and message in p.message for p in problems), problems


def test_validate_reports_a_bad_regions_file(tmp_path, monkeypatch):
    """`eventcoder validate` on a codebook that extends ACLED checks the regions file's
    schema when it loads ACLED, with no gazetteer built."""
    from click.testing import CliRunner

    from eventcoder.cli import cli
    from eventcoder_acled.places import admin1_regions

    book = tmp_path / "mine.codebook.yaml"
    book.write_text("codebook: acled-mine\nversion: '1'\nextends: acled\n", encoding="utf-8")
    assert CliRunner().invoke(cli, ["validate", str(book)]).exit_code == 0
    bad = tmp_path / "admin1-regions.yaml"
    bad.write_text("regions:\n  PSE:\n    Gaza Strip: {towns: [Gaza]}\n", encoding="utf-8")
    monkeypatch.setattr(admin1_regions, "REGIONS_FILE", bad)
    result = CliRunner().invoke(cli, ["validate", str(book)])
    assert result.exit_code == 1, result.output
    assert f"{bad}: regions.PSE.Gaza Strip" in result.output, result.output
