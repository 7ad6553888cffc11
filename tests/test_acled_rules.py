"""ACLED typing rules as data: the rule interpreter on hand-built passages, located errors in
rules and lexicon files, and a codebook that ``extends: acled`` with a rule of its own."""
from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.tokens import Doc

from eventcoder.errors import CodebookError
from eventcoder_acled import lexicon as lex
from eventcoder_acled import rulebook
from eventcoder_acled.actors import Mention
from eventcoder_acled.cues import Cue, load_triggers
from eventcoder_acled.passage import Passage
from eventcoder_acled.taxonomy import taxonomy

EXAMPLE = Path(__file__).resolve().parents[1] / "docs" / "examples" / \
    "acled-pastoral.codebook.yaml"
SUBS = set(taxonomy().sub_events)
CUES = set(load_triggers()[0])
LIVESTOCK = {"livestock": {"about": "animals", "words": ["cattle", "cow", "goat", "camel"]}}
RAID = {"name": "cattle-raid", "precedence": 105, "yields": "Looting/property destruction",
        "when": {"cues": ["looting"], "words": ["livestock"]},
        "unless": ["someone_killed", "negated"],
        "actor": {"kinds": ["identity", "group", "armed_group"], "otherwise": "armed_group"},
        "target": {"kinds": ["civilians"], "otherwise": "civilians"}}


def book(*rules, lexicon=None, disable=()):
    lexicon = lexicon or lex.builtin().extended(LIVESTOCK, "test.yaml")
    empty = rulebook.RuleBook([], lexicon)
    return empty.extended({"rules": [dict(r) for r in rules], "disable": list(disable)},
                          lexicon, "test.yaml", SUBS, CUES)


def passage(words, lemmas, cues, mentions, deps=None, heads=None):
    """A one-sentence passage on a hand-built Doc: cues as (name, token), mentions as
    (kind, start, end)."""
    vocab = spacy.blank("en").vocab
    doc = Doc(vocab, words=words, lemmas=lemmas, deps=deps or ["dep"] * len(words),
              heads=heads or list(range(len(words))), sent_starts=[True] + [False] * (
                  len(words) - 1))
    found = [Mention(kind, s, e, doc[s:e].text) for kind, s, e in mentions]
    return Passage([doc[:]], [Cue(name, i, i + 1) for name, i in cues], found), found


# raiders / gunmen / Murle youths took cattle, cows, goats, camels (several wordings)
@pytest.mark.parametrize("words, lemmas, cue, kind", [
    (["Raiders", "stole", "cattle", "near", "Kapoeta"],
     ["raider", "steal", "cattle", "near", "Kapoeta"], 1, "armed_group"),
    (["Gunmen", "looted", "200", "cows", "in", "Pibor"],
     ["gunman", "loot", "200", "cow", "in", "Pibor"], 1, "armed_group"),
    (["Murle", "militiamen", "rustled", "goats", "on", "Monday"],
     ["Murle", "militiaman", "rustle", "goat", "on", "Monday"], 2, "identity"),
    (["Camels", "were", "stolen", "by", "bandits"],
     ["camel", "be", "steal", "by", "bandit"], 2, "armed_group"),
])
def test_a_declared_rule_fires_on_its_cues_words_and_roles(words, lemmas, cue, kind):
    actor_at = 0 if kind == "identity" or words[0] != "Camels" else len(words) - 1
    end = actor_at + (2 if kind == "identity" else 1)
    p, found = passage(words, lemmas, [("looting", cue)], [(kind, actor_at, end)])
    decision = book(RAID).run(p, found, found, [])
    assert decision.sub_event_type == "Looting/property destruction"
    assert decision.rule == "cattle-raid"
    assert decision.side1 is found[0] and decision.side2 == "civilians"


@pytest.mark.parametrize("words, lemmas, cues", [
    # no livestock word: goods, not herds
    (["Raiders", "stole", "phones", "in", "Juba"], ["raider", "steal", "phone", "in", "Juba"],
     [("looting", 1)]),
    # someone killed: the usual rules decide
    (["Raiders", "killed", "two", "and", "stole", "cattle"],
     ["raider", "kill", "two", "and", "steal", "cattle"], [("attack", 1), ("looting", 4)]),
    # no looting cue at all
    (["Cattle", "grazed", "near", "the", "river"], ["cattle", "graze", "near", "the", "river"],
     []),
])
def test_a_declared_rule_keeps_out_without_its_cue_or_words_or_when_blocked(words, lemmas, cues):
    p, found = passage(words, lemmas, cues, [("armed_group", 0, 1)])
    assert book(RAID).run(p, found, found, []) is None


def test_negation_blocks_a_declared_rule():
    words = ["Raiders", "did", "not", "steal", "cattle"]
    p, found = passage(words, ["raider", "do", "not", "steal", "cattle"], [("looting", 3)],
                       [("armed_group", 0, 1)], deps=["nsubj", "aux", "neg", "ROOT", "dobj"],
                       heads=[3, 3, 3, 3, 3])
    assert book(RAID).run(p, found, found, []) is None


def test_a_side_of_no_listed_kind_takes_the_kind_named_after_the_country():
    p, found = passage(["Police", "stole", "cattle"], ["police", "steal", "cattle"],
                       [("looting", 1)], [("police", 0, 1)])
    decision = book(RAID).run(p, [], [], found)
    assert decision.side1 == "armed_group" and decision.side2 == "civilians"


PATTERNS = {
    "livestock": LIVESTOCK["livestock"],
    "herd_taken": {"about": "a verb of taking with livestock as its object", "matcher": [
        [{"RIGHT_ID": "verb", "RIGHT_ATTRS": {"LEMMA": {"IN": ["steal", "loot", "rustle"]}}},
         {"LEFT_ID": "verb", "REL_OP": ">", "RIGHT_ID": "object",
          "RIGHT_ATTRS": {"DEP": {"IN": ["dobj", "nsubjpass"]},
                          "LEMMA": {"IN": ["cattle", "cow", "goat", "camel"]}}}]]},
    "herd_words": {"about": "a number of animals", "matcher": [
        [{"LIKE_NUM": True}, {"LEMMA": {"IN": ["cattle", "cow", "goat", "camel"]}}]]},
}
TAKEN = {**RAID, "when": {"cues": ["looting"], "dependency": ["herd_taken"]}}
COUNTED = {**RAID, "when": {"cues": ["looting"], "matcher": ["herd_words"]}}


@pytest.mark.parametrize("words, lemmas, deps, heads, cue, fires", [
    (["Raiders", "stole", "cattle"], ["raider", "steal", "cattle"],
     ["nsubj", "ROOT", "dobj"], [1, 1, 1], 1, True),
    (["Cows", "were", "looted", "by", "gunmen"], ["cow", "be", "loot", "by", "gunman"],
     ["nsubjpass", "auxpass", "ROOT", "agent", "pobj"], [2, 2, 2, 2, 3], 2, True),
    (["Gunmen", "rustled", "goats"], ["gunman", "rustle", "goat"],
     ["nsubj", "ROOT", "dobj"], [1, 1, 1], 1, True),
    # the animals are there, but not what is taken
    (["Raiders", "near", "cattle", "stole", "phones"],
     ["raider", "near", "cattle", "steal", "phone"],
     ["nsubj", "prep", "pobj", "ROOT", "dobj"], [3, 0, 1, 3, 3], 3, False),
    (["Cattle", "owners", "looted", "shops"], ["cattle", "owner", "loot", "shop"],
     ["compound", "nsubj", "ROOT", "dobj"], [1, 2, 2, 2], 2, False),
])
def test_a_dependency_pattern_in_the_lexicon_conditions_a_rule(words, lemmas, deps, heads,
                                                                cue, fires):
    lexicon = lex.builtin().extended(PATTERNS, "test.yaml")
    p, found = passage(words, lemmas, [("looting", cue)], [], deps=deps, heads=heads)
    decision = book(TAKEN, lexicon=lexicon).run(p, [], [], [])
    assert (decision is not None and decision.rule == "cattle-raid") is fires


@pytest.mark.parametrize("words, lemmas, fires", [
    (["Raiders", "stole", "300", "cattle"], ["raider", "steal", "300", "cattle"], True),
    (["Gunmen", "looted", "forty", "goats"], ["gunman", "loot", "forty", "goat"], True),
    (["Raiders", "stole", "cattle"], ["raider", "steal", "cattle"], False),
])
def test_a_token_pattern_in_the_lexicon_conditions_a_rule(words, lemmas, fires):
    lexicon = lex.builtin().extended(PATTERNS, "test.yaml")
    p, found = passage(words, lemmas, [("looting", 1)], [])
    decision = book(COUNTED, lexicon=lexicon).run(p, [], [], [])
    assert (decision is not None) is fires


def test_a_bad_pattern_is_reported_with_its_rule_and_entry():
    bad = {**PATTERNS, "herd_words": {"about": "x", "matcher": [[{"LEMMA": {"NOPE": [1]}}]]}}
    with pytest.raises(CodebookError) as err:
        book(COUNTED, lexicon=lex.builtin().extended(bad, "test.yaml"))
    problem = err.value.problems[0]
    assert problem.field == "rules[0] (cattle-raid).when.matcher"
    assert "herd_words" in problem.message


def test_precedence_orders_rules_and_a_gate_stops_typing():
    agreement = {"name": "herd-deal", "precedence": 50, "yields": "Agreement",
                 "when": {"words": ["livestock"]}}
    stop = {"name": "stop-herds", "precedence": 40, "gate": True, "test": "no_armed_actor"}
    p, found = passage(["Elders", "stole", "cattle"], ["elder", "steal", "cattle"],
                       [("looting", 1)], [("civilians", 0, 1)])
    assert book(RAID, agreement).run(p, found, found, []).rule == "herd-deal"
    assert book(RAID, agreement, stop).run(p, [], found, []) is None  # nobody armed: stop
    assert book(RAID, agreement, disable=["herd-deal"]).run(p, found, found, []).rule == \
        "cattle-raid"


def test_a_rule_named_like_a_built_in_one_replaces_it_in_its_place():
    builtin = rulebook.load(lex.builtin(), SUBS, CUES)
    order = [r.name for r in builtin.rules]
    assert order[:3] == ["no-event-cue", "not-an-event", "refers-back"]
    mine = {"name": "settlement", "yields": "Agreement", "when": {"cues": ["agreement"]}}
    changed = builtin.extended({"rules": [mine]}, lex.builtin(), "mine.yaml", SUBS, CUES)
    assert [r.name for r in changed.rules] == order
    assert changed.rules[order.index("settlement")].yields == "Agreement"
    assert changed.rules[order.index("settlement")].test is None


@pytest.mark.parametrize("rule, field, message", [
    ({**RAID, "yields": "Cattle theft"}, "rules[0] (cattle-raid).yields", "unknown sub-event"),
    ({**RAID, "when": {"cues": ["rustling"]}}, "rules[0] (cattle-raid).when.cues",
     "unknown cue"),
    ({**RAID, "when": {"words": ["herds"]}}, "rules[0] (cattle-raid).when.words",
     "no lexicon entry"),
    ({**RAID, "unless": ["drunk"]}, "rules[0] (cattle-raid).unless", "no registered test"),
    ({k: v for k, v in RAID.items() if k != "precedence"}, "rules[0] (cattle-raid).precedence",
     "needs a precedence"),
    ({**RAID, "test": "crowd"}, "rules[0]", "valid under"),
    ({**RAID, "colour": "red"}, "rules[0]", "unknown key"),
])
def test_bad_rules_are_reported_with_file_rule_and_field(rule, field, message):
    with pytest.raises(CodebookError) as err:
        book(rule)
    problem = err.value.problems[0]
    assert problem.file == "test.yaml" and problem.field == field
    assert message in problem.message


def test_disabling_an_unknown_rule_is_an_error():
    with pytest.raises(CodebookError, match="no rule named"):
        book(RAID, disable=["nonesuch"])


@pytest.mark.parametrize("entries, field", [
    ({"bad_regex": {"about": "x", "pattern": "(unclosed"}}, "entries.bad_regex.pattern"),
    ({"loop": {"about": "x", "include": ["loop"]}}, "entries.loop.include"),
    ({"numbers": {"about": "x", "words": [1, 2]}}, "entries.numbers.words[0]"),
    ({"Upper": {"about": "x", "words": ["a"]}}, "entries"),
    ({"no_about": {"words": ["a"]}}, "entries.no_about"),
])
def test_bad_lexicon_entries_are_reported_with_file_entry_and_field(entries, field):
    with pytest.raises(CodebookError) as err:
        problems = lex.check(entries, "lexicon.yaml")
        if problems:
            raise CodebookError(problems)
        lex.Lexicon(entries, "lexicon.yaml")
    assert err.value.problems[0].file == "lexicon.yaml"
    assert err.value.problems[0].field.startswith(field)


def test_an_extension_adds_words_to_an_entry_and_the_active_lexicon_serves_them():
    added = lex.builtin().extended({"near": {"words": ["beside"]}}, "mine.yaml")
    assert "beside" in added.words("near") and "beside" not in lex.builtin().words("near")
    assert lex.words("near") == lex.builtin().words("near")
    with lex.using(added):
        assert "beside" in lex.words("near")
    assert "beside" not in lex.words("near")


def test_the_built_in_files_validate(tmp_path):
    from click.testing import CliRunner

    from eventcoder.cli import cli
    data = Path(__file__).resolve().parents[1] / "codebooks" / "acled"
    result = CliRunner().invoke(cli, ["validate", str(data / "acled.codebook.yaml")])
    assert result.exit_code == 0, result.output
    result = CliRunner().invoke(cli, ["validate", str(EXAMPLE)])
    assert result.exit_code == 0 and "acled-pastoral" in result.output
    bad = tmp_path / "bad.codebook.yaml"
    bad.write_text(EXAMPLE.read_text().replace("yields: Looting/property destruction",
                                               "yields: Cattle theft"))
    result = CliRunner().invoke(cli, ["validate", str(bad)])
    assert result.exit_code == 1
    assert "rules[0] (cattle-raid).yields: unknown sub-event type 'Cattle theft'" in \
        result.output


# -- a codebook that extends ACLED's, on the real pipeline ----------------------------------
@pytest.fixture(scope="module")
def pastoral(engine_factory):
    return engine_factory(str(EXAMPLE))


@pytest.mark.parametrize("text", [
    "On 6 March 2023, armed raiders attacked herders and drove off 300 cattle near Kapoeta.",
    "On 3 March 2023, gunmen raided a cattle camp in Pibor and made off with 500 cows.",
    "On 5 May 2022, some 200 goats were stolen by armed youths in Moroto district.",
])
def test_an_extension_rule_in_yaml_codes_its_events(pastoral, engine_factory, text):
    events = pastoral.code_texts([text])
    assert [e["sub_event_type"] for e in events] == ["Looting/property destruction"]
    assert events[0]["cite_info"]["rule"] == "cattle-raid"
    assert events[0]["cite_info"]["codebook"] == "acled-pastoral"
    base = engine_factory("acled").code_texts([text])
    assert base and all(e["cite_info"]["rule"] != "cattle-raid" for e in base)


@pytest.mark.parametrize("text", [
    "On 6 March 2023, raiders killed two herders and drove off their cattle near Kapoeta.",
    "On 8 April 2023, gunmen shot dead a herder and stole 40 goats in Moroto district.",
])
def test_an_extension_rule_leaves_killings_to_acleds_rules(pastoral, text):
    events = pastoral.code_texts([text])
    assert events and all(e["cite_info"]["rule"] != "cattle-raid" for e in events)
    assert {e["sub_event_type"] for e in events} == {"Attack"}


@pytest.mark.parametrize("text, place", [
    ("On 3 May 2024, gunmen attacked Gudo Beret kebele, killing four farmers.", "Gudo Beret"),
    ("On 3 May 2024, Gudo Beret kebele was attacked by gunmen who killed four farmers.",
     "Gudo Beret"),
    ("On 3 May 2024, four farmers were killed when gunmen raided Adaba Dima woreda.",
     "Adaba Dima"),
])
def test_words_an_extension_adds_to_a_lexicon_entry_are_read(engine_factory, tmp_path, text,
                                                             place):
    book_file = tmp_path / "ethiopia.codebook.yaml"
    book_file.write_text('codebook: acled-ethiopia\nversion: "1"\nextends: acled\n'
                         "lexicon:\n  place_nouns: {words: [kebele, woreda]}\n")
    events = engine_factory(str(book_file)).code_texts([text])
    assert [(e["location"] or {}).get("location") for e in events] == [place]
    base = engine_factory("acled").code_texts([text])
    assert all((e["location"] or {}).get("location") != place for e in base)
