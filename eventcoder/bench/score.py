"""Scoring predicted events against gold: event level, field level, breakdowns, confusion."""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any, Mapping, Sequence

import pandas as pd

from .align import Alignment, align, best_match, matches, pair_leftovers
from .gold import GoldRecord
from .scorer import Scorer

NONE_LABEL = "(none)"
ERROR_COLUMNS = ["id", "category", "tp", "fp", "fn", "wrong_fields", "gold", "predicted",
                 "text"]


def prf(tp: int, fp: int, fn: int) -> dict[str, float | int]:
    """Counts with precision, recall and F1. With no events on either side (nothing to
    find, nothing found) all three are 1.0; otherwise an empty denominator gives 0.0."""
    if not tp + fp + fn:
        return {"tp": 0, "fp": 0, "fn": 0, "precision": 1.0, "recall": 1.0, "f1": 1.0}
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": round(precision, 4),
            "recall": round(recall, 4), "f1": round(f1, 4)}


def describe(view: Mapping[str, Any], key: Sequence[str]) -> str:
    """A short human reading of one event view: its key fields joined by ' | '."""
    return " | ".join("" if view.get(k) is None else str(view.get(k)) for k in key)


@dataclass
class Score:
    """Everything one scorer measured on one set of records."""

    scorer: str
    records: int
    events: dict[str, float | int]
    fields: dict[str, dict[str, float | int]]
    measures: dict[str, dict[str, float | int | None]]
    no_event: dict[str, int]
    by_category: pd.DataFrame
    by_label: pd.DataFrame
    confusion: pd.DataFrame
    errors: pd.DataFrame
    candidate_recall: dict[str, float | int] | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "scorer": self.scorer, "records": self.records, "events": self.events,
            "fields": self.fields, "measures": self.measures, "no_event": self.no_event,
            "candidate_recall": self.candidate_recall,
            "by_category": _records(self.by_category, "category"),
            "by_label": _records(self.by_label, "label"),
            "confusion": {str(k): {str(c): int(n) for c, n in row.items() if n}
                          for k, row in self.confusion.to_dict("index").items()
                          if any(row.values())},
            **self.extra,
        }


def _records(frame: pd.DataFrame, index: str) -> dict[str, dict[str, Any]]:
    return {str(row.pop(index)): row for row in frame.to_dict("records")}


@dataclass
class Tally:
    """Running counts over records; ``score`` fills it one record at a time."""

    scorer: Scorer
    totals: Counter = field(default_factory=Counter)
    field_hits: dict[str, list[bool]] = field(default_factory=lambda: defaultdict(list))
    measured: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    per_category: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    per_label: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    confusion: Counter = field(default_factory=Counter)
    no_event: Counter = field(default_factory=Counter)
    proposed: Counter = field(default_factory=Counter)
    first_label: Counter = field(default_factory=Counter)  # first predicted label in gold's?
    errors: list[dict[str, Any]] = field(default_factory=list)

    def add(self, record: GoldRecord, preds: list[dict], golds: list[dict],
            offered: Sequence[dict[str, Any]] | None) -> None:
        scorer = self.scorer
        found = align(preds, golds, scorer.key, scorer.tiebreak)
        counts = Counter(tp=found.tp, fp=found.fp, fn=found.fn)
        self.totals.update(counts)
        self.per_category[record.category or NONE_LABEL].update(counts + Counter(records=1))
        if golds:
            self.first_label["n"] += 1
            self.first_label["correct"] += bool(preds) and scorer.coarse(preds[0]) in {
                scorer.coarse(g) for g in golds}
        if record.expect_no_event:
            self.no_event["n"] += 1
            self.no_event["correct"] += not preds
        wrong = self._fields(preds, golds)
        self._pairs(preds, golds, found)
        self._leftovers(preds, golds, found)
        if offered is not None and scorer.candidate_key:
            for gold in golds:
                self.proposed["n"] += 1
                self.proposed["proposed"] += any(matches(c, gold, scorer.candidate_key)
                                                 for c in offered)
        if counts["fp"] or counts["fn"] or wrong:
            self.errors.append(_error_row(record, scorer, preds, golds, counts, wrong))

    def _fields(self, preds, golds) -> list[str]:
        """Field checks and measures of each gold event against its best-matching predicted
        event, as ACLED notes are judged: a gold event nothing was predicted for gets every
        field it knows wrong. Never on pairs the alignment matched on the same field, which
        would make the key fields right by construction. Returns the wrong fields,
        "name: gold X, coded Y", for the error row."""
        wrong = []
        for number, gold in enumerate(golds):
            at = best_match(preds, gold, self.scorer.key, self.scorer.tiebreak)
            pred = preds[at] if at is not None else {}
            for check in self.scorer.fields:
                verdict = check.compare(pred, gold)
                if verdict is None:
                    continue
                self.field_hits[check.name].append(bool(verdict))
                if not verdict:
                    which = f"event {number + 1} " if len(golds) > 1 else ""
                    wrong.append(f"{which}{check.name}: gold {_shown(check.values(gold))}, "
                                 f"coded {_shown(check.values(pred))}")
            for measure in self.scorer.measures:
                value = measure.compute(pred, gold) if at is not None else None
                if value is not None:
                    self.measured[measure.name].append(value)
        return wrong

    def _pairs(self, preds, golds, found: Alignment) -> None:
        """Confusion and per-label counts of aligned pairs."""
        scorer = self.scorer
        for (p, g), exact in zip(found.pairs, found.exact):
            self.confusion[(_coarse(scorer, golds[g]), _coarse(scorer, preds[p]))] += 1
            self.per_label[_fine(scorer, golds[g])]["tp" if exact else "fn"] += 1
            if not exact:
                self.per_label[_fine(scorer, preds[p])]["fp"] += 1

    def _leftovers(self, preds, golds, found: Alignment) -> None:
        """Unaligned events: paired with each other for the confusion matrix when possible."""
        scorer = self.scorer
        instead = pair_leftovers(preds, golds, found, scorer.tiebreak or scorer.key)
        for p, g in instead:
            self.confusion[(_coarse(scorer, golds[g]), _coarse(scorer, preds[p]))] += 1
        for g in set(found.unmatched_gold) - {g for _, g in instead}:
            self.confusion[(_coarse(scorer, golds[g]), NONE_LABEL)] += 1
        for p in set(found.unmatched_pred) - {p for p, _ in instead}:
            self.confusion[(NONE_LABEL, _coarse(scorer, preds[p]))] += 1
        for g in found.unmatched_gold:
            self.per_label[_fine(scorer, golds[g])]["fn"] += 1
        for p in found.unmatched_pred:
            self.per_label[_fine(scorer, preds[p])]["fp"] += 1

    def result(self, records: int, with_candidates: bool) -> Score:
        hits, first = self.field_hits, self.first_label
        return Score(
            scorer=self.scorer.name, records=records,
            events=prf(self.totals["tp"], self.totals["fp"], self.totals["fn"]),
            fields={name: {"accuracy": round(sum(h) / len(h), 4), "n": len(h)}
                    for name, h in hits.items()},
            measures={name: _summary(values) for name, values in self.measured.items()},
            no_event={"n": self.no_event["n"], "correct": self.no_event["correct"]},
            by_category=_breakdown(self.per_category, "category"),
            by_label=_breakdown(self.per_label, "label"),
            confusion=_confusion(self.confusion),
            errors=pd.DataFrame(self.errors, columns=ERROR_COLUMNS),
            candidate_recall=({**dict(self.proposed), "recall": round(
                self.proposed["proposed"] / self.proposed["n"], 4)
                if self.proposed["n"] else 0.0} if with_candidates else None),
            extra={"record_label": {**dict(first), "accuracy": round(
                first["correct"] / first["n"], 4) if first["n"] else 0.0}},
        )


def score(scorer: Scorer, records: Sequence[GoldRecord],
          predictions: Mapping[str, Sequence[dict[str, Any]]],
          candidates: Mapping[str, Sequence[dict[str, Any]]] | None = None) -> Score:
    """Align each record's predicted and gold events and count agreement.

    The confusion matrix counts aligned pairs, then pairs what is left in a record (what was
    predicted instead of a missed gold event); ``(none)`` is a miss or an extra event.
    """
    tally = Tally(scorer)
    for record in records:
        tally.add(record, [scorer.view(e) for e in predictions.get(record.id, [])],
                  [scorer.view(e) for e in record.events],
                  None if candidates is None else candidates.get(record.id, []))
    return tally.result(len(records), candidates is not None and bool(scorer.candidate_key))


def _coarse(scorer: Scorer, view: dict) -> str:
    return scorer.coarse(view) or NONE_LABEL


def _fine(scorer: Scorer, view: dict) -> str:
    return scorer.fine(view) or NONE_LABEL


def _error_row(record, scorer, preds, golds, counts, wrong: list[str]) -> dict[str, Any]:
    return {"id": record.id, "category": record.category, "tp": counts["tp"],
            "fp": counts["fp"], "fn": counts["fn"],
            "wrong_fields": "; ".join(wrong),
            "gold": "; ".join(describe(g, scorer.key) for g in golds) or NONE_LABEL,
            "predicted": "; ".join(describe(p, scorer.key) for p in preds) or NONE_LABEL,
            "text": record.text}


def _shown(value: Any) -> str:
    """A field value in an error row: blank as (none), pairs joined by " / "."""
    if isinstance(value, tuple):
        return " / ".join(_shown(v) for v in value) if any(v is not None for v in value) \
            else NONE_LABEL
    return NONE_LABEL if value is None or value == "" else str(value)


def _summary(values: list[float]) -> dict[str, float | int | None]:
    series = pd.Series(values, dtype=float)
    return {"n": len(values), "mean": round(float(series.mean()), 3),
            "median": round(float(series.median()), 3)}


def _breakdown(counts: dict[str, Counter], name: str) -> pd.DataFrame:
    rows = []
    for label, c in sorted(counts.items()):
        row = {name: label, **({"records": c["records"]} if name == "category" else {})}
        rows.append({**row, **prf(c["tp"], c["fp"], c["fn"])})
    columns = [name, *(["records"] if name == "category" else []), "tp", "fp", "fn",
               "precision", "recall", "f1"]
    return pd.DataFrame(rows, columns=columns)


def _confusion(counts: Counter) -> pd.DataFrame:
    """Gold labels as rows, predicted labels as columns, ``(none)`` last."""
    labels = sorted({g for g, _ in counts} | {p for _, p in counts},
                    key=lambda x: (x == NONE_LABEL, x))
    frame = pd.DataFrame(0, index=labels, columns=labels, dtype=int)
    for (gold, pred), n in counts.items():
        frame.loc[gold, pred] += n
    frame.index.name = "gold"
    frame.columns.name = "predicted"
    return frame
