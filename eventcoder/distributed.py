"""Coding on a Dask cluster: the CLI's ``--engine dask`` and a dask.bag/dataframe API.

Dask ships partitions to workers; each worker process builds its Engine (spaCy model and
codebooks) on first use and keeps it (``parallel.worker_engine``), so a partition costs only
its parsing. Every worker needs eventcoder, the codebooks and the spaCy model installed;
codebook ``.yaml`` files must exist at the same path on every worker. Run workers with one
thread each (``--nthreads 1``): spaCy is CPU-bound and holds the GIL.

>>> import dask.bag as db                                               # doctest: +SKIP
>>> events = code_bag(db.from_sequence(texts, npartitions=8), "cameo")  # doctest: +SKIP
>>> events.compute()                                                    # doctest: +SKIP
"""
from __future__ import annotations

import contextlib
import logging
from typing import Any, Iterator, Sequence

import pandas as pd

from .errors import Problem
from .extras import require
from .frames import columns_for, documents_from_frame, flatten
from .model import Document
from .parallel import CoderSpec, PartitionResult, code_partition, worker_engine

log = logging.getLogger(__name__)

# flat columns with a type other than text (the rest are object columns)
TYPED_COLUMNS = {"size_dead": "Int64", "size_injured": "Int64", "size_arrested": "Int64",
                 "text_info_sentence": "Int64", "text_info_start": "Int64",
                 "text_info_end": "Int64", "negated": "boolean",
                 "location_latitude": "Float64", "location_longitude": "Float64"}

# A LocalCluster started for one run has no dashboard to feed, so its workers need not sample
# the running task's stack every 10 ms (the statistical profiler), nor its processes check
# their event loops every 20 ms and the system every 0.5 s: on a machine with a core per
# worker, that CPU is taken from the workers.
QUIET_LOCAL_CLUSTER = {"distributed.worker.profile.enabled": False,
                       "distributed.admin.tick.interval": "1s",
                       "distributed.admin.system-monitor.interval": "5s",
                       "distributed.worker.memory.monitor-interval": "1s"}


@contextlib.contextmanager
def dask_executor(spec: CoderSpec, workers: int = 1, scheduler: str | None = None
                  ) -> Iterator[tuple[Any, int]]:
    """(executor, look-ahead) on the cluster at ``scheduler``, or on a LocalCluster of
    ``workers`` single-threaded processes; every worker loads the Engine before the first
    partition arrives."""
    distributed = require("distributed", "dask", "--engine dask")
    Client, LocalCluster = distributed.Client, distributed.LocalCluster
    with contextlib.ExitStack() as stack:
        if scheduler:
            client = stack.enter_context(Client(scheduler))
        else:
            dask = require("dask", "dask", "--engine dask")
            with dask.config.set(QUIET_LOCAL_CLUSTER):  # read as the processes start
                cluster = stack.enter_context(LocalCluster(
                    n_workers=workers, threads_per_worker=1, processes=True,
                    dashboard_address=None))
            client = stack.enter_context(Client(cluster))
        slots = warm_task_threads(client, spec)
        yield client.get_executor(pure=False), 2 * slots


def warm_task_threads(client, spec: CoderSpec) -> int:
    """Load the Engine in every thread that will run tasks; the number of such threads.

    Engines are kept per thread (``worker_engine``) and ``client.run`` calls its function in
    the worker's event-loop thread, where no task ever runs: warming there loaded a second
    Engine on the first partition, inside the run (double start-up and memory per worker).
    One pinned task per thread slot, all in flight together, lands on each thread.
    """
    futures = [client.submit(_warm, spec, workers=[address], allow_other_workers=False,
                             pure=False)
               for address, threads in client.nthreads().items() for _ in range(threads)]
    client.gather(futures)
    return max(1, len(futures))


def _warm(spec: CoderSpec) -> None:
    worker_engine(spec)  # kept by the thread; nothing to send back


def code_bag(bag, codebooks: str | Sequence[str] = "cameo", *, model: str | None = None,
             with_failures: bool = False):
    """Events (dicts) of a ``dask.bag`` of texts or of records ``{"id", "text", "date",
    "source", ...}``. With ``with_failures``, also a bag of failed documents (id, origin,
    reason); compute both together (``dask.compute(events, failures)``) to code once."""
    db = require("dask.bag", "dask", "code_bag")
    delayed = require("dask", "dask", "code_bag").delayed
    spec = _spec(codebooks, model)
    results = db.from_delayed([delayed(_code_records)(spec, index, part)
                               for index, part in enumerate(bag.to_delayed())])
    events = results.map_partitions(lambda rs: [e for r in rs for e in r.iter_events()])
    if not with_failures:
        return events
    return events, results.map_partitions(lambda rs: [f for r in rs for f in r.failures])


def _code_records(spec: CoderSpec, index: int, records) -> list[PartitionResult]:
    items = [_document(record, index, number) for number, record in enumerate(records)]
    return [code_partition(spec, index, items)]


def _document(record: Any, index: int, number: int) -> Document | Problem:
    """A bag item as a Document (id: the record's, else partition-position), or the
    Problem that makes it one it cannot be."""
    fallback, origin = f"{index}-{number}", f"partition {index}:{number + 1}"
    if isinstance(record, str):
        return Document(fallback, record, origin=origin)
    text = record.get("text") if isinstance(record, dict) else None
    if not isinstance(text, str):
        what = type(text if isinstance(record, dict) else record).__name__
        return Problem(f"expected a string text or a record with one, got {what}",
                       file=f"partition {index}", line=number + 1,
                       field=f"id={record.get('id', fallback)}" if isinstance(record, dict)
                       else None)
    reserved = {"id", "text", "date", "source"}
    return Document(str(record.get("id", fallback)), text, record.get("date"),
                    record.get("source"), {k: v for k, v in record.items() if k not in reserved},
                    origin=origin)


def code_dataframe(ddf, codebooks: str | Sequence[str] = "cameo", *,
                   model: str | None = None, text_column: str = "text",
                   id_column: str = "id"):
    """Events, one row each, of a ``dask.dataframe`` with a text column, as a dask
    dataframe. Documents without an id column are named by their index label; other
    columns come through as ``meta_<column>``. Failed documents are logged as warnings
    (use ``code_bag(..., with_failures=True)`` to collect them)."""
    spec = _spec(codebooks, model)
    columns = event_columns(spec, [c for c in ddf.columns
                                   if c not in {text_column, id_column, "date", "source"}])
    meta = _typed(pd.DataFrame({c: pd.Series([], dtype=object) for c in columns}))
    return ddf.map_partitions(_code_frame, spec, columns, text_column, id_column, meta=meta)


def event_columns(spec: CoderSpec, extra: Sequence[str] = ()) -> list[str]:
    """The flat columns of ``spec``'s codebooks, then ``meta_<name>`` for ``extra``."""
    from .plugins import make_plugin_manager
    from .registry import CodebookRegistry
    registry = CodebookRegistry(make_plugin_manager())
    columns = columns_for([registry.get(name) for name in spec.codebooks])
    return columns + [f"meta_{name}" for name in extra if f"meta_{name}" not in columns]


def _code_frame(frame: pd.DataFrame, spec: CoderSpec, columns: list[str], text_column: str,
                id_column: str) -> pd.DataFrame:
    documents = documents_from_frame(frame, text_column, id_column)
    if id_column not in frame.columns:
        for document, label in zip(documents, frame.index):
            document.id = str(label)
    result = code_partition(spec, 0, documents)
    for failure in result.failures:  # a dataframe has no room for them; say so
        log.warning("document %s not coded: %s", failure["id"], failure["reason"])
    rows = [flatten(event) for event in result.iter_events()]
    return _typed(pd.DataFrame(rows, columns=columns, dtype=object))


def _typed(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.astype({c: t for c, t in TYPED_COLUMNS.items() if c in frame.columns})


def _spec(codebooks: str | Sequence[str], model: str | None) -> CoderSpec:
    names = (codebooks,) if isinstance(codebooks, str) else tuple(codebooks)
    return CoderSpec(names, model)
