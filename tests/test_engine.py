"""The Python API: Engine, code(), DataFrames, validation of every event."""
import pandas as pd
import pytest

import eventcoder
from eventcoder import Codebook, Document, Engine, EventValidationError, RuleCodebook

BOOK = {
    "codebook": "mini",
    "version": "1",
    "actors": [{"code": "PAK", "patterns": ["Pakistan", "Pakistani"]},
               {"code": "IND", "patterns": ["India", "Indian"]}],
    "agents": [{"code": "MIL", "patterns": ["troops", "army"]}],
    "events": [{"code": "190", "label": "Fight", "verbs": ["attack"],
                "fields": {"severity": 3}}],
}


def test_code_dataframe_with_metadata(nlp):
    engine = Engine(RuleCodebook(BOOK), nlp=nlp)
    frame = pd.DataFrame({"id": ["x1", "x2"], "text": ["Pakistani troops attacked India.",
                                                       "Nothing happened."],
                          "date": ["2020-01-02", None], "desk": ["asia", "asia"]})
    events = engine.code(frame, date="2020-05-05")
    assert list(events["text_info_doc_id"]) == ["x1"]
    row = events.iloc[0]
    assert (row["event_code"], row["actor_code"], row["recipient_code"]) == ("190", "PAKMIL", "IND")
    assert row["date"] == "2020-01-02"
    assert row["meta_desk"] == "asia"
    assert row["severity"] == 3
    assert row["cite_info_rule"] == "events[0].verbs[0]"


def test_code_function_accepts_plain_strings(monkeypatch, nlp):
    monkeypatch.setattr("eventcoder.engine.load_model", lambda name=None: nlp)
    frame = eventcoder.code("Indian army attacked Pakistan.", codebook=RuleCodebook(BOOK))
    assert frame[["actor_code", "recipient_code"]].values.tolist() == [["INDMIL", "PAK"]]


def test_negated_events_are_dropped_or_flagged(nlp):
    text = "Indian troops did not attack Pakistan."
    assert Engine(RuleCodebook(BOOK), nlp=nlp).code(text).empty
    flagged = {**BOOK, "options": {"negation": "flag"}}
    events = Engine(RuleCodebook(flagged), nlp=nlp).code(text)
    assert events["negated"].tolist() == [True]


class BrokenCodebook(Codebook):
    id, version, coder = "broken", "0", "test"
    schema = {"properties": {"severity": {"type": "integer"}}, "required": ["severity"]}

    def code(self, doc, sentences, ctx):
        rule = RuleCodebook(BOOK)
        rule.prepare(ctx_nlp[0])
        events = rule.code(doc, sentences, ctx)
        for event in events:
            event.fields["severity"] = "high"
        return events


ctx_nlp = []


def test_invalid_event_is_a_located_error(nlp):
    ctx_nlp[:] = [nlp]
    engine = Engine(BrokenCodebook(), nlp=nlp)
    with pytest.raises(EventValidationError) as err:
        engine.code_texts(["Pakistani troops attacked India."])
    assert "broken produced an invalid event: 'high': of type 'integer'" in str(err.value)
    assert "0:broken:0: severity" in str(err.value)


def test_results_isolate_a_failing_document(nlp):
    class Fragile(Codebook):
        id, version = "fragile", "1"

        def code(self, doc, sentences, ctx):
            if "boom" in doc.text:
                raise ValueError("unexpected parse")
            return []

    engine = Engine(Fragile(), nlp=nlp)
    docs = [Document("a", "calm"), Document("b", "boom", origin="in.jsonl:2"),
            Document("c", "calm")]
    results = list(engine.results(docs))
    assert [r.ok for r in results] == [True, False, True]
    assert str(results[1].problems[0]) == (
        "in.jsonl:2: id=b: coding failed: ValueError: unexpected parse")


class Recorder(Codebook):
    """Records how many candidates each sentence came with."""

    id, version = "recorder", "1"

    def __init__(self, reads_candidates):
        self.reads_candidates = reads_candidates
        self.seen = []

    def code(self, doc, sentences, ctx):
        self.seen += [len(candidates) for _, _, candidates in sentences]
        return []


@pytest.mark.parametrize("text", ["Pakistani troops attacked Indian posts.",
                                  "Rebels shelled the town. The army fought back.",
                                  "Police arrested protesters who blocked a road."])
def test_candidates_are_extracted_only_for_a_codebook_that_reads_them(nlp, text):
    reading, ignoring = Recorder(True), Recorder(False)
    Engine(reading, nlp=nlp, parse="all").code_texts([text])
    Engine(ignoring, nlp=nlp, parse="all").code_texts([text])
    assert sum(reading.seen) > 0 and len(ignoring.seen) == len(reading.seen)
    assert set(ignoring.seen) == {0}
    both = [Recorder(True), Recorder(False)]  # several codebooks: extracted for all
    Engine(both, nlp=nlp, parse="all").code_texts([text])
    assert both[0].seen == both[1].seen == reading.seen
