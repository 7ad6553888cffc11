"""Codebook files that ``extends: acled``: ACLED's coder with rules, lexicon words, cue
phrases and places (:mod:`.places.place_list`) of the researcher's own, loaded through the
``load_codebook`` hook. A researcher's
copy of ``relevance.yaml`` (known by its ``acled: relevance`` key) is claimed too:
``eventcoder validate my-relevance.yaml`` checks it (errors located by file, rule and field)
and ``--codebook my-relevance.yaml`` codes ACLED with it.

The built-in ``acled.codebook.yaml`` is claimed too, so ``eventcoder validate`` checks every
ACLED data file it reads (lexicon, rules, columns) with located errors.
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from jsonschema import Draft202012Validator

from eventcoder import yamlio
from eventcoder.errors import CodebookError
from eventcoder.hookspecs import hookimpl
from eventcoder.validation import collect

from .lexicon import DATA

BASE = "acled"
YAML_SUFFIXES = (".yaml", ".yml")


@lru_cache(maxsize=1)
def _validator() -> Draft202012Validator:
    return Draft202012Validator(json.loads((DATA / "extension.schema.json").read_text("utf-8")))


@hookimpl(tryfirst=True)
def load_codebook(path: Path, registry):
    """An ACLED extension (``extends: acled``), a copy of ACLED's relevance file or ACLED's
    own codebook file; None for any other file."""
    if path.suffix.lower() not in YAML_SUFFIXES:
        return None
    data = yamlio.load(path)
    if not isinstance(data, dict):
        return None
    from .codebook import AcledCodebook
    if data.get("acled") == "relevance":
        from .relevance import load
        load(path)  # located errors now, not at the first document
        return AcledCodebook(relevance_file=path)
    if data.get("extends") == BASE:
        problems = collect(_validator(), data, str(path))
        if problems:
            raise CodebookError(problems)
        return AcledCodebook(extension=data, source=str(path))
    if data.get("codebook") == BASE and "event_types" in data and "extends" not in data:
        return AcledCodebook()
    return None
