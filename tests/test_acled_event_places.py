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


def test_a_village_the_gazetteer_lacks_keeps_its_name_and_its_units(acled):
    events = acled.code_texts(["On 4 June 2021, gunmen abducted three traders in the village "
                               "of Qorimbedu (Ouallam, Tillaberi)."])
    assert places(events) == [("Qorimbedu", "Tillaberi", "Ouallam")]
    assert events[0]["country"] == "Niger" and events[0]["geo_precision"] == 2


def test_units_after_a_place_are_not_places_of_their_own(acled):
    events = acled.code_texts(["On 4 June 2021, gunmen killed two farmers and a herder in "
                               "Qorimbedu (Ouallam, Tillaberi)."])
    assert places(events) == [("Qorimbedu", "Tillaberi", "Ouallam")]
    assert events[0]["fatalities"] == 3


def test_an_unfound_area_in_a_named_district_is_coded_at_the_district(acled):
    """ACLED codes a place it cannot find at the unit the note names (precision 2)."""
    events = acled.code_texts(["On 5 July 2021, BLF militants fired rockets at road workers "
                               "in the village of Qorimbedu in Awaran district "
                               "(Balochistan)."])
    assert places(events) == [("Awaran", "Balochistan", "Awaran")]
    assert events[0]["geo_precision"] == 2


def test_between_two_places_is_one_event_at_the_first(acled):
    events = acled.code_texts(["On 21 March 2020, an IED killed four people on the road "
                               "between the village of Qorimbedu and Bosso (Diffa)."])
    assert places(events) == [("Qorimbedu", "Diffa", None)]  # units named after the road
    assert events[0]["fatalities"] == 4


def test_deaths_told_after_the_event_sentence_count_for_it(acled):
    events = acled.code_texts(["On 4 June 2021, gunmen opened fire on a minibus near Mandera "
                               "town. Hospital officials said two of the passengers had "
                               "succumbed to their injuries."])
    assert [e["fatalities"] for e in events] == [2]
    assert "succumbed to their injuries" in events[0]["notes"]


def test_a_closing_remark_does_not_change_the_event_type(acled):
    alone = acled.code_texts(["On 4 June 2021, al-Shabaab militants attacked a police post "
                              "in Mandera town."])
    told = acled.code_texts(["On 4 June 2021, al-Shabaab militants attacked a police post "
                             "in Mandera town. Houses nearby were burnt. No casualties were "
                             "reported."])
    assert [e["sub_event_type"] for e in told] == [e["sub_event_type"] for e in alone]
    assert told[0]["fatalities"] == 0
