"""The ACLED codebook's named vocabulary (``codebooks/acled/lexicon.yaml``): word lists, word
maps, regular expressions and spaCy Matcher patterns, each an entry by name, so a researcher
edits words without touching Python.

Checked against ``lexicon.schema.json`` (errors name file, entry and field); regular
expressions and Matcher patterns are compiled when loaded, so a bad one is reported before
any text is coded. The built-in lexicon is read once per process; a codebook that
``extends: acled`` adds words to entries (:meth:`Lexicon.extended`) and codes with its own
lexicon active (:func:`using`), which is what :func:`lexicon` returns to the modules.
"""
from __future__ import annotations

import json
import re
from dataclasses import replace
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from importlib.resources import files
from types import MappingProxyType
from typing import Any, Iterator, Mapping

from jsonschema import Draft202012Validator

from eventcoder import yamlio
from eventcoder.errors import CodebookError, Problem
from eventcoder.validation import collect

DATA = files("eventcoder_codebooks") / "acled"
LEXICON_FILE = DATA / "lexicon.yaml"
SCHEMA_FILE = DATA / "lexicon.schema.json"


@lru_cache(maxsize=1)
def _validator() -> Draft202012Validator:
    return Draft202012Validator(json.loads(SCHEMA_FILE.read_text(encoding="utf-8")))


class Lexicon:
    """Entries by name: ``words`` (a set, also in written order), ``map``, ``pattern`` (a
    compiled regular expression) or ``matcher`` (spaCy Matcher patterns)."""

    def __init__(self, entries: dict[str, dict[str, Any]], source: str, root: str = "entries"):
        self.entries = entries
        self.source = source
        self.root = root  # the key the entries are under in their file (an extension's: lexicon)
        problems = []
        self._words: dict[str, frozenset[str]] = {}
        self._ordered: dict[str, tuple[str, ...]] = {}
        self._patterns: dict[str, re.Pattern] = {}
        self._maps = {name: MappingProxyType(dict(entry["map"]))
                      for name, entry in entries.items() if "map" in entry}
        for name, entry in entries.items():
            if "words" in entry or "include" in entry:
                ordered = self._gather(name, [], problems)
                self._ordered[name] = tuple(dict.fromkeys(ordered))
                self._words[name] = frozenset(ordered)
            if "pattern" in entry:
                flags = 0
                for flag in entry.get("flags", []):
                    flags |= getattr(re, flag)
                try:
                    self._patterns[name] = re.compile(entry["pattern"], flags)
                except re.error as err:
                    problems.append(Problem(f"bad regular expression: {err}", file=source,
                                            field=f"{self.root}.{name}.pattern"))
        if problems:
            raise CodebookError(problems)

    def _gather(self, name: str, seen: list[str], problems: list[Problem]) -> list[str]:
        """An entry's words with those of the entries it includes (in order, once)."""
        if name in seen:
            problems.append(Problem(f"entries include each other: {' -> '.join(seen + [name])}",
                                    file=self.source, field=f"{self.root}.{seen[0]}.include"))
            return []
        entry = self.entries.get(name)
        if entry is None:
            problems.append(Problem(f"includes unknown entry {name!r}", file=self.source,
                                    field=f"{self.root}.{seen[-1]}.include"))
            return []
        words = list(entry.get("words", []))
        for other in entry.get("include", []):
            words += self._gather(other, seen + [name], problems)
        return words

    def _entry(self, name: str, kind: dict) -> Any:
        try:
            return kind[name]
        except KeyError:
            raise CodebookError(Problem(f"no such entry {name!r} of that kind",
                                        file=self.source, field=f"{self.root}.{name}")) from None

    def words(self, name: str) -> frozenset[str]:
        return self._entry(name, self._words)

    def ordered(self, name: str) -> tuple[str, ...]:
        return self._entry(name, self._ordered)

    def map(self, name: str) -> Mapping[str, Any]:
        return self._entry(name, self._maps)

    def pattern(self, name: str) -> re.Pattern:
        return self._entry(name, self._patterns)

    def matcher(self, name: str) -> list:
        return self._entry(name, self.entries)["matcher"]

    def extended(self, additions: dict[str, dict[str, Any]], source: str) -> "Lexicon":
        """This lexicon with ``additions``: words added to entries of the same name
        (``words``), or new entries; a ``replace: true`` entry replaces the old one, keeping
        its kind (words, map, pattern, matcher), which is how the modules read it."""
        problems = check(additions, source, partial=True, root="lexicon")
        problems += [Problem(f"a replacement must keep the entry's "
                             f"{' and '.join(sorted(_kinds(self.entries[name])))}: "
                             "the ACLED modules read it so", file=source, field=f"lexicon.{name}")
                     for name, entry in additions.items() if name in self.entries
                     and entry.get("replace") and not _kinds(self.entries[name]) <= _kinds(entry)]
        if problems:
            raise CodebookError(problems)
        merged = {name: dict(entry) for name, entry in self.entries.items()}
        for name, entry in additions.items():
            old = merged.get(name)
            if old is None or entry.get("replace"):
                merged[name] = {k: v for k, v in entry.items() if k != "replace"}
            else:
                merged[name] = {**old, "words": [*old.get("words", []), *entry.get("words", [])],
                                **({"map": {**old.get("map", {}), **entry["map"]}}
                                   if "map" in entry else {})}
        return Lexicon(merged, source, root="lexicon")


def _kinds(entry: dict[str, Any]) -> set[str]:
    """What an entry can be read as: words (its own or included), map, pattern, matcher."""
    return {"words" if key == "include" else key for key in entry
            if key in ("words", "include", "map", "pattern", "matcher")}


def check(entries: Any, source: str, partial: bool = False, root: str = "entries"
          ) -> list[Problem]:
    """Schema problems of a lexicon's ``entries`` mapping (under ``root`` in its file),
    located by entry and field."""
    problems = [replace(p, field=root + (p.field or "").removeprefix("entries"))
                for p in collect(_validator(), {"entries": entries}, source)]
    if not partial and not problems:
        missing = [n for n, e in entries.items() if not e.get("about")]
        problems = [Problem("every built-in entry says what it is for ('about')",
                            file=source, field=f"entries.{n}") for n in missing]
    return problems


def load(path=LEXICON_FILE) -> Lexicon:
    """A lexicon file, validated (located errors) and compiled."""
    data = yamlio.loads(path.read_text(encoding="utf-8"), str(path))
    entries = data.get("entries") if isinstance(data, dict) else None
    if not isinstance(entries, dict):
        raise CodebookError(Problem("an 'entries' mapping of name -> entry is required",
                                    file=str(path), field="entries"))
    problems = check(entries, str(path))
    if problems:
        raise CodebookError(problems)
    return Lexicon(entries, str(path))


@lru_cache(maxsize=1)
def builtin() -> Lexicon:
    """The built-in lexicon, read once per process."""
    return load()


_ACTIVE: ContextVar[Lexicon | None] = ContextVar("eventcoder_acled_lexicon", default=None)


def lexicon() -> Lexicon:
    """The lexicon of the codebook coding now (the built-in one outside :func:`using`)."""
    return _ACTIVE.get() or builtin()


@contextmanager
def using(active: Lexicon) -> Iterator[Lexicon]:
    """Code with ``active`` as the lexicon every module reads."""
    token = _ACTIVE.set(active)
    try:
        yield active
    finally:
        _ACTIVE.reset(token)


def words(name: str) -> frozenset[str]:
    return lexicon().words(name)


def ordered(name: str) -> tuple[str, ...]:
    return lexicon().ordered(name)


def pattern(name: str) -> re.Pattern:
    return lexicon().pattern(name)


def mapping(name: str) -> Mapping[str, Any]:
    return lexicon().map(name)
