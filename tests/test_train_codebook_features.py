"""The codebook's own knowledge as features of a trained model: the word lists of ACLED's
lexicon found in a passage, read from the codebook's data (hand-built Docs: the parse is
not the point)."""
from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from eventcoder.learn.samples import cue_names


@pytest.fixture(scope="module")
def acled(registry):
    return registry.get("acled")


@pytest.fixture(scope="module")
def registry():
    from eventcoder.plugins import make_plugin_manager
    from eventcoder.registry import CodebookRegistry
    return CodebookRegistry(make_plugin_manager(entrypoints=False))


def _doc(words, lemmas):
    return Doc(spacy.blank("en").vocab, words=words, lemmas=lemmas)


@pytest.mark.parametrize("words, lemmas, wanted", [
    (["Gunmen", "torched", "a", "lorry"], ["gunman", "torch", "a", "lorry"], "things"),
    (["Militants", "set", "fire", "to", "two", "clinics"],
     ["militant", "set", "fire", "to", "two", "clinic"], "things"),
    (["Bandits", "kidnapped", "traders"], ["bandit", "kidnap", "trader"], "taking_people"),
    (["Three", "hostages", "were", "freed"], ["three", "hostage", "be", "free"],
     "taking_people"),
    (["No", "casualties", "were", "reported"], ["no", "casualty", "be", "report"],
     "harm_words"),
])
def test_word_lists_of_the_lexicon_found_in_a_passage(acled, words, lemmas, wanted):
    assert f"list:{wanted}" in cue_names(acled, _doc(words, lemmas), None, 0)


def test_a_list_is_found_by_lemma_or_by_form(acled):
    lexicon = acled.vocabulary
    assert "things" in lexicon.lists_in(_doc(["lorries"], ["lorry"]))
    assert "things" in lexicon.lists_in(_doc(["Lorry"], [""]))
    found = lexicon.lists_in(_doc(["Rain", "fell", "overnight"], ["rain", "fall", "overnight"]))
    assert not {"things", "taking_people", "harm_words"} & set(found)


def test_no_parse_no_word_lists(acled):
    assert cue_names(acled, None, None, 0) == []
