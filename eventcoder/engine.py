"""The Engine: one spaCy pipeline, some codebooks, documents in, validated events out."""
from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from typing import Any, Iterable, Iterator, Sequence

import pluggy
from spacy.language import Language
from spacy.tokens import Doc, Span

from . import entities
from .chunking import LONG_RUN, MAX_CHUNK_CHARS, MAX_DOCUMENT_CHARS, code_long_document
from .codebook import Codebook
from .diskcache import collector_paused
from .errors import EventValidationError, Problem
from .gate import PARSE_MODES, SentenceGate, is_parsed, parse_needed
from .model import Candidate, Document, Participant
from .nlp import load_model
from .plugins import make_plugin_manager
from .registry import CodebookRegistry
from .timebound import DOCUMENT_SECONDS, time_limit
from .validation import event_problems

log = logging.getLogger(__name__)
DOCUMENT_KEY = "eventcoder.document"


@dataclass
class CodingContext:
    """What a codebook may ask while coding one document."""

    pm: pluggy.PluginManager
    codebook: Codebook
    document: Document
    doc: Doc
    for_model: bool = False  # a trained model reads the events (Engine.for_model): a
    # codebook adds what only a model weighs (ACLED's readings), not otherwise

    def resolve(self, span: Span, role: str) -> Participant:
        """Code an argument span through the ``resolve_actor`` hook; uncoded if none knows it."""
        found = self.pm.hook.resolve_actor(span=span, role=role, codebook=self.codebook)
        return found if found is not None else Participant.from_span(span)


@dataclass
class Result:
    """The outcome for one document: its events, or the problem that stopped it."""

    document: Document
    events: list[dict[str, Any]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


class Engine:
    """Keeps the model and codebooks loaded; codes texts, documents or DataFrames.

    ``trained``: a model folder from ``eventcoder train``; it decides the category of its
    codebook's events where it is confident (docs/training.md).

    >>> engine = Engine("cameo")                                    # doctest: +SKIP
    >>> engine.code(["Pakistani troops attacked BLA militants."])   # doctest: +SKIP

    ``parse="candidates"`` (the default, or ``$EVENTCODER_PARSE``) fully parses only the
    sentences some codebook's gate asks for (gate.py), when every codebook declares one;
    ``parse="all"`` parses every sentence. With ``"candidates"``, the NER also waits until
    an entity is asked for when every codebook reads entities on demand (entities.py).
    """

    max_chunk_chars = MAX_CHUNK_CHARS  # longer texts are parsed in pieces (chunking.py)
    max_document_chars = MAX_DOCUMENT_CHARS  # longer texts are reported, not coded
    max_document_seconds = DOCUMENT_SECONDS  # a document coding longer is stopped, reported
    collecting_samples = False  # training codes records for samples (learn.samples)

    def __init__(self, codebooks: str | Codebook | Sequence[str | Codebook] = "cameo", *,
                 model: str | None = None, nlp: Language | None = None,
                 pm: pluggy.PluginManager | None = None, strict: bool = True,
                 batch_size: int = 32, parse: str | None = None, trained: str | None = None):
        with collector_paused():  # the model and codebooks live as long as the engine
            self._load(codebooks, model, nlp, pm, strict, batch_size, parse, trained)

    def _load(self, codebooks, model, nlp, pm, strict, batch_size, parse, trained) -> None:
        self.pm = pm or make_plugin_manager()
        self.registry = CodebookRegistry(self.pm)
        names = [codebooks] if isinstance(codebooks, (str, Codebook)) else list(codebooks)
        self.codebooks = [self.registry.get(name) for name in names]
        self.nlp = nlp if nlp is not None else load_model(model)
        self.model_name = f"{self.nlp.meta.get('lang', 'xx')}_{self.nlp.meta.get('name', '')}"
        self.strict = strict
        self.batch_size = batch_size
        self.pm.hook.prepare_nlp(nlp=self.nlp, codebooks=self.codebooks)
        for codebook in self.codebooks:
            codebook.prepare(self.nlp)
        parse = parse or os.environ.get("EVENTCODER_PARSE") or PARSE_MODES[0]
        if parse not in PARSE_MODES:
            raise ValueError(f"parse must be one of {PARSE_MODES}, not {parse!r}")
        gates = [codebook.gate for codebook in self.codebooks]
        self.gate = (SentenceGate(self.nlp, gates) if parse == "candidates" and gates
                     and None not in gates else None)
        self.deferred_ner = (entities.deferrable(self.nlp, self.codebooks, self.pm)
                             if parse == "candidates" else None)  # NER when asked for
        self.trained = None  # a model from `eventcoder train` revises one codebook's events
        if trained is not None:  # scored with NumPy alone: no scikit-learn to import
            from .learn.trained import TrainedModel
            self.trained = TrainedModel.load(trained, self.codebooks)

    @property
    def for_model(self) -> bool:
        """Whether a trained model reads the coded events: one is loaded, or training
        collects samples from them. Codebooks add what only a model weighs then."""
        return self.trained is not None or self.collecting_samples

    # -- the core loop ---------------------------------------------------------------------
    def results(self, documents: Iterable[Document]) -> Iterator[Result]:
        """Code documents lazily, one Result each, in input order.

        A document that makes the parser or a coder fail is reported in its Result and the
        rest go on; in strict mode an invalid event raises (it is a coder bug).
        """
        batch: list[Document] = []
        for document in documents:
            if (len(document.text) > min(self.max_chunk_chars, self.nlp.max_length)
                    or LONG_RUN.search(document.text)):
                yield from self._code_batch(batch)
                batch = []
                yield self._guard(document, lambda: code_long_document(self, document))
                continue
            batch.append(document)
            if len(batch) >= self.batch_size:
                yield from self._code_batch(batch)
                batch = []
        if batch:
            yield from self._code_batch(batch)

    def _code_batch(self, batch: list[Document]) -> Iterator[Result]:
        if not batch:
            return
        try:
            docs = self.parse([d.text for d in batch])
        except Exception:  # isolate the document that broke the parser
            docs = None
        for index, document in enumerate(batch):
            yield self._guard(document, lambda: (self._code_parsed(
                docs[index] if docs is not None else self.parse([document.text])[0],
                document), []))

    def parse(self, texts: list[str]) -> list[Doc | None]:
        """Docs of ``texts``: fully parsed, or with a gate only the sentences a codebook
        needs, over the whole text (None: no sentence needed)."""
        if self.gate is None:
            return entities.parse(self.nlp, texts, self.deferred_ner)
        return parse_needed(self.nlp, self.gate, texts, defer_ner=self.deferred_ner)

    def _code_parsed(self, doc: Doc | None, document: Document) -> list[dict[str, Any]]:
        """Events of a document the gate parsed; of one it did not (None), only what a
        trained model adds (it learnt from such texts too)."""
        if doc is not None:
            return self.code_doc(doc, document)
        return [] if self.trained is None else self.trained.unparsed(
            document, lambda: self.parse_whole(document))

    def parse_whole(self, document: Document) -> Doc:
        """``document`` parsed whole, without the gate, for a trained model's event."""
        doc = entities.parse(self.nlp, [document.text], self.deferred_ner)[0]
        doc.user_data[DOCUMENT_KEY] = document
        return doc

    def _guard(self, document: Document, work) -> Result:
        """Run ``work() -> (events, problems)`` for one document; a failure is its Result."""
        try:
            with time_limit(self.max_document_seconds):
                return Result(document, *work())
        except EventValidationError as err:
            if self.strict:
                raise
            return Result(document, problems=err.problems)
        except Exception as err:  # noqa: BLE001 - reported per document, batch goes on
            log.debug("document %s failed", document.id, exc_info=True)
            return Result(document, problems=[Problem(
                f"coding failed: {type(err).__name__}: {err}",
                file=document.origin, field=f"id={document.id}")])

    def code_doc(self, doc: Doc, document: Document) -> list[dict[str, Any]]:
        """Events (as validated dicts) for one parsed document, for every codebook;
        sentences the gate left unparsed have no candidates, nor has any sentence when no
        codebook reads them."""
        doc.user_data[DOCUMENT_KEY] = document
        wanted = any(codebook.reads_candidates for codebook in self.codebooks)
        sentences = [(i, sent, self.candidates(sent, doc)
                      if wanted and is_parsed(doc, sent.start) else [])
                     for i, sent in enumerate(doc.sents)]
        index_of = {sent.start: i for i, sent, _ in sentences}
        out: list[dict[str, Any]] = []
        for codebook in self.codebooks:
            ctx = CodingContext(self.pm, codebook, document, doc, self.for_model)
            events = codebook.code(doc, sentences, ctx)
            self.pm.hook.modify_events(events=events, doc=doc, codebook=codebook)
            for number, event in enumerate(events):
                event.id = f"{document.id}:{codebook.id}:{number}"
                record = event.to_dict(
                    doc_id=document.id, sentence_index=index_of.get(event.sentence.start, 0),
                    codebook=codebook.id, version=codebook.version, coder=codebook.coder,
                    source=document.source, meta=document.meta)
                problems = event_problems(codebook.validator, record, file=document.origin)
                if problems:
                    raise EventValidationError([Problem(
                        f"{codebook.id} produced an invalid event: {p.message}",
                        file=p.file, field=f"{record['id']}: {p.field}") for p in problems])
                out.append(record)
        return self.trained.revise(out, doc) if self.trained is not None else out

    def candidates(self, sent: Span, doc: Doc) -> list[Candidate]:
        """All plugins' candidates for a sentence, duplicates removed, in token order."""
        seen: dict[tuple, Candidate] = {}
        for found in self.pm.hook.extract_candidates(sent=sent, doc=doc):
            for cand in found or []:
                seen.setdefault(cand.key, cand)
        return sorted(seen.values(), key=lambda c: c.action.i)

    # -- conveniences ------------------------------------------------------------------------
    def code_texts(self, texts: Iterable[str], *, date: str | None = None,
                   source: str | None = None) -> list[dict[str, Any]]:
        documents = (Document(str(i), t, date, source) for i, t in enumerate(texts))
        return [event for result in self.results(documents) for event in _raise(result)]

    def code(self, data: Any, *, date: str | None = None, source: str | None = None,
             text_column: str = "text", id_column: str = "id"):
        """Code a string, a list of strings or a DataFrame; return events as a DataFrame."""
        from .frames import documents_from_frame, to_frame
        if isinstance(data, str):
            data = [data]
        if hasattr(data, "columns"):
            documents = documents_from_frame(data, text_column, id_column, date, source)
        else:
            documents = [Document(str(i), t, date, source) for i, t in enumerate(data)]
        events = [e for result in self.results(documents) for e in _raise(result)]
        return to_frame(events, self.codebooks)


def _raise(result: Result) -> list[dict[str, Any]]:
    if result.problems:
        raise RuntimeError("; ".join(map(str, result.problems)))
    return result.events


def code(data: Any, codebook: str | Codebook | Sequence[str | Codebook] = "cameo", *,
         model: str | None = None, date: str | None = None, source: str | None = None):
    """Code texts (a string, list or DataFrame with a ``text`` column) into a DataFrame."""
    return Engine(codebook, model=model).code(data, date=date, source=source)
