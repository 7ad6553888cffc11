"""The motivating article: coordinated attacks across Balochistan on 31 January 2026, told
in an article of 2 February ("on Saturday"), with the group named as Pakistan names it
("Fitna al-Hindustan") and later as "the BLA". Skips without ../shared/data."""
from __future__ import annotations

import io

import pandas as pd
import pytest

from eventcoder import Document, WriteContext
from eventcoder.formats import registered_outputs
from eventcoder_acled.taxonomy import check_row

PLACES = {"Quetta": "Quetta", "Mastung": "Mastung", "Nushki": "Nushki", "Dalbandin": "Chagai",
          "Kharan": "Kharan", "Panjgur": "Panjgur", "Tump": "Kech", "Gwadar": "Gwadar",
          "Pasni": "Gwadar"}


@pytest.fixture(scope="module")
def coded(shared_data, engine_factory):
    engine = engine_factory("acled")
    text = (shared_data / "articles" / "balochistan-2026-02-02.txt").read_text(encoding="utf-8")
    [result] = engine.results([Document("balochistan", text, "2026-02-02")])
    assert result.ok, result.problems
    return engine, result.events


@pytest.fixture(scope="module")
def coded_undated(shared_data, engine_factory):
    """The same article as a reporter may code it, without --date: its page header says
    "February 02, 2026"."""
    engine = engine_factory("acled")
    text = (shared_data / "articles" / "balochistan-2026-02-02.txt").read_text(encoding="utf-8")
    [result] = engine.results([Document("balochistan", text, None)])
    assert result.ok, result.problems
    return result.events


def test_coded_without_a_date_gives_the_same_rows(coded, coded_undated):
    fields = ["event_date", "time_precision", "sub_event_type", "actor1", "actor2",
              "location", "fatalities", "notes"]
    _, events = coded
    assert [[e.get(f) for f in fields] for e in coded_undated] == \
        [[e.get(f) for f in fields] for e in events]


def test_a_battle_at_each_of_the_nine_places(coded):
    _, events = coded
    battles = {e["location"]["location"]: e for e in events
               if e["event_type"] == "Battles" and e["event_date"] == "2026-01-31"}
    assert set(PLACES) <= set(battles)
    for place, district in PLACES.items():
        event = battles[place]
        assert event["admin1"] == "Balochistan" and event["admin2"] == district
        assert {event["actor1"], event["actor2"]} == {"BLA: Baloch Liberation Army",
                                                       "Military Forces of Pakistan (2024-)"}
        assert event["interaction"] == 12


def test_the_reported_total_is_split_across_the_nine(coded):
    _, events = coded
    nine = [e for e in events if e["event_date"] == "2026-01-31"
            and e["location"]["location"] in PLACES]
    assert sum(e["fatalities"] for e in nine) == 92 + 15
    assert all("split" in e["notes"] for e in nine)


def test_acled_csv_has_the_31_columns_and_consistent_rows(coded):
    engine, events = coded
    writer = registered_outputs(engine.pm)["acled-csv"]
    for options in ({}, {"acled_inter": "text"}):
        stream = io.StringIO()
        writer.write(events, stream, WriteContext(engine.codebooks, [], options))
        frame = pd.read_csv(io.StringIO(stream.getvalue()), keep_default_na=False)
        assert list(frame.columns)[:3] == ["event_id_cnty", "event_date", "year"]
        assert len(frame.columns) == 31 and len(frame) == len(events)
        assert set(PLACES) <= set(frame["location"])
        for row in frame.to_dict("records"):
            row = {k: (None if v == "" else v) for k, v in row.items()}
            assert check_row(row) == [], row


def test_no_row_outside_balochistan_and_the_military_acted_overnight(coded):
    """"Speaking to reporters in his hometown of Sialkot" is no event at Sialkot; the 22
    militants killed in follow-up operations were killed by the military."""
    _, events = coded
    assert {e["admin1"] for e in events} == {"Balochistan"}
    [overnight] = [e for e in events if e["event_date"] == "2026-02-01"
                   and e["fatalities"] == 22]
    assert overnight["actor1"] == "Military Forces of Pakistan (2024-)"
    assert overnight["actor2"] == "BLA: Baloch Liberation Army"


def test_no_chaman_row_and_no_event_from_the_ministers_account(coded):
    """The minister's account ("tightened enforcement ..., triggering a major protest at the
    Chaman border"; "the BLA is ... banned internationally") and the opposition's condolences
    for "those killed" summarise what was already coded: nine battles and the overnight
    operations, nothing else."""
    _, events = coded
    assert all((e["location"] or {}).get("location") != "Chaman" for e in events)
    assert len(events) == 10
    assert {e["event_date"] for e in events} == {"2026-01-31", "2026-02-01"}
