"""Default actor resolution: the codebook's own actor dictionary, run once per document."""
from __future__ import annotations

from spacy.tokens import Span

from ..actors import MATCHES_KEY
from ..engine import DOCUMENT_KEY
from ..hookspecs import hookimpl
from ..model import Participant

ENTITIES_ON_DEMAND = True  # its hooks read no entity (eventcoder.entities)


@hookimpl(trylast=True)
def resolve_actor(span: Span, role: str, codebook) -> Participant | None:
    dictionary = getattr(codebook, "actors", None)
    if dictionary is None or not dictionary.entries:
        return None
    doc = span.doc
    cache = doc.user_data.setdefault(MATCHES_KEY, {})
    if codebook.id not in cache:
        cache[codebook.id] = dictionary.find(doc)
    document = doc.user_data.get(DOCUMENT_KEY)
    return dictionary.resolve(span, cache[codebook.id], document.date if document else None)
