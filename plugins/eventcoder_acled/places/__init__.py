"""Where events happened, in one direction: names in the text (:mod:`.mentions`, with
ACLED's own remarks on where it coded an event in :mod:`.remarks`, and where people come
from or went, which is no event's place, in :mod:`.origins`) -> which of them are
places and which gazetteer records each may be (:mod:`.candidates`) -> the place of a
sentence's events (:mod:`.resolution`) -> the gazetteer itself (:mod:`.lookup`: GeoNames plus
the project's supplement, built once per process, pure look-ups; a researcher's own places,
:mod:`.place_list`, come first while their codebook codes; ACLED's own first-level
regions, :mod:`.admin1_regions`, name the admin1 where GeoNames draws other units). Each step
imports only the steps after it.
"""
from .resolution import locate, sentence_places

__all__ = ["locate", "sentence_places"]
