"""Token attributes of a document as plain Python lists, read once per Doc.

``doc[i]`` makes a new spaCy ``Token`` object on every call, and the place, actor and
fatality steps look at the same few words around every name many times over (is the word
before it "in"? is the one after it "district"?). Each column here is read in one pass over
the document the first time it is asked for and kept in ``doc.user_data``, as the plugin's
other per-document values are; later looks are list indexing. Only attributes no later pipe
changes are read so (not entity labels: the places pipe relabels entities).
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right

from spacy.tokens import Doc, Span

COLUMNS_KEY = "eventcoder_acled.columns"  # per document: attribute name -> value per token
LEMMA = "lemma"  # the lower-cased lemma, as the word lists hold lemmas
SENTENCES, SENTENCE_STARTS = "sentences", "sentence starts"  # not token attributes


def column(doc: Doc, attribute: str) -> list:
    """``token.<attribute>`` (e.g. "text", "lower_", "idx", "is_stop") of every token of
    ``doc``; ``LEMMA``: the lower-cased lemma."""
    columns = doc.user_data.get(COLUMNS_KEY)
    if columns is None:
        columns = doc.user_data[COLUMNS_KEY] = {}
    found = columns.get(attribute)
    if found is None:
        found = columns[attribute] = (
            [token.lemma_.lower() for token in doc] if attribute == LEMMA
            else [getattr(token, attribute) for token in doc])
    return found


def texts(doc: Doc) -> list[str]:
    return column(doc, "text")


def lowers(doc: Doc) -> list[str]:
    return column(doc, "lower_")


def span_text(doc: Doc, start: int, end: int, text: str) -> str:
    """``doc[start:end].text``, cut from ``text`` (the document's ``Doc.text``) by offsets."""
    if end <= start:
        return ""
    return text[column(doc, "idx")[start]:column(doc, "idx")[end - 1] + len(texts(doc)[end - 1])]


def token_starting_at(doc: Doc, char: int) -> int | None:
    """The index of the token that begins at character ``char``, else None."""
    idx = column(doc, "idx")
    at = bisect_left(idx, char)
    return at if at < len(idx) and idx[at] == char else None


def tokens_before(doc: Doc, char: int) -> int | None:
    """``doc.char_span(..., char, alignment_mode="expand").end`` when character ``char - 1``
    lies inside a token's text (the common case, not whitespace), else None."""
    idx = column(doc, "idx")
    end = bisect_left(idx, char)
    return end if end > 0 and char - 1 < idx[end - 1] + len(texts(doc)[end - 1]) else None


def sentence_of(doc: Doc, i: int) -> Span:
    """``doc[i].sent`` (the whole document when it has no sentence boundaries), found among
    the document's sentences, listed once per document."""
    columns = doc.user_data.get(COLUMNS_KEY)
    if columns is None:
        columns = doc.user_data[COLUMNS_KEY] = {}
    bounds = columns.get(SENTENCES)  # (start, end) pairs: no Span kept, it would hold the Doc
    if bounds is None:
        bounds = columns[SENTENCES] = ([(s.start, s.end) for s in doc.sents]
                                       if doc.has_annotation("SENT_START") else [(0, len(doc))])
        columns[SENTENCE_STARTS] = [start for start, _ in bounds]
    start, end = bounds[bisect_right(columns[SENTENCE_STARTS], i) - 1]
    return doc[start:end]
