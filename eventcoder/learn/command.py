"""The ``eventcoder train`` command."""
from __future__ import annotations

import sys
from contextlib import contextmanager
from pathlib import Path

import click

from ..errors import EventcoderError
from ..extras import require


@contextmanager
def progress_bars(enabled: bool):
    """``step(stage, total)`` -> a function to call per step, drawing a rich bar on stderr
    (nothing when stderr is not a terminal or with --quiet)."""
    if not enabled:
        yield None
        return
    from rich.console import Console
    from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn,
                               TimeElapsedColumn, TimeRemainingColumn)
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                  TimeRemainingColumn(), TimeElapsedColumn(),
                  console=Console(stderr=True)) as bars:
        def step(stage: str, total: int):
            task = bars.add_task(stage, total=total)
            return lambda: bars.advance(task)
        yield step


@click.command()
@click.argument("data", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--codebook", "-c", required=True,
              help="Codebook whose categories to learn (acled, plover, cameo, or a .yaml).")
@click.option("--output", "-o", required=True, type=click.Path(file_okay=False),
              help="Folder to write the model, its manifest and the CV report into "
                   "(replaced only when training succeeds).")
@click.option("--folds", type=click.IntRange(min=2), default=5, show_default=True,
              help="Cross-validation folds (records of one text stay in one fold).")
@click.option("--no-add", is_flag=True,
              help="Never add an event where the rules found none (for coding texts unlike "
                   "DATA: a model trained without texts that hold no event is confident on "
                   "texts that hold none; it adds only to short texts whose words it mostly "
                   "knows, which stops most such adds, not all).")
@click.option("--model", help="spaCy pipeline the rules code with.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
def train(data, codebook, output, folds, no_add, model, quiet):
    """Learn CODEBOOK's categories from DATA you coded: gold .jsonl files or ACLED export
    .csv files (their notes are the texts).

    The rules code every text; a linear model learns the category (ACLED: sub-event type and
    event or not; PLOVER: event type; CAMEO: root code) from the words and the rules' own
    findings, and where cross-validation shows it pays, overrules the rules' category, drops
    their event, or adds one where they found none. Cross-validation also chooses between
    that one linear layer and a stacked model (a text layer whose held-out scores a
    logistic regression reads beside the rules' findings). A k-fold cross-validated report
    (rules alone, model, hybrid, the layers chosen) is printed and written to
    OUTPUT/cv-report.md; use the model with `eventcoder code --trained OUTPUT`.

    \b
    Example:
      eventcoder train my-acled-export.csv --codebook acled --output models/acled-mine
      eventcoder code articles.jsonl -c acled --trained models/acled-mine -o events.jsonl
    """
    from ..engine import Engine
    try:
        require("sklearn", "train", "eventcoder train")
        from .train import train as run_train
        engine = Engine([codebook], model=model, strict=False)
        with progress_bars(not quiet and sys.stderr.isatty()) as step:
            result = run_train(data, engine.codebooks[0].id, output, folds=folds,
                               engine=engine, progress=step, add=not no_add)
    except EventcoderError as err:
        raise click.ClickException(f"{err}\nno model written") from None
    click.echo(result.report_text)
    click.echo(f"eventcoder: model written to {Path(result.directory)}", err=True)
