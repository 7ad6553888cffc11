"""The country of a story whose places are small towns of one country while its armed groups
are active in others (``country_among_homes``), and the tie between a country of villages
and one of a district and town named (``document_country``). Sentences written for eventcoder,
coded on the real pipeline."""
from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def acled(engine_factory):
    return engine_factory("acled")


@pytest.mark.parametrize("text, countries", [
    # Arou is a village of China's Qinghai in the gazetteer; ISWAP fights around Lake Chad
    ("On 3 May 2023, suspected ISWAP fighters burned houses in the village of Arou.",
     {"Nigeria", "Niger", "Chad", "Cameroon"}),
    ("On 9 June 2023, ISWAP fighters ambushed soldiers near Arou, killing four of them.",
     {"Nigeria", "Niger", "Chad", "Cameroon"}),
    # Lug: villages of Germany, Croatia and Bosnia; al-Shabaab fights in the Horn of Africa
    ("On 6 March 2023, al-Shabaab militants attacked a military base in Lug, killing two "
     "soldiers.", {"Somalia", "Kenya", "Ethiopia", "Djibouti", "Mozambique"}),
    # a large town abroad, or a country named, keeps the places' country
    ("Al Shabaab militants attacked a hotel in Kampala on 4 June 2023, killing three guards.",
     {"Uganda"}),
    ("On 4 June 2023, ISWAP fighters attacked a village in Algeria, killing three herders.",
     {"Algeria"}),
])
def test_groups_of_several_countries_outweigh_villages_abroad(acled, text, countries):
    events = acled.code_texts([text])
    assert events and {e["country"] for e in events} <= countries, \
        [(e["country"], e["location"]) for e in events]


@pytest.mark.parametrize("text", [
    "On 2 April 2023, a mine exploded near Boro, north of Birao, killing two herders.",
    "On 5 March 2023, gunmen looted shops in Boro, 15 km from Birao.",
    "Armed men burned a lorry at Boro, some 20 km from Birao, on 8 May 2023.",
])
def test_a_tie_goes_to_the_country_of_the_town_and_district_named(acled, text):
    events = acled.code_texts([text])
    assert events and all(e["country"] == "Central African Republic"
                          and e["location"]["admin1"] == "Vakaga" for e in events)
