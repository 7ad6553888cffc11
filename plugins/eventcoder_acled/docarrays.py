"""Token attributes of a document as plain Python lists, read once per Doc.

``doc[i]`` makes a new spaCy ``Token`` object on every call, and the place, actor and
fatality steps look at the same few words around every name many times over (is the word
before it "in"? is the one after it "district"?). The attributes read across whole
documents (text, lower case, character offset, alphabetic, stop word) are read here in one
``Doc.to_array`` the first time one is asked for and kept in ``doc.user_data``, as the
plugin's other per-document values are; later looks are list indexing. None of them changes
after the parse (entity labels would: the places pipe relabels entities).

The cue checks ask the same few questions of many tokens of every sentence (is it a year, a
date, a proper noun?): :class:`TokenArrays` answers them from the parse's columns, read once.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

import numpy
from spacy.attrs import (ENT_TYPE, HEAD, IDX, IS_ALPHA, IS_PUNCT, IS_SPACE, IS_STOP, IS_TITLE,
                         IS_UPPER, LEMMA, LIKE_NUM, LOWER, ORTH, POS, SHAPE, SPACY, TAG)
from spacy.symbols import PROPN
from spacy.tokens import Doc, Span

COLUMNS_KEY = "eventcoder_acled.columns"  # per document: texts, lowers, idx, alpha, stop, space
SENTENCES_KEY = "eventcoder_acled.sentences"  # per document: sentence starts and ends
ARRAYS_KEY = "eventcoder_acled.token_arrays"  # per document: its TokenArrays
FORMS_KEY = "eventcoder_acled.word_forms"  # per document: see word_forms
TEXT_KEY = "eventcoder_acled.text"  # per document: its text, joined once


def _columns(doc: Doc) -> tuple[list, ...]:
    found = doc.user_data.get(COLUMNS_KEY)
    if found is None:
        rows = doc.to_array([ORTH, LOWER, IDX, IS_ALPHA, IS_STOP, SPACY]).T.tolist()
        strings = doc.vocab.strings
        found = doc.user_data[COLUMNS_KEY] = (
            [strings[h] for h in rows[0]], [strings[h] for h in rows[1]], *rows[2:])
    return found


def texts(doc: Doc) -> list[str]:
    """``token.text`` of every token."""
    return _columns(doc)[0]


def lowers(doc: Doc) -> list[str]:
    """``token.lower_`` of every token."""
    return _columns(doc)[1]


def offsets(doc: Doc) -> list[int]:
    """``token.idx`` (the character offset) of every token."""
    return _columns(doc)[2]


def alphas(doc: Doc) -> list[int]:
    """``token.is_alpha`` of every token, as 1 or 0."""
    return _columns(doc)[3]


def stops(doc: Doc) -> list[int]:
    """``token.is_stop`` of every token, as 1 or 0."""
    return _columns(doc)[4]


def joined_text(doc: Doc) -> str:
    """``doc.text`` (each token's text and its trailing space), joined from the columns."""
    return "".join([word + " " if space else word
                    for word, space in zip(texts(doc), _columns(doc)[5])])


def doc_text(doc: Doc) -> str:
    """The document's text, joined once (``Doc.text`` rebuilds it from the tokens each call)."""
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = joined_text(doc)
    return text


def text_of(span: Span | Doc) -> str:
    """``span.text``, cut from the document's text joined once (a sentence's text is read for
    its question mark, its date phrases and its years)."""
    if isinstance(span, Doc):
        return doc_text(span)
    return doc_text(span.doc)[span.start_char:span.end_char]


def span_text(doc: Doc, start: int, end: int, text: str) -> str:
    """``doc[start:end].text``, cut from ``text`` (the document's ``Doc.text``) by offsets."""
    if end <= start:
        return ""
    idx = offsets(doc)
    return text[idx[start]:idx[end - 1] + len(texts(doc)[end - 1])]


def token_starting_at(doc: Doc, char: int) -> int | None:
    """The index of the token that begins at character ``char``, else None."""
    idx = offsets(doc)
    at = bisect_left(idx, char)
    return at if at < len(idx) and idx[at] == char else None


def tokens_before(doc: Doc, char: int) -> int | None:
    """``doc.char_span(..., char, alignment_mode="expand").end`` when character ``char - 1``
    lies inside a token's text (the common case, not whitespace), else None."""
    idx = offsets(doc)
    end = bisect_left(idx, char)
    return end if end > 0 and char - 1 < idx[end - 1] + len(texts(doc)[end - 1]) else None


def sentence_of(doc: Doc, i: int) -> Span:
    """``doc[i].sent`` (the whole document when it has no sentence boundaries), found among
    the document's sentences, listed once per document."""
    found = doc.user_data.get(SENTENCES_KEY)
    if found is None:  # starts and ends, no Span kept: it would hold the Doc
        bounds = ([(s.start, s.end) for s in doc.sents] if doc.has_annotation("SENT_START")
                  else [(0, len(doc))])
        found = doc.user_data[SENTENCES_KEY] = ([s for s, _ in bounds], bounds)
    starts, bounds = found
    start, end = bounds[bisect_right(starts, i) - 1]
    return doc[start:end]


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
    if forms is None:  # lower case from the columns, lemmas read in one array
        strings = doc.vocab.strings
        lemmas = doc.to_array(LEMMA).tolist() if len(doc) else []
        lowered = {h: strings[h].lower() for h in set(lemmas)}
        forms = doc.user_data[FORMS_KEY] = [
            (i, lower, lowered[lemma]) for i, (lower, lemma) in enumerate(zip(lowers(doc),
                                                                             lemmas))]
    return forms
