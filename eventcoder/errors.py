"""Exceptions that say where a problem is: file, line, field or JSON path."""
from __future__ import annotations

from dataclasses import dataclass


class EventcoderError(Exception):
    """Base class for every error eventcoder raises on purpose."""


@dataclass(frozen=True)
class Problem:
    """One located problem: ``file:line: field: message`` when printed."""

    message: str
    file: str | None = None
    line: int | None = None
    field: str | None = None

    def __str__(self) -> str:
        where = ":".join(str(p) for p in (self.file, self.line) if p not in (None, ""))
        parts = [p for p in (where, self.field) if p]
        return ": ".join(parts + [self.message])


class LocatedError(EventcoderError):
    """An error made of one or more located problems."""

    def __init__(self, problems: list[Problem] | Problem):
        self.problems = problems if isinstance(problems, list) else [problems]
        super().__init__("\n".join(str(p) for p in self.problems))


class CodebookError(LocatedError):
    """A codebook or dictionary file is invalid; each problem names file and path."""


class UnknownCodebookError(CodebookError):
    """No plugin registers a codebook of that name, and no file has that path."""


class InputError(LocatedError):
    """An input file or record cannot be read."""


class EventValidationError(LocatedError):
    """A coder produced an event that breaks its schema: a bug in the coder, never ignored."""


class PluginError(EventcoderError):
    """A plugin failed to load or registered something invalid."""


class ModelNotFoundError(EventcoderError):
    """The requested spaCy pipeline is not installed."""
