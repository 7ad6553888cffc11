"""PETRARCH phrases written with blanks ("GONDOR TELEVISION", "SECURITY SERVICE") let other
words stand between their parts, as the format defines; words joined by "_" must follow one
another. Hand-made dictionaries, our own sentences."""
from __future__ import annotations

import pytest

from petrarch_folder import coded, dictionary_engine, write_dictionaries
from eventcoder_cameo.petrarch.actors import gapped

VERBS = """\
--- CRITICIZE [111] ---
CRITICIZE
CONDEMN
"""

ACTORS = """\
ARNOR [ARN]
GONDOR [GON]
ROHAN [ROH]
GONDOR TELEVISION [GONTV]
ARNOR_RADIO_ [ARNRAD]
"""

AGENTS = """\
SECURITY SERVICE [~SPY]
"""


@pytest.fixture(scope="module")
def engine(nlp, tmp_path_factory):
    path = write_dictionaries(tmp_path_factory.mktemp("dictionaries"), VERBS, ACTORS, AGENTS)
    return dictionary_engine(nlp, path)


events = coded


def test_the_gapped_form_keeps_blanks_and_underscores():
    assert gapped("GONDOR TELEVISION  ") == "gondor television"
    assert gapped("RADAGAST THE_BROWN") == "radagast the_brown"
    assert gapped("ARNOR_RADIO_") is None and gapped("GONDOR") is None


@pytest.mark.parametrize("text, expected", [
    ("Gondor state-run television criticized Rohan.", [("GONTV", "ROH", "111")]),
    ("Gondor television criticized Rohan on Monday.", [("GONTV", "ROH", "111")]),
    ("Yesterday Rohan condemned Gondor's official television.", [("ROH", "GONTV", "111")]),
    ("Arnor state radio criticized Rohan.", [("ARN", "ROH", "111")]),  # "_": no gap
    ("Gondor, television and radio criticized Rohan.", [("GON", "ROH", "111")]),
    ("The Rohan security and intelligence service criticized Arnor.",
     [("ROHSPY", "ARN", "111")]),
    ("Arnor was condemned by Rohan's security services.", [("ROHSPY", "ARN", "111")]),
])
def test_blank_separated_parts_may_have_words_between_them(engine, text, expected):
    assert events(engine, text) == expected
