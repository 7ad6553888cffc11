"""The lemmatizer asked once per (form, part of speech, morphology) and written as a column
(eventcoder/lemma_columns.py): the same lemmas as spaCy's own loop on own texts, lemmas
already set kept, untagged tokens and other lemmatizers left to spaCy."""
from __future__ import annotations

import warnings

import pytest
import spacy
from spacy.attrs import LEMMA
from spacy.pipeline import Lemmatizer
from spacy.tokens import Doc

from eventcoder.lemma_columns import LemmaColumns, by_columns
from eventcoder.nlp import load_model

OWN_TEXTS = [
    "Rebels ain't leaving: they're gonna hold the bridges, y'all said.",
    "Let's go.  There were two roads and there was one bridge.\n\nC'mon, we gotta leave now!",
    "Soldiers shot three men in Goma on Tuesday; the armies didn't comment.",
    "Gunmen were attacking villages; the villagers fled, and the police arrested them.",
    "   Leading spaces, a tab\there, and a trailing newline\n",
    "The U.S.-led coalition's air strikes hit 3 villages, killing 12 (officials said).",
    "Protesters marched. Protesters had marched. Protesters are marching.", "A", "",
]


def lemmas(doc: Doc) -> tuple[list, list[str]]:
    return doc.to_array([LEMMA]).tolist(), [t.lemma_ for t in doc]


@pytest.mark.model
def test_the_columns_give_the_lemmatizers_lemmas():
    stock, columned = load_model(), load_model()
    assert by_columns(columned)
    assert columned.pipe_names == stock.pipe_names  # the same component, same place
    for batch_size in (1, 3, 64):  # forms met in an earlier batch are read from the cache
        for one, other in zip(stock.pipe(OWN_TEXTS), columned.pipe(OWN_TEXTS,
                                                                      batch_size=batch_size)):
            assert lemmas(one) == lemmas(other), one.text
    doc = columned(OWN_TEXTS[0])  # through __call__: spaCy's own loop
    assert lemmas(doc) == lemmas(stock(OWN_TEXTS[0]))
    assert by_columns(columned)  # already answered by columns: nothing to do


@pytest.mark.model
def test_an_engine_lemmatizes_by_columns(engine_factory):
    engine = engine_factory("cameo")
    assert isinstance(engine.nlp.get_pipe("lemmatizer").pipe, LemmaColumns)


def _rule_lemmatizer() -> tuple[spacy.Language, Lemmatizer]:
    nlp = spacy.blank("en")
    lemmatizer = nlp.add_pipe("lemmatizer", config={"mode": "rule"})
    lemmatizer.lookups.add_table("lemma_rules", {"noun": [["s", ""]], "verb": [["ed", ""]]})
    lemmatizer.lookups.add_table("lemma_index", {"noun": ["bridge"], "verb": ["attack"]})
    lemmatizer.lookups.add_table("lemma_exc", {"verb": {"fought": ["fight"]}})
    return nlp, lemmatizer


def _tagged(nlp, words: list[str], pos: list[str], lemmas: list[str] | None = None) -> Doc:
    return Doc(nlp.vocab, words=words, pos=pos, lemmas=lemmas)


def test_hand_built_docs_get_the_rule_lemmas():
    """Forms repeated across docs of a batch and met again in a later batch, a lemma set
    before (an attribute ruler's) kept, as spaCy's loop keeps it."""
    nlp, lemmatizer = _rule_lemmatizer()
    words = ["Bridges", "attacked", "fought", "bridges", "attacked"]
    pos = ["NOUN", "VERB", "VERB", "NOUN", "PROPN"]
    set_before = ["", "", "", "", "Attacked"]
    stock = [_tagged(nlp, words, pos, set_before) for _ in range(3)]
    for doc in stock:
        lemmatizer(doc)
    columns = LemmaColumns(lemmatizer)
    for batch in ([_tagged(nlp, words, pos, set_before) for _ in range(2)],
                  [_tagged(nlp, words, pos, set_before)]):
        columns.annotate(batch)
        for doc in batch:
            assert lemmas(doc) == lemmas(stock[0])
    assert [t.lemma_ for t in stock[0]] == ["bridge", "attack", "fight", "bridge", "Attacked"]
    assert len(columns.known) == 4  # one answer per (form, part of speech, morphology)


def test_overwrite_and_untagged_tokens_follow_spacy():
    nlp, lemmatizer = _rule_lemmatizer()
    lemmatizer.overwrite = True
    doc = _tagged(nlp, ["bridges"], ["NOUN"], ["old"])
    LemmaColumns(lemmatizer).annotate([doc, Doc(nlp.vocab, words=[])])
    assert doc[0].lemma_ == "bridge"  # overwritten, as spaCy's loop would
    untagged = Doc(nlp.vocab, words=["bridges"])  # spaCy warns, and lower-cases the form
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        LemmaColumns(lemmatizer).annotate([untagged])
    assert untagged[0].lemma_ == "bridges" and caught


def test_other_lemmatizers_and_pipelines_without_one_are_left_alone():
    nlp = spacy.blank("en")
    assert not by_columns(nlp)  # no lemmatizer
    lookup = spacy.blank("en")
    lookup.add_pipe("lemmatizer", config={"mode": "lookup"})
    assert by_columns(lookup)

    class Custom(Lemmatizer):
        def is_base_form(self, token) -> bool:  # reads more than form, POS and morphology
            return token.i == 0

    custom = spacy.blank("en")
    custom.add_pipe("lemmatizer", config={"mode": "rule"})
    custom.get_pipe("lemmatizer").__class__ = Custom
    assert not by_columns(custom)
