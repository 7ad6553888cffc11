"""Coding mechanics on hand-written sentences through the real parser: passives,
coordination, xcomp chains, negation, reported speech, relative clauses, appositives,
pronouns, agents, date-restricted actors, discards, paired codes, de-duplication."""
from __future__ import annotations

import pytest

from eventcoder import Engine
from eventcoder_cameo.petrarch import load_dictionaries

VERBS = """\
--- ATTACK [190] ---
ATTACK
--- CONDEMN [122] ---
CONDEMN
--- ACCUSE [112] ---
ACCUSE
--- SAY [010] ---
SAY {SAID SAYS SAYING}
--- VISIT [042:043] ---
VISIT
--- GRANT [070] ---
GIVE {GAVE GIVEN GIVES GIVING}
- * {MILITARY AID} (TO +) [0332]
--- AGREE [---] ---
AGREE
--- WANT [---] ---
WANT
~ a (b . ATTACK) SAY = a b 112
~ a (_ b ATTACK) WANT = a b 138
"""
ACTORS = """\
ARNOR [ARN]
+ARNORIAN
GONDOR [GON]
ROHAN [ROH]
MORDOR [MOR]
ISILDUR [---]
SMEAGOL
\t[HOB <19950601]
\t[HOBGOV >19950601]
"""
AGENTS = "SOLDIER [~MIL]\nKING [~GOV]\nMINISTER [~GOV]\n"


@pytest.fixture(scope="module")
def engine(nlp, tmp_path_factory):
    folder = tmp_path_factory.mktemp("dictionaries")
    (folder / "Test.verbs.txt").write_text(VERBS)
    (folder / "Test.actors.txt").write_text(ACTORS)
    (folder / "Test.agents.txt").write_text(AGENTS)
    (folder / "Test.discards.txt").write_text("WORLD CUP\n")
    return Engine([load_dictionaries(folder)], nlp=nlp)


def coded(engine, text, date="2000-01-01"):
    return sorted((e["source"], e["target"], e["code"]) for e in
                  engine.code_texts([text], date=date))


@pytest.mark.parametrize("text, expected", [
    ("Arnor attacked Gondor.", [("ARN", "GON", "190")]),
    ("Gondor was attacked by Arnor.", [("ARN", "GON", "190")]),
    ("Arnor and Rohan attacked Gondor and Mordor.",
     [("ARN", "GON", "190"), ("ARN", "MOR", "190"), ("ROH", "GON", "190"),
      ("ROH", "MOR", "190")]),
    ("Arnor condemned Gondor and attacked Mordor.",
     [("ARN", "GON", "122"), ("ARN", "MOR", "190")]),
    ("Arnor agreed to attack Gondor.", [("ARN", "GON", "190")]),
    ("Arnor is about to attack Gondor.", [("ARN", "GON", "190")]),
    ("Rohan said Arnor attacked Gondor.", [("ARN", "GON", "190")]),
    ("Rohan accused Gondor of attacking Mordor.", [("ROH", "GON", "112")]),
    ("Rohan condemned the Arnorian soldiers who attacked Gondor.",
     [("ARNMIL", "GON", "190"), ("ROH", "ARNMIL", "122")]),
    ("The king, a minister from Arnor, visited Gondor.",
     [("---GOV", "GON", "042"), ("GON", "---GOV", "043")]),
    ("Aragorn, the king of Arnor, visited Gondor.",
     [("ARNGOV", "GON", "042"), ("GON", "ARNGOV", "043")]),
    ("Arnor said it would attack Gondor.", [("ARN", "GON", "190")]),
    ("Rohan said Arnor attacked.", [("ROH", "ARN", "112")]),  # transformation: accuse
    ("Arnor wants to attack Gondor.", [("ARN", "GON", "138")]),  # transformation: threaten
    ("Arnorian soldiers attacked Gondor.", [("ARNMIL", "GON", "190")]),
    ("The ministers of Arnor and Rohan condemned Gondor.",
     [("ARNGOV", "GON", "122"), ("ROHGOV", "GON", "122")]),
    ("Arnor gave military aid to Gondor.", [("ARN", "GON", "0332")]),
    ("Arnor gave money to Gondor.", [("ARN", "GON", "070")]),
    ("Arnor attacked Gondor. Arnor attacked Gondor again.", [("ARN", "GON", "190")]),
    ("Arnor attacked Gondor after the World Cup.", []),
    ("Arnor did not attack Gondor.", []),
    ("Arnor attacked Arnor.", []),
    ("Arnor attacked the border.", []),  # no target: PETRARCH's require_dyad
    ("Isildur attacked Gondor.", []),  # a dictionary entry with the null code
])
def test_mechanics(engine, text, expected):
    assert coded(engine, text) == expected


def test_date_restricted_actor(engine):
    assert coded(engine, "Smeagol attacked Gondor.", "1994-01-01") == [("HOB", "GON", "190")]
    assert coded(engine, "Smeagol attacked Gondor.", "1999-01-01") == [("HOBGOV", "GON", "190")]
    # a person with a dated role keeps it: no agent is added ("king Smeagol" is HOBGOV)
    assert coded(engine, "King Smeagol attacked Gondor.", "1999-01-01") == [
        ("HOBGOV", "GON", "190")]


@pytest.mark.model  # loads the real pipeline itself
def test_negation_flag(engine):
    codebook = engine.codebooks[0]
    codebook.options["negation"] = "flag"
    try:
        events = engine.code_texts(["Arnor did not attack Gondor."])
    finally:
        codebook.options["negation"] = "drop"
    assert [(e["code"], e["negated"]) for e in events] == [("190", True)]


def test_passive_source_option(engine):
    codebook = engine.codebooks[0]
    text = "Four soldiers were attacked in Arnorian raids."
    assert coded(engine, text) == []  # no "by" agent: no source
    codebook.options["passive_source"] = True
    try:
        assert coded(engine, text) == [("ARN", "---MIL", "190")]
    finally:
        codebook.options["passive_source"] = False


@pytest.mark.model  # loads the real pipeline itself
def test_events_carry_cameo_fields(engine):
    event, = engine.code_texts(["Arnor attacked Gondor."])
    assert event["quad_class"] == 4 and event["goldstein"] == -10.0
    assert event["root_code"] == "19" and event["cite_info"]["rule"] == "Test.verbs.txt:2"
    assert event["actor"][0]["rule"].startswith("Test.actors.txt:")


@pytest.mark.model  # loads the real pipeline itself
def test_harvest_collects_uncoded_verbs_and_actors(engine):
    codebook = engine.codebooks[0]
    codebook.start_harvest()
    try:
        engine.code_texts(["Arnor frobnicated Gondor.", "Elrond attacked Gondor."])
        records = codebook.harvest_records()
    finally:
        codebook.harvest = None
    assert {(r["kind"], r["text"]) for r in records} == {("verb", "frobnicate"),
                                                          ("actor", "Elrond")}
