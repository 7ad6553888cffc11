"""A place someone comes from is not where an event happened: "speaking in his hometown of
Sialkot", "a trader who hails from Multan", "a native of Swat", "born in Karachi"."""
from __future__ import annotations

import pytest

from eventcoder_acled.places import sentence_places


def _names(nlp, text):
    doc = nlp(text)
    specific, _ = sentence_places(doc[:], [], "PAK")
    return {r["location"] for r in specific}


@pytest.mark.parametrize("text, where, origin", [
    ("Speaking to reporters in his hometown of Sialkot, the minister said militants had "
     "attacked Quetta.", set(), "Sialkot"),
    ("Gunmen shot dead a trader who hails from Multan in Quetta on Monday.", {"Quetta"},
     "Multan"),
    ("A native of Swat, the teacher was killed by unknown gunmen in Peshawar.", {"Peshawar"},
     "Swat"),
    ("The journalist, who was born in Karachi, was arrested in Lahore on Friday.", {"Lahore"},
     "Karachi"),
    ("Police said the victim, originally from Hyderabad, was stabbed in Sukkur.", {"Sukkur"},
     "Hyderabad"),
])
def test_where_someone_is_from_is_no_event_place(nlp, text, where, origin):
    names = _names(nlp, text)
    assert origin not in names
    assert where <= names


@pytest.mark.parametrize("text, place", [
    ("Gunmen attacked residents of Kalat on Monday.", "Kalat"),
    ("Militants abducted two men from Turbat on Sunday.", "Turbat"),
    ("Natives and settlers clashed in Quetta on Sunday.", "Quetta"),
])
def test_places_of_the_event_itself_stay(nlp, text, place):
    assert place in _names(nlp, text)
