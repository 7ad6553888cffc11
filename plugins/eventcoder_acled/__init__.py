"""ACLED codebook plugin: the built-in ACLED codebook (typing rules, actors, columns), codebook
files that extend it, its location hooks (gazetteer pipe, geocoder), the ``acled-csv`` output
format and ACLED exports read as gold."""
from eventcoder import CodebookRef, hookimpl

from .export import read_gold, register_acled_csv
from .extension import load_codebook
from .location_hooks import prepare_places_pipe, resolve_location_in_gazetteer

__all__ = ["register_codebooks", "register_scorers", "register_acled_csv", "read_gold",
           "prepare_places_pipe", "resolve_location_in_gazetteer", "load_codebook"]
# its coding hook (resolve_location) reads no entity; the places its pipe found from entities
# are there only with the ACLED codebook, which reads entities with the parse
ENTITIES_ON_DEMAND = True


def _load():
    """The codebook, with its sentence gate: sentences holding a word of some cue phrase,
    some cues only beside an actor (``codebooks/acled/acled.gate.yaml``)."""
    from importlib.resources import files

    from eventcoder.gate import load_gate

    from .actors import load_data
    from .codebook import AcledCodebook
    from .cues import load_triggers
    codebook = AcledCodebook()
    triggers, _ = load_triggers()
    lists = {f"cues.{name}": phrases for name, phrases in triggers.items()}
    groups, forces, terms = load_data()
    lists |= {f"actors.{kind}": spec["terms"] for kind, spec in terms["kinds"].items()}
    lists["actors.groups"] = [alias for group in groups for alias in group["aliases"]]
    lists["actors.forces"] = [alias for country in forces["countries"].values()
                              for aliases in [*(country.get("aliases") or {}).values(),
                                              *(unit.get("aliases", []) for unit in
                                                (country.get("units") or {}).values())]
                              for alias in aliases]
    codebook.gate = load_gate(files("eventcoder_codebooks") / "acled" / "acled.gate.yaml",
                              lists.get)
    return codebook


@hookimpl
def register_scorers(register) -> None:
    """``acled``: ACLED event types, actors, fatalities and places (also CASE 2021 gold)."""
    from .scoring import ACLED
    register(ACLED.name, ACLED)


@hookimpl
def register_codebooks(register):
    register(CodebookRef("acled", "2024", _load,
                         "ACLED (Armed Conflict Location & Event Data)"))
