"""Where an ACLED event is placed: the village a note names even when the gazetteer lacks
it, the units named after it, one event for a road "between" two places."""
from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def acled(engine_factory):
    return engine_factory("acled")


def places(events):
    return [(e["location"]["location"], e["location"]["admin1"], e["location"]["admin2"])
            for e in events]


@pytest.mark.model  # loads the real pipeline itself
def test_a_village_the_gazetteer_lacks_keeps_its_name_and_its_units(acled):
    events = acled.code_texts(["On 4 June 2021, gunmen abducted three traders in the village "
                               "of Qorimbedu (Ouallam, Tillaberi)."])
    assert places(events) == [("Qorimbedu", "Tillaberi", "Ouallam")]
    assert events[0]["country"] == "Niger" and events[0]["geo_precision"] == 2


@pytest.mark.model  # loads the real pipeline itself
def test_units_after_a_place_are_not_places_of_their_own(acled):
    events = acled.code_texts(["On 4 June 2021, gunmen killed two farmers and a herder in "
                               "Qorimbedu (Ouallam, Tillaberi)."])
    assert places(events) == [("Qorimbedu", "Tillaberi", "Ouallam")]
    assert events[0]["fatalities"] == 3


@pytest.mark.model  # loads the real pipeline itself
def test_an_unfound_area_in_a_named_district_is_coded_at_the_district(acled):
    """ACLED codes a place it cannot find at the unit the note names (precision 2)."""
    events = acled.code_texts(["On 5 July 2021, BLF militants fired rockets at road workers "
                               "in the village of Qorimbedu in Awaran district "
                               "(Balochistan)."])
    assert places(events) == [("Awaran", "Balochistan", "Awaran")]
    assert events[0]["geo_precision"] == 2


@pytest.mark.model  # loads the real pipeline itself
def test_between_two_places_is_one_event_at_the_first(acled):
    events = acled.code_texts(["On 21 March 2020, an IED killed four people on the road "
                               "between the village of Qorimbedu and Bosso (Diffa)."])
    assert places(events) == [("Qorimbedu", "Diffa", None)]  # units named after the road
    assert events[0]["fatalities"] == 4


@pytest.mark.model  # loads the real pipeline itself
def test_deaths_told_after_the_event_sentence_count_for_it(acled):
    events = acled.code_texts(["On 4 June 2021, gunmen opened fire on a minibus near Mandera "
                               "town. Hospital officials said two of the passengers had "
                               "succumbed to their injuries."])
    assert [e["fatalities"] for e in events] == [2]
    assert "succumbed to their injuries" in events[0]["notes"]


@pytest.mark.model  # loads the real pipeline itself
def test_a_closing_remark_does_not_change_the_event_type(acled):
    alone = acled.code_texts(["On 4 June 2021, al-Shabaab militants attacked a police post "
                              "in Mandera town."])
    told = acled.code_texts(["On 4 June 2021, al-Shabaab militants attacked a police post "
                             "in Mandera town. Houses nearby were burnt. No casualties were "
                             "reported."])
    assert [e["sub_event_type"] for e in told] == [e["sub_event_type"] for e in alone]
    assert told[0]["fatalities"] == 0


ARTICLE = """Gunmen kill seven at cattle market in northern Niger

NIAMEY, April 12, 2025 - Gunmen on motorcycles attacked a cattle market in Ayorou on Friday, \
killing seven traders, a local official said on Saturday.

Nigerien soldiers clashed with the attackers outside Ayorou later on Friday. Three soldiers \
and five assailants were killed in the fighting, the army said.
"""


@pytest.mark.model  # loads the real pipeline itself
def test_a_news_article_gives_one_event_per_place_day_and_kind(acled):
    """The dateline dates the article, not the events; the headline repeats the lead and
    adds no deaths; an attack on traders and a battle at one town on one day are two
    events (ACLED codes each)."""
    events = acled.code_texts([ARTICLE])
    coded = sorted((e["event_date"], e["sub_event_type"], e["fatalities"],
                    e["location"]["location"]) for e in events)
    assert coded == [("2025-04-11", "Armed clash", 8, "Ayorou"),
                     ("2025-04-11", "Attack", 7, "Ayorou")]


@pytest.mark.model  # loads the real pipeline itself
def test_the_date_a_source_spoke_is_not_the_event_date(acled):
    events = acled.code_texts(["Officials said on Monday that militants had attacked a "
                               "police post in Ayorou on Saturday."], date="2025-04-14")
    assert [e["event_date"] for e in events] == ["2025-04-12"]


@pytest.mark.model  # loads the real pipeline itself
def test_a_lead_total_is_not_added_to_an_event_with_its_own_deaths(acled):
    text = ("Rebels attacked army posts in two towns on Saturday, killing at least eleven "
            "soldiers.\n\nThe rebels stormed a camp in Rutshuru and clashed with troops for "
            "hours. Eight soldiers were killed in Rutshuru.")
    events = acled.code_texts([text], date="2025-03-09")
    assert {e["location"]["location"]: e["fatalities"] for e in events} == {"Rutshuru": 8}


@pytest.mark.model  # loads the real pipeline itself
def test_a_lead_total_goes_to_the_events_that_tell_no_deaths(acled):
    text = ("Gunmen killed five people on Monday. The attack took place near a mosque in "
            "Mandera town.")
    events = acled.code_texts([text], date="2025-03-12")
    assert [e["fatalities"] for e in events] == [5]


@pytest.mark.model  # loads the real pipeline itself
@pytest.mark.parametrize("text", [
    "The minister said the army should deploy more troops to the border districts.",
    "Analysts argue that the army has failed to retake Bunia from the rebels.",
    "Pakistan needs to deploy thousands of soldiers in Balochistan, the minister said.",
])
def test_violence_that_did_not_happen_is_no_event(acled, text):
    assert acled.code_texts([text], date="2025-03-09") == []


@pytest.mark.model  # loads the real pipeline itself
def test_mourning_and_running_totals_are_no_new_events(acled):
    text = ("On Monday, gunmen killed four guards at a checkpoint in Mandera town.\n\n"
            "Two days later, the governor offered condolences to the families of those "
            "killed and expressed grief over the deaths.\n\n"
            "Officials said 60 people had been killed in the county since January.")
    events = acled.code_texts([text], date="2025-03-12")
    assert [(e["location"]["location"], e["fatalities"]) for e in events] == [("Mandera", 4)]


@pytest.mark.model  # loads the real pipeline itself
def test_lines_above_the_body_are_headlines(acled):
    text = ("PAPER | March 12, 2025\n\nGunmen kill four guards in Mandera\n\nGovernor calls "
            "for calm\n\nOn Monday, gunmen killed four guards at a checkpoint in Mandera "
            "town, police said.")
    events = acled.code_texts([text], date="2025-03-12")
    assert [(e["event_date"], e["fatalities"]) for e in events] == [("2025-03-10", 4)]


@pytest.mark.model  # loads the real pipeline itself
def test_the_places_named_decide_the_country_before_a_foreign_force(acled):
    events = acled.code_texts(["On 17 January 2020, residents of Niamey marched against the "
                               "presence of French forces."])
    assert [(e["country"], e["location"]["admin1"]) for e in events] == [("Niger", "Niamey")]


@pytest.mark.model  # loads the real pipeline itself
def test_unknown_words_in_an_organisation_name_are_no_list_of_places(acled):
    events = acled.code_texts(["On 9 September 2019, members of the Union of Domestic, Hotel "
                               "and Allied Workers staged a protest in Nairobi."])
    assert [e["location"]["location"] for e in events] == ["Nairobi"]


@pytest.mark.model  # loads the real pipeline itself
def test_an_unknown_place_then_a_comma_and_a_known_one_is_a_place_in_that_unit(acled):
    events = acled.code_texts(["On 9 April 2019, gunmen abducted three men near Qorimbedu, "
                               "Rutshuru."])
    assert places(events) == [("Qorimbedu", "Nord-Kivu", "Rutshuru")]


@pytest.mark.model  # loads the real pipeline itself
def test_a_place_named_again_is_the_same_place(acled):
    text = ("On 1 May 2020, rebels shelled army positions near Kamyanka, Donetsk. Monitors "
            "later counted two more explosions near Kamyanka.")
    events = acled.code_texts([text])
    assert {e["location"]["admin1"] for e in events} == {"Donetsk"}


@pytest.mark.model  # loads the real pipeline itself
def test_a_namesake_elsewhere_gives_way_to_the_units_named_after_it(acled):
    events = acled.code_texts(["On 9 May 2020, gunmen shot dead a shopkeeper in Pipri, "
                               "Kaushambi (UP)."])
    assert [(e["location"]["location"], e["location"]["admin1"]) for e in events] == [
        ("Pipri", "Uttar Pradesh")]


@pytest.mark.model  # loads the real pipeline itself
def test_a_community_named_after_a_place_is_who_not_where(acled):
    events = acled.code_texts(["On 22 May 2020, Nandi community militias clashed with "
                               "herders in Kakamega County (Lurambi, Kakamega), killing one."])
    assert [e["location"]["admin1"] for e in events] == ["Kakamega"]


@pytest.mark.model  # loads the real pipeline itself
def test_between_a_place_and_a_town_with_units_is_at_the_town(acled):
    events = acled.code_texts(["On 11 March 2020, militants attacked a police patrol on the "
                               "road between Qorimbedu and Rhamu town (Mandera North, "
                               "Mandera)."])
    assert places(events) == [("Rhamu", "Mandera", "Mandera North")]


@pytest.mark.model  # loads the real pipeline itself
def test_a_foreign_country_named_in_passing_is_no_event_place(acled):
    text = ("On 31 January 2026, BLA militants attacked a police post in Quetta. The minister "
            "said the militants were attacking civilians with funding from India.")
    events = acled.code_texts([text])
    assert {e["location"]["location"] for e in events} <= {"Quetta", "Balochistan"}


def test_words_of_a_group_name_and_idioms_are_no_cues(nlp):
    from eventcoder_acled.actors import Mention
    from eventcoder_acled.cues import Cue
    from eventcoder_acled.relevance import Context, Relevance
    doc = nlp("Gangs operated under the banner of the Baloch Liberation Army.")
    banner = next(t for t in doc if t.lower_ == "banner")
    liberation = next(t for t in doc if t.text == "Liberation")
    group = Mention("group", liberation.i - 1, liberation.i + 2, "Baloch Liberation Army")
    cues = [Cue("protest", banner.i, banner.i + 1),
            Cue("territory_gain", liberation.i, liberation.i + 1)]
    kept, dropped = Relevance(nlp).check_cues(doc[:], cues, [group], Context(None))
    assert kept == [] and [check for _, check in dropped] == ["idiom", "in-a-name"]


@pytest.mark.model  # loads the real pipeline itself
def test_a_record_of_past_conduct_is_no_event(acled):
    events = acled.code_texts(["The minister said the group had carried out attacks on "
                               "civilians, including kidnappings of officials."],
                              date="2026-02-02")
    assert events == []


@pytest.mark.model  # loads the real pipeline itself
@pytest.mark.parametrize("text, admin1", [
    ("On 3 May 2021, gunmen killed a farmer in Kolongo village. Kolongo lies in Magwi county, "
     "close to the Ugandan border.", "Eastern Equatoria"),
    ("On 3 May 2021, bandits stole cattle in Lokori village. The Turkana county commissioner "
     "condemned the raid.", "Turkana"),
    ("On 6 May 2021, ASWJ insurgents had burned houses in Natuko village. Residents of the "
     "area, in Macomia district, said no one was hurt.", "Cabo Delgado"),
    ("On 9 May 2021, armed men looted shops in Gadingi village, a market the traders of "
     "Mandera county visit. Elders of Mandera town asked for more police.", "Mandera"),
])
def test_a_village_the_gazetteer_lacks_takes_the_province_of_places_no_event_is_told_at(
        acled, text, admin1):
    """A village the gazetteer lacks, in a note whose event is told nowhere else, lies in
    the province of the places the note names beside it ("Kolongo lies in Magwi county")."""
    events = acled.code_texts([text])
    assert events and all(e["location"]["admin1"] == admin1 for e in events)
