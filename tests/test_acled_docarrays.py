"""ACLED's shortcuts for speed give what the slower ways gave.

Per-document token columns (``docarrays``) answer as spaCy's own ``Token``, ``Span`` and
``Doc.char_span`` do; actor aliases matched once per document are those matched per sentence;
a sentence's places, found only when asked for (``SentenceInfo.places``), are those found
when every sentence's were found as it was read, and a document that tells no event asks for
none."""
from __future__ import annotations

import pytest

from eventcoder_acled import docarrays, sentence
from eventcoder_acled.actors import ActorLexicon

TEXTS = [
    "Gunmen  attacked a checkpoint in N'Djamena(Chad) on Monday.\n\nTwo soldiers died.",
    "Militants of the BLA fired on FC personnel near Turbat , Kech district. No casualties.",
    "\"We will fight,\" said the commander. Police arrested 12 protesters in Lahore's Mall Road.",
    "Unknown gunmen shot dead a trader in Kalat (Kalat, Balochistan).   A second man was hurt.",
]


@pytest.mark.parametrize("text", TEXTS)
def test_columns_answer_as_tokens_do(nlp, text):
    doc = nlp(text)
    assert docarrays.joined_text(doc) == doc.text
    assert docarrays.texts(doc) == [t.text for t in doc]
    assert docarrays.lowers(doc) == [t.lower_ for t in doc]
    assert docarrays.offsets(doc) == [t.idx for t in doc]
    assert [bool(a) for a in docarrays.alphas(doc)] == [t.is_alpha for t in doc]
    assert [bool(s) for s in docarrays.stops(doc)] == [t.is_stop for t in doc]
    for i in range(len(doc)):
        assert docarrays.sentence_of(doc, i) == doc[i].sent
        for j in range(i, min(len(doc), i + 6) + 1):
            assert docarrays.span_text(doc, i, j, doc.text) == doc[i:j].text


@pytest.mark.parametrize("text", TEXTS + [
    "The weather was fine in Lagos. The market opened late. Gunmen attacked a bus near "
    "Kaduna, killing four passengers. Fans watched the match on Sunday."])
def test_word_forms_read_from_arrays_are_the_tokens_forms(engine_factory, text):
    """Lower case and lower-cased lemma of every token, also where the gate left a stretch
    unparsed (no lemma)."""
    engine = engine_factory("acled")
    for doc in (engine.nlp(text), *engine.parse([text])):
        assert docarrays.document_forms(doc) == [(t.i, t.lower_, t.lemma_.lower())
                                                 for t in doc]


@pytest.mark.parametrize("text", TEXTS)
def test_character_look_ups_answer_as_char_span_does(nlp, text):
    doc = nlp(text)
    starts = {t.idx: t.i for t in doc}
    for char in range(len(doc.text) + 1):
        assert docarrays.token_starting_at(doc, char) == starts.get(char)
        end = docarrays.tokens_before(doc, char)
        if end is not None:  # else the caller asks char_span itself
            assert end == doc.char_span(0, char, alignment_mode="expand").end


@pytest.mark.parametrize("text", TEXTS + [
    "ISWAP or Boko Haram fighters attacked Pakistani troops; the Baloch Liberation Army "
    "said its militants killed two FC soldiers.",
])
def test_aliases_found_once_per_document_are_those_of_each_sentence(nlp, text):
    doc = nlp(text)
    actors = ActorLexicon(nlp)
    strings = doc.vocab.strings
    for sent in doc.sents:
        alone = [(strings[match_id], s, e) for matcher in (actors.by_orth, actors.by_lower)
                 for match_id, s, e in matcher(sent)]
        assert [m for m in actors._phrases(doc) if sent.start <= m[1] and m[2] <= sent.end] \
            == alone


STORIES = [  # a place named again is the one named before (its units, not a namesake's)
    ("Officials met villagers in Rampur (Kalahandi, Odisha) on Monday. The meeting ended "
     "peacefully. On Friday gunmen shot dead a trader in Rampur.", "2024-03-04"),
    ("The governor toured Mandera town (Mandera East, Mandera). Traders reopened shops. "
     "Al Shabaab militants attacked a police post in Mandera on Saturday.", "2024-03-04"),
    ("Police clashed with protesters in Kisumu on Friday. Officers fired tear gas. "
     "A man was shot dead in Kisumu's Nyalenda area.", "2023-07-07"),
    ("Soldiers repelled an attack. Gunmen had stormed the market in Gao on Sunday, "
     "killing three civilians.", None),
]


@pytest.mark.parametrize("text, date", STORIES)
def test_places_found_when_asked_are_those_found_as_read(engine_factory, monkeypatch,
                                                          text, date):
    engine = engine_factory("acled")
    lazy = engine.code_texts([text], date=date)

    def found_as_read(self, info, mentions, country):
        add(self, info, mentions, country)
        self.find_through(info.index)

    add = sentence._DocumentPlaces.add
    monkeypatch.setattr(sentence._DocumentPlaces, "add", found_as_read)
    assert engine.code_texts([text], date=date) == lazy
    assert lazy  # the stories tell events


@pytest.mark.parametrize("text", [
    "The council met in Lahore on Monday to discuss the budget for schools in Punjab.",
    "Heavy rain fell across Nairobi and Mombasa, and the markets of Kisumu stayed open.",
    "Farmers in Kano said the harvest was good. Prices in Abuja fell on Friday.",
])
def test_a_document_without_events_asks_for_no_places(engine_factory, monkeypatch, text):
    engine = engine_factory("acled")
    asked = []
    monkeypatch.setattr(sentence, "sentence_places",
                        lambda *args: asked.append(args) or ([], []))
    assert engine.code_texts([text]) == []
    assert asked == []
