"""relevance.yaml as data: its schema and references give located errors (file, rule,
field), `eventcoder validate` checks a researcher's copy, and the checks read hand-built
Docs where the parse is not the point."""
from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from click.testing import CliRunner
from spacy.tokens import Doc

from eventcoder.cli import cli
from eventcoder.errors import CodebookError
from eventcoder_acled.cues import Cue
from eventcoder_acled.relevance import RELEVANCE_FILE, Context, Relevance, load

TEXT = RELEVANCE_FILE.read_text(encoding="utf-8")


def _copy(tmp_path: Path, old: str, new: str) -> Path:
    assert old in TEXT
    path = tmp_path / "my-relevance.yaml"
    path.write_text(TEXT.replace(old, new, 1), encoding="utf-8")
    return path


def test_the_shipped_file_is_valid():
    data = load()
    assert data["acled"] == "relevance" and data["cue_checks"] and data["passage_rules"]


@pytest.mark.parametrize("old, new, field, words", [
    ("predicate: unreal,", "predicate: unrea,", "cue_checks[2] (unreal).predicate",
     "unknown predicate"),
    ("menu_line: {min_tokens: 6", "menu_line: {min_tokens: 0", "boilerplate.menu_line.min_tokens",
     "minimum"),
    ("verdict: drop\n    says: \"nobody", "verdict: maybe\n    says: \"nobody",
     "passage_rules[", "maybe"),
    ("cues: [civilian_victims], with_cues", "cues: [civilian_victim], with_cues",
     "(people-harmed).if.cues", "unknown cue"),
    ("gate: [reactions]", "gate: [reaction]", "(mourned).gate", "unknown lexicon entry"),
])
def test_errors_are_located_by_file_rule_and_field(tmp_path, old, new, field, words):
    path = _copy(tmp_path, old, new)
    with pytest.raises(CodebookError) as caught:
        load(path)
    message = str(caught.value)
    assert str(path) in message and field in message and words in message


def test_a_bad_matcher_pattern_is_located():
    nlp = spacy.blank("en")
    bad = RELEVANCE_FILE.parent / "never-written.yaml"
    with pytest.raises(CodebookError) as caught:
        from eventcoder_acled.relevance import _add
        from spacy.matcher import Matcher
        _add(Matcher(nlp.vocab), "origin", [[{"LOWER": {"IN": ["a"], "OP": "?"}}]],
             "origins", bad)
    assert "origins[0]" in str(caught.value) and "never-written.yaml" in str(caught.value)


def test_validate_checks_a_researchers_copy(tmp_path):
    runner = CliRunner()
    good = _copy(tmp_path, "min_words: 3", "min_words: 4")
    result = runner.invoke(cli, ["validate", str(good)])
    assert result.exit_code == 0 and "ok" in result.output
    bad = _copy(tmp_path, "predicate: question,", "predicate: asked,")
    result = runner.invoke(cli, ["validate", str(bad)])
    assert result.exit_code == 1 and "(question).predicate" in result.output


def test_every_bad_reference_is_reported_at_once(tmp_path):
    """Two wrong names in a researcher's copy: both are reported, each located."""
    path = _copy(tmp_path, "predicate: question,", "predicate: asked,")
    path.write_text(path.read_text(encoding="utf-8").replace(
        "predicate: idiom,", "predicate: idioms,", 1), encoding="utf-8")
    with pytest.raises(CodebookError) as caught:
        load(path)
    assert len(caught.value.problems) == 2
    assert "(question).predicate" in str(caught.value) and "(idiom).predicate" in str(caught.value)


@pytest.fixture(scope="module")
def relevance():
    return Relevance(spacy.blank("en"))


def _doc(words, heads, deps, pos, lemmas=None):
    vocab = spacy.blank("en").vocab
    return Doc(vocab, words=words, heads=heads, deps=deps, pos=pos,
               lemmas=lemmas or [w.lower() for w in words])


def test_a_cue_done_to_a_team_in_a_sports_document_is_figurative(relevance):
    doc = _doc(["The", "hosts", "beat", "the", "visitors"], [1, 2, 2, 4, 2],
               ["det", "nsubj", "ROOT", "det", "dobj"], ["DET", "NOUN", "VERB", "DET", "NOUN"],
               ["the", "host", "beat", "the", "visitor"])
    cue = Cue("attack", 2, 3)
    kept, dropped = relevance.check_cues(doc[:], [cue], [], Context("sport"))
    assert kept == [] and dropped == [(cue, "figurative-participant")]
    kept, _ = relevance.check_cues(doc[:], [cue], [], Context(None))
    assert kept == [cue]  # the same words outside sport news: nothing says they are a team


def test_a_verbless_line_of_capitalised_words_is_a_menu(relevance):
    words = ["Home", "World", "Companies", "Markets", "Calculators", "Live", "Opinion"]
    doc = _doc(words, [2, 2, 2, 4, 2, 6, 2], ["amod", "amod", "ROOT", "amod", "conj", "amod",
                                               "conj"], ["ADJ", "ADJ", "NOUN", "ADJ", "NOUN",
                                                         "ADJ", "NOUN"])
    assert relevance.boilerplate(doc[:]) == "boilerplate:menu"
    sentence = _doc(["Gunmen", "killed", "three", "Top", "Police", "Officers", "Today"],
                    [1, 1, 5, 5, 5, 1, 1], ["nsubj", "ROOT", "nummod", "amod", "compound",
                                            "dobj", "npadvmod"],
                    ["NOUN", "VERB", "NUM", "ADJ", "PROPN", "NOUN", "NOUN"])
    assert relevance.boilerplate(sentence[:]) is None


@pytest.mark.parametrize("line", [["Read", "more", ":", "markets"], ["Share", "this"],
                                  ["Advertisement"]])
def test_page_furniture_phrases(relevance, line):
    doc = _doc(line, [0] * len(line), ["ROOT"] + ["dep"] * (len(line) - 1),
               ["VERB"] + ["X"] * (len(line) - 1))
    assert relevance.boilerplate(doc[:]) == "boilerplate:phrase"
