"""Partitioned, resumable coding runs.

The document stream is cut into partitions of a fixed number of documents (reader problems
travel with the partition they occur in). Each partition is coded by some executor (this
process, a process pool, a Dask cluster) and, when the run has a work directory, stored as
``part-00000.jsonl`` (events) and ``part-00000.errors.jsonl`` (failures), then recorded in
``partitions.jsonl``, a journal beside ``manifest.json`` (the run's parameters).

Re-running the same command after a crash or Ctrl-C finds the manifest, keeps every
partition whose journal entry and checksums agree, and codes only the rest. Partitions are
produced in index order whatever the executor, so the final output is the same, byte for
byte, as an uninterrupted run's.
"""
from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import shutil
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from . import framing
from .errors import EventcoderError, Problem
from .model import Document
from .parallel import CoderSpec, PartitionResult, code_partition, loads_events, map_ordered

MANIFEST = "manifest.json"
JOURNAL = "partitions.jsonl"
FORMAT_VERSION = 1


@dataclass(frozen=True)
class RunPlan:
    """What decides a run's output: if any of it changes, stored partitions are stale."""

    inputs: tuple[str, ...]
    spec: CoderSpec
    partition_size: int | None = 500  # None: sized by the run (CorpusJob)
    input_format: str | None = None
    date: str | None = None
    source: str | None = None
    resources: tuple[str, ...] = ()  # other files or folders the output depends on
    outputs: tuple[str, ...] = ()  # what the run writes: never read, nor fingerprinted

    def fingerprint(self) -> dict[str, Any]:
        """The plan plus the size and mtime of every input file and codebook file."""
        from importlib.metadata import version
        files = {}
        written = [Path(p).resolve() for p in self.outputs]
        for name in self.inputs + self.spec.codebooks + self.resources:
            path = Path(name)
            for file in sorted(path.rglob("*")) if path.is_dir() else [path]:
                resolved = file.resolve()
                if file.is_file() and not any(resolved == w or w in resolved.parents
                                              for w in written):
                    stat = file.stat()
                    files[str(file.resolve())] = [stat.st_size, stat.st_mtime_ns]
        return json.loads(json.dumps({"format": FORMAT_VERSION, "eventcoder": version("eventcoder"),
                "model": self.spec.model, "model_version": _model_version(self.spec.model),
                "plan": asdict(self), "files": files}))  # as read back from JSON


def _model_version(model: str | None) -> str | None:
    from importlib.metadata import PackageNotFoundError, version

    from .nlp import default_model_name
    try:
        return version(model or default_model_name())
    except (PackageNotFoundError, ValueError, EventcoderError):
        return None


def partitions(items: Iterable[Document | Problem], size: int
               ) -> Iterator[tuple[int, list[Document | Problem]]]:
    """(index, items) with ``size`` documents each (the last may hold fewer)."""
    if size < 1:
        raise ValueError("partition size must be at least 1")
    index, current, count = 0, [], 0
    for item in items:
        current.append(item)
        if isinstance(item, Document):
            count += 1
            if count == size:
                yield index, current
                index, current, count = index + 1, [], 0
    if current or index == 0:
        yield index, current


class Workdir:
    """``<output>.parts/``: the stored partitions of one run and its manifest."""

    def __init__(self, path: Path, fingerprint: dict[str, Any], resume: bool = True):
        self.path = path
        self.fingerprint = fingerprint
        self.resumed: dict[int, dict[str, Any]] = {}
        manifest = path / MANIFEST
        if resume and manifest.is_file() and _read_json(manifest) == fingerprint:
            self.resumed = self._valid_entries()
        elif path.exists():
            shutil.rmtree(path)
        path.mkdir(parents=True, exist_ok=True)
        for stale in path.glob(".*.tmp"):
            stale.unlink()
        _write_atomic(manifest, json.dumps(fingerprint, indent=1, sort_keys=True) + "\n")
        # rewrite the journal from the entries that survived: a line cut by a crash is gone
        _write_atomic(path / JOURNAL, "".join(json.dumps(e, sort_keys=True) + "\n"
                                              for _, e in sorted(self.resumed.items())))

    def _valid_entries(self) -> dict[int, dict[str, Any]]:
        entries: dict[int, dict[str, Any]] = {}
        journal = self.path / JOURNAL
        lines = framing.lines(journal.read_text(encoding="utf-8")) if journal.is_file() else []
        for line in lines:
            with contextlib.suppress(ValueError, KeyError, TypeError):
                entry = json.loads(line)
                if all(_sha256(self.path / entry[kind]) == entry[f"{kind}_sha256"]
                       for kind in ("events", "errors")):
                    entries[int(entry["index"])] = entry
        return entries

    def store(self, result: PartitionResult) -> None:
        """Write a coded partition's files, then record it in the journal."""
        entry = {"index": result.index, "documents": result.documents,
                 "events_count": result.events, "failures": len(result.failures),
                 "events": f"part-{result.index:05d}.jsonl",
                 "errors": f"part-{result.index:05d}.errors.jsonl"}
        errors = "".join(map(framing.dumps_line, result.failures))
        for kind, text in (("events", result.events_jsonl), ("errors", errors)):
            _write_atomic(self.path / entry[kind], text)
            entry[f"{kind}_sha256"] = hashlib.sha256(text.encode("utf-8")).hexdigest()
        with open(self.path / JOURNAL, "a", encoding="utf-8") as journal:
            journal.write(json.dumps(entry, sort_keys=True) + "\n")
            journal.flush()
            os.fsync(journal.fileno())

    def load(self, index: int) -> PartitionResult:
        """A stored partition, as the worker returned it (memory and worker unknown)."""
        entry = self.resumed[index]
        errors = (self.path / entry["errors"]).read_text(encoding="utf-8")
        return PartitionResult(index, entry["documents"], entry["events_count"], loads_events(
                               (self.path / entry["events"]).read_text(encoding="utf-8")),
                               list(framing.loads_lines(errors)), worker="stored")

    def event_files(self) -> list[Path]:
        return sorted(self.path.glob("part-*[0-9].jsonl"))

    def remove(self) -> None:
        shutil.rmtree(self.path, ignore_errors=True)


def run_partitions(plan: RunPlan, items: Iterable[Document | Problem], executor,
                   workdir: Workdir | None = None, ahead: int = 2,
                   task: Callable = code_partition) -> Iterator[PartitionResult]:
    """Coded partitions in index order: stored ones loaded, the others coded by
    ``executor`` (at most ``ahead`` in flight) and stored as they arrive."""
    resumed = workdir.resumed if workdir is not None else {}

    def tasks():
        for index, chunk in partitions(items, plan.partition_size):
            if index in resumed:
                yield None, functools.partial(workdir.load, index)
            else:
                yield plan.spec, index, chunk

    for result in map_ordered(executor, task, tasks(), ahead):
        if workdir is not None and result.index not in resumed:
            workdir.store(result)
        yield result


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _write_atomic(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    with open(tmp, "w", encoding="utf-8", newline="") as stream:
        stream.write(text)
        stream.flush()
        os.fsync(stream.fileno())
    os.replace(tmp, path)


def count_documents(items: Iterable[Document | Problem]) -> int:
    """How many documents a stream holds (a first pass for the progress bar's ETA)."""
    return sum(1 for item in items if isinstance(item, Document))
