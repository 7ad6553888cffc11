"""ACLED's readings (the sub-event types the typing rules after the deciding one give) are
made only when a trained model reads them: a model is loaded, or training collects samples.
They are the same values as the rules give when run again from the start, training and
coding with a model still see them, and coding without a model gives the same events."""
from __future__ import annotations

import copy

import pytest

from eventcoder import Engine
from eventcoder.bench.gold import GoldRecord
from eventcoder.learn.samples import Sample, code_records

from eventcoder_acled import lexicon
from eventcoder_acled.classify import Typed, _sides
from eventcoder_acled.passage import Passage

DAY = "2024-05-06"
# several mechanisms, each told more than one way: a later rule reads the passage otherwise
TEXTS = [
    "Police arrested three men after they attacked a checkpoint in Quetta, killing a guard.",
    "Two guards were killed when gunmen attacked a checkpoint in Quetta; police later "
    "arrested three suspects.",
    "Gunmen abducted four traders on the road to Maiduguri and freed them after a ransom "
    "was paid.",
    "Four traders were kidnapped by armed men near Maiduguri on Sunday.",
    "Rebels seized the town of Kiwanja after clashes with the army on Friday.",
    "The town of Kiwanja was captured by M23 fighters following heavy fighting with troops.",
    "Protesters threw stones at police in Nairobi, who fired tear gas; 12 people were "
    "arrested.",
    "Rioters torched shops in Kisumu and police detained dozens of them.",
    "Bandits stole 200 cows from herders in Pibor and shot dead one herder.",
    "The army and the rebels signed a ceasefire in Juba on Wednesday after weeks of fighting.",
    "Soldiers and militants exchanged fire near Turbat on Sunday, killing two soldiers.",
]
LABELS = ["Arrests", "Agreement", "Armed clash", "Looting/property destruction", "Attack",
          "Violent demonstration", "Disrupted weapons use"]


@pytest.fixture(scope="module")
def engine(nlp):
    return Engine(["acled"], nlp=nlp, strict=False)


def records() -> list[GoldRecord]:
    return [GoldRecord(str(i), text, [], DAY) for i, text in enumerate(TEXTS)]


def trained_events(engine) -> list[tuple[list[dict], object]]:
    """Each record's events and parse as training codes them."""
    return [(coded.events, coded.doc) for coded in code_records(engine, records())]


def without_readings(events: list[dict]) -> list[dict]:
    events = copy.deepcopy(events)
    for event in events:
        event["cite_info"].pop("readings")
    return events


def test_resuming_the_rules_gives_the_readings_a_fresh_run_gives(engine):
    """One pass over the rules, resumed after the deciding one, reads every sentence as
    running all the rules again does (decision and readings)."""
    book = engine.codebooks[0]
    told = 0
    with lexicon.using(book.vocabulary):
        for text in TEXTS:
            for sent in engine.nlp(text).sents:
                passage = Passage([sent], book.cues.find(sent), book.lexicon.find(sent))
                typed, sides = Typed(passage, book.rules), _sides(passage)
                first = book.rules.run(passage, *sides)
                assert (typed.decision and (typed.decision.sub_event_type,
                                             typed.decision.rule)) == \
                    (first and (first.sub_event_type, first.rule))
                assert typed.readings() == book.rules.readings(passage, *sides)
                assert typed.readings() == typed.readings()  # asked twice: the same list
                told += bool(typed.readings())
    assert told >= 4  # the texts do test readings


def test_training_samples_carry_the_readings(engine):
    coded = trained_events(engine)
    events = [e for found, _ in coded for e in found]
    assert len(events) >= len(TEXTS) - 1
    assert all(isinstance(e["cite_info"]["readings"], list) for e in events)
    assert sum(bool(e["cite_info"]["readings"]) for e in events) >= 4
    assert engine.collecting_samples is False  # only while training codes the records


def test_coding_without_a_model_gives_the_same_events_without_reading_them(engine,
                                                                           monkeypatch):
    coded = trained_events(engine)

    def never(self):
        raise AssertionError("readings made with no model to read them")
    monkeypatch.setattr(Typed, "readings", never)
    assert not engine.for_model
    plain = engine.code_texts(TEXTS, date=DAY)
    assert plain == [e for events, _ in coded for e in without_readings(events)]


@pytest.fixture(scope="module")
def reading_model(engine):
    """A model that reads nothing but the readings (each reading names its label), allowed
    to overrule the rules everywhere: what it decides shows what it read."""
    from eventcoder.learn.estimator import build_estimator, frame
    from eventcoder.learn.hybrid import Policy
    from eventcoder.learn.trained import TrainedModel
    samples = [Sample(n, "", {f"reading={label}": 1}, label)
               for n, label in enumerate(LABELS * 3)]
    model = build_estimator(use_text=False).fit(frame(samples), [s.label for s in samples])
    return TrainedModel(model, Policy({label: 0.0 for label in LABELS}), engine.codebooks[0],
                        "readings")


def test_coding_with_a_model_gives_what_the_model_gives_on_training_samples(nlp, engine,
                                                                             reading_model):
    """Loaded (here set on the engine, as a caller may), the model sees the readings at
    coding time exactly as training made them; without them it would decide otherwise."""
    coded = trained_events(engine)
    with_model = Engine(["acled"], nlp=nlp, strict=False)
    with_model.trained = reading_model
    assert with_model.for_model
    coding = with_model.code_texts(TEXTS, date=DAY)
    expected = [e for events, doc in coded
                for e in reading_model.revise(copy.deepcopy(events), doc)]
    assert coding == expected
    blind = [e for events, doc in coded
             for e in reading_model.revise(without_readings(events), doc)]
    assert [e["sub_event_type"] for e in blind] != [e["sub_event_type"] for e in expected]
