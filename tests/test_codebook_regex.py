"""Codebook REGEX operators: a pattern that backtracks catastrophically is refused with its
file and rule; one that still runs long stops only its document; a document's coding has a
time limit; matching otherwise is spaCy's."""
from __future__ import annotations

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.matcher import DependencyMatcher

from eventcoder import CodebookError, Document, Engine, RuleCodebook
from eventcoder import cli as cli_module
from eventcoder import token_regex
from eventcoder.codebook import Codebook
from eventcoder.token_regex import bounded, regex_problem


def book_with(pattern_attrs: str) -> str:
    return f"""codebook: rx
version: "1"
events:
  - code: "190"
    verbs: [attack]
  - code: "999"
    patterns:
      - - {{RIGHT_ID: action, RIGHT_ATTRS: {pattern_attrs}}}
"""


@pytest.mark.parametrize("regex", ["^(a+)+$", "(\\\\w+\\\\s?)*x", "([a-z]{1,3})+!"])
def test_validate_refuses_nested_repetition_with_file_and_rule(tmp_path, regex):
    path = tmp_path / "rx.codebook.yaml"
    path.write_text(book_with(f'{{TEXT: {{REGEX: "{regex}"}}}}'), encoding="utf-8")
    result = CliRunner().invoke(cli_module.cli, ["validate", str(path)])
    assert result.exit_code == 1
    assert f"{path}: events[1].patterns[0][0].RIGHT_ATTRS.TEXT.REGEX:" in result.stderr
    assert "can backtrack for ever" in result.stderr and "(event code '999')" in result.stderr
    with pytest.raises(CodebookError, match="backtrack"):
        RuleCodebook.from_yaml(path)


@pytest.mark.parametrize("regex", ["^a+b?$", "(ab)+", "colou?r", "^(?:[A-Z]{2,3}-)?\\d+$",
                                   "(?i)attack(ed|s)?", "(a?+)+"])
def test_ordinary_patterns_are_accepted(regex):
    assert regex_problem(regex) is None


@given(st.from_regex(r"\(?[ab.]\)?[+*?]?\(?[ab]?[+*]?\)?[+*]?", fullmatch=True))
def test_nested_repetition_is_refused_exactly_when_a_repeated_group_repeats(pattern):
    import re
    try:
        re.compile(pattern)
    except re.error:
        assert regex_problem(pattern) is not None
        return
    # a repeated group holding an unbounded repetition ("(a+)+", "(a+a)+"); in "?+" the "+"
    # makes "?" possessive (at most one: bounded), it is no repetition of its own
    nested = any(re.search(r"(?<!\?)[+*]", inside)
                 for inside in re.findall(r"\(([^()]*)\)[+*]", pattern))
    assert (regex_problem(pattern) is not None) == nested


@pytest.mark.parametrize("attrs", [
    {"LOWER": {"REGEX": "^att"}},
    {"TEXT": {"REGEX": "ed$"}, "POS": "VERB"},
    {"LEMMA": {"REGEX": "^(attack|raid)$", "NOT_IN": ["raid"]}},
    {"LOWER": {"REGEX": "^[a-z]+$"}, "_": {}},
    {"TAG": {"REGEX": "^VB"}},
])
def test_bounded_patterns_match_what_spacy_matches(nlp, attrs):
    doc = nlp("Rebels attacked the army in Goma. They Attack again and raid villages.")
    pattern = [{"RIGHT_ID": "action", "RIGHT_ATTRS": attrs}]
    plain, safe = DependencyMatcher(nlp.vocab), DependencyMatcher(nlp.vocab, validate=True)
    plain.add("x", [pattern])
    safe.add("x", [bounded(pattern, "test: rule")])
    assert sorted(m[1] for m in safe(doc)) == sorted(m[1] for m in plain(doc))
    assert "REGEX" not in str(bounded(pattern, "test: rule"))


def test_a_regex_that_runs_long_stops_its_document_with_the_rule_named(nlp, monkeypatch,
                                                                      tmp_path):
    monkeypatch.setattr(token_regex, "TOKEN_SECONDS", 0.05)
    path = tmp_path / "rx.codebook.yaml"
    path.write_text(book_with('{TEXT: {REGEX: "^(a|aa)+$"}}'), encoding="utf-8")
    engine = Engine([str(path)], nlp=nlp, strict=False)
    documents = [Document("slow", "Rebels shouted " + "a" * 60 + "b at the army."),
                 Document("fine", "Rebels attacked the army in Goma.")]
    slow, fine = engine.results(documents)
    assert not slow.events and len(slow.problems) == 1
    assert "RegexTimeout" in slow.problems[0].message
    assert f"{path}: events[1].patterns[0]" in slow.problems[0].message
    assert fine.ok and [e["event_code"] for e in fine.events] == ["190"]


class Stuck(Codebook):
    """A codebook whose coding never ends on one text."""

    id, version = "stuck", "1"

    def code(self, doc, sentences, ctx):
        while "forever" in doc.text:
            pass
        return []


def test_a_document_that_codes_too_long_is_stopped_and_the_batch_goes_on(nlp):
    engine = Engine([Stuck()], nlp=nlp, strict=False)
    engine.max_document_seconds = 0.5
    stuck, fine = engine.results([Document("a", "This goes on forever.", origin="n.jsonl:1"),
                                  Document("b", "This ends.")])
    assert stuck.problems[0].file == "n.jsonl:1" and stuck.problems[0].field == "id=a"
    assert "coding took longer than 0.5 s" in stuck.problems[0].message
    assert fine.ok


@settings(max_examples=max(25, settings().max_examples // 2))
@pytest.mark.filterwarnings("ignore:Possible set:FutureWarning")
@given(regex=st.text(alphabet=st.sampled_from("ab()[]|+*?{}^$\\.,1-2"), max_size=12))
@pytest.mark.long_property
def test_any_regex_in_a_codebook_loads_or_fails_with_a_location(nlp, regex):
    data = {"codebook": "rx", "version": "1", "events": [{"code": "1", "patterns": [[
        {"RIGHT_ID": "action", "RIGHT_ATTRS": {"LOWER": {"REGEX": regex}}}]]}]}
    try:
        book = RuleCodebook(data, "rx.yaml")
    except CodebookError as err:
        assert all(p.file == "rx.yaml" and p.field for p in err.problems)
        return
    book.prepare(nlp)
    assert regex_problem(regex) is None
