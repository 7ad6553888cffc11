"""One event per document and key (by default: code, actor codes, recipient codes)."""
from __future__ import annotations

from ..hookspecs import hookimpl
from ..model import DEFAULT_KEY, event_key

ENTITIES_ON_DEMAND = True  # its hooks read no entity (eventcoder.entities)


@hookimpl(trylast=True)
def modify_events(events, doc, codebook) -> None:
    fields = getattr(codebook, "options", {}).get("dedupe") or DEFAULT_KEY
    seen = set()
    kept = []
    for event in events:
        key = event_key(event, fields)
        if key not in seen:
            seen.add(key)
            kept.append(event)
    events[:] = kept
