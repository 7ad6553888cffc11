"""The attribute ruler answered on columns (eventcoder/attribute_table.py): the same
annotations as spaCy's ``AttributeRuler`` on own texts, patterns of every kind it answers,
and a ruler it cannot answer left in place."""
from __future__ import annotations

import pickle

import pytest
import spacy
from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

from eventcoder.attribute_table import AttributeTable, Unsupported, tabulate
from eventcoder.nlp import load_model

ANNOTATIONS = [TAG, POS, MORPH, LEMMA, DEP, HEAD]
OWN_TEXTS = [
    "Rebels ain't leaving: they're gonna hold the bridge, y'all said.",
    "Let's go.  There are two roads and there was one bridge.\n\nC'mon, we gotta leave now!",
    "Soldiers shot three men in Goma on Tuesday; the army didn't comment.",
    "I met him. She saw us. We'd told them, and you'll see it's theirs.",
    "   Leading spaces, a tab\there, and a trailing newline\n",
    "The U.S.-led coalition's air strikes hit 3 villages, killing 12 (officials said).",
    "A", "",
]


def annotations(doc: Doc) -> tuple:
    return doc.to_array(ANNOTATIONS).tolist(), [str(t.morph) for t in doc]


@pytest.mark.model
def test_the_table_annotates_as_the_pipelines_ruler():
    stock, tabled = load_model(), load_model()
    assert tabulate(tabled)
    assert tabled.pipe_names == stock.pipe_names  # same name, same place
    assert isinstance(tabled.get_pipe("attribute_ruler"), AttributeTable)
    for one, other in zip(stock.pipe(OWN_TEXTS), tabled.pipe(OWN_TEXTS, batch_size=3)):
        assert annotations(one) == annotations(other), one.text
    doc = tabled(OWN_TEXTS[0])  # one doc through __call__, not pipe
    assert annotations(doc) == annotations(stock(OWN_TEXTS[0]))
    assert tabulate(tabled)  # already a table: nothing to do


@pytest.mark.model
def test_an_engine_parses_with_the_table(engine_factory):
    engine = engine_factory("cameo")
    assert isinstance(engine.nlp.get_pipe("attribute_ruler"), AttributeTable)


def _ruler(patterns: list[dict]) -> AttributeRuler:
    ruler = AttributeRuler(spacy.blank("en").vocab)
    ruler.add_patterns(patterns)
    return ruler


PATTERNS = [  # every kind of test the table answers; later groups win
    {"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "NOUN", "MORPH": "Number=Sing"}},
    {"patterns": [[{"TAG": "NN", "LOWER": "attack"}]], "attrs": {"LEMMA": "assault"}},
    {"patterns": [[{"LOWER": {"IN": ["rebels", "troops"]}}]], "attrs": {"POS": "PROPN"}},
    {"patterns": [[{"LOWER": {"REGEX": "^gun"}}, {"TAG": "VBD"}]],
     "attrs": {"LEMMA": "fire"}, "index": 1},
    {"patterns": [[{"IS_SPACE": True, "DEP": {"NOT_IN": [""]}}]], "attrs": {"DEP": "dep"}},
    {"patterns": [[{"TAG": "VBD"}], [{"ORTH": "Attack"}]], "attrs": {"POS": "VERB"}},
    {"patterns": [[{"LOWER": "the"}, {"TAG": "NN"}]], "attrs": {"TAG": "NNP"}, "index": -1},
    {"patterns": [[{"TAG": "NN"}]], "attrs": {"MORPH": "Number=Sing|Foreign=Yes"}},
]
WORDS = ["Gunmen", "fired", "on", "rebels", "and", "troops", " ", "after", "the", "attack",
         "in", "Attack", "town", "\n\n", "gunfire", "struck"]
TAGS = ["NNS", "VBD", "IN", "NNS", "CC", "NNS", "_SP", "IN", "DT", "NN", "IN", "NNP", "NN",
        "_SP", "NN", "VBD"]
DEPS = ["nsubj", "ROOT", "prep", "pobj", "cc", "conj", "dep", "prep", "det", "pobj", "prep",
        "compound", "pobj", "", "nsubj", "ROOT"]
HEADS = [1, 1, 1, 2, 3, 3, 5, 1, 9, 7, 9, 12, 10, 12, 15, 15]


def hand_built(vocab) -> Doc:
    """A tagged and parsed doc built by hand: the parse is not the point."""
    return Doc(vocab, words=WORDS, spaces=[True] * len(WORDS), tags=TAGS, deps=DEPS,
               heads=HEADS)


def test_every_kind_of_test_gives_the_rulers_annotations():
    ruler = _ruler(PATTERNS)
    table = AttributeTable(ruler)
    for docs in ([hand_built(ruler.vocab)],
                 [hand_built(ruler.vocab), Doc(ruler.vocab, words=["the"]),
                  Doc(ruler.vocab, words=[]), hand_built(ruler.vocab)]):
        expected = [annotations(ruler(doc.copy())) for doc in docs]
        assert [annotations(doc) for doc in table.pipe(docs, batch_size=8)] == expected
    doc = table(hand_built(ruler.vocab))
    assert doc[9].lemma_ == "assault" and doc[1].lemma_ == "fire" and doc[15].lemma_ == "fire"
    assert doc[9].tag_ == "NNP" and doc[12].tag_ == "NN"  # "the attack", not "Attack town"
    assert str(doc[12].morph) == "Foreign=Yes|Number=Sing"  # the last group wins
    assert doc[3].pos_ == "PROPN" and doc[11].pos_ == "VERB" and doc[6].dep_ == "dep"


def test_a_two_token_match_never_crosses_from_one_doc_into_the_next():
    ruler = _ruler([{"patterns": [[{"LOWER": "the"}, {"LOWER": "attack"}]],
                     "attrs": {"LEMMA": "assault"}, "index": 1}])
    docs = [Doc(ruler.vocab, words=["after", "the"]), Doc(ruler.vocab, words=["attack", "."])]
    list(AttributeTable(ruler).pipe(docs, batch_size=2))
    assert docs[1][0].lemma_ == ""


@pytest.mark.parametrize("pattern", [
    {"patterns": [[{"TAG": "NN", "OP": "+"}]], "attrs": {"POS": "NOUN"}},
    {"patterns": [[{"POS": "NOUN"}]], "attrs": {"LEMMA": "x"}},
    {"patterns": [[{"LENGTH": {">=": 3}}]], "attrs": {"LEMMA": "x"}},
    {"patterns": [[{"TAG": "NN"}]], "attrs": {"NORM": "x"}},
])
def test_a_pattern_the_table_cannot_answer_keeps_the_ruler(pattern):
    with pytest.raises(Unsupported):
        AttributeTable(_ruler([pattern]))
    nlp = spacy.blank("en")
    nlp.add_pipe("attribute_ruler").add_patterns([pattern])
    assert not tabulate(nlp)
    assert isinstance(nlp.get_pipe("attribute_ruler"), AttributeRuler)
    assert not tabulate(spacy.blank("en"))  # no ruler at all


def test_a_tabled_pipeline_keeps_its_patterns_in_its_config():
    nlp = spacy.blank("en")
    nlp.add_pipe("attribute_ruler").add_patterns(PATTERNS)
    assert tabulate(nlp)
    again = spacy.blank("en").from_config(nlp.config)  # rebuilt from its own config
    assert isinstance(again.get_pipe("attribute_ruler"), AttributeTable)
    table = pickle.loads(pickle.dumps(nlp.get_pipe("attribute_ruler")))
    ruler = _ruler(PATTERNS)
    assert annotations(table(hand_built(table.vocab))) == annotations(
        ruler(hand_built(ruler.vocab)))
