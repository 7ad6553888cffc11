"""Pipeline preparation every codebook relies on: sentence boundaries at blank lines
(``eventcoder.nlp.paragraph_boundaries``), the attribute ruler answered on columns
(``eventcoder.attribute_table``: the same annotations, an eighth of the parse less) and the
lemmatizer asked once per word form (``eventcoder.lemma_columns``: the same lemmas)."""
from __future__ import annotations

from ..attribute_table import tabulate
from ..hookspecs import hookimpl
from ..lemma_columns import by_columns
from ..nlp import PARAGRAPHS


@hookimpl
def prepare_nlp(nlp, codebooks) -> None:
    """Blank lines end sentences; pipelines without a parser or senter get a sentencizer;
    an attribute ruler whose patterns the table answers exactly is replaced by it; the
    lemmatizer reads and writes columns."""
    if not {"parser", "senter", "sentencizer"} & set(nlp.pipe_names):
        nlp.add_pipe("sentencizer", first=True)
    if PARAGRAPHS not in nlp.pipe_names:
        before = next((p for p in ("parser", "senter", "sentencizer") if p in nlp.pipe_names),
                      None)
        nlp.add_pipe(PARAGRAPHS, before=before)
    tabulate(nlp)
    by_columns(nlp)
