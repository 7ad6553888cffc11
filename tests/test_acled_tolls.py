"""ACLED tolls: an unverifiable claim is not a fatality count, and a lead's total over
several places is not one town's count (the project's own sentences, several variants)."""
from __future__ import annotations

import pytest

from eventcoder import Document
from eventcoder_acled.fatalities import count_fatalities

pytestmark = pytest.mark.model


@pytest.mark.parametrize("text,dead", [
    # a side's claim the text says could not be checked: not coded
    ("The army said its troops had killed dozens of rebels, a figure that could not be "
     "independently verified.", 0),
    ("Police claimed that 20 attackers were killed, but the toll could not be verified.", 0),
    ("According to unconfirmed reports, 30 people died in the raid.", 0),
    ("The militants said they killed 15 soldiers; the claim has not been independently "
     "verified.", 0),
    ("Unverified accounts on social media said hundreds of villagers had been killed.", 0),
    # claims and vague tolls without that remark are still counted
    ("The army said its troops had killed dozens of rebels.", 12),
    ("Police said 20 attackers were killed.", 20),
    ("Dozens of militants were killed in the clash.", 12),
    ("Two soldiers were killed, officials confirmed.", 2),
])
def test_an_unverifiable_toll_is_not_counted(nlp, text, dead):
    assert (count_fatalities(nlp(text)) or 0) == dead


def acled_rows(engine_factory, text: str, date: str) -> dict[str, int]:
    """location -> fatalities of each ACLED event coded from one article."""
    result = next(engine_factory("acled").results([Document("t", text, date)]))
    assert not result.problems, result.problems
    return {(e["location"] or {}).get("location"): e["fatalities"] for e in result.events}


@pytest.mark.parametrize("text,expected", [
    ("Rebels shelled army positions near Rutshuru on Saturday, killing two soldiers. The "
     "army said its troops had repelled the attack and killed dozens of rebels, a figure "
     "that could not be independently verified.", {"Rutshuru": 2}),
    ("Gunmen attacked a police post in Bunia on Monday, killing three officers. The "
     "gunmen later claimed to have killed 40 policemen, a claim that could not be "
     "confirmed.", {"Bunia": 3}),
])
def test_a_claim_told_after_an_event_adds_no_deaths(engine_factory, text, expected):
    assert acled_rows(engine_factory, text, "2025-03-10") == expected


@pytest.mark.parametrize("text,expected", [
    # the lead's total is the sum of the towns told after it, not the first town's toll
    ("Militiamen attacked three towns in North Kivu province on Monday, killing 11 people. "
     "Militiamen burned houses in Rutshuru. Militiamen killed five villagers in Sake. "
     "Militiamen killed six civilians in Goma.", {"Rutshuru": 0, "Sake": 5, "Goma": 6}),
    ("Rebels raided army positions in two towns of North Kivu on Friday, leaving nine "
     "soldiers dead. The rebels clashed with troops in Rutshuru. Nine soldiers were killed "
     "by the rebels in an ambush near Masisi.", {"Rutshuru": 0, "Masisi": 9}),
    ("Al-Shabaab fighters attacked army bases in three towns of Lower Shabelle on Tuesday, "
     "killing 12 soldiers. The fighters clashed with troops in Afgooye. Seven soldiers were "
     "killed in Marka. Five soldiers were killed in Qoryooley.",
     {"Afgooye": 0, "Marka": 7, "Qoryooley": 5}),
    ("Fighters of the M23 rebel group have attacked army positions in several towns of North "
     "Kivu on Saturday, killing 14 soldiers. M23 fighters clashed with the army in Rutshuru. "
     "Eight soldiers were killed in fighting in Sake. Six soldiers were killed in Goma.",
     {"Rutshuru": 0, "Sake": 8, "Goma": 6}),
    # what the towns leave untold of the lead's total goes to the town without a toll
    ("Gunmen attacked two villages in North Kivu on Monday, killing 10 people. The gunmen "
     "burned houses in Rutshuru. Four villagers were shot dead by the gunmen in Sake.",
     {"Rutshuru": 6, "Sake": 4}),
])
def test_a_lead_total_over_several_places_is_not_one_towns_count(engine_factory, text,
                                                                    expected):
    assert acled_rows(engine_factory, text, "2025-03-10") == expected
