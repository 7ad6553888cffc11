"""A fitted linear model in a form that is plain data: its vocabularies and settings as JSON,
its numbers as NumPy arrays, and back; and its decision scores computed with NumPy alone.

What the coder keeps of the fitted scikit-learn pipeline (:func:`.estimator.build_estimator`):
each feature block's analyzer settings, vocabulary and IDF weights, and the classifier's
weights. Coding with a model imports neither scikit-learn nor SciPy (about 1.5 s of start-up
on every run): the analyzers below do what scikit-learn's ``TfidfVectorizer`` and
``DictVectorizer`` do for the settings a model may carry, and a test holds them to the
fitted pipeline's own ``decision_function``. Reading a model back runs no code from the
file: the settings are checked against a JSON Schema that admits only known keys with plain
values, and the arrays are read with ``allow_pickle=False``.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Mapping, Sequence

import numpy as np

# The TF-IDF settings a stored model may carry (plain values; anything callable is refused).
TFIDF_SETTINGS = ("analyzer", "lowercase", "ngram_range", "token_pattern", "strip_accents",
                  "sublinear_tf", "norm", "binary", "use_idf", "smooth_idf")
WHITE_SPACES = re.compile(r"\s\s+")  # as scikit-learn normalises white space
WORDS_KEPT = 200_000  # words whose char n-grams a block keeps looked up


@dataclass
class Block:
    """One feature block: the input column it reads, its terms (column order) and, for
    TF-IDF, its settings and IDF weights (``idf`` None: a dict of named features)."""

    name: str
    column: str
    terms: list[str]
    settings: dict[str, Any] = field(default_factory=dict)
    idf: np.ndarray | None = None

    def __post_init__(self):
        self.vocabulary = {term: index for index, term in enumerate(self.terms)}
        if len(self.vocabulary) != len(self.terms):
            raise ValueError(f"blocks[{self.name}].terms: repeated terms")
        pattern = self.settings.get("token_pattern") or r"(?u)\b\w\w+\b"
        self._tokens = re.compile(pattern).findall
        self._per_word: dict[str, list[int]] = {}  # char_wb: a word's known n-grams

    def _prepared(self, text: str) -> str:
        settings = self.settings
        if settings.get("lowercase", True):
            text = text.lower()
        accents = settings.get("strip_accents")
        if accents:
            text = unicodedata.normalize("NFKD", text)
            text = (text.encode("ASCII", "ignore").decode("ASCII") if accents == "ascii"
                    else "".join(c for c in text if not unicodedata.combining(c)))
        return text if settings.get("analyzer", "word") == "word" else \
            WHITE_SPACES.sub(" ", text)

    def _word_grams(self, word: str) -> list[str]:
        """char_wb: the n-grams of one word padded with a space each side."""
        low, high = self.settings.get("ngram_range", (1, 1))
        word, grams = f" {word} ", []
        for n in range(low, high + 1):
            grams += [word[i:i + n] for i in range(max(1, len(word) - n + 1))]
            if len(word) <= n:  # a word shorter than n counts once
                break
        return grams

    def analyze(self, text: str) -> list[str]:
        """The n-grams scikit-learn's analyzer makes of ``text`` with these settings."""
        text = self._prepared(text)
        low, high = self.settings.get("ngram_range", (1, 1))
        analyzer = self.settings.get("analyzer", "word")
        if analyzer == "word":
            tokens = self._tokens(text)
            return [" ".join(tokens[i:i + n]) for n in range(low, high + 1)
                    for i in range(len(tokens) - n + 1)]
        if analyzer == "char":
            return [text[i:i + n] for n in range(low, high + 1)
                    for i in range(len(text) - n + 1)]
        return [gram for word in text.split() for gram in self._word_grams(word)]

    def known(self, text: str) -> list[int]:
        """The vocabulary indices of the text's n-grams, once per occurrence. char_wb
        n-grams never cross a word, so each word's are looked up once and kept (words
        recur; looking up every n-gram of every text was most of a model's coding time)."""
        if self.settings.get("analyzer") != "char_wb":
            return [i for i in map(self.vocabulary.get, self.analyze(text)) if i is not None]
        cache, out = self._per_word, []
        for word in self._prepared(text).split():
            found = cache.get(word)
            if found is None:
                if len(cache) >= WORDS_KEPT:
                    cache.clear()
                found = cache[word] = [i for i in map(self.vocabulary.get,
                                                      self._word_grams(word)) if i is not None]
            out += found
        return out

    def row(self, value) -> tuple[np.ndarray, np.ndarray]:
        """(column indices, weights) of one input: a text's TF-IDF vector, or a dict's
        named features (a string value is the feature ``name=value`` of weight 1)."""
        if self.idf is None:
            named = {}
            for key, found in value.items():
                key, found = (f"{key}={found}", 1.0) if isinstance(found, str) else (
                    key, float(found))
                if key in self.vocabulary:
                    named[self.vocabulary[key]] = named.get(self.vocabulary[key], 0) + found
            return (np.fromiter(named, dtype=np.intp, count=len(named)),
                    np.fromiter(named.values(), dtype=np.float64, count=len(named)))
        indices, counts = np.unique(np.asarray(self.known(value), dtype=np.intp),
                                    return_counts=True)
        weights = counts.astype(np.float64)
        if self.settings.get("binary"):
            weights = np.minimum(weights, 1.0)
        if self.settings.get("sublinear_tf"):
            weights = np.log(weights) + 1
        weights *= self.idf[indices]
        norm = np.sqrt(weights @ weights)
        return indices, weights / norm if norm else weights


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
        blocks = []
        for name, vectorizer, column in features.transformers_:
            if vectorizer in ("drop", "passthrough"):
                continue
            terms = [str(t) for t in vectorizer.get_feature_names_out()]
            if hasattr(vectorizer, "idf_"):
                params = vectorizer.get_params()
                settings = {key: list(value) if isinstance(value, tuple) else value
                            for key, value in params.items() if key in TFIDF_SETTINGS}
                blocks.append(Block(name, column, terms, settings,
                                    np.asarray(vectorizer.idf_, dtype=np.float64)))
            else:
                blocks.append(Block(name, column, terms))
        coef, intercept = np.asarray(classify.coef_), np.asarray(classify.intercept_)
        classes = [str(c) for c in classify.classes_]
        if coef.shape[0] == 1:  # two classes, one margin: positive means the second
            coef = np.vstack([-coef[0], coef[0]]) / 2
            intercept = np.array([-intercept[0], intercept[0]]) / 2
        return cls(blocks, np.ascontiguousarray(coef.T), intercept, classes)

    def scores(self, data: Mapping[str, Sequence]) -> np.ndarray:
        """One score column per class in ``classes_`` order; ``data``: a frame, or lists by
        column."""
        columns = {block.column: list(data[block.column]) for block in self.blocks}
        found = np.tile(self.intercept, (len(columns[self.blocks[0].column]), 1))
        start = 0
        for block in self.blocks:
            weights = self.coef[start:start + len(block.terms)]
            for number, value in enumerate(columns[block.column]):
                indices, values = block.row(value)
                found[number] += values @ weights[indices]
            start += len(block.terms)
        return found

    def coverage(self, text: str) -> float:
        """The share of the text's word n-grams in the vocabulary the model learnt (block
        ``words``): how much of the text is like the training texts; 1.0 without words."""
        block = next((b for b in self.blocks if b.name == "words"), None)
        if block is None:
            return 1.0
        grams = block.analyze(text)
        return sum(gram in block.vocabulary for gram in grams) / len(grams) if grams else 1.0

    # -- as plain data ----------------------------------------------------------------------
    def to_data(self) -> tuple[dict[str, Any], dict[str, np.ndarray]]:
        """(JSON-able description, arrays by name)."""
        arrays = {"coef": self.coef.astype(np.float32), "intercept": self.intercept}
        parts = []
        for block in self.blocks:
            part = {"name": block.name, "column": block.column, "terms": block.terms,
                    "kind": "dict" if block.idf is None else "tfidf"}
            if block.idf is not None:
                part["settings"] = block.settings
                arrays[f"idf.{block.name}"] = block.idf
            parts.append(part)
        return {"classes": self.classes_, "blocks": parts}, arrays

    @classmethod
    def from_data(cls, spec: dict[str, Any], arrays: Mapping[str, np.ndarray],
                  prefix: str = "") -> "LinearScorer":
        """The scorer ``to_data`` described; ``spec`` already checked against its schema.
        Raises ``ValueError`` naming the part whose sizes disagree (array names after
        ``prefix``)."""
        blocks, width = [], 0
        for part in spec["blocks"]:
            terms = part["terms"]
            idf = (_array(arrays, f"idf.{part['name']}", (len(terms),), prefix)
                   if part["kind"] == "tfidf" else None)
            blocks.append(Block(part["name"], part["column"], list(terms),
                                dict(part.get("settings") or {}), idf))
            width += len(terms)
        classes = [str(c) for c in spec["classes"]]
        coef = _array(arrays, "coef", (width, len(classes)), prefix).astype(np.float64)
        intercept = _array(arrays, "intercept", (len(classes),), prefix)
        return cls(blocks, coef, intercept, classes)


STACK_PREFIX = "model="  # level-2 feature of a level-1 class's score: ``model=LABEL``


@dataclass
class StackedScorer:
    """Two linear layers: ``text`` (TF-IDF of the text alone) gives one score per class,
    floored at ``floor``; ``stack`` (a logistic regression) reads those scores beside the
    rules' features and gives the final scores. Both are :class:`LinearScorer`; the
    hybrid's probabilities are the softmax of ``stack``'s scores, as ``predict_proba``."""

    text: LinearScorer
    stack: LinearScorer
    floor: float

    @property
    def classes_(self) -> list[str]:
        return self.stack.classes_

    def stack_rows(self, text_scores: np.ndarray, rules: Sequence[Mapping]) -> list[dict]:
        """The level-2 input of each sample: its rule features and the text layer's
        scores (``text_scores`` in ``text.classes_`` order) as ``model=LABEL``."""
        return stack_rows(np.maximum(text_scores, self.floor), self.text.classes_, rules)

    def scores(self, data: Mapping[str, Sequence]) -> np.ndarray:
        rows = self.stack_rows(self.text.scores(data), list(data["rules"]))
        return self.stack.scores({"rules": rows})

    def coverage(self, text: str) -> float:
        return self.text.coverage(text)

    def to_data(self) -> tuple[dict[str, Any], dict[str, np.ndarray]]:
        spec, arrays = self.text.to_data()
        stack_spec, stack_arrays = self.stack.to_data()
        spec["stack"] = {**stack_spec, "floor": self.floor}
        arrays.update({f"stack.{name}": value for name, value in stack_arrays.items()})
        return spec, arrays

    @classmethod
    def from_data(cls, spec: dict[str, Any], arrays: Mapping[str, np.ndarray]
                  ) -> "StackedScorer":
        text = LinearScorer.from_data(spec, arrays)
        inner = {name[len("stack."):]: value for name, value in arrays.items()
                 if name.startswith("stack.")}
        stack = LinearScorer.from_data(spec["stack"], inner, prefix="stack.")
        return cls(text, stack, float(spec["stack"]["floor"]))


def stack_rows(text_scores: np.ndarray, classes: Sequence[str], rules: Sequence[Mapping]
               ) -> list[dict]:
    """Rule features with one ``model=LABEL`` feature per text-layer class (its score)."""
    return [{**found, **{f"{STACK_PREFIX}{label}": float(value)
                         for label, value in zip(classes, row)}}
            for found, row in zip(rules, text_scores)]


def load_scorer(spec: dict[str, Any], arrays: Mapping[str, np.ndarray]
                ) -> "LinearScorer | StackedScorer":
    """One layer, or two when the description has a ``stack``."""
    return (StackedScorer if "stack" in spec else LinearScorer).from_data(spec, arrays)


def _array(arrays: Mapping[str, np.ndarray], name: str, shape: tuple[int, ...],
           prefix: str = "") -> np.ndarray:
    found = arrays.get(name)
    name = prefix + name
    if found is None:
        raise ValueError(f"array {name!r} missing")
    if found.shape != shape or found.dtype.kind != "f":
        raise ValueError(f"array {name!r}: shape {found.shape} {found.dtype}, expected "
                         f"{shape} of floats")
    if not np.all(np.isfinite(found)):
        raise ValueError(f"array {name!r} holds values that are not finite")
    return found
