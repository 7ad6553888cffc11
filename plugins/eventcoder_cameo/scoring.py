"""The CAMEO scorers: triples (source, target, code) and, as ``cameo-root``, (source,
target, root code); registered by this plugin's ``register_scorers``."""
from __future__ import annotations

from dataclasses import replace
from typing import Any

from eventcoder.bench import fields as f
from eventcoder.bench.scorer import FieldCheck, Scorer


def cameo_view(event: dict[str, Any]) -> dict[str, Any]:
    """source/target/code from a gold event, a CAMEO-plugin event or core fields."""
    source = event["source"] if "source" in event else f.first_code(event.get("actor"))
    target = event["target"] if "target" in event else f.first_code(event.get("recipient"))
    code = f.cameo_code(event["code"] if "code" in event else event.get("event_code"))
    source, target = f.cameo_actor(source), f.cameo_actor(target)
    return {"source": source, "target": target, "code": code, "root_code": f.root_code(code),
            "quad_class": f.quad_class(code), "source_country": f.country_part(source),
            "target_country": f.country_part(target)}


def cameo_candidates(candidate, resolve) -> list[dict[str, Any]]:
    """Every (source, target) a candidate proposes, resolved with the codebook's actors."""
    sources = [f.cameo_actor(c) for s in candidate.actors for c in resolve(s, "actor")]
    targets = [f.cameo_actor(c) for t in f.candidate_targets(candidate)
               for c in resolve(t, "recipient")]
    return [{"source": s, "target": t} for s in sources or [f.EMPTY_SLOT]
            for t in targets or [f.EMPTY_SLOT]]


CAMEO = Scorer(
    name="cameo", families=("cameo", "petrarch", "phoenix"), key=("source", "target", "code"),
    view=cameo_view, priority=10,
    fields=tuple(FieldCheck.equal(n) for n in (
        "code", "root_code", "quad_class", "source", "target", "source_country",
        "target_country")),
    label=lambda v: v.get("root_code"), fine_label=lambda v: v.get("code"),
    candidate_view=cameo_candidates, candidate_key=("source", "target"),
    description="CAMEO triples (source, target, code); root code, quad class, countries")
CAMEO_ROOT = replace(CAMEO, name="cameo-root", key=("source", "target", "root_code"),
                     tiebreak=("code",), priority=5,
                     description="CAMEO (source, target, root code)")
