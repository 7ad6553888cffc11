"""The scikit-learn estimator: word and character TF-IDF of the text, the rule features
through a DictVectorizer, one linear SVM over both. Its decision scores become
probabilities by a temperature chosen in cross-validation (:class:`.hybrid.Policy`).

A linear SVM rather than a logistic regression: as accurate on these texts and about twenty
times faster to fit on 150,000 sparse features."""
from __future__ import annotations

from typing import Mapping, Sequence

import numpy as np
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.feature_extraction import DictVectorizer
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.pipeline import Pipeline
from sklearn.linear_model import LogisticRegression
from sklearn.svm import LinearSVC

from .portable import LinearScorer
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


def build_stacker() -> Pipeline:
    """The second layer of a stacked model: a logistic regression over the rule features
    and the text layer's scores (column ``rules``, see :func:`.portable.stack_rows`)."""
    return Pipeline([("features", ColumnTransformer([("stack", DictVectorizer(), "rules")])),
                     ("classify", LogisticRegression(C=1.0, max_iter=3000))])


def decision_scores(model: Pipeline, data: Mapping[str, Sequence]) -> np.ndarray:
    """One score column per class in ``model.classes_`` order (two classes too): the
    figures of ``model.decision_function``, by the same arithmetic coding uses
    (:class:`.portable.LinearScorer`)."""
    return LinearScorer.from_pipeline(model).scores(data)
