"""ACLED's vocabulary is data: every lexicon entry the plugin's modules read exists with the
kind they read it as, and words a codebook that ``extends: acled`` adds to the entries moved
out of Python (passage and fatality words) change what is coded. Parses are hand-built where
the parse is not the point."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest
from click.testing import CliRunner

from eventcoder.cli import cli
from eventcoder.errors import CodebookError
from eventcoder_acled import lexicon as lex
from eventcoder_acled.actors import Mention
from eventcoder_acled.fatalities import count_fatalities
from eventcoder_acled.passage import is_reason, role, violent_cues, weapon_cues
from token_table import parsed

PLUGIN = Path(__file__).resolve().parents[1] / "plugins" / "eventcoder_acled"
READERS = {"words": "words", "ordered": "ordered", "mapping": "map", "pattern": "pattern"}


def extended(entries: dict) -> lex.Lexicon:
    return lex.builtin().extended(entries, "mine.codebook.yaml")


def entries_read_by_the_plugin() -> set[tuple[str, str]]:
    """(reader, entry) of every ``words("x")``, ``lexicon.pattern("x")`` ... in the plugin."""
    found = set()
    for file in PLUGIN.rglob("*.py"):
        for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and node.args and isinstance(
                    node.args[0], ast.Constant) and isinstance(node.args[0].value, str):
                name = getattr(node.func, "id", getattr(node.func, "attr", None))
                if name in READERS:
                    found.add((READERS[name], node.args[0].value))
    return found


def test_every_entry_the_modules_read_is_in_the_lexicon_as_they_read_it():
    read = entries_read_by_the_plugin()
    assert {("words", "kill_verbs"), ("map", "weapon_sub_events"),
            ("pattern", "coded_fatalities"), ("words", "event_cues")} <= read
    builtin = lex.builtin()
    for reader, name in sorted(read):
        getattr(builtin, reader)(name)  # raises CodebookError when absent or of another kind


# -- fatalities: a verb an extension adds to kill_verbs counts its victims ------------------
LIQUIDATED_FIVE = """
Gunmen 1 nsubj NOUN NNS gunman
liquidated 1 ROOT VERB VBD liquidate
five 3 nummod NUM CD five
villagers 1 dobj NOUN NNS villager
"""
WERE_LIQUIDATED = """
Four 1 nummod NUM CD four
soldiers 3 nsubjpass NOUN NNS soldier
were 3 auxpass AUX VBD be
liquidated 3 ROOT VERB VBN liquidate
"""
LIQUIDATES_PRISONERS_AND_GUARDS = """
The 1 det DET DT the
militia 2 nsubj NOUN NN militia
liquidates 2 ROOT VERB VBZ liquidate
12 4 nummod NUM CD 12
prisoners 2 dobj NOUN NNS prisoner
and 4 cc CCONJ CC and
two 7 nummod NUM CD two
guards 4 conj NOUN NNS guard
"""

HE_WAS_LIQUIDATED = """
He 2 nsubjpass PRON PRP he
was 2 auxpass AUX VBD be
liquidated 2 ROOT VERB VBN liquidate
"""
LIQUIDATED_A_GUARD = """
Rebels 1 nsubj NOUN NNS rebel
liquidated 1 ROOT VERB VBD liquidate
a 3 det DET DT a
guard 1 dobj NOUN NN guard
"""


@pytest.mark.parametrize("rows, dead", [
    (LIQUIDATED_FIVE, 5), (WERE_LIQUIDATED, 4), (LIQUIDATES_PRISONERS_AND_GUARDS, 14),
    (HE_WAS_LIQUIDATED, 1), (LIQUIDATED_A_GUARD, 1)])
def test_a_kill_verb_an_extension_adds_counts_its_victims(rows, dead):
    doc = parsed(rows)
    assert count_fatalities(doc) is None
    with lex.using(extended({"kill_verbs": {"words": ["liquidate"]}})):
        assert count_fatalities(doc) == dead
    assert count_fatalities(doc) is None


@pytest.mark.parametrize("text, dead", [
    ("On 3 May 2024, gunmen attacked Gudo village in Oromia region and liquidated five "
     "farmers.", 5),
    ("On 4 June 2023, twenty civilians were liquidated by militiamen who attacked Djibo in "
     "Burkina Faso.", 20),
    ("On 4 June 2023, militiamen attacked Djibo in Burkina Faso, liquidating twenty "
     "civilians.", 20),
])
def test_a_codebook_that_extends_acled_adds_a_kill_verb(engine_factory, tmp_path, text, dead):
    book = tmp_path / "purge.codebook.yaml"
    book.write_text('codebook: acled-purge\nversion: "1"\nextends: acled\n'
                    "lexicon:\n  kill_verbs: {words: [liquidate]}\n")
    assert [e["fatalities"] for e in engine_factory("acled").code_texts([text])] == [0]
    events = engine_factory(str(book)).code_texts([text])
    assert [(e["sub_event_type"], e["fatalities"]) for e in events] == [("Attack", dead)]


# -- the passage: reasons and targets an extension adds ------------------------------------
AMID_THE_KILLING = """
Residents 1 nsubj NOUN NNS resident
protested 1 ROOT VERB VBD protest
amid 1 prep ADP IN amid
the 4 det DET DT the
killing 2 pobj NOUN NN killing
"""
MARCHED_AMID_SHOOTINGS = """
Students 1 nsubj NOUN NNS student
marched 1 ROOT VERB VBD march
in 1 prep ADP IN in
Goma 2 pobj PROPN NNP Goma
amid 1 prep ADP IN amid
shootings 4 pobj NOUN NNS shooting
"""
AMID_AN_ATTACK = """
Amid 3 prep ADP IN amid
an 2 det DET DT an
attack 0 pobj NOUN NN attack
traders 4 nsubj NOUN NNS trader
closed 4 ROOT VERB VBD close
shops 4 dobj NOUN NNS shop
"""


@pytest.mark.parametrize("rows, event", [
    (AMID_THE_KILLING, 4), (MARCHED_AMID_SHOOTINGS, 5), (AMID_AN_ATTACK, 2)])
def test_a_reason_word_an_extension_adds_makes_an_event_background(rows, event):
    token = parsed(rows)[event]
    assert not is_reason(token)
    with lex.using(extended({"reason_words": {"words": ["amid"]}})):
        assert is_reason(token)


FIRED_INTO_THE_CROWD = """
Soldiers 1 nsubj NOUN NNS soldier
fired 1 ROOT VERB VBD fire
into 1 prep ADP IN into
the 4 det DET DT the
crowd 2 pobj NOUN NN crowd
"""
SHOT_INTO_A_MARKET = """
Militants 1 nsubj NOUN NNS militant
shot 1 ROOT VERB VBD shoot
into 1 prep ADP IN into
a 4 det DET DT a
market 2 pobj NOUN NN market
"""
ARE_FIRING_INTO_HOMES = """
Police 2 nsubj NOUN NNS police
are 2 aux AUX VBP be
firing 2 ROOT VERB VBG fire
into 2 prep ADP IN into
homes 3 pobj NOUN NNS home
"""


@pytest.mark.parametrize("rows, at", [
    (FIRED_INTO_THE_CROWD, 4), (SHOT_INTO_A_MARKET, 4), (ARE_FIRING_INTO_HOMES, 4)])
def test_a_target_preposition_an_extension_adds_makes_a_target(rows, at):
    doc = parsed(rows)
    victims = Mention("civilians", at, at + 1, doc[at].text)
    assert role(victims, doc) == "other"
    with lex.using(extended({"target_prepositions": {"words": ["into"]}})):
        assert role(victims, doc) == "target"


def test_a_weapon_an_extension_adds_is_a_violent_cue():
    weapons = {"weapon_sub_events": {"map": {"thermobaric": "Shelling/artillery/missile attack"}}}
    assert "thermobaric" not in violent_cues()
    with lex.using(extended(weapons)):
        assert "thermobaric" in weapon_cues() and "thermobaric" in violent_cues()
        assert list(lex.mapping("weapon_sub_events"))[0] == "chemical"  # order kept


# -- located errors -------------------------------------------------------------------------
@pytest.mark.parametrize("entry, kind", [
    ({"kill_verbs": {"replace": True, "pattern": "kill"}}, "words"),
    ({"coded_fatalities": {"replace": True, "words": ["coded"]}}, "pattern"),
    ({"weapon_sub_events": {"replace": True, "words": ["air"]}}, "map"),
])
def test_a_replacement_must_keep_the_kind_the_modules_read(entry, kind):
    with pytest.raises(CodebookError) as err:
        extended(entry)
    problem = err.value.problems[0]
    assert problem.file == "mine.codebook.yaml"
    assert problem.field == f"lexicon.{next(iter(entry))}" and kind in problem.message


def test_a_replacement_of_the_same_kind_is_taken():
    mine = extended({"kill_verbs": {"replace": True, "words": ["liquidate"]}})
    assert mine.words("kill_verbs") == {"liquidate"}


@pytest.mark.parametrize("lexicon_yaml, located", [
    ("  kill_verbs: {words: [3]}\n", "lexicon.kill_verbs.words[0]"),
    ("  no_deaths: {replace: true, pattern: '(unclosed'}\n", "lexicon.no_deaths.pattern"),
    ("  event_cues: {replace: true, map: {attack: 1}}\n", "lexicon.event_cues"),
])
def test_validate_locates_a_bad_extension_entry(tmp_path, lexicon_yaml, located):
    book = tmp_path / "mine.codebook.yaml"
    book.write_text('codebook: mine\nversion: "1"\nextends: acled\nlexicon:\n' + lexicon_yaml)
    result = CliRunner().invoke(cli, ["validate", str(book)])
    assert result.exit_code == 1
    assert "mine.codebook.yaml" in result.output and located in result.output, result.output
