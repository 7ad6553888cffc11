"""RuleCodebook: a codebook written as data (YAML): verbs, nouns, dependency patterns, actors.

Each event entry gives a code and the ways text expresses it:
``verbs`` ("attack", "meet with", "accuse * of"), ``nouns`` ("talks", "attack") and full
spaCy DependencyMatcher ``patterns`` whose node ids ``action``, ``actor`` and ``target`` are
reserved. The rule that fired is recorded on every event (``cite_info.rule``).
"""
from __future__ import annotations

import copy
import json
import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable

from spacy.matcher import DependencyMatcher, PhraseMatcher
from spacy.tokens import Doc, Span, Token

from . import syntax, yamlio
from .actors import ActorDictionary, ActorEntry
from .codebook import Codebook
from .crosswalk import Crosswalk
from .entities import ON_DEMAND, entity_type
from .errors import CodebookError, Problem, UnknownCodebookError
from .gate import load_gate
from .model import Candidate, Event
from .token_regex import bounded
from .validation import extension_problems, substitute_verbs, validate_codebook_data

if TYPE_CHECKING:
    from .engine import CodingContext

log = logging.getLogger(__name__)

DEFAULT_OPTIONS = {"require_actor": False, "require_recipient": False, "negation": "drop",
                   "max_events_per_sentence": 50, "agent_only_prefix": ""}
RESERVED_FIELDS = ("id", "date", "event_code", "event_label", "actor", "recipient", "mode",
                   "context", "location", "size", "negated", "event_text", "text_info",
                   "cite_info", "meta")
NOUN_ACTOR_PREPS = ("by", "from")
NOUN_TARGET_PREPS = ("on", "against", "with", "to", "in", "of")


def nearby_words(verb: Token) -> set[str]:
    """Words a verb phrase may name around ``verb``: children (text and lemma), the children of
    its "to" clause, objects of its prepositions ("call for talks") and modifiers of its
    objects ("accuse of war crimes"). Computed once per verb, tested against every phrase."""
    nearby = {c.lower_ for c in verb.children}
    nearby |= {w for c in verb.children if c.dep_ in syntax.OPEN_COMPLEMENT
               for g in c.children if g.dep_ not in syntax.PREPOSITION
               for w in (g.lower_, g.lemma_.lower())}  # not "agree [to lift ... on]"
    nearby |= {c.lemma_.lower() for c in verb.children}
    objects = [g for c in verb.children if c.dep_ in syntax.PREPOSITION
               for g in c.children if g.dep_ in syntax.PREP_OBJECT]
    nearby |= {g.lemma_.lower() for g in objects}
    objects += [c for c in verb.children if c.dep_ in syntax.OBJECT | syntax.PASSIVE_SUBJECT]
    nearby |= {m.lemma_.lower() for g in objects for m in g.children if m.dep_ in syntax.COMPOUND}
    return nearby


@dataclass(frozen=True)
class VerbPhrase:
    lemma: str
    words: tuple[str, ...]  # further words that must hang off the verb (lower case)
    event: int
    rule: str

    @classmethod
    def parse(cls, text: str, event: int, rule: str) -> "VerbPhrase":
        lemma, *rest = text.lower().split()
        return cls(lemma, tuple(w for w in rest if w != "*"), event, rule)

    def matches(self, verb: Token, nearby: set[str] | None = None) -> bool:
        """Do this phrase's words hang off ``verb``? (``nearby``: its ``nearby_words``.)"""
        if not self.words:
            return True
        nearby = nearby_words(verb) if nearby is None else nearby
        return all(word in nearby for word in self.words)


@dataclass
class EventRule:
    code: str
    label: str | None
    mode: str | None
    context: list[str]
    fields: dict[str, Any]


class RuleCodebook(Codebook):
    """A codebook defined entirely by a validated YAML/dict description."""

    def __init__(self, data: dict[str, Any], source: str = "<dict>", base_dir: Path | None = None,
                 parent: "RuleCodebook | None" = None,
                 lookup: Callable[[str], Codebook] | None = None):
        problems = validate_codebook_data(data, source)
        if problems:
            raise CodebookError(problems)
        self.data = data
        self.source = source
        self.base_dir = base_dir
        self.id = data["codebook"]
        self.version = str(data["version"])
        self.label = data.get("label", "")
        self.description = data.get("description", "")
        self.options = {**DEFAULT_OPTIONS, **(parent.options if parent else {}),
                        **data.get("options", {})}
        if self.options.get("code_field") in RESERVED_FIELDS:
            raise CodebookError(Problem(
                f"{self.options['code_field']!r} is a core event field; choose another name",
                file=source, field="options.code_field"))
        self.rules: list[EventRule] = list(parent.rules) if parent else []
        self.verbs: list[VerbPhrase] = list(parent.verbs) if parent else []
        self.nouns: dict[str, list[tuple[int, str]]] = (
            copy.deepcopy(parent.nouns) if parent else {})
        self.patterns: dict[str, tuple[int, str, list]] = dict(parent.patterns) if parent else {}
        self.discards: list[str] = list(parent.discards) if parent else []
        entries = list(parent.actors.entries) if parent else []
        self.schema = parent.schema if parent else None
        if data.get("schema"):
            self.schema = self._read_json_or_yaml(data["schema"], "schema")
            if problems := extension_problems(self.schema, self.source, "schema"):
                raise CodebookError(problems)
        entries += self._actor_entries(data.get("actors", []), "actor", "actors")
        entries += self._actor_entries(data.get("agents", []), "agent", "agents")
        self.actors = ActorDictionary(entries, self.options["agent_only_prefix"])
        self.discards += [d.lower() for d in data.get("discards", [])]
        self._add_events(data["events"], data.get("templates", {}))
        self.crosswalk = parent.crosswalk if parent else None
        if data.get("crosswalk"):  # needs the event rules above: targets must name one
            self.crosswalk = Crosswalk.load(data["crosswalk"], lookup,
                                            {r.code: r for r in self.rules}, source, base_dir)
        if self.crosswalk and not self.actors.entries:  # own events: the source's actors
            self.actors = self.crosswalk.source_actors() or self.actors
        self.gate_file = (Path(base_dir or ".") / data["gate"] if data.get("gate")
                          else parent.gate_file if parent else None)
        source = self.crosswalk.source if self.crosswalk else None
        gated = self.gate_file and (source is None or source.gate is not None)
        self.gate = load_gate(self.gate_file, self.gate_phrases) if gated else None
        self._matcher: DependencyMatcher | None = None
        self._discard_matcher: PhraseMatcher | None = None

    @property
    def reads_entities(self) -> bool | str:
        """On demand (entities.py): the rules read an entity type only through
        ``entity_type``, unless a dependency pattern names an entity attribute; a crosswalk
        reads what its source reads."""
        if "ENT_" in json.dumps([pattern for _, _, pattern in self.patterns.values()]).upper():
            return True
        return self.crosswalk.source.reads_entities if self.crosswalk else ON_DEMAND

    def gate_phrases(self, name: str) -> list[str] | None:
        """``verbs`` (their lemmas) and ``nouns`` for the gate, with those of the codebook a
        crosswalk projects from (a source without a gate leaves this codebook without one)."""
        own = {"verbs": [v.lemma for v in self.verbs], "nouns": list(self.nouns)}.get(name)
        if own is None:
            return None
        projected = self.crosswalk.source.gate_phrases(name) if self.crosswalk else None
        return own + (projected or [])

    # -- loading -------------------------------------------------------------------------
    @classmethod
    def from_yaml(cls, path: str | Path, lookup: Callable[[str], Codebook] | None = None
                  ) -> "RuleCodebook":
        """Load a codebook file; ``lookup`` finds the codebook named by ``extends``."""
        path = Path(path)
        data = yamlio.load(path)
        parent = None
        if isinstance(data, dict) and isinstance(data.get("extends"), str):
            try:
                base = lookup(data["extends"]) if lookup else None
            except UnknownCodebookError:  # said below with the file that asked for it
                base = None
            if not isinstance(base, RuleCodebook):
                raise CodebookError(Problem(
                    f"extends {data['extends']!r}: no such data codebook is registered",
                    file=str(path), field="extends"))
            parent = base
        # an extension keeps the behaviour of its parent's class (e.g. CAMEO's target rules)
        klass = type(parent) if isinstance(parent, cls) else cls
        codebook = klass(data, str(path), path.parent, parent, lookup)
        if isinstance(data.get("dictionaries"), str) and parent is not None:
            return codebook.with_dictionaries(str(path.parent / data["dictionaries"]),
                                              parent)
        if isinstance(data.get("dictionaries"), str):
            raise CodebookError(Problem("'dictionaries' needs 'extends' naming a codebook that "
                                        "reads them (e.g. cameo)", file=str(path),
                                        field="dictionaries"))
        return codebook

    def with_dictionaries(self, path: str, parent: Codebook | None = None) -> Codebook:
        """PETRARCH-format dictionaries read by the codebook this one extends
        (``extends: cameo`` + ``dictionaries: DIR``), under this codebook's id and options."""
        if parent is None:
            return super().with_dictionaries(path)
        codebook = parent.with_dictionaries(path)
        codebook.id, codebook.version = self.id, self.version
        codebook.options = {**codebook.options, **self.data.get("options", {})}
        return codebook

    def _read_json_or_yaml(self, name: str, key: str) -> Any:
        path = (self.base_dir or Path(".")) / name
        if path.suffix == ".json":
            try:
                return json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError) as err:
                raise CodebookError(Problem(f"cannot read {path}: {err}", file=self.source,
                                            field=key)) from None
        return yamlio.load(path)

    def _actor_entries(self, items: Any, kind: str, key: str) -> list[ActorEntry]:
        items = [items] if isinstance(items, str) else items
        entries = []
        for index, item in enumerate(items):
            if isinstance(item, str):  # a file of entries
                loaded = self._read_json_or_yaml(item, f"{key}[{index}]")
                from_file = loaded.get(key, loaded) if isinstance(loaded, dict) else loaded
                problems = validate_codebook_data(
                    {"codebook": "x", "version": "x", "events": [], key: from_file}, item)
                if problems:
                    raise CodebookError(problems)
                entries += [ActorEntry.from_dict(e, kind, f"{item}[{i}]")
                            for i, e in enumerate(from_file)]
            else:
                entries.append(ActorEntry.from_dict(item, kind, f"{key}[{index}]"))
        return entries

    def _add_events(self, events: list[dict], templates: dict[str, list]) -> None:
        replaced = {e["code"] for e in events}
        keep = [i for i, r in enumerate(self.rules) if r.code not in replaced]
        if len(keep) != len(self.rules):  # an extending codebook redefines some codes
            old_to_new = {old: new for new, old in enumerate(keep)}
            self.rules = [self.rules[i] for i in keep]
            self.verbs = [VerbPhrase(v.lemma, v.words, old_to_new[v.event], v.rule)
                          for v in self.verbs if v.event in old_to_new]
            self.nouns = {k: [(old_to_new[e], r) for e, r in v if e in old_to_new]
                          for k, v in self.nouns.items()}
            self.patterns = {k: (old_to_new[e], r, p) for k, (e, r, p) in self.patterns.items()
                             if e in old_to_new}
        seen: dict[str, int] = {}
        for index, entry in enumerate(events):
            where = f"events[{index}]"
            if entry["code"] in seen:
                raise CodebookError(Problem(
                    f"duplicate code {entry['code']!r} (also events[{seen[entry['code']]}])",
                    file=self.source, field=f"{where}.code"))
            seen[entry["code"]] = index
            number = len(self.rules)
            fields = dict(entry.get("fields", {}))
            if self.options.get("code_field"):  # e.g. PLOVER's "event": "ASSAULT"
                fields.setdefault(self.options["code_field"], entry["code"])
            self.rules.append(EventRule(entry["code"], entry.get("label"), entry.get("mode"),
                                        entry.get("context", []), fields))
            for v, verb in enumerate(entry.get("verbs", [])):
                self.verbs.append(VerbPhrase.parse(verb, number, f"{where}.verbs[{v}]"))
            for n, noun in enumerate(entry.get("nouns", [])):
                self.nouns.setdefault(noun.lower(), []).append((number, f"{where}.nouns[{n}]"))
            names = entry.get("template", [])
            for t, name in enumerate([names] if isinstance(names, str) else names):
                if name not in templates:
                    raise CodebookError(Problem(f"unknown template {name!r}", file=self.source,
                                                field=f"{where}.template"))
                lemmas = [v.split()[0].lower() for v in entry.get("verbs", [])]
                pattern = substitute_verbs(templates[name], lemmas)
                self.patterns[f"{self.id}:{index}:t{t}"] = (number, f"{where}.template", pattern)
            for p, pattern in enumerate(entry.get("patterns", [])):
                self.patterns[f"{self.id}:{index}:{p}"] = (number, f"{where}.patterns[{p}]",
                                                           pattern)

    # -- compiling -----------------------------------------------------------------------
    def prepare(self, nlp) -> None:
        if self.crosswalk:
            self.crosswalk.prepare(nlp)
        if not (self.crosswalk and self.actors is self.crosswalk.source_actors()):
            self.actors.compile(nlp)  # (a shared dictionary was compiled with the source)
        self._verb_index: dict[str, list[VerbPhrase]] = {}
        for phrase in self.verbs:
            self._verb_index.setdefault(phrase.lemma, []).append(phrase)
        for phrases in self._verb_index.values():  # most specific phrase first
            phrases.sort(key=lambda p: -len(p.words))
        self._matcher = DependencyMatcher(nlp.vocab, validate=True)
        for key, (_, rule, pattern) in self.patterns.items():
            try:
                self._matcher.add(key, [bounded(pattern, f"{self.source}: {rule}")])
            except (ValueError, KeyError, TypeError, re.error) as err:
                reason = " ".join(str(err).split())  # spaCy's messages span several lines
                raise CodebookError(Problem(f"invalid dependency pattern: {reason}",
                                            file=self.source, field=rule)) from None
        self._discard_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        if self.discards:
            self._discard_matcher.add("discard", [nlp.make_doc(d) for d in self.discards])

    # -- coding --------------------------------------------------------------------------
    def code(self, doc: Doc, sentences: list[tuple[int, Span, list[Candidate]]],
             ctx: "CodingContext") -> list[Event]:
        discarded = {doc[s].sent.start for _, s, _ in self._discard_matcher(doc)}
        by_sentence: dict[int, list[tuple[str, list[int]]]] = {}
        for match_id, tokens in (self._matcher(doc) if len(self._matcher) else []):
            key = doc.vocab.strings[match_id]
            by_sentence.setdefault(doc[tokens[0]].sent.start, []).append((key, tokens))
        events: list[Event] = []
        for _, sent, candidates in sentences:
            if sent.start in discarded:
                continue
            found = self._from_candidates(sent, candidates, ctx)
            found += self._from_patterns(sent, by_sentence.get(sent.start, []), ctx)
            found += self._from_nouns(sent, ctx)
            limit = self.options["max_events_per_sentence"]
            if len(found) > limit:
                log.warning("%s: sentence %r gave %d events; keeping the first %d",
                            ctx.document.id, sent.text[:60], len(found), limit)
                found = found[:limit]
            events += found
        if self.crosswalk:
            events = self.crosswalk.add_projected(events, doc, sentences, ctx)
        return events

    def _from_candidates(self, sent: Span, candidates: list[Candidate], ctx) -> list[Event]:
        events = []
        for cand in candidates:
            phrase = self.phrase_for(cand.action)
            if phrase is None:
                continue
            targets = cand.targets
            for word in phrase.words:
                if not targets and cand.preps.get(word):
                    targets = cand.preps[word]
            events += self.make_events(phrase.event, phrase.rule, sent, cand.action,
                                       cand.actors, targets, ctx, negated=cand.negated)
        return events

    def phrase_for(self, verb: Token) -> VerbPhrase | None:
        """The most specific verb phrase that ``verb`` and the words around it express."""
        phrases = self._verb_index.get(verb.lemma_.lower())
        if not phrases:
            return None
        nearby = nearby_words(verb) if phrases[0].words else set()
        return next((p for p in phrases if p.matches(verb, nearby)), None)

    def _from_patterns(self, sent: Span, matches: list[tuple[str, list[int]]], ctx
                       ) -> list[Event]:
        events = []
        for key, tokens in matches:
            number, rule, pattern = self.patterns[key]
            nodes = {node["RIGHT_ID"]: sent.doc[i] for node, i in zip(pattern, tokens)}
            action = nodes["action"]
            actors = [syntax.argument_span(nodes["actor"])] if "actor" in nodes else []
            target_token = nodes.get("target", nodes.get("recipient"))
            targets = [syntax.argument_span(target_token)] if target_token is not None else []
            events += self.make_events(number, rule, sent, action, actors, targets, ctx,
                                       negated=syntax.is_negated(action))
        return events

    def _from_nouns(self, sent: Span, ctx) -> list[Event]:
        if not self.nouns:
            return []
        events = []
        for token in sent:
            hits = self.nouns.get(token.lemma_.lower()) if token.pos_ == "NOUN" else None
            if not hits:
                continue
            preps = syntax.prepositional_objects(token)
            actors = [c for c in token.children if c.dep_ in syntax.POSSESSIVE | syntax.COMPOUND
                      and c.pos_ in ("PROPN", "ADJ", "NOUN") and entity_type(c)]
            actors += [t for p in NOUN_ACTOR_PREPS for t in preps.get(p, [])]
            targets = [t for p in NOUN_TARGET_PREPS for t in preps.get(p, [])][:1]
            number, rule = hits[0]
            events += self.make_events(number, rule, sent, token,
                                       [syntax.argument_span(t) for t in actors],
                                       [syntax.argument_span(t) for t in targets], ctx,
                                       negated=False)
        return events

    def make_events(self, number: int, rule: str, sent: Span, action: Token,
                    actors: Iterable[Span], targets: Iterable[Span], ctx, *, negated: bool
                    ) -> list[Event]:
        """One event per (actor, target) pair, with resolved participants and options applied."""
        if negated and self.options["negation"] == "drop":
            return []
        entry = self.rules[number]
        actor_parts = [ctx.resolve(s, "actor") for s in actors] or [None]
        target_parts = [ctx.resolve(s, "recipient") for s in targets] or [None]
        events = []
        for actor in actor_parts:
            for target in target_parts:
                if self.options["require_actor"] and (actor is None or not actor.code):
                    continue
                if self.options["require_recipient"] and (target is None or not target.code):
                    continue
                events.append(Event(
                    event_code=entry.code, event_label=entry.label,
                    actor=[actor] if actor else [], recipient=[target] if target else [],
                    sentence=sent, rule=rule, action=action, date=ctx.document.date,
                    mode=entry.mode, context=list(entry.context),
                    negated=negated and self.options["negation"] == "flag",
                    fields=copy.deepcopy(entry.fields)))
        return events
