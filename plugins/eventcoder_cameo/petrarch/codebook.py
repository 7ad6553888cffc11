"""PetrarchCodebook: CAMEO coding with a folder of PETRARCH-format dictionaries.

The engine's candidates (verb, subjects or passive agents, objects, prepositional objects)
are coded with the verb dictionary's patterns; participants come from the actor and agent
dictionaries, searched through whole noun phrases. A verb governed by another coded verb
is coded by the dictionary's transformations (``~`` lines) or, with an internal coding
ontology (PETRARCH 2 dictionaries), by combining the two codes ("wants to help" -> 033).
Dictionaries are compiled once (spaCy PhraseMatchers for actors, a lemma index for verbs);
per sentence the work is a few lookups.
"""
from __future__ import annotations

import json
from collections import Counter
from contextvars import ContextVar
from importlib.resources import files
from typing import Any

from spacy.tokens import Doc, Span, Token

from eventcoder import syntax
from eventcoder.actors import ActorDictionary
from eventcoder.actors import MATCHES_KEY
from eventcoder.codebook import Codebook
from eventcoder.errors import CodebookError, Problem
from eventcoder.model import Candidate, Event, Participant

from ..cameo import EMPTY, CodeTable, cameo_fields, default_table
from ..counterparts import counterpart_agents
from ..objects import earlier_names
from ..pronouns import antecedents
from ..families import Families, Frame, default_families
from .actors import Discards, new_actor
from .arguments import first_actor, governed, object_heads, subject_of, target_candidates
from .config import document_options
from .matching import Match, best_match, verb_fits
from .ontology import Ontology
from .phrases import is_common_word, merged, with_apposition, with_owner
from .transformations import Transformation
from .verbs import Code, Verb, VerbDictionary

SCHEMA = json.loads((files(__package__) / "event.schema.json").read_text(encoding="utf-8"))
# require_dyad (PETRARCH's default): source and target both coded; a codebook YAML's
# require_actor / require_recipient options override it one side at a time.
# passive_source: a passive verb without a "by" agent takes its source from its prepositional
# phrases, as PETRARCH does ("were killed in Israeli shelling" -> ISR). Off by default: it
# also makes places perpetrators ("shot dead in Osgiliath" -> OSG).
# paired_codes: how a paired code [042:043] is read. "voice" (PETRARCH 2, whose reader calls
# the two parts the verb's active and passive meanings): the first code for an active verb, the
# second, from the passive subject's side, for a passive one. "both" (TABARI, PETRARCH 1): two
# events, the second code for the reverse direction. Twice the same code ([046:046]) is a
# mutual act, both directions either way. Default: "voice" for dictionaries with a PETRARCH 2
# coding ontology, "both" otherwise.
# new_actor_length (PETRARCH's option): a participant phrase the dictionaries do not code, of
# at most this many words, is coded by its own text in quotes ('"GREY COUNCIL"'); 0 is off.
DEFAULT_OPTIONS = {"require_dyad": True, "negation": "drop", "max_events_per_sentence": 50,
                   "passive_source": False, "paired_codes": None, "new_actor_length": 0}
OWN_PATTERN = "own pattern"  # a frame verb whose own pattern codes the governed act
CAMEO_COLUMNS = ["source", "target", "code", "root_code", "quad_class", "goldstein"]
# (codebook, options) while one document that sets its own options (config.py) is coded
DOCUMENT_OPTIONS: ContextVar[tuple | None] = ContextVar("petrarch_document_options",
                                                        default=None)


def petrarch_fields(code: str, source: str | None, target: str | None,
                    table: CodeTable) -> dict[str, Any]:
    """CAMEO fields as the built-in codebook makes them; a code outside CAMEO (older
    WEIS-style dictionaries) keeps its number with no quad class or Goldstein value."""
    try:
        return cameo_fields(code, source, target, table)
    except CodebookError:
        return {"source": source or EMPTY, "target": target or EMPTY, "code": code,
                "root_code": code[:2], "quad_class": None, "goldstein": None}


def names_negation(verb: Token, match: Match) -> bool:
    """Whether the matched pattern names the negation itself ("- &NEGATVAUXVRB * OVER
    EFFORTS"), on the verb or on the verb it completes ("won't try to *clash*"): then the
    pattern's code is the negated act's, not a refusal or no event."""
    holders = [verb] + ([verb.head] if verb.dep_ in syntax.OPEN_COMPLEMENT else [])
    return any(c.i in match.used for holder in holders for c in holder.children
               if c.dep_ in syntax.NEGATION)


def spans_verb(match: Match, verb: Token) -> bool:
    """Whether the matched pattern names ``verb`` or its negation ("- &NEGAUX_WANT * ..."):
    the pattern codes the phrase with its frame verb, the frame does not."""
    return verb.i in match.used or any(c.i in match.used for c in verb.children
                                       if c.dep_ in syntax.NEGATION)


class PetrarchCodebook(Codebook):
    coder = "eventcoder-petrarch"
    schema = SCHEMA
    columns = CAMEO_COLUMNS

    def __init__(self, verbs: VerbDictionary, actors: ActorDictionary, discards: Discards, *,
                 id: str = "cameo", version: str = "petrarch", source: str = "",
                 options: dict[str, Any] | None = None, problems: list[Problem] | None = None,
                 table: CodeTable | None = None, ontology: Ontology | None = None):
        self.id, self.version, self.source = id, version, source
        self.label = f"CAMEO with PETRARCH dictionaries ({source})"
        self.verbs, self.actors, self.discards = verbs, actors, discards
        self.options = {**DEFAULT_OPTIONS, **(options or {})}
        if self.options["paired_codes"] is None:
            self._options["paired_codes"] = "voice" if ontology is not None else "both"
        self.problems = problems or []
        self.table = table or default_table()
        self.ontology = ontology
        self.families: Families = default_families()
        self.harvest: Counter | None = None  # set to a Counter to collect uncoded phrases
        self.harvest_examples: dict[tuple[str, str], str] = {}
        self._index = verbs.index()
        self._block_words = verbs.block_words()

    def prepare(self, nlp) -> None:
        self.actors.compile(nlp)

    @property
    def options(self) -> dict[str, Any]:
        """The codebook's options, or while a document that sets some of its own is coded
        (PETRARCH's per-record ``<Config>``), those with the document's."""
        current = DOCUMENT_OPTIONS.get()
        return current[1] if current is not None and current[0] is self else self._options

    @options.setter
    def options(self, value: dict[str, Any]) -> None:
        self._options = value

    # -- coding ------------------------------------------------------------------------------
    def code(self, doc: Doc, sentences: list[tuple[int, Span, list[Candidate]]], ctx
             ) -> list[Event]:
        own = document_options(ctx.document)
        if not own:
            return self._code_document(doc, sentences, ctx)
        token = DOCUMENT_OPTIONS.set((self, {**self._options, **own}))
        try:
            return self._code_document(doc, sentences, ctx)
        finally:
            DOCUMENT_OPTIONS.reset(token)

    def _code_document(self, doc: Doc, sentences, ctx) -> list[Event]:
        if self.discards.discards_story(doc.text):
            return []
        cache = doc.user_data.setdefault(MATCHES_KEY, {})
        if self.id not in cache:
            cache[self.id] = [m for m in self.actors.find(doc)
                              if self.actors.entry(m).kind != "actor" or not is_common_word(m)]
        matches = cache[self.id]
        date = ctx.document.date
        events: list[Event] = []
        for _, sent, candidates in sentences:
            if self.discards.discards_sentence(sent.text):
                continue
            found: list[Event] = []
            for candidate in candidates:
                found += self._code_candidate(candidate, sent, matches, date)
            found += self._nominal(sent, matches, date)
            events += found[:self.options["max_events_per_sentence"]]
        for event in events:
            counterpart_agents(event, doc, self.families.counterparts)
            event.fields.update(petrarch_fields(
                event.event_code, event.actor[0].code if event.actor else None,
                event.recipient[0].code if event.recipient else None, self.table))
        return events

    def _code_candidate(self, cand: Candidate, sent: Span, matches, date) -> list[Event]:
        verb = cand.action
        coded = None if self.families.denied(verb) else self._verb_code(verb, subject_of(cand))
        if coded is None:
            if self.harvest is not None:
                self._harvest_verb(cand, sent, matches, date)
            return []
        entry, match, code = coded
        if any(self._transformation(child, date) or self._frame(child) not in (None, OWN_PATTERN)
               or self._combined(child) for child in verb.children):
            return []  # "wants to help": the governed verb carries the combined event
        resolve = lambda token: self._resolve(token, matches, date)  # noqa: E731
        transformation = self._transformation(verb, date)
        if transformation is not None:
            return self._transformed(transformation, cand, match, code, sent, resolve, date)
        frame = self._frame(verb)
        if frame is OWN_PATTERN:
            return []  # "called on Y to withdraw": the frame verb's pattern codes the appeal
        if frame is not None and code.forward and not spans_verb(match, frame.verb):
            return self._framed(frame, cand, match, code, sent, resolve, date)
        combined = self._combined(verb)
        governor_object = None
        if combined is not None:
            code = combined
            governor_object = next((c for c in verb.head.children
                                    if c.dep_ in syntax.OBJECT), None)
        if code.null:
            return []
        negated = cand.negated and not names_negation(verb, match)
        if negated and self.options["negation"] == "drop":
            refused = self.families.negated(code.forward) if code.forward and \
                self.families.refuses(verb) else None
            if refused is None:
                return []  # "did not attack": no event
            code, negated = Code(refused), False  # "would not provide aid": 122
        sources, targets = self._participants(cand, match, resolve)
        if not sources and code.forward:  # "X said [the evidence points to Y]" -> X
            sources = [p for t in self.families.speaker_of(verb, code.forward)
                       for c in syntax.conjuncts(t) for p in resolve(c)]
        if governor_object is not None:  # "asked Obama to help Iran" -> Obama
            targets = resolve(governor_object) or targets
        mutual = self.families.pairs(code.forward or "", sources, targets)
        if "compound" in match.slots and len(sources) > 1:
            pairs = [(a, b) for a in sources for b in sources if a is not b]
        elif mutual is not None:  # "A, B and C met in Geneva": each with each
            pairs, code = mutual, Code(code.forward)
        else:
            pairs = [(a, b) for a in sources or [None] for b in targets or [None]]
        rule = match.pattern.rule if match.pattern else entry.rule
        events = []
        for source, target in pairs:
            for event_code, src, tgt in self._directions(code, cand.passive, source, target):
                if event_code and self._keeps(src, tgt):
                    events.append(self._event(event_code, src, tgt, sent, verb, rule, date,
                                              negated))
        if self.harvest is not None:
            self._harvest_actors(cand, sources, targets)
        return events

    def _directions(self, code: Code, passive: bool, source, target) -> list[tuple]:
        """(code, source, target) of each event a code gives: a paired code read by voice
        gives the first code for an active verb ("China received the US envoy": CHN -> USA
        043) and the second, subject first, for a passive one ("the US envoy was received by
        China": USA -> CHN 042); read as "both", the two directions. Twice the same code
        ([046:046], "held talks with") is a mutual act: both directions either way."""
        both = [(code.forward, source, target), (code.reverse, target, source)]
        if code.forward and code.reverse and code.forward != code.reverse \
                and self.options["paired_codes"] == "voice":
            return both[1:] if passive else both[:1]
        return both

    def _verb_code(self, verb: Token, subject: Token | None) -> tuple[Verb, Match, Code] | None:
        """The dictionary verb, the best pattern match and the resulting code of a token."""
        entry = self._verb_entry(verb)
        if entry is None:
            return None
        block = self.verbs.blocks[entry.block]
        match = best_match(block.patterns, verb, subject, nouns_only=self.ontology is not None)
        return entry, match, match.pattern.code if match.pattern else (entry.code or block.code)

    def _transformation(self, verb: Token, date) -> Transformation | None:
        """The dictionary's transformation for ``verb`` governed by its head, if any."""
        if not self.verbs.transformations or not governed(verb, any_subject=True):
            return None
        upper, lower = self._verb_entry(verb.head), self._verb_entry(verb)
        if upper is None or lower is None:
            return None
        lower_blocks = [self._block_words.get(e.block, frozenset()) for e in
                        [lower] + [self._verb_entry(c) for c in verb.children
                                   if c.dep_ in syntax.AUXILIARY] if e is not None]
        subjects = [c for c in verb.children if c.dep_ in syntax.SUBJECT]
        source = "_" if not subjects else "a" if all(
            s.lower_ in syntax.ACTOR_PRONOUNS | {"we"} for s in subjects) else "b"
        return next((t for t in self.verbs.transformations if t.applies(
            self._block_words.get(upper.block, frozenset()), lower_blocks, source,
            self._names_target(verb, date))), None)

    def _names_target(self, verb: Token, date) -> bool:
        """Whether a governed clause codes whom it is done to: "(b . ATTACK)" in a
        transformation is an act with no coded target, as PETRARCH matches coded events
        ("said India attacked its border posts" is India's attack on no one coded)."""
        matches = verb.doc.user_data[MATCHES_KEY][self.id]
        return any(self._resolve(o, matches, date) for o in object_heads(verb))

    def _transformed(self, transformation: Transformation, cand: Candidate, match: Match,
                     code: Code, sent: Span, resolve, date) -> list[Event]:
        """Events of a transformed clause: the governing verb's source -> actor ``b``."""
        sources, targets = self._participants(cand, match, resolve)
        upper_subjects = [c for c in cand.action.head.children if c.dep_ in syntax.SUBJECT]
        a_side = [p for s in upper_subjects for t in syntax.conjuncts(s) for p in resolve(t)]
        b_side = targets if transformation.target == "b" else sources
        new_code = code.forward if transformation.code == "Q" else transformation.code
        if new_code and cand.negated and not names_negation(cand.action, match):
            new_code = self.families.negated(new_code) if self.families.refuses(
                cand.action) else None  # "said it would not provide aid"
        if not new_code:
            return []
        return [self._event(new_code, a, b, sent, cand.action, transformation.rule, date, False)
                for a in a_side or [None] for b in b_side or [None] if self._keeps(a, b)]

    def _nominal(self, sent: Span, matches, date) -> list[Event]:
        """Acts named by a verb's own noun with doer and target ("the attack by X on Y",
        "X's visit to Y"), coded with the verb's code (its patterns need a verb's parse)."""
        events = []
        for noun in sent:
            entry = self._noun_entry(noun) if noun.pos_ == "NOUN" else None
            arguments = self.families.nominal_arguments(noun) if entry else None
            code = (entry.code or self.verbs.blocks[entry.block].code).forward if arguments \
                else None
            if not code:
                continue
            sources = merged([p for t in arguments[0] for p in self._resolve(t, matches, date)])
            if all(t.dep_ in syntax.COMPOUND for t in arguments[0]):  # modifiers: a doer
                sources = [p for p in sources if not p.code.startswith(EMPTY)]  # not a kind
                # ("*military* support to Lebanon")
            targets = [p for t in arguments[1] for p in self._resolve(t, matches, date)]
            events += [self._event(code, a, b, sent, noun, f"{entry.rule} (noun)", date, False)
                       for a in sources for b in targets if self._keeps(a, b)]
        return events

    def _noun_entry(self, noun: Token) -> Verb | None:
        """The dictionary verb a noun names: its own lemma ("attack", "visit"), or for an
        -ing noun the verb it is made from ("the killing of", "the shelling of", "the
        kidnapping of", "the seizing of"), whose lemma the tagger leaves as the noun."""
        if noun.lemma_.lower() in self._index:
            return self._verb_entry(noun)
        stem = noun.lower_[:-3] if noun.lower_.endswith("ing") else ""
        for form in (stem, stem + "e", stem[:-1] if stem[-2:-1] == stem[-1:] else ""):
            found = [v for v in self._index.get(form, ()) if not v.before and not v.after]
            if len(form) > 2 and found:
                return found[0]
        return None

    def _resolve(self, head: Token, matches, date) -> list[Participant]:
        """The participants a noun phrase names (a pronoun: its antecedent, see pronouns.py);
        a name the dictionaries lack is read as its
        earlier, fuller mention in the story ("President Emmanuel Macron ... Macron said"),
        else, with ``new_actor_length``, as a new actor coded by its own words."""
        if head.pos_ == "PRON":  # the nearest antecedent that agrees and names an actor
            for antecedent in antecedents(head):
                found = [p for t in syntax.conjuncts(antecedent)
                         for p in self.actors.resolve_phrase(t, matches, date)]
                if found:
                    return found
            return []
        found = self.actors.resolve_phrase(head, matches, date)
        if found:
            own = lambda token: self.actors.resolve_phrase(token, matches, date)  # noqa: E731
            return with_owner(head, with_apposition(head, found, own), own)
        if head.pos_ not in ("PROPN", "NOUN"):
            return found
        earlier = [t for t in earlier_names(head.doc).get(head.lower_, []) if t.i < head.i]
        if earlier and head.pos_ == "PROPN":
            found = self.actors.resolve_phrase(earlier[-1], matches, date)
        return found or new_actor(head, self.options["new_actor_length"])

    def _frame(self, verb: Token) -> Frame | str | None:
        """The frame verb governing a coded ``verb`` ("plans to *visit*", "urged Y to
        *send*"); OWN_PATTERN when a pattern of the frame verb codes the whole phrase, or,
        in dictionaries without a coding ontology, the frame verb has a code of its own."""
        if verb.pos_ not in syntax.VERBAL or self._verb_entry(verb) is None:
            return None
        frame = self.families.frame_of(verb)
        if frame is None:
            return None
        upper = self._verb_code(frame.verb, None)
        if upper is not None and upper[1].pattern is not None:
            return OWN_PATTERN
        coded = upper is not None and not upper[2].null \
            and frame.name not in self.families.inverting_frames
        if coded and self.ontology is None:
            return OWN_PATTERN  # TABARI-style dictionaries code the frame verb ("URGE [102]")
        if coded and not self._own_subject(verb, frame):
            return None  # a coding ontology combines the dictionary's own coded verbs
        return frame  # uncoded, null-coded ("refuse" [---]), inverting ("declined to meet")
        # or someone else's act ("wants Syria to attack", "demanded that Serbia arrest")

    @staticmethod
    def _own_subject(verb: Token, frame: Frame) -> bool:
        """Whether the framed act has a subject of its own, the one asked to act ("wants
        *Syria* to attack", "demanded that *Serbia* arrest"): the act is not the frame verb
        subject's, so the ontology's combined code (one actor's "wants to attack") does not
        apply."""
        return frame.controller is not None and frame.controller.head.i == verb.i \
            and frame.controller.dep_ in syntax.SUBJECT

    def _framed(self, frame: Frame, cand: Candidate, match: Match, code: Code, sent: Span,
                resolve, date) -> list[Event]:
        """The act in its frame: the frame verb's subject -> who is to act (or the act's
        target): "X wants Y to attack Z" -> X -> Y 020; "X plans to visit Y" -> X -> Y 036."""
        new_code = self.families.framed(code.forward, frame.name)
        if frame.negated:
            new_code = self.families.negated(new_code, frame.name)
            if new_code is None:
                return []
        subjects = [c for c in frame.verb.children if c.dep_ in syntax.SUBJECT]
        sources = [p for s in subjects for t in syntax.conjuncts(s) for p in resolve(t)]
        if frame.controller is not None:
            targets = [p for t in syntax.conjuncts(frame.controller) for p in resolve(t)]
        else:
            own_sources, targets = self._participants(cand, match, resolve)
            sources = sources or own_sources
        rule = f"{match.pattern.rule if match.pattern else ''} + {frame.name} frame".lstrip(" +")
        return [self._event(new_code, a, b, sent, cand.action, rule, date, False)
                for a in sources or [None] for b in targets or [None] if self._keeps(a, b)]

    def _combined(self, verb: Token) -> Code | None:
        """The combined code when ``verb`` is governed by a coded verb without a pattern of
        its own ("agreed to resume", "said they would attack"), per the ontology."""
        if self.ontology is None or verb.pos_ not in syntax.VERBAL or not governed(verb):
            return None
        upper = self._verb_code(verb.head, None)
        lower = self._verb_code(verb, None)
        if upper is None or lower is None or upper[1].pattern is not None:
            return None
        up, low = upper[2].forward, lower[2].forward
        code = self.ontology.combine(up, low) if up and low else None
        return Code(code) if code else None

    def _verb_entry(self, verb: Token) -> Verb | None:
        """The dictionary verb for a token: multi-word verbs first, then a block listing the
        surface form itself ("left" under LEFT, not LEAVE), then the lemma."""
        by_form = [v for v in self._index.get(verb.lower_, []) if verb_fits(v, verb)]
        by_lemma = [v for v in self._index.get(verb.lemma_.lower(), []) if verb_fits(v, verb)]
        entries = by_form + by_lemma
        if not entries:
            return None
        return max(entries, key=lambda v: (len(v.before) + len(v.after), v in by_form))

    def is_coded_clause(self, head: Token) -> bool:
        """Whether a clause (its verb and the verbs of its xcomp chain) has a coded verb."""
        return any(token.pos_ in syntax.VERBAL and self._verb_entry(token) is not None
                   for token in syntax.clause_verbs(head))

    def _participants(self, cand: Candidate, match: Match, resolve
                      ) -> tuple[list[Participant], list[Participant]]:
        slots = match.slots
        source_token = slots.get("source", slots.get("prep:source"))
        if source_token is not None:
            sources = resolve(source_token)
        else:
            sources = [p for span in cand.actors for p in resolve(span.root)]
        target_token = slots.get("target", slots.get("prep:target"))
        named = resolve(target_token) if target_token is not None else []
        if named:  # a slot naming no one ("the attack on the flotilla") leaves the search open
            return sources, named
        if source_token is not None and cand.actors and all(
                span.root.i != source_token.i for span in cand.actors):  # "+ * FROM $"
            return sources, [p for span in cand.actors for p in resolve(span.root)]
        groups = list(target_candidates(cand, self.is_coded_clause))
        if cand.passive and not sources and self.options["passive_source"]:
            sources, used = first_actor(groups[1:], resolve)  # "killed in Israeli shelling"
            groups = [g for g in groups if g is not used]
        if cand.passive and cand.targets:  # the passive subject is the target, even "---CVL"
            found = [p for token in groups[0] for p in resolve(token)]
            if found:
                return sources, found
        return sources, first_actor(groups, resolve, self._agent_head(cand.action.doc),
                                    self.families.places)[0]

    def _agent_head(self, doc: Doc):
        """Whether a token is itself an agent of the dictionaries ("militants", "hundreds of
        protesters"), not only modified by one ("military exercises")."""
        found = doc.user_data[MATCHES_KEY][self.id]
        agents = {i for m in found if self.actors.entry(m).kind == "agent"
                  for i in range(m.start, m.end)}
        named = {i for m in found for i in range(m.start, m.end)}
        return lambda token: token.i in agents or token.i not in named and any(
            g.i in agents for c in token.children if c.dep_ in syntax.PREPOSITION
            and c.lower_ == "of" for g in c.children if g.dep_ in syntax.PREP_OBJECT)

    def _keeps(self, source: Participant | None, target: Participant | None) -> bool:
        if source is not None and target is not None and source.code == target.code:
            return False
        need_source = self.options.get("require_actor", self.options["require_dyad"])
        need_target = self.options.get("require_recipient", self.options["require_dyad"])
        has_source, has_target = bool(source and source.code), bool(target and target.code)
        return (has_source or not need_source) and (has_target or not need_target) and (
            has_source or has_target)

    def _event(self, code: str, source, target, sent: Span, verb: Token, rule: str, date,
               negated: bool) -> Event:
        label = self.table.codes[code].name if code in self.table else None
        return Event(event_code=code, event_label=label,
                     actor=[source] if source else [], recipient=[target] if target else [],
                     sentence=sent, rule=rule, action=verb, date=date,
                     negated=negated and self.options["negation"] == "flag")

    # -- harvesting (PETRARCH's null verbs and null actors) -----------------------------------
    def _harvest_verb(self, cand: Candidate, sent: Span, matches, date) -> None:
        coded = [p for span in cand.actors + cand.targets
                 for p in self.actors.resolve_phrase(span.root, matches, date)]
        if coded and cand.action.pos_ == "VERB":
            self._count("verb", cand.action.lemma_.lower(), sent.text)

    def _harvest_actors(self, cand: Candidate, sources, targets) -> None:
        for spans, found in ((cand.actors, sources), (cand.targets, targets)):
            if not found:
                for span in spans:
                    if span.root.pos_ == "PROPN":
                        self._count("actor", span.text, span.sent.text)

    def _count(self, kind: str, text: str, example: str) -> None:
        self.harvest[(kind, text)] += 1
        self.harvest_examples.setdefault((kind, text), example)

    def start_harvest(self) -> None:
        """Collect the verbs and actor phrases found but not coded from now on."""
        self.harvest = Counter()

    def harvest_records(self) -> list[dict[str, Any]]:
        """Uncoded verbs and actor phrases, most frequent first, one example each."""
        return [{"kind": kind, "text": text, "count": count,
                 "example": self.harvest_examples[(kind, text)]}
                for (kind, text), count in (self.harvest or Counter()).most_common()]
