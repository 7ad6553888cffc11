"""Pipeline preparation every codebook relies on: sentence boundaries.

News articles put headlines, datelines and paragraphs on lines of their own, without a full
stop; spaCy's parser would run them into the next sentence ("Rebels strike three towns as
army vows response GOMA - Fighters attacked ..."). A blank line always ends a sentence. So
does any break that is not a plain newline (U+2029, U+2028, U+0085, form feed, vertical tab,
the information separators): scraped pages put them between blocks (a menu, a caption, the
news), and no one wraps prose with them as a text file wraps it with "\n".
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..hookspecs import hookimpl

PARAGRAPHS = "eventcoder_paragraphs"
# what str.splitlines() cuts at besides "\n" and "\r": each is a whole paragraph break
BLOCK_BREAKS = "\u2029\u2028\u0085\x0b\x0c\x1c\x1d\x1e"


@Language.component(PARAGRAPHS)
def paragraph_boundaries(doc: Doc) -> Doc:
    """Start a sentence after every whitespace token that holds a blank line."""
    for token in doc[:-1]:
        if token.is_space and line_breaks(token.text) >= 2:
            doc[token.i + 1].is_sent_start = True
    return doc


def line_breaks(space: str) -> int:
    """Line breaks in a run of whitespace: "\n", "\r" or "\r\n" one, a block break two."""
    space = space.replace("\r\n", "\n")
    return sum(1 if char in "\n\r" else 2 if char in BLOCK_BREAKS else 0 for char in space)


@hookimpl
def prepare_nlp(nlp, codebooks) -> None:
    """Blank lines end sentences; pipelines without a parser or senter get a sentencizer."""
    if not {"parser", "senter", "sentencizer"} & set(nlp.pipe_names):
        nlp.add_pipe("sentencizer", first=True)
    if PARAGRAPHS not in nlp.pipe_names:
        before = next((p for p in ("parser", "senter", "sentencizer") if p in nlp.pipe_names),
                      None)
        nlp.add_pipe(PARAGRAPHS, before=before)
