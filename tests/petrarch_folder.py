"""Hand-made PETRARCH dictionaries for tests: write a folder of them, code a text with it."""
from __future__ import annotations

import logging
from pathlib import Path

from eventcoder import Document, Engine
from eventcoder_cameo.petrarch import load_dictionaries


def write_dictionaries(path: Path, verbs: str, actors: str, agents: str) -> Path:
    (path / "Mine.verbs.txt").write_text(verbs)
    (path / "Mine.actors.txt").write_text(actors)
    (path / "Mine.agents.txt").write_text(agents)
    return path


def dictionary_engine(nlp, path: Path, **options) -> Engine:
    """An engine of the folder's dictionaries; their loader's warnings are not the point."""
    logging.disable(logging.WARNING)
    try:
        return Engine([load_dictionaries(path, options=options)], nlp=nlp)
    finally:
        logging.disable(logging.NOTSET)


def coded(engine: Engine, text: str) -> list[tuple[str, str, str]]:
    """(source, target, code) of each event, sorted; a coding problem fails the test."""
    result = next(engine.results([Document("t", text, "2015-06-01")]))
    assert not result.problems, result.problems
    return sorted((e["source"], e["target"], e["code"]) for e in result.events)
