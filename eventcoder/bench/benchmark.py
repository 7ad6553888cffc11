"""``eventcoder bench`` as a function: gold files + a codebook -> scores and timings."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Sequence

from ..engine import Engine
from ..errors import InputError, Problem
from ..plugins import make_plugin_manager
from ..registry import CodebookRegistry
from .gold import GoldRecord, load_gold
from .run import Run, load_codebook, run_codebook
from .score import Score, score
from .scorer import Scorer, registered_scorers, scorers_for


@dataclass
class BenchResult:
    """One codebook on one set of gold records: the main score, other scorers, the run."""

    codebook: str
    gold: list[str]
    records: list[GoldRecord]
    run: Run
    main: Score
    others: list[Score] = field(default_factory=list)
    dictionaries: str | None = None

    def to_dict(self) -> dict[str, Any]:
        seconds = self.run.seconds
        return {
            "codebook": self.codebook, "gold": self.gold, "dictionaries": self.dictionaries,
            **self.main.to_dict(),
            "seconds": round(seconds, 4),
            "records_per_second": round(len(self.records) / seconds, 2) if seconds else None,
            "nlp_seconds": round(self.run.nlp_seconds, 4),
            "cpu_seconds": round(self.run.cpu_seconds, 4),
            "nlp_cpu_seconds": round(self.run.nlp_cpu_seconds, 4),
            "problems": [str(p) for p in self.run.problems],
            "other_scorers": {s.scorer: {"events": s.events, "fields": s.fields}
                              for s in self.others},
        }


def select_records(records: Sequence[GoldRecord], codebook_id: str, scorer: Scorer
                   ) -> list[GoldRecord]:
    """Records for this codebook: those naming no codebook, or one the scorer covers."""
    def wanted(record: GoldRecord) -> bool:
        if not record.codebook:
            return True
        return record.codebook == codebook_id or bool(scorer.families) and \
            scorer.applies_to(record.codebook)
    return [r for r in records if wanted(r)]


def check_gold_fits(records: Sequence[GoldRecord], scorer: Scorer) -> None:
    """A gold event without the scorer's label (CAMEO code, ACLED event type) is gold
    written for another codebook."""
    for record in records:
        for number, event in enumerate(record.events):
            if scorer.coarse(scorer.view(event)) is None:
                raise InputError(Problem(
                    f"gold event has no label for the {scorer.name} scorer (key fields "
                    f"{', '.join(scorer.key)}); is this gold for another codebook?",
                    file=record.origin, field=f"events[{number}]"))


def bench(gold: Sequence[str | Path], codebook: str, *, dictionaries: str | None = None,
          limit: int | None = None, pm=None, nlp=None, scorer: str | None = None,
          registry: CodebookRegistry | None = None, trained: str | None = None
          ) -> BenchResult:
    """Code the gold texts with ``codebook`` and score them with every applicable scorer.

    ``limit`` keeps the first N records of each gold file; ``scorer`` forces a main scorer;
    pass a ``registry`` to reuse codebooks already loaded across calls; ``trained`` is a
    model folder from ``eventcoder train`` to code with (rules + model).
    """
    pm = pm or (registry.pm if registry else make_plugin_manager())
    registry = registry or CodebookRegistry(pm)
    book = load_codebook(registry, codebook, dictionaries)
    available = registered_scorers(pm)
    applicable = scorers_for(book.id, available)
    if scorer:
        if scorer not in available:
            raise InputError(Problem(f"unknown scorer {scorer!r}; known: "
                                     f"{', '.join(sorted(available))}"))
        applicable = [available[scorer]] + [s for s in applicable if s.name != scorer]
    main = applicable[0]
    records = [r for path in gold for r in load_gold(path, limit)]
    records = select_records(records, book.id, main)
    check_gold_fits(records, main)
    engine = Engine([book], nlp=nlp, pm=pm, strict=False, trained=trained)
    run = run_codebook(engine, records, main)
    scores = [score(s, records, run.events, run.candidates if s is main else None)
              for s in applicable if s is main or (s.families and _fits(records, s))]
    return BenchResult(book.id, [str(p) for p in gold], records, run, scores[0], scores[1:],
                       dictionaries)


def _fits(records: Sequence[GoldRecord], scorer: Scorer) -> bool:
    try:
        check_gold_fits(records, scorer)
    except InputError:
        return False
    return True
