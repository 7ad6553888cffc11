"""Entities on demand: the statistical NER runs only where a codebook asks for an entity.

spaCy's small English NER has its own token-to-vector layers and costs about as much as the
tagger and parser together, yet some codebooks read entities only now and then (CAMEO reads
the entity type of a nominal event's modifiers: "the Russian attack"). Such a codebook says
``reads_entities = ON_DEMAND`` and reads entities through :func:`entity_type` (or calls
:func:`ensure_entities` first). When every codebook of a run does, and every plugin that
sees parsed documents while coding declares ``ENTITIES_ON_DEMAND = True`` (module
attribute), the engine parses without the NER and keeps each parsed stretch; the first
entity asked for in a document runs the NER on that document's stretches and copies their
labels in. The NER reads only the tokens of the stretch it is given, so the entities are
those the full pipeline would have found. ``parse="all"`` (the engine's switch) turns this
off with the gate.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterable, Sequence

from spacy.attrs import ENT_IOB, ENT_TYPE
from spacy.tokens import Doc, Token

if TYPE_CHECKING:
    import pluggy
    from spacy.language import Language

    from .codebook import Codebook

ON_DEMAND = "on demand"
NER = "ner"
PENDING_KEY = "eventcoder.entities_pending"  # doc.user_data: (ner, [(offset, stretch)])
CODING_HOOKS = ("extract_candidates", "resolve_actor", "modify_events", "resolve_location")
ENTITY_ATTRS = [ENT_IOB, ENT_TYPE]


def deferrable(nlp: "Language", codebooks: Sequence["Codebook"], pm: "pluggy.PluginManager"
               ) -> str | None:
    """The NER component's name when it may wait until an entity is asked for: it is the
    pipeline's last component (no later pipe reads its output), every codebook reads
    entities on demand and so does every plugin implementing a coding hook."""
    if not nlp.pipe_names or nlp.pipe_names[-1] != NER:
        return None
    if not codebooks or any(c.reads_entities != ON_DEMAND for c in codebooks):
        return None
    for name in CODING_HOOKS:
        caller = getattr(pm.hook, name, None)
        for impl in caller.get_hookimpls() if caller is not None else ():
            if getattr(impl.plugin, "ENTITIES_ON_DEMAND", False) is not True:
                return None
    return NER


def parse(nlp: "Language", texts: Sequence[str], defer_ner: str | None) -> list[Doc]:
    """``nlp.pipe(texts)``; without the NER, left for later, when ``defer_ner`` names it."""
    if defer_ner is None:
        return list(nlp.pipe(texts))
    with nlp.select_pipes(disable=[defer_ner]):
        docs = list(nlp.pipe(texts))
    ner = nlp.get_pipe(defer_ner)
    return [defer(doc, ner) for doc in docs]


def defer(doc: Doc, ner: Any, stretches: Iterable[tuple[int, Doc]] = ()) -> Doc:
    """Record that ``doc`` has no entities yet: ``ner`` is to run on each parsed stretch
    (the pieces a gated document was joined from, by token offset; none: the whole doc)."""
    doc.user_data[PENDING_KEY] = (ner, list(stretches))
    return doc


def ensure_entities(doc: Doc) -> Doc:
    """Run the NER the parse left out on this document's stretches (once); a no-op when
    the entities are already there."""
    pending = doc.user_data.pop(PENDING_KEY, None)
    if pending is None:
        return doc
    ner, stretches = pending
    if not stretches:
        return ner(doc)
    values = doc.to_array(ENTITY_ATTRS)
    for (offset, stretch), done in zip(stretches, ner.pipe(s for _, s in stretches)):
        values[offset:offset + len(done)] = done.to_array(ENTITY_ATTRS)
    doc.from_array(ENTITY_ATTRS, values)
    return doc


def entity_type(token: Token) -> str:
    """``token.ent_type_``, the NER run first if it was left for later."""
    ensure_entities(token.doc)
    return token.ent_type_
