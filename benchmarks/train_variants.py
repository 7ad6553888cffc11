"""Other estimators for the hybrid (issue 15, CASE sub-event type): class weights, the rule
features weighted up, no character n-grams, other C, a lower support for overruling.

For each variant: per-record accuracy of the rules, the model and the hybrid in 5-fold CV on
all of a gold set (the thresholds are chosen on the same out-of-fold scores, so the hybrid's
CV figure flatters it), then trained on one half (``benchmarks/halves.py``) and scored on the
other, both ways: per record, the hybrid's label of the first sample ("no event" counts as a
label) over all records and over the records that hold an event.

    python benchmarks/train_variants.py [--set case2021-acled-types.dev.jsonl]
        [--variants base,balanced,...] [--min-support N]
"""
from __future__ import annotations

import argparse
import functools
import sys
from pathlib import Path

import numpy as np
from sklearn.compose import ColumnTransformer
from sklearn.feature_extraction import DictVectorizer
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.pipeline import Pipeline
from sklearn.svm import LinearSVC

sys.path.insert(0, str(Path(__file__).resolve().parent))
from train_eval import CodedSet  # noqa: E402

from eventcoder import Engine  # noqa: E402
from eventcoder.learn import crossval, train as training  # noqa: E402
from eventcoder.learn.crossval import first_samples  # noqa: E402
from eventcoder.learn.estimator import frame  # noqa: E402
from eventcoder.learn.targets import NO_EVENT  # noqa: E402

VARIANTS = {"base": {}, "balanced": {"class_weight": "balanced"}, "C0.2": {"C": 0.2},
            "C1": {"C": 1.0}, "rules x2": {"rules_weight": 2.0}, "rules x3": {"rules_weight": 3.0},
            "no chars": {"chars": False}}


def builder(C=0.5, class_weight=None, rules_weight=1.0, chars=True):
    def build(use_rules=True, use_text=True, groups=None, **grid):
        """As :func:`build_estimator`; the variant's C stands for every layer (``fit_hybrid``
        runs without groups here, and its C grid is not this benchmark's question)."""
        parts = [("words", TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True,
                                           max_features=50000), "text")]
        if chars:
            parts.append(("chars", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5),
                                                   min_df=2, sublinear_tf=True,
                                                   max_features=100000), "text"))
        parts.append(("rules", DictVectorizer(), "rules"))
        return Pipeline([("features", ColumnTransformer(
            parts, transformer_weights={"rules": rules_weight})),
            ("classify", LinearSVC(C=C, class_weight=class_weight))])
    return build


def half_accuracy(data: CodedSet, train_half: str, test_half: str) -> tuple[float, float]:
    keep = set(data.indices(train_half))
    samples = [s for s in data.samples if s.record in keep]
    classes = sorted(set().union(*(data.truths[i] for i in keep)))
    scorer, policy, _ = training.fit_hybrid(samples, classes, data.truths, 5)
    test = set(data.indices(test_half))
    rows = [data.samples[i] for i in first_samples(data.samples)
            if data.samples[i].record in test]
    probabilities = np.zeros((len(rows), len(classes)))
    probabilities[:, [classes.index(c) for c in scorer.classes_]] = policy.probabilities(
        scorer.scores(frame(rows)))
    hits = [(policy.decide(s.rule_label, p, classes)[0] or NO_EVENT) in data.truths[s.record]
            for s, p in zip(rows, probabilities)]
    events = [h for s, h in zip(rows, hits) if NO_EVENT not in data.truths[s.record]]
    return round(float(np.mean(hits)), 3), round(float(np.mean(events)), 3)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", default="case2021-acled-types.dev.jsonl")
    parser.add_argument("--variants", default=",".join(VARIANTS))
    parser.add_argument("--min-support", type=int, default=crossval.MIN_SUPPORT)
    args = parser.parse_args()
    training.choose_policy = functools.partial(crossval.choose_policy,
                                               min_support=args.min_support)
    data = CodedSet(Engine("acled", strict=False), args.set, None)
    classes = sorted(set().union(*data.truths))
    print("variant | CV rules | CV model | CV hybrid | A->B all / events | B->A all / events")
    for name in args.variants.split(","):
        build = builder(**VARIANTS[name])
        crossval.build_estimator = training.build_estimator = build
        _, _, figures = training.fit_hybrid(data.samples, classes, data.truths, 5)
        cv = [figures[c]["accuracy"] for c in ("rules", "model", "hybrid")]
        ab, ba = half_accuracy(data, "A", "B"), half_accuracy(data, "B", "A")
        print(f"{name} | {cv[0]:.3f} | {cv[1]:.3f} | {cv[2]:.3f} | {ab[0]:.3f} / {ab[1]:.3f} | "
              f"{ba[0]:.3f} / {ba[1]:.3f}", flush=True)


if __name__ == "__main__":
    main()
