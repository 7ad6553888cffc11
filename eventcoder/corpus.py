"""Coding a corpus end to end: read, partition, code in parallel, write outputs and errors.

This is what ``eventcoder code`` runs; the command only turns options into a ``CorpusJob``.
Outputs are written while partitions arrive (in order) through atomic files, so an
interrupted run leaves no partial output, only its stored partitions to resume from.
"""
from __future__ import annotations

import contextlib
import functools
import math
from concurrent.futures import Executor, Future
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO, Any, Callable, Iterator

from .csvsafe import SafeDictWriter
from .errors import EventcoderError, InputError
from .formats import OutputFormat, WriteContext, atomic_output
from .framing import dumps_line
from .parallel import (InlineExecutor, PartitionResult, code_partition, process_pool)
from .progress import CodingProgress
from .runner import RunPlan, Workdir, count_documents, run_partitions

ERROR_COLUMNS = ["id", "origin", "reason"]
MAX_PARTITION = 500  # documents per partition when --partition-size is not given
PARTITIONS_PER_WORKER = 8  # so that every worker has work, and progress comes in small steps


@dataclass
class Summary:
    documents: int = 0
    events: int = 0
    failures: int = 0
    partitions: int = 0
    resumed: int = 0
    peak_rss_mb: dict[str, float] = field(default_factory=dict)  # per worker

    def add(self, result: PartitionResult, resumed: bool) -> None:
        self.documents += result.documents
        self.events += result.events
        self.failures += len(result.failures)
        self.partitions += 1
        self.resumed += resumed
        if not resumed:
            self.peak_rss_mb[result.worker] = max(result.peak_rss_mb,
                                                  self.peak_rss_mb.get(result.worker, 0.0))


@dataclass
class CorpusJob:
    """One ``eventcoder code`` run: where things come from, how to code, where they go."""

    plan: RunPlan
    items: Callable[[], Iterator]  # a fresh stream of Documents and Problems per call
    writer: OutputFormat
    context: WriteContext
    output: str | None = None  # a file, "-", or (Parquet) a folder ending in "/"
    errors: Path | None = None
    workers: int = 1
    engine: str = "local"  # or "dask"
    scheduler: str | None = None
    resume: bool = True
    keep_parts: bool = False
    progress: bool = False
    progress_log: Path | None = None  # timed progress lines (elapsed, done, rate, ETA)
    on_failure: Callable[[dict[str, Any]], None] | None = None
    local_engine: Any = None  # an Engine to use in this process when workers == 1

    @property
    def parallel(self) -> bool:
        return self.workers > 1 or self.engine == "dask"

    @property
    def dataset(self) -> bool:
        """Partitioned Parquet: ``--format parquet -o out_dir/``."""
        return self.writer.name == "parquet" and self.output is not None and (
            Path(self.output).is_dir() or self.output.endswith(("/", "\\")))

    def workdir_path(self) -> Path | None:
        """``<output>.parts`` beside the output; none for standard output."""
        return parts_folder(self.output)

    def run(self) -> Summary:
        if self.dataset:
            _check_dataset_target(Path(str(self.output).rstrip("/\\")))
        elif self.output is not None and Path(self.output).is_dir():
            raise InputError(f"{self.output}: is a folder; give an output file (only "
                             "--format parquet writes a folder of parts)")
        path = self.workdir_path()
        resume = self.resume and "-" not in self.plan.inputs  # stdin cannot be read again
        # the total (for the ETA and the partition size) costs a first reading pass;
        # stdin can be read only once
        wants_total = self.progress or self.progress_log or (
            self.plan.partition_size is None and self.parallel)
        total = (count_documents(self.items()) if wants_total and "-" not in self.plan.inputs
                 else None)
        if self.plan.partition_size is None:
            self.plan = replace(self.plan, partition_size=self.partition_size(total))
        workdir = Workdir(path, self.plan.fingerprint(), resume) if path else None
        summary = Summary()
        try:
            with contextlib.ExitStack() as stack:
                self._code_and_write(stack, workdir, summary, total)
        except _worker_deaths(self.engine) as err:
            kept = f"; finished partitions are kept in {path}" if path else ""
            raise EventcoderError(
                f"a worker process died while coding ({type(err).__name__}: {err}), e.g. "
                f"out of memory{kept}: re-run the same command to resume") from err
        if workdir is not None and not self.keep_parts:
            workdir.remove()
        return summary

    def partition_size(self, total: int | None) -> int:
        """Documents per partition: MAX_PARTITION, or fewer when several workers share a
        small input, so each gets PARTITIONS_PER_WORKER partitions (``--workers 2`` on
        300 documents uses both) and progress arrives in small steps."""
        if total is None or not self.parallel:
            return MAX_PARTITION
        slots = max(self.workers, 1) * PARTITIONS_PER_WORKER
        return max(1, min(MAX_PARTITION, math.ceil(total / slots)))

    def _code_and_write(self, stack: contextlib.ExitStack, workdir: Workdir | None,
                        summary: Summary, total: int | None) -> None:
        """Code every partition in order and stream events and failures to the outputs."""
        bar = CodingProgress(self.progress, total, self.progress_log)
        executor, ahead, task = self._executor(stack, bar)
        stack.enter_context(bar)
        errors = stack.enter_context(_ErrorsFile.open(self.errors))
        resumed = workdir.resumed if workdir else {}
        results = run_partitions(self.plan, self.items(), executor, workdir, ahead,
                                 task)

        def events() -> Iterator[dict[str, Any]]:
            for result in results:
                summary.add(result, result.index in resumed)
                if result.index in resumed:  # coded ones advanced the bar as they finished
                    bar.advance(result.documents)
                for failure in result.failures:
                    errors.write(failure)
                    if self.on_failure:
                        self.on_failure(failure)
                yield from result.iter_events()

        if self.dataset:
            for _ in events():
                pass
            from .parquet_parts import write_dataset
            write_dataset(workdir.event_files(), Path(str(self.output).rstrip("/\\")),
                          self.context.columns)
        else:
            with atomic_output(self.output, self.writer.binary) as stream:
                self.writer.write(events(), stream, self.context)

    def _executor(self, stack: contextlib.ExitStack, bar: CodingProgress):
        """(executor, look-ahead, task). The bar moves per document in this process and
        in local worker processes; on Dask, per partition as each one finishes (not when
        its turn to be written comes)."""
        spec = self.plan.spec
        if self.engine == "dask":
            from .distributed import dask_executor
            executor, ahead = stack.enter_context(dask_executor(spec, self.workers,
                                                                self.scheduler))
            return _Advancing(executor, bar), ahead, code_partition
        if self.workers > 1:
            pool = process_pool(spec, self.workers)
            stack.callback(pool.shutdown, wait=True, cancel_futures=True)
            tick = stack.enter_context(_worker_ticks(bar))
            return pool, 2 * self.workers, functools.partial(code_partition, on_document=tick)
        return InlineExecutor(), 1, functools.partial(
            code_partition, engine=self.local_engine, on_document=lambda: bar.advance(1))


@contextlib.contextmanager
def _worker_ticks(bar: CodingProgress) -> Iterator["_Tick"]:
    """A ``_Tick`` that worker processes call per document, and a thread here that moves
    the bar for each one (per-document progress from a process pool). The queue's manager
    process, like the pool's workers, ends with this process (``lifeline``)."""
    import multiprocessing
    import threading
    from multiprocessing.managers import SyncManager

    from .lifeline import end_with_parent
    manager = SyncManager(ctx=multiprocessing.get_context("spawn"))
    manager.start(initializer=end_with_parent)
    with manager:
        queue = manager.Queue()

        def drain() -> None:
            while (documents := queue.get()) is not None:
                bar.advance(documents)

        thread = threading.Thread(target=drain, name="eventcoder-progress", daemon=True)
        thread.start()
        try:
            yield _Tick(queue)
        finally:
            queue.put(None)
            thread.join(timeout=5)


class _Tick:
    """Picklable: sent with each partition to a worker process, called per document."""

    def __init__(self, queue):
        self.queue = queue

    def __call__(self) -> None:
        self.queue.put(1)


class _Advancing(Executor):
    """An executor whose finished partitions advance the progress bar at once (Dask:
    progress per partition, partitions kept small by ``partition_size``)."""

    def __init__(self, inner: Executor, bar: CodingProgress):
        self.inner, self.bar = inner, bar

    def submit(self, fn, /, *args, **kwargs) -> Future:
        future = self.inner.submit(fn, *args, **kwargs)
        future.add_done_callback(self._done)
        return future

    def _done(self, future: Future) -> None:
        if not future.cancelled() and future.exception() is None:
            self.bar.advance(future.result().documents)


def parts_folder(output: str | None) -> Path | None:
    """``<output>.parts``, where a run keeps its partitions; none for standard output."""
    if output is None or str(output) == "-":
        return None
    target = Path(str(output).rstrip("/\\"))
    return target.with_name(target.name + ".parts")


def run_outputs(output: str | None, *others: Path | str | None) -> tuple[str, ...]:
    """Everything a run writes (output, its ``.parts``, errors and harvest files), so that
    an output inside an input folder is never read back as input."""
    paths = [output if output != "-" else None, parts_folder(output), *others]
    return tuple(str(p) for p in paths if p is not None)


def _worker_deaths(engine: str) -> tuple[type[BaseException], ...]:
    """The errors that say a worker process died (not a document's failure)."""
    from concurrent.futures.process import BrokenProcessPool
    if engine == "dask":
        with contextlib.suppress(ImportError):  # no dask extra: nothing ran on Dask
            from distributed import KilledWorker
            return BrokenProcessPool, KilledWorker
    return (BrokenProcessPool,)


def _check_dataset_target(target: Path) -> None:
    if target.is_dir():
        others = [p.name for p in target.iterdir() if not (
            p.name.startswith("part-") and p.name.endswith(".parquet"))]
        if others:
            raise InputError(f"{target}: output folder holds other files ({others[0]}, ...); "
                             "a Parquet dataset replaces the whole folder, so give a new or "
                             "empty one")


class _ErrorsFile:
    """The failed documents (id, origin, reason): CSV for ``.csv``, else JSON lines."""

    def __init__(self, stream: IO | None, as_csv: bool):
        self.stream = stream
        self.csv = SafeDictWriter(stream, ERROR_COLUMNS) if (
            stream is not None and as_csv) else None
        if self.csv is not None:
            self.csv.writeheader()

    @classmethod
    @contextlib.contextmanager
    def open(cls, path: Path | None):
        if path is None:
            yield cls(None, False)
            return
        with atomic_output(path) as stream:
            yield cls(stream, path.suffix.lower() == ".csv")

    def write(self, failure: dict[str, Any]) -> None:
        if self.csv is not None:
            self.csv.writerow(failure)
        elif self.stream is not None:
            self.stream.write(dumps_line(failure))
