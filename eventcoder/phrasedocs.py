"""Phrase lists read by the pipeline's lemmatiser, remembered between runs.

Codebooks match thousands of cue phrases by lemma (spaCy's ``PhraseMatcher(attr="LEMMA")``)
and the sentence gate inverts their lemmas; getting those lemmas means running the tagger
over every phrase at each start-up, about a second. The result depends only on the pipeline
and the phrase, so each phrase's tokens and lemmas are kept in one JSON table per pipeline
(``eventcoder.diskcache``); a phrase not yet in it is lemmatised and the table rewritten.
"""
from __future__ import annotations

import json
import weakref
from typing import TYPE_CHECKING, Sequence

import spacy
from spacy.tokens import Doc

from . import diskcache

if TYPE_CHECKING:
    from spacy.language import Language

LEMMATISING_PIPES = ("tok2vec", "tagger", "attribute_ruler", "lemmatizer")
Tokens = list  # [[text, followed by a space, lemma], ...] per phrase
_TABLES: "weakref.WeakKeyDictionary[Language, PhraseLemmas]" = weakref.WeakKeyDictionary()


class PhraseLemmas:
    """The phrase -> tokens table of one pipeline, read once, extended as phrases appear."""

    def __init__(self, nlp: "Language"):
        self.nlp = nlp
        self.pipe_names = list(nlp.pipe_names)
        self.pipes = [p for p in LEMMATISING_PIPES if p in nlp.pipe_names]
        meta = nlp.meta
        self.path = diskcache.table_path("phrase-lemmas", diskcache.digest([
            "phrase-lemmas", spacy.__version__, meta.get("lang", ""), meta.get("name", ""),
            meta.get("version", ""), json.dumps(self.pipe_names)]))
        self.table: dict[str, Tokens] = diskcache.load(self.path) or {}

    def docs(self, phrases: Sequence[str]) -> list[Doc]:
        """The phrases as ``nlp.pipe`` with only the lemmatising pipes would read them: the
        same tokens and lemmas (tags and vectors are not kept)."""
        missing = [p for p in dict.fromkeys(phrases) if p not in self.table]
        if missing:
            with self.nlp.select_pipes(enable=self.pipes):
                for phrase, doc in zip(missing, self.nlp.pipe(missing)):
                    self.table[phrase] = [[t.text, bool(t.whitespace_), t.lemma_] for t in doc]
            diskcache.store(self.path, self.table)
        return [self._doc(self.table[p]) for p in phrases]

    def _doc(self, tokens: Tokens) -> Doc:
        words, spaces, lemmas = zip(*tokens) if tokens else ((), (), ())
        return Doc(self.nlp.vocab, words=list(words), spaces=list(spaces),
                   lemmas=list(lemmas))


def lemmatised(nlp: "Language", phrases: Sequence[str]) -> list[Doc]:
    """``phrases`` as the pipeline's lemmatiser reads them (see ``PhraseLemmas``), through
    one table per pipeline object."""
    table = _TABLES.get(nlp)
    if table is None or table.pipe_names != nlp.pipe_names:
        table = _TABLES[nlp] = PhraseLemmas(nlp)
    return table.docs(phrases)
