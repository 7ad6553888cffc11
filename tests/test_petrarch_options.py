"""PETRARCH dictionary options on hand-made dictionaries and our own sentences: how a paired
code becomes events (``paired_codes``) and unknown actors coded by their words
(``new_actor_length``)."""
from __future__ import annotations

import logging

import pytest

from eventcoder import Document, Engine
from eventcoder_cameo.petrarch import load_dictionaries
from petrarch_folder import coded, dictionary_engine, write_dictionaries

VERBS = """\
--- VISIT [042:043] ---
VISIT
TOUR

--- NEGOTIATE [046:046] ---
NEGOTIATE

--- CRITICIZE [111] ---
CRITICIZE
CONDEMN
"""

ACTORS = """\
ARNOR [ARN]
GONDOR [GON]
ROHAN [ROH]
"""

AGENTS = """\
KING {} [~GOV]
"""


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return write_dictionaries(tmp_path_factory.mktemp("dictionaries"), VERBS, ACTORS, AGENTS)


def events(nlp, folder, text, **options):
    return coded(dictionary_engine(nlp, folder, **options), text)


def test_paired_codes_default_to_both_directions_without_an_ontology(nlp, folder):
    assert events(nlp, folder, "The king of Arnor visited Gondor.") == [
        ("ARNGOV", "GON", "042"), ("GON", "ARNGOV", "043")]


@pytest.mark.parametrize("text, expected", [
    ("The king of Arnor visited Gondor.", [("ARNGOV", "GON", "042")]),
    ("Arnor will visit Gondor next spring.", [("ARN", "GON", "042")]),
    ("Gondor was visited by the king of Arnor.", [("GON", "ARNGOV", "043")]),
    ("Next spring Gondor will be toured by Rohan.", [("GON", "ROH", "043")]),
    ("Rohan negotiated with Gondor.", [("GON", "ROH", "046"), ("ROH", "GON", "046")]),
])
def test_paired_codes_by_voice(nlp, folder, text, expected):
    assert events(nlp, folder, text, paired_codes="voice") == expected


@pytest.mark.parametrize("text, expected", [
    ("The Grey Council criticized Gondor.", [('"GREY COUNCIL"', "GON", "111")]),
    ("Gondor condemned the Grey Council on Monday.", [("GON", '"GREY COUNCIL"', "111")]),
    ("The Grey Council was criticized by Rohan.", [("ROH", '"GREY COUNCIL"', "111")]),
    ("The White Council of the Wise criticized Arnor.", [('"WHITE COUNCIL"', "ARN", "111")]),
    ("The old and bitter Council of the Northern Wizards criticized Arnor.", []),
    ("Arnor criticized Gondor.", [("ARN", "GON", "111")]),
])
def test_new_actors_coded_by_their_words(nlp, folder, text, expected):
    assert events(nlp, folder, text, new_actor_length=3) == expected


def test_new_actors_are_off_by_default(nlp, folder):
    assert events(nlp, folder, "The Grey Council criticized Gondor.") == []


def document_events(nlp, folder, text, config, **options):
    """Events of one document whose ``meta["config"]`` sets PETRARCH ``<Config>`` options."""
    logging.disable(logging.WARNING)
    try:
        book = load_dictionaries(folder, options=options)
    finally:
        logging.disable(logging.NOTSET)
    document = Document("t", text, "2015-06-01", meta={"config": config})
    result = next(Engine([book], nlp=nlp).results([document]))
    return sorted((e["source"], e["target"], e["code"]) for e in result.events), result.problems


@pytest.mark.parametrize("text, config, expected", [
    ("The Grey Council criticized Gondor.", {"new_actor_length": "2"},
     [('"GREY COUNCIL"', "GON", "111")]),
    ("Gondor was condemned by the Grey Council on Monday.", {"new_actor_length": 2},
     [('"GREY COUNCIL"', "GON", "111")]),
    ("The Grey Council criticized Gondor.", {"new_actor_length": "0"}, []),
    ("Arnor condemned the council of the Northern Wizards.",
     {"new_actor_length": "4", "require_dyad": "true", "comma_emax": "8"},
     [("ARN", '"COUNCIL"', "111")]),
    # require_dyad is not read per document (config.py): the codebook's option stands
    ("The king criticized the plan on Tuesday.", {"require_dyad": "false"}, []),
])
def test_a_documents_config_sets_its_own_options(nlp, folder, text, config, expected):
    assert document_events(nlp, folder, text, config) == (expected, [])


def test_a_documents_config_replaces_the_codebooks_options_for_it_alone(nlp, folder):
    text = "The Grey Council criticized Gondor."
    assert document_events(nlp, folder, text, {"new_actor_length": "0"},
                           new_actor_length=3) == ([], [])
    assert document_events(nlp, folder, text, {}, new_actor_length=3)[0] == [
        ('"GREY COUNCIL"', "GON", "111")]


@pytest.mark.parametrize("config", [{"new_actor_length": "four"}, {"new_actor_length": "-1"},
                                    "new_actor_length=3"])
def test_an_unreadable_config_is_a_located_problem(nlp, folder, config):
    found, problems = document_events(nlp, folder, "Arnor criticized Gondor.", config)
    assert found == [] and len(problems) == 1 and "config" in str(problems[0])


@pytest.mark.parametrize("text, expected", [
    ("Gryffindor's envoy Tom Bombadil criticized Gondor.",
     [('"GRYFFINDOR ENVOY TOM BOMBADIL"', "GON", "111")]),
    ("His envoy Tom Bombadil criticized Gondor.", [('"ENVOY TOM BOMBADIL"', "GON", "111")]),
    ("On Monday Arnor condemned Gryffindor's envoy.", [("ARN", '"GRYFFINDOR ENVOY"', "111")]),
    ("Rohan condemned the Grey Council's envoy, Tom Bombadil.", []),  # five words
])
def test_new_actors_keep_a_possessive_or_apposition_that_is_a_name(nlp, folder, text,
                                                                     expected):
    assert events(nlp, folder, text, new_actor_length=4) == expected
