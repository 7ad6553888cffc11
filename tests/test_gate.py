"""The sentence gate (eventcoder/gate.py): which sentences are worth a full parse, and the
joined Doc that keeps the original text's offsets. Own sentences, several variants each."""
from __future__ import annotations

import pickle

import pytest

from eventcoder.errors import CodebookError
from eventcoder.gate import (GateSpec, LemmaForms, SentenceGate, is_parsed, load_gate,
                             parse_needed)
from eventcoder.model import Event, Participant, event_key
from eventcoder.parallel import PartitionResult

STRIKE = GateSpec(require=(("air strike", "kidnap", "shoot dead"),), before=0, after=0)


def needed(gate: SentenceGate, text: str) -> list[bool]:
    return gate.needed(gate.split(text))


@pytest.fixture(scope="module")
def strike_gate(nlp):
    return SentenceGate(nlp, [STRIKE])


def test_lemma_forms_cover_regular_and_irregular_inflections(nlp):
    forms = LemmaForms(nlp)
    assert {"attack", "attacks", "attacked", "attacking"} <= forms("attack")
    assert {"fight", "fights", "fought", "fighting"} <= forms("fight")
    assert {"shoot", "shot", "shooting"} <= forms("shoot")
    assert {"militia", "militias"} <= forms("militia")


@pytest.mark.parametrize("text", [
    "Warplanes carried out an air strike on the town.",
    "Air strikes hit two villages near the border.",
    "Gunmen kidnapped two engineers on Tuesday.",
    "Two engineers were kidnapped by unknown gunmen.",
    "Kidnappers are kidnapping aid workers in the north.",
    "Police said a man was shot dead at a checkpoint.",
    "They shoot dead anyone who resists.",
])
def test_a_sentence_with_every_word_of_a_phrase_in_any_form_is_a_candidate(strike_gate, text):
    assert needed(strike_gate, text) == [True]


@pytest.mark.parametrize("text", [
    "The strike by dock workers ended on Monday.",  # "strike" without "air"
    "Shares rallied as the airline reported profits.",
    "He was shot at the award ceremony, the photographer said.",  # "shot" without "dead"
    "The film's dead hero returns in the sequel.",
])
def test_a_sentence_missing_a_word_of_every_phrase_is_not(strike_gate, text):
    assert needed(strike_gate, text) == [False]


def test_context_before_after_and_first_sentences(nlp):
    text = ("Headline about the region\n\nMarkets were calm. Traders were calm. Gunmen "
            "kidnapped a trader. Police arrived later. Shops reopened. Prices fell.")
    cases = {(0, 0, 0): [False, False, False, True, False, False, False],
             (1, 1, 0): [False, False, True, True, True, False, False],
             (0, 2, 1): [True, False, False, True, True, True, False]}
    for (before, after, first), expected in cases.items():
        gate = SentenceGate(nlp, [GateSpec(STRIKE.require, before, after, first)])
        assert needed(gate, text) == expected


def test_several_codebooks_parse_the_union(nlp):
    other = GateSpec(require=(("protest",),), before=0, after=0)
    text = "Gunmen kidnapped a trader. Prices fell. Crowds protested in the capital."
    assert needed(SentenceGate(nlp, [STRIKE]), text) == [True, False, False]
    assert needed(SentenceGate(nlp, [other]), text) == [False, False, True]
    assert needed(SentenceGate(nlp, [STRIKE, other]), text) == [True, False, True]


def test_cue_sentences_are_told_per_codebook_without_their_context(nlp):
    other = GateSpec(require=(("protest",),), before=1, after=1, first=1)
    gate = SentenceGate(nlp, [GateSpec(STRIKE.require, 0, 1, 0), other])
    text = ("Quiet week in the valley\n\nPrices fell. Gunmen kidnapped a trader. Police came. "
            "Farmers protested at the depot. Rain followed. Shops shut.")
    assert gate.cue_sentences(gate.split(text)) == [[2], [4]]
    assert needed(gate, text) == [True, False, True, True, True, True, False]


def test_every_group_must_match(nlp):
    both = GateSpec(require=(("kidnap",), ("police", "army")), before=0, after=0)
    gate = SentenceGate(nlp, [both])
    text = "Gunmen kidnapped a trader. The army kidnapped a trader. The army left."
    assert needed(gate, text) == [False, True, False]


def test_joined_doc_keeps_the_text_and_parses_only_needed_sentences(nlp, strike_gate):
    text = ("Shares rose on Monday.  Gunmen kidnapped two engineers in Goma.\n\n"
            "The weather was fine. Analysts expect more gains.")
    doc, nothing = parse_needed(nlp, strike_gate, [text, "Shares rose on Monday."])
    assert nothing is None
    assert doc.text == text
    parsed = {sent.text.strip(): is_parsed(doc, sent.start) for sent in doc.sents}
    assert parsed == {"Shares rose on Monday.": False,
                      "Gunmen kidnapped two engineers in Goma.": True,
                      "The weather was fine.": False, "Analysts expect more gains.": False}
    kidnapped = next(t for t in doc if t.text == "kidnapped")
    assert (kidnapped.pos_, kidnapped.dep_, kidnapped.idx) == ("VERB", "ROOT",
                                                               text.index("kidnapped"))
    assert [e.text for e in doc.ents if e.label_ == "GPE"] == ["Goma"]
    assert not any(t.pos_ for t in doc if t.text == "weather")


def test_every_sentence_needed_parses_the_text_whole(nlp, strike_gate):
    text = "Gunmen kidnapped two engineers. Air strikes followed."
    (doc,) = parse_needed(nlp, strike_gate, [text])
    assert doc.text == text and all(is_parsed(doc, s.start) for s in doc.sents)


ARTICLE = ("Rebels attack army base near Goma\n\n"
           "The stock market in Kinshasa rose on Monday. Investors bought shares of mining "
           "companies and banks. Analysts expected the currency to stay stable.\n\n"
           "On Sunday, M23 rebels attacked an army base near Goma, killing three soldiers. "
           "The army said it repelled the attack.\n\n"
           "Separately, the football league announced its new season. Fans welcomed it.")


@pytest.mark.parametrize("codebook", ["acled", "cameo"])
def test_events_and_offsets_are_the_same_with_the_gate_on_and_off(engine_factory, codebook):
    def coded(mode):
        engine = engine_factory(codebook, parse=mode)
        return [(e["event_code"], e["text_info"]["start"], e["text_info"]["end"],
                 e["event_text"]) for e in engine.code_texts([ARTICLE])]

    gated, full = coded("candidates"), coded("all")
    assert gated == full and gated
    for _code, start, end, text in gated:
        assert ARTICLE[start:end] == text


def test_an_article_with_nothing_to_code_is_not_parsed(engine_factory):
    engine = engine_factory("acled", parse="candidates")
    assert engine.parse(["Shares rose on Monday. The weather was fine."]) == [None]
    assert engine.code_texts(["Shares rose on Monday. The weather was fine."]) == []


def test_a_codebook_without_a_gate_parses_everything(engine_factory):
    from eventcoder.rules import RuleCodebook
    plain = RuleCodebook({"codebook": "plain", "version": "1", "events": [
        {"code": "01", "verbs": ["attack"]}]})
    assert engine_factory(plain, parse="candidates").gate is None
    assert engine_factory("acled", parse="all").gate is None


def test_unknown_parse_mode_is_refused(engine_factory):
    with pytest.raises(ValueError, match="parse must be one of"):
        engine_factory("acled", parse="some")


def test_gate_file_errors_name_file_and_field(tmp_path):
    bad = tmp_path / "bad.gate.yaml"
    bad.write_text("require:\n  - from: [cues]\ncontext: {after: -1}\n", encoding="utf-8")
    with pytest.raises(CodebookError) as err:
        load_gate(bad, {"cues": ["attack"]}.get)
    assert "bad.gate.yaml" in str(err.value) and "context.after" in str(err.value)
    unknown = tmp_path / "unknown.gate.yaml"
    unknown.write_text("require:\n  - from: [verbs]\n", encoding="utf-8")
    with pytest.raises(CodebookError) as err:
        load_gate(unknown, {"cues": ["attack"]}.get)
    assert "require[0].from" in str(err.value) and "'verbs'" in str(err.value)


def test_acled_gate_names_every_event_cue():
    """Only event cues make an ACLED event: the gate must list each of them."""
    from eventcoder.registry import CodebookRegistry
    from eventcoder.plugins import make_plugin_manager
    from eventcoder_acled.cues import load_triggers
    from eventcoder_acled.lexicon import words
    triggers, _ = load_triggers()
    gate = CodebookRegistry(make_plugin_manager(entrypoints=False)).get("acled").gate
    phrases = {p for groups in gate.sets for p in groups[0]}
    assert all(set(triggers[name]) <= phrases for name in words("event_cues"))


def test_an_alternative_set_of_groups_also_makes_a_candidate(nlp):
    either = GateSpec(require=(("kidnap",),), alternatives=((("sign",), ("rebel", "army")),))
    gate = SentenceGate(nlp, [either])
    text = ("Gunmen kidnapped a trader. The firm signed a contract. Rebels signed a truce. "
            "The army will sign the accord. The army left.")
    assert needed(gate, text) == [True, False, True, True, False]


def test_an_alternative_group_error_names_its_field(tmp_path):
    bad = tmp_path / "alt.gate.yaml"
    bad.write_text("require:\n  - from: [cues]\nalternatives:\n  - require:\n"
                   "      - from: [cues]\n      - from: [actors]\n", encoding="utf-8")
    with pytest.raises(CodebookError) as err:
        load_gate(bad, {"cues": ["attack"]}.get)
    assert "alternatives[0].require[1].from" in str(err.value) and "'actors'" in str(err.value)


@pytest.fixture(scope="module")
def acled_gate(nlp):
    from eventcoder.plugins import make_plugin_manager
    from eventcoder.registry import CodebookRegistry
    spec = CodebookRegistry(make_plugin_manager(entrypoints=False)).get("acled").gate
    return SentenceGate(nlp, [spec])


@pytest.mark.parametrize("text", [
    "Rebels and the government signed a ceasefire in Juba.",
    "A truce was agreed by the militia leaders on Sunday.",
    "Police found a weapons cache in a house near the market.",
    "Large quantities of ammunition were seized at the border.",
    "Troops withdrew from the district after the talks.",
    "The army has built a new base outside the town.",
    "Al-Shabaab announced a new leader for its southern wing.",
    "Thousands of villagers fled their homes.",
    "Protesters set fire to a police post.",
])
def test_acled_gate_passes_a_strategic_cue_beside_an_actor(acled_gate, text):
    assert needed(acled_gate, text) == [True]


@pytest.mark.parametrize("text", [
    "The company signed a deal with its rival on Monday.",
    "She found her keys under the sofa.",
    "Shares fell after the merger was announced.",
    "The band opened its tour with a new song.",
    "The club has built a new stand for its fans.",
])
def test_acled_gate_drops_a_strategic_cue_of_ordinary_news(acled_gate, text):
    assert needed(acled_gate, text) == [False]


def test_one_event_key_for_events_and_their_dicts(nlp):
    doc = nlp("Rebels attacked the army.")
    event = Event("190", None, [Participant("Rebels", "REB")], [Participant("the army")],
                  doc[:], "rule")
    record = event.to_dict(doc_id="1", sentence_index=0, codebook="c", version="1", coder="x")
    assert event_key(event) == event_key(record) == ("'190'", ("REB",), ("the army",))


def test_partition_events_cross_a_process_boundary_as_json_lines():
    records = [{"id": "a", "event_text": "line\u2028separator\nand newline"}, {"id": "b"}]
    result = PartitionResult(3, 1, 2, records)
    assert next(result.iter_events()) is records[0]  # in-process: no copy, no JSON
    state = result.__getstate__()
    assert state["records"].count("\n") == 2 and "\u2028" in state["records"]
    assert pickle.loads(pickle.dumps(result)).records == records


def test_a_crosswalk_from_a_codebook_without_a_gate_parses_everything(tmp_path):
    """PLOVER's gate holds CAMEO's verbs; projected from other dictionaries it cannot know
    which sentences matter."""
    from eventcoder.plugins import make_plugin_manager
    from eventcoder.registry import CodebookRegistry
    registry = CodebookRegistry(make_plugin_manager(entrypoints=False))
    assert registry.get("plover").gate is not None
    source = tmp_path / "words.codebook.yaml"
    source.write_text('codebook: words\nversion: "1"\nevents:\n'
                      '  - {code: "112", verbs: [accuse]}\n', encoding="utf-8")
    projected = tmp_path / "plover-words.codebook.yaml"
    projected.write_text(f'codebook: plover-words\nversion: "1"\nextends: plover\n'
                         f'crosswalk: {{from: {source}, map: {{"112": ACCUSE}}}}\n'
                         f'events: []\n', encoding="utf-8")
    assert registry.get(str(projected)).gate is None
