"""Input and output formats as plugin-registered objects, and atomic file writing."""
from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Callable, Iterable, Iterator, Sequence

from .codebook import Codebook
from .errors import Problem
from .model import Document


@dataclass
class WriteContext:
    """What a writer knows besides the events: codebooks, flat columns and user options."""

    codebooks: Sequence[Codebook]
    columns: list[str]
    options: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class OutputFormat:
    """``write(events, stream, ctx)`` consumes an iterable of event dicts and returns a count."""

    name: str
    suffix: str
    write: Callable[[Iterable[dict[str, Any]], IO, WriteContext], int]
    binary: bool = False
    description: str = ""
    streams: bool = True  # False: needs a real file (e.g. Parquet), not stdout


@dataclass(frozen=True)
class InputFormat:
    """``read(path)`` yields Documents, or Problems for records it cannot read."""

    name: str
    suffixes: tuple[str, ...]
    read: Callable[[Path], Iterator[Document | Problem]]
    description: str = ""


def registered_outputs(pm) -> dict[str, OutputFormat]:
    found: dict[str, OutputFormat] = {}
    pm.hook.register_output_formats(register=lambda f: found.__setitem__(f.name, f))
    return found


def registered_inputs(pm) -> dict[str, InputFormat]:
    found: dict[str, InputFormat] = {}
    pm.hook.register_input_formats(register=lambda f: found.__setitem__(f.name, f))
    return found


def input_format_for(path: Path, formats: dict[str, InputFormat]) -> InputFormat | None:
    name = path.name.lower()
    matches = [(len(s), f) for f in formats.values() for s in f.suffixes if name.endswith(s)]
    return max(matches, key=lambda m: m[0])[1] if matches else None


def _mode_for(target: Path) -> int:
    try:
        return target.stat().st_mode & 0o777
    except OSError:
        return 0o666 & ~current_umask()


def current_umask() -> int:
    """The process's umask (read from /proc where it can be, else set and restored)."""
    with contextlib.suppress(OSError, ValueError):
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


@contextlib.contextmanager
def atomic_output(path: str | Path | None, binary: bool = False) -> Iterator[IO]:
    """Write to a temporary file beside ``path`` and rename it into place only on success.

    A crash or error leaves no half-written file behind. ``None`` or ``-`` is stdout. The
    file gets the mode ``open()`` would give it (0666 less the umask; an existing file's
    own mode), not the 0600 of a temporary file.
    """
    if path in (None, "-"):
        stream = sys.stdout.buffer if binary else sys.stdout
        yield stream
        stream.flush()
        return
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        os.chmod(tmp, _mode_for(target))
        with os.fdopen(handle, "wb" if binary else "w", **({} if binary else
                                                             {"encoding": "utf-8",
                                                              "newline": ""})) as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
