"""spaCy's rule lemmatizer answered once per word form, written as a column.

spaCy's ``Lemmatizer`` walks every token of every document in Python: it makes a ``Token``,
reads its part of speech and morphology, looks the lemma up in its cache (or works it out)
and sets it, one token at a time. After the attribute ruler was tabled
(:mod:`eventcoder.attribute_table`) that loop was about 4 % of the parse of short news. Its
answer depends on the token's form, part of speech and morphology alone (its own cache is
keyed on them), so :func:`by_columns` makes its ``pipe`` read those three columns of a batch
of documents, ask the lemmatizer once per distinct triple it has not seen, and write the
lemmas back with one ``Doc.from_array`` per document: the same lemmas, the same strings.

Only spaCy's own rule and lookup lemmatizers (and the English one, which differs only in
which forms are base forms, read from part of speech and morphology) are answered so; any
other lemmatizer, and documents with untagged tokens to lemmatize (spaCy warns of each),
keep spaCy's own loop.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator

import numpy as np
from spacy.attrs import LEMMA, MORPH, ORTH, POS
from spacy.errors import Errors
from spacy.lang.en.lemmatizer import EnglishLemmatizer
from spacy.language import Language
from spacy.pipeline import Lemmatizer
from spacy.tokens import Doc
from spacy.util import minibatch

PURE = (Lemmatizer, EnglishLemmatizer)  # lemmas from form, part of speech, morphology
PURE_MODES = ("rule", "lookup")
KEY_COLUMNS = [ORTH, POS, MORPH, LEMMA]


class LemmaColumns:
    """A lemmatizer's ``pipe``: its answers per (form, part of speech, morphology), asked
    once each and kept, written a batch of documents at a time."""

    def __init__(self, lemmatizer: Lemmatizer):
        self.lemmatizer = lemmatizer
        self.known: dict[tuple[int, int, int], int] = {}  # key -> lemma hash

    def __call__(self, docs: Iterable[Doc], batch_size: int = 128, **_) -> Iterator[Doc]:
        for batch in minibatch(docs, batch_size):
            self.annotate(batch)
            yield from batch

    def annotate(self, docs: list[Doc]) -> None:
        """Set the lemmas of ``docs`` the lemmatizer would set."""
        lemmatizer = self.lemmatizer
        if not getattr(lemmatizer, "_validated", True):
            lemmatizer._validate_tables(Errors.E1004)  # as its own __call__ does first
        docs = [doc for doc in docs if len(doc)]
        columns = [doc.to_array(KEY_COLUMNS).reshape(-1, len(KEY_COLUMNS)) for doc in docs]
        todo = [np.ones(len(c), bool) if lemmatizer.overwrite else c[:, 3] == 0
                for c in columns]
        untagged = [bool((c[wanted, 1] == 0).any()) for c, wanted in zip(columns, todo)]
        for doc, left in zip(docs, untagged):
            if left:
                lemmatizer(doc)  # spaCy warns of each untagged token: its own loop
        kept = [k for k, left in enumerate(untagged) if not left]
        if not kept:
            return
        rows = np.concatenate([columns[k] for k in kept])
        wanted = np.concatenate([todo[k] for k in kept])
        if not wanted.any():
            return
        owner = np.repeat(np.arange(len(kept)), [len(columns[k]) for k in kept])
        first = np.concatenate([[0], np.cumsum([len(columns[k]) for k in kept])[:-1]])
        keys, where, inverse = np.unique(rows[wanted, :3], axis=0, return_index=True,
                                         return_inverse=True)
        at = np.nonzero(wanted)[0]
        lemmas = np.empty(len(keys), dtype=np.uint64)
        for n, key in enumerate(map(tuple, keys.tolist())):
            lemma = self.known.get(key)
            if lemma is None:
                i = int(at[where[n]])
                doc = docs[kept[owner[i]]]
                form = lemmatizer.lemmatize(doc[i - int(first[owner[i]])])[0]
                lemma = self.known[key] = doc.vocab.strings.add(form)
            lemmas[n] = lemma
        out = rows[:, 3].copy()
        out[wanted] = lemmas[inverse.reshape(-1)]
        for k, start in zip(kept, first.tolist()):
            docs[k].from_array([LEMMA], out[start:start + len(columns[k])])


def by_columns(nlp: Language, name: str = "lemmatizer") -> bool:
    """Make the lemmatizer ``name`` answer through :class:`LemmaColumns` when ``nlp.pipe``
    runs it (``nlp(text)`` keeps spaCy's loop: the same lemmas); False, left as it is, when
    it is absent or not one whose lemmas depend on form, part of speech and morphology."""
    if name not in nlp.pipe_names:
        return False
    lemmatizer = nlp.get_pipe(name)
    if type(lemmatizer) not in PURE or lemmatizer.mode not in PURE_MODES:
        return False
    if not isinstance(lemmatizer.__dict__.get("pipe"), LemmaColumns):
        lemmatizer.pipe = LemmaColumns(lemmatizer)
    return True
