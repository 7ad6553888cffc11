"""Aligning one record's predicted events with its gold events.

Alignment maximises, first, the number of pairs whose key fields all agree, then the number
of agreeing key fields (Hungarian assignment). A gold key field that is None agrees with
anything ("not known, not scored"). Pairs with no agreeing key field are left unaligned.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Sequence

import numpy as np

from ..extras import require

View = dict[str, Any]


def key_agreement(pred: View, gold: View, key: Sequence[str]) -> int:
    """How many key fields agree (gold None counts as agreeing)."""
    return sum(1 for k in key if gold.get(k) is None or _same(pred.get(k), gold.get(k)))


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, str) and isinstance(b, str):
        return a.strip().casefold() == b.strip().casefold()
    return a == b


def _tie_agreement(pred: View, gold: View, fields: Sequence[str]) -> int:
    return sum(1 for k in fields if gold.get(k) is not None and _same(pred.get(k), gold.get(k)))


def matches(pred: View, gold: View, key: Sequence[str]) -> bool:
    return key_agreement(pred, gold, key) == len(key)


@dataclass
class Alignment:
    """Index pairs (pred, gold), and which are exact key matches; the rest are unmatched."""

    pairs: list[tuple[int, int]]
    exact: list[bool]
    unmatched_pred: list[int]
    unmatched_gold: list[int]

    @property
    def tp(self) -> int:
        return sum(self.exact)

    @property
    def fp(self) -> int:
        return len(self.unmatched_pred) + self.exact.count(False)

    @property
    def fn(self) -> int:
        return len(self.unmatched_gold) + self.exact.count(False)


def align(preds: Sequence[View], golds: Sequence[View], key: Sequence[str],
          tiebreak: Sequence[str] = ()) -> Alignment:
    """Best one-to-one alignment of predicted and gold views on ``key``.

    ``tiebreak`` fields only choose between alignments that are equal on the key (two
    "Armed clash" events in one article are matched by place and date, not by order).
    """
    if not preds or not golds:
        return Alignment([], [], list(range(len(preds))), list(range(len(golds))))
    agree = np.array([[key_agreement(p, g, key) for g in golds] for p in preds], dtype=float)
    full = agree == len(key)
    pairs_max = max(len(preds), len(golds))
    ties = np.array([[_tie_agreement(p, g, tiebreak) for g in golds] for p in preds],
                    dtype=float) if tiebreak else np.zeros_like(agree)
    scale = (len(tiebreak) + 1) * pairs_max  # the key always outweighs every tie-break
    weight = (agree * scale + ties) + full * (len(key) + 1) * scale * pairs_max
    rows, cols = _assignment(weight)
    pairs, exact = [], []
    for r, c in zip(rows.tolist(), cols.tolist()):
        if agree[r, c] > 0:
            pairs.append((r, c))
            exact.append(bool(full[r, c]))
    used_p = {p for p, _ in pairs}
    used_g = {g for _, g in pairs}
    return Alignment(pairs, exact, [i for i in range(len(preds)) if i not in used_p],
                     [j for j in range(len(golds)) if j not in used_g])


def pair_leftovers(preds: Sequence[View], golds: Sequence[View], found: Alignment,
                   fields: Sequence[str]) -> list[tuple[int, int]]:
    """Pairs of the events alignment left unmatched in one record, best agreement on
    ``fields`` first: what was predicted instead of each missed gold event (for the
    confusion matrix: gold "Battles" coded as "Violence against civilians")."""
    free_p, free_g = found.unmatched_pred, found.unmatched_gold
    if not free_p or not free_g:
        return []
    agree = np.array([[_tie_agreement(preds[p], golds[g], fields) for g in free_g]
                      for p in free_p], dtype=float)
    rows, cols = _assignment(agree)
    return [(free_p[r], free_g[c]) for r, c in zip(rows.tolist(), cols.tolist())]


def best_match(preds: Sequence[View], gold: View, key: Sequence[str],
               tiebreak: Sequence[str] = ()) -> int | None:
    """The predicted event most like ``gold`` (most agreeing key fields, then tie-break
    fields, then the first): what a field is judged against. None with no predictions.
    Several gold events may share one predicted event."""
    if not preds:
        return None
    return max(range(len(preds)), key=lambda p: (key_agreement(preds[p], gold, key),
                                                 _tie_agreement(preds[p], gold, tiebreak),
                                                 -p))


def _assignment(weight: np.ndarray):
    """The Hungarian assignment maximising ``weight`` (scipy, from the bench extra)."""
    optimize = require("scipy.optimize", "bench", "eventcoder bench/compare")
    return optimize.linear_sum_assignment(weight, maximize=True)
