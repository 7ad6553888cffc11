"""The toll rules on hand-built parses (no model: the parse is given, the rule is tested)."""
from __future__ import annotations

import pytest

from eventcoder_acled.fatalities import count_fatalities
from eventcoder_acled.segment import several_places
from token_table import parsed


KILLED_TWO = """
Rebels 1 nsubj NOUN NNS rebel
killed 1 ROOT VERB VBD kill
two 3 nummod NUM CD two
soldiers 1 dobj NOUN NNS soldier
"""
COULD_NOT_BE_VERIFIED = """
, 3 punct PUNCT , ,
a 6 det DET DT a
claim 3 appos NOUN NN claim
that 11 nsubjpass PRON WDT that
could 11 aux AUX MD could
not 11 neg PART RB not
be 11 auxpass AUX VB be
verified 6 relcl VERB VBN verify
"""
DOZENS_KILLED = """
Dozens 4 nsubjpass NOUN NNS dozen
of 0 prep ADP IN of
rebels 1 pobj NOUN NNS rebel
were 4 auxpass AUX VBD be
killed 4 ROOT VERB VBN kill
"""
STOP = "\n. 1 punct PUNCT . ."


def test_a_plain_toll_is_counted():
    assert count_fatalities(parsed(KILLED_TWO + STOP)) == 2
    assert count_fatalities(parsed(DOZENS_KILLED + STOP.replace(" 1 ", " 4 "))) == 12


def test_a_toll_the_sentence_says_could_not_be_verified_is_not():
    assert count_fatalities(parsed(KILLED_TWO + COULD_NOT_BE_VERIFIED + STOP)) == 0


def test_unconfirmed_reports_give_no_toll():
    doc = parsed("""
Unconfirmed 1 amod ADJ JJ unconfirmed
reports 2 nsubj NOUN NNS report
said 2 ROOT VERB VBD say
rebels 4 nsubj NOUN NNS rebel
killed 2 ccomp VERB VBD kill
two 6 nummod NUM CD two
soldiers 4 dobj NOUN NNS soldier
. 2 punct PUNCT . .
""")
    assert count_fatalities(doc) == 0


@pytest.mark.parametrize("noun,tag,several", [("towns", "NNS", True), ("villages", "NNS", True),
                                               ("town", "NN", False), ("camps", "NNS", True),
                                               ("soldiers", "NNS", False)])
def test_a_lead_over_several_places(noun, tag, several):
    lemma = noun[:-1] if tag == "NNS" else noun
    doc = parsed(f"""
Rebels 1 nsubj NOUN NNS rebel
attacked 1 ROOT VERB VBD attack
three 3 nummod NUM CD three
{noun} 1 dobj NOUN {tag} {lemma}
. 1 punct PUNCT . .
""")
    assert several_places(doc[:]) is several
