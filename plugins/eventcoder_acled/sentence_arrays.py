"""A document's token attributes as plain lists, read once per document with
``Doc.to_array`` and kept in ``doc.user_data`` (as the plugin's other per-document values).

The cue checks ask the same few questions of many tokens of every sentence (is it a year,
a date, a proper noun?); building a spaCy ``Token`` for each question costs more than the
answer, and a list read once per document answers them all.
"""
from __future__ import annotations

import re

import numpy
from spacy.attrs import (ENT_TYPE, HEAD, IS_PUNCT, IS_SPACE, IS_TITLE, IS_UPPER, LIKE_NUM, ORTH,
                         POS, SHAPE, TAG)
from spacy.symbols import PROPN
from spacy.tokens import Doc, Span

ARRAYS_KEY = "eventcoder_acled.sentence_arrays"  # per document: its TokenArrays
FORMS_KEY = "eventcoder_acled.word_forms"  # per document: see word_forms
TEXT_KEY = "eventcoder_acled.text"  # per document: its text, joined once
YEAR = re.compile(r"^(1[5-9]\d\d|20\d\d)s?$")  # "1971", "1990s"


class TokenArrays:
    """Per token of one document: its text hash, part of speech, tag, entity type, head
    (its index) and the flags page furniture is told by (punctuation, space, title case,
    upper case, like a number), and the years its tokens name."""

    def __init__(self, doc: Doc):
        columns = [ORTH, POS, TAG, ENT_TYPE, IS_PUNCT, IS_SPACE, IS_TITLE, IS_UPPER, LIKE_NUM,
                   SHAPE]
        if len(doc):
            rows = doc.to_array(columns).T.tolist()
            offsets = doc.to_array(HEAD).astype("int64")  # relative, may be below 0
            self.head = (offsets + numpy.arange(len(doc))).tolist()
        else:
            rows, self.head = [[] for _ in columns], []
        (self.orth, self.pos, self.tag, self.ent_type, self.punct, self.space, self.title,
         self.upper, self.like_num, shapes) = rows
        strings = doc.vocab.strings
        self.date = strings["DATE"]
        self.time = strings["TIME"]
        # a year is four digits, maybe a letter after them: its shape is "dddd" or "ddddx"
        four_digits = {shape for shape in set(shapes) if strings[shape] in ("dddd", "ddddx")}
        self.years = {}
        for i, shape in enumerate(shapes):
            found = YEAR.match(strings[self.orth[i]]) if shape in four_digits else None
            if found:
                self.years[i] = int(found.group(1))

    def all_dates(self, start: int, end: int) -> bool:
        """Every token of [start, end) is part of a DATE entity."""
        return all(self.ent_type[i] == self.date for i in range(start, end))

    def any_date(self, start: int, end: int) -> bool:
        """Some token of [start, end) is part of a DATE entity."""
        return self.date in self.ent_type[start:end]

    def any_time(self, start: int, end: int) -> bool:
        """Some token of [start, end) is part of a DATE or TIME entity."""
        found = self.ent_type[start:end]
        return self.date in found or self.time in found

    def is_propn(self, i: int) -> bool:
        return self.pos[i] == PROPN

    def root(self, i: int) -> int:
        """The root of the parse tree holding token ``i``."""
        head = self.head
        while head[i] != i:
            i = head[i]
        return i


def token_arrays(doc: Doc) -> TokenArrays:
    """The document's :class:`TokenArrays`, read once."""
    found = doc.user_data.get(ARRAYS_KEY)
    if found is None:
        found = doc.user_data[ARRAYS_KEY] = TokenArrays(doc)
    return found


def word_forms(span: Span) -> list[tuple[int, str, str]]:
    """Each token's index, lower case and lower-cased lemma (what the relevance word sets
    read), taken from the tokens once per document: the context reads every sentence and
    the cue checks read them again."""
    return document_forms(span.doc)[span.start:span.end]


def document_forms(doc: Doc) -> list[tuple[int, str, str]]:
    """:func:`word_forms` of every token of the document, read once."""
    forms = doc.user_data.get(FORMS_KEY)
    if forms is None:
        forms = doc.user_data[FORMS_KEY] = [(t.i, t.lower_, t.lemma_.lower()) for t in doc]
    return forms


def text_of(span: Span | Doc) -> str:
    """``span.text``, cut from the document's text joined once (``Span.text`` and ``Doc.text``
    join the tokens at each call; a sentence's text is read for its question mark, its date
    phrases and its years)."""
    doc = span if isinstance(span, Doc) else span.doc
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = doc.text
    return text if span is doc else text[span.start_char:span.end_char]
