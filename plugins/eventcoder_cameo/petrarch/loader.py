"""Reading a folder of PETRARCH dictionaries into a PetrarchCodebook."""
from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from eventcoder.actors import ActorDictionary
from eventcoder.errors import CodebookError, Problem

from ..cameo import EMPTY, CodeTable
from .actors import read_actors, read_agents, read_discards, with_demonym_plurals
from .codebook import PetrarchCodebook
from .ontology import read_ontology
from .verbs import read_verbs

log = logging.getLogger(__name__)


DICTIONARY_KINDS = (("ontology", ("ontology",)), ("verbs", ("verb", "cameo")),
                    ("agents", ("agent",)), ("actors", ("actor",)), ("discards", ("discard",)))


def dictionary_files(folder: Path) -> dict[str, list[Path]]:
    """Classify a folder's files by name: *verbs* or CAMEO*, *actors*, *agents*, *discards*."""
    found: dict[str, list[Path]] = {kind: [] for kind, _ in DICTIONARY_KINDS}
    for path in sorted(folder.iterdir()):
        name = path.name.lower()
        if not path.is_file() or not name.endswith(".txt"):
            continue
        kind = next((k for k, words in DICTIONARY_KINDS if any(w in name for w in words)), None)
        if kind:
            found[kind].append(path)
    return found


def load_dictionaries(folder: str | Path, *, id: str = "cameo",
                      options: dict[str, Any] | None = None,
                      table: CodeTable | None = None) -> PetrarchCodebook:
    """Read a folder of PETRARCH dictionaries; unreadable lines are logged with file and line
    (and kept in ``codebook.problems``); a folder without a verb dictionary is an error."""
    folder = Path(folder)
    if not folder.is_dir():
        raise CodebookError(Problem("not a folder of PETRARCH dictionaries", file=str(folder)))
    paths = dictionary_files(folder)
    if len(paths["verbs"]) != 1:
        raise CodebookError(Problem(
            f"expected one verb dictionary (*verbs*.txt or CAMEO*.txt), found "
            f"{[p.name for p in paths['verbs']] or 'none'}", file=str(folder)))
    problems: list[Problem] = []
    verbs = read_verbs(paths["verbs"][0], problems)
    entries = with_demonym_plurals([e for p in paths["actors"] for e in read_actors(p, problems)])
    entries += [e for p in paths["agents"] for e in read_agents(p, problems)]
    discards = read_discards(paths["discards"], problems)
    ontology = read_ontology(paths["ontology"][0], problems) if paths["ontology"] else None
    for problem in problems:
        log.warning("%s", problem)
    actors = ActorDictionary(entries, agent_only_prefix=EMPTY, lemmatize_agents=False)
    return PetrarchCodebook(verbs, actors, discards, id=id, version=f"petrarch:{folder.name}",
                            source=str(folder), options=options, problems=problems,
                            ontology=ontology, table=table)
