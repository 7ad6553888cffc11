"""The ACLED plugin's location hooks: the place-marking pipe and the default geocoder.

Both are registered through ``eventcoder_acled`` (its ``__init__`` imports them). The ACLED
codebook asks ``resolve_location`` for every event's place; the geocoder here runs
``trylast``, so a researcher's own ``resolve_location`` plugin answers first. For the ACLED
codebook it answers with the place its pipeline found (the units a note names beside the
name decide among namesakes); for any other caller, from the gazetteer alone.
"""
from __future__ import annotations

from typing import Any

from eventcoder.hookspecs import hookimpl

from .places import candidates  # noqa: F401 - registers the eventcoder_acled_places component
from .places.lookup import gazetteer

PLACES_PIPE = "eventcoder_acled_places"
FOUND_KEY = "eventcoder_acled.found_places"  # place name -> the pipeline's record, per doc


@hookimpl(specname="prepare_nlp")
def prepare_places_pipe(nlp, codebooks) -> None:
    """Add the place-marking pipe after the NER when the ACLED codebook, which reads places
    from it, is in use. Codebooks that only carry ACLED's types ("acled-from-cameo", a
    crosswalk from CAMEO events) never read it, and the pipe costs about a fifth of a parse."""
    if PLACES_PIPE in nlp.pipe_names:
        return
    if not any(getattr(c, "reads_places", False) for c in codebooks):
        return
    nlp.add_pipe(PLACES_PIPE, after="ner" if "ner" in nlp.pipe_names else None)


@hookimpl(specname="resolve_location", trylast=True)
def resolve_location_in_gazetteer(name: str, country: str | None, doc, codebook
                                  ) -> dict[str, Any] | None:
    """ACLED location fields for a place name: the ACLED pipeline's record for it in this
    document, else the built-in gazetteer's; None when neither knows it."""
    found = doc.user_data.get(FOUND_KEY, {}).get(name) if doc is not None else None
    if found is not None:
        return found
    gz = gazetteer()
    place = gz.resolve(name, country)
    if place is None:
        return None
    precision = 3 if place.kind in ("admin1", "country") else \
        2 if place.kind == "admin2" or place.approximate else 1
    return gz.fields(place, precision)
