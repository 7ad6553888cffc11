"""Entities on demand (eventcoder/entities.py): the NER runs only on documents where a
codebook asks for an entity, and the events are those of the full pipeline. Own sentences,
several variants per mechanism: pronoun agreement (CAMEO reads the antecedent's entity type)
and nominal events whose modifier names the actor ("the Russian attack")."""
from __future__ import annotations

import json

import pytest
from spacy.attrs import ENT_IOB, ENT_TYPE

from eventcoder import Document, Engine, entities, hookimpl
from eventcoder.gate import GateSpec, SentenceGate, parse_needed
from eventcoder.plugins import make_plugin_manager
from eventcoder.rules import RuleCodebook

pytestmark = pytest.mark.model

PRONOUNS = [  # an actor named, then a pronoun standing for it (or not: he is no country)
    "Gordon Brown visited Kenya on Monday. He criticised the government in Nairobi.",
    "The Egyptian president met Israeli officials. He later accused Israel of aggression.",
    "Iran rejected the proposal. It accused the United States of bad faith.",
    "Kenyan police arrested protesters in Nairobi. They were accused of rioting.",
    "Angela Merkel will travel to Paris. She is expected to praise France for its help.",
]
NOMINAL = [  # the event is a noun; its modifier (a nationality, a country) is the actor
    "The Russian attack on Kyiv killed four people.",
    "Residents fled after an Israeli air strike on Gaza overnight.",
    "Iraq condemned the Turkish attack on Kurdish villages.",
    "An Iranian threat against shipping in the Gulf worried traders.",
    "Talks between Sudan and Chad on the border dispute resumed in Khartoum.",
]
NOTHING_READ = "Share prices rose in London on Monday as investors bought bank shares."


@pytest.fixture(scope="module")
def fresh_nlp():
    """A pipeline of its own: the session's may carry a pipe after the NER (ACLED's)."""
    from eventcoder.nlp import load_model
    return load_model()


@pytest.fixture(scope="module")
def engines(fresh_nlp):
    """One engine per codebook, built on first use."""
    built: dict[str, Engine] = {}

    def engine(name: str) -> Engine:
        if name not in built:
            built[name] = Engine([name], nlp=fresh_nlp)
        return built[name]
    return engine


@pytest.mark.parametrize("codebook", ["cameo", "plover", "acled-from-cameo"])
@pytest.mark.parametrize("texts", [PRONOUNS, NOMINAL,
                                   [NOTHING_READ] + PRONOUNS[:2] + NOMINAL[:2]],
                         ids=["pronouns", "nominal", "mixed"])
def test_events_are_those_of_the_full_pipeline(engines, codebook, texts):
    engine = engines(codebook)
    assert engine.deferred_ner == "ner"
    lazy = json.dumps(engine.code_texts(texts), sort_keys=True, default=str)
    try:
        engine.deferred_ner = None  # the NER with the parse, as with parse="all"
        full = json.dumps(engine.code_texts(texts), sort_keys=True, default=str)
    finally:
        engine.deferred_ner = "ner"
    assert lazy == full
    if codebook != "acled-from-cameo" or texts is NOMINAL:  # it codes violence only
        assert json.loads(full)


def test_the_ner_runs_only_where_an_entity_is_asked_for(engines):
    engine = engines("cameo")
    docs = engine.parse([NOTHING_READ, PRONOUNS[0]])
    assert all(entities.PENDING_KEY in doc.user_data and not doc.ents for doc in docs)
    for doc, text in zip(docs, [NOTHING_READ, PRONOUNS[0]]):
        engine.code_doc(doc, Document("x", text))
    quiet, asked = docs
    assert entities.PENDING_KEY in quiet.user_data and not quiet.ents
    assert asked.user_data[entities.PENDING_KEY].done  # labelled (whole: a short text)
    assert {e.text for e in asked.ents} >= {"Gordon Brown", "Kenya"}


@pytest.mark.parametrize("text", [
    "Markets were calm in Tokyo. Gunmen kidnapped two engineers in Goma. Prices fell in Oslo.",
    "Rebels shot dead a chief in Beni.\n\nThe weather in Lagos was fine. Police in Kano "
    "said an air strike hit Maiduguri.",
    "Nothing happened in Paris. Nothing happened in Rome. Soldiers kidnapped a mayor in Gao.",
])
def test_a_gated_document_gets_the_entities_of_its_parsed_stretches(fresh_nlp, text):
    gate = SentenceGate(fresh_nlp, [GateSpec(require=(("kidnap", "shoot dead",
                                                       "air strike"),))])
    (eager,) = parse_needed(fresh_nlp, gate, [text])
    (lazy,) = parse_needed(fresh_nlp, gate, [text], defer_ner="ner")
    assert lazy.user_data[entities.PENDING_KEY].stretches[0][1] is not lazy  # joined
    entities.ensure_entities(lazy)
    attrs = [ENT_IOB, ENT_TYPE]
    assert (lazy.to_array(attrs) == eager.to_array(attrs)).all()
    assert [(e.text, e.label_) for e in lazy.ents] == [(e.text, e.label_) for e in eager.ents]
    assert lazy.ents


def test_entity_type_runs_the_ner_once(fresh_nlp):
    with fresh_nlp.select_pipes(disable=["ner"]):
        doc = fresh_nlp("Kenyan troops entered Somalia.")
    calls = []
    ner = fresh_nlp.get_pipe("ner")
    entities.defer(doc, lambda d: calls.append(1) or ner(d))
    assert entities.entity_type(doc[3]) == "GPE"
    assert entities.entity_type(doc[0]) == "NORP" and calls == [1]


SENTENCES = [  # entities at sentence edges, spanning words, sentences shorter than the margin
    "Angela Merkel met Emmanuel Macron in Paris. The United Nations Security Council met. "
    "Ban Ki-moon spoke. He left for New York City.",
    "Yes. No. Kenya. Troops from Uganda and Burundi entered Somalia on Monday. Al-Shabab fled.",
    "Officials in Nairobi said Kenya Airways resumed flights to Mogadishu.\n\nThe African "
    "Union welcomed it. Somalia's president Hassan Sheikh Mohamud thanked Kenya.",
    "Police arrested 12 people in Lagos on 3 May. Nigeria's army attacked Boko Haram in "
    "Borno State last week, the BBC reported from Abuja.",
]


@pytest.mark.parametrize("text", SENTENCES)
@pytest.mark.parametrize("gated", [False, True], ids=["whole", "gated"])
def test_each_sentence_alone_gets_the_labels_of_the_whole_run(fresh_nlp, text, gated):
    """The NER on one sentence and its margin gives that sentence the labels a run on the
    whole stretch gives, whatever sentence is asked first."""
    margin = entities.receptive_field(fresh_nlp, "ner")
    assert margin == 4  # en_core_web_sm: four window layers of one token each side
    if gated:
        gate = SentenceGate(fresh_nlp, [GateSpec(require=(("meet", "enter", "arrest",
                                                           "thank", "speak"),))])
        (lazy,) = parse_needed(fresh_nlp, gate, [text], defer_ner="ner")
        (eager,) = parse_needed(fresh_nlp, gate, [text], defer_ner="ner")
    else:
        lazy, eager = entities.parse(fresh_nlp, [text, text], "ner")
    entities.ensure_entities(eager)
    for token in reversed(lazy):  # the last sentence first
        entities.entity_type(token)
    attrs = [ENT_IOB, ENT_TYPE]
    assert (lazy.to_array(attrs) == eager.to_array(attrs)).all()
    assert [(e.text, e.label_) for e in lazy.ents] == [(e.text, e.label_) for e in eager.ents]


LONG = ("Kenyan troops entered Somalia. Angela Merkel met Emmanuel Macron in Paris. Uganda "
        "sent troops. Talks in Geneva ended on Friday. Iran and Iraq signed a deal in Baghdad.")


def test_the_ner_runs_on_the_asked_sentence_only(fresh_nlp):
    (doc,) = entities.parse(fresh_nlp, [LONG], "ner")
    calls = []
    pending = doc.user_data[entities.PENDING_KEY]
    ner = pending.ner
    pending.ner = lambda d: calls.append(len(d)) or ner(d)
    assert entities.entity_type(doc[3]) == "GPE" and entities.entity_type(doc[0]) == "NORP"
    assert calls == [5 + 4]  # the sentence and the margin after it, once
    assert {e.text for e in doc.ents} == {"Kenyan", "Somalia"}  # Merkel, Uganda: not asked
    assert entities.entity_type(doc[5]) == "PERSON" and "Uganda" not in str(doc.ents)
    assert calls == [5 + 4, 4 + 8 + 4]  # "Angela Merkel met Emmanuel Macron in Paris."


@pytest.mark.parametrize("text", ["Kenyan troops entered Somalia. Uganda sent troops.",
                                  "Iran accused Iraq. It denied it. Turkey said nothing."])
def test_a_short_text_is_labelled_whole_at_once(fresh_nlp, text):
    (doc,) = entities.parse(fresh_nlp, [text], "ner")
    (eager,) = entities.parse(fresh_nlp, [text], "ner")
    calls = []
    pending = doc.user_data[entities.PENDING_KEY]
    ner = pending.ner
    pending.ner = lambda d: calls.append(len(d)) or ner(d)
    entities.entity_type(doc[0])
    assert calls == [len(doc)] and len(pending.done) == len(list(doc.sents))
    entities.ensure_entities(eager)
    assert [(e.text, e.label_) for e in doc.ents] == [(e.text, e.label_) for e in eager.ents]
    assert len(doc.ents) >= 2


def test_a_ner_whose_context_is_unknown_runs_on_whole_stretches(fresh_nlp):
    config = fresh_nlp.config.copy()
    assert entities.receptive_field(fresh_nlp, "ner") == 4
    listener = {"@architectures": "spacy.Tok2VecListener.v1", "width": 96, "upstream": "*"}
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(type(fresh_nlp), "config", property(lambda self: config))
        config["components"]["ner"]["model"]["tok2vec"] = listener
        assert entities.receptive_field(fresh_nlp, "ner") is None
        (doc,) = entities.parse(fresh_nlp, ["Kenyan troops entered Somalia. Uganda sent "
                                            "troops."], "ner")
    assert entities.entity_type(doc[0]) == "NORP"
    assert "Uganda" in str(doc.ents) and entities.PENDING_KEY not in doc.user_data


def test_codebooks_that_read_entities_with_the_parse_keep_the_ner(fresh_nlp, engines):
    pm = make_plugin_manager(entrypoints=False)
    cameo = engines("cameo").codebooks[0]
    assert entities.deferrable(fresh_nlp, [cameo], pm) == "ner"
    eager = RuleCodebook({"codebook": "ents", "version": "1", "events": [
        {"code": "01", "patterns": [[{"RIGHT_ID": "action", "RIGHT_ATTRS": {"LEMMA": "attack"}},
                                     {"LEFT_ID": "action", "REL_OP": ">",
                                      "RIGHT_ID": "actor",
                                      "RIGHT_ATTRS": {"ent_type": "GPE"}}]]}]})
    plain = RuleCodebook({"codebook": "plain", "version": "1", "events": [
        {"code": "01", "verbs": ["attack"]}]})
    assert eager.reads_entities is True and plain.reads_entities == entities.ON_DEMAND
    assert entities.deferrable(fresh_nlp, [cameo, eager], pm) is None
    assert entities.deferrable(fresh_nlp, [], pm) is None
    with fresh_nlp.select_pipes(disable=["ner"]):  # the NER is not the last component
        assert entities.deferrable(fresh_nlp, [cameo], pm) is None


class ThirdParty:
    """A plugin that reads parsed documents while coding and says nothing of entities."""

    @hookimpl
    def extract_candidates(self, sent, doc):
        return []


def test_a_plugin_that_does_not_declare_it_keeps_the_ner(fresh_nlp):
    pm = make_plugin_manager(entrypoints=False)
    plain = RuleCodebook({"codebook": "plain", "version": "1", "events": [
        {"code": "01", "verbs": ["attack"]}]})
    assert entities.deferrable(fresh_nlp, [plain], pm) == "ner"
    pm.register(ThirdParty(), name="third-party")
    assert entities.deferrable(fresh_nlp, [plain], pm) is None


def test_parse_all_switches_it_off(fresh_nlp):
    assert Engine(["cameo"], nlp=fresh_nlp, parse="all").deferred_ner is None
    from eventcoder.registry import CodebookRegistry
    acled = CodebookRegistry(make_plugin_manager(entrypoints=False)).get("acled")
    assert acled.reads_entities is True  # ACLED reads them everywhere: places, dates
