"""ACLED codebook plugin: the built-in ACLED codebook (typing, actors, columns), its
location hooks (gazetteer pipe, geocoder), the ``acled-csv`` output format and ACLED
exports read as gold."""
from eventcoder import CodebookRef, hookimpl

from .export import read_gold, register_acled_csv
from .location_hooks import prepare_places_pipe, resolve_location_in_gazetteer
from .relevance_file import load_codebook

__all__ = ["register_codebooks", "register_acled_csv", "read_gold", "prepare_places_pipe",
           "resolve_location_in_gazetteer", "load_codebook"]


def _load():
    from .codebook import AcledCodebook
    return AcledCodebook()


@hookimpl
def register_codebooks(register):
    register(CodebookRef("acled", "2024", _load,
                         "ACLED (Armed Conflict Location & Event Data)"))
