"""ACLED typing rules as data (``codebooks/acled/rules.yaml``) and the small interpreter
that runs them.

A passage is typed by the first rule, in order of precedence, that decides it. A rule either
names a registered Python test (the few procedural decisions: :func:`test` registers them) or
says in data what it needs: the cues it needs (``when.cues``, from ``triggers.yaml``), words
(``when.words``, lexicon entries), spaCy Matcher or DependencyMatcher patterns
(``when.matcher``, ``when.dependency``, lexicon entries), the registered conditions that
block it (``unless``), who acts and who suffers (``actor``, ``target``: actor kinds), and
the sub-event type it ``yields``. A ``gate`` rule stops typing: the passage tells no event.
Every event names the rule that typed it (``cite_info.rule``).

A codebook that ``extends: acled`` adds rules, overrides one by name, or disables rules
(:meth:`RuleBook.extended`).
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files
from typing import Any, Callable

from jsonschema import Draft202012Validator
from spacy.matcher import DependencyMatcher, Matcher
from spacy.vocab import Vocab

from eventcoder import yamlio
from eventcoder.errors import CodebookError, Problem
from eventcoder.validation import collect

from .docarrays import document_forms
from .lexicon import Lexicon

DATA = files("eventcoder_codebooks") / "acled"
RULES_FILE = DATA / "rules.yaml"
SCHEMA_FILE = DATA / "rules.schema.json"

# name -> test(passage, armed, agents, victims): a Decision (a typing rule), True/False
# (a gate or an ``unless`` condition)
TESTS: dict[str, Callable[..., Any]] = {}


def test(name: str) -> Callable:
    """Register a procedural test under the name rules.yaml uses for it."""
    def register(function: Callable) -> Callable:
        TESTS[name] = function
        return function
    return register


@dataclass(frozen=True)
class Side:
    """Who a declarative rule takes as a side: the first mention of one of ``kinds`` among
    the candidates, else an actor named after the country (``otherwise``), else none."""

    kinds: tuple[str, ...] = ()
    otherwise: str | None = None

    def pick(self, candidates: list) -> Any:
        found = next((m for m in candidates if not self.kinds or m.kind in self.kinds), None)
        return found if found is not None else self.otherwise


@dataclass(frozen=True)
class Rule:
    name: str
    precedence: int
    source: str  # file:rules[i], for errors
    test: str | None = None
    gate: bool = False
    yields: str | None = None
    cues: tuple[str, ...] = ()
    words: tuple[str, ...] = ()
    matcher: tuple[str, ...] = ()
    dependency: tuple[str, ...] = ()
    unless: tuple[str, ...] = ()
    actor: Side = Side()
    target: Side = Side()
    about: str = ""


@dataclass
class RuleBook:
    """The ordered rules, the lexicon their words come from, and compiled matchers."""

    rules: list[Rule]
    lexicon: Lexicon
    _matchers: dict = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.rules)

    def run(self, passage, armed, agents, victims):
        """The first rule's decision, named after the rule; None if a gate stops it or no
        rule decides."""
        return next(self.decisions(passage, armed, agents, victims), None)

    def readings(self, passage, armed, agents, victims) -> list[str]:
        """The sub-event types of the decisions after the first, in rule order, once each
        (none when a gate stops typing)."""
        later = self.decisions(passage, armed, agents, victims)
        next(later, None)
        return sub_event_types(later)

    def decisions(self, passage, armed, agents, victims):
        """Each rule's decision in order, named after the rule, lazily (the rules after
        the first decision run only when asked); nothing after a gate."""
        for rule in self.rules:
            if not self._holds(rule, passage, armed, agents, victims):
                continue
            if rule.gate:
                return
            decision = (TESTS[rule.test](passage, armed, agents, victims) if rule.test
                        else self._declared(rule, agents, victims))
            if decision is not None:
                if not decision.rule.startswith(rule.name):
                    decision.rule = f"{rule.name}:{decision.rule}" if decision.rule else rule.name
                yield decision

    def _holds(self, rule: Rule, passage, armed, agents, victims) -> bool:
        if rule.cues and not any(passage.has(c) for c in rule.cues):
            return False
        if rule.words and not self._has_words(rule, passage):
            return False
        if rule.matcher or rule.dependency:
            if not self._matches(rule, passage):
                return False
        if rule.gate and rule.test:
            return bool(TESTS[rule.test](passage, armed, agents, victims))
        return not any(TESTS[name](passage, armed, agents, victims) for name in rule.unless)

    def _has_words(self, rule: Rule, passage) -> bool:
        """A word of the rule's word lists in the passage, read from the document's word
        forms (lower case, lower-cased lemma)."""
        wanted = frozenset().union(*(self.lexicon.words(w) for w in rule.words))
        forms = document_forms(passage.sentences[0].doc)
        return any(lower in wanted or lemma in wanted for sentence in passage.sentences
                   for _, lower, lemma in forms[sentence.start:sentence.end])

    def _matches(self, rule: Rule, passage) -> bool:
        """Every pattern kind the rule names matches in one of the passage's sentences."""
        vocab = passage.sentences[0].doc.vocab
        for kind, names, build in (("matcher", rule.matcher, Matcher),
                                   ("dependency", rule.dependency, DependencyMatcher)):
            if not names:
                continue
            key = (rule.name, kind, id(vocab))
            if key not in self._matchers:  # compiled once per pipeline
                compiled = build(vocab)
                for name in names:
                    compiled.add(name, self.lexicon.matcher(name))
                self._matchers[key] = compiled
            if not any(self._matchers[key](sentence) for sentence in passage.sentences):
                return False
        return True

    @staticmethod
    def _declared(rule: Rule, agents, victims):
        from .passage import Decision
        side1 = rule.actor.pick(agents)
        if side1 is None:
            return None
        side2 = rule.target.pick([v for v in victims if v is not side1])
        return Decision(rule.yields, side1, side2, rule=rule.name)

    def extended(self, spec: dict[str, Any], lexicon: Lexicon, source: str,
                 sub_event_types: set[str], cue_names: set[str]) -> "RuleBook":
        """This rule book with a codebook extension's ``rules`` (a rule named like a
        built-in one replaces it, keeping its precedence unless given) and ``disable``."""
        problems = collect(_validator(), {"rules": spec.get("rules", []),
                                          "disable": spec.get("disable", [])}, source)
        if problems:
            raise CodebookError(problems)
        by_name = {r.name: r for r in self.rules}
        for index, entry in enumerate(spec.get("rules", [])):
            old = by_name.get(entry["name"])
            if old is not None and "precedence" not in entry:
                entry = {**entry, "precedence": old.precedence}
            if "precedence" not in entry:
                raise CodebookError(Problem("a new rule needs a precedence (where it runs)",
                                            file=source, field=f"rules[{index}]"
                                            f" ({entry['name']}).precedence"))
            by_name[entry["name"]] = _rule(entry, f"rules[{index}]", source)
        unknown = [n for n in spec.get("disable", []) if n not in by_name]
        if unknown:
            raise CodebookError(Problem(f"no rule named {unknown}", file=source,
                                        field="disable"))
        rules = [r for r in by_name.values() if r.name not in spec.get("disable", [])]
        book = RuleBook(sorted(rules, key=lambda r: r.precedence), lexicon)
        book.check(source, sub_event_types, cue_names)
        return book

    def check(self, source: str, sub_event_types: set[str], cue_names: set[str]) -> None:
        """What a schema cannot say: tests registered, sub-event types and cues known,
        lexicon entries of the right kind. Problems name the rule and field."""
        from . import classify  # noqa: F401 - registers the procedural tests
        problems = []
        for rule in self.rules:
            where = f"{rule.source} ({rule.name})"
            named = [("test", rule.test)] if rule.test else []
            named += [("unless", n) for n in rule.unless]
            problems += [Problem(f"no registered test {name!r}", file=source,
                                 field=f"{where}.{part}")
                         for part, name in named if name not in TESTS]
            if rule.yields and rule.yields not in sub_event_types:
                problems.append(Problem(f"unknown sub-event type {rule.yields!r}", file=source,
                                        field=f"{where}.yields"))
            problems += [Problem(f"unknown cue {c!r}", file=source, field=f"{where}.when.cues")
                         for c in rule.cues if c not in cue_names]
            for part, names, kind in (("words", rule.words, "words"),
                                      ("matcher", rule.matcher, "matcher"),
                                      ("dependency", rule.dependency, "matcher")):
                for name in names:
                    entry = self.lexicon.entries.get(name, {})
                    if kind not in entry and not (kind == "words" and "include" in entry):
                        problems.append(Problem(f"no lexicon entry {name!r} with {kind}",
                                                file=source, field=f"{where}.when.{part}"))
                    elif part != "words":
                        problems += _pattern_problems(part, name, entry["matcher"], source,
                                                      f"{where}.when.{part}")
        if problems:
            raise CodebookError(problems)


def sub_event_types(decisions) -> list[str]:
    """The sub-event types of ``decisions``, in their order, once each."""
    return list(dict.fromkeys(d.sub_event_type for d in decisions))


def _pattern_problems(part: str, name: str, patterns: list, source: str, field: str
                      ) -> list[Problem]:
    """spaCy's own check of a lexicon entry's Matcher or DependencyMatcher patterns."""
    build = DependencyMatcher if part == "dependency" else Matcher
    try:
        build(Vocab(), validate=True).add(name, patterns)
    except (ValueError, KeyError, TypeError) as err:  # spaCy's MatchPatternError is a ValueError
        return [Problem(f"lexicon entry {name!r}: {' '.join(str(err).split())[:300]}",
                        file=source, field=field)]
    return []


@lru_cache(maxsize=1)
def _validator() -> Draft202012Validator:
    return Draft202012Validator(json.loads(SCHEMA_FILE.read_text(encoding="utf-8")))


def _side(value: Any) -> Side:
    if value is None:
        return Side()
    return Side(tuple(value.get("kinds", ())), value.get("otherwise"))


def _rule(entry: dict[str, Any], where: str, source: str) -> Rule:
    when = entry.get("when", {})
    return Rule(entry["name"], int(entry["precedence"]), where, entry.get("test"),
                bool(entry.get("gate")), entry.get("yields"), tuple(when.get("cues", ())),
                tuple(when.get("words", ())), tuple(when.get("matcher", ())),
                tuple(when.get("dependency", ())), tuple(entry.get("unless", ())),
                _side(entry.get("actor")), _side(entry.get("target")), entry.get("about", ""))


def load(lexicon: Lexicon, sub_event_types: set[str], cue_names: set[str],
         path=RULES_FILE) -> RuleBook:
    """The built-in rules, validated (located errors: file, rule, field), in precedence
    order."""
    source = str(path)
    data = yamlio.loads(path.read_text(encoding="utf-8"), source)
    problems = collect(_validator(), data, source)
    if problems:
        raise CodebookError(problems)
    rules = [_rule(entry, f"rules[{i}]", source) for i, entry in enumerate(data["rules"])]
    seen: dict[str, int] = {}
    for index, rule in enumerate(rules):
        if rule.name in seen:
            raise CodebookError(Problem(f"duplicate rule name (also rules[{seen[rule.name]}])",
                                        file=source, field=f"rules[{index}] ({rule.name})"))
        seen[rule.name] = index
    book = RuleBook(sorted(rules, key=lambda r: r.precedence), lexicon)
    book.check(source, sub_event_types, cue_names)
    return book

