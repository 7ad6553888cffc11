"""CAMEO codebook plugin: the built-in CAMEO 1.1b3 codebook and the CAMEO event fields."""
from eventcoder import CodebookRef, hookimpl

from .codebook import CameoCodebook, apply_cameo, is_cameo

ENTITIES_ON_DEMAND = True  # its hooks read no entity (eventcoder.entities)


@hookimpl
def register_codebooks(register):
    register(CodebookRef("cameo", "1.1b3", CameoCodebook.builtin,
                         "CAMEO (Conflict and Mediation Event Observations)"))


@hookimpl(tryfirst=True)
def modify_events(events, doc, codebook) -> None:
    """CAMEO codebooks (built-in, extending ones, PETRARCH dictionaries) get CAMEO fields."""
    if is_cameo(codebook):
        apply_cameo(events, doc, codebook)


@hookimpl
def register_scorers(register) -> None:
    """``cameo``: CAMEO triples (source, target, code); ``cameo-root``: aligned on (source,
    target, root code), the usual coarse CAMEO figure (``--scorer cameo-root``)."""
    from .scoring import CAMEO, CAMEO_ROOT
    for scorer in (CAMEO, CAMEO_ROOT):
        register(scorer.name, scorer)
