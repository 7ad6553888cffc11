"""Default candidates: every verb with its subjects, objects and prepositional objects."""
from __future__ import annotations

from spacy.tokens import Doc, Span

from .. import syntax
from ..candidates import candidate_for
from ..hookspecs import hookimpl
from ..model import Candidate

ENTITIES_ON_DEMAND = True  # its hooks read no entity (eventcoder.entities)


@hookimpl
def extract_candidates(sent: Span, doc: Doc) -> list[Candidate]:
    return [candidate_for(tok) for tok in sent if tok.pos_ in syntax.VERBAL
            and (tok.pos_ == "VERB" or any(c.dep_ in syntax.SUBJECT for c in tok.children)
                 or tok.dep_ in syntax.CONJUNCT)]  # "troops are deployed and are in action"
