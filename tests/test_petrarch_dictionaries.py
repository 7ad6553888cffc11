"""PETRARCH-format dictionary import: verbs, actors, agents, discards, located errors."""
from __future__ import annotations

import json
import logging

import pytest

from eventcoder.errors import CodebookError
from eventcoder_cameo.petrarch import load_dictionaries
from eventcoder_cameo.petrarch.actors import read_actors, read_agents, read_discards
from eventcoder_cameo.petrarch.ontology import read_ontology
from eventcoder_cameo.petrarch.verbs import Code, parse_code, read_verbs

VERBS = """\
<!-- a test verb dictionary -->
&CURRENCY
+DOLLARS
+SWISS_FRANCS
+YEN_

--- GRANT [070] ---
GRANT
GIVE {GAVE GIVEN GIVING}   # irregular forms
+HAND_OVER [071]
- * &CURRENCY [071]  # money
- * {MILITARY AID} (TO +) [072]
- % * [030:030]

--- VISIT [042:043] ---
VISIT
- * (FOR TALKS) [046]
~ a (a b VISIT) SAY = a b 010
"""

ACTORS = """\
ARNOR_ [ARN]
+ARNORIAN
GONDOR [GON] ; a remark
+MINAS_TIRITH

GOLLUM  # date-restricted
+SMEAGOL
\t[HOB <950601]
\t[HOBGOV 19950601-19990815]
\t[HOBREB >990816]
LORIEN [ELR/GAL]
"""

AGENTS = """\
!PERSON! = MAN, WOMAN
SOLDIER [~MIL]
POLICE {} [~COP]
GOLDEN_GOOSE {GOLDEN_GEESE} [~GGS]
CONGRESS!PERSON! [~LEG]
RIGHTS_GROUP [NGO~]
"""


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "Test.verbs.txt").write_text(VERBS)
    (tmp_path / "Test.actors.txt").write_text(ACTORS)
    (tmp_path / "Test.agents.txt").write_text(AGENTS)
    (tmp_path / "Test.discards.txt").write_text("WORLD CUP\n+BASEBALL_\n")
    return tmp_path


def test_verb_blocks_synsets_and_patterns(folder):
    problems = []
    verbs = read_verbs(folder / "Test.verbs.txt", problems)
    assert problems == []
    assert [b.label for b in verbs.blocks] == ["GRANT", "VISIT"]
    assert verbs.blocks[1].code == Code("042", "043")
    index = verbs.index()
    assert {v.word for v in index["gave"]} == {"give"}
    hand = index["hand"][0]
    assert hand.after == ("over",) and hand.code == Code("071")
    money, aid, compound = verbs.blocks[0].patterns
    assert ("swiss", "francs") in money.after[0].terms[0]
    assert ("yens",) not in money.after[0].terms[0]  # "YEN_": no plural
    assert ("dollars",) in money.after[0].terms[0]
    assert [e.kind for e in aid.after] == ["noun", "prep"]
    assert aid.after[1].role == "target"
    assert compound.before[0].role == "compound" and compound.code == Code("030", "030")
    transformation, = verbs.transformations
    assert (transformation.upper, transformation.verbs, transformation.source,
            transformation.target, transformation.code) == ("say", ("visit",), "a", "b", "010")


@pytest.mark.parametrize("text, expected", [
    ("042", Code("042")), ("042:043", Code("042", "043")), (":173", Code(None, "173")),
    ("---", Code(None)), ("075A", Code("075A")), ("+++", None), ("023?", None), ("", None)])
def test_codes(text, expected):
    assert parse_code(text) == expected


def test_bad_lines_are_reported_with_file_and_line(tmp_path):
    path = tmp_path / "bad.verbs.txt"
    path.write_text("--- ATTACK [190] ---\nATTACK\n- * &UNDEFINED [191]\n- * TROOPS [xyz]\n"
                    "- NO VERB HERE [190]\n--- BLAST [+++] ---\n~ a (b ATTACK) SAY = a b\n")
    problems = []
    read_verbs(path, problems)
    assert [(p.line, p.file) for p in problems] == [(n, str(path)) for n in (3, 4, 5, 6, 7)]
    assert "undefined synset &UNDEFINED" in problems[0].message
    assert "no '*'" in problems[2].message


def test_actors_synonyms_and_date_restrictions(folder):
    problems = []
    entries = read_actors(folder / "Test.actors.txt", problems)
    assert problems == []
    by_code = {e.code: e for e in entries}
    assert by_code["ARN"].patterns == ("arnor", "arnorian")
    assert by_code["GON"].patterns == ("gondor", "minas tirith")
    gollum = next(e for e in entries if "gollum" in e.patterns)
    assert gollum.patterns == ("gollum", "smeagol")
    assert gollum.code_on("1994-01-01") == "HOB"
    assert gollum.code_on("1997-03-01") == "HOBGOV"
    assert gollum.code_on("2001-01-01") == "HOBREB"
    assert by_code["ELR/GAL"].patterns == ("lorien",)


def test_bad_actor_lines(tmp_path):
    path = tmp_path / "bad.actors.txt"
    path.write_text("ARNOR [ARN]\n\t[ARNGOV 9501-9601]\nNOCODE\nGONDOR [GON\n")
    problems = []
    read_actors(path, problems)
    lines = sorted(p.line for p in problems)
    assert lines == [2, 3, 4]


def test_agents_plurals_prefixes_and_substitutions(folder):
    problems = []
    agents = {e.code: e for e in read_agents(folder / "Test.agents.txt", problems)}
    assert problems == []
    assert agents["MIL"].patterns == ("soldier", "soldiers")
    assert agents["COP"].patterns == ("police",)
    assert agents["GGS"].patterns == ("golden goose", "golden geese")
    assert agents["LEG"].patterns == ("congressman", "congresswoman")
    assert agents["NGO"].prefix and not agents["MIL"].prefix


def test_discards(folder):
    discards = read_discards([folder / "Test.discards.txt"], [])
    assert discards.discards_sentence("Arnor won the World Cup.")
    assert not discards.discards_sentence("Arnor attacked Gondor.")
    assert discards.discards_story("The baseball game.")
    assert not discards.discards_story("Baseballs were sold.")  # "BASEBALL_" needs a word end


def test_ontology_combines_a_category_with_a_governed_code(tmp_path):
    path = tmp_path / "Test.Internal.Coding.Ontology.txt"
    path.write_text("030:0x3000#Intend\n033:0x3040\n070:0x0040#Aid\n122:-0xFFFF+0x2040+0x300\n")
    ontology = read_ontology(path, [])
    assert ontology.combine("030", "070") == "033"
    assert ontology.combine("070", "030") is None
    assert ontology.combine("122", "070") is None


def test_folder_loads_and_logs_problems(folder, caplog):
    (folder / "Test.agents.txt").write_text(AGENTS + "BROKEN LINE WITHOUT CODE\n")
    with caplog.at_level(logging.WARNING):
        codebook = load_dictionaries(folder)
    assert len(codebook.problems) == 1 and codebook.problems[0].line == 7
    assert "Test.agents.txt:7" in caplog.text


def test_folder_needs_one_verb_dictionary(tmp_path):
    (tmp_path / "Test.actors.txt").write_text(ACTORS)
    with pytest.raises(CodebookError, match="expected one verb dictionary"):
        load_dictionaries(tmp_path)


def test_actor_codes_on_the_phrase_line_and_shared_by_code_less_names(tmp_path):
    """Real actor files put dated codes on the phrase's own line, let consecutive code-less
    names share the next codes, and carry dates with a stray digit."""
    path = tmp_path / "real.actors.txt"
    path.write_text("SOLANA_\t[IGOEUREEC 950701-951231][IGOWSTNAT 951205-991006] # remark\n"
                    "ACME_CORP_\t[MNCNLD] Antilles\tInstruments\n"
                    "LEONID_BREZHNEV_\nSECRETARY_BREZHNEV\n+BREZHNEV\n\t[RUSGOV 641014-821110]\n"
                    "DAVID_CAMERON_\n\t[GBRGOV >201005011]\nALAN_JOHNSON_\n\t[GBRGOV 090701-100531]\n")
    problems = []
    by_name = {e.patterns[0]: e for e in read_actors(path, problems)}
    assert not problems
    assert by_name["solana"].code_on("1998-01-01") == "IGOWSTNAT"
    assert by_name["acme corp"].code == "MNCNLD"
    assert by_name["leonid brezhnev"].patterns == ("leonid brezhnev", "secretary brezhnev",
                                                   "brezhnev")
    assert by_name["leonid brezhnev"].code_on("1970-01-01") == "RUSGOV"
    assert by_name["david cameron"].code_on("2015-01-01") == "GBRGOV"
    assert by_name["david cameron"].patterns == ("david cameron",)  # not Alan Johnson's


def test_real_dictionaries_load(shared_data):
    for name in ("petrarch-validate", "ud-validate-2_02", "phoenix"):
        codebook = load_dictionaries(shared_data / "dictionaries" / name)
        assert codebook.verbs.blocks and codebook.actors.entries
        assert all(p.file and p.line for p in codebook.problems)
    assert len(codebook.verbs.verbs) > 1000 and len(codebook.actors.entries) > 10000


@pytest.mark.model  # loads the real pipeline itself
def test_code_command_with_dictionaries_and_harvest(folder, tmp_path):
    from click.testing import CliRunner

    from eventcoder.cli import cli
    (folder / "Test.verbs.txt").write_text("--- ATTACK [190] ---\nATTACK\n")
    harvest = tmp_path / "harvest.jsonl"
    result = CliRunner().invoke(cli, [
        "code", "-", "-c", "cameo", "--dictionaries", str(folder), "--harvest", str(harvest),
        "--date", "2000-01-01"], input="Arnor attacked Gondor. Arnor frobnicated Gondor.\n")
    assert result.exit_code == 0, result.output
    events = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert [(e["source"], e["target"], e["code"]) for e in events] == [("ARN", "GON", "190")]
    assert json.loads(harvest.read_text())["text"] == "frobnicate"


def test_codebook_yaml_extending_cameo_with_dictionaries(folder, pm):
    from eventcoder.registry import CodebookRegistry
    (folder / "books").mkdir()
    path = folder / "books" / "mine.codebook.yaml"  # dictionaries: relative to the file
    path.write_text("codebook: mine\nversion: '1'\nextends: cameo\ndictionaries: ..\n"
                    "options: {negation: flag}\nevents: []\n")
    codebook = CodebookRegistry(pm).get(str(path))
    assert codebook.id == "mine" and codebook.options["negation"] == "flag"
    assert codebook.verbs.blocks[0].label == "GRANT"


def test_dictionaries_need_a_codebook_that_reads_them(folder, pm):
    from eventcoder.registry import CodebookRegistry
    with pytest.raises(CodebookError, match="does not take PETRARCH dictionaries"):
        CodebookRegistry(pm).get("acled").with_dictionaries(str(folder))
