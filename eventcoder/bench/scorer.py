"""The scorer protocol: how a codebook's events are compared with gold events.

A plugin adds scorers through the ``register_scorers`` hook::

    @eventcoder.hookimpl
    def register_scorers(register):
        register("mybook", Scorer(name="mybook", families=("mybook",), key=("code",),
                                  view=lambda e: {"code": e.get("code") or e.get("event_code")},
                                  fields=(FieldCheck.equal("code"),)))

Everything a scorer sees is a *view*: a flat dict made by ``view(event)`` from either a gold
event (in the codebook's own field names) or a predicted eventcoder event dict, so one
function handles both. ``None`` in a gold view means "not known, not scored".
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

View = dict[str, Any]


@dataclass(frozen=True)
class FieldCheck:
    """One field-level accuracy: ``compare(pred_view, gold_view)`` -> True/False, or None
    when the gold view does not know the value (the pair is then not counted)."""

    name: str
    compare: Callable[[View, View], bool | None]
    shows: tuple[str, ...] = ()  # view fields an error row prints (default: ``name``)

    def values(self, view: View) -> Any:
        """What this check read in a view, for an error row: one value or a tuple."""
        names = self.shows or (self.name,)
        found = tuple(view.get(n) for n in names)
        return found[0] if len(found) == 1 else found

    @classmethod
    def equal(cls, name: str, normalise: Callable[[Any], Any] = lambda v: v,
              field_name: str | None = None) -> "FieldCheck":
        """Exact agreement of one view field after ``normalise``; gold None is not scored."""
        key = field_name or name

        def compare(pred: View, gold: View) -> bool | None:
            if gold.get(key) is None:
                return None
            return normalise(pred.get(key)) == normalise(gold[key])
        return cls(name, compare, (key,))


@dataclass(frozen=True)
class Measure:
    """A numeric comparison of a gold event and its best match (e.g. distance in km);
    None: not measured."""

    name: str
    compute: Callable[[View, View], float | None]


@dataclass(frozen=True)
class Scorer:
    """How to score one codebook family.

    - ``families``: codebook ids this scorer applies to; "cameo" also covers "cameo-x",
      "cameo_x", "cameo.x". An empty tuple applies to every codebook (a generic fallback).
    - ``key``: view fields that define event identity; alignment maximises agreeing key fields
      and an aligned pair is a true positive when every key field agrees.
    - ``tiebreak``: view fields that only choose between alignments equal on the key.
    - ``view``: event dict (gold or predicted) -> flat view with at least the key fields.
    - ``fields`` / ``measures``: field-level checks, each gold event against its
      best-matching predicted event (a missed gold event gets every field wrong).
    - ``label`` / ``fine_label``: coarse label (confusion matrix, per-record label for
      agreement; e.g. CAMEO root code, ACLED event type) and fine label (per-label breakdown;
      e.g. CAMEO code, ACLED sub-event type).
    - ``candidate_view``: optional ``(candidate, resolve) -> list of partial views`` so the
      bench can tell whether a gold event was proposed at all (candidate recall); they are
      compared with gold views on ``candidate_key``. ``resolve(span, role)`` returns the
      codes the codebook gives an argument span (its ``resolve_span(span, role, ctx)`` if it
      has one, else the ``resolve_actor`` hook).
    - ``priority``: when several scorers apply, the highest is the codebook's main scorer.
    """

    name: str
    key: tuple[str, ...]
    view: Callable[[dict[str, Any]], View]
    families: tuple[str, ...] = ()
    tiebreak: tuple[str, ...] = ()
    fields: tuple[FieldCheck, ...] = ()
    measures: tuple[Measure, ...] = ()
    label: Callable[[View], str | None] | None = None
    fine_label: Callable[[View], str | None] | None = None
    candidate_view: Callable[[Any, Any], list[View]] | None = None
    candidate_key: tuple[str, ...] = ()
    priority: int = 0
    description: str = ""

    def applies_to(self, codebook_id: str | None) -> bool:
        if not self.families:
            return True
        if not codebook_id:
            return False
        cid = codebook_id.lower()
        return any(cid == f or cid.startswith((f + "-", f + "_", f + ".")) for f in self.families)

    def coarse(self, view: View) -> str | None:
        return self.label(view) if self.label else _first_key(self, view)

    def fine(self, view: View) -> str | None:
        return self.fine_label(view) if self.fine_label else self.coarse(view)


def _first_key(scorer: Scorer, view: View) -> str | None:
    value = view.get(scorer.key[0]) if scorer.key else None
    return None if value is None else str(value)


BUILTIN_PLUGIN = "eventcoder.scoring"


def registered_scorers(pm) -> dict[str, Scorer]:
    """Every scorer plugins register, by name.

    A codebook plugin may register a scorer under a built-in's name ("cameo"): it replaces
    the built-in one. Any other duplicate name is an error naming both plugins.
    """
    from ..errors import PluginError
    found: dict[str, tuple[Scorer, str]] = {}

    def register(name: str, scorer: Scorer, plugin: str) -> None:
        if not isinstance(scorer, Scorer):
            raise PluginError(f"plugin {plugin!r} registered scorer {name!r} as "
                              f"{type(scorer).__name__}, not eventcoder.bench.Scorer")
        if name in found:
            if plugin == BUILTIN_PLUGIN:
                return
            raise PluginError(f"scorer {name!r} is registered by both {found[name][1]!r} "
                              f"and {plugin!r}")
        found[name] = (scorer, plugin)
    for impl in reversed(pm.hook.register_scorers.get_hookimpls()):
        plugin = pm.get_name(impl.plugin) or repr(impl.plugin)
        impl.function(register=lambda n, s, _p=plugin: register(n, s, _p))
    return {name: scorer for name, (scorer, _) in found.items()}


def scorers_for(codebook_id: str, scorers: dict[str, Scorer]) -> list[Scorer]:
    """Scorers that apply to a codebook, main scorer first (specific before generic)."""
    applicable = [s for s in scorers.values() if s.applies_to(codebook_id)]
    return sorted(applicable, key=lambda s: (-s.priority, not s.families, s.name))
