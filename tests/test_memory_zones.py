"""`eventcoder code` codes each partition inside a spaCy memory zone (parallel.code_partition),
which drops the strings added to the vocabulary during the zone when it ends. A matcher
compiled on first use, inside one partition's zone, must still name its matches in the
next partitions (it used to fail with E018 "Can't retrieve string for hash")."""
from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from eventcoder.model import Document
from eventcoder.parallel import CoderSpec, code_partition
from eventcoder_acled.places import origins

FIRST = "Police arrested two men in Quetta on Monday ."  # no cue: the matcher is compiled

# (words, lemmas where they differ from the lower-cased word, the place, the cue's rule)
CASES = [
    ("Residents of Kalat protested against power cuts in Quetta .", {}, "Kalat",
     "origin_of_people"),
    ("A trader from Multan was shot dead in Quetta .", {"was": "be", "shot": "shoot"},
     "Multan", "origin_of_people"),
    ("Gunmen abducted two farmers from Bannu near Lakki .", {"farmers": "farmer"}, "Bannu",
     "origin_of_people"),
    ("The militants withdrew towards Filingue after they attacked Tera .",
     {"withdrew": "withdraw"}, "Filingue", "destination_cues"),
    ("Villagers fled to Kalat when gunmen raided Khuzdar .", {"fled": "flee"}, "Kalat",
     "destination_cues"),
    ("Speaking in his hometown of Sialkot , the minister condemned the attack .", {},
     "Sialkot", "origin_cues"),
    ("The teacher , a native of Swat , was killed in Peshawar .", {}, "Swat", "origin_cues"),
]


def _doc(nlp, text: str, lemmas: dict[str, str] | None = None) -> Doc:
    words = text.split()
    return Doc(nlp.vocab, words=words,
               lemmas=[(lemmas or {}).get(w, w.lower()) for w in words])


@pytest.mark.parametrize("text, lemmas, place, rule", CASES)
def test_origin_cues_compiled_in_one_zone_name_matches_in_the_next(monkeypatch, text, lemmas,
                                                                    place, rule):
    monkeypatch.setattr(origins, "_COMPILED", {})
    nlp = spacy.blank("en")
    with nlp.memory_zone():  # the first partition compiles the cue matcher
        first = _doc(nlp, FIRST)
        assert origins.origin(first, first[5].idx) is None
    with nlp.memory_zone():
        doc = _doc(nlp, text, lemmas)
        at = next(t for t in doc if t.text == place)
        assert origins.origin(doc, at.idx) == rule


def test_partitions_after_the_first_code_as_a_single_pass_does(monkeypatch, engine_factory):
    """End to end on the real pipeline: partitions coded one after another (each in its
    zone) fail no document and give the events the engine gives outside any zone."""
    monkeypatch.setattr(origins, "_COMPILED", {})  # compiled in the first partition's zone
    engine = engine_factory("acled")
    documents = [Document(f"d{n}", text.replace(" .", ".").replace(" ,", ","),
                          date="2025-04-25")
                 for n, text in enumerate([FIRST] + [case[0] for case in CASES])]
    spec = CoderSpec(("acled",))
    results = [code_partition(spec, index, [document], engine=engine)
               for index, document in enumerate(documents)]
    assert [r.failures for r in results] == [[]] * len(documents)
    alone = [event for outcome in engine.results(documents) for event in outcome.events]
    assert [event for r in results for event in r.records] == alone
    assert len(alone) >= len(CASES)
