"""The ``eventcoder`` command line: a thin layer over Engine and the plugin hooks."""
from __future__ import annotations

import functools
import logging
import signal
import sys
from pathlib import Path

import click

from .engine import Engine
from .errors import EventcoderError, Problem
from .formats import WriteContext, atomic_output, registered_inputs, registered_outputs
from .frames import columns_for
from .inputs import iter_items
from .plugins import make_plugin_manager, plugin_rows
from .registry import CodebookRegistry


@functools.lru_cache(maxsize=1)
def plugin_manager():
    return make_plugin_manager()


def fail(message: str) -> None:
    raise click.ClickException(message)


def table(rows: list[dict], columns: list[str]) -> str:
    widths = {c: max([len(c)] + [len(str(r.get(c) or "")) for r in rows]) for c in columns}
    lines = ["  ".join(c.ljust(widths[c]) for c in columns).rstrip()]
    lines += ["  ".join(str(r.get(c) or "").ljust(widths[c]) for c in columns).rstrip()
              for r in rows]
    return "\n".join(lines)


class Reporter:
    """Prints located problems to stderr as they happen, and counts them."""

    def __init__(self):
        self.count = 0

    def __call__(self, problem: Problem) -> None:
        self.count += 1
        click.echo(f"eventcoder: {problem}", err=True)


class PluginGroup(click.Group):
    """A click group that adds plugin commands (``register_commands``) on first use."""

    _plugins_added = False

    @staticmethod
    def _warn_on_stderr() -> None:
        """Before any plugin loads (built-in commands load them too): they may warn."""
        logger = logging.getLogger("eventcoder")
        if not any(isinstance(h, WarningsToStderr) for h in logger.handlers):
            logger.addHandler(WarningsToStderr(logging.WARNING))

    def _add_plugin_commands(self) -> None:
        self._warn_on_stderr()
        if not self._plugins_added:
            self._plugins_added = True
            plugin_manager().hook.register_commands(cli=self)

    def list_commands(self, ctx):
        self._add_plugin_commands()
        return super().list_commands(ctx)

    def get_command(self, ctx, name):
        """A built-in command without asking plugins (``code`` need not import the bench)."""
        self._warn_on_stderr()
        found = super().get_command(ctx, name)
        if found is None:
            self._add_plugin_commands()
            found = super().get_command(ctx, name)
        return found


@click.group(cls=PluginGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="eventcoder", message="%(prog)s %(version)s")
def cli() -> None:
    """Code political events from news text with CAMEO, ACLED or your own codebook.

    \b
    Example:
      eventcoder code article.txt --codebook acled --date 2026-02-02 --format csv
    """


class WarningsToStderr(logging.Handler):
    """Warnings of the library (a skipped codebook file, a plugin left out) on stderr, as
    "eventcoder: warning: ..."; found at each call, so it follows a redirected stderr."""

    def emit(self, record: logging.LogRecord) -> None:
        click.echo(f"eventcoder: {record.levelname.lower()}: {record.getMessage()}", err=True)


@cli.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--codebook", "-c", "codebooks", multiple=True, required=True,
              help="Codebook name (see `eventcoder codebooks`) or a codebook .yaml file. "
                   "Repeat to code with several.")
@click.option("--format", "-f", "fmt", default="jsonl", show_default=True,
              help="Output format: jsonl, csv, acled-csv, parquet, or one a plugin adds.")
@click.option("--output", "-o", type=click.Path(),
              help="Output file (written atomically; default: standard output). With "
                   "--format parquet, a folder ending in / gets one part-*.parquet per "
                   "partition.")
@click.option("--date", help="Article date YYYY-MM-DD for inputs that carry none.")
@click.option("--source", help="Source name (e.g. the newspaper) for inputs that carry none.")
@click.option("--model", help="spaCy pipeline to use (any installed package or path).")
@click.option("--parse", "parse_mode", type=click.Choice(["candidates", "all"]),
              default="candidates", show_default=True, envvar="EVENTCODER_PARSE",
              help="candidates: fully parse only the sentences the codebooks' gates say they "
                   "can code (and the context they read), the NER only where asked for "
                   "when every codebook reads entities on demand; all: parse every sentence "
                   "fully (also $EVENTCODER_PARSE).")
@click.option("--input-format", type=click.Choice(["txt", "jsonl", "csv", "parquet"]),
              help="Read inputs (and stdin) as this type instead of guessing by suffix.")
@click.option("--csv-safe/--no-csv-safe", default=True, show_default=True,
              help="Neutralise CSV cells a spreadsheet would run as formulas (=, +, -, @).")
@click.option("--workers", "-w", type=click.IntRange(min=1), default=1, show_default=True,
              help="Processes coding in parallel (each loads the model once); with "
                   "--engine dask, the size of the local cluster.")
@click.option("--engine", "run_engine", type=click.Choice(["local", "dask"]), default="local",
              show_default=True, help="Run partitions in local processes or on Dask "
                                      "(the dask extra: pip install \"eventcoder[dask]\").")
@click.option("--scheduler", metavar="ADDRESS",
              help="Dask scheduler, e.g. tcp://host:8786 (default: a LocalCluster).")
@click.option("--partition-size", type=click.IntRange(min=1),
              help="Documents per partition: the unit of parallel work and of resume "
                   "[default: 500; with several workers, fewer on small inputs so that "
                   "each worker gets 8 partitions].")
@click.option("--resume/--no-resume", default=True, show_default=True,
              help="Keep the partitions a crashed or interrupted run with the same "
                   "inputs and options stored in OUTPUT.parts/, and code only the rest.")
@click.option("--keep-parts", is_flag=True,
              help="Keep OUTPUT.parts/ (partitions and manifest) after a successful run.")
@click.option("--errors", "errors_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Write failed documents (id, origin, reason) here: .csv or .jsonl.")
@click.option("--quiet", "-q", is_flag=True,
              help="No progress bar (it is shown only when stderr is a terminal).")
@click.option("--progress-log", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write progress to this file: elapsed seconds, documents done, "
                   "total, rate (documents/s over the last two minutes) and ETA, every 5 s.")
@click.option("--dictionaries", type=click.Path(exists=True, file_okay=False),
              help="Code with this folder of PETRARCH-format dictionaries (verbs, actors, "
                   "agents, discards), e.g. with -c cameo (local runs: --workers 1).")
@click.option("--harvest", type=click.Path(dir_okay=False, path_type=Path),
              help="With --dictionaries: write the verbs and actor phrases that were found "
                   "but not coded to this JSON-lines file, to grow the dictionaries.")
@click.option("--trained", type=click.Path(exists=True, file_okay=False),
              help="A model folder from `eventcoder train`: it decides the category of its "
                   "codebook's events where it is confident.")
def code(inputs, codebooks, fmt, output, date, source, model, parse_mode, input_format,
         csv_safe, workers, run_engine, scheduler, partition_size, resume, keep_parts, errors_file,
         quiet, progress_log, dictionaries, harvest, trained):
    """Code INPUT files (.txt, .jsonl, .csv, .parquet, gzipped .txt/.jsonl/.csv, folders,
    or - for stdin) into events.

    Inputs are streamed and coded in partitions; with -o, finished partitions are kept in
    OUTPUT.parts/ until the run completes, so re-running the same command after a crash or
    Ctrl-C codes only what is missing and writes the same output. A document that cannot be
    read or coded is reported (on stderr, or in --errors FILE) and the rest are coded; the
    exit status is 1 when anything was left out.

    \b
    Examples:
      eventcoder code benchmarks/articles/kivu-attacks.txt --codebook cameo
      eventcoder code corpus.jsonl -c acled -f acled-csv -o events.csv
      eventcoder code news/ -c cameo -o events.jsonl --workers 2 --errors failed.csv
      eventcoder code corpus.parquet -c cameo --engine dask --scheduler tcp://host:8786 \\
          -f parquet -o events/
      echo "Rebels attacked the army in Goma." | eventcoder code - -c cameo
    """
    from .corpus import CorpusJob, run_outputs
    from .inputs import UniqueIds, input_date
    from .parallel import CoderSpec
    from .progress import CodingProgress
    from .runner import RunPlan
    pm = plugin_manager()
    outputs = registered_outputs(pm)
    if fmt not in outputs:
        fail(f"unknown format {fmt!r}; choose from {', '.join(sorted(outputs))}")
    writer = outputs[fmt]
    if not writer.streams and output in (None, "-"):
        fail(f"--format {fmt} needs --output FILE")
    local = workers == 1 and run_engine == "local"
    if (dictionaries or harvest) and not local:
        fail("--dictionaries and --harvest need --workers 1 and --engine local")
    if harvest and not dictionaries:
        fail("--harvest needs --dictionaries")
    if date is not None and input_date(date) is None:
        fail(f"--date {date!r} is not a date; expected YYYY-MM-DD (or YYYY-MM, YYYY)")
    try:
        chosen = [CodebookRegistry(pm).get(c).with_dictionaries(dictionaries)
                  for c in codebooks] if dictionaries else list(codebooks)
        engine = (Engine(chosen, model=model, pm=pm, strict=False, parse=parse_mode,
                         trained=trained)
                  if local else None)
        for book in engine.codebooks if harvest else []:
            book.start_harvest()
        books = engine.codebooks if engine else [CodebookRegistry(pm).get(c)
                                                 for c in codebooks]
        if not local:
            check_model(model)
        if trained and not local:  # a bad model folder fails here, not in every worker
            from .learn import check_trained
            check_trained(trained, books)
    except EventcoderError as err:
        fail(str(err))
    report = Reporter()
    spec = CoderSpec(tuple(codebooks), model, parse=parse_mode,
                     trained=str(Path(trained).resolve()) if trained else None)
    plan = RunPlan(tuple(inputs), spec,
                   partition_size, input_format, date, source,
                   tuple(x for x in (dictionaries, trained) if x),
                   run_outputs(output, errors_file, harvest))
    ids = UniqueIds(warn=lambda p: click.echo(f"eventcoder: warning: {p}", err=True))
    job = CorpusJob(
        plan, lambda: iter_items(inputs, registered_inputs(pm), input_format=input_format,
                                 date=date, source=source, exclude=plan.outputs, ids=ids),
        writer, WriteContext(books, columns_for(books), {"csv_safe": csv_safe}),
        output=output, errors=errors_file, workers=workers, engine=run_engine,
        scheduler=scheduler, keep_parts=keep_parts,
        resume=resume and not harvest,  # the harvest needs every partition coded
        progress=CodingProgress.wanted(quiet), progress_log=progress_log,
        on_failure=None if errors_file else lambda f: report(failure_problem(f)),
        local_engine=engine)
    try:
        summary = job.run()
    except EventcoderError as err:
        fail(str(err))
    if harvest:
        write_harvest(harvest, engine.codebooks)
    where = f" (listed in {errors_file})" if errors_file and summary.failures else ""
    resumed = (f"; {summary.resumed} of {summary.partitions} partition(s) resumed"
               if summary.resumed else "")
    click.echo(f"eventcoder: coded {summary.documents} document(s), {summary.events} "
               f"event(s); {summary.failures} problem(s){where}{resumed}", err=True)
    if summary.failures:
        sys.exit(1)


def write_harvest(path: Path, books) -> None:
    """PETRARCH's null verbs and null actors: one JSON line per phrase, most frequent first."""
    import json
    with atomic_output(path) as out:
        for book in books:
            for record in book.harvest_records():
                out.write(json.dumps(record, ensure_ascii=False) + "\n")


def failure_problem(failure: dict) -> Problem:
    """A failed document (a row of the errors file) as a located problem for stderr."""
    reason = failure["reason"] if failure["id"] is None else (
        f"{failure['reason']} (document {failure['id']})")
    return Problem(reason, file=failure["origin"])


def check_model(model: str | None) -> None:
    """Fail before starting workers when the model they would load is not installed."""
    from .errors import ModelNotFoundError
    from .nlp import INSTALL_HINT, installed, resolve_model_name
    name = resolve_model_name(model)
    if not installed(name) and not Path(name).exists():
        raise ModelNotFoundError(f"spaCy pipeline {name!r} is not installed; install it "
                                 f"or use the default: {INSTALL_HINT}")


@cli.command()
def codebooks():
    """List the codebooks that plugins provide, with version and plugin.

    \b
    Example:
      eventcoder codebooks
    """
    registry = CodebookRegistry(plugin_manager())
    rows = [{"codebook": r.id, "version": r.version, "plugin": r.plugin, "label": r.label}
            for r in registry.refs()]
    click.echo(table(rows, ["codebook", "version", "plugin", "label"]))


@cli.command()
def plugins():
    """List installed plugins with their distribution, version and hooks.

    \b
    Example:
      eventcoder plugins
    """
    click.echo(table(plugin_rows(plugin_manager()), ["name", "distribution", "version", "hooks"]))


@cli.command()
@click.argument("codebook_file", type=click.Path(exists=True, dir_okay=False))
def validate(codebook_file):
    """Check a codebook file against the codebook schema and compile its patterns.

    \b
    Example:
      eventcoder validate mybook.codebook.yaml
    """
    import spacy
    try:
        codebook = CodebookRegistry(plugin_manager()).get(codebook_file)
        codebook.prepare(spacy.blank("en"))
    except EventcoderError as err:
        click.echo(str(err), err=True)
        sys.exit(1)
    held = ", ".join(f"{count} {kind}" for kind, count in codebook.contents().items())
    click.echo(f"{codebook_file}: ok (codebook {codebook.id!r} {codebook.version}, {held})")


from .learn.command import train  # noqa: E402  (imports scikit-learn only when run)

cli.add_command(train)


def main() -> None:
    """Console entry point; a plugin that fails to load is reported, not a traceback."""
    signal.signal(signal.SIGTERM, _terminated)
    try:
        cli()
    except EventcoderError as err:
        click.echo(f"eventcoder: {err}", err=True)
        sys.exit(2)


def _terminated(signum, frame) -> None:
    """SIGTERM unwinds like Ctrl-C: temporary files are removed, stored partitions kept."""
    sys.exit(128 + signum)
