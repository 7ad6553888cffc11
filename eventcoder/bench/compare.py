"""``eventcoder compare``: several coders on the same texts, pairwise F1 and agreement.

Event level: coder A's events are the reference for coder B (so F1(A, B) = F1(B, A) up to
fields a coder leaves unknown). Record level: each record gets one label per coder (the most
frequent coarse label of its events, e.g. CAMEO root code or ACLED event type; ``(none)`` when
it has none), and chance-corrected agreement is Cohen's kappa and Krippendorff's alpha
(nominal) over those labels.
"""
from __future__ import annotations

from collections import Counter
from pathlib import Path
from dataclasses import dataclass, field
from typing import Any, Sequence

import numpy as np
import pandas as pd

from ..engine import Engine
from ..errors import InputError, Problem
from ..extras import require
from ..plugins import make_plugin_manager
from ..registry import CodebookRegistry
from .coders import DATE_KEY, Coding, is_live, read_coding, texts_for
from .gold import GoldRecord
from .run import load_codebook, run_codebook
from .score import NONE_LABEL, score
from .scorer import Scorer, registered_scorers, scorers_for


@dataclass
class PairResult:
    a: str
    b: str
    scorer: str
    records: int
    events: dict[str, Any]
    agreement: float
    kappa: float
    alpha: float
    disagreements: pd.DataFrame

    def to_dict(self) -> dict[str, Any]:
        return {"a": self.a, "b": self.b, "scorer": self.scorer, "records": self.records,
                "events": self.events, "f1": self.events["f1"],
                "label_agreement": self.agreement, "kappa": self.kappa, "alpha": self.alpha,
                "disagreements": len(self.disagreements)}


@dataclass
class Comparison:
    coders: list[Coding]
    records: list[GoldRecord]
    labels: pd.DataFrame  # one row per record, one column per coder
    pairs: list[PairResult] = field(default_factory=list)
    alpha: float | None = None

    def to_dict(self) -> dict[str, Any]:
        ids = [r.id for r in self.records]  # counts cover the compared records only
        return {"coders": [{"name": c.name, "codebook": c.family, "live": c.live,
                            "records_with_events": sum(1 for i in ids if c.events.get(i)),
                            "events": sum(len(c.events.get(i, [])) for i in ids),
                            "seconds": c.seconds} for c in self.coders],
                "records": len(self.records), "alpha": self.alpha,
                "pairs": [p.to_dict() for p in self.pairs]}


def cohen_kappa(a: Sequence[str], b: Sequence[str]) -> float:
    """Cohen's kappa for two nominal label sequences (1.0 when both are constant and equal)."""
    n = len(a)
    if n == 0:
        return 0.0
    observed = sum(x == y for x, y in zip(a, b)) / n
    ca, cb = Counter(a), Counter(b)
    expected = sum(ca[k] * cb[k] for k in ca) / (n * n)
    if expected == 1.0:
        return 1.0 if observed == 1.0 else 0.0
    return round((observed - expected) / (1 - expected), 4)


def krippendorff_alpha(columns: Sequence[Sequence[str]]) -> float:
    """Krippendorff's alpha (nominal) for coders' label columns over the same records."""
    domain = sorted({v for col in columns for v in col})
    if len(domain) <= 1:  # everyone gave every record the same label: perfect agreement
        return 1.0
    index = {v: i for i, v in enumerate(domain)}
    data = np.array([[index[v] for v in col] for col in columns], dtype=float)
    krippendorff = require("krippendorff", "bench", "eventcoder compare")
    return round(float(krippendorff.alpha(reliability_data=data,
                                          level_of_measurement="nominal")), 4)


def record_label(scorer: Scorer, events: Sequence[dict[str, Any]]) -> str:
    """The most frequent coarse label of a record's events (first seen wins ties)."""
    labels = [scorer.coarse(scorer.view(e)) for e in events]
    labels = [label for label in labels if label]
    return Counter(labels).most_common(1)[0][0] if labels else NONE_LABEL


def compare(specs: Sequence[str], *, texts: str | None = None, dictionaries: str | None = None,
            limit: int | None = None, pm=None, nlp=None) -> Comparison:
    """Load or run every coder on the same records and compare each pair."""
    if len(specs) < 2:
        raise InputError(Problem("compare needs at least two coders"))
    pm = pm or make_plugin_manager()
    files = {i: read_coding(spec) for i, spec in enumerate(specs) if not is_live(spec)}
    records = texts_for(list(files.values()), texts)
    if records is not None and limit:
        records = records[:limit]
    codings = []
    registry = CodebookRegistry(pm)
    for i, spec in enumerate(specs):
        if i in files:
            codings.append(_aligned(files[i], records))
            continue
        if records is None:
            raise InputError(Problem(f"coder {spec!r} codes texts live: give --texts FILE (gold "
                                     "JSONL, input JSONL or an ACLED CSV)"))
        codings.append(_run_live(spec, records, registry, nlp, dictionaries))
    _unique_names(codings)
    if records is None:
        ids = sorted({i for c in codings for i in c.events})
        records = [GoldRecord(i, "", []) for i in ids]
    scorers = registered_scorers(pm)
    result = Comparison(codings, records, pd.DataFrame(index=[r.id for r in records]))
    for i, a in enumerate(codings):
        for b in codings[i + 1:]:
            result.pairs.append(_pair(a, b, records, _scorer_for(a, b, scorers)))
    main = _scorer_for(codings[0], codings[1], scorers)
    for coding in codings:
        result.labels[coding.name] = [record_label(main, coding.events.get(r.id, []))
                                      for r in records]
    result.alpha = krippendorff_alpha([result.labels[c] for c in result.labels.columns])
    return result


def _unique_names(codings: list[Coding]) -> None:
    """``compare acled acled``: the second is called ``acled#2``."""
    seen: Counter = Counter()
    for coding in codings:
        seen[coding.name] += 1
        if seen[coding.name] > 1:
            coding.name = f"{coding.name}#{seen[coding.name]}"


def _run_live(spec: str, records: list[GoldRecord], registry: CodebookRegistry, nlp,
              dictionaries) -> Coding:
    """A codebook run on the texts; a model folder from ``eventcoder train`` runs its
    codebook with the model (rules + model)."""
    trained = spec if Path(spec, "manifest.json").is_file() else None
    if trained:
        from ..learn.store import read_manifest
        book = load_codebook(registry, read_manifest(spec)["codebook"]["id"], dictionaries)
    else:
        book = load_codebook(registry, spec, dictionaries)
    run = run_codebook(Engine([book], nlp=nlp, pm=registry.pm, strict=False, trained=trained),
                       records)
    return Coding(book.id if spec == book.id else spec, book.id, run.events, live=True,
                  seconds=round(run.seconds, 4), problems=run.problems)


def _aligned(coding: Coding, records: list[GoldRecord] | None) -> Coding:
    """Re-key a file coder's records to the texts' ids: by id, else by identical text, else
    by the one text that contains it (an ACLED CSV written by a coder has the event's
    sentence as its notes)."""
    if records is None:
        return coding
    coding.events = _by_date(coding, records)
    if coding.texts is None:
        return coding
    ids = {r.id for r in records}
    texts = {r.id: " ".join(r.text.split()) for r in records}
    by_text = {text: rid for rid, text in texts.items()}
    own_text = {r.id: " ".join(r.text.split()) for r in coding.texts}
    events: dict[str, list[dict[str, Any]]] = {}
    for doc_id, found in coding.events.items():
        target = doc_id
        if doc_id not in ids and own_text.get(doc_id):
            text = own_text[doc_id]
            containing = [rid for rid, full in texts.items() if text in full]
            target = by_text.get(text) or (containing[0] if len(containing) == 1 else doc_id)
        events.setdefault(target, []).extend(found)
    coding.events = events
    return coding


def _by_date(coding: Coding, records: list[GoldRecord]) -> dict[str, list[dict[str, Any]]]:
    """PETRARCH events without story ids go to the one text with their date."""
    events: dict[str, list[dict[str, Any]]] = {}
    for key, found in coding.events.items():
        if key.startswith(DATE_KEY):
            date = key[len(DATE_KEY):]
            dated = [r.id for r in records if r.date == date]
            if len(dated) != 1:
                raise InputError(Problem(
                    f"event dated {date} matches {len(dated)} texts; add the story ids as a "
                    "5th column (ids separated by ';') to align it", file=found[0]["origin"]))
            key = dated[0]
        events.setdefault(key, []).extend(found)
    return events


def _scorer_for(a: Coding, b: Coding, scorers: dict[str, Scorer]) -> Scorer:
    family = a.family or b.family or ""
    scorer = scorers_for(family, scorers)[0]
    for other in (a, b):
        if other.family and scorer.families and not scorer.applies_to(other.family):
            raise InputError(Problem(f"cannot compare {a.name} ({a.family}) with {b.name} "
                                     f"({b.family}): different codebooks"))
    return scorer


def _pair(a: Coding, b: Coding, records: list[GoldRecord], scorer: Scorer) -> PairResult:
    reference = [GoldRecord(r.id, r.text, a.events.get(r.id, []), meta=r.meta)
                 for r in records]
    found = score(scorer, reference, b.events)
    labels_a = [record_label(scorer, a.events.get(r.id, [])) for r in records]
    labels_b = [record_label(scorer, b.events.get(r.id, [])) for r in records]
    same = sum(x == y for x, y in zip(labels_a, labels_b))
    rows = found.errors.rename(columns={"gold": a.name, "predicted": b.name})
    label_of = {r.id: (x, y) for r, x, y in zip(records, labels_a, labels_b)}
    rows.insert(1, f"label {a.name}", [label_of[i][0] for i in rows["id"]])
    rows.insert(2, f"label {b.name}", [label_of[i][1] for i in rows["id"]])
    return PairResult(a.name, b.name, scorer.name, len(records), found.events,
                      round(same / len(records), 4) if records else 0.0,
                      cohen_kappa(labels_a, labels_b), krippendorff_alpha([labels_a, labels_b]),
                      rows.drop(columns=["category", "tp", "fp", "fn"]))
