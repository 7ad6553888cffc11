"""Token attributes of a document as plain Python lists, read once per Doc.

``doc[i]`` makes a new spaCy ``Token`` object on every call, and the place, actor and
fatality steps look at the same few words around every name many times over (is the word
before it "in"? is the one after it "district"?). The attributes read across whole
documents (text, lower case, character offset, alphabetic, stop word) are read here in one
``Doc.to_array`` the first time one is asked for and kept in ``doc.user_data``, as the
plugin's other per-document values are; later looks are list indexing. None of them changes
after the parse (entity labels would: the places pipe relabels entities).
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right

from spacy.attrs import IDX, IS_ALPHA, IS_STOP, LOWER, ORTH, SPACY
from spacy.tokens import Doc, Span

COLUMNS_KEY = "eventcoder_acled.columns"  # per document: texts, lowers, idx, alpha, stop, space
SENTENCES_KEY = "eventcoder_acled.sentences"  # per document: sentence starts and ends


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
