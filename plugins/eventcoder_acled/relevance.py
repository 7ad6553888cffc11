"""Relevance and realis, the ACLED coder's first stage: is this a real political-violence,
protest or strategic-development event that happened, told by someone ACLED codes?

The knowledge is ``codebooks/acled/relevance.yaml`` (word sets, Matcher patterns, the order
of the checks); this module is its interpreter and the few procedural tests it names
(``PREDICATES``). Three steps, each naming what it decided:
- :meth:`Relevance.boilerplate`: page furniture (menus, bylines, "Read more") is not coded;
- :meth:`Relevance.check_cues`: each event cue must be asserted and literal;
- :meth:`Relevance.judge`: a passage must have someone ACLED codes, and ordinary news
  (sport, business, entertainment) needs an armed actor or a crowd.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from importlib.resources import files
from typing import Any

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from eventcoder import framing, syntax, yamlio
from eventcoder.errors import CodebookError, Problem
from eventcoder.validation import collect
from jsonschema import Draft202012Validator

from . import framed, nonevents, nonpolitical, realis  # noqa: F401  (they register their predicates)
from .actors import Mention
from .cues import Cue, load_triggers
from .docarrays import token_arrays, word_forms
from .matchgate import GatedMatcher
from .realis import matches

DATA = files("eventcoder_codebooks") / "acled"
RELEVANCE_FILE = DATA / "relevance.yaml"
SCHEMA_FILE = DATA / "relevance.schema.json"
# a cue's arguments: who does it, to whom, and what names it ("price war", "India clash")
ARGUMENTS = syntax.SUBJECT | syntax.PASSIVE_SUBJECT | syntax.OBJECT | syntax.COMPOUND | \
    syntax.POSSESSIVE


def load(path=RELEVANCE_FILE) -> dict[str, Any]:
    """relevance.yaml, checked by its schema and for names it refers to (located errors)."""
    data = yamlio.loads(path.read_text(encoding="utf-8"), str(path))
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    problems = collect(Draft202012Validator(schema), data, str(path))
    if not problems:
        problems = _reference_problems(data, str(path))
    if problems:
        raise CodebookError(problems)
    return data


def _reference_problems(data: dict, file: str) -> list[Problem]:
    lexicon = data["lexicon"]
    cue_names = set(load_triggers()[0])
    problems = []
    for index, check in enumerate(data["cue_checks"]):
        where = f"cue_checks[{index}] ({check['name']})"
        if check["predicate"] not in realis.PREDICATES:
            problems.append(Problem(f"unknown predicate {check['predicate']!r}; known: "
                                    f"{', '.join(sorted(realis.PREDICATES))}", file=file,
                                    field=f"{where}.predicate"))
        problems += [Problem(f"unknown lexicon entry {g!r}", file=file, field=f"{where}.gate")
                     for g in check.get("gate", []) if g not in lexicon]
        problems += [Problem(f"unknown cue {c!r} (cues are named in triggers.yaml)",
                             file=file, field=f"{where}.cues")
                     for c in check.get("cues", []) if c not in cue_names]
    for index, rule in enumerate(data["passage_rules"]):
        where = f"passage_rules[{index}] ({rule['name']})"
        for part in ("if", "unless"):
            for alternative in _alternatives(rule.get(part)):
                problems += [Problem(f"unknown lexicon entry {p!r}", file=file,
                                     field=f"{where}.{part}.participants")
                             for p in alternative.get("participants", []) if p not in lexicon]
                problems += [Problem(f"unknown cue {c!r} (cues are named in triggers.yaml)",
                                     file=file, field=f"{where}.{part}.{key}")
                             for key in ("cues", "with_cues")
                             for c in alternative.get(key, []) if c not in cue_names]
    contexts = contexts_of(data)
    for context in contexts:
        if f"{context}_participants" not in lexicon:
            problems.append(Problem(f"'{context}_participants' is required beside "
                                    f"'{context}_context'", file=file, field="lexicon"))
    for index, rule in enumerate(data["passage_rules"]):
        problems += [Problem(f"unknown context {c!r}; known: {', '.join(contexts)}", file=file,
                             field=f"passage_rules[{index}] ({rule['name']}).if.context")
                     for c in rule["if"].get("context", []) if c not in contexts]
    problems += [Problem(f"unknown context {c!r}", file=file, field=f"figurative_phrases.{c}")
                 for c in data.get("figurative_phrases", {}) if c not in contexts]
    return problems


def contexts_of(data: dict) -> list[str]:
    """The ordinary-news contexts: each lexicon entry ``<name>_context``."""
    return [name[:-len("_context")] for name in data["lexicon"] if name.endswith("_context")]


def _alternatives(conditions) -> list[dict]:
    if conditions is None:
        return []
    return conditions if isinstance(conditions, list) else [conditions]


class WordSet:
    """Words (matched on lower case or lemma) and phrases of several words (on lower case)."""

    def __init__(self, nlp: Language, name: str, words: list[str]):
        self.single = {w.lower() for w in words if " " not in w}
        multiword = [nlp.make_doc(w.lower()) for w in words if " " in w]
        self.phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.phrases.add(name, multiword)
        self.has_phrases = bool(multiword)  # most sets have none: no matcher to run

    def phrase_spans(self, span: Span) -> list[tuple[int, int, int]]:
        """The set's phrases in a span (document offsets)."""
        return self.phrases(span) if self.has_phrases else []

    def has(self, token: Token) -> bool:
        return token.lower_ in self.single or token.lemma_.lower() in self.single


@dataclass
class Context:
    """What a document or passage is about: the ordinary-news context its words make (or
    None) and the context words counted per context."""

    name: str | None
    counts: dict[str, int] = field(default_factory=dict)


@dataclass
class Verdict:
    """The passage rule that decided, and why."""

    keep: bool
    rule: str
    says: str

    def provenance(self, context: Context) -> dict[str, Any]:
        return {"rule": self.rule, "says": self.says, "context": context.name or "news"}


class Relevance:
    """relevance.yaml compiled for one spaCy pipeline."""

    def __init__(self, nlp: Language, path=RELEVANCE_FILE):
        self.data = load(path)
        self.words = {name: WordSet(nlp, name, words)
                      for name, words in self.data["lexicon"].items()}
        self.kinds = {name: set(words) for name, words in self.data["lexicon"].items()
                      if name.endswith("_kinds")}
        self.contexts = contexts_of(self.data)
        self.checks = self.data["cue_checks"]
        self._plans: dict[str, list[tuple[int, str, tuple[str, ...], str]]] = {}  # _checks_of
        self._gates_of: dict[str, list[str]] = {}  # word -> the checks' gates holding it
        for name in dict.fromkeys(g for check in self.checks for g in check.get("gate", ())):
            for word in self.words[name].single:
                self._gates_of.setdefault(word, []).append(name)
        self._phrase_gates = [tuple(g for g in check.get("gate", ()) if self.words[g].has_phrases)
                              for check in self.checks]  # per check: its gates of phrases
        self._context_words: dict[str, list[str]] = {}  # word -> the contexts holding it
        self._context_phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
        for name in self.contexts:
            for word in self.words[f"{name}_context"].single:
                self._context_words.setdefault(word, []).append(name)
            phrases = [w.lower() for w in self.data["lexicon"][f"{name}_context"] if " " in w]
            self._context_phrases.add(name, [nlp.make_doc(w) for w in phrases])
        self._context_phrases_any = len(self._context_phrases) > 0
        self.rules = self.data["passage_rules"]
        self.figurative = GatedMatcher(nlp.vocab)
        for context, patterns in self.data.get("figurative_phrases", {}).items():
            _add(self.figurative, context, patterns, f"figurative_phrases.{context}", path)
        furniture = self.data["boilerplate"]
        self.furniture = WordSet(nlp, "boilerplate", furniture["phrases"])
        self.menu = furniture["menu_line"]
        strings = nlp.vocab.strings  # the ids a menu line's tags are counted by
        self._verbal = {strings[p] for p in syntax.VERBAL}
        self._participles = {strings[t] for t in ("VBN", "VBG")}
        self.byline = GatedMatcher(nlp.vocab)
        _add(self.byline, "byline", [furniture["byline"]], "boilerplate.byline", path)

    # -- page furniture -------------------------------------------------------------------
    def boilerplate(self, span: Span) -> str | None:
        """Why a line is page furniture ("boilerplate:phrase", ":menu", ":byline"), or None.
        Tokens are read from the document's arrays."""
        arrays = token_arrays(span.doc)
        words = [i for i in range(span.start, span.end)
                 if not arrays.punct[i] and not arrays.space[i]]
        if not words:
            return None
        if self.furniture.phrase_spans(span) or (len(words) <= 4 and any(
                self.furniture.has(span.doc[i]) for i in words)):
            return "boilerplate:phrase"
        verbs = sum(arrays.pos[i] in self._verbal and arrays.tag[i] not in self._participles
                    for i in words)
        titled = sum(bool(arrays.title[i] or arrays.upper[i] or arrays.like_num[i])
                     for i in words) / len(words)
        if len(words) >= self.menu["min_tokens"] and verbs <= self.menu["max_verbs"] and \
                titled >= self.menu["min_title_share"]:
            return "boilerplate:menu"
        if any(s == span.start and e == span.end - _trailing_punct(span)
               for _, s, e in matches(self.byline, span)):
            return "boilerplate:byline"
        return None

    # -- context --------------------------------------------------------------------------
    def context(self, spans: list[Span], mentions: list[Mention]) -> Context:
        """The ordinary-news context of some text: the context with most words, when they
        are at least ``min_words`` and outnumber the armed actors and crowds ``ratio`` times.
        An actor is counted once however often it is named ("Rangers" ten times in a match
        report is one name, maybe a team's, not ten armed men)."""
        named = {i for m in mentions for i in range(m.start, m.end)}
        counts = dict.fromkeys(self.contexts, 0)
        for s in spans:
            arrays = token_arrays(s.doc)
            for name, found in self._context_hits(s).items():
                counts[name] += len({i for i in found
                                     if i not in named and not arrays.is_propn(i)})
        doc = spans[0].doc if spans else None
        conflict = len({m.text.lower() for m in mentions
                        if self._class(m, doc) in ("armed_kinds", "crowd_kinds")})
        best, hits = max(counts.items(), key=lambda item: item[1])
        limits = self.data["context"]
        if hits >= limits["min_words"] and hits > limits["ratio"] * conflict:
            return Context(best, counts)
        return Context(None, counts)

    def _context_hits(self, span: Span) -> dict[str, set[int]]:
        """Per context, the tokens of its words and phrases in a span (what
        ``WordSet.hits`` finds for each ``<context>_context``), read in one pass over the
        word forms and one phrase matcher run."""
        found: dict[str, set[int]] = {name: set() for name in self.contexts}
        index = self._context_words
        for i, lower, lemma in word_forms(span):
            for name in index.get(lower, ()):
                found[name].add(i)
            for name in index.get(lemma, ()):
                found[name].add(i)
        if self._context_phrases_any:
            strings = span.doc.vocab.strings
            for key, start, end in self._context_phrases(span):
                found[strings[key]].update(range(start, end))
        return found

    def _class(self, mention: Mention, doc: Doc | None = None,
               context: Context | None = None) -> str | None:
        """The lexicon entry of kinds a mention belongs to. A group's alias read as a
        lower-case word that is no noun ("let's face it" for "LeT") names nobody; in ordinary
        news, neither does any lower-case group alias ("on her return" for "Return") nor a
        participant of that context ("strikers" in a football report), nor a work's title in
        quotation marks ("the thriller \"Gangs of Lagos\"")."""
        if doc is not None and _a_title(doc, mention.start):
            return None  # the thriller "Gangs of Lagos"
        lower_group = mention.kind == "group" and mention.text.islower()
        if doc is not None and lower_group and \
                doc[mention.start:mention.end].root.pos_ not in ("NOUN", "PROPN"):
            return None
        if doc is not None and context is not None and context.name and (
                lower_group or self.words[f"{context.name}_participants"].has(
                    doc[mention.start:mention.end].root)):
            return None
        kind = "party" if mention.party else mention.kind
        return next((name for name, kinds in self.kinds.items() if kind in kinds), None)

    # -- cues -----------------------------------------------------------------------------
    def check_cues(self, span: Span, cues: list[Cue], mentions: list[Mention],
                   context: Context, article_date: str | None = None
                   ) -> tuple[list[Cue], list[tuple[Cue, str]]]:
        """The cues that pass every cue check, and those dropped with the check's name.

        A check is asked of the sentence's cues only when its gate is open (a word of one
        of its word sets is there) and its test could drop a cue of this sentence at all
        (:meth:`realis.Facts.possible`; a test of the sentence alone drops all its cues or
        none); this is worked out once a sentence, when a cue first needs it, so the
        answers are those of asking every check of every cue."""
        if not cues:
            return [], []
        words = {form for _, lower, lemma in word_forms(span) for form in (lower, lemma)}
        gates = {g for w in words for g in self._gates_of.get(w, ())}  # by single words
        shut: set[str] = set()  # gates of phrases looked for and not found
        facts = realis.Facts(span, cues, mentions, self, context, article_date)
        asked: list[bool | None] = [None] * len(self.checks)  # per check: asked here?

        def by_phrase(names: tuple[str, ...]) -> bool:
            """A phrase of one of the gates (word sets that hold phrases) in the span."""
            for name in names:
                if name not in gates and name not in shut:  # looked for once a sentence
                    (gates if self.words[name].phrase_spans(span) else shut).add(name)
                if name in gates:
                    return True
            return False

        plans: dict[str, list[tuple[str, str]]] = {}  # cue name -> the checks asked
        kept, dropped = [], []
        for cue in cues:
            plan = plans.get(cue.name)
            if plan is None:
                plan = plans[cue.name] = []
                for index, name, needs, test in self._checks_of(cue.name):
                    if asked[index] is None:  # the same check serves several cue names
                        asked[index] = (
                            not needs or not gates.isdisjoint(needs)
                            or by_phrase(self._phrase_gates[index])
                        ) and facts.possible(test) and (
                            test not in realis.SENTENCE_PREDICATES or facts.test(test, cue))
                    if asked[index]:
                        plan.append((name, test))
            failed = next((name for name, test in plan if facts.test(test, cue)), None)
            if failed is None:
                kept.append(cue)
            else:
                dropped.append((cue, failed))
        return kept, dropped

    def _checks_of(self, cue: str) -> list[tuple[int, str, tuple[str, ...], str]]:
        """The checks that apply to a cue, in order, as (index, name, gate, predicate):
        worked out once per cue name rather than for every cue of every sentence."""
        found = self._plans.get(cue)
        if found is None:
            found = self._plans[cue] = [
                (index, check["name"], tuple(check.get("gate", ())), check["predicate"])
                for index, check in enumerate(self.checks) if cue in check.get("cues", (cue,))]
        return found

    # -- passages -------------------------------------------------------------------------
    def judge(self, cues: list[Cue], mentions: list[Mention], context: Context,
              doc: Doc | None = None) -> Verdict:
        """The first passage rule whose conditions hold decides."""
        present = {c.name for c in cues}
        classes = {self._class(m, doc, context) for m in mentions}
        for rule in self.rules:
            if self._holds(rule.get("if", {}), present, classes, context) and not any(
                    self._holds(alt, present, classes, context)
                    for alt in _alternatives(rule.get("unless"))):
                return Verdict(rule["verdict"] == "keep", rule["name"], rule["says"])
        return Verdict(True, "default", "no passage rule applied")

    @staticmethod
    def _holds(conditions: dict, present: set[str], classes: set, context: Context) -> bool:
        if "context" in conditions and context.name not in conditions["context"]:
            return False
        if "participants" in conditions and not classes & set(conditions["participants"]):
            return False
        return all(set(conditions[key]) & present for key in ("cues", "with_cues")
                   if key in conditions)


def _add(matcher: GatedMatcher, key: str, patterns: list, where: str, path) -> None:
    """Compile Matcher patterns, each error located by its place in the file."""
    for index, pattern in enumerate(patterns):
        try:
            matcher.add(key, [pattern])
        except ValueError as err:
            reason = " ".join(line.strip("- ") for line in framing.lines(str(err))
                              if "->" in line) or "not a valid spaCy Matcher pattern"
            raise CodebookError(Problem(reason, file=str(path),
                                        field=f"{where}[{index}]")) from None


def _a_title(doc: Doc, start: int) -> bool:
    """The token at ``start`` lies in a work's title opened by a quotation mark."""
    while start > 0 and doc[start].ent_type_ == "WORK_OF_ART":
        if doc[start - 1].is_quote:
            return True
        start -= 1
    return False


def _trailing_punct(span: Span) -> int:
    count = 0
    for token in reversed(list(span)):
        if not (token.is_punct or token.is_space):
            break
        count += 1
    return count
