"""A researcher's own places in a codebook that ``extends: acled`` (``places``, ``place_files``):
checked with located errors, looked up like the gazetteer's and before them while that
codebook codes, never for the built-in one. The places here are made up for the tests."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from eventcoder.cli import cli
from eventcoder.errors import CodebookError
from eventcoder_acled.places import place_list
from eventcoder_acled.places.lookup import gazetteer, using_places

HEAD = "codebook: acled-villages\nversion: '1'\nextends: acled\n"
CSV = ("name,country,admin1,admin2,latitude,longitude,aliases\n"
       "Mbatoa Ndiki,COD,Nord-Kivu,Lubero,-0.31,29.21,Mbatoa-Ndiki;Mbatowa\n"
       "Kilimo Juu,KEN,Mandera,Mandera East,,,\n")


def write(folder: Path, text: str, name: str = "villages.codebook.yaml") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def loaded(folder: Path, extension: dict) -> dict:
    return place_list.load(extension, str(folder / "villages.codebook.yaml"))


def test_places_in_the_codebook_and_in_files(tmp_path):
    write(tmp_path, CSV, "villages.csv")
    write(tmp_path, "places:\n  - {name: Wuro Sabbe, country: NER, admin1: Tillaberi}\n",
          "more.yaml")
    places = loaded(tmp_path, {
        "places": [{"name": "Ngonda Gare", "country": "CMR", "admin1": "Extreme-Nord",
                    "admin2": "Mayo-Sava", "latitude": 11.05, "longitude": 14.2}],
        "place_files": ["villages.csv", "more.yaml"]})
    assert set(places) == {"ngonda gare", "mbatoa ndiki", "mbatowa", "kilimo juu", "wuro sabbe"}
    village = places["mbatowa"][0]  # an alias finds the place, named as the list names it
    assert (village.name, village.admin1, village.admin2, village.latitude) == \
        ("Mbatoa Ndiki", "Nord-Kivu", "Lubero", -0.31)
    assert not village.approximate and village.source.endswith("villages.csv")
    ngonda = places["ngonda gare"][0]
    assert (ngonda.admin1, ngonda.latitude, ngonda.approximate) == ("Extreme-Nord", 11.05, False)


def test_a_place_without_coordinates_takes_its_units(tmp_path):
    """ACLED codes a village's admin1 even when it cannot place the village: the list's
    place takes its district's coordinates (else its province's), at precision 2."""
    gz = gazetteer()
    village = loaded(tmp_path, {"places": [
        {"name": "Mbatowa", "country": "COD", "admin1": "Nord-Kivu", "admin2": "Lubero"}]}
    )["mbatowa"][0]
    district = gz.resolve_unit("Lubero", "COD", ["Nord-Kivu"], level=2)
    assert village.approximate and (village.latitude, village.longitude) == \
        (district.latitude, district.longitude)
    kilimo = loaded(tmp_path, {"places": [  # an admin2 the gazetteer lacks: the province's
        {"name": "Kilimo Juu", "country": "KEN", "admin1": "Mandera", "admin2": "Mandera East"}]}
    )["kilimo juu"][0]
    province = gz.resolve_unit("Mandera", "KEN", level=1)
    assert kilimo.approximate and (kilimo.latitude, kilimo.admin2) == \
        (province.latitude, "Mandera East")


@pytest.mark.parametrize("spelt", ["Tillabéri", "tillaberi", "Tillaberi"])
def test_admin1_is_written_as_acled_spells_the_unit(tmp_path, spelt):
    place = loaded(tmp_path, {"places": [
        {"name": "Wuro Sabbe", "country": "NER", "admin1": spelt}]})["wuro sabbe"][0]
    assert place.admin1 == "Tillaberi"


def test_every_problem_is_reported_at_once_and_located(tmp_path):
    write(tmp_path, "name,country,admin1,latitude,longitude\n"
                    "Mbatoa Ndiki,COD,Nord-Kivu,north,29.2\n"
                    "Kilimo Juu,KEN,Nowhere County,,\n", "bad.csv")
    with pytest.raises(CodebookError) as raised:
        loaded(tmp_path, {"places": [{"name": "Ngonda Gare", "country": "CMR",
                                      "admin1": "Extreme-Nord", "latitude": 11.0},
                                     {"country": "NER", "admin1": "Tillaberi"},
                                     {"name": "X", "country": "XYZ", "admin1": "Nord"}],
                          "place_files": ["bad.csv", "absent.yaml"]})
    text = str(raised.value)
    where = str(tmp_path / "villages.codebook.yaml")
    assert f"{where}: places[0]: 'longitude' is a dependency of 'latitude'" in text
    assert f"{where}: places[1]: 'name' is a required property" in text
    assert f"{where}: places[2].country: unknown ISO 3166 alpha-3 country 'XYZ'" in text
    assert f"{where}: place_files[1]: no such file" in text
    assert f"{tmp_path / 'bad.csv'}:2: latitude:" in text  # CSV errors name the line
    assert f"{tmp_path / 'bad.csv'}:3: admin1: no first-level unit 'Nowhere County' in " \
           "Kenya; its units: Baringo, " in text


def test_validate_checks_the_place_list(tmp_path):
    write(tmp_path, CSV, "villages.csv")
    good = write(tmp_path, HEAD + "place_files: [villages.csv]\n")
    result = CliRunner().invoke(cli, ["validate", str(good)])
    assert result.exit_code == 0, result.output
    assert "2 own places" in result.output
    bad = write(tmp_path, HEAD + "places:\n  - {name: Kilimo Juu, country: KEN, admin1: "
                                 "Mandera, elevation: 300}\n", "bad.codebook.yaml")
    result = CliRunner().invoke(cli, ["validate", str(bad)])
    assert result.exit_code == 1
    assert "bad.codebook.yaml: places[0]" in result.output and "elevation" in result.output


def test_own_places_come_first_only_while_their_codebook_codes(tmp_path):
    """A village named like a town elsewhere in the country stands for that town while the
    list is active (Burkina Faso's Kaya, as a village of a researcher's list), and a
    namesake abroad does not outrank it; without the list nothing changes."""
    gz = gazetteer()
    builtin = gz.candidates("Kaya", "BFA")
    assert builtin and all(p.source is None for p in builtin)
    places = loaded(tmp_path, {"places": [
        {"name": "Kaya", "country": "BFA", "admin1": "Sahel", "admin2": "Seno"},
        {"name": "Mbatoa Ndiki", "country": "COD", "admin1": "Nord-Kivu"}]})
    with using_places(places):
        found = gz.candidates("Kaya", "BFA")
        assert found[0].admin1 == "Sahel" and found[0].source is not None
        assert not [p for p in found if p.kind == "city" and p.iso3 == "BFA"]
        assert gz.resolve("Kaya").admin1 == "Sahel"  # no country told: still the list's
        assert gz.resolve("Mbatoa-Ndiki", "COD").name == "Mbatoa Ndiki"
    assert gz.candidates("Kaya", "BFA") == builtin
    assert gz.candidates("Mbatoa Ndiki") == []


# -- on the real pipeline --------------------------------------------------------------------
@pytest.fixture(scope="module")
def villages(tmp_path_factory):
    folder = tmp_path_factory.mktemp("villages")
    write(folder, CSV, "villages.csv")
    return write(folder, HEAD + "place_files: [villages.csv]\nplaces:\n"
                 "  - {name: Ngonda Gare, country: CMR, admin1: Extreme-Nord, "
                 "admin2: Mayo-Sava, aliases: [Ngonda Station]}\n")


@pytest.mark.parametrize("text, location, admin1, admin2, precision", [
    ("On 4 May 2024, ADF militants killed five civilians in Mbatoa Ndiki village.",
     "Mbatoa Ndiki", "Nord-Kivu", "Lubero", 1),
    ("On 4 May 2024, five civilians were killed by ADF rebels at Mbatowa.",
     "Mbatoa Ndiki", "Nord-Kivu", "Lubero", 1),
    ("On 2 June 2024, suspected al-Shabaab fighters attacked a police post at Kilimo Juu, "
     "killing two officers.", "Kilimo Juu", "Mandera", "Mandera East", 2),
    ("On 9 July 2024, Boko Haram fighters abducted three women near Ngonda Station.",
     "Ngonda Gare", "Extreme-Nord", "Mayo-Sava", 2),
    ("Boko Haram fighters abducted three women in Ngonda Gare on 9 July 2024.",
     "Ngonda Gare", "Extreme-Nord", "Mayo-Sava", 2),  # no coordinates of its own
])
def test_the_list_places_the_events_of_its_codebook(engine_factory, villages, text, location,
                                                     admin1, admin2, precision):
    events = engine_factory(str(villages)).code_texts([text])
    assert events, text
    place = events[0]["location"]
    assert (place["location"], place["admin1"], place["admin2"], place["geo_precision"]) == \
        (location, admin1, admin2, precision)
    assert all((e["location"] or {}).get("admin1") != admin1
               for e in engine_factory("acled").code_texts([text]))
