"""Safe YAML loading without YAML 1.1 traps, and with line numbers for errors.

PyYAML's SafeLoader turns ``no`` into False, ``042`` into 34 and ``1:30`` into 90. Codebooks
are full of codes like "042", so this loader resolves scalars the YAML 1.2 core-schema way:
only ``true``/``false`` are booleans, only plain decimal numbers are numbers (leading zeros
stay strings). Aliases, their expansion and the nesting depth are limited, so an anchor bomb
cannot exhaust memory and a deeply nested file cannot crash the parser.

Codebooks are plain data, as in JSON: mapping keys are always strings (``190: x`` gives the
key "190"), and tags that build other Python objects (``!!python/...``, ``!!binary``,
``!!set``, ``!!timestamp``, custom ``!tags``) are refused with the line they are on.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import ConstructorError

from .errors import CodebookError, Problem

MAX_ALIASES = 100
MAX_DEPTH = 100  # nesting; libyaml's composer recurses in C and crashes on thousands
MAX_NODES = 2_000_000  # after alias expansion: what a consumer walking the data would visit

_INT = re.compile(r"^[-+]?(0|[1-9][0-9_]*)$")
_FLOAT = re.compile(r"^[-+]?(\.[0-9]+|(0|[1-9][0-9]*)(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")
_PLAIN = "tag:eventcoder.org,2026:plain"  # an untagged, unquoted scalar: resolved below
_CORE = "tag:yaml.org,2002:"
_MERGE = _CORE + "merge"


# libyaml (C) when PyYAML was built with it: several times faster on large dictionaries.
_BASE = yaml.CSafeLoader if getattr(yaml, "__with_libyaml__", False) else yaml.SafeLoader


class _Loader(_BASE):  # type: ignore[misc, valid-type]
    """SafeLoader with YAML 1.2 scalar resolution and string keys."""

    yaml_implicit_resolvers: dict = {}

    def resolve(self, kind, value, implicit):
        if kind is yaml.ScalarNode and implicit[0]:
            return _MERGE if value == "<<" else _PLAIN
        return super().resolve(kind, value, implicit)

    def construct_mapping(self, node, deep=False):
        """A dict with string keys; a key written twice is an error (merged keys may be
        overridden, as YAML intends)."""
        if not isinstance(node, yaml.MappingNode):
            raise ConstructorError(None, None, "expected a mapping", node.start_mark)
        own = set()
        for key_node, _ in node.value:
            if key_node.tag == _MERGE:
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                raise ConstructorError(None, None, "a mapping key must be plain text, "
                                       "not a list or mapping", key_node.start_mark)
            if key_node.value in own:
                raise ConstructorError(None, None, f"duplicate key {key_node.value!r}",
                                       key_node.start_mark)
            own.add(key_node.value)
        self.flatten_mapping(node)
        return {key_node.value: self.construct_object(value_node, deep=deep)
                for key_node, value_node in node.value}


def _resolve_scalar(loader, node):
    value = node.value
    if node.tag == _CORE + "str":  # quoted, block or !!str: always a string
        return value
    if value in ("true", "True", "TRUE"):
        return True
    if value in ("false", "False", "FALSE"):
        return False
    if value in ("null", "Null", "NULL", "~", ""):
        return None
    if _INT.match(value):
        return int(value.replace("_", ""))
    if _FLOAT.match(value) and any(c in value for c in ".eE"):
        return float(value)
    return value


def _refuse_tag(loader, node):
    tag = node.tag.replace(_CORE, "!!")
    raise ConstructorError(None, None, f"the tag {tag} is not allowed: codebooks are plain "
                           "data (text, numbers, true/false, null, lists, mappings)",
                           node.start_mark)


_Loader.add_constructor(_PLAIN, _resolve_scalar)
for _tag in ("str", "bool", "int", "float", "null"):
    _Loader.add_constructor(_CORE + _tag, _resolve_scalar)
for _tag in ("binary", "timestamp", "set", "omap", "pairs"):
    _Loader.add_constructor(_CORE + _tag, _refuse_tag)
_Loader.add_constructor(None, _refuse_tag)


def _check_shape(text: str) -> None:
    """Refuse anchor bombs and deep nesting from the parser's events, before building
    anything (cheap: no nodes or objects are made)."""
    depth = aliases = 0
    for event in yaml.parse(text, Loader=_BASE):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise yaml.MarkedYAMLError(problem=f"nested deeper than {MAX_DEPTH} levels",
                                           problem_mark=event.start_mark)
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
        elif isinstance(event, yaml.AliasEvent):
            aliases += 1
            if aliases > MAX_ALIASES:
                raise yaml.MarkedYAMLError(
                    problem=f"more than {MAX_ALIASES} aliases (*name); a codebook needs few, "
                            "and an anchor bomb is refused", problem_mark=event.start_mark)


def _expanded_size(obj: Any, memo: dict[int, int]) -> int:
    """Node count with aliases expanded, computed once per shared object (linear time)."""
    if not isinstance(obj, (list, dict)):
        return 1
    key = id(obj)
    if key not in memo:
        memo[key] = 0  # guards against recursive aliases
        items = obj.values() if isinstance(obj, dict) else obj
        total = 1
        for item in items:
            total += _expanded_size(item, memo)
            if total > MAX_NODES:
                break
        memo[key] = total
    return memo[key]


def loads(text: str, source: str = "<string>") -> Any:
    """Parse YAML text; raise CodebookError naming ``source`` and the line on failure."""
    try:
        _check_shape(text)
        data = yaml.load(text, Loader=_Loader)  # noqa: S506 - _Loader derives from SafeLoader
        if _expanded_size(data, {}) > MAX_NODES:
            raise yaml.YAMLError(f"aliases expand to more than {MAX_NODES} nodes")
        return data
    except yaml.YAMLError as err:
        line, reason = _describe(err, text)
        raise CodebookError(Problem(f"invalid YAML: {reason}", file=source, line=line)) from None
    except RecursionError:
        raise CodebookError(Problem("invalid YAML: nesting too deep", file=source)) from None


def _describe(err: yaml.YAMLError, text: str) -> tuple[int | None, str]:
    """Line and a one-line reason for a PyYAML error (its str() spans several lines)."""
    if isinstance(err, yaml.reader.ReaderError):
        line = text.count("\n", 0, err.position) + 1
        char = err.character if isinstance(err.character, int) else ord(err.character)
        return line, (f"character U+{char:04X} is not allowed in YAML; remove it or write it "
                      "as an escape in a double-quoted string")
    mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
    reason = getattr(err, "problem", None) or str(err).split("\n")[0]
    context = getattr(err, "context", None)
    context_mark = getattr(err, "context_mark", None)
    if context:
        started = (f" at line {context_mark.line + 1}"
                   if context_mark is not None and context_mark.line != mark.line else "")
        reason += f" ({context}{started})"
    if mark is None:
        return None, reason
    return mark.line + 1, f"column {mark.column + 1}: {reason}"


def load(path: str | Path) -> Any:
    """Read and parse a YAML file (UTF-8)."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise CodebookError(Problem("file not found", file=str(path))) from None
    except OSError as err:
        raise CodebookError(Problem(f"cannot read: {err.strerror or err}", file=str(path))
                            ) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        raise CodebookError(Problem(
            f"not UTF-8 text: byte 0x{data[err.start]:02x} at offset {err.start}; save the "
            "file as UTF-8", file=str(path), line=line)) from None
    return loads(text, source=str(path))
