"""A researcher's copy of ``relevance.yaml`` given as a codebook file: ``eventcoder validate
my-relevance.yaml`` checks it (errors located by file, rule and field) and ``--codebook
my-relevance.yaml`` codes ACLED with it. Files are known by their ``acled: relevance`` key."""
from __future__ import annotations

from pathlib import Path

from eventcoder import hookimpl, yamlio


@hookimpl(tryfirst=True)
def load_codebook(path: Path, registry):
    if path.suffix not in (".yaml", ".yml"):
        return None
    data = yamlio.loads(path.read_text(encoding="utf-8"), str(path))
    if not isinstance(data, dict) or data.get("acled") != "relevance":
        return None
    from .codebook import AcledCodebook
    from .relevance import load
    load(path)  # located errors now, not at the first document
    return AcledCodebook(relevance_file=path)
