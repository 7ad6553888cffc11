"""REGEX operators in codebook token patterns, checked when loaded and bounded when run.

spaCy's matchers compile REGEX with Python's ``re``, which backtracks without limit and
cannot be interrupted: ``^(a+)+$`` on a token of 40 a's and a b never returns. So:

* ``regex_problem`` refuses, at load and ``eventcoder validate`` time, a pattern ``re``
  cannot compile and one with nested repetition (``(a+)+``, ``(\\w+\\s?)*``), the shape
  that backtracks catastrophically;
* ``bounded`` rewrites a pattern's REGEX operators into token extensions matched by the
  ``regex`` module (``re``'s syntax and Unicode classes) with a time limit per token, so a
  pattern that still backtracks (``(a|aa)+``) stops that document with a located error.
"""
from __future__ import annotations

import hashlib
import re
from typing import Any

import regex
from spacy.tokens import Token

try:  # Python 3.11+
    from re import _constants as sre_constants
    from re import _parser as sre_parse
except ImportError:  # Python 3.10
    import sre_constants  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

TOKEN_SECONDS = 1.0  # one token: a sane pattern takes microseconds
_REPEATS = (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT,
            getattr(sre_constants, "POSSESSIVE_REPEAT", sre_constants.MAX_REPEAT))


class RegexTimeout(Exception):
    """A codebook REGEX ran past its time on one token."""


def regex_problem(pattern: str) -> str | None:
    """Why ``pattern`` may not be a codebook REGEX, or None."""
    try:
        parsed = sre_parse.parse(pattern)
        regex.compile(pattern, flags=regex.V0)
    except (re.error, regex.error, OverflowError, RecursionError) as err:
        return (f"invalid regular expression {pattern!r}: {err}; expected a Python regular "
                "expression")
    if _nested_repetition(parsed, inside=False):
        return (f"{pattern!r} repeats a group that itself repeats (like (a+)+): it can "
                "backtrack for ever; write the repetition once (e.g. a+)")
    return None


def _nested_repetition(parsed, inside: bool) -> bool:
    for op, arg in parsed:
        if op in _REPEATS:
            low, high, body = arg
            repeats = high > 1
            if (repeats and inside) or _nested_repetition(body, inside or repeats):
                return True
        elif op is sre_constants.SUBPATTERN:
            if _nested_repetition(arg[-1], inside):
                return True
        elif op is sre_constants.BRANCH:
            if any(_nested_repetition(branch, inside) for branch in arg[1]):
                return True
        elif op in (sre_constants.ASSERT, sre_constants.ASSERT_NOT):
            if _nested_repetition(arg[1], inside):
                return True
        elif op is getattr(sre_constants, "ATOMIC_GROUP", None):
            if _nested_repetition(arg, inside):
                return True
        elif op is sre_constants.GROUPREF_EXISTS:
            if any(_nested_repetition(branch, inside) for branch in arg[1:] if branch):
                return True
    return False


def bounded(pattern: list[dict[str, Any]], rule: str) -> list[dict[str, Any]]:
    """A copy of a DependencyMatcher pattern whose REGEX operators are token extensions
    matched with a time limit; ``rule`` (file and field) is named when one runs out."""
    return [{**node, "RIGHT_ATTRS": _bounded_attrs(node["RIGHT_ATTRS"], rule)}
            if isinstance(node, dict) and isinstance(node.get("RIGHT_ATTRS"), dict) else node
            for node in pattern]


def _bounded_attrs(attrs: dict[str, Any], rule: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    extensions: dict[str, Any] = {}
    for attr, value in attrs.items():
        if attr == "_" and isinstance(value, dict):
            for name, ext_value in value.items():
                rest, flag = _split_regex(ext_value, ("_", name), rule)
                if rest is not None:
                    extensions[name] = rest
                if flag:
                    extensions[flag] = True
            continue
        rest, flag = _split_regex(value, (attr,), rule)
        if rest is not None:
            out[attr] = rest
        if flag:
            extensions[flag] = True
    if extensions:
        out["_"] = extensions
    return out


def _split_regex(value: Any, attr: tuple[str, ...], rule: str) -> tuple[Any, str | None]:
    """(the value without its REGEX, or None if nothing is left; the extension that
    matches the REGEX, or None)."""
    if not (isinstance(value, dict) and isinstance(value.get("REGEX"), str)):
        return value, None
    rest = {k: v for k, v in value.items() if k != "REGEX"}
    return (rest or None), _regex_extension(attr, value["REGEX"], rule)


def _regex_extension(attr: tuple[str, ...], pattern: str, rule: str) -> str:
    """A boolean token extension: does the token's ``attr`` contain a match of ``pattern``
    (``re.search``, as spaCy's REGEX)? The same name in every process for the same rule."""
    digest = hashlib.sha1("\0".join((*attr, pattern, rule)).encode("utf-8")).hexdigest()
    name = f"eventcoder_regex_{digest[:16]}"
    if not Token.has_extension(name):
        compiled = regex.compile(pattern, flags=regex.V0)

        def matches(token: Token) -> bool:
            text = _attribute(token, attr)
            try:
                return compiled.search(text, timeout=TOKEN_SECONDS) is not None
            except TimeoutError:
                raise RegexTimeout(f"REGEX {pattern!r} ({rule}) ran longer than "
                                   f"{TOKEN_SECONDS:g} s on the token {text[:40]!r}; "
                                   "rewrite it without nested repetition") from None

        Token.set_extension(name, getter=matches)
    return name


def _attribute(token: Token, attr: tuple[str, ...]) -> str:
    """The text spaCy's REGEX would test: the token attribute (or extension) as a string."""
    if attr[0] == "_":
        value = getattr(token._, attr[1], None)
        return value if isinstance(value, str) else ""
    name = attr[0].upper()
    if name in ("TEXT", "ORTH"):
        return token.text
    if name == "MORPH":
        return str(token.morph)
    value = getattr(token, name.lower() + "_", None)
    return value if isinstance(value, str) else str(getattr(token, name.lower(), ""))
