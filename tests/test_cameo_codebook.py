"""The built-in CAMEO codebook: code table, CAMEO fields, actors, agents, dates, story country."""
from __future__ import annotations

import json

import pytest
from hypothesis import given, strategies as st

from eventcoder import Document
from eventcoder.errors import CodebookError
from eventcoder.validation import collect, event_validator
from eventcoder_cameo.cameo import cameo_fields, default_table
from eventcoder_cameo.codebook import CODEBOOK_FILE, CameoCodebook, is_cameo

TABLE = default_table()
ROOT_QUADS = {**{f"{r:02d}": 1 for r in range(1, 6)}, **{f"{r:02d}": 2 for r in range(6, 9)},
              **{f"{r:02d}": 3 for r in range(9, 14)}, **{f"{r:02d}": 4 for r in range(14, 21)}}


@pytest.fixture(scope="module")
def cameo(engine_factory):
    return engine_factory("cameo")


def code(engine, text, date=None):
    """(source, target, code) triples for one text."""
    result = next(engine.results([Document("t", text, date)]))
    assert not result.problems, result.problems
    return [(e["source"], e["target"], e["code"]) for e in result.events]


# -- the code table ------------------------------------------------------------------------
def test_code_table_has_every_cameo_code_with_quad_class_and_goldstein():
    assert len(TABLE) == 311
    roots = {c.root for c in TABLE.codes.values()}
    assert roots == set(ROOT_QUADS)
    for entry in TABLE.codes.values():
        assert entry.code.startswith(entry.root) and 2 <= len(entry.code) <= 4
        assert entry.quad_class == ROOT_QUADS[entry.root]
        assert -10 <= entry.goldstein <= 10 and entry.name
    assert TABLE.lookup("190").goldstein == -10.0 and TABLE.lookup("042").quad_class == 1
    assert TABLE.lookup("0841").name == "Return, release person(s)"


def test_every_event_code_is_in_the_codebook_with_verbs_where_verbs_express_it():
    codebook = CameoCodebook.builtin()
    codes = [rule.code for rule in codebook.rules]
    assert sorted(codes) == sorted(c for c in TABLE.codes if len(c) > 2)
    with_verbs = {codebook.rules[v.event].code for v in codebook.verbs}
    assert len(with_verbs) == len(codes)  # every code has at least one verb phrase
    assert len(codebook.verbs) > 3000
    assert all(rule.label == TABLE.lookup(rule.code).name for rule in codebook.rules)


def test_lookup_falls_back_to_the_parent_code_and_refuses_non_codes():
    assert TABLE.lookup("0429").code == "042"  # a finer dictionary code
    for bad in ("21", "0", "abc", "00", ""):
        with pytest.raises(CodebookError):
            TABLE.lookup(bad)


@given(st.sampled_from(sorted(TABLE.codes)), st.sampled_from(["PAKMIL", "---REB", None, "IGOUNO"]),
       st.sampled_from(["USA", None, "---GOV"]))
def test_cameo_fields_always_satisfy_the_cameo_schema_part(code_, source, target):
    fields = cameo_fields(code_, source, target)
    schema = json.loads((CODEBOOK_FILE.parent / "event.schema.json").read_text())
    for name, rule in schema["properties"].items():
        assert name in fields
    assert fields["root_code"] == code_[:2] and fields["quad_class"] == ROOT_QUADS[code_[:2]]
    assert fields["source"] == (source or "---") and fields["target"] == (target or "---")


def test_events_are_validated_by_the_cameo_extension_schema(cameo):
    codebook = cameo.codebooks[0]
    assert is_cameo(codebook) and codebook.schema["$id"].endswith("cameo-event.schema.json")
    result = next(cameo.results([Document("t", "Pakistani troops attacked BLA militants.")]))
    event = dict(result.events[0])
    assert collect(codebook.validator, event) == []
    for field, bad in (("quad_class", 5), ("goldstein", 11), ("code", "21"), ("root_code", "1")):
        assert collect(codebook.validator, {**event, field: bad}), field
    del event["target"]
    assert collect(event_validator(codebook.schema), event)


# -- coding --------------------------------------------------------------------------------
@pytest.mark.model  # loads the real pipeline itself
def test_country_adjective_plus_agent_and_named_group(cameo):
    events = code(cameo, "Pakistani troops attacked BLA militants in Gwadar.")
    assert events == [("PAKMIL", "PAKREB", "190")]


@pytest.mark.model  # loads the real pipeline itself
def test_passive_with_by_agent_codes_the_same_dyad(cameo):
    assert code(cameo, "BLA militants were attacked by Pakistani troops.") == [
        ("PAKMIL", "PAKREB", "190")]


@pytest.mark.model  # loads the real pipeline itself
def test_phrasal_and_prepositional_patterns(cameo):
    assert code(cameo, "Iran accused Israel of war crimes.") == [("IRN", "ISR", "1124")]
    assert code(cameo, "France called for talks with Britain.") == [("FRA", "GBR", "026")]
    assert code(cameo, "Russia threatened to attack Ukraine.") == [("RUS", "UKR", "138")]
    assert code(cameo, "North Korea threatened a nuclear attack on Japan.") == [
        ("PRK", "JPN", "1385")]
    assert code(cameo, "The UN delivered humanitarian aid to Syria.") == [
        ("IGOUNO", "SYR", "073")]
    assert code(cameo, "The Afghan Taliban met with Pakistani officials.",
                "2019-05-01") == [("AFGREB", "PAKGOV", "040")]


@pytest.mark.model  # loads the real pipeline itself
def test_target_named_in_the_object_phrase(cameo):
    assert code(cameo, "The United States will supply arms to Israel.") == [
        ("USA", "ISR", "072")]
    assert code(cameo, "Evidence against Russia was presented by the US.") == [
        ("USA", "RUS", "112")]


@pytest.mark.model  # loads the real pipeline itself
def test_acronyms_match_case_sensitively(cameo):
    """'us' the pronoun is not the United States."""
    assert code(cameo, "They told us that the talks failed.") == []
    assert code(cameo, "The US criticized China.") == [("USA", "CHN", "111")]


@pytest.mark.model  # loads the real pipeline itself
def test_date_restricted_actor_is_elite_before_and_after_office(cameo):
    text = "Barack Obama criticized Russia."
    assert code(cameo, text, "2005-06-01") == [("USAELI", "RUS", "111")]
    assert code(cameo, text, "2012-06-01") == [("USAGOV", "RUS", "111")]
    assert code(cameo, text, "2019-06-01") == [("USAELI", "RUS", "111")]
    taliban = "The Taliban attacked Afghan soldiers."
    assert code(cameo, taliban, "2010-01-01") == [("AFGREB", "AFGMIL", "190")]
    assert code(cameo, taliban, "2022-01-01") == [("AFGGOV", "AFGMIL", "190")]


@pytest.mark.model  # loads the real pipeline itself
def test_agent_takes_the_country_of_its_from_phrase(cameo):
    assert code(cameo, "Britain helped the exiled dissidents from Egypt.") == [
        ("GBR", "EGYOPP", "070")]


@pytest.mark.model  # loads the real pipeline itself
def test_story_country_gives_country_less_agents_the_article_country(cameo):
    one_line = "Security forces repelled an attack by militants."
    assert code(cameo, one_line) == [("---MIL", "---REB", "190")]
    article = ("Pakistan said on Monday that the situation in Balochistan was serious. "
               "Officials in Quetta said several districts were affected. "
               "Security forces fought militants near Gwadar.")
    assert ("PAKMIL", "PAKREB", "190") in code(cameo, article)


@pytest.mark.model  # loads the real pipeline itself
def test_coordinated_subjects_of_a_symmetric_event_code_each_other(cameo):
    events = code(cameo, "Libya and Bulgaria signed a treaty of friendship.")
    assert sorted(events) == [("BGR", "LBY", "057"), ("LBY", "BGR", "057")]
    assert code(cameo, "Libya and Bulgaria condemned the attack.") == []  # not symmetric


@pytest.mark.model  # loads the real pipeline itself
def test_officials_of_an_organisation_are_the_organisation(cameo):
    events = code(cameo, "Arab League Secretary-General Chedli Klibi urged the European "
                         "Community to support the PLO.")
    assert events[0][:2] == ("IGOARL", "IGOEEC") and events[0][2].startswith("02")


@pytest.mark.model  # loads the real pipeline itself
def test_the_phrase_own_object_is_not_the_target(cameo):
    """In "deployed troops" the troops are what is deployed; the target is named after."""
    assert code(cameo, "The Syrian army deployed troops near the border with Turkey.") == [
        ("SYRMIL", "TUR", "154")]


@pytest.mark.model  # loads the real pipeline itself
def test_an_armed_group_forces_are_the_group(cameo):
    assert code(cameo, "Houthi forces attacked Saudi Arabia.") == [("YEMREB", "SAU", "190")]


@pytest.mark.model  # loads the real pipeline itself
def test_one_event_per_story_source_target_and_code(cameo):
    text = "Israel attacked Hamas. Israel attacked Hamas again on Friday."
    assert code(cameo, text) == [("ISR", "PSEREB", "190")]


def test_extending_codebooks_keep_the_cameo_fields(engine_factory, tmp_path):
    path = tmp_path / "mine.codebook.yaml"
    path.write_text('codebook: mine\nversion: "1"\nextends: cameo\nevents:\n'
                    '  - {code: "0431", label: Host a summit, verbs: [host summit]}\n')
    engine = engine_factory(str(path))
    events = code(engine, "Egypt hosted a summit with Jordan.")
    assert events and all(code_.startswith("04") for _, _, code_ in events)


# -- the motivating article ----------------------------------------------------------------
@pytest.mark.model  # loads the real pipeline itself
@pytest.mark.shared_data
def test_balochistan_article_security_forces_and_accusations(cameo, shared_data):
    text = (shared_data / "articles" / "balochistan-2026-02-02.txt").read_text(encoding="utf-8")
    events = code(cameo, text, "2026-02-02")
    assert any(s == "PAKMIL" and t == "PAKREB" and c.startswith("19") for s, t, c in events)
    assert any(s.startswith("PAKGOV") and c.startswith("112") for s, t, c in events)
    assert ("PAKOPP", "PAKGOV", "111") in events
    # "Asif had said Pakistan's findings showed that all the linkages point towards India":
    # the speaker (named in full earlier) accuses India
    assert ("PAKGOV", "IND", "112") in events
