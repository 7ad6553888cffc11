"""Entities on demand: the statistical NER runs only where a codebook asks for an entity.

spaCy's small English NER has its own token-to-vector layers and costs about as much as the
tagger and parser together, yet some codebooks read entities only now and then (CAMEO reads
the entity type of a nominal event's modifiers: "the Russian attack", and of a pronoun's
antecedent). Such a codebook says ``reads_entities = ON_DEMAND`` and reads entities through
:func:`entity_type` (or calls :func:`ensure_entities` first). When every codebook of a run
does, and every plugin that sees parsed documents while coding declares
``ENTITIES_ON_DEMAND = True`` (module attribute), the engine parses without the NER and keeps
each parsed stretch (a gated document is joined from several; otherwise the whole document).

:func:`entity_type` runs the NER on the asked token's sentence only, with as many tokens on
each side as the NER's token-to-vector layers read (their receptive field), and copies that
sentence's labels in. The NER cannot carry an entity across a sentence start and its
transitions read only the tokens of the entity being built, so that sentence gets exactly the
labels a run on the whole stretch gives; on long news, where nearly every document asks for
some entity but only a few of its sentences, this is most of the NER saved. A stretch little
longer than the window (a short text) is labelled whole in one run, as one run costs about
as much as a few sentences' worth of tokens. A NER whose
receptive field is unknown (one listening to a shared transformer) runs on whole stretches.
``parse="all"`` (the engine's switch) turns this off with the gate.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Iterable, Sequence

from spacy.attrs import ENT_IOB, ENT_TYPE
from spacy.tokens import Doc, Token

if TYPE_CHECKING:
    import pluggy
    from spacy.language import Language

    from .codebook import Codebook

ON_DEMAND = "on demand"
NER = "ner"
PENDING_KEY = "eventcoder.entities_pending"  # doc.user_data: a Pending
CODING_HOOKS = ("extract_candidates", "resolve_actor", "modify_events", "resolve_location")
ENTITY_ATTRS = [ENT_IOB, ENT_TYPE]
WHOLE_STRETCH = 2  # a stretch at most this many times a sentence's window is labelled whole


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
    ner, margin = nlp.get_pipe(defer_ner), receptive_field(nlp, defer_ner)
    return [defer(doc, ner, margin=margin) for doc in docs]


def defer(doc: Doc, ner: Any, stretches: Iterable[tuple[int, Doc]] = (),
          margin: int | None = None) -> Doc:
    """Record that ``doc`` has no entities yet: ``ner`` is to run on each parsed stretch
    (the pieces a gated document was joined from, by token offset; none: the whole doc),
    sentence by sentence with ``margin`` tokens of context (None: whole stretches)."""
    doc.user_data[PENDING_KEY] = Pending(ner, list(stretches) or [(0, doc)], margin)
    return doc


def receptive_field(nlp: "Language", name: str) -> int | None:
    """How many tokens on each side of a sentence the NER ``name`` reads, from the
    pipeline's config: a transition-based NER with its own window encoder reads its
    ``depth * window_size`` neighbours (its transitions read only the entity being built).
    None for anything else (a listener to a shared layer, a BiLSTM, extra state tokens):
    its context may be the whole text."""
    model = nlp.config.get("components", {}).get(name, {}).get("model", {})
    tok2vec = model.get("tok2vec", {})
    encode = tok2vec.get("encode", {})
    if not (str(model.get("@architectures", "")).startswith("spacy.TransitionBasedParser.")
            and model.get("state_type") == "ner" and model.get("extra_state_tokens") is False
            and str(tok2vec.get("@architectures", "")).startswith("spacy.Tok2Vec.")
            and str(encode.get("@architectures", "")).startswith(
                "spacy.MaxoutWindowEncoder.")):
        return None
    return int(encode["depth"]) * int(encode["window_size"])


@dataclass
class Pending:
    """A document's NER still to run: the parsed stretches and the sentences done."""

    ner: Any
    stretches: list[tuple[int, Doc]]  # (token offset in the document, the parsed stretch)
    margin: int | None  # tokens the NER reads on each side of a sentence (None: unknown)
    done: set[int] = field(default_factory=set)  # document token starts of labelled sentences

    def label_sentence(self, doc: Doc, i: int) -> None:
        """Copy in the labels of token ``i``'s sentence, the NER run on that sentence and
        ``margin`` tokens either side of it within its stretch (none outside a stretch)."""
        found = [(o, s) for o, s in self.stretches if o <= i < o + len(s)]
        if not found:
            return  # a sentence the gate left unparsed has no entities
        offset, stretch = found[0]
        sent = stretch[i - offset].sent
        if sent.start + offset in self.done:
            return
        start, end = max(0, sent.start - self.margin), min(len(stretch), sent.end + self.margin)
        sents = [sent]
        if len(stretch) <= WHOLE_STRETCH * (end - start):  # a short text: label it all at once
            start, end, sents = 0, len(stretch), list(stretch.sents)
        window = stretch[start:end].as_doc()
        window.set_ents([], default="missing")  # labels copied in earlier are no preset
        values = doc.to_array(ENTITY_ATTRS)
        done = self.ner(window).to_array(ENTITY_ATTRS)
        for one in sents:
            values[offset + one.start:offset + one.end] = done[one.start - start:one.end - start]
            self.done.add(offset + one.start)
        doc.from_array(ENTITY_ATTRS, values)


def ensure_entities(doc: Doc) -> Doc:
    """Run the NER the parse left out on this document's stretches (once); a no-op when
    the entities are already there."""
    pending = doc.user_data.pop(PENDING_KEY, None)
    if pending is None:
        return doc
    if pending.stretches == [(0, doc)]:
        return pending.ner(doc)
    values = doc.to_array(ENTITY_ATTRS)
    for (offset, stretch), done in zip(pending.stretches,
                                       pending.ner.pipe(s for _, s in pending.stretches)):
        values[offset:offset + len(done)] = done.to_array(ENTITY_ATTRS)
    doc.from_array(ENTITY_ATTRS, values)
    return doc


def entity_type(token: Token) -> str:
    """``token.ent_type_``, the NER run first on its sentence if it was left for later."""
    pending = token.doc.user_data.get(PENDING_KEY)
    if pending is not None and pending.margin is None:
        ensure_entities(token.doc)
    elif pending is not None:
        pending.label_sentence(token.doc, token.i)
    return token.ent_type_
