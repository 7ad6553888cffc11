"""``eventcoder train``: learn a codebook's categories from a researcher's coded texts.

Read the texts and their coding (gold JSONL or an ACLED export), code them with the rules,
cross-validate the model and the hybrid on the same folds, fit on everything and write the
model folder (:mod:`.store`).
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Mapping, Sequence

import numpy as np
import pandas as pd

from ..bench.gold import load_gold
from ..errors import InputError, Problem
from .crossval import choose_policy, out_of_fold, report
from .hybrid import Policy
from .estimator import PARENT_PREFIX, build_estimator, build_stacker, frame
from .portable import LinearScorer, StackedScorer, stack_rows
from .samples import Sample, code_records, record_labels, samples_of
from .store import save, sha256
from .targets import NO_EVENT, target_for

REPORT_JSON = "cv-report.json"
REPORT_TEXT = "cv-report.md"
STACK_FLOOR = -2.0  # text-layer scores below this say "not this class" alike
STACK_CS = (1.0, 3.0, 10.0)  # the second layer's regularisation, chosen by CV log-loss
TEXT_CS = (0.5, 1.0, 2.0)  # the text layer's, chosen by CV accuracy
REPEATED_RECORDS = 1000  # held-out records CV aims at on small data (repeated rounds)
MAX_REPEATS = 4
SEEDS = 100  # round k draws its folds with seeds from SEEDS * k


@dataclass
class Trained:
    directory: Path
    manifest: dict
    report_text: str


def train(data: Sequence[str | Path], codebook: str, output: str | Path, *, folds: int = 5,
          engine=None, progress=None, add: bool = True) -> Trained:
    """Train and save a model for ``codebook`` from the files ``data``; return where it is.

    ``progress(stage, total)`` returns a function to call once per step (a progress bar).
    ``add=False``: the model never adds an event where the rules found none.
    Malformed data raises :class:`InputError` with every located problem, before anything
    is written.
    """
    from ..engine import Engine
    step = progress or (lambda stage, total: (lambda: None))
    per_file = [load_gold(path) for path in data]
    records = [record for found in per_file for record in found]
    engine = engine or Engine([codebook], strict=False)
    book = next((b for b in engine.codebooks if b.id == codebook), engine.codebooks[0])
    target = target_for(book)
    truths = record_labels(records, target)
    classes = sorted(set().union(*truths)) if truths else []
    if len(records) < 2 or len(classes) < 2:
        raise InputError(Problem(f"need at least two records and two categories to learn "
                                 f"from; found {len(records)} record(s), categories {classes}",
                                 file=", ".join(map(str, data))))
    coded = list(code_records(engine, records, step("coding with the rules", len(records))))
    samples = [s for index, (record, found, labels) in enumerate(zip(records, coded, truths))
               for s in samples_of(index, record.text, found, labels, target)]
    folds = max(2, min(folds, len(records)))
    model, policy, figures = fit_hybrid(samples, classes, truths, folds, step, add,
                                        target.groups(),
                                        single_max_chars=one_event_chars(records))
    labelled = [s for s in samples if s.label is not None]
    manifest = {
        "name": Path(output).name,
        "codebook": {"id": book.id, "version": str(book.version)},
        "target": {"gold_field": target.gold_field, "event_field": target.event_field},
        "labels": classes, "no_event": NO_EVENT in classes,
        "policy": asdict(policy),
        "layers": figures["layers"],
        "data": [{"file": Path(p).name, "sha256": sha256(Path(p)), "records": len(found)}
                 for p, found in zip(data, per_file)],
        "records": len(records), "samples": len(labelled),
        "rule_failures": sum(bool(c.problems) for c in coded),
        "cv": {"folds": folds, **{name: {k: figures[name][k] for k in
                                         ("accuracy", "macro_f1", "weighted_f1")}
                                  for name in ("rules", "model", "hybrid")}},
        "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
    }
    text = report_text(figures, manifest)
    directory = save(output, model, manifest, {
        REPORT_JSON: json.dumps(figures, indent=1, ensure_ascii=False) + "\n",
        REPORT_TEXT: text})
    return Trained(directory, manifest, text)


def fit_hybrid(samples: Sequence[Sample], classes: list[str], truths: list[set[str]],
               folds: int, step=None, add: bool = True,
               groups: Mapping[str, str] | None = None, repeats: int | None = None,
               single_max_chars: int = 0):
    """Cross-validate two models and the hybrid's policy of each on their out-of-fold
    scores — one linear layer over text and rule features, and a stacked one (a text layer,
    then a logistic regression over its held-out scores and the rule features) — keep the
    one whose hybrid is more accurate per record (a tie keeps one layer), fit it on all
    labelled samples: (:class:`LinearScorer` or :class:`StackedScorer`, policy, CV figures
    of the chosen one with ``layers``: the choice and both hybrids' accuracy).

    The CV is ``repeats`` times over (by default :func:`repeats_for` the number of records),
    each time with other folds: every choice is made on all the repeats' out-of-fold scores
    together, so on a few hundred records a threshold does not hang on how one draw of
    folds fell. ``single_max_chars`` goes into the policy as given (:func:`one_event_chars`)."""
    step = step or (lambda stage, total: (lambda: None))
    records = len({s.record for s in samples})
    repeats = repeats or repeats_for(records)
    labelled = [i for i, s in enumerate(samples) if s.label is not None]
    labels = [samples[i].label for i in labelled]
    many, all_truths = repeated(samples, truths, repeats)
    rounds = f"{folds}-fold CV" + (f" x {repeats}" if repeats > 1 else "")
    advance = step(f"{rounds}, one layer", folds * repeats)
    found = [out_of_fold(samples, classes, folds, advance, seed=SEEDS * k)
             for k in range(repeats)]
    scores, coverage = np.vstack([f[0] for f in found]), np.concatenate([f[1] for f in found])
    policy = choose_policy(many, scores, classes, all_truths, adding=add, coverage=coverage,
                           groups=groups)
    text_classes = sorted(set(labels))
    parents = sorted({groups.get(label, label) for label in labels}) if groups else []
    if len(parents) >= 2:  # the text layer scores the parents too (WithParents)
        text_classes += [PARENT_PREFIX + parent for parent in parents]
    advance = step(f"{rounds}, stacked: text layer", folds * len(TEXT_CS) * repeats)
    tried = {C: [out_of_fold(samples, text_classes, folds, advance, seed=1 + SEEDS * k,
                             build=lambda: build_estimator(use_rules=False, groups=groups,
                                                           C=C))[0]
                 for k in range(repeats)] for C in TEXT_CS}
    categories = len(set(labels))  # the columns before the parents'
    text_c = max(TEXT_CS, key=lambda C: (accuracy_of(np.vstack(tried[C])[:, :categories],
                                                     many, text_classes[:categories]), -C))
    stacked_data = [pd.DataFrame({"rules": stack_rows(
        np.maximum(text_scores, STACK_FLOOR), text_classes, [s.rules for s in samples])})
        for text_scores in tried[text_c]]  # one per round
    advance = step(f"{rounds}, stacked: second layer", folds * len(STACK_CS) * repeats)
    tried = {C: np.vstack([out_of_fold(samples, classes, folds, advance, data=data,
                                       seed=SEEDS * k, build=lambda: build_stacker(C))[0]
                           for k, data in enumerate(stacked_data)]) for C in STACK_CS}
    stack_c = min(STACK_CS, key=lambda C: log_loss(tried[C], many, classes))
    stacked_scores = tried[stack_c]
    stacked_policy = choose_policy(many, stacked_scores, classes, all_truths, adding=add,
                                   coverage=coverage, groups=groups)
    accuracy = {"one": report(many, scores, classes, all_truths, policy,
                              coverage)["hybrid"]["accuracy"],
                "stacked": report(many, stacked_scores, classes, all_truths, stacked_policy,
                                  coverage)["hybrid"]["accuracy"]}
    texts = frame([samples[i] for i in labelled])
    first = slice(0, len(samples))  # the report shows the first round's folds
    if accuracy["stacked"] > accuracy["one"]:
        model = StackedScorer(
            LinearScorer.from_pipeline(build_estimator(use_rules=False, groups=groups,
                                                       C=text_c).fit(texts, labels)),
            LinearScorer.from_pipeline(build_stacker(stack_c).fit(
                stacked_data[0].iloc[labelled], labels)), STACK_FLOOR)
        policy, scores = stacked_policy, stacked_scores
    else:
        model = LinearScorer.from_pipeline(build_estimator().fit(texts, labels))
    policy = replace(policy, single_max_chars=single_max_chars)
    figures = report(samples, scores[first], classes, truths, policy, coverage[first])
    figures["layers"] = {"chosen": 2 if isinstance(model, StackedScorer) else 1,
                         "hybrid_accuracy": accuracy, "text_C": text_c,
                         "stack_C": stack_c, "cv_repeats": repeats}
    return model, policy, figures


def one_event_chars(records: Sequence) -> int:
    """The length of the longest text when every record holds at most one event (ACLED's
    notes: one event per note), else 0: a text up to that long then keeps one event
    (:meth:`.hybrid.Policy.keeps_one`)."""
    if any(len(record.events) > 1 for record in records):
        return 0
    return max((len(record.text) for record in records), default=0)


def repeats_for(records: int) -> int:
    """How many times over to cross-validate ``records`` records: enough rounds for about
    :data:`REPEATED_RECORDS` held-out records in all, at most :data:`MAX_REPEATS` (a dataset
    of a thousand records or more is cross-validated once)."""
    return max(1, min(MAX_REPEATS, round(REPEATED_RECORDS / max(records, 1))))


def repeated(samples: Sequence[Sample], truths: list[set[str]], repeats: int
             ) -> tuple[list[Sample], list[set[str]]]:
    """The samples and record labels ``repeats`` times over, each round's records numbered
    apart (round k's record r is record r + k * records), in the order the rounds' out-of-
    fold scores are stacked."""
    size = len(truths)
    many = [replace(s, record=s.record + k * size) for k in range(repeats) for s in samples]
    return many, truths * repeats


def accuracy_of(scores: np.ndarray, samples: Sequence[Sample], classes: list[str]) -> float:
    """The share of labelled samples whose label has the highest out-of-fold score."""
    rows = [i for i, s in enumerate(samples) if s.label is not None]
    return float(np.mean([classes[int(np.argmax(scores[i]))] == samples[i].label
                          for i in rows]))


def log_loss(scores: np.ndarray, samples: Sequence[Sample], classes: list[str]) -> float:
    """The mean negative log-probability (softmax of ``scores``) of the labelled samples'
    labels: how well out-of-fold scores are calibrated and ranked at once."""
    rows = [i for i, s in enumerate(samples) if s.label is not None]
    truth = [classes.index(samples[i].label) for i in rows]
    probabilities = Policy().probabilities(scores[rows])[np.arange(len(rows)), truth]
    return float(-np.log(probabilities + 1e-12).mean())


def report_text(figures: dict, manifest: dict) -> str:
    """The CV report as Markdown: overall figures, then F1 per label."""
    cv = manifest["cv"]
    policy = manifest["policy"]
    layers = manifest["layers"]
    lines = [f"# Cross-validated report: {manifest['codebook']['id']} "
             f"({manifest['records']} records, {cv['folds']} folds by record)", "",
             "Per record: the rules alone, the trained model alone and the hybrid (rules find "
             "events, the model decides the category where confident), on the same folds.", "",
             "| coder | accuracy | macro F1 | weighted F1 |", "|---|---|---|---|"]
    for name in ("rules", "model", "hybrid"):
        row = figures[name]
        lines.append(f"| {name} | {row['accuracy']:.3f} | {row['macro_f1']:.3f} | "
                     f"{row['weighted_f1']:.3f} |")
    overrules = ", ".join(f"{label} >= {t}" for label, t in policy["switch"].items()) or "none"
    lines += ["", "Hybrid thresholds chosen by CV: the model overrules the rules' category "
              f"when its probability is at least: {overrules} (other rule categories: never)"
              + (f"; it drops a rule event as no event at >= {policy['drop']}"
                 if policy["drop"] <= 1 else "")
              + (f"; where the rules find no event it adds one at >= {policy['add']} (texts "
                 f"up to {policy['add_max_chars']} characters, at least "
                 f"{policy['add_min_coverage']:.0%} of their word n-grams known to the model)"
                 if policy["add"] <= 1 else "")
              + f" (temperature {policy['temperature']})."
              + (" The model's choice is hierarchical: the parent category (event type) "
                 "whose categories are likelier together first, then the category within "
                 "it." if policy.get("groups") else "")
              + (" Whether a text holds an event is decided first, on the \"no event\" "
                 "probability alone, the category after it." if policy.get("apart") else "")
              + (" Every training text held at most one event: a text of up to "
                 f"{policy['single_max_chars']} characters keeps one event per category "
                 "(of the rules' events that end with the same category, the one the model "
                 "finds most probable)." if policy.get("single_max_chars") else ""),
              "",
              "Model chosen by CV: "
              f"{'two layers (stacked)' if layers['chosen'] == 2 else 'one layer'}"
              f" (hybrid accuracy: one layer {layers['hybrid_accuracy']['one']:.3f}, stacked "
              f"{layers['hybrid_accuracy']['stacked']:.3f}; the stacked model is a text "
              "layer whose held-out scores a logistic regression reads beside the rule "
              f"features; C chosen by CV: text layer {layers['text_C']}, second layer "
              f"{layers['stack_C']})"
              + (f"; every choice made on {layers['cv_repeats']} rounds of {cv['folds']}-fold "
                 "CV, each with other folds (the table shows the first)."
                 if layers.get("cv_repeats", 1) > 1 else "."),
              "",
              "| label | support | rules F1 | model F1 | hybrid F1 |", "|---|---|---|---|---|"]
    for label, support in figures["hybrid"]["support"].items():
        cells = [f"{figures[n]['per_label_f1'].get(label, 0.0):.3f}"
                 for n in ("rules", "model", "hybrid")]
        lines.append(f"| {label} | {support} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"
