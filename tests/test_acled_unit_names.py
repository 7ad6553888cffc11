"""Units GeoNames files only under a generic prefix or suffix ("Circunscrição do Mogincual",
"Commune of Mutimbuzi", "Caza du Chouf", "Daïra de Tighennif", "Kenieba Cercle") are found
by their bare name, as the press and ACLED write them (the lexicon's ``admin_prefix`` and
``admin_suffix``), and are written without those words; a town of the same name still wins."""
from __future__ import annotations

import pytest

from eventcoder.nlp import load_model
from eventcoder_acled.places.lookup import admin_name, gazetteer
from eventcoder_acled.places.resolution import locate


@pytest.fixture(scope="module")
def nlp():
    return load_model()


@pytest.mark.parametrize("unit, bare", [
    ("Distrito de Rapale", "Rapale"),
    ("Circunscrìção do Mogincual", "Mogincual"),
    ("Circunscrição da Quissanga", "Quissanga"),
    ("Commune of Mutimbuzi", "Mutimbuzi"),
    ("Caza du Chouf", "Chouf"),
    ("Daïra de Tighennif", "Tighennif"),
    ("Délégation d’El Omrane Supérieur", "El Omrane Superieur"),
    ("Cercle de Macina", "Macina"),
    ("Kenieba Cercle", "Kenieba"),
    ("Shaumyan Rayon", "Shaumyan"),
    ("Région des Savanes", "Savanes"),
    ("Departamento de La Paz", "La Paz"),  # an article after the connector is the name's
])
def test_generic_unit_words_are_dropped(unit, bare):
    assert admin_name(unit) == bare


@pytest.mark.parametrize("name", ["Santiago de Tolu", "Rio de Janeiro", "District of Columbia",
                                  "Villa de Leyva", "Maganja da Costa"])
def test_names_that_only_look_prefixed_are_kept(name):
    """A word that is not a unit's ("Santiago", "Rio", "Villa") is part of the name, and so
    is "District of" in "District of Columbia"."""
    assert admin_name(name) == name


@pytest.mark.parametrize("name, iso3, admin1", [
    ("Mogincual", "MOZ", "Nampula"),
    ("Mocubela", "MOZ", "Zambezia"),
    ("Mutimbuzi", "BDI", "Bujumbura Rural"),
    ("Chouf", "LBN", "Mount Lebanon"),
    ("Tighennif", "DZA", "Mascara"),
])
def test_a_unit_filed_under_a_prefixed_name_is_found_by_its_bare_name(name, iso3, admin1):
    units = [p for p in gazetteer().candidates(name, iso3) if p.kind == "admin2"]
    assert [(p.admin2, p.admin1) for p in units] == [(name, admin1)]


@pytest.mark.parametrize("sentence, location, admin1", [
    ("Insurgents burned houses in Mogincual district, Nampula province, on Tuesday.",
     "Mogincual", "Nampula"),
    ("On 3 May, police fired tear gas at protesters in Mogincual, Mozambique.",
     "Mogincual", "Nampula"),
    ("Mozambican troops clashed with insurgents near Mogincual.", "Mogincual", "Nampula"),
    ("Gunmen raided a village in Mocubela district, Zambezia, killing three.",
     "Mocubela", "Zambezia"),
    ("Protesters blocked the main road in Mutimbuzi commune, Burundi.",
     "Mutimbuzi", "Bujumbura Rural"),
    ("Residents of the Chouf district in Lebanon blocked roads in protest at power cuts.",
     "Chouf", "Mount Lebanon"),
    ("Police arrested five men in Tighennif, Algeria, after a protest.",
     "Tighennif", "Mascara"),
])
def test_sentences_naming_such_units_get_their_province(nlp, sentence, location, admin1):
    found = locate(nlp(sentence))
    assert (found["location"], found["admin1"], found["admin2"]) == (location, admin1, location)


def test_a_town_still_beats_the_unit_of_its_name():
    """Macomia is a town and, now also by its bare name, a district: the town is chosen."""
    place = gazetteer().resolve("Macomia", "MOZ")
    assert (place.kind, place.name, place.admin1) == ("city", "Macomia", "Cabo Delgado")
