"""PETRARCH actor, agent and discard files -> eventcoder actor entries and discard phrases.

Actors: ``PHRASE [CODE]``, ``+SYNONYM`` lines, and tab-indented date restrictions
``[CODE <YYMMDD]``, ``[CODE >YYMMDD]``, ``[CODE YYMMDD-YYMMDD]``, ``[CODE]``. Several codes
for one phrase are written ``[ELR/GAL]``. Agents: ``PHRASE {PLURALS} [~CODE]`` (code after
the actor's) or ``[CODE~]`` (before it), with ``!MARKER! = A, B`` substitution sets.
Discards: one phrase a line; ``+`` discards the whole story; a trailing ``_`` needs a word end.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

from eventcoder import yamlio
from eventcoder.actors import ActorEntry
from eventcoder.errors import Problem
from eventcoder.model import Participant

from .reader import Line, dictionary_lines, phrase_words, plural

CODE = r"[A-Za-z0-9]+|---"
ACTOR_CODES = re.compile(rf"^(?:{CODE})(?:/(?:{CODE}))*$")
RESTRICTION = re.compile(r"^\[\s*(?P<code>[^\s\]<>]+)\s*(?P<when>[^\]]*)\]\s*(?P<rest>.*)$")
PRIMARY = re.compile(r"^(?P<phrase>[^\[]+)(?:\[(?P<code>[^\]]*)\])?\s*(?P<rest>.*)$")
AGENT = re.compile(r"^(?P<phrase>[^\[{]+?)\s*(?:\{(?P<plurals>[^}]*)\})?\s*"
                   r"\[\s*(?P<code>[^\]}]*?)\s*[\]}]\s*$")
SUBSTITUTION = re.compile(r"^(?P<marker>![A-Z]+!)\s*=\s*(?P<items>.+)$")


def _date(text: str) -> str | None:
    """YYMMDD or YYYYMMDD -> YYYY-MM-DD (two-digit years up to 30 are 20xx, as PETRARCH).
    A date with a stray digit or century (``201005011``, ``1920030320``) is read by its
    last eight digits when they are a date, else by its first eight."""
    text = text.strip()
    if re.fullmatch(r"\d{9,10}", text):
        text = text[-8:] if _valid(text[-8:]) else text[:8]
    if re.fullmatch(r"\d{6}", text):
        year = int(text[:2])
        text = f"{2000 + year if year <= 30 else 1900 + year}{text[2:]}"
    if not re.fullmatch(r"\d{8}", text) or not _valid(text):
        return None
    return f"{text[:4]}-{text[4:6]}-{text[6:]}"


def _valid(digits: str) -> bool:
    return len(digits) == 8 and 1 <= int(digits[4:6]) <= 12 and 1 <= int(digits[6:]) <= 31


def _restriction(code: str, when: str) -> tuple[str, str | None, str | None] | None:
    """The (code, from, to) of a date restriction; None when the dates are malformed."""
    when = when.replace(" ", "")
    if not when:
        return (code, None, None)
    if when[0] in "<>":
        day = _date(when[1:])
        if day is None:
            return None
        return (code, None, day) if when[0] == "<" else (code, day, None)
    parts = when.split("-")
    days = [_date(p) for p in parts]
    if len(parts) != 2 or None in days:
        return None
    return (code, days[0], days[1])


@dataclass
class _Record:
    line: Line
    phrases: list[str]
    code: str | None
    dates: list[tuple[str, str | None, str | None]]
    closed: bool = False  # a code line was seen, even one that could not be read
    gapped: list[str] = field(default_factory=list)


def read_actors(path: Path, problems: list[Problem]) -> list[ActorEntry]:
    """Actor entries of one file; bad lines are added to ``problems`` with file and line.

    A primary phrase may carry its codes on its own line, dated or not, several in a row
    (``SOLANA_ [IGOEUREEC 950701-951231][IGOWSTNAT 951205-991006]``); text after them is a
    remark. Consecutive primary phrases with no code of their own share the codes of the
    entry that follows (``LEONID_BREZHNEV_`` / ``SECRETARY_BREZHNEV`` / ``[RUSGOV ...]``)."""
    records: list[_Record] = []
    for line in dictionary_lines(path, semicolon_comments=True):
        text = line.text.strip()
        if text.startswith("["):
            found = RESTRICTION.match(text)
            restriction = _restriction(found["code"], found["when"]) if found else None
            if records:
                records[-1].closed = True
            if not records or restriction is None or not ACTOR_CODES.match(found["code"]):
                problems.append(line.problem(f"cannot read date restriction {text!r}"))
                continue
            _add_code(records[-1], restriction)
            continue
        phrase, _, coded = text.lstrip("+").partition("[")
        words = " ".join(phrase_words(phrase))
        codes = [_restriction(*_split_code(group)) if ACTOR_CODES.match(_split_code(group)[0])
                 else None for group in BRACKETS.findall("[" + coded)] if coded else []
        if not words or None in codes or (coded and not codes):
            problems.append(line.problem(f"cannot read actor line {text!r}"))
            continue
        if text.startswith("+") and records:
            records[-1].phrases.append(words)
        else:
            if records and not records[-1].closed and records[-1].code is None \
                    and not records[-1].dates:
                records[-1].phrases.append(words)  # a code-less name: the next one's codes
            else:
                records.append(_Record(line, [words], None, []))
        records[-1].gapped += [g for g in [gapped(phrase)] if g]
        for restriction in codes:
            records[-1].closed = True
            _add_code(records[-1], restriction, keep=text.startswith("+"))
    entries = []
    for record in records:
        if record.code is None and not record.dates:
            problems.append(record.line.problem(f"actor {record.phrases[0]!r} has no code"))
            continue
        entries.append(ActorEntry(
            record.code or "---", tuple(record.phrases), "actor",
            dates=tuple(record.dates), rule=f"{Path(record.line.file).name}:{record.line.number}",
            gapped=tuple(record.gapped)))
    return entries


def gapped(phrase: str) -> str | None:
    """A phrase written with blanks between its words, as the ActorEntry ``gapped`` form
    ("ITHILEN TELEVISION" -> "ithilen television", "RADAGAST THE_BROWN" -> "radagast
    the_brown"): other words may stand where a blank is; None without a blank."""
    parts = [p.strip("_") for p in phrase.strip().lower().split()]
    parts = [p for p in parts if p]
    return " ".join(parts) if len(parts) > 1 else None


BRACKETS = re.compile(r"\[([^\]]*)\]")
COUNTRIES = files("eventcoder_codebooks") / "cameo" / "actors" / "countries.yaml"


@lru_cache(maxsize=1)
def _country_words() -> frozenset[tuple[str, str]]:
    """(code, lower-case word) of the built-in codebook's country names and demonyms."""
    return frozenset((row["code"], pattern.lower()) for row in yamlio.load(COUNTRIES)["actors"]
                     for pattern in row["patterns"])


def with_demonym_plurals(entries: list[ActorEntry]) -> list[ActorEntry]:
    """A one-word country adjective a dictionary codes as its country (``UKRAINIAN_ [UKR]``)
    also names the country's people in the plural ("Ukrainians protested"), when the
    built-in country vocabulary lists that plural for the same country; PETRARCH's own
    files list some (``+ISRAELIS``) and miss most."""
    known = _country_words()
    taken = {p for e in entries for p in e.patterns}
    out = []
    for entry in entries:
        codes = {entry.code} | {code for code, _, _ in entry.dates}  # UKRAINE_ [UKR >911221]
        extra = tuple(dict.fromkeys(
            plural(p) for p in entry.patterns if entry.kind == "actor" and " " not in p
            and plural(p) not in taken and any((c, plural(p)) in known for c in codes)))
        out.append(replace(entry, patterns=entry.patterns + extra) if extra else entry)
    return out


def _split_code(group: str) -> tuple[str, str]:
    code, _, when = group.strip().partition(" ")
    return code, when


def _add_code(record: _Record, restriction, keep: bool = False) -> None:
    """An undated code is the entry's code (a synonym's own code does not replace it)."""
    if restriction[1] is None and restriction[2] is None:
        if not (keep and record.code):
            record.code = restriction[0]
    else:
        record.dates.append(restriction)


def read_agents(path: Path, problems: list[Problem]) -> list[ActorEntry]:
    """Agent entries (``~MIL`` suffix or ``NGO~`` prefix) with their plural forms."""
    substitutions: dict[str, list[str]] = {}
    entries = []
    for line in dictionary_lines(path):
        text = line.text.strip()
        found = SUBSTITUTION.match(text)
        if found:
            substitutions[found["marker"]] = [i.strip() for i in found["items"].split(",")]
            continue
        found = AGENT.match(text)
        code = found["code"].replace(" ", "") if found else ""
        if not found or not re.fullmatch(r"~[A-Z0-9]+|[A-Z0-9]+~", code):
            problems.append(line.problem(f"cannot read agent line {text!r}"))
            continue
        phrases = _expand(found["phrase"].strip(), substitutions)
        if phrases is None:
            problems.append(line.problem(f"unknown substitution marker in {text!r}"))
            continue
        forms, apart = [], []
        for phrase in phrases:
            words = phrase_words(phrase)
            forms.append(" ".join(words))
            apart += [g for g in [gapped(phrase)] if g]
            if found["plurals"] is None and "!" not in found["phrase"]:
                forms.append(" ".join(words[:-1] + (plural(words[-1]),)))
                apart += [g[:len(g) - len(words[-1])] + plural(words[-1])
                          for g in [gapped(phrase)] if g and g.endswith(words[-1])]
        for extra in (found["plurals"] or "").split():
            forms.append(" ".join(phrase_words(extra)))
        entries.append(ActorEntry(
            code.strip("~"), tuple(dict.fromkeys(forms)), "agent", prefix=code.endswith("~"),
            rule=f"{Path(line.file).name}:{line.number}", gapped=tuple(dict.fromkeys(apart))))
    return entries


def _expand(phrase: str, substitutions: dict[str, list[str]]) -> list[str] | None:
    marker = re.search(r"![A-Z]+!", phrase)
    if not marker:
        return [phrase]
    if marker.group() not in substitutions:
        return None
    out = []
    for item in substitutions[marker.group()]:
        expanded = _expand(phrase.replace(marker.group(), item, 1), substitutions)
        if expanded is None:
            return None
        out += expanded
    return out


WORD = re.compile(r"\w+")


@dataclass
class Discards:
    """Discard phrases: a sentence (or, for ``+`` entries, a whole story) that contains one is
    not coded. Phrases match whole words, except that the last word is a stem ("BASEBALL"
    also matches "baseballs") unless the entry ends with ``_``. Indexed by first word."""

    sentence: dict[str, list[tuple[tuple[str, ...], bool]]] = field(default_factory=dict)
    story: dict[str, list[tuple[tuple[str, ...], bool]]] = field(default_factory=dict)

    def add(self, words: tuple[str, ...], exact_end: bool, whole_story: bool) -> None:
        index = self.story if whole_story else self.sentence
        key = words[0] if len(words) > 1 or exact_end else "*" + words[0]
        index.setdefault(key, []).append((words, exact_end))

    def discards_sentence(self, text: str) -> bool:
        return _contains(self.sentence, text)

    def discards_story(self, text: str) -> bool:
        return _contains(self.story, text)


def _contains(index: dict[str, list[tuple[tuple[str, ...], bool]]], text: str) -> bool:
    if not index:
        return False
    words = WORD.findall(text.lower())
    for at, word in enumerate(words):
        entries = list(index.get(word, []))
        for end in range(1, len(word) + 1):  # one-word stems: "baseball" in "baseballs"
            entries += index.get("*" + word[:end], [])
        for phrase, exact_end in entries:
            found = words[at:at + len(phrase)]
            if len(found) == len(phrase) and found[:-1] == list(phrase[:-1]) and (
                    found[-1] == phrase[-1] or (not exact_end and found[-1].startswith(
                        phrase[-1]))):
                return True
    return False


def read_discards(paths: list[Path], problems: list[Problem]) -> Discards:
    discards = Discards()
    for path in paths:
        for line in dictionary_lines(path):
            text = line.text.strip()
            words = tuple(WORD.findall(text.lstrip("+").replace("_", " ").lower()))
            if not words:
                problems.append(line.problem(f"cannot read discard line {text!r}"))
                continue
            discards.add(words, text.endswith("_"), text.startswith("+"))
    return discards


NAME_PARTS = {"compound", "amod", "nn", "flat", "flat:name", "nmod"}
NAMED_PARTS = {"poss", "nmod:poss", "appos"}  # parts of the name when they are names
NOT_NAME = {"det", "punct", "case", "predet"}


def new_actor(head, length: int) -> list[Participant]:
    """PETRARCH's ``new_actor_length``: the noun phrase of ``head``, which no dictionary
    codes, as an actor coded by its own words in quotes ("the Grey Council" -> '"GREY
    COUNCIL"') when it has at most ``length`` words; nothing when ``length`` is 0 or the
    phrase is longer. Determiners, punctuation and a possessive's "'s" are not part of the
    name; a possessive or apposition that is a name is ("Gryffindor's head Minerva
    McGonagall" -> '"GRYFFINDOR HEAD MINERVA MCGONAGALL"')."""
    if length <= 0:
        return []
    parts = [head] + [t for child in head.children if child.dep_ in NAME_PARTS or (
        child.dep_ in NAMED_PARTS and child.pos_ == "PROPN") for t in child.subtree]
    span = head.doc[min(t.i for t in parts):max(t.i for t in parts) + 1]
    words = [t.text.upper() for t in span if t.dep_ not in NOT_NAME and not t.is_punct]
    if not words or len(words) > length:
        return []
    return [Participant.from_span(span, code=f'"{" ".join(words)}"', rule="new actor")]
