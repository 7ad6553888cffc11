"""Hand-built parses from a token table, for rule tests where the parse is given, not tested."""
from __future__ import annotations

import spacy
from spacy.tokens import Doc

VOCAB = spacy.blank("en").vocab


def parsed(rows: str) -> Doc:
    """One token a line: word head dep pos tag lemma (head: the index of the head token)."""
    table = [line.split() for line in rows.strip().splitlines() if line.strip()]
    return Doc(VOCAB, words=[r[0] for r in table], heads=[int(r[1]) for r in table],
               deps=[r[2] for r in table], pos=[r[3] for r in table],
               tags=[r[4] for r in table], lemmas=[r[5] for r in table])
