"""Parse only what a codebook can code: a sentence gate checked before the full parse.

Most sentences of a real corpus hold nothing a given codebook codes. Each codebook may
declare, as data (a ``*.gate.yaml`` file, see ``schemas/gate.schema.json``), the words a
sentence must contain before it is worth tagging, parsing and NER ("require": every group
must find one of its words; "alternatives": other such sets, any of which also does), and
the context its coding reads besides ("context": sentences before and after a candidate,
the first sentences of the document: headline and dateline).

The check runs on the tokenizer's output, split into sentences by punctuation and blank
lines: a set look-up of lower-case forms. A phrase is looked for by its longest word, in
every form the pipeline's lemmatizer could read as that word's lemma (its rule and exception
tables inverted), so the gate lets through every sentence the codebook's own lower-case or
lemma matchers would match. The engine then parses only the needed runs of sentences and
joins them with the unparsed rest into one Doc over the original text (offsets unchanged);
unparsed sentences carry a flat placeholder tree and no tags, entities or candidates. A text
parsed whole is parsed from the gate's own tokens (its sentence starts unset again), not
tokenised a second time.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Sequence

import numpy
from jsonschema import Draft202012Validator
from spacy.attrs import LOWER, ORTH, SENT_START
from spacy.pipeline import Sentencizer
from spacy.strings import hash_string
from spacy.tokens import Doc

from . import entities, yamlio
from .errors import CodebookError, Problem
from .nlp import paragraph_boundaries, space_tokens
from .phrasedocs import lemmatised
from .validation import collect, load_schema

if TYPE_CHECKING:
    from spacy.language import Language

UNPARSED_KEY = "eventcoder.unparsed"  # doc.user_data: token starts of unparsed sentences
PARSE_MODES = ("candidates", "all")
WHOLE_SHARE = 0.9  # a text this much of which is needed is parsed whole: little to save
POS_TABLES = ("noun", "verb", "adj", "adv")


class AcronymsAsWritten(tuple):
    """A group of words whose acronyms (two to five capitals: "IS", "BLA") are looked for as
    written, as an actor lexicon matches them: "IS" is not "is" (nor, through its lemma,
    "was")."""


def is_acronym(word: str) -> bool:
    return 2 <= len(word) <= 5 and word.isalpha() and word.isupper()


@dataclass(frozen=True)
class GateSpec:
    """What a codebook needs: groups of words (all groups must match a sentence, or all
    groups of one of the alternatives) and the context read around a candidate sentence."""

    require: tuple[tuple[str, ...], ...]
    before: int = 0
    after: int = 0
    first: int = 0
    source: str = "<gate>"
    alternatives: tuple[tuple[tuple[str, ...], ...], ...] = ()

    @property
    def sets(self) -> tuple[tuple[tuple[str, ...], ...], ...]:
        """Every set of groups that makes a candidate: ``require`` and the alternatives."""
        return (self.require, *self.alternatives)


def load_gate(path: str | Path, phrases: Callable[[str], Sequence[str] | None]) -> GateSpec:
    """A gate file, its ``from`` lists filled by ``phrases(name)`` (the codebook's own
    phrase lists: cues, verbs, nouns, actors...). Errors name the file and field."""
    path = Path(path)
    data = yamlio.loads(path.read_text(encoding="utf-8"), str(path))
    problems = collect(Draft202012Validator(load_schema("gate.schema.json")), data,
                       file=str(path))
    if problems:
        raise CodebookError(problems)
    require = _groups(data["require"], phrases, path, "require")
    alternatives = tuple(_groups(alt["require"], phrases, path,
                                 f"alternatives[{n}].require")
                         for n, alt in enumerate(data.get("alternatives", [])))
    context = data.get("context", {})
    return GateSpec(require, context.get("before", 0), context.get("after", 0),
                    context.get("first", 0), str(path), alternatives)


def _groups(require: list[dict], phrases: Callable[[str], Sequence[str] | None], path: Path,
            field: str) -> tuple[tuple[str, ...], ...]:
    groups = []
    for n, group in enumerate(require):
        words = list(group.get("words", []))
        for name in group.get("from", []):
            found = phrases(name)
            if found is None:
                raise CodebookError(Problem(f"the codebook has no phrase list {name!r}",
                                            file=str(path), field=f"{field}[{n}].from"))
            words += found
        groups.append(AcronymsAsWritten(words) if group.get("acronyms_as_written")
                      else tuple(words))
    return tuple(groups)


class LemmaForms:
    """Every lower-case form the pipeline's lemmatizer may read as a given lemma: the lemma,
    its rule tables run backwards ("attack" -> "attacks", "attacked", "attacking") and its
    exception or lookup tables inverted ("fight" -> "fought"). A superset, so a gate built
    from it misses no lemma match."""

    def __init__(self, nlp: "Language"):
        tables: dict[str, Any] = {}
        if "lemmatizer" in nlp.pipe_names:
            lookups = nlp.get_pipe("lemmatizer").lookups
            tables = {name: lookups.get_table(name) for name in lookups.tables}
        rules = tables.get("lemma_rules")
        self.rules = [tuple(rule) for pos in POS_TABLES if rules is not None
                      for rule in rules.get(pos, [])]
        self.inverse: dict[str, set[str]] = {}
        exc = tables.get("lemma_exc")
        for pos in POS_TABLES if exc is not None else ():
            for form, lemmas in exc.get(pos, {}).items():
                for lemma in lemmas:
                    self.inverse.setdefault(lemma, set()).add(form)
        lookup = tables.get("lemma_lookup")
        for form, lemma in lookup.items() if lookup is not None else ():
            if isinstance(form, str) and isinstance(lemma, str):
                self.inverse.setdefault(lemma, set()).add(form.lower())

    def __call__(self, lemma: str) -> set[str]:
        lemma = lemma.lower()
        forms = {lemma} | self.inverse.get(lemma, set())
        forms |= {lemma[:len(lemma) - len(new)] + old for old, new in self.rules
                  if lemma.endswith(new)}
        return forms


@dataclass
class WordGroup:
    """One ``require`` group compiled: for every form of each phrase's anchor word (its
    longest), the form sets of that phrase's other words."""

    rests: dict[int, list[tuple[frozenset[int], ...]]]  # anchor form hash -> other words

    def found(self, lowers: list[int]) -> bool:
        """Does this sentence (its tokens' lower-case hashes) hold all words of a phrase?"""
        words: set[int] | None = None
        for word in lowers:
            for rest in self.rests.get(word, ()):
                if not rest:
                    return True
                words = set(lowers) if words is None else words
                if all(words & forms for forms in rest):
                    return True
        return False


class SentenceGate:
    """The codebooks' gates compiled against one pipeline; says which sentences to parse."""

    def __init__(self, nlp: "Language", specs: Iterable[GateSpec]):
        self.nlp = nlp
        self.specs = list(specs)
        self.sentencizer = Sentencizer()
        self.forms = LemmaForms(nlp)
        self.acronyms: dict[int, bool] = {}  # word hash -> is_acronym(word)
        self.sets = [[[self._compile(group) for group in groups] for groups in spec.sets]
                     for spec in self.specs]

    def _compile(self, phrases: Sequence[str]) -> WordGroup:
        rests: dict[int, set[tuple[frozenset[int], ...]]] = {}
        as_written = isinstance(phrases, AcronymsAsWritten)
        for phrase, doc in zip(phrases, lemmatised(self.nlp, [p.lower() for p in phrases])):
            words = [t for t in doc if not (t.is_punct or t.is_space)] or list(doc)
            if not words:
                continue
            if as_written and is_acronym(phrase):
                rests.setdefault(hash_string(phrase), set()).add(())
                continue
            anchor = max(words, key=lambda t: len(t.text))
            rest = tuple(self._hashes(t) for t in words if t.i != anchor.i)
            for key in self._hashes(anchor):
                rests.setdefault(key, set()).add(rest)
        return WordGroup({k: list(v) for k, v in rests.items()})

    def _hashes(self, token) -> frozenset[int]:
        """Every form of a phrase word: as written, and every form of its lemma."""
        forms = {token.lower_} | self.forms(token.lemma_ or token.lower_)
        return frozenset(hash_string(f) for f in forms)

    def split(self, text: str) -> Doc:
        """The tokenizer's output cut into sentences by punctuation and blank lines; spaces
        after a full stop stay with its sentence, as the parser leaves them."""
        doc = self.sentencizer(self.nlp.make_doc(text))
        for i in space_tokens(doc, 1, len(doc)):
            token = doc[i]
            if token.is_sent_start:
                token.is_sent_start = False
                if token.i + 1 < len(doc):
                    doc[token.i + 1].is_sent_start = True
        return paragraph_boundaries(doc)

    def _is_acronym(self, orth: int) -> bool:
        """``is_acronym`` of a word by its hash, worked out once per word."""
        found = self.acronyms.get(orth)
        if found is None:
            found = self.acronyms[orth] = is_acronym(self.nlp.vocab.strings[orth])
        return found

    def cue_sentences(self, doc: Doc) -> list[list[int]]:
        """Per codebook's gate: the sentences of a split doc holding one of its cues (by
        number), before any context is added."""
        lowers = doc.to_array(LOWER).tolist()
        orths = doc.to_array(ORTH).tolist()
        sentences = [lowers[sent.start:sent.end]  # and its acronyms as written
                     + [o for o in orths[sent.start:sent.end] if self._is_acronym(o)]
                     for sent in doc.sents]
        return [[n for n, words in enumerate(sentences)
                 if any(all(group.found(words) for group in groups) for groups in sets)]
                for sets in self.sets]

    def needed(self, doc: Doc) -> list[bool]:
        """For each sentence of a split doc: does some codebook need it parsed?"""
        need = [False] * len(list(doc.sents))
        for spec, hits in zip(self.specs, self.cue_sentences(doc)):
            wanted = {m for n in hits for m in range(n - spec.before, n + spec.after + 1)}
            wanted |= set(range(spec.first)) if hits else set()
            need = [old or n in wanted for n, old in enumerate(need)]
        return need


def parse_needed(nlp: "Language", gate: SentenceGate, texts: Sequence[str],
                 batch_size: int = 32, defer_ner: str | None = None) -> list[Doc | None]:
    """Docs over ``texts`` with only the needed sentences fully parsed (None: nothing
    needed). A text nearly all of which is needed (``WHOLE_SHARE`` of its characters) is
    parsed whole, as without the gate. ``defer_ner``: the NER component left to run on
    demand (entities.py)."""
    plans = []  # per text: list of (start_char, end_char, needed) runs
    blocks: list[str | Doc] = []  # what the pipeline parses: texts, or whole split docs
    for text in texts:
        doc = gate.split(text)
        sents = list(doc.sents)
        need = gate.needed(doc)
        if not any(need):
            plans.append(None)
            continue
        wanted = sum(len(s.text_with_ws) for s, n in zip(sents, need) if n)
        if wanted >= WHOLE_SHARE * len(text):
            plans.append([(0, len(text), True)])
            blocks.append(_unsplit(doc))
            continue
        runs: list[list] = []  # [start_char, end_char, needed], the text cut at sentences
        for sent, wanted in zip(sents, need):
            if not runs:
                runs.append([0, len(text), wanted])
            elif runs[-1][2] != wanted:
                runs[-1][1] = sent.start_char
                runs.append([sent.start_char, len(text), wanted])
        plans.append([tuple(r) for r in runs])
        blocks += [text[a:b] for a, b, wanted in runs if wanted]
    tail = document_pipes(nlp)
    with nlp.select_pipes(disable=[name for name, _ in tail] + ([defer_ner] if defer_ner
                                                                 else [])):
        parsed = iter(list(nlp.pipe(blocks, batch_size=batch_size)))
    docs: list[Doc | None] = []
    ner = nlp.get_pipe(defer_ner) if defer_ner else None
    margin = entities.receptive_field(nlp, defer_ner) if defer_ner else None
    for text, plan in zip(texts, plans):
        if plan is None:
            docs.append(None)
            continue
        stretches: list[tuple[int, Doc]] = []
        doc = next(parsed) if len(plan) == 1 else _join(gate, text, plan, parsed, stretches)
        if defer_ner:
            entities.defer(doc, ner, stretches, margin)
        for _, component in tail:
            doc = component(doc)
        docs.append(doc)
    return docs


def document_pipes(nlp: "Language") -> list[tuple[str, Any]]:
    """The rule components after the last trained one (e.g. the ACLED places pipe): they
    read the whole document (its country, places named elsewhere), so they run once on the
    joined Doc rather than on each parsed stretch."""
    names = nlp.pipe_names
    trained = [i for i, (_, pipe) in enumerate(nlp.pipeline)
               if getattr(pipe, "is_trainable", False)]
    last = trained[-1] if trained else -1
    return [(name, nlp.get_pipe(name)) for name in names[last + 1:]]


def _join(gate: SentenceGate, text: str, plan, parsed, stretches: list[tuple[int, Doc]]
          ) -> Doc:
    """One Doc of the parsed and placeholder pieces; the parsed ones are added to
    ``stretches`` with their token offsets."""
    pieces: list[Doc] = []
    unparsed: list[int] = []
    offset = 0
    for start, end, wanted in plan:
        piece = next(parsed) if wanted else _placeholder(gate.split(text[start:end]))
        if wanted:
            stretches.append((offset, piece))
        else:
            unparsed += [offset + s.start for s in piece.sents]
        offset += len(piece)
        pieces.append(piece)
    doc = Doc.from_docs(pieces, ensure_whitespace=False, exclude=["tensor", "user_data"])
    doc.user_data[UNPARSED_KEY] = frozenset(unparsed)
    return doc


def _unsplit(split: Doc) -> Doc:
    """A split doc as the tokenizer made it, its sentence starts unknown again: the parser
    sets them as on a fresh doc of the same text (the same parse), and the text is not
    tokenised twice."""
    split.from_array([SENT_START], numpy.zeros(len(split), dtype="uint64"))
    return split


def _placeholder(split: Doc) -> Doc:
    """An unparsed stretch with a flat tree per sentence (its first token the root), so the
    joined Doc keeps these sentence boundaries; no tags, lemmas or entities."""
    heads, deps = [], []
    for sent in split.sents:
        heads += [sent.start] * len(sent)
        deps += ["ROOT"] + ["dep"] * (len(sent) - 1)
    return Doc(split.vocab, words=[t.text for t in split], spaces=[bool(t.whitespace_)
                                                                    for t in split],
               heads=heads, deps=deps)


def is_parsed(doc: Doc, sentence_start: int) -> bool:
    """Was the sentence starting at this token fully parsed?"""
    return sentence_start not in doc.user_data.get(UNPARSED_KEY, ())


def parsed_token(doc: Doc) -> Callable[[int], bool]:
    """Is token i in a sentence the gate had parsed? For a rule component that reads the
    whole Doc (a places pipe) and need not read stretches no codebook codes."""
    unparsed = doc.user_data.get(UNPARSED_KEY)
    if not unparsed:
        return lambda i: True
    skipped = {i for sent in doc.sents if sent.start in unparsed
               for i in range(sent.start, sent.end)}
    return lambda i: i not in skipped
