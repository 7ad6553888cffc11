"""Actor dictionaries: phrases to codes, with agents (sectors) that combine with actors.

"Pakistani troops" is an actor phrase ("Pakistani" -> PAK) plus an agent phrase ("troops" ->
MIL), resolved as PAKMIL. Phrases match case-insensitively on token text and on lemmas, so
"troops" also matches an entry written "troop".
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from . import syntax
from .model import Participant

MATCHES_KEY = "eventcoder.actor_matches"  # doc.user_data: actor matches per codebook
NULL_CODE = "---"  # a dictionary entry that names a phrase but codes nothing


def is_acronym(pattern: str) -> bool:
    """"US", "UN", "BLA": matched case-sensitively, so the pronoun "us" is not the USA."""
    letters = pattern.replace(".", "")
    return pattern.isupper() and letters.isalpha() and len(letters) <= 5


@dataclass(frozen=True)
class ActorEntry:
    code: str
    patterns: tuple[str, ...]
    kind: str = "actor"  # or "agent"
    sector: str | None = None
    name: str | None = None
    dates: tuple[tuple[str, str | None, str | None], ...] = ()  # (code, from, to)
    rule: str = ""
    prefix: bool = False  # an agent code written before the actor's ("NGO~")
    gapped: tuple[str, ...] = ()  # "ithilen television", "radagast the_brown": blank-separated
    # parts may have other words between them (PETRARCH's blanks), "_" joins words that may not

    def lapsed(self, date: str | None) -> bool:
        """Whether the entry codes no one on ``date``: a person whose dated roles all lie
        elsewhere ("FUMIO_KISHIDA_ [JPNGOV 070901-080831]" in 2015) and who has no undated
        code."""
        return bool(date and self.dates) and self.code == NULL_CODE and not any(
            (start is None or date >= start) and (end is None or date <= end)
            for _, start, end in self.dates)

    def code_on(self, date: str | None) -> str:
        """The code in force on ``date`` (YYYY-MM-DD), honouring date restrictions."""
        if date and self.dates:
            for code, start, end in self.dates:
                if (start is None or date >= start) and (end is None or date <= end):
                    return code
        return self.code

    @classmethod
    def from_dict(cls, data: dict[str, Any], kind: str, rule: str) -> "ActorEntry":
        dates = tuple((d["code"], d.get("from"), d.get("to")) for d in data.get("dates", []))
        return cls(data["code"], tuple(data["patterns"]), kind, data.get("sector"),
                   data.get("name"), dates, rule)


@dataclass
class ActorDictionary:
    """Entries plus their compiled matchers; ``find`` runs once per document."""

    entries: list[ActorEntry] = field(default_factory=list)
    agent_only_prefix: str = ""
    lemmatize_agents: bool = True  # False when entries list their plurals themselves
    _matchers: dict[str, PhraseMatcher | Matcher] = field(default_factory=dict, repr=False)

    def compile(self, nlp) -> None:
        """Build PhraseMatchers on the pipeline's vocabulary (load time, not per sentence)."""
        by_lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        by_text = PhraseMatcher(nlp.vocab, attr="ORTH")  # acronyms: "US" is not "us"
        by_lemma = PhraseMatcher(nlp.vocab, attr="LEMMA")
        lemmatize = "lemmatizer" in nlp.pipe_names and self.lemmatize_agents
        phrases = [p for entry in self.entries for p in entry.patterns]
        docs = iter(nlp.tokenizer.pipe(phrases, batch_size=2000))  # one pass: 100k phrases
        for index, entry in enumerate(self.entries):
            tokenized = [(p, d) for p in entry.patterns for d in _spellings(nlp, p, next(docs))]
            others = [d for p, d in tokenized if not is_acronym(p)]
            acronyms = [d for p, d in tokenized if is_acronym(p)]
            if others:
                by_lower.add(str(index), others)
            if acronyms:
                by_text.add(str(index), acronyms)
            if lemmatize and entry.kind == "agent":
                by_lemma.add(str(index), [nlp(p.lower()) for p in entry.patterns])
        self._matchers = {"lower": by_lower, "text": by_text}
        if lemmatize and len(by_lemma):
            self._matchers["lemma"] = by_lemma
        gapped = Matcher(nlp.vocab)
        for index, entry in enumerate(self.entries):
            patterns = [_gapped_pattern(nlp, phrase) for phrase in entry.gapped]
            if patterns := [p for p in patterns if p]:
                gapped.add(str(index), patterns)
        if len(gapped):
            self._matchers["gapped"] = gapped

    def find(self, doc: Doc) -> list[Span]:
        """Longest non-overlapping dictionary matches; span.label_ is the entry index."""
        spans = []
        for matcher in self._matchers.values():
            for match_id, start, end in matcher(doc):
                if any(t.pos_ not in ("PRON", "DET", "ADP", "AUX") for t in doc[start:end]) \
                        and not _hyphenated(doc, start, end):
                    spans.append(Span(doc, start, end, label=match_id))  # not "us", "it"
        return filter_spans(spans)

    def resolve(self, span: Span, matches: list[Span], date: str | None) -> Participant | None:
        """Code ``span`` from the dictionary matches inside it; None when nothing matches."""
        inside = [m for m in matches if m.start >= span.start and m.end <= span.end]
        if not inside:
            return None
        root = span.root.i

        def rank(match: Span) -> tuple:
            return (not (match.start <= root < match.end), -(match.end - match.start), match.start)

        actors = sorted((m for m in inside if self.entry(m).kind == "actor"), key=rank)
        agents = sorted((m for m in inside if self.entry(m).kind == "agent"), key=rank)
        actor = self.entry(actors[0]) if actors else None
        agent = self.entry(agents[0]) if agents else None
        if actor is None and agent is None:
            return None
        code = self.combine(actor.code_on(date) if actor else None, agent, date)
        rules = [e.rule for e in (actor, agent) if e is not None]
        sector = agent.code_on(date) if agent else (actor.sector if actor else None)
        return Participant(span.text, code, sector or None,
                           span.start_char, span.end_char, " + ".join(rules))

    def combine(self, actor_code: str | None, agent: ActorEntry | None, date: str | None
                ) -> str | None:
        """Actor code + agent code ("PAK" + "MIL"; "NGO~" goes first; "---MIL" alone)."""
        actor_code = None if actor_code == NULL_CODE else actor_code
        agent_code = agent.code_on(date) if agent else ""
        if actor_code is None:
            return (agent_code if agent.prefix else self.agent_only_prefix + agent_code
                    ) if agent else None
        if agent is None or actor_code.endswith(agent_code) or (
                agent.prefix and actor_code.startswith(agent_code)):
            return actor_code
        return agent_code + actor_code if agent.prefix else actor_code + agent_code

    def resolve_phrase(self, head: Token, matches: list[Span], date: str | None
                       ) -> list[Participant]:
        """Everyone the noun phrase headed by ``head`` names, with dictionary codes.

        Looks through the whole phrase, not its clauses: "the ambassadors of Arnor, Osgiliath
        and Gondor" -> ARNGOV, OSGGOV, GONGOV (coordinated actors share the agent);
        "Soldiers from Gondor" -> GONMIL. An appositive is read when the phrase itself names
        nobody; a pronoun ("it", "they") takes the nearest coded antecedent in its sentence.
        """
        if head.pos_ == "PRON":
            for antecedent in syntax.antecedents(head):
                found = [p for token in syntax.conjuncts(antecedent)
                         for p in self.resolve_phrase(token, matches, date)]
                if found:
                    return found
            return []
        tokens = syntax.phrase_tokens(head)
        inside = [m for m in matches if _within(m, tokens)]
        actors = [m for m in inside if self.entry(m).kind == "actor"]
        current = [m for m in actors if not self.entry(m).lapsed(date)]
        if current:  # "Japanese Prime Minister Fumio Kishida" in 2015: Japanese, not Kishida
            actors = current
        agents = [m for m in inside if self.entry(m).kind == "agent"]
        shared_agents = []
        if not actors and head.dep_ in syntax.CONJUNCT:  # "Danish media and government"
            first = syntax.first_conjunct(head)
            shared = [m for m in matches if _within(m, syntax.premodifier_tokens(first))]
            actors = [m for m in shared if self.entry(m).kind == "actor"]
            if not syntax.premodifier_tokens(head):  # "Danish Islamist media and government"
                shared_agents = [m for m in shared if self.entry(m).kind == "agent"]
        if not actors and not agents:
            for child in head.children:
                if child.dep_ in syntax.APPOSITION:
                    found = self.resolve_phrase(child, matches, date)
                    if found:
                        return found
            return []

        def rank(match: Span) -> tuple:
            return (not (match.start <= head.i < match.end), _behind_preposition(match, head),
                    -(match.end - match.start), abs(match.root.i - head.i))

        near = syntax.premodifier_tokens(head) | {head.i}  # "Danish Islamist media": MUS+MED
        stacked = [self.entry(m) for m in sorted(shared_agents + agents, key=lambda m: m.start)
                   if m in shared_agents or any(i in near for i in range(m.start, m.end))]
        agent_list = stacked or ([self.entry(min(agents, key=rank))] if agents else [])
        agent = agent_list[-1] if agent_list else None
        chosen = []
        if actors:
            best = min(actors, key=rank)
            partners = {c.i for t in best for c in t.conjuncts}
            chosen = [m for m in actors if m is best or m.root.i in partners]
        doc = head.doc
        start, end = min(tokens), max(tokens) + 1
        out = []
        for match in chosen or [None]:
            entry = self.entry(match) if match is not None else None
            codes = entry.code_on(date).split("/") if entry else [None]
            where = match if match is not None else doc[start:end]
            for actor_code in codes:
                code = None if actor_code == NULL_CODE else actor_code
                # a person with dated roles ("Laurent Fabius" -> FRAELI) has a role already
                has_role = entry is not None and entry.dates and len(code or "") > 3
                agents_here = [] if has_role else agent_list
                for each in agents_here:
                    code = self.combine(code, each, date)
                if code:
                    rules = " + ".join(e.rule for e in (entry, *agents_here) if e is not None)
                    out.append(Participant(where.text, code, agent.code_on(date) if agent
                                           else None, where.start_char, where.end_char, rules))
        return out

    def entry(self, match: Span) -> ActorEntry:
        return self.entries[int(match.label_)]


ABBREVIATED = re.compile(r"\w[.'-]")  # "u.s.", "st. petersburg", "ki-moon"


def _spellings(nlp, phrase: str, doc: Doc) -> list[Doc]:
    """A phrase tokenized as text writes it: the tokenizer's exceptions are cased ("U.S." is
    one token, "u.s." two), so a lower-case dictionary phrase with abbreviations is also
    tokenized in upper and title case."""
    if not ABBREVIATED.search(phrase):
        return [doc]
    found = {tuple(t.lower_ for t in doc): doc}
    for variant in (phrase.upper(), phrase.title()):
        other = nlp.tokenizer(variant)
        found.setdefault(tuple(t.lower_ for t in other), other)
    return list(found.values())


GAP = {"ORTH": {"NOT_IN": [",", ";", ":", ".", "(", ")", '"']}, "OP": "{,3}"}


def _gapped_pattern(nlp, phrase: str) -> list[dict] | None:
    """A Matcher pattern for a phrase whose blank-separated parts may have up to three words
    between them, not a comma or a stop (PETRARCH's blank: "ITHILEN TELEVISION" also names
    "Ithilen state-run television"); words joined by "_" follow one another. None when the
    phrase has one part."""
    parts = [part for part in phrase.split(" ") if part]
    if len(parts) < 2:
        return None
    pattern: list[dict] = []
    for part in parts:
        pattern += ([GAP] if pattern else []) + [
            {"LOWER": t.lower_} for t in nlp.tokenizer(part.replace("_", " "))]
    return pattern


def _within(match: Span, tokens: set[int]) -> bool:
    """Whether a match lies in a phrase; its punctuation need not ("Al-Shabaab": the parse
    may leave the hyphen outside the phrase of "Al-Shabaab fighters")."""
    return all(t.i in tokens for t in match if not t.is_punct) and any(
        t.i in tokens for t in match)


def _behind_preposition(match: Span, head: Token) -> bool:
    """Whether a match inside ``head``'s phrase hangs off it through a preposition: the
    phrase's own modifiers say whose it is before a place or partner named after it ("the
    Kenyan president in Addis Ababa" -> KEN; "the French ambassador to the United States")."""
    node = match.root
    while node.i != head.i and node.head.i != node.i:  # up to the head or the root
        if node.dep_ in syntax.PREPOSITION:
            return True
        node = node.head
    return False


def _hyphenated(doc: Doc, start: int, end: int) -> bool:
    """Whether a match is the first half of a hyphenated modifier ("government-held")."""
    return end < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_
