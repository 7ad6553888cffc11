"""The scikit-learn estimator: word and character TF-IDF of the text, the rule features
through a DictVectorizer, one linear SVM over both. Its decision scores become
probabilities by a temperature chosen in cross-validation (:class:`.hybrid.Policy`).

A linear SVM rather than a logistic regression: as accurate on these texts and about twenty
times faster to fit on 150,000 sparse features."""
from __future__ import annotations

from typing import Mapping, Sequence

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.compose import ColumnTransformer
from sklearn.feature_extraction import DictVectorizer
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
from sklearn.pipeline import Pipeline
from sklearn.svm import LinearSVC

from .samples import Sample


def frame(samples: Sequence[Sample]) -> pd.DataFrame:
    """The estimator's input: one row per sample, columns ``text`` and ``rules`` (a dict)."""
    return pd.DataFrame({"text": [s.text for s in samples],
                         "rules": [s.rules for s in samples]})


def build_estimator(use_rules: bool = True, use_text: bool = True) -> Pipeline:
    """Text and rule features side by side; ``use_rules=False`` is TF-IDF alone (the
    baseline the benchmarks report), ``use_text=False`` the rule features alone."""
    parts = []
    if use_text:
        parts += [("words", TfidfVectorizer(ngram_range=(1, 2), min_df=1, sublinear_tf=True,
                                            max_features=50000), "text"),
                  ("chars", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), min_df=2,
                                            sublinear_tf=True, max_features=100000), "text")]
    if use_rules:
        parts.append(("rules", DictVectorizer(), "rules"))
    return Pipeline([("features", ColumnTransformer(parts)),
                     ("classify", LinearSVC(C=0.5))])


def decision_scores(model: Pipeline, data: Mapping[str, Sequence]) -> np.ndarray:
    """One score column per class in ``model.classes_`` order (two classes too).

    The same figures as ``model.decision_function``, computed from the fitted parts
    directly: coding calls this once per document, where the pipeline's input checks cost
    more than the arithmetic.
    """
    features = model.named_steps["features"]  # ``data``: a frame, or lists by column
    blocks = [_transform(transformer, list(data[column]))
              for _, transformer, column in features.transformers_
              if transformer not in ("drop", "passthrough") and column in data]
    classify = model.named_steps["classify"]
    found = np.asarray(sparse.hstack(blocks).tocsr() @ classify.coef_.T) + classify.intercept_
    if found.shape[1] == 1:  # two classes: one margin, positive means the second class
        found = np.column_stack([-found[:, 0], found[:, 0]]) / 2
    return found


def _transform(transformer, values: list) -> sparse.csr_matrix:
    """``transformer.transform``; for TF-IDF, the counts weighted and normalised here (what
    ``TfidfTransformer`` does, without its per-call input checks)."""
    if not isinstance(transformer, TfidfVectorizer):
        return transformer.transform(values)
    counts = CountVectorizer.transform(transformer, values).astype(np.float64)
    if transformer.sublinear_tf:
        np.log(counts.data, counts.data)
        counts.data += 1
    weighted = sparse.csr_matrix(counts.multiply(transformer.idf_))
    norms = np.sqrt(np.asarray(weighted.multiply(weighted).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sparse.csr_matrix(weighted.multiply(1 / norms[:, None]))
