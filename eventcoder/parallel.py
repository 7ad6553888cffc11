"""Coding one partition of documents, in this process, a process pool or a Dask worker.

The unit of work everywhere is ``code_partition(spec, index, items)``: a picklable
description of the coder (``CoderSpec``) and a list of documents (and reader problems, kept
in stream order). Each process, or thread, builds its Engine once and keeps it, so the spaCy
model and the codebooks are loaded once per worker, not once per partition.
"""
from __future__ import annotations

import os
import platform
import sys
import threading
import time
from collections import deque
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Iterator

from .chunking import MAX_CHUNK_CHARS, MAX_DOCUMENT_CHARS
from .errors import Problem
from .framing import dumps_line, loads_lines
from .model import Document
from .timebound import DOCUMENT_SECONDS

_local = threading.local()  # per-thread engine cache: spaCy pipelines are not thread-safe


@dataclass(frozen=True)
class CoderSpec:
    """Everything a worker needs to build the same Engine as every other worker."""

    codebooks: tuple[str, ...]
    model: str | None = None
    max_chunk_chars: int = MAX_CHUNK_CHARS
    max_document_chars: int = MAX_DOCUMENT_CHARS
    max_document_seconds: float | None = DOCUMENT_SECONDS
    parse: str | None = None  # "candidates" or "all" (None: $EVENTCODER_PARSE): see Engine
    trained: str | None = None  # a model folder from `eventcoder train`, loaded per worker

    def build(self):
        from .engine import Engine
        engine = Engine(list(self.codebooks), model=self.model, strict=False, parse=self.parse,
                        trained=self.trained)
        engine.max_chunk_chars = self.max_chunk_chars
        engine.max_document_chars = self.max_document_chars
        engine.max_document_seconds = self.max_document_seconds
        return engine


@dataclass
class PartitionResult:
    """One coded partition: its events (the dicts the engine made), its failures, and what
    it cost. In-process the events are never serialised; crossing a process boundary (a
    pool worker, a Dask worker, the resume journal) they travel as JSON Lines text."""

    index: int
    documents: int = 0
    events: int = 0
    records: list[dict[str, Any]] = field(default_factory=list)
    failures: list[dict[str, Any]] = field(default_factory=list)
    worker: str = ""
    peak_rss_mb: float = 0.0
    cpu_seconds: float = 0.0  # this process's CPU time while coding the partition

    def iter_events(self) -> Iterator[dict[str, Any]]:
        return iter(self.records)

    @property
    def events_jsonl(self) -> str:
        return dumps_events(self.records)

    def __getstate__(self) -> dict[str, Any]:
        return {**self.__dict__, "records": self.events_jsonl}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update({**state, "records": loads_events(state["records"])})


def dumps_events(records: list[dict[str, Any]]) -> str:
    """Events as JSON Lines (``framing``: "\n" frames whatever the text holds)."""
    return "".join(dumps_line(record) for record in records)


def loads_events(text: str) -> list[dict[str, Any]]:
    """The events of ``dumps_events`` text."""
    return list(loads_lines(text))


def worker_engine(spec: CoderSpec):
    """This thread's Engine for ``spec``, built on first use and kept."""
    engines = getattr(_local, "engines", None)
    if engines is None:
        engines = _local.engines = {}
    if spec not in engines:
        engines[spec] = spec.build()
    return engines[spec]


def start_worker(spec: CoderSpec) -> None:
    """A pool process's first work: end with the parent (lifeline), then load the Engine."""
    from .lifeline import end_with_parent
    end_with_parent()
    worker_engine(spec)


def code_partition(spec: CoderSpec, index: int, items: list[Document | Problem],
                   engine=None, on_document: Callable[[], None] | None = None
                   ) -> PartitionResult:
    """Code a partition with this worker's Engine (or ``engine``); failures are isolated
    per document and listed in input order with the readers' problems. Runs in a spaCy
    memory zone, so the vocabulary does not grow with the corpus. ``on_document`` is
    called after each document (progress, in this process)."""
    engine = engine if engine is not None else worker_engine(spec)
    started = time.process_time()
    documents = [item for item in items if isinstance(item, Document)]
    result = PartitionResult(index, worker=f"{platform.node()}:{os.getpid()}")
    # strings a partition adds to the vocabulary are dropped after it: flat memory
    with engine.nlp.memory_zone():
        coded = iter(engine.results(documents))
        for item in items:
            if isinstance(item, Problem):
                result.failures.append(failure_record(item))
                continue
            outcome = next(coded)
            result.documents += 1
            if outcome.problems:
                result.failures.append(failure_record(*outcome.problems, document=item))
            result.records += outcome.events
            if on_document is not None:
                on_document()
    result.events = len(result.records)
    result.peak_rss_mb = peak_rss_mb()
    result.cpu_seconds = time.process_time() - started
    return result


def peak_rss_mb() -> float:
    """This process's peak resident memory in MB (0 where the OS does not say)."""
    try:
        import resource
    except ImportError:  # Windows
        return 0.0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KB; bytes on macOS
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def failure_record(*problems: Problem, document: Document | None = None) -> dict[str, Any]:
    """A row of the errors file: the document's id, where it came from, and why it failed."""
    first = problems[0]
    origin = document.origin if document is not None else first.file
    if document is None and first.line:
        origin = f"{origin}:{first.line}"
    reasons = [p.message if document is not None or not p.field else f"{p.field}: {p.message}"
               for p in problems]
    return {"id": document.id if document is not None else None, "origin": origin,
            "reason": "; ".join(reasons)}


class InlineExecutor(Executor):
    """Runs each task at once in this process: ``--workers 1`` without a pool."""

    def submit(self, fn, /, *args, **kwargs) -> Future:
        future: Future = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as err:  # handed to the caller through the future
            future.set_exception(err)
        return future


def process_pool(spec: CoderSpec, workers: int) -> ProcessPoolExecutor:
    """A pool of ``workers`` processes, each loading the model and codebooks as it starts.

    ``spawn`` keeps workers clean of the parent's threads and state (fork after threads is
    unsafe); the cost is one import of spaCy per worker, paid once. Workers exit when the
    parent dies (``lifeline``).
    """
    import multiprocessing
    return ProcessPoolExecutor(max_workers=workers, initializer=start_worker,
                               initargs=(spec,),
                               mp_context=multiprocessing.get_context("spawn"))


def map_ordered(executor: Executor, fn: Callable, tasks: Iterable[tuple], ahead: int
                ) -> Iterator[Any]:
    """``fn(*task)`` for each task, results in task order, at most ``ahead`` in flight.

    Bounded look-ahead keeps memory flat: the reader never runs more than ``ahead``
    partitions in front of the slowest worker. A task may be a ready value (a partition
    already done on disk): pass it as ``(None, loader)`` and ``loader()`` is its result.
    """
    pending: deque = deque()
    for task in tasks:
        if task[0] is None:
            pending.append(task[1])
        else:
            pending.append(executor.submit(fn, *task))
        while sum(isinstance(p, Future) for p in pending) >= ahead or (
                pending and not isinstance(pending[0], Future)):
            yield _resolve(pending.popleft())
    while pending:
        yield _resolve(pending.popleft())


def _resolve(slot) -> Any:
    return slot.result() if isinstance(slot, Future) else slot()
