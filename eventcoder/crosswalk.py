"""Crosswalks: code a document with another codebook and project its events into this one.

A codebook file with ``crosswalk: {from: cameo, map: {...}}`` codes each document with the
source codebook (found through the registry when the file is loaded), then keeps every event
whose code the map knows, renamed to the target code. Participants, spans, date, size and
location are kept; ``cite_info.rule`` says which map entry and which source rule made it,
e.g. ``crosswalk.map[19] <- cameo events[40].verbs[2]``.

Map keys are source codes. The exact code wins; otherwise the longest key that starts the
code ("19" covers "190" and "1951" unless "195" is given). A null target drops the code.
Further settings, all optional (``docs/codebook-reference.md``): ``options`` for coding with
the source, ``actor_codes`` (how participant codes are written), ``compound`` (actor lists
instead of one event per pair), ``modality`` (intended or demanded acts re-coded, e.g. PLOVER's
"will release" -> AGREE), ``precedence`` (own rules or projection first on one action word)
and ``prefer_actors``.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from . import syntax, yamlio
from .errors import CodebookError, Problem
from .model import Event, Participant

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

    from .codebook import Codebook
    from .engine import CodingContext
    from .model import Candidate

SPLIT_SECTOR = "split-sector"
SEGMENTS = "cameo-segments"  # USALEG -> USA + LEG, IGOUNO -> IGO + UNO, ---REB -> REB
ANY = "*"
# Fields of the core event a projected record keeps; the source codebook's own fields go.
CORE_KEYS = ("id", "date", "event_code", "event_label", "actor", "recipient", "mode", "context",
             "location", "size", "negated", "event_text", "text_info", "cite_info", "meta")
PARTICIPANT_KEYS = ("text", "code", "sector", "start", "end", "rule")


@dataclass(frozen=True)
class Target:
    """What one map entry turns a source event into."""

    code: str
    mode: str | None
    context: tuple[str, ...]
    fields: dict[str, Any] = field(default_factory=dict)
    rule: str = ""


class Crosswalk:
    """A source codebook and a code map; ``project`` turns source events into target events.

    ``rules`` are the target codebook's event entries (``EventRule``s, by code): every
    target must name one, and its label, mode, context and fields are the defaults.
    """

    def __init__(self, data: dict[str, Any], source: "Codebook", rules: dict[str, Any],
                 file: str, base_dir: Path | None = None):
        self.source = source
        self.file = file
        self.actor_codes = data.get("actor_codes", "keep")
        self.compound = bool(data.get("compound", False))
        self.prefer_actors = bool(data.get("prefer_actors", False))
        self.precedence = data.get("precedence", "own")
        self.rules = rules
        raw = data["map"]
        where = "crosswalk.map"
        if isinstance(raw, str):
            raw = read_map(raw, file, base_dir)
            where = f"crosswalk.map ({data['map']})"
        self.targets: dict[str, Target | None] = {
            str(key): self._target(str(key), value, where) for key, value in raw.items()}
        self.modality: dict[str, dict[str, str | None]] = data.get("modality", {})
        for kind, table in self.modality.items():
            for key, code in table.items():
                if (code is not None and code not in rules) or (key != ANY and key not in rules):
                    raise CodebookError(Problem(
                        f"{key!r} -> {code!r}: both must be event codes of this codebook "
                        f"(or {ANY!r} -> code, null drops)", file=file,
                        field=f"crosswalk.modality.{kind}[{key}]"))

    @classmethod
    def load(cls, data: dict[str, Any], lookup: Callable[[str], "Codebook"] | None,
             rules: dict[str, Any], file: str, base_dir: Path | None = None) -> "Crosswalk":
        """Find the source codebook (``lookup``, or the installed plugins) and read the map."""
        if lookup is None:
            from .plugins import make_plugin_manager
            from .registry import CodebookRegistry
            lookup = CodebookRegistry(make_plugin_manager()).get
        try:
            source = lookup(data["from"])
        except CodebookError as err:
            raise CodebookError([Problem(f"crosswalk from {data['from']!r}: {p.message}",
                                         file=file, field="crosswalk.from")
                                 for p in err.problems]) from None
        if data.get("options"):  # a copy: the registry's source codebook stays as it is
            if not isinstance(getattr(source, "options", None), dict):
                raise CodebookError(Problem(f"codebook {source.id!r} takes no options",
                                            file=file, field="crosswalk.options"))
            source = copy.copy(source)
            source.options = {**source.options, **data["options"]}
        return cls(data, source, rules, file, base_dir)

    def _target(self, key: str, value: Any, where: str) -> Target | None:
        if value is None:
            return None
        spec = {"code": value} if isinstance(value, str) else value
        rule = self.rules.get(spec["code"])
        if rule is None:
            known = ", ".join(self.rules) or "none"
            raise CodebookError(Problem(
                f"target {spec['code']!r} is not an event code of this codebook (known: "
                f"{known})", file=self.file, field=f"{where}[{key}]"))
        context = spec.get("context", rule.context)
        context = [context] if isinstance(context, str) else list(context)
        return Target(spec["code"], spec.get("mode", rule.mode),
                      tuple(c.strip() for c in context if c.strip()),
                      {**rule.fields, **spec.get("fields", {})}, f"crosswalk.map[{key}]")

    def target_for(self, code: str) -> Target | None:
        """The exact entry, else the longest key that is a prefix of ``code``."""
        if code in self.targets:
            return self.targets[code]
        for length in range(len(code) - 1, 0, -1):
            if code[:length] in self.targets:
                return self.targets[code[:length]]
        return None

    def prepare(self, nlp) -> None:
        self.source.prepare(nlp)

    def source_actors(self):
        """The source's actor dictionary: a target without one codes its own events'
        participants with it."""
        return getattr(self.source, "actors", None)

    def code(self, doc: "Doc", sentences: list[tuple[int, "Span", list["Candidate"]]],
             ctx: "CodingContext") -> list[Event]:
        """Code with the source codebook (and its ``modify_events`` plugins), then project."""
        source_ctx = replace(ctx, codebook=self.source, doc=doc)  # for_model too
        events = self.source.code(doc, sentences, source_ctx)
        ctx.pm.hook.modify_events(events=events, doc=doc, codebook=self.source)
        projected = [e for e in map(self.project, events) if e is not None]
        projected = [e for e in map(self.restate, projected) if e is not None]
        return merge_compound(projected) if self.compound else projected

    def add_projected(self, own: list[Event], doc: "Doc",
                      sentences: list[tuple[int, "Span", list["Candidate"]]],
                      ctx: "CodingContext") -> list[Event]:
        """The target codebook's own events and the projected ones, in text order. On an
        action word that both code, ``precedence`` says which wins: "own" (default) or
        "source" (own rules then only fill what the source leaves uncoded)."""
        for event in own:
            event.actor = [self._participant(p) for p in event.actor]
            event.recipient = [self._participant(p) for p in event.recipient]
        own = [e for e in map(self.restate, own) if e is not None]
        projected = self.code(doc, sentences, ctx)
        first, second = (projected, own) if self.precedence == "source" else (own, projected)
        taken = {(e.sentence.start, e.action.i) for e in first if e.action is not None}
        events = first + [e for e in second
                          if e.action is None or (e.sentence.start, e.action.i) not in taken]
        events.sort(key=lambda e: (e.sentence.start, e.action.i if e.action else -1))
        return with_actors_first(events) if self.prefer_actors else events

    def project(self, event: Event) -> Event | None:
        """The source event as an event of this codebook, or None if its code is not mapped."""
        target = self.target_for(event.event_code)
        if target is None:
            return None
        label = self.rules[target.code].label
        return Event(
            event_code=target.code, event_label=label,
            actor=[self._participant(p) for p in event.actor],
            recipient=[self._participant(p) for p in event.recipient],
            sentence=event.sentence, action=event.action, date=event.date,
            rule=f"{target.rule} <- {self.source.id} {event.rule}",
            mode=target.mode, context=list(target.context), location=event.location,
            size=dict(event.size), negated=event.negated, fields=copy.deepcopy(target.fields))

    def project_record(self, record: dict[str, Any], codebook: "Codebook"
                       ) -> dict[str, Any] | None:
        """An already coded event (an event dict of the source codebook, e.g. a line of
        ``eventcoder code`` output) as an event dict of ``codebook``; None if unmapped.

        Only the map and ``actor_codes`` apply here (``compound``: merge_compound_records);
        modality, own rules and ``prefer_actors`` need the parsed text."""
        target = self.target_for(str(record.get("event_code") or ""))
        if target is None:
            return None
        out = {key: copy.deepcopy(value) for key, value in record.items() if key in CORE_KEYS}
        cite = dict(record.get("cite_info") or {})
        out.update(
            id=f"{record.get('id')}:{codebook.id}", event_code=target.code,
            event_label=self.rules[target.code].label, mode=target.mode,
            context=list(target.context), **copy.deepcopy(target.fields),
            cite_info={**cite, "codebook": codebook.id, "version": codebook.version,
                       "rule": f"{target.rule} <- {cite.get('codebook')} {cite.get('rule')}"})
        for role in ("actor", "recipient"):
            people = [Participant(**{k: p.get(k) for k in PARTICIPANT_KEYS})
                      for p in record.get(role) or []]
            out[role] = [self._participant(person).to_dict() for person in people]
        return out

    def restate(self, event: Event) -> Event | None:
        """Apply ``modality``: "will release" is an intention (RETREAT -> AGREE), "Iraq must
        cooperate" a request to Iraq; None when the table drops the event."""
        kind = syntax.modality(event.action) if self.modality and event.action else None
        table = self.modality.get(kind) or {}
        key = event.event_code if event.event_code in table else ANY
        if key not in table:
            return event
        code = table[key]
        if code is None:
            return None
        rule = self.rules[code]
        event.rule = f"{event.rule} | modality.{kind}[{key}]"
        if code != event.event_code:
            event.event_code, event.event_label, event.mode = code, rule.label, rule.mode
            event.fields = copy.deepcopy(rule.fields)
        if kind == "obligation":  # the one who must act is the one asked
            event.actor, event.recipient = [], event.actor
        return event

    def _participant(self, person: Participant) -> Participant:
        person = copy.copy(person)
        code, sector = person.code, person.sector
        if (self.actor_codes == SPLIT_SECTOR and code and sector and code.endswith(sector)
                and len(code) > len(sector)):
            person.code = code[: -len(sector)].rstrip("-") or None
        elif self.actor_codes == SEGMENTS and code:
            person.code = code[:3].strip("-") or None
            person.sector = sector or code[3:] or None
        return person


def read_map(name: str, file: str, base_dir: Path | None) -> dict[str, Any]:
    """A crosswalk map kept in its own YAML file (a mapping, or ``{map: {...}}``)."""
    from .validation import validate_codebook_data
    path = (base_dir or Path(".")) / name
    loaded = yamlio.load(path)
    loaded = loaded.get("map", loaded) if isinstance(loaded, dict) else loaded
    problems = validate_codebook_data({"codebook": "x", "version": "x", "events": [],
                                       "crosswalk": {"from": "x", "map": loaded}}, str(path))
    if problems:
        raise CodebookError(problems)
    return loaded


def with_actors_first(events: list[Event]) -> list[Event]:
    """Drop events without an actor from sentences where some event has one: an act with no
    one doing it is weak evidence, kept only when the sentence offers nothing better."""
    acted = {e.sentence.start for e in events if e.actor}
    return [e for e in events if e.actor or e.sentence.start not in acted]


def merge_compound_records(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``merge_compound`` for event dicts (``eventcoder project``): one per action word."""
    merged: dict[tuple, dict[str, Any]] = {}
    for record in records:
        info = record.get("text_info") or {}
        key = (info.get("doc_id"), info.get("sentence"), info.get("action_start"),
               record.get("event_code"), record.get("mode"))
        kept = merged.setdefault(key, record)
        if kept is record:
            continue
        for role in ("actor", "recipient"):
            have = {(p.get("code"), p.get("text")) for p in kept[role]}
            kept[role] += [p for p in record[role] if (p.get("code"), p.get("text")) not in have]
    return list(merged.values())


def merge_compound(events: list[Event]) -> list[Event]:
    """One event per action word, code and mode, with every actor and recipient listed once."""
    merged: dict[tuple, Event] = {}
    for event in events:
        key = (event.sentence.start, event.action.i if event.action is not None else None,
               event.event_code, event.mode)
        if key not in merged:
            merged[key] = event
            continue
        kept = merged[key]
        for role in ("actor", "recipient"):
            have = {(p.code, p.text) for p in getattr(kept, role)}
            for person in getattr(event, role):
                if (person.code, person.text) not in have:
                    getattr(kept, role).append(person)
                    have.add((person.code, person.text))
    return list(merged.values())
