"""ACLED fatality counts: reported deaths only, conservative, words and numerals, sums."""
from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from eventcoder_acled.fatalities import (count_arrested, count_fatalities, count_injured,
                                         number_value)


@pytest.mark.parametrize("text,dead", [
    ("At least four FC personnel were killed and two others were injured.", 4),
    ("BLA carried out an attack killing 2 personnel and injuring several others.", 2),
    ("The attack killed 3 soldiers and 2 civilians.", 5),
    ("12 Taliban militants including 2 commanders were killed and 5 were wounded.", 12),
    ("Two men were found dead.", 2),
    ("Unidentified gunmen shot dead a policeman.", 1),
    ("Dozens of people died in the fighting.", 12),
    ("Hundreds were killed in the massacre.", 100),
    ("Tens of people lost their lives.", 10),
    ("The bodies of 5 men were recovered.", 5),
    ("Between 6 and 13 soldiers were killed.", 6),
    ("92 terrorists were killed, while 15 security personnel were also martyred.", 107),
    ("There were no casualties.", 0),
    ("Nobody was killed in the attack.", 0),
    ("Twenty-two militants were killed.", 22),
    ("Protesters blocked the road and five people were injured.", None),
    ("Police arrested 40 protesters.", None),
])
def test_count_fatalities(nlp, text, dead):
    assert count_fatalities(nlp(text)) == dead


@pytest.mark.parametrize("text,dead", [
    ("Fatalities coded as 0 (VoJ reported 6-13 fatalities).", 0),
    ("Two soldiers were killed. Fatalities are split across 3 events (1).", 1),
    ("BLF claim four soldiers were killed. Fatalities uncorroborated with 4 fatalities coded "
     "and 2 injured.", 4),
    ("Militants shot a man, who later died. 1 fatality.", 1),
])
def test_acled_notes_state_their_own_coding(text, dead):
    assert count_fatalities(text) == dead  # no parse needed


def test_injured_and_arrested(nlp):
    doc = nlp("Three soldiers were killed and 11 were wounded; police arrested 5 suspects.")
    assert (count_fatalities(doc), count_injured(doc), count_arrested(doc)) == (3, 11, 5)


def test_plain_text_is_parsed_with_the_given_pipeline(nlp):
    assert count_fatalities("Gunmen killed two guards.", nlp) == 2
    assert count_fatalities("Gunmen killed two guards.") is None  # nothing to parse with


@given(st.integers(min_value=0, max_value=100_000))
def test_numerals(n):
    assert number_value(str(n)) == n
    assert number_value(f"{n:,}") == n


@given(st.integers(min_value=0, max_value=500), st.integers(min_value=0, max_value=500))
def test_ranges_give_the_conservative_figure(a, b):
    assert number_value(f"{a}-{b}") == min(a, b)
    assert number_value(f"between {a} and {b}") == min(a, b)


@pytest.mark.parametrize("text, dead", [
    ("So far this year, 140 people have been killed in such raids.", 0),
    ("More than 300 people have died in the fighting since January.", 0),
    ("The minister said 90 fighters had been killed in the past three days, while 12 "
     "soldiers were killed.", 0),
    ("Nine villagers were killed on Tuesday, taking the toll since March to 60.", 9),
    ("Four guards were killed last night.", 4),
])
def test_running_totals_over_a_period_are_not_this_events_deaths(nlp, text, dead):
    assert (count_fatalities(nlp(text)) or 0) == dead
