"""The fast path of event validation (jsonschema-rs first) gives exactly jsonschema's
verdict and messages: on valid events, on each kind of invalid one, and on values that are
not plain JSON (which only jsonschema judges)."""
import copy
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eventcoder.validation import collect, event_problems, event_validator

PLOVER_SCHEMA = Path(__file__).resolve().parent.parent / "codebooks/plover/plover.schema.json"

VALID = {
    "id": "doc1:plover:0", "date": "2024-03-01", "event_code": "CONSULT", "event": "CONSULT",
    "actor": [], "recipient": [], "mode": "visit", "context": ["diplomatic"],
    "location": {"location": "Paris", "iso": 250, "latitude": 48.8, "longitude": 2.3,
                 "geo_precision": 2},
    "size": {"dead": 0, "injured": None},
    "negated": False, "event_text": "The ministers met in Paris.",
    "text_info": {"doc_id": "doc1", "sentence": 0, "start": 0, "end": 6},
    "cite_info": {"codebook": "plover", "version": "1", "coder": "eventcoder", "rule": "r"},
}


VALIDATORS = {"core": event_validator(),
              "plover": event_validator(json.loads(PLOVER_SCHEMA.read_text(encoding="utf-8")))}


@pytest.fixture(scope="module", params=sorted(VALIDATORS))
def validator(request):
    return VALIDATORS[request.param]


def changed(path, value):
    event = copy.deepcopy(VALID)
    *parents, last = path
    target = event
    for key in parents:
        target = target[key]
    target[last] = value
    return event


@pytest.mark.parametrize("event", [
    VALID,
    changed(["date"], "1 March"),                     # pattern
    changed(["date"], "2024\n"),                      # Python's $ before a final newline
    changed(["mode"], "phone call"),                  # enum inside PLOVER's if/then
    changed(["event_code"], ""),                      # minLength
    changed(["location", "latitude"], 91.5),          # maximum
    changed(["location", "iso"], 250.0),              # an integral float is an integer
    changed(["size", "dead"], -1),                    # minimum
    changed(["size", "dead"], 2 ** 70),               # beyond 64 bits
    changed(["text_info", "sentence"], True),         # a bool is not an integer
    changed(["context"], ("diplomatic",)),            # a tuple is not a JSON array
    changed(["size", "dead"], float("nan")),          # not JSON at all
    {k: v for k, v in VALID.items() if k != "cite_info"},  # required
], ids=lambda e: next((f"{k}={e[k]!r}"[:30] for k in e if e[k] != VALID.get(k)), "some"))
def test_same_verdict_and_messages_as_jsonschema(validator, event):
    assert event_problems(validator, event, "f.jsonl") == collect(validator, event, "f.jsonl")


def test_the_example_event_is_valid(validator):
    assert event_problems(validator, VALID) == []


def test_invalid_event_is_reported_with_its_place(validator):
    problems = event_problems(validator, changed(["size", "dead"], -1), "f.jsonl")
    assert [p.field for p in problems] == ["size.dead"]


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner,
                                                                 max_size=3),
    max_leaves=6)


@given(key=st.sampled_from(sorted(VALID)), value=JSON_VALUES)
def test_any_json_value_in_any_field_gets_jsonschemas_verdict(key, value):
    for validator in VALIDATORS.values():
        event = changed([key], value)
        assert event_problems(validator, event) == collect(validator, event)
