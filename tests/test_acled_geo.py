"""ACLED locations: the gazetteer, place finding in text, event location, the hooks."""
from __future__ import annotations

import json

import pytest
from hypothesis import given, strategies as st

from eventcoder.plugins import make_plugin_manager
from eventcoder_acled import location_hooks
from eventcoder_acled.places.candidates import MENTIONS_KEY, document_country, find_places
from eventcoder_acled.places.lookup import admin_name, gazetteer, key
from eventcoder_acled.places.resolution import locate

BALOCHISTAN_TOWNS = {"Quetta": "Quetta", "Mastung": "Mastung", "Nushki": "Nushki",
                     "Dalbandin": "Chagai", "Kharan": "Kharan", "Panjgur": "Panjgur",
                     "Tump": "Kech", "Gwadar": "Gwadar", "Pasni": "Gwadar"}
ISPR = ("Terrorists attempted to disturb the peace of Balochistan by conducting multiple "
        "terrorist activities around Quetta, Mastung, Nushki, Dalbandin, Kharan, Panjgur, "
        "Tump, Gwadar and Pasni, the ISPR said in a statement on Saturday.")


class AcledLike:  # a codebook that reads the pipe's places (ACLED's, or one extending it)
    id = "acled"
    reads_places = True


@pytest.mark.parametrize("town,district", sorted(BALOCHISTAN_TOWNS.items()))
def test_gazetteer_gives_balochistan_towns_their_districts(town, district):
    gz = gazetteer()
    place = gz.resolve(town, "Pakistan")
    fields = gz.fields(place)
    assert (fields["admin1"], fields["admin2"], fields["location"]) == (
        "Balochistan", district, town)
    assert (fields["country"], fields["iso"], fields["region"]) == (
        "Pakistan", 586, "South Asia")


def test_gazetteer_uses_acled_country_names_spellings_and_regions():
    gz = gazetteer()
    assert gz.country_name["COD"] == "Democratic Republic of Congo"
    assert gz.region_of["AFG"] == "Caucasus and Central Asia"
    assert gz.resolve_unit("Nimroz", "AFG").admin1 == "Nimruz"
    assert gz.resolve_unit("Urozgan", "Afghanistan").admin1 == "Urozgan"
    assert gz.resolve_unit("J&K", "IND").admin1 == "Jammu and Kashmir"
    assert admin_name("Chāgai District") == "Chagai"
    assert gz.resolve("Paris", "Pakistan") is None


def test_gazetteer_finds_respelt_towns_with_a_country_else_only_province_seats():
    gz = gazetteer()
    assert gz.fuzzy("NDjamena", "TCD").name == "N'Djamena"
    assert gz.fuzzy("Babanussa", "SDN").admin1 == "West Kordofan"
    assert gz.fuzzy("Babanussa") is None  # no province's seat: no country, no guess
    assert gz.fuzzy("NDjamena").name == "N'Djamena"  # the seat of N'Djamena
    assert gz.fuzzy("Tillabery").admin1 == "Tillaberi"


@given(st.text(max_size=40))
def test_key_is_idempotent_ascii(name):
    once = key(name)
    assert key(once) == once and once.isascii()


def test_places_the_ner_mislabels_are_found_in_a_list(nlp):
    doc = nlp(ISPR)
    found = {m.text: m.place for m in find_places(doc)}
    assert set(BALOCHISTAN_TOWNS) <= set(found)
    assert all(found[t].admin2 == d for t, d in BALOCHISTAN_TOWNS.items())
    assert document_country(doc) == "PAK"


def test_places_pipe_relabels_towns_and_is_added_once(nlp):
    before = list(nlp.pipe_names)
    try:
        location_hooks.prepare_places_pipe(nlp, [AcledLike()])
        location_hooks.prepare_places_pipe(nlp, [AcledLike()])
        assert nlp.pipe_names.count("eventcoder_acled_places") == 1
        labels = {e.text: e.label_ for e in nlp(ISPR).ents}
        assert labels.get("Gwadar") == "GPE" and labels.get("Tump") == "GPE"
    finally:
        if "eventcoder_acled_places" not in before:
            nlp.remove_pipe("eventcoder_acled_places")


def test_pipe_is_not_added_for_other_codebooks():
    import spacy

    class Cameo:
        id = "cameo"

    class Crosswalk:  # ACLED types projected from CAMEO events: no places read
        id = "acled-from-cameo"
    blank = spacy.blank("en")
    location_hooks.prepare_places_pipe(blank, [Cameo(), Crosswalk()])
    assert "eventcoder_acled_places" not in blank.pipe_names
    location_hooks.prepare_places_pipe(blank, [AcledLike()])
    assert blank.pipe_names == ["eventcoder_acled_places"]


def test_places_are_scanned_once_per_document_and_country(nlp):
    doc = nlp(ISPR)
    first = find_places(doc)
    assert find_places(doc, "PAK") == first and find_places(doc, "Pakistan")[0] is first[0]
    find_places(doc, "IND")  # read as a text about India: another scan
    assert set(doc.user_data[MENTIONS_KEY]) == {"PAK", "IND"}


def test_gazetteer_fuzzy_search_skips_demonyms():
    gz = gazetteer()
    searched = gz._fuzzy.cache_info()
    assert gz.fuzzy("Iranian", "IRQ") is None and gz.fuzzy("Israeli", "PSE") is None
    assert gz._fuzzy.cache_info() == searched


def test_common_words_and_foreign_namesakes_are_not_places(nlp):
    doc = nlp("Police of the Mobile Intervention Unit in Quetta arrested five men near "
              "Reading Room Road, officials in Pakistan said.")
    names = {m.text for m in find_places(doc)}
    assert "Quetta" in names
    assert not names & {"Police", "Mobile", "Reading"}


@pytest.mark.parametrize("text,expected", [
    ("On 18 April 2023, BLA carried out an attack on the FC camp in Shay Mardan near Johan "
     "(Kalat, Balochistan) killing 2 personnel.",
     {"location": "Johan", "admin2": "Kalat", "admin1": "Balochistan", "geo_precision": 2}),
    ("On 2 May 2020, militants attacked a check post in Margat area in Quetta district "
     "(Balochistan).",
     {"location": "Quetta", "admin2": "Quetta", "admin1": "Balochistan", "geo_precision": 2}),
    ("On 10 November 2024, BLF militants opened fire near Sigak and Kade Hotel (coded as "
     "Sigak, Kech, Balochistan).",
     {"location": "Sigak", "admin2": "Kech", "admin1": "Balochistan"}),
    ("On 2 December 2020, Chadian soldiers were attacked near Ngouboua (Lac, Mamdi).",
     {"location": "Ngouboua", "admin1": "Lac", "admin2": "Mamdi", "country": "Chad"}),
    ("On 6 March 2020, a civilian was killed by Taliban militants in the Daryaban village of "
     "Obe district, Herat.",
     {"admin1": "Herat", "country": "Afghanistan"}),
    ("Protesters gathered in Gwadar on Saturday.",
     {"location": "Gwadar", "admin2": "Gwadar", "geo_precision": 1, "iso": 586}),
])
def test_locate_reads_acled_notes_and_news(nlp, text, expected):
    found = locate(nlp(text))
    assert {k: found[k] for k in expected} == expected


def test_resolve_location_hook_runs_last(pm):
    found = pm.hook.resolve_location(name="Dalbandin", country="PK", doc=None, codebook=None)
    assert found["admin2"] == "Chagai" and found["geo_precision"] == 1

    class Mine:
        @location_hooks.hookimpl
        def resolve_location(self, name, country, doc, codebook):
            return {"location": name, "country": "Atlantis"}

    pm.register(Mine())
    assert pm.hook.resolve_location(name="Dalbandin", country=None, doc=None,
                                    codebook=None)["country"] == "Atlantis"


def test_acled_plugin_registers_the_location_hooks():
    pm = make_plugin_manager(entrypoints=False)
    hooks = {c.name for c in pm.get_hookcallers(pm.get_plugin("acled"))}
    assert {"prepare_nlp", "resolve_location", "register_output_formats"} <= hooks


@pytest.mark.shared_data
def test_balochistan_article_places_have_their_districts(nlp, shared_data):
    text = (shared_data / "articles" / "balochistan-2026-02-02.txt").read_text()
    gold = [json.loads(line) for line in
            (shared_data / "articles" / "balochistan-2026-02-02.gold.jsonl").open()]
    wanted = {e["location"]: e["admin2"] for g in gold if g["codebook"] == "acled"
              for e in g["events"] if e.get("admin2")}
    found = {m.text: m.place.admin2 for m in find_places(nlp(text)) if m.place is not None}
    assert {town: found.get(town) for town in wanted} == wanted


def test_gazetteer_writes_acled_spelling_of_first_level_units():
    gz = gazetteer()
    assert gz.resolve_unit("Ndjamena", "TCD").admin1 == "N'Djamena"
    assert gz.resolve_unit("Mayo-Kebbi-Ouest", "Chad").admin1 == "Mayo-Kebbi Ouest"
    assert gz.resolve_unit("Elgeyo/Marakwet", "KEN").admin1 == "Elgeyo-Marakwet"
    assert gz.resolve_unit("Taita/Taveta", "KEN").admin1 == "Taita Taveta"
    assert gz.resolve_unit("Kasai Central", "COD").admin1 == "Kasai-Central"
    assert gz.resolve_unit("Sa'dah", "YEM").admin1 == "Sadah"  # "Şāʻdah": a modifier letter
    # one GeoNames name, two units: the capital's own unit and the province around it
    assert gz.resolve_unit("Maputo City", "MOZ").admin1 == "Maputo City"
    assert gz.resolve_unit("Maputo Province", "MOZ").admin1 == "Maputo"
    assert gz.resolve("Lamu", "KEN").admin1 == "Lamu"  # unchanged where names agree


def test_gazetteer_finds_towns_written_without_their_apostrophe():
    gz = gazetteer()
    capital = gz.resolve("Ndjamena")
    assert (capital.name, capital.kind, capital.admin1) == ("N'Djamena", "city", "N'Djamena")
    assert gz.resolve("NDjamena", "TCD").name == "N'Djamena"
    assert admin_name("Département d'Arlit") == "Arlit"
    assert admin_name("Departement de Nguigmi") == "Nguigmi"


def test_locate_writes_acled_spelling_of_the_province(nlp):
    found = locate(nlp("Hundreds of teachers marched in Ndjamena on Monday to demand "
                       "their unpaid salaries."))
    assert (found["location"], found["admin1"], found["country"]) == (
        "Ndjamena", "N'Djamena", "Chad")


def test_a_small_municipality_does_not_outweigh_a_large_namesake(nlp):
    # Bol: a town of 50,000 in Chad, and a Croatian municipality of 1,600
    doc = nlp("On 3 March, gunmen robbed two traders at the cattle market in Bol.")
    assert document_country(doc) == "TCD"
    assert locate(doc)["admin1"] == "Lac"


@pytest.mark.parametrize("text,expected", [
    # the province comes first; the note's other places do not decide the country
    ("On 4 June, herders and farmers clashed in the village of Goumou (Mayo-Kebbi Est, "
     "Kabbia), and the Fulani herders fled towards Cameroon.",
     {"country": "Chad", "admin1": "Mayo-Kebbi Est", "location": "Goumou"}),
    # a town named like a Bolivian department, placed by the province after it
    ("On 9 May, traders protested in Beni (Beni, Nord-Kivu) against a new market tax.",
     {"country": "Democratic Republic of Congo", "admin1": "Nord-Kivu", "location": "Beni"}),
    # a district the gazetteer knows, then a province it does not: the note's spelling
    ("On 2 March, fishermen protested at the port of Qalansiyah (Hidaybu, Suqutra).",
     {"admin2": "Hidaybu", "admin1": "Suqutra"}),
])
def test_units_after_a_place_decide_its_country_and_province(nlp, text, expected):
    found = locate(nlp(text))
    assert {k: found[k] for k in expected} == expected


def test_a_hyphenated_word_is_no_town(nlp):
    doc = nlp("On 9 May, the director of the Franco-Arabic school was abducted.")
    assert not [m for m in find_places(doc) if m.place is not None]
    road = find_places(nlp("Gunmen ambushed a convoy on the Monguno-Maiduguri road."))
    assert road[0].text == "Monguno" and road[0].place.admin1 == "Borno"


@pytest.mark.parametrize("text,country", [
    ("Armed men from Somalia shot dead a herder in Kitui county on Tuesday.", "KEN"),
    ("Sudanese asylum seekers staged a sit-in outside the UNHCR office in Agadez.", "NER"),
])
def test_the_place_of_the_event_outweighs_the_nationality_of_its_actors(nlp, text, country):
    assert document_country(nlp(text)) == country


@pytest.mark.parametrize("text,expected", [
    # a district's other name in parentheses, its province after it
    ("On 4 April 2021, a shopkeeper was shot dead by unknown gunmen in Mirzaka (Mirza Kala) "
     "district, Paktia.",
     {"admin1": "Paktia", "country": "Afghanistan"}),
    # initials in parentheses ("(NGOs)", "(CPI-Maoist)") are no units
    ("On 3 June 2025, members of Non-governmental Organizations (NGOs) held a sit-in in Diphu "
     "town (Karbi Anglong, Assam).",
     {"location": "Diphu", "admin1": "Assam"}),
    ("On 2 June 2020, the Communist Party of India-Maoist (CPI-Maoist) set fire to two trucks "
     "near Kirandul (Dantewada, Chhattisgarh).",
     {"location": "Kirandul", "admin1": "Chhattisgarh"}),
])
def test_parentheses_that_hold_no_units(nlp, text, expected):
    found = locate(nlp(text))
    assert {k: found[k] for k in expected} == expected


@pytest.mark.parametrize("text,expected", [
    ("On 3 May 2025, RSF looted shops in Um Sayala village (location coded to locality "
     "capital Bara, Bara, North Kordofan).",
     {"location": "Bara", "admin1": "North Kordofan"}),
    ("On 5 March 2020, militants abducted two herders in Kolo Gorou (coded as Torodi at "
     "geoprecision 2).",
     {"location": "Torodi", "admin1": "Tillaberi", "country": "Niger"}),
    ("On 9 July 2020, bandits stopped a bus on the road out of Kapoeta town [coded to "
     "Kapoeta] and robbed the passengers.",
     {"location": "Kapoeta", "admin1": "Eastern Equatoria"}),
    # the name in square brackets is the one the place is coded by; the units follow
    ("On 2 May 2020, gunmen burned granaries in Tondikiwindi Koira [Tondi Kiwindi] (Ouallam, "
     "Tillaberi).",
     {"location": "Tondi Kiwindi", "admin1": "Tillaberi", "admin2": "Ouallam"}),
    ("On 6 June 2020, soldiers arrested a trader in Gadira (coded as Bosso LGA, Diffa).",
     {"location": "Bosso", "admin1": "Diffa"}),
])
def test_acled_remarks_on_where_an_event_is_coded(nlp, text, expected):
    found = locate(nlp(text))
    assert {k: found[k] for k in expected} == expected


@pytest.mark.parametrize("text,expected", [
    ("On 4 May 2020, an IED struck a truck on the road between Mainé-Soroa and Goudoumaria "
     "(Diffa, Diffa).",
     {"location": "Mainé-Soroa", "admin1": "Diffa"}),
    ("On 2 June 2021, gunmen looted shops in Kyondo, Musienene or Butembo (Beni, Nord-Kivu).",
     {"location": "Kyondo", "admin1": "Nord-Kivu"}),
    # the units are the town's: it is called a town, or the first name is a place in it
    ("On 8 May 2020, an IED went off between Elwak and Rhamu town (Mandera North, Mandera).",
     {"location": "Rhamu", "admin2": "Mandera North"}),
    ("On 1 March 2024, traders blocked the road at Tongi Bazar, Gazipur city (Gazipur, "
     "Dhaka).",
     {"location": "Gazipur", "admin1": "Dhaka"}),
])
def test_units_after_a_list_of_places_go_to_the_first(nlp, text, expected):
    found = locate(nlp(text))
    assert {k: found[k] for k in expected} == expected


def test_units_in_parentheses_name_the_country_of_the_text(nlp):
    # Kolda is a Senegalese town; the units after it are Chad's
    doc = nlp("On 3 May 2020, herders and farmers clashed in the village of Kolda (Fianga, "
              "Mayo-Kebbi Est).")
    assert document_country(doc) == "TCD"


def test_a_name_glued_to_acled_size_remark_is_found(nlp):
    doc = nlp("On 3 March 2020, traders marched to the town hall in Abeche.[size=dozens]")
    found = locate(doc)
    assert (found["location"], found["admin1"], found["country"]) == (
        "Abeche", "Ouaddai", "Chad")


def test_acled_english_names_of_provinces_and_latin_schwa():
    gz = gazetteer()
    assert gz.resolve_unit("Kriti", "GRC").admin1 == "Crete"
    assert gz.resolve_unit("Lemesos", "CYP").admin1 == "Limassol"
    assert gz.resolve_unit("Jawa Barat", "IDN").admin1 == "West Java"
    assert gz.resolve_unit("Misrata", "LBY").admin1 == "Misrata"
    assert admin_name("Gədəbəy") == "Gadabay" and key("Şəki") == "saki"


def test_a_province_named_with_its_unit_word_in_parentheses(nlp):
    found = locate(nlp("On 3 June 2020, street vendors protested at the central market in "
                       "Maputo (Maputo City)."))
    assert (found["location"], found["admin1"]) == ("Maputo", "Maputo City")
    found = locate(nlp("On 2 May 2021, youths looted a warehouse in Pibor town (Pibor county, "
                       "Jonglei state)."))
    assert found["admin1"] == "Jonglei"


@pytest.mark.parametrize("text,unknown,kept", [
    ("Protesters left the agreed route, which prompted the intervention of the Police in "
     "Gurue.", "Police", "Gurue"),
    ("Members of the Union of Domestic Workers marched in Nairobi.", "Domestic", "Nairobi"),
    ("An IED struck a truck between the villages of Wabaré and Boni (Torodi, Tillaberi).",
     None, "Wabaré"),
])
def test_of_marks_an_unknown_name_as_a_place_only_after_a_place_noun(nlp, text, unknown, kept):
    names = {m.text for m in find_places(nlp(text))}
    assert kept in names and unknown not in names
