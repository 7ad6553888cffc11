"""A fitted linear model in a form that is plain data: its vocabularies and settings as JSON,
its numbers as NumPy arrays, and back.

What the coder keeps of the fitted scikit-learn pipeline (:func:`.estimator.build_estimator`):
each feature block's vectorizer (rebuilt from its settings, its vocabulary and IDF weights
through scikit-learn's own parameters) and the classifier's weights. Reading it back runs no
code from the file: the settings are checked against a JSON Schema that admits only known
keys with plain values, and the arrays are read with ``allow_pickle=False``.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping, Sequence

import numpy as np
from scipy import sparse
from sklearn.feature_extraction import DictVectorizer
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer

# The TF-IDF settings a stored model may carry (plain values; anything callable is refused).
TFIDF_SETTINGS = ("analyzer", "lowercase", "ngram_range", "token_pattern", "strip_accents",
                  "sublinear_tf", "norm", "binary", "use_idf", "smooth_idf")


@dataclass
class Block:
    """One feature block: the input column it reads and its fitted vectorizer."""

    name: str
    column: str
    vectorizer: Any  # a fitted TfidfVectorizer or DictVectorizer

    @property
    def terms(self) -> list[str]:
        return [str(t) for t in self.vectorizer.get_feature_names_out()]

    def transform(self, values: list) -> sparse.csr_matrix:
        """``vectorizer.transform``; for TF-IDF, the counts weighted and normalised here
        (what ``TfidfTransformer`` does, without its per-call input checks: coding calls
        this once per document)."""
        vectorizer = self.vectorizer
        if not isinstance(vectorizer, TfidfVectorizer):
            return vectorizer.transform(values)
        counts = CountVectorizer.transform(vectorizer, values).astype(np.float64)
        data, per_row = counts.data, np.diff(counts.indptr)
        if vectorizer.sublinear_tf:
            np.log(data, data)
            data += 1
        data *= vectorizer.idf_[counts.indices]
        if vectorizer.norm == "l2":
            rows = np.repeat(np.arange(len(per_row)), per_row)
            norms = np.sqrt(np.bincount(rows, weights=data * data, minlength=len(per_row)))
            data /= np.repeat(np.where(norms == 0, 1.0, norms), per_row)
        return counts


@dataclass
class LinearScorer:
    """Feature blocks side by side and one weight column per class: the decision scores of
    a fitted pipeline of a ``ColumnTransformer`` and a linear classifier."""

    blocks: list[Block]
    coef: np.ndarray  # (features, classes)
    intercept: np.ndarray  # (classes,)
    classes_: list[str]

    @classmethod
    def from_pipeline(cls, pipeline) -> "LinearScorer":
        features = pipeline.named_steps["features"]
        classify = pipeline.named_steps["classify"]
        blocks = [Block(name, column, transformer)
                  for name, transformer, column in features.transformers_
                  if transformer not in ("drop", "passthrough")]
        coef, intercept = np.asarray(classify.coef_), np.asarray(classify.intercept_)
        classes = [str(c) for c in classify.classes_]
        if len(classes) == 2:  # one margin, positive means the second class
            coef = np.vstack([-coef[0], coef[0]]) / 2
            intercept = np.array([-intercept[0], intercept[0]]) / 2
        return cls(blocks, np.ascontiguousarray(coef.T), intercept, classes)

    def scores(self, data: Mapping[str, Sequence]) -> np.ndarray:
        """One score column per class in ``classes_`` order; ``data``: a frame, or lists by
        column."""
        found = np.tile(self.intercept, (len(data[self.blocks[0].column]), 1))
        start = 0
        for block in self.blocks:
            matrix = block.transform(list(data[block.column]))
            found += matrix @ self.coef[start:start + matrix.shape[1]]
            start += matrix.shape[1]
        return found

    def coverage(self, text: str) -> float:
        """The share of the text's word n-grams in the vocabulary the model learnt (block
        ``words``): how much of the text is like the training texts; 1.0 without words."""
        block = next((b for b in self.blocks if b.name == "words"), None)
        if block is None:
            return 1.0
        grams = block.vectorizer.build_analyzer()(text)
        known = block.vectorizer.vocabulary_
        return sum(gram in known for gram in grams) / len(grams) if grams else 1.0

    # -- as plain data ----------------------------------------------------------------------
    def to_data(self) -> tuple[dict[str, Any], dict[str, np.ndarray]]:
        """(JSON-able description, arrays by name)."""
        arrays = {"coef": self.coef.astype(np.float32), "intercept": self.intercept}
        parts = []
        for block in self.blocks:
            part = {"name": block.name, "column": block.column, "terms": block.terms}
            if isinstance(block.vectorizer, TfidfVectorizer):
                params = block.vectorizer.get_params()
                part["kind"] = "tfidf"
                part["settings"] = {key: list(value) if isinstance(value, tuple) else value
                                    for key, value in params.items() if key in TFIDF_SETTINGS}
                arrays[f"idf.{block.name}"] = np.asarray(block.vectorizer.idf_)
            else:
                part["kind"] = "dict"
            parts.append(part)
        return {"classes": self.classes_, "blocks": parts}, arrays

    @classmethod
    def from_data(cls, spec: dict[str, Any], arrays: Mapping[str, np.ndarray]
                  ) -> "LinearScorer":
        """The scorer ``to_data`` described; ``spec`` already checked against its schema.
        Raises ``ValueError`` naming the part whose sizes disagree."""
        blocks, width = [], 0
        for part in spec["blocks"]:
            terms = part["terms"]
            vocabulary = {term: index for index, term in enumerate(terms)}
            if len(vocabulary) != len(terms):
                raise ValueError(f"blocks[{part['name']}].terms: repeated terms")
            if part["kind"] == "tfidf":
                settings = {k: tuple(v) if isinstance(v, list) else v
                            for k, v in part["settings"].items()}
                vectorizer = TfidfVectorizer(vocabulary=vocabulary, **settings)
                idf = _array(arrays, f"idf.{part['name']}", (len(terms),))
                vectorizer.idf_ = idf
            else:
                vectorizer = DictVectorizer()
                vectorizer.feature_names_, vectorizer.vocabulary_ = list(terms), vocabulary
            blocks.append(Block(part["name"], part["column"], vectorizer))
            width += len(terms)
        classes = [str(c) for c in spec["classes"]]
        coef = _array(arrays, "coef", (width, len(classes))).astype(np.float64)
        intercept = _array(arrays, "intercept", (len(classes),))
        return cls(blocks, coef, intercept, classes)


def _array(arrays: Mapping[str, np.ndarray], name: str, shape: tuple[int, ...]) -> np.ndarray:
    if name not in arrays:
        raise ValueError(f"array {name!r} missing")
    found = arrays[name]
    if found.shape != shape or found.dtype.kind != "f":
        raise ValueError(f"array {name!r}: shape {found.shape} {found.dtype}, expected "
                         f"{shape} of floats")
    if not np.all(np.isfinite(found)):
        raise ValueError(f"array {name!r} holds values that are not finite")
    return found
