"""The ACLED relevance stage's shortcuts (issue #16) change no answer: our own sentences give
the same events with each shortcut on and off. The shortcuts: a sentence-level cue check
asked once per sentence, ``long_ago`` skipping a parse tree with no year or word of history,
the gates of the checks worked out once per cue name, a sentence's date phrases found once,
phrase matchers run only for word sets that hold phrases."""
from __future__ import annotations

import pytest

from eventcoder_acled import dates, realis
from eventcoder_acled.relevance import WordSet, word_forms

# (text, article date): years and eras in the cue's clause, its noun phrase, a passive, a
# coordinated clause, no year at all; dated and undated articles; several cues per sentence
SENTENCES = [
    ("In 1984 soldiers killed 20 villagers in Dhaka.", "2024-05-01"),
    ("Twenty villagers were killed by soldiers in Dhaka in 1984.", "2024-05-01"),
    ("The 1971 war killed thousands of civilians in Dhaka and burned villages.", "2024-05-01"),
    ("During the Second World War, troops attacked and shelled the port of Gdansk.",
     "2024-05-01"),
    ("Soldiers killed 20 villagers and burned houses in Dhaka on Monday.", "2024-05-01"),
    ("Police fired tear gas at protesters in Nairobi on Tuesday, and two were killed.", None),
    ("Rebels attacked Goma in 2003. On Monday they attacked it again, killing four.", None),
    ("Protesters marched in Lagos after the 2019 elections and police clashed with them.",
     None),
    ("Will the army attack and shell the rebels in Idlib?", "2024-05-01"),
    ("Gunmen killed two traders in Kano on 3 March 2024, police said on Friday.", None),
]


@pytest.fixture(scope="module")
def acled(engine_factory):
    return engine_factory("acled")


def _events(engine) -> list:
    return [engine.code_texts([text], date=date) for text, date in SENTENCES]


def test_events_equal_with_the_shortcuts_off(acled, monkeypatch):
    fast = _events(acled)
    assert any(fast) and not all(fast)  # some sentences coded, some dropped
    monkeypatch.setattr(realis, "SENTENCE_PREDICATES", set())
    monkeypatch.setattr(realis.Facts, "tree_names_the_past", lambda self, token: True)
    monkeypatch.setattr(dates, "_date_phrases", dates._date_phrases.__wrapped__)
    monkeypatch.setattr(WordSet, "phrase_spans", lambda self, span: self.phrases(span))
    assert _events(acled) == fast


def test_a_sentence_level_check_is_asked_once_per_sentence(acled, monkeypatch):
    asked = []
    question = realis.PREDICATES["question"]
    monkeypatch.setitem(realis.PREDICATES, "question",
                        lambda cue, facts: asked.append(cue) or question(cue, facts))
    text = "Will the army attack, shell and bomb the rebels in Idlib?"
    acled.code_texts([text], date="2024-05-01")
    assert len(asked) == 1
    monkeypatch.setattr(realis, "SENTENCE_PREDICATES", set())
    acled.code_texts([text], date="2024-05-01")
    assert len(asked) > 2  # several cues of the sentence reach the check


def test_checks_of_a_cue_keep_the_order_of_relevance_yaml(acled):
    relevance = acled.codebooks[0].relevance
    for cue in ("attack", "protest", "looting", "change"):
        expected = [c["name"] for c in relevance.checks if cue in c.get("cues", (cue,))]
        assert [name for name, _, _ in relevance._checks_of(cue)] == expected


def test_word_forms_read_as_the_tokens_do(nlp):
    words = WordSet(nlp, "test", ["riot", "price war"])
    plain = WordSet(nlp, "plain", ["riot", "rioting"])
    span = nlp("Rioters rioted over the price war in Lagos.")[:]
    assert words.hits(span) == words.hits(span, word_forms(span)) == \
        {t.i for t in span if words.has(t)} | {4, 5}
    assert plain.phrase_spans(span) == [] and not plain.has_phrases
    assert [(s, e) for _, s, e in words.phrase_spans(span)] == [(4, 6)]
