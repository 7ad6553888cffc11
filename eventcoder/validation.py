"""JSON Schema checks for events and codebook files, with located, readable errors."""
from __future__ import annotations

import json
import math
import re
from functools import lru_cache
from importlib.resources import files
from typing import Any, Iterable

import jsonschema_rs
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError
from referencing import Registry, Resource

from .errors import Problem

CORE_EVENT_SCHEMA_ID = "https://eventcoder.org/schemas/event.schema.json"


@lru_cache(maxsize=None)
def load_schema(name: str) -> dict[str, Any]:
    """A schema shipped in ``eventcoder/schemas``."""
    return json.loads((files("eventcoder.schemas") / name).read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _registry() -> Registry:
    core = load_schema("event.schema.json")
    return Registry().with_resource(CORE_EVENT_SCHEMA_ID, Resource.from_contents(core))


def event_validator(extension: dict[str, Any] | None = None) -> Draft202012Validator:
    """A validator for the core event schema, or for a codebook's extension of it."""
    if extension is None:
        schema: dict[str, Any] = {"$ref": CORE_EVENT_SCHEMA_ID}
    else:
        core = {"$ref": CORE_EVENT_SCHEMA_ID}  # once, even if the extension names it too
        schema = {**extension, "allOf": [core, *(part for part in extension.get("allOf", [])
                                                 if part != core)]}
        schema.pop("$id", None)
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, registry=_registry())


def event_problems(validator: Draft202012Validator, event: Any, file: str | None = None
                   ) -> list[Problem]:
    """``collect`` for one coded event, made cheap for the usual valid one: jsonschema-rs
    (compiled, same schema) answers "valid" without Python's per-keyword cost; anything it
    rejects, or cannot read as plain JSON, is checked by ``validator`` as before, so the
    messages stay jsonschema's."""
    if _plain_json(event) and _fast_twin(validator).is_valid(event):
        return []
    return collect(validator, event, file)


_TWINS: dict[int, tuple[Draft202012Validator, Any]] = {}  # id(validator) -> it, its twin


def _fast_twin(validator: Draft202012Validator) -> Any:
    """The jsonschema-rs validator of the same schema, built once per validator."""
    found = _TWINS.get(id(validator))
    if found is None or found[0] is not validator:
        core = jsonschema_rs.Registry([(CORE_EVENT_SCHEMA_ID, load_schema("event.schema.json"))])
        found = _TWINS[id(validator)] = (validator, jsonschema_rs.Draft202012Validator(
            validator.schema, registry=core, validate_formats=False))
    return found[1]


def _plain_json(value: Any) -> bool:
    """Only JSON's own types (no tuples, sets, NaN, numpy numbers...), on which both
    validators agree on what is an array, a number or an integer."""
    if type(value) is dict:
        return all(type(k) is str and _plain_json(v) for k, v in value.items())
    if type(value) is list:
        return all(_plain_json(v) for v in value)
    if type(value) is float:
        return math.isfinite(value)
    return value is None or type(value) in (str, int, bool)


def format_path(parts: Iterable[Any]) -> str:
    """``['events', 12, 'verbs']`` -> ``events[12].verbs``."""
    out = ""
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top level)"


def _short(value: Any, limit: int = 80) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _unknown_keys(instance: dict, schema: dict) -> str:
    known = schema.get("properties", {})
    patterns = [re.compile(p) for p in schema.get("patternProperties", {})]
    extra = [k for k in instance if k not in known and not any(p.search(k) for p in patterns)]
    allowed = ", ".join(known)
    return f"unknown key(s) {', '.join(map(repr, extra))}; allowed: {allowed}"


def collect(validator: Draft202012Validator, instance: Any, file: str | None = None
            ) -> list[Problem]:
    """All schema errors as located problems, in document order."""
    problems = []
    for err in sorted(validator.iter_errors(instance), key=lambda e: list(map(str, e.path))):
        err, message = _most_telling(err)
        problems.append(Problem(message, file=file, field=format_path(err.absolute_path)))
    return problems


def _most_telling(err: ValidationError) -> tuple[ValidationError, str]:
    """For "not valid under any of the given schemas" (oneOf/anyOf), the error inside the
    alternative that got furthest: "actors[19].patterns: [] should be non-empty"; when every
    alternative fails on the type, one message naming all the types."""
    while err.validator in ("oneOf", "anyOf") and err.context:
        depth = max(len(e.absolute_path) for e in err.context)
        deepest = [e for e in err.context if len(e.absolute_path) == depth]
        if all(e.validator == "type" for e in deepest):
            types = [t for e in deepest for t in (e.validator_value if isinstance(
                e.validator_value, list) else [e.validator_value])]
            value = _short(deepest[0].instance)
            return deepest[0], f"{value}: expected {' or '.join(types)}"
        err = next(e for e in deepest if e.validator != "type")
    return err, _message(err)


def _message(err: ValidationError) -> str:
    message = err.message
    if err.validator == "additionalProperties":
        return _unknown_keys(err.instance, err.schema)
    if err.validator in ("type", "enum", "pattern", "minLength", "const") and \
            " is not " in message:
        return f"{_short(err.instance)}: {message.split(' is not ', 1)[-1]}"
    text = repr(err.instance)
    if len(text) > 80 and text in message:  # never echo a whole list of entries
        message = message.replace(text, _short(err.instance))
    return " ".join(message.split())


@lru_cache(maxsize=1)
def codebook_validator() -> Draft202012Validator:
    return Draft202012Validator(load_schema("codebook.schema.json"))


def validate_codebook_data(data: Any, file: str) -> list[Problem]:
    """Check parsed codebook YAML against the codebook meta-schema, then what a schema cannot
    say (dependency patterns, regular expressions, field names); problems inside an event
    also name its code."""
    if not isinstance(data, dict):
        return [Problem("a codebook file must be a mapping with codebook, version and events",
                        file=file)]
    problems = (_key_problems(data, [], file) or collect(codebook_validator(), data, file)
                or _semantic_problems(data, file))
    return [_name_event_code(p, data) for p in problems]


def _key_problems(value: Any, path: list, file: str) -> list[Problem]:
    """Mapping keys must be text, as in JSON (a dict built in Python may hold others)."""
    problems = []
    if isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(key, str):
                problems.append(Problem(f"key {_short(key)} is a {type(key).__name__}; "
                                        "expected a string", file=file,
                                        field=format_path(path)))
            else:
                problems += _key_problems(item, path + [key], file)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            problems += _key_problems(item, path + [index], file)
    return problems


def extension_problems(schema: Any, file: str | None, field: str = "schema") -> list[Problem]:
    """A codebook's event-schema extension must be a mapping that is a valid JSON Schema."""
    from jsonschema.exceptions import SchemaError
    if not isinstance(schema, dict):
        return [Problem(f"expected a JSON Schema object, got {type(schema).__name__}",
                        file=file, field=field)]
    try:
        event_validator(schema)
    except SchemaError as err:
        return [Problem(f"not a valid JSON Schema: {err.message} at "
                        f"{format_path(err.absolute_path)}", file=file, field=field)]
    return []


def _semantic_problems(data: dict, file: str) -> list[Problem]:
    core_fields = set(load_schema("event.schema.json")["properties"])
    problems = []
    for name, template in data.get("templates", {}).items():
        problems += pattern_problems(substitute_verbs(template, ["verb"]), file,
                                     f"templates.{name}")
    first_of: dict[str, int] = {}
    for index, event in enumerate(data.get("events", [])):
        where = f"events[{index}]"
        if event["code"] in first_of:  # every repeat, not only the first
            problems.append(Problem(f"duplicate code {event['code']!r} (also "
                                    f"events[{first_of[event['code']]}])", file=file,
                                    field=f"{where}.code"))
        first_of.setdefault(event["code"], index)
        for v, verb in enumerate(event.get("verbs", [])):
            if not verb.split() or verb.split()[0] == "*":
                problems.append(Problem(f"{verb!r}: expected a verb lemma first, e.g. "
                                        "'attack' or 'accuse * of'", file=file,
                                        field=f"{where}.verbs[{v}]"))
        for p, pattern in enumerate(event.get("patterns", [])):
            problems += pattern_problems(pattern, file, f"{where}.patterns[{p}]")
        for key in event.get("fields", {}):
            if key in core_fields:
                problems.append(Problem(f"{key!r} is a core event field; expected a name of "
                                        "the codebook's own", file=file,
                                        field=f"{where}.fields.{key}"))
    return problems


def substitute_verbs(template: Any, verbs: list[str]) -> Any:
    """Replace the scalar "$verbs" anywhere in a pattern template by a list of verb lemmas."""
    if template == "$verbs":
        return verbs
    if isinstance(template, list):
        return [substitute_verbs(item, verbs) for item in template]
    if isinstance(template, dict):
        return {key: substitute_verbs(value, verbs) for key, value in template.items()}
    return template


_EVENT_FIELD = re.compile(r"^events\[(\d+)\]")


def _name_event_code(problem: Problem, data: dict) -> Problem:
    """Add "(event code '042')" to a problem located inside ``events[i]``."""
    found = _EVENT_FIELD.match(problem.field or "")
    events = data.get("events")
    if not found or not isinstance(events, list) or int(found[1]) >= len(events):
        return problem
    event = events[int(found[1])]
    code = event.get("code") if isinstance(event, dict) else None
    if not isinstance(code, str) or f"code {code!r}" in problem.message:
        return problem
    return Problem(f"{problem.message} (event code {code!r})", problem.file, problem.line,
                   problem.field)


# -- dependency patterns: what spaCy checks only when compiling, or never ------------------
ACTION_NODE = "action"


@lru_cache(maxsize=1)
def dependency_operators() -> tuple[str, ...]:
    """The REL_OP values the installed spaCy's DependencyMatcher supports."""
    from spacy.matcher import DependencyMatcher
    from spacy.vocab import Vocab
    return tuple(DependencyMatcher(Vocab())._ops)


def pattern_problems(pattern: Any, file: str | None, field: str) -> list[Problem]:
    """Located problems in one DependencyMatcher pattern (a list of node dicts), checked at
    load time so a typo is reported with its place instead of failing while coding."""
    if not isinstance(pattern, list) or not pattern:
        return [Problem("expected a non-empty list of nodes", file=file, field=field)]
    problems: list[Problem] = []
    seen: dict[Any, int] = {}
    for index, node in enumerate(pattern):
        where = f"{field}[{index}]"
        if not isinstance(node, dict):
            problems.append(Problem("expected a mapping with RIGHT_ID and RIGHT_ATTRS",
                                    file=file, field=where))
            continue
        problems += [Problem(message, file=file, field=f"{where}.{key}")
                     for key, message in _node_problems(node, index, seen)]
        seen.setdefault(node.get("RIGHT_ID"), index)
    if not problems and ACTION_NODE not in seen:
        problems.append(Problem(
            f"no node has RIGHT_ID {ACTION_NODE!r}; expected the trigger word's node to be "
            f"named {ACTION_NODE!r} (and the participants 'actor', 'target')",
            file=file, field=field))
    return problems


def _node_problems(node: dict, index: int, seen: dict[Any, int]) -> list[tuple[str, str]]:
    out = []
    right = node.get("RIGHT_ID")
    if index == 0:
        extra = [k for k in ("LEFT_ID", "REL_OP") if k in node]
        if extra:
            out.append((extra[0], "the first node is the anchor: expected only RIGHT_ID and "
                                  "RIGHT_ATTRS"))
    else:
        for key in ("LEFT_ID", "REL_OP"):
            if key not in node:
                out.append((key, "missing; every node after the first links to an earlier "
                                 "node with LEFT_ID and REL_OP"))
        if "LEFT_ID" in node and node["LEFT_ID"] not in seen:
            out.append(("LEFT_ID", f"{_short(node['LEFT_ID'])} names no earlier node; "
                                   f"expected one of {', '.join(map(repr, seen))}"))
        operators = dependency_operators()
        if "REL_OP" in node and node["REL_OP"] not in operators:
            out.append(("REL_OP", f"{_short(node['REL_OP'])} is not a dependency operator; "
                                  f"expected one of {' '.join(operators)}"))
    if right in seen:
        out.append(("RIGHT_ID", f"{right!r} is already node {seen[right]}; expected a new id"))
    attrs = node.get("RIGHT_ATTRS")
    if isinstance(attrs, dict):
        out += [("RIGHT_ATTRS" + ("." + path if path else ""), message)
                for path, message in _attribute_problems(attrs)]
    return out


_BRANCH = re.compile(r"^(TokenPattern\w*|str|int|float|bool|list\[.*\]|dict\[.*\])$")
_EXPECTED = {"TokenPatternString": "a mapping of text operators (IN, NOT_IN, REGEX, ...)",
             "TokenPatternNumber": "a mapping of number operators (==, >=, IN, ...)",
             "TokenPatternOperator": "an OP such as '!'",
             "str": "a string", "int": "a number", "float": "a number",
             "bool": "true or false"}


def _attribute_problems(attrs: dict) -> list[tuple[str, str]]:
    """spaCy's own token-pattern validation (one message per attribute), plus compiling
    every REGEX."""
    from spacy.schemas import validate_token_pattern

    from .token_regex import regex_problem
    out = []
    if attrs.get("OP") in ("?", "*", "+"):
        out.append(("OP", f"{attrs['OP']!r} is not allowed here: each node of a dependency "
                          "pattern matches exactly one token"))
    unions: dict[tuple[str, ...], set[str]] = {}
    for error in validate_token_pattern([attrs]):
        # "[pattern -> 0 -> LEMMA -> IN] Input should be a valid list"; a value that fits no
        # branch of a union gives one error per branch ("... -> LENGTH -> int] ...").
        path, _, message = error.partition("] ")
        keys = [k.strip() for k in path.lstrip("[").split("->")[2:]]
        branch = next((i for i, k in enumerate(keys) if _BRANCH.match(k)), None)
        if branch is None and message.strip() == "Extra inputs are not permitted":
            out.append((".".join(keys), "unknown token attribute; expected one such as LEMMA, "
                                        "LOWER, TEXT, POS, TAG, DEP, ENT_TYPE, IS_ALPHA or _"))
        elif branch is None:
            out.append((".".join(keys), message.strip() or error))
        else:
            unions.setdefault(tuple(keys[:branch]), set()).add(keys[branch])
    for keys, branches in unions.items():
        expected = sorted({_EXPECTED.get(b.split("[")[0], "a list") for b in branches})
        value = _lookup(attrs, keys)
        out.append((".".join(keys), f"{_short(value)} is not a valid value; expected "
                                    f"{' or '.join(expected)}"))
    for path, value in _regexes(attrs, ""):
        if isinstance(value, str) and (problem := regex_problem(value)):
            out.append((path, problem))
    return out


def _lookup(value: Any, keys: Iterable[str]) -> Any:
    for key in keys:
        if isinstance(value, dict) and key in value:
            value = value[key]
        elif isinstance(value, list) and key.isdigit() and int(key) < len(value):
            value = value[int(key)]
        else:
            return value
    return value


def _regexes(value: Any, path: str):
    """(path, pattern) for every REGEX key at any depth of a token pattern."""
    if isinstance(value, dict):
        for key, item in value.items():
            sub = f"{path}.{key}" if path else str(key)
            if key == "REGEX":
                yield sub, item
            else:
                yield from _regexes(item, sub)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _regexes(item, f"{path}[{index}]")
