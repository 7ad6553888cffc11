"""Property tests: for any text, coding never fails, every event is valid and points inside
the text, a sentence yields a bounded number of events, and every writer round-trips through
pandas. Budget: the "default" hypothesis profile (200 examples); HYPOTHESIS_PROFILE=ci-long
runs 2000 (see README, Robustness)."""
from __future__ import annotations

import functools
import io
import json
import logging
import re
import time
from collections import Counter

import pandas as pd
import pytest
from hypothesis import event, given
from hypothesis import strategies as st

from eventcoder import Document
from eventcoder.fileformats import neutralise
from eventcoder.formats import WriteContext, registered_outputs
from eventcoder.frames import columns_for, flatten
from eventcoder.plugins import make_plugin_manager
from eventcoder.registry import CodebookRegistry
from eventcoder.validation import event_validator

WORDS = ["Pakistani", "troops", "attacked", "Indian", "soldiers", "in", "Gwadar", "police",
         "arrested", "protesters", "rebels", "clashed", "with", "the", "army", "Congolese",
         "militants", "killed", "12", "civilians", "did", "not", "visit", "Kinshasa", "and",
         "accused", "government", "of", "said", "on", "Monday", ".", ",", "\"", "'s", "-",
         "Islamabad", "New Delhi", "president", "met", "minister", "M23", "Goma", "bombed"]
NOISE = st.one_of(
    st.sampled_from(["🙂", "👍🏽", "🇮🇳", "مرحبا", "שלום", "\u202e", "\u200f", "\u200b", "\x00",
                     "\x07", "\r\n", "\u2028", "\ufeff", "ﬁ", "İ", "ß", "ǅ", "\u0301", "Ⅻ",
                     "…", "“", "\t", "\n\n", "   ", "日本", "東京", "Ωμέγα", "Дума"]),
    st.text(max_size=6))
TOKENS = st.lists(st.one_of(st.sampled_from(WORDS), NOISE), max_size=60)
PHRASE = st.sampled_from(["Pakistani troops", "Indian police", "Congolese rebels", "The army",
                          "M23 militants", "Protesters", "the president of \"Kinshasa\"",
                          "Islamabad, New Delhi and Goma", "soldiers; rebels", "=cmd|'/C calc'"])
VERB = st.sampled_from(["attacked", "arrested", "visited", "accused", "clashed with", "killed",
                        "bombed", "did not attack", "met", "protested against", "fought"])
SENTENCE = st.tuples(PHRASE, NOISE, VERB, PHRASE, st.sampled_from([".", "!", "", " 🙂", ".\n"])
                     ).map(lambda p: f"{p[0]} {p[1]}{p[2]} {p[3]}{p[4]}")
TEXTS = st.one_of(st.lists(SENTENCE, min_size=1, max_size=4).map(" ".join),
                  TOKENS.map(" ".join), TOKENS.map("".join), st.text(max_size=300))


CODEBOOKS = [ref.id for ref in CodebookRegistry(make_plugin_manager()).refs()]


@pytest.fixture(scope="module", params=CODEBOOKS)
def each_codebook(request, engine_factory):
    """An engine per registered codebook (CAMEO, ACLED, PLOVER, ...), so one that fails to
    load fails its own tests only."""
    return engine_factory(request.param)


def check_events(text: str, events: list[dict], engine) -> None:
    """The promises every event keeps, whatever the text."""
    books = {book.id: book for book in engine.codebooks}
    core = event_validator()
    per_sentence: Counter = Counter()
    for event in events:
        book = books[event["cite_info"]["codebook"]]
        assert not list(book.validator.iter_errors(event)), event
        assert not list(core.iter_errors(event)), event
        info = event["text_info"]
        assert 0 <= info["start"] <= info["end"] <= len(text)
        assert text[info["start"]:info["end"]] == event["event_text"]
        if info.get("action_start") is not None:
            start = info["action_start"]
            assert info["start"] <= start and text[start:start + len(info["action"])] == \
                info["action"]
        for person in event["actor"] + event["recipient"]:
            if person.get("start") is not None:
                assert 0 <= person["start"] <= person["end"] <= len(text)
                assert text[person["start"]:person["end"]] == person["text"]
        per_sentence[book.id, info["start"]] += 1
    for (book_id, _), count in per_sentence.items():
        limit = getattr(books[book_id], "options", {}).get("max_events_per_sentence", 50)
        assert count <= limit, f"{book_id}: {count} events from one sentence"


@given(text=TEXTS)
def test_any_text_codes_into_valid_events_inside_the_text(each_codebook, text):
    [result] = each_codebook.results([Document("d", text)])
    assert result.problems == []
    check_events(text, result.events, each_codebook)
    event("some events" if result.events else "no events")  # --hypothesis-show-statistics


EDGE_TEXTS = {"empty": "", "space": " ", "whitespace": "\n\n\t", "controls": "\x00\x01\x02",
              "bom": "\ufeff", "emoji": "🙂" * 50, "arabic": "مرحبا بالعالم. حذر الجيش",
              "rtl-override": "\u202eIndian army attacked Pakistan",
              "combining": "Pakistani troops attacked " + "\u0301" * 500 + " India."}


@pytest.mark.parametrize("text", EDGE_TEXTS.values(), ids=EDGE_TEXTS.keys())
def test_edge_texts_code_without_problems(each_codebook, text):
    [result] = each_codebook.results([Document("edge", text)])
    assert result.problems == []
    check_events(text, result.events, each_codebook)


def test_a_long_coordinated_sentence_is_capped_with_a_warning(engine_factory, caplog):
    """PETRARCH once turned one sentence into 51 events; the cap holds and says so."""
    from eventcoder import RuleCodebook
    names = [f"Zorland{i}" for i in range(60)]
    book = RuleCodebook({"codebook": "many", "version": "1",
                         "actors": [{"code": f"Z{i:02d}", "patterns": [n]}
                                    for i, n in enumerate(names)],
                         "options": {"max_events_per_sentence": 10},
                         "events": [{"code": "190", "verbs": ["attack"]}]})
    engine = engine_factory(book, strict=True)
    text = ", ".join(names[:30]) + " and Zorland59 attacked " + ", ".join(names[30:59]) + \
        " and Zorland58."
    with caplog.at_level(logging.WARNING, logger="eventcoder"):
        [result] = engine.results([Document("many", text)])
    assert len(result.events) == 10
    assert "keeping the first 10" in caplog.text
    check_events(text, result.events, engine)


def test_a_one_megabyte_text_is_coded_not_rejected(engine_factory):
    """spaCy refuses texts over nlp.max_length (1,000,000 characters); the engine codes
    them in pieces, with offsets into the whole text."""
    engine = engine_factory("cameo")
    first, last = "Pakistani troops attacked Indian soldiers.", "Indian police arrested militants."
    padding = "\n" * 600_000 + " " * 450_000
    text = first + padding + last
    assert len(text) > engine.nlp.max_length
    [result] = engine.results([Document("big", text)])
    assert result.problems == []
    check_events(text, result.events, engine)
    assert {e["event_text"].strip() for e in result.events} >= {first, last}


# -- writers -------------------------------------------------------------------------------
NASTY = st.text(alphabet=st.one_of(st.sampled_from(list("\"',;\n\r\t=+-@ |!#")),
                                   st.characters(blacklist_categories=("Cs",))), max_size=20)
NUMBER = st.one_of(st.none(), st.floats(-180, 180, allow_nan=False).map(lambda x: round(x, 6)))


def make_event(number: int, actor: str, recipient: str, note: str, longitude) -> dict:
    """A schema-valid event whose free-text fields hold whatever hypothesis draws."""
    return {
        "id": f"doc:cameo:{number}", "date": "2024-05-01", "event_code": "190",
        "event_label": note, "mode": None, "context": [note] if note else [],
        "actor": [{"text": actor, "code": "PAKMIL", "sector": "MIL", "start": 0,
                   "end": len(actor)}],
        "recipient": [{"text": recipient, "code": None, "sector": None, "start": None,
                       "end": None}],
        "location": {"location": note, "country": "Pakistan", "latitude": None,
                     "longitude": longitude},
        "size": {"dead": number, "injured": None, "arrested": None}, "negated": False,
        "event_text": f"{actor} attacked {recipient}.",
        "text_info": {"doc_id": "doc", "sentence": 0, "start": 0, "end": 5, "action": None,
                      "action_start": None},
        "cite_info": {"codebook": "cameo", "version": "1", "coder": "test", "rule": "r",
                      "source": note or None},
        "meta": {"desk": note},
    }


EVENTS = st.lists(st.builds(make_event, st.integers(0, 10**6), NASTY, NASTY, NASTY, NUMBER),
                  max_size=5)


@functools.lru_cache(maxsize=1)
def outputs() -> dict:
    """The registered output formats (looked up once: entry points are slow to scan)."""
    return registered_outputs(make_plugin_manager())


def write(fmt: str, events: list[dict], csv_safe: bool = True) -> bytes:
    writer = outputs()[fmt]
    stream = io.BytesIO() if writer.binary else io.StringIO(newline="")
    ctx = WriteContext([], columns_for([]), {"csv_safe": csv_safe})
    assert writer.write(iter(events), stream, ctx) == len(events)
    value = stream.getvalue()
    return value if writer.binary else value.encode("utf-8")


def csv_cell(value, csv_safe: bool) -> str:
    """What a CSV cell must read back as (pandas, dtype=str): '' for None."""
    if value is None:
        return ""
    return str(neutralise(value) if csv_safe else value)


@pytest.mark.parametrize("csv_safe", [True, False])
@given(events=EVENTS)
def test_csv_round_trips_through_pandas(events, csv_safe):
    data = write("csv", events, csv_safe)
    if not events:
        return
    frame = pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False)
    rows = [flatten(e) for e in events]
    assert len(frame) == len(rows)
    for row, (_, read) in zip(rows, frame.iterrows()):
        for key, value in row.items():
            assert read[key] == csv_cell(value, csv_safe), key


@given(events=EVENTS)
def test_jsonl_round_trips_through_pandas(events):
    data = write("jsonl", events)
    assert [json.loads(line) for line in data.decode("utf-8").split("\n")[:-1]] == events
    if events:
        frame = pd.read_json(io.BytesIO(data), lines=True, dtype=False, precise_float=True)
        records = [{k: (None if isinstance(v, float) and v != v else v) for k, v in r.items()}
                   for r in frame.to_dict("records")]
        assert records == events


def test_csv_safe_neutralises_formulas_but_not_numbers():
    event = make_event(1, "=HYPERLINK(\"http://x\")", "@SUM(A1)", "+1 pressure", -1.5)
    frame = pd.read_csv(io.BytesIO(write("csv", [event])), keep_default_na=False)
    row = frame.iloc[0]
    assert row["actor_text"] == "'=HYPERLINK(\"http://x\")"
    assert row["recipient_text"] == "'@SUM(A1)"
    assert row["event_label"] == "'+1 pressure"
    assert row["location_longitude"] == -1.5  # a number, not the text "'-1.5"
    raw = pd.read_csv(io.BytesIO(write("csv", [event], csv_safe=False)), keep_default_na=False)
    assert raw.iloc[0]["actor_text"] == "=HYPERLINK(\"http://x\")"


# -- ACLED: derived fields stay consistent, acled-csv round-trips ------------------------------
def acled_consistency(row: dict) -> list[str]:
    """ACLED's own rule (taxonomy.check_row) plus the interaction arithmetic, stated here."""
    taxonomy = pytest.importorskip("eventcoder_acled.taxonomy")
    problems = taxonomy.check_row(row)
    inter1, inter2 = (int(row.get(k) or 0) for k in ("inter1", "inter2"))
    low, high = sorted((inter1, inter2))
    expected = 10 * inter1 if not inter2 else 10 * low + high
    if str(row.get("interaction")) != str(expected):
        problems.append(f"interaction {row.get('interaction')!r} for inter {inter1}/{inter2}")
    return problems


@pytest.fixture(scope="module")
def acled_engine(engine_factory):
    if "acled" not in CODEBOOKS:
        pytest.skip("the acled codebook is not registered")
    return engine_factory("acled")


@given(text=st.lists(SENTENCE, min_size=1, max_size=3).map(" ".join))
def test_acled_inter_interaction_and_disorder_type_are_consistent(acled_engine, text):
    [result] = acled_engine.results([Document("d", text, date="2024-05-01")])
    assert result.problems == []
    for event in result.events:
        assert acled_consistency(event) == [], event


ACLED_TEXTS = ["M23 rebels attacked Congolese soldiers in Goma, killing 12 civilians.",
               "Police arrested protesters in Nairobi on Monday.",
               "Unidentified gunmen killed three villagers in Borno."]


@pytest.fixture(scope="module")
def acled_events(acled_engine):
    results = acled_engine.results(Document(str(i), t, date="2024-05-01")
                                   for i, t in enumerate(ACLED_TEXTS))
    events = [e for r in results for e in r.events]
    assert events, "the ACLED codebook codes these sentences"
    return events


@pytest.mark.parametrize("csv_safe", [True, False])
@given(names=st.lists(st.tuples(NASTY, NASTY, NASTY), min_size=1, max_size=4))
def test_acled_csv_round_trips_through_pandas(acled_events, csv_safe, names):
    export = pytest.importorskip("eventcoder_acled.export")
    events = []
    for number, (actor, place, note) in enumerate(names):
        event = json.loads(json.dumps(acled_events[number % len(acled_events)]))
        event.update(actor1=actor or "Rebels", notes=note, assoc_actor_1=[actor, note],
                     location={**(event.get("location") or {}), "location": place})
        event["admin1"] = place
        events.append(event)
    options = {"csv_safe": csv_safe, "acled_timestamp": 1_700_000_000}
    writer = outputs()["acled-csv"]
    stream = io.StringIO(newline="")
    writer.write(iter(events), stream, WriteContext([], [], options))
    frame = pd.read_csv(io.StringIO(stream.getvalue()), dtype=str, keep_default_na=False)
    expected = list(export.acled_rows(json.loads(json.dumps(events)), options))
    assert list(frame.columns) == export.columns() and len(frame) == len(expected)
    for row, (_, read) in zip(expected, frame.iterrows()):
        for column, value in row.items():
            assert read[column] == csv_cell(value, csv_safe), column
        if read["sub_event_type"]:
            assert acled_consistency(dict(read)) == []


# -- runs without spaces: spaCy's tokenizer is quadratic in them -------------------------------
@given(text=st.text(alphabet="!?🙂\") a\n", max_size=3000), limit=st.integers(2, 5000))
def test_no_piece_holds_a_long_run_without_spaces(text, limit):
    from eventcoder.chunking import MAX_RUN_CHARS, split_text
    pieces = split_text(text, limit)
    assert "".join(piece for _, piece in pieces) == text
    assert all(text[at:at + len(piece)] == piece and len(piece) <= limit for at, piece in pieces)
    assert not any(re.search(r"\S{%d}" % (MAX_RUN_CHARS + 1), piece) for _, piece in pieces)


def test_a_long_run_of_emoji_is_coded_in_bounded_time(engine_factory):
    """20,000 emoji in a row took spaCy's tokenizer ~100 s; in pieces it takes a few."""
    engine = engine_factory("cameo")
    first = "Pakistani troops attacked Indian soldiers."
    text = f"{first} {'🙂' * 20_000} {'!?' * 5_000} Indian police arrested militants."
    start = time.perf_counter()
    [result] = engine.results([Document("run", text)])
    assert time.perf_counter() - start < 60
    assert result.problems == []
    check_events(text, result.events, engine)
    assert {e["event_text"].strip() for e in result.events} >= {
        first, "Indian police arrested militants."}
