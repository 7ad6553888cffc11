"""The built-in scorers (``eventcoder.bench.data_scorers``: PLOVER, generic) and the
``bench`` and ``compare`` commands. A plugin registering a built-in's name replaces it."""
from __future__ import annotations

from ..hookspecs import hookimpl


@hookimpl(trylast=True)
def register_scorers(register) -> None:
    from ..bench.data_scorers import GENERIC, PLOVER  # bench (pandas, scipy) on first use
    for scorer in (PLOVER, GENERIC):
        register(scorer.name, scorer)


@hookimpl
def register_commands(cli) -> None:
    from ..bench.cli import bench, compare
    cli.add_command(bench)
    cli.add_command(compare)
