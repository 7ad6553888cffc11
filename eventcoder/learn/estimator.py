"""The scikit-learn estimator: word and character TF-IDF of the text, the rule features
through a DictVectorizer, one linear SVM over both. Its decision scores become
probabilities by a temperature chosen in cross-validation (:class:`.hybrid.Policy`).

A linear SVM rather than a logistic regression: as accurate on these texts and about twenty
times faster to fit on 150,000 sparse features."""
from __future__ import annotations

from typing import Mapping, Sequence

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, ClassifierMixin, clone
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


PARENT_PREFIX = "parent:"  # a class of :class:`WithParents` that scores a parent category


def build_estimator(use_rules: bool = True, use_text: bool = True,
                    groups: Mapping[str, str] | None = None, C: float = 0.5) -> Pipeline:
    """Text and rule features side by side; ``use_rules=False`` is TF-IDF alone (the
    baseline the benchmarks report), ``use_text=False`` the rule features alone. With
    ``groups`` (category -> parent) the classifier scores the parents too
    (:class:`WithParents`); ``C`` of the SVM (the stacked model's text layer has it chosen
    by CV, :func:`.train.fit_hybrid`)."""
    parts = []
    if use_text:
        parts += [("words", TfidfVectorizer(ngram_range=(1, 2), min_df=1, sublinear_tf=True,
                                            max_features=50000), "text"),
                  ("chars", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), min_df=2,
                                            sublinear_tf=True, max_features=100000), "text")]
    if use_rules:
        parts.append(("rules", DictVectorizer(), "rules"))
    classify = LinearSVC(C=C, random_state=0)
    return Pipeline([("features", ColumnTransformer(parts)),
                     ("classify", WithParents(classify, dict(groups)) if groups else classify)])


class WithParents(ClassifierMixin, BaseEstimator):
    """A linear classifier of the categories and, on the same features, one of their parents
    (ACLED: a sub-event type's event type): ``classes_`` are the categories, then
    ``parent:PARENT`` for each parent. The parents' scores pool what the categories of one
    parent share (a rare sub-event type's event type is learnt from all of its type's
    texts) for the second layer of a stacked model; ``predict`` picks among the categories."""

    def __init__(self, estimator=None, groups: Mapping[str, str] | None = None):
        self.estimator = estimator
        self.groups = groups

    def fit(self, X, y):
        y = np.asarray(y)
        child = clone(self.estimator).fit(X, y)
        coef, intercept, classes = *_one_row_per_class(child), [str(c) for c in child.classes_]
        self.n_categories_ = len(classes)
        parents = np.array([(self.groups or {}).get(label, label) for label in y])
        if len(set(parents)) >= 2:
            parent = clone(self.estimator).fit(X, parents)
            more, shift = _one_row_per_class(parent)
            coef, intercept = np.vstack([coef, more]), np.concatenate([intercept, shift])
            classes += [PARENT_PREFIX + str(c) for c in parent.classes_]
        self.coef_, self.intercept_, self.classes_ = coef, intercept, np.array(classes)
        return self

    def decision_function(self, X):
        return np.asarray(X @ self.coef_.T) + self.intercept_

    def predict(self, X):
        scores = self.decision_function(X)[:, :self.n_categories_]
        return self.classes_[np.argmax(scores, axis=1)]


def _one_row_per_class(model) -> tuple[np.ndarray, np.ndarray]:
    """A fitted linear classifier's weights with one row per class (a two-class model has
    one margin: half of it each way, as its decision scores)."""
    coef, intercept = np.asarray(model.coef_), np.asarray(model.intercept_)
    if coef.shape[0] == 1:
        return np.vstack([-coef[0], coef[0]]) / 2, np.array([-intercept[0], intercept[0]]) / 2
    return coef, intercept


def build_stacker(C: float = 1.0) -> Pipeline:
    """The second layer of a stacked model: a logistic regression over the rule features
    and the text layer's scores (column ``rules``, see :func:`.portable.stack_rows`); its
    ``C`` is chosen by CV (:func:`.train.fit_hybrid`)."""
    return Pipeline([("features", ColumnTransformer([("stack", DictVectorizer(), "rules")])),
                     ("classify", LogisticRegression(C=C, max_iter=3000))])


def decision_scores(model: Pipeline, data: Mapping[str, Sequence]) -> np.ndarray:
    """One score column per class in ``model.classes_`` order (two classes too): the
    figures of ``model.decision_function``, by the same arithmetic coding uses
    (:class:`.portable.LinearScorer`)."""
    return LinearScorer.from_pipeline(model).scores(data)
