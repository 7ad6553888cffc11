"""Other ways to turn the model's scores into the hybrid's decisions (issue 15): the shipped
temperature softmax, scikit-learn's ``CalibratedClassifierCV`` (per-class sigmoid), and a
stacker (a logistic regression over the out-of-fold scores of a TF-IDF model and the rules'
own features). Each is trained on one half of a gold set (``benchmarks/halves.py``) with its
thresholds chosen by 5-fold CV on that half only, and scored on the other half, both ways.

Per record, as ``train_eval.py`` scores (best-matching event): event type, sub-event type,
event F1 on (type, sub-type), no-event texts left empty. The decisions are taken on the
training samples' features (the rules' events of each record, or its text), as
``TrainedModel`` takes them, with the same add guards. "ceiling" is the share of records
with an event for which the rules or the model's first choice is right: no way of choosing
between the two does better.

    python benchmarks/train_stack.py [--set case2021-acled-types.dev.jsonl]
"""
from __future__ import annotations

import argparse
import json
import sys
import warnings
from collections import Counter
from pathlib import Path

import numpy as np
from scipy import sparse
from sklearn.calibration import CalibratedClassifierCV
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedGroupKFold

sys.path.insert(0, str(Path(__file__).resolve().parent))
from train_eval import CodedSet, score  # noqa: E402

from eventcoder import Engine  # noqa: E402
from eventcoder.learn.crossval import choose_policy, first_samples, out_of_fold  # noqa: E402
from eventcoder.learn.estimator import build_estimator, frame  # noqa: E402
from eventcoder.learn.portable import LinearScorer  # noqa: E402
from eventcoder.learn.targets import NO_EVENT  # noqa: E402

FOLDS = 5


def splits(samples, folds=FOLDS, seed=0):
    strata = [s.label or "?" for s in samples]
    groups = [s.record for s in samples]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        return list(StratifiedGroupKFold(folds, shuffle=True, random_state=seed).split(
            np.zeros(len(samples)), strata, groups))


def columns(found: np.ndarray, order, classes) -> np.ndarray:
    """Scores in ``order`` (a model's classes) spread over ``classes`` (absent: very low)."""
    out = np.full((len(found), len(classes)), -20.0)
    out[:, [classes.index(c) for c in order]] = found
    return out


class Temperature:
    """As shipped: SVM decision scores, softmax with the temperature chosen in CV."""

    def oof(self, samples, classes):
        return out_of_fold(samples, classes, FOLDS)[0]

    def fit(self, samples):
        labelled = [s for s in samples if s.label]
        self.scorer = LinearScorer.from_pipeline(
            build_estimator().fit(frame(labelled), [s.label for s in labelled]))
        return self

    def scores(self, samples, classes):
        return columns(self.scorer.scores(frame(samples)), self.scorer.classes_, classes)


class Calibrated(Temperature):
    """``CalibratedClassifierCV(method="sigmoid", ensemble=False)`` around the same
    pipeline: log-probabilities as scores (the policy's temperature then stays near 1).
    Its three calibration folds need three examples of a label: rarer labels are left out."""

    def _fit(self, samples):
        counts = Counter(s.label for s in samples if s.label)
        labelled = [s for s in samples if s.label and counts[s.label] >= 3]  # 3 CV folds
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return CalibratedClassifierCV(build_estimator(), method="sigmoid", cv=3,
                                          ensemble=False).fit(
                frame(labelled), [s.label for s in labelled])

    def _log(self, model, samples, classes):
        return columns(np.log(model.predict_proba(frame(samples)) + 1e-9),
                       [str(c) for c in model.classes_], classes)

    def oof(self, samples, classes):
        out = np.full((len(samples), len(classes)), -20.0)
        for train, test in splits(samples):
            model = self._fit([samples[i] for i in train])
            out[test] = self._log(model, [samples[i] for i in test], classes)
        return out

    def fit(self, samples):
        self.model = self._fit(samples)
        return self

    def scores(self, samples, classes):
        return self._log(self.model, samples, classes)


class Stacked(Temperature):
    """Level 1: TF-IDF alone, out-of-fold decision scores; level 2: a logistic regression
    over those scores and the rules' features (their category, rule, cues, participants)."""

    def _text_oof(self, samples, classes):
        out = np.full((len(samples), len(classes)), -2.0)
        for train, test in splits(samples, seed=1):
            train = [i for i in train if samples[i].label]
            model = build_estimator(use_rules=False).fit(
                frame([samples[i] for i in train]), [samples[i].label for i in train])
            scorer = LinearScorer.from_pipeline(model)
            out[test] = columns(scorer.scores(frame([samples[i] for i in test])),
                                scorer.classes_, classes)
        return np.maximum(out, -2.0)

    def _level2(self, text_scores, samples, vectorizer, fit):
        rules = [s.rules for s in samples]
        named = vectorizer.fit_transform(rules) if fit else vectorizer.transform(rules)
        return sparse.hstack([sparse.csr_matrix(text_scores), named]).tocsr()

    def _fit2(self, text_scores, samples):
        keep = [i for i, s in enumerate(samples) if s.label]
        vectorizer = DictVectorizer()
        x = self._level2(text_scores[keep], [samples[i] for i in keep], vectorizer, True)
        model = LogisticRegression(C=1.0, max_iter=3000).fit(x, [samples[i].label
                                                                 for i in keep])
        return vectorizer, model

    def _log(self, vectorizer, model, text_scores, samples, classes):
        x = self._level2(text_scores, samples, vectorizer, False)
        return columns(np.log(model.predict_proba(x) + 1e-9), [str(c) for c in model.classes_],
                       classes)

    def oof(self, samples, classes):
        self.classes = classes
        self.text_scores = self._text_oof(samples, classes)
        out = np.full((len(samples), len(classes)), -20.0)
        for train, test in splits(samples):
            vectorizer, model = self._fit2(self.text_scores[train],
                                           [samples[i] for i in train])
            out[test] = self._log(vectorizer, model, self.text_scores[test],
                                  [samples[i] for i in test], classes)
        return out

    def fit(self, samples):
        labelled = [s for s in samples if s.label]
        self.text = LinearScorer.from_pipeline(build_estimator(use_rules=False).fit(
            frame(labelled), [s.label for s in labelled]))
        self.vectorizer, self.model = self._fit2(self.text_scores, samples)
        return self

    def scores(self, samples, classes):
        text = np.maximum(columns(self.text.scores(frame(samples)), self.text.classes_,
                                  classes), -2.0)
        return self._log(self.vectorizer, self.model, text, samples, classes)


def evaluate(data: CodedSet, way, train_half: str, test_half: str) -> dict:
    keep = set(data.indices(train_half))
    samples = [s for s in data.samples if s.record in keep]
    classes = sorted(set().union(*(data.truths[i] for i in keep)))
    oof = way.oof(samples, classes)
    coverage = out_of_fold(samples, classes, FOLDS)[1]
    policy = choose_policy(samples, oof, classes, data.truths, coverage=coverage)
    way.fit(samples)
    guard = LinearScorer.from_pipeline(build_estimator().fit(
        frame([s for s in samples if s.label]), [s.label for s in samples if s.label]))
    test = data.indices(test_half)
    rows = [s for s in data.samples if s.record in set(test)]
    probabilities = policy.probabilities(way.scores(rows, classes))
    events = {i: [] for i in test}
    tax = data.target.taxonomy.sub_events
    firsts = set(first_samples(rows))
    right = {"rules": set(), "model": set()}
    for number, (sample, row) in enumerate(zip(rows, probabilities)):
        label, _, _ = policy.decide(sample.rule_label, row, classes)
        if sample.rule_label is None and label is not None and (
                len(sample.text) > policy.add_max_chars
                or guard.coverage(sample.text) < policy.add_min_coverage):
            label = None
        if label not in (None, NO_EVENT):
            events[sample.record].append({"event_type": tax[label].event_type,
                                          "sub_event_type": label})
        if number in firsts and not data.records[sample.record].expect_no_event:
            gold = data.records[sample.record].events[0]["sub_event_type"]
            if classes[int(np.argmax(row))] == gold:
                right["model"].add(sample.record)
            if gold in {e.get("sub_event_type") for e in data.coded[sample.record].events}:
                right["rules"].add(sample.record)
    with_event = [i for i in test if not data.records[i].expect_no_event]
    out = score(data, events, test)
    out["ceiling"] = round(len(right["rules"] | right["model"]) / len(with_event), 4)
    out["policy"] = {"temperature": policy.temperature, "drop": policy.drop,
                     "add": policy.add, "overruled": len(policy.switch)}
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", default="case2021-acled-types.dev.jsonl")
    args = parser.parse_args()
    data = CodedSet(Engine("acled", strict=False), args.set, None)
    figures = {}
    for train_half, test_half in (("A", "B"), ("B", "A")):
        test = data.indices(test_half)
        way = f"{train_half} -> {test_half}"
        figures[way] = {"rules": score(data, {i: data.coded[i].events for i in test}, test)}
        for name, kind in (("temperature", Temperature), ("calibrated", Calibrated),
                           ("stacked", Stacked)):
            figures[way][name] = evaluate(data, kind(), train_half, test_half)
            print(way, name, figures[way][name], file=sys.stderr, flush=True)
    print(json.dumps(figures, indent=1))


if __name__ == "__main__":
    main()
