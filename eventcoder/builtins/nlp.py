"""Pipeline preparation every codebook relies on: sentence boundaries at blank lines
(``eventcoder.nlp.paragraph_boundaries``), and the attribute ruler answered on columns
(``eventcoder.attribute_table``: the same annotations, an eighth of the parse less)."""
from __future__ import annotations

from ..attribute_table import tabulate
from ..hookspecs import hookimpl
from ..nlp import PARAGRAPHS


@hookimpl
def prepare_nlp(nlp, codebooks) -> None:
    """Blank lines end sentences; pipelines without a parser or senter get a sentencizer;
    an attribute ruler whose patterns the table answers exactly is replaced by it."""
    if not {"parser", "senter", "sentencizer"} & set(nlp.pipe_names):
        nlp.add_pipe("sentencizer", first=True)
    if PARAGRAPHS not in nlp.pipe_names:
        before = next((p for p in ("parser", "senter", "sentencizer") if p in nlp.pipe_names),
                      None)
        nlp.add_pipe(PARAGRAPHS, before=before)
    tabulate(nlp)
