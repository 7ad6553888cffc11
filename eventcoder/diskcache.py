"""Tables derived from installed data, kept between runs so a process starts fast.

A table costly to derive (e.g. a gazetteer's name index) is built once, written as JSON (data,
never pickle) under the user's cache folder and read back by later runs; a ``Memo`` keeps
the answers to a costly question (a fuzzy search) the same way, one question at a time. Its
file name holds a digest of everything it is derived from (data files, library versions, the
deriving code), so a changed input simply misses the cache and the table is rebuilt. Files
are written whole or not at all (a temporary file renamed into place); a folder that cannot
be written only costs the rebuild next time.

The folder: ``$EVENTCODER_CACHE_DIR``, else ``$XDG_CACHE_HOME/eventcoder``, else
``~/.cache/eventcoder``; ``EVENTCODER_CACHE_DIR=off`` turns the cache off.
"""
from __future__ import annotations

import atexit
import gc
import hashlib
import json
import logging
import os
import tempfile
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Iterable

import orjson

log = logging.getLogger(__name__)
OFF = "off"


def cache_dir() -> Path | None:
    """The cache folder, or None when turned off."""
    chosen = os.environ.get("EVENTCODER_CACHE_DIR")
    if chosen == OFF:
        return None
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "eventcoder"


def digest(sources: Iterable[str | bytes]) -> str:
    """A short hex digest of the inputs a table is derived from, in order."""
    sha = hashlib.sha256()
    for source in sources:
        data = source.encode("utf-8") if isinstance(source, str) else source
        sha.update(len(data).to_bytes(8, "little"))
        sha.update(data)
    return sha.hexdigest()[:20]


def cached_json(name: str, sources: Iterable[str | bytes], build: Callable[[], Any]) -> Any:
    """``build()``'s JSON-able result, read from the cache when ``sources`` are unchanged,
    else built and stored (older tables of the same ``name`` are removed)."""
    path = table_path(name, digest(sources))
    found = load(path)
    if found is not None:
        return found
    table = build()
    store(path, table, replaces=f"{name}-*.json")
    return table


def table_path(name: str, key: str) -> Path | None:
    """Where table ``name`` derived from inputs of digest ``key`` is kept (None: no cache)."""
    folder = cache_dir()
    return None if folder is None else folder / f"{name}-{key}.json"


def load(path: Path | None) -> Any:
    """A stored table, or None when absent (or unreadable: it is rebuilt)."""
    if path is None:
        return None
    try:
        data = path.read_bytes()
        with collector_paused():
            return orjson.loads(data)  # twice as fast as json here: a table is megabytes
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as err:
        log.warning("cache file %s unreadable (%s): rebuilt", path, err)
        return None


PAUSED_THRESHOLD = 10**9  # new objects before a collection: never, in practice
_pauses = {"depth": 0, "thresholds": gc.get_threshold()}
_pauses_lock = threading.Lock()


@contextmanager
def collector_paused():
    """Python's cycle collector held off while objects that live as long as the process are
    made (a large table decoded, eventcoder's modules imported, a pipeline and codebooks
    loaded): they make no reference cycles worth collecting, but each new object counts
    towards a collection, and a full collection walks every live object (most of a short
    run's start-up went there). The first threshold is raised rather than the collector
    turned off, so a library that turns it off and on again meanwhile (spaCy's pipeline
    loader does) does not undo the pause; the last of nested or concurrent pauses (threads
    of a Dask worker) to end puts the thresholds back."""
    with _pauses_lock:
        if _pauses["depth"] == 0:
            _pauses["thresholds"] = gc.get_threshold()
            gc.set_threshold(PAUSED_THRESHOLD, *_pauses["thresholds"][1:])
        _pauses["depth"] += 1
    try:
        yield
    finally:
        with _pauses_lock:
            _pauses["depth"] -= 1
            if _pauses["depth"] == 0:
                gc.set_threshold(*_pauses["thresholds"])


def store(path: Path | None, table: Any, replaces: str | None = None) -> None:
    """Write ``table`` whole or not at all; remove the older files matching ``replaces``."""
    if path is None:
        return
    temporary = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(table, out, separators=(",", ":"))
        os.replace(temporary, path)
        temporary = None
        for old in path.parent.glob(replaces) if replaces else ():
            if old != path:
                old.unlink(missing_ok=True)
    except OSError as err:
        log.info("cache folder %s not writable (%s): %s is rebuilt each run", path.parent,
                 err, path.name)
    finally:
        if temporary is not None:
            Path(temporary).unlink(missing_ok=True)


class Memo:
    """Answers to a costly question kept between runs: a JSON table question -> answer,
    named by a digest of everything the answers depend on (``sources``). Read on first use;
    new answers are written back whole at exit and every ``every`` new answers (a process
    killed before loses only those). Two processes writing at once lose some answers of one,
    never the file: it is only a cache."""

    def __init__(self, name: str, sources: Iterable[str | bytes], every: int = 500):
        self.name, self.key, self.every = name, digest(sources), every
        self.path: Path | None = None
        self.table: dict[str, Any] | None = None
        self.new = 0

    def get(self, question: str, answer: Callable[[str], Any]) -> Any:
        """The stored answer, else ``answer(question)`` (JSON-able), stored."""
        if self.table is None:
            self.path = table_path(self.name, self.key)
            self.table = load(self.path) or {}
            atexit.register(self.flush)
        if question not in self.table:
            self.table[question] = answer(question)
            self.new += 1
            if self.new >= self.every:
                self.flush()
        return self.table[question]

    def flush(self) -> None:
        """Write the table if it has new answers."""
        if self.new and self.table is not None:
            store(self.path, self.table, replaces=f"{self.name}-*.json")
            self.new = 0
