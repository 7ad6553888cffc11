"""spaCy's attribute ruler as column look-ups: the same annotations at a fraction of the cost.

The English pipelines map each fine-grained tag to its part of speech and morphology, and fix
a few words' lemmas, with an ``AttributeRuler``: 179 one- or two-token patterns run by a
``Matcher`` over every token, then set token by token in Python. On short news texts that is
about an eighth of the whole parse (more than the tagger and the lemmatizer together). Every
pattern of those pipelines tests only whether a token's tag, lower-case form or dependency
equals a string, is in a list, matches a regular expression, or whether it is a space; such
a test can be answered for a whole document at once from ``Doc.to_array`` columns.

:func:`tabulate` replaces an attribute ruler by an :class:`AttributeTable` that answers the
ruler's own patterns that way and writes the same attributes with one ``Doc.from_array``:
every match is found on the document as the ruler left it before any change (as the
``Matcher`` finds them all first), and later pattern groups win, as the ruler sorts its matches
by group. A ruler with any other kind of pattern (an operator, a flag other than ``IS_*``/
``LIKE_*``, a part-of-speech or morphology test, an attribute it sets other than tag, part of
speech, morphology, lemma or dependency) is left as it is.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import numpy as np
from spacy.attrs import DEP, IDS, LEMMA, MORPH, POS, TAG
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.strings import get_string_id
from spacy.tokens import Doc
from spacy.util import minibatch

TABLE = "eventcoder_attribute_table"
STRING_COLUMNS = ("ORTH", "LOWER", "NORM", "TAG", "DEP", "LEMMA")  # tested by string
WRITABLE = (TAG, POS, MORPH, LEMMA, DEP)  # token attributes, none stored on the lexeme


class Unsupported(ValueError):
    """A pattern or attribute the table cannot answer exactly as the Matcher would."""


@dataclass(frozen=True)
class Test:
    """One token test of a pattern: the column it reads and what it asks of each value."""

    column: str
    kind: str  # "eq", "in", "not_in", "regex"
    value: Any

    def mask(self, values: np.ndarray, strings) -> np.ndarray:
        if self.kind == "eq":
            return values == self.value
        if self.kind in ("in", "not_in"):
            found = np.isin(values, self.value)
            return found if self.kind == "in" else ~found
        distinct, inverse = np.unique(values, return_inverse=True)  # regex: once per string
        hits = np.array([bool(self.value.search(strings[int(v)])) for v in distinct], bool)
        return hits[inverse.reshape(values.shape)]


def _test(key: str, value: Any) -> Test:
    key = key.upper()
    if key.startswith(("IS_", "LIKE_")) and key in IDS and isinstance(value, bool):
        return Test(key, "eq", int(value))
    if key not in STRING_COLUMNS:
        raise Unsupported(f"a pattern tests {key}")
    if isinstance(value, str):
        return Test(key, "eq", get_string_id(value))
    if isinstance(value, dict) and len(value) == 1:
        op, arg = next(iter(value.items()))
        if op in ("IN", "NOT_IN") and all(isinstance(v, str) for v in arg):
            return Test(key, op.lower(), np.array([get_string_id(v) for v in arg],
                                                  dtype=np.uint64))
        if op == "REGEX" and isinstance(arg, str):
            return Test(key, "regex", re.compile(arg))
    raise Unsupported(f"a pattern asks {key}: {value!r}")


@dataclass(frozen=True)
class Group:
    """A ruler's pattern group: its patterns (a list of tests per token), the token of a
    match it sets and the attributes it sets (ids to values, as the ruler holds them)."""

    patterns: tuple[tuple[tuple[Test, ...], ...], ...]
    index: int
    attrs: dict[int, int]


class AttributeTable:
    """An attribute ruler's patterns answered on whole columns (see the module's doc)."""

    def __init__(self, ruler: AttributeRuler):
        self.vocab = ruler.vocab
        self.groups: list[Group] = []
        for number, group in enumerate(ruler.patterns):
            attrs = dict(ruler.attrs[number])
            if not set(attrs) <= set(WRITABLE):
                raise Unsupported(f"the ruler sets {sorted(attrs)}")
            patterns = tuple(tuple(tuple(_test(k, v) for k, v in token.items())
                                   for token in pattern) for pattern in group["patterns"])
            if any(not pattern or not all(pattern) for pattern in patterns):
                raise Unsupported("an empty pattern or token")
            self.groups.append(Group(patterns, ruler.indices[number], attrs))
        self.columns = sorted({t.column for g in self.groups for p in g.patterns
                               for token in p for t in token})
        self.written = [a for a in WRITABLE if any(a in g.attrs for g in self.groups)]

    def __call__(self, doc: Doc) -> Doc:
        self.annotate([doc])
        return doc

    def pipe(self, docs, batch_size: int = 128):
        """Docs annotated a batch at a time: each test is answered once per batch."""
        for batch in minibatch(docs, batch_size):
            self.annotate(batch)
            yield from batch

    def annotate(self, docs: list[Doc]) -> None:
        """Set the ruler's attributes on ``docs``, their columns read and written at once."""
        docs = [doc for doc in docs if len(doc)]
        if not docs or not self.groups:
            return
        lengths = [len(doc) for doc in docs]
        n = sum(lengths)
        read = np.concatenate([doc.to_array(self.columns).reshape(-1, len(self.columns))
                               for doc in docs])
        columns = {name: read[:, k] for k, name in enumerate(self.columns)}
        out = np.concatenate([doc.to_array(self.written).reshape(-1, len(self.written))
                              for doc in docs])
        owner = np.repeat(np.arange(len(docs)), lengths)  # which doc each token is of
        at = {attr: k for k, attr in enumerate(self.written)}
        strings = self.vocab.strings
        masks: dict[int, np.ndarray] = {}  # id(test) -> its answer per token
        for group in self.groups:
            for pattern in group.patterns:
                span = len(pattern)
                if span > n:
                    continue
                starts = owner[:n - span + 1] == owner[span - 1:]  # a match stays in its doc
                for offset, token in enumerate(pattern):
                    for test in token:
                        mask = masks.get(id(test))
                        if mask is None:
                            mask = masks[id(test)] = test.mask(columns[test.column], strings)
                        starts &= mask[offset:offset + n - span + 1]
                found = np.nonzero(starts)[0]
                if not len(found):
                    continue
                index = group.index if group.index >= 0 else span + group.index
                if not 0 <= index < span:
                    raise ValueError(f"pattern index {group.index} outside a {span}-token match")
                for attr, value in group.attrs.items():
                    out[found + index, at[attr]] = value
        start = 0
        for doc, length in zip(docs, lengths):
            doc.from_array(self.written, out[start:start + length])
            start += length


@Language.factory(TABLE, default_config={"patterns": []})
def make_attribute_table(nlp: Language, name: str, patterns: list) -> AttributeTable:
    """The table of an attribute ruler holding ``patterns`` (``AttributeRuler.patterns``)."""
    ruler = AttributeRuler(nlp.vocab, name)
    ruler.add_patterns(patterns)
    return AttributeTable(ruler)


def tabulate(nlp: Language, name: str = "attribute_ruler") -> bool:
    """Replace the attribute ruler ``name`` (same name, same place) by an
    :class:`AttributeTable` of its patterns; False, the ruler kept, when it is absent or has
    a pattern the table cannot answer exactly."""
    if name not in nlp.pipe_names:
        return False
    ruler = nlp.get_pipe(name)
    if isinstance(ruler, AttributeTable):
        return True
    try:
        AttributeTable(ruler)
    except Unsupported:
        return False
    nlp.replace_pipe(name, TABLE, config={"patterns": ruler.patterns})
    return True
