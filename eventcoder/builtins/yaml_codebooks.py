"""Codebooks written as YAML files: named on the command line or found on a search path.

``EVENTCODER_CODEBOOK_PATH`` (os.pathsep-separated folders) makes every ``*.codebook.yaml``
and ``*/codebook.yaml`` there available by its id. The codebooks shipped as data in the
``eventcoder_codebooks`` package (``<folder>/<name>.codebook.yaml``, e.g. PLOVER) are
registered the same way, as fallbacks: a plugin registering the same id wins, and the files
of the bundled plugins (cameo, acled) are left to them.
"""
from __future__ import annotations

import logging
import os
import re
from importlib.resources import files
from pathlib import Path

from .. import yamlio
from ..errors import CodebookError
from ..codebook import CodebookRef
from ..hookspecs import hookimpl
from ..plugins import BUNDLED_PLUGINS
from ..rules import RuleCodebook

log = logging.getLogger(__name__)
YAML_SUFFIXES = (".yaml", ".yml")
DECLARED_ID = re.compile(r"""^codebook:[ \t]*["']?([a-z][a-z0-9_-]*)""", re.M)
SHIPPED_PACKAGE = "eventcoder_codebooks"


def codebook_files(folder: Path) -> list[Path]:
    return sorted({*folder.glob("*.codebook.yaml"), *folder.glob("*.codebook.yml"),
                   *folder.glob("*/codebook.yaml")})


def shipped_codebook_files() -> list[Path]:
    """``<folder>/*.codebook.yaml`` inside the installed ``eventcoder_codebooks`` package."""
    root = Path(str(files(SHIPPED_PACKAGE)))
    return sorted(p for folder in root.iterdir() if folder.is_dir()
                  for p in codebook_files(folder) if p.parent == folder)


def declared_id(path: Path) -> str | None:
    """The top-level ``codebook:`` id, read without parsing the (possibly large) file."""
    found = DECLARED_ID.search(path.read_text(encoding="utf-8"))
    return found[1] if found else None


def codebook_ref(path: Path, fallback: bool = False) -> CodebookRef | None:
    """A lazy reference to a codebook file, or None if the file is not a codebook."""
    head = yamlio.load(path)
    if not (isinstance(head, dict) and "codebook" in head):
        return None
    return CodebookRef(str(head["codebook"]), str(head.get("version", "")),
                       lambda lookup, p=path: RuleCodebook.from_yaml(p, lookup=lookup),
                       str(head.get("label") or path), lookup=True, fallback=fallback)


_warned: set[str] = set()


def _warn_once(err: CodebookError) -> None:
    """Registries are built several times per command; say it once."""
    if str(err) not in _warned:
        _warned.add(str(err))
        for problem in err.problems:
            log.warning("skipped a codebook on EVENTCODER_CODEBOOK_PATH: %s", problem)


@hookimpl
def register_codebooks(register) -> None:
    for folder in filter(None, os.environ.get("EVENTCODER_CODEBOOK_PATH", "").split(os.pathsep)):
        for path in codebook_files(Path(folder)):
            try:
                ref = codebook_ref(path)
            except CodebookError as err:  # one broken file must not stop every command
                _warn_once(err)
                continue
            if ref is not None:
                register(ref)
    for path in shipped_codebook_files():
        if declared_id(path) in BUNDLED_PLUGINS:  # those plugins load their own files
            continue
        if (ref := codebook_ref(path, fallback=True)) is not None:
            register(ref)


@hookimpl(trylast=True)
def load_codebook(path: Path, registry):
    if path.suffix.lower() not in YAML_SUFFIXES:
        return None
    return RuleCodebook.from_yaml(path, lookup=registry.get)
