"""PETRARCH verb patterns on a hand-made dictionary and our own sentences: ``^`` skips one
noun phrase (its head and modifiers, not its "of" phrase), before the verb too; a pattern
that names the negation (a synset of negative auxiliaries) codes the negated act, also when
the negation is on the verb it completes ("won't try to clash"); a frame verb the
dictionary codes ("URGE [020]") codes "urged Y to help Z" by its own code when there is no
coding ontology (uncoded, null-coded and inverting frame verbs still frame the act); and a
pattern with its target before the verb (``+ * FROM $``) is read in the words' own order
of a passive clause."""
from __future__ import annotations

import pytest

from petrarch_folder import coded, dictionary_engine, write_dictionaries

VERBS = """\
&NEGAUX
+WO N'T
+DID N'T
+DID NOT
+WILL NOT

--- CLASH [190] ---
CLASH
- &NEGAUX * OVER EFFORTS [1101]
- * OVER EFFORTS [110]

--- URGE [020] ---
URGE

--- HELP [070] ---
HELP
SUPPORT

--- REFUSE [---] ---
REFUSE

--- ATTACK [190] ---
ATTACK

--- FREE [066] ---
FREE
RELEASE
- + * FROM $ [0661]

--- WARN [160] ---
WARN
- * ^ ABOUT + [162]
- $ IN ^ * [164]

--- SHOUT [160] ---
SHOUT
- * AT ^ + [163]
"""

ACTORS = """\
ARNOR [ARN]
GONDOR [GON]
ROHAN [ROH]
MORDOR [MOR]
"""

AGENTS = """\
KING {} [~GOV]
SOLDIERS [~MIL]
"""


@pytest.fixture(scope="module")
def engine(nlp, tmp_path_factory):
    path = write_dictionaries(tmp_path_factory.mktemp("dictionaries"), VERBS, ACTORS, AGENTS)
    return dictionary_engine(nlp, path)


events = coded


@pytest.mark.parametrize("text, expected", [
    ("The soldiers of Gondor were freed from Mordor on Monday.", [("MOR", "GONMIL", "0661")]),
    ("Gondor's soldiers have been released from Mordor.", [("MOR", "GONMIL", "0661")]),
    ("After the war, the king of Arnor was freed from Rohan.", [("ROH", "ARNGOV", "0661")]),
    ("Arnor will be released from Mordor next spring.", [("MOR", "ARN", "0661")]),
    # active, or passive with its doer named by "by": the block's code
    ("Mordor freed Gondor's soldiers on Monday.", [("MOR", "GONMIL", "066")]),
    ("The soldiers of Gondor were freed by Rohan.", [("ROH", "GONMIL", "066")]),
])
def test_a_target_before_the_verb_reads_a_passive_in_word_order(engine, text, expected):
    assert events(engine, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Arnor warned its allies about Gondor.", [("ARN", "GON", "162")]),
    ("Rohan has warned the people of Arnor about Mordor again.", [("ROH", "MOR", "162")]),
    ("On Monday Gondor warned the king about Rohan.", [("GON", "ROH", "162")]),
    ("Rohan in its statement warned Gondor.", [("ROH", "GON", "164")]),
    ("Rohan in its statement on Monday warned Gondor.", [("ROH", "GON", "164")]),
    ("Rohan warned Gondor.", [("ROH", "GON", "160")]),
    ("Rohan shouted at the king of Gondor.", [("ROH", "GON", "163")]),
    ("Yesterday Arnor shouted at the soldiers of Mordor.", [("ARN", "MOR", "163")]),
    ("Arnor shouted at the soldiers in Mordor.", [("ARN", "MOR", "163")]),
    ("Rohan shouted at Gondor.", [("ROH", "GON", "160")]),
])
def test_a_skip_slot_skips_one_noun_phrase(engine, text, expected):
    assert events(engine, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Rohan won't clash over the efforts of Gondor.", [("ROH", "GON", "1101")]),
    ("Rohan won't try to clash over the efforts of Gondor.", [("ROH", "GON", "1101")]),
    ("Arnor did not want to clash over the efforts of Rohan.", [("ARN", "ROH", "1101")]),
    ("Next year Gondor will not clash over the efforts of Mordor.", [("GON", "MOR", "1101")]),
    ("Rohan clashed over the efforts of Gondor.", [("ROH", "GON", "110")]),
    # a negation no pattern names: a negated past act did not happen
    ("Rohan did not clash with Gondor.", []),
])
def test_a_pattern_that_names_the_negation_codes_the_negated_act(engine, text, expected):
    assert events(engine, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Arnor urged Gondor to help Rohan.", [("ARN", "GON", "020")]),
    ("Rohan has urged Gondor's soldiers to attack Mordor.", [("ROH", "GONMIL", "020")]),
    ("On Monday Gondor was urged by Arnor to support Rohan.", [("ARN", "GON", "020")]),
    ("Arnor will urge Rohan to attack Mordor next week.", [("ARN", "ROH", "020")]),
    # frame verbs the dictionary does not code, or codes as nothing, frame the act
    ("Arnor plans to help Rohan.", [("ARN", "ROH", "033")]),
    ("Gondor refused to help Rohan.", [("GON", "ROH", "122")]),
])
def test_a_coded_frame_verb_keeps_its_own_code_without_an_ontology(engine, text, expected):
    assert events(engine, text) == expected
