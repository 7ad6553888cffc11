"""The ACLED codebook consults the location and actor hooks: a researcher's plugin answers
first for each event's place and sides; without one, ACLED's own answers stand."""
from __future__ import annotations

import pytest

from eventcoder import Participant, hookimpl
from eventcoder.plugins import make_plugin_manager

TEXTS = ["On 3 May 2024, gunmen killed five villagers in Kalat.",
         "On 4 May 2024, BLA militants attacked an FC post near Turbat, killing two soldiers."]


class LocalGazetteer:
    """A researcher's own place list: knows Kalat only."""

    asked: list[tuple[str, str | None]] = []

    @hookimpl
    def resolve_location(self, name, country, doc, codebook):
        self.asked.append((name, country))
        if name != "Kalat":
            return None
        return {"location": "Kalat Bazaar", "country": "Pakistan", "iso3": "PAK",
                "admin1": "Balochistan", "admin2": "Kalat", "admin3": None,
                "latitude": 29.03, "longitude": 66.59, "geo_precision": 1}


class LocalNames:
    """A researcher's own actor names: the BLA under a project-specific label."""

    @hookimpl
    def resolve_actor(self, span, role, codebook):
        if "BLA" in span.text:
            return Participant(span.text, "BLA (project list)", "2")
        return None


def _engine(engine_factory, *plugins):
    pm = make_plugin_manager(entrypoints=False)
    for plugin in plugins:
        pm.register(plugin)
    return engine_factory("acled", pm=pm)


def _by_text(events):
    return {e["event_text"][:20]: e for e in events}


def test_a_location_plugin_answers_first_and_the_gazetteer_otherwise(engine_factory):
    plugin = LocalGazetteer()
    events = _engine(engine_factory, plugin).code_texts(TEXTS)
    places = sorted(e["location"]["location"] for e in events)
    assert places == ["Kalat Bazaar", "Turbat"]
    assert ("Kalat", "PAK") in plugin.asked and any(n == "Turbat" for n, _ in plugin.asked)
    turbat = next(e for e in events if e["location"]["location"] == "Turbat")
    assert turbat["admin2"] == "Kech"  # the pipeline's answer, with its units


def test_without_a_plugin_acleds_own_places_stand(engine_factory):
    events = engine_factory("acled").code_texts(TEXTS)
    assert sorted(e["location"]["location"] for e in events) == ["Kalat", "Turbat"]


@pytest.mark.parametrize("plugins, expected", [
    ((LocalNames(),), "BLA (project list)"),
    ((), "BLA: Baloch Liberation Army"),
])
def test_an_actor_plugin_names_the_side_first(engine_factory, plugins, expected):
    events = _engine(engine_factory, *plugins).code_texts(TEXTS[1:])
    assert events and events[0]["actor1"] == expected
    assert events[0]["inter1"] == 2
