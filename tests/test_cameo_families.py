"""CAMEO code families (codebooks/cameo/families.yaml): frames, refusals, reciprocal pairs."""
from __future__ import annotations

import pytest
from spacy.tokens import Doc
from spacy.vocab import Vocab

from eventcoder import yamlio
from eventcoder.errors import CodebookError
from eventcoder.model import Participant
from eventcoder_cameo.families import FAMILIES_FILE, Families, default_families

FAMILIES = default_families()


@pytest.mark.parametrize("code, frame, expected", [
    ("042", "intend", "036"), ("0874", "demand", "106"), ("072", "reject", "1222"),
    ("190", "appeal", "020"), ("190", "threaten", "138"), ("111", "intend", "030")])
def test_an_act_is_coded_in_its_frame_by_its_kind(code, frame, expected):
    assert FAMILIES.framed(code, frame) == expected


@pytest.mark.parametrize("code, expected", [
    ("073", "1223"), ("036", "125"), ("0311", "1211"), ("057", "127"),
    ("190", None), ("020", None), ("111", None)])
def test_a_negated_act_or_intention_is_its_refusal_or_nothing(code, expected):
    assert FAMILIES.negated(code) == expected


def test_every_code_in_the_table_is_a_cameo_code():
    from eventcoder_cameo.cameo import default_table
    table = default_table()
    codes = [c for kind in FAMILIES.kinds for key, c in kind.items() if key != "kind"
             and isinstance(c, str)] + list(FAMILIES.defaults.values()) + list(FAMILIES.reciprocal)
    assert [c for c in codes if c not in table] == []


def test_a_bad_table_is_a_located_error():
    data = yamlio.load(FAMILIES_FILE)
    data["kinds"][0]["appeal"] = "0x21"
    with pytest.raises(CodebookError) as err:
        Families(data, "families.yaml")
    assert "families.yaml" in str(err.value) and "kinds[0].appeal" in str(err.value)


def _doc(words, heads, deps, pos, lemmas):
    return Doc(Vocab(), words=words, heads=heads, deps=deps, pos=pos, lemmas=lemmas)


def test_frame_of_an_object_control_appeal():
    # "Iran urged Syria to attack Israel"
    doc = _doc(["Iran", "urged", "Syria", "to", "attack", "Israel"], [1, 1, 1, 4, 1, 4],
               ["nsubj", "ROOT", "dobj", "aux", "xcomp", "dobj"],
               ["PROPN", "VERB", "PROPN", "PART", "VERB", "PROPN"],
               ["Iran", "urge", "Syria", "to", "attack", "Israel"])
    frame = FAMILIES.frame_of(doc[4])
    assert (frame.name, frame.verb.i, frame.controller.i, frame.negated) == ("appeal", 1, 2, False)


def test_frame_of_an_intention_and_its_negation():
    # "Peru does not plan to visit Chile"
    doc = _doc(["Peru", "does", "not", "plan", "to", "visit", "Chile"], [3, 3, 3, 3, 5, 3, 5],
               ["nsubj", "aux", "neg", "ROOT", "aux", "xcomp", "dobj"],
               ["PROPN", "AUX", "PART", "VERB", "PART", "VERB", "PROPN"],
               ["Peru", "do", "not", "plan", "to", "visit", "Chile"])
    frame = FAMILIES.frame_of(doc[5])
    assert (frame.name, frame.controller, frame.negated) == ("intend", None, True)
    assert FAMILIES.frame_of(doc[3]) is None  # the frame verb itself is not framed


def test_reciprocal_pairs_need_two_coded_sources_and_no_other_target():
    a, b, c = (Participant(x, x) for x in ("FRA", "DEU", "ITA"))
    pairs = FAMILIES.pairs("040", [a, b, c], [c])
    assert sorted((x.code, y.code) for x, y in pairs) == sorted(
        [("FRA", "DEU"), ("FRA", "ITA"), ("DEU", "FRA"), ("DEU", "ITA"), ("ITA", "FRA"),
         ("ITA", "DEU")])
    assert FAMILIES.pairs("040", [a, b], [Participant("AFG", "AFG")]) is None
    assert FAMILIES.pairs("111", [a, b], []) is None  # criticism is not mutual
