"""PETRARCH verb dictionaries (CAMEO.2.0.txt style) -> verb blocks with patterns.

``&NAME`` + ``+MEMBER`` lines define synsets; ``--- LABEL [CODE] ---`` opens a block of
synonymous verbs (``VERB {IRREGULAR FORMS} [OWN CODE]``, ``+CORDON_OFF`` marks the verb of a
multi-word verb) whose patterns (``- PRE * POST [CODE]``) apply to every verb of the block.
Pattern parts: bare nouns (the head), ``{MULTI WORD}`` noun phrases, ``(PREP NOUN)``,
``&SYNSET``, and slots ``$`` (source), ``+`` (target), ``%`` (compound actor), ``^`` (skip).
``[042:043]`` is a paired code (``forward``, ``reverse``): how its two parts become events is
the codebook's ``paired_codes`` option (active/passive voice, or both directions).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from eventcoder.errors import Problem

from .reader import Line, dictionary_lines, phrase_words, plural
from .transformations import Transformation, parse_transformation

ROLES = {"$": "source", "+": "target", "%": "compound", "^": "skip"}
BLOCK = re.compile(r"^---\s*(?P<label>.*?)\s*\[(?P<code>[^\]]*)\][\s-]*$")
VERB = re.compile(r"^(?P<phrase>[^{\[]+?)\s*(?:\{(?P<forms>[^}]*)\})?\s*"
                  r"(?:\[(?P<code>[^\]]*)\])?\s*$")
PATTERN = re.compile(r"^-\s*(?P<body>.*?)\s*\[(?P<code>[^\]]*)\]\s*$")
ONE_CODE = re.compile(r"^(?:\d{2,4}[A-Za-z]?|---)?$")
Term = frozenset  # alternatives for one word position: each a tuple of consecutive words


@dataclass(frozen=True)
class Code:
    """A pattern's codes: ``forward`` for source -> target, ``reverse`` (a paired code's
    second part) for target -> source."""

    forward: str | None
    reverse: str | None = None

    @property
    def null(self) -> bool:
        return self.forward is None and self.reverse is None


@dataclass(frozen=True)
class Element:
    """One pattern part: a noun phrase, a prepositional phrase or a bare slot."""

    kind: str  # "noun", "prep" or "slot"
    terms: tuple[Term, ...] = ()  # noun words in order; the last one is the head
    prep: Term | None = None
    role: str | None = None  # "source", "target", "compound", "skip"
    consecutive: bool = False  # words joined by "_" follow one another; "{A B}" allows gaps

    @property
    def weight(self) -> float:
        return len(self.terms) + (self.prep is not None) + (0.5 if self.role else 0)


@dataclass(frozen=True)
class Pattern:
    before: tuple[Element, ...]
    after: tuple[Element, ...]
    code: Code
    rule: str

    @cached_property
    def weight(self) -> float:
        return sum(e.weight for e in self.before + self.after)

    @cached_property
    def target_first(self) -> bool:
        """Whether the target stands before the verb (``+ * FROM $``): a pattern written in
        the words' own order of a passive clause ("Gondor was freed from Mordor")."""
        return any(e.kind == "slot" and e.role == "target" for e in self.before)

    @cached_property
    def needs(self) -> tuple[tuple[frozenset[str], ...], tuple[frozenset[str], ...]]:
        """For each side, the word sets of which the text must contain one word each: a
        cheap test that rules most patterns out before they are matched word by word."""
        def side(elements: tuple[Element, ...]) -> tuple[frozenset[str], ...]:
            terms = [t for e in elements for t in (e.prep, *e.terms) if t is not None]
            return tuple(frozenset(alt[0] for alt in term) for term in terms)
        return side(self.before), side(self.after)


@dataclass(frozen=True)
class Verb:
    word: str  # lower-case verb word (lemma)
    forms: tuple[str, ...]  # irregular inflections
    before: tuple[str, ...]  # words right before the verb in a multi-word verb
    after: tuple[str, ...]  # particles after it ("cordon off")
    code: Code | None  # own code; None -> the block's
    block: int
    rule: str


@dataclass
class Block:
    label: str
    code: Code
    rule: str
    patterns: list[Pattern] = field(default_factory=list)


@dataclass
class VerbDictionary:
    blocks: list[Block] = field(default_factory=list)
    verbs: list[Verb] = field(default_factory=list)
    synsets: dict[str, Term] = field(default_factory=dict)
    transformations: list[Transformation] = field(default_factory=list)

    def block_words(self) -> dict[int, frozenset[str]]:
        """The verb words of every block (transformations name a block by one of them)."""
        words: dict[int, set[str]] = {}
        for verb in self.verbs:
            words.setdefault(verb.block, set()).add(verb.word)
        return {block: frozenset(found) for block, found in words.items()}

    def index(self) -> dict[str, list[Verb]]:
        """Verbs by every form they may take in text (lemma and irregular forms)."""
        found: dict[str, list[Verb]] = {}
        for verb in self.verbs:
            for form in (verb.word, *verb.forms):
                found.setdefault(form, []).append(verb)
        return found


def parse_code(text: str) -> Code | None:
    """``042``, ``042:043``, ``:173``, ``---`` -> Code; None when it is not a code."""
    parts = text.strip().split(":")
    if len(parts) > 2 or not all(ONE_CODE.match(p) for p in parts) or not text.strip():
        return None
    codes = [None if p in ("", "---") else p for p in parts]
    return Code(codes[0], codes[1] if len(codes) == 2 else None)


def read_verbs(path: Path, problems: list[Problem]) -> VerbDictionary:
    verbs = VerbDictionary()
    synset: tuple[str, bool, list[tuple[str, ...]]] | None = None  # name, plurals, members
    for line in dictionary_lines(path, semicolon_comments=True):
        text = line.text.strip()
        if synset is not None and text.startswith("+"):
            _synset_member(verbs, synset, text[1:].strip(), line, problems)
            continue
        if synset is not None:
            verbs.synsets[synset[0]] = Term(synset[2])
            synset = None
        if text.startswith("&"):
            name = text.split()[0]
            synset = (name.rstrip("_").upper(), not name.endswith("_"), [])
        elif text.startswith("---"):
            found = BLOCK.match(text)
            code = parse_code(found["code"]) if found else None
            if code is None:
                problems.append(line.problem(f"cannot read verb block header {text!r}"))
                code = Code(None)
            label = found["label"] if found else text
            verbs.blocks.append(Block(label, code, _rule(line)))
        elif text.startswith("~"):
            transformation = parse_transformation(line, problems)
            if transformation is not None:
                verbs.transformations.append(transformation)
        elif not verbs.blocks:
            problems.append(line.problem(f"line outside any verb block: {text!r}"))
        elif text.startswith("-"):
            pattern = _pattern(verbs, text, line, problems)
            if pattern is not None:
                verbs.blocks[-1].patterns.append(pattern)
        else:
            verb = _verb(text, len(verbs.blocks) - 1, line, problems)
            if verb is not None:
                verbs.verbs.append(verb)
    if synset is not None:
        verbs.synsets[synset[0]] = Term(synset[2])
    return verbs


def _rule(line: Line) -> str:
    return f"{Path(line.file).name}:{line.number}"


def _synset_member(verbs: VerbDictionary, synset, text: str, line: Line, problems) -> None:
    name, plurals, members = synset
    if text.startswith("&"):
        nested = verbs.synsets.get(text.rstrip("_").upper())
        if nested is None:
            problems.append(line.problem(f"synset {text!r} is used before it is defined"))
        else:
            members.extend(nested)
        return
    words = phrase_words(text)
    if not words or any(c in text for c in "$%^*()[]{}"):
        problems.append(line.problem(f"cannot read synset member {text!r}"))
        return
    members.append(words)
    if plurals and not text.endswith("_"):
        members.append(words[:-1] + (plural(words[-1]),))


def _verb(text: str, block: int, line: Line, problems) -> Verb | None:
    found = VERB.match(text)
    code = parse_code(found["code"]) if found and found["code"] is not None else None
    if not found or (found["code"] is not None and code is None):
        problems.append(line.problem(f"cannot read verb line {text!r}"))
        return None
    before, word, after = _split_verb(found["phrase"])
    if not word:
        problems.append(line.problem(f"cannot find the verb in {text!r}"))
        return None
    forms = tuple(_split_verb(f)[1] for f in (found["forms"] or "").split())
    return Verb(word, tuple(f for f in forms if f), before, after, code, block, _rule(line))


def _split_verb(phrase: str) -> tuple[tuple[str, ...], str, tuple[str, ...]]:
    """``WIRE_+TAP`` -> (("wire",), "tap", ()); ``+CORDON_OFF`` -> ((), "cordon", ("off",))."""
    words = [w for w in re.split(r"[_\s]+", phrase.lower()) if w]
    marked = [i for i, w in enumerate(words) if w.startswith("+")]
    at = marked[0] if marked else 0
    if not words:
        return (), "", ()
    return tuple(words[:at]), words[at].lstrip("+"), tuple(words[at + 1:])


TOKEN = re.compile(r"\{[^}]*\}|\([^)]*\)|[^\s{}()]+")


def _pattern(verbs: VerbDictionary, text: str, line: Line, problems) -> Pattern | None:
    found = PATTERN.match(text)
    code = parse_code(found["code"]) if found else None
    if code is None:
        problems.append(line.problem(f"cannot read verb pattern {text!r}"))
        return None
    before: list[Element] = []
    after: list[Element] = []
    seen_verb = False
    try:
        for token in TOKEN.findall(found["body"]):
            if token.startswith("("):
                (after if seen_verb else before).append(_prep(verbs, token[1:-1]))
            elif token.startswith("{"):
                (after if seen_verb else before).append(
                    Element("noun", _terms(verbs, token[1:-1].split())))
            elif "*" in token:
                if seen_verb or token.count("*") != 1:
                    raise ValueError("more than one '*'")
                left, right = token.split("*")
                before += _plain(verbs, left)
                after += _plain(verbs, right)
                seen_verb = True
            else:
                (after if seen_verb else before).extend(_plain(verbs, token))
        if not seen_verb:
            raise ValueError("no '*' for the verb")
    except ValueError as err:
        problems.append(line.problem(f"cannot read verb pattern {text!r}: {err}"))
        return None
    return Pattern(tuple(before), tuple(after), code, _rule(line))


def _plain(verbs: VerbDictionary, token: str) -> list[Element]:
    """``NEW_&TIETYPES_RELATIONS`` -> one noun element; ``SUGGESTED_+`` -> noun + slot."""
    elements: list[Element] = []
    words: list[str] = []
    for part in re.split(r"_+", token.strip("_")):
        if part in ROLES:
            if words:
                elements.append(Element("noun", _terms(verbs, words), consecutive=True))
                words = []
            elements.append(Element("slot", role=ROLES[part]))
        elif part:
            words.append(part)
    if words:
        elements.append(Element("noun", _terms(verbs, words), consecutive=True))
    return elements


def _prep(verbs: VerbDictionary, inside: str) -> Element:
    parts = inside.replace("{", " ").replace("}", " ").split()
    if not parts:
        raise ValueError("empty '( )'")
    prep = _terms(verbs, parts[:1])[0]
    roles = [ROLES[p] for p in parts[1:] if p in ROLES]
    rest = [p for p in parts[1:] if p not in ROLES]
    role = roles[-1] if roles else None
    return Element("prep", _terms(verbs, rest), prep, role)


def _terms(verbs: VerbDictionary, words: list[str]) -> tuple[Term, ...]:
    terms = []
    for word in words:
        for part in re.split(r"_+", word.strip("_")):
            if not part:
                continue
            if part.startswith("&"):
                members = verbs.synsets.get(part.rstrip("_").upper())
                if members is None:
                    raise ValueError(f"undefined synset {part}")
                terms.append(members)
            elif part in ROLES or not re.fullmatch(r"[\w'./-]+", part):
                raise ValueError(f"unexpected {part!r}")
            else:
                terms.append(Term((w.lower(),) for w in part.split("/") if w))
    return tuple(terms)
