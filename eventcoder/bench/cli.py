"""The ``bench`` and ``compare`` commands (added by the built-in scoring plugin)."""
from __future__ import annotations

import json
from pathlib import Path

import click
import pandas as pd

from ..csvsafe import write_frame
from ..errors import EventcoderError
from ..formats import atomic_output


def _plugin_manager():
    from ..cli import plugin_manager
    return plugin_manager()


def require_bench_extra() -> None:
    """scipy (alignment) and krippendorff (agreement), from the bench extra."""
    from ..extras import require
    require("scipy.optimize", "bench", "eventcoder bench/compare")
    require("krippendorff", "bench", "eventcoder bench/compare")


def _load_nlp(model: str | None):
    from ..nlp import load_model
    return load_model(model)


@click.command()
@click.argument("gold", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--codebook", "-c", "codebooks", multiple=True, required=True,
              help="Codebook name or .yaml path to benchmark. Repeat to bench several.")
@click.option("--dictionaries", type=click.Path(exists=True, file_okay=False),
              help="Folder of PETRARCH-format dictionaries passed to the codebook.")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as one JSON object "
              "(a list of objects with several --codebook).")
@click.option("--report", type=click.Path(dir_okay=False, path_type=Path),
              help="Write a self-contained HTML report here.")
@click.option("--errors", type=click.Path(dir_okay=False, path_type=Path),
              help="Write every record with a false positive or negative to this CSV.")
@click.option("--limit", type=click.IntRange(min=1), help="Score only the first N records "
              "of each gold file.")
@click.option("--scorer", help="Use this registered scorer as the main one.")
@click.option("--model", help="spaCy pipeline to use.")
@click.option("--trained", type=click.Path(exists=True, file_okay=False),
              help="Code with this model folder from `eventcoder train` (rules + model).")
def bench(gold, codebooks, dictionaries, as_json, report, errors, limit, scorer, model,
          trained):
    """Code GOLD texts (gold .jsonl or an ACLED .csv export) and score them against the gold.

    Event level: per record, predicted and gold events are aligned on the codebook's key
    fields (CAMEO: source, target, code; ACLED: event type, sub-event type); then TP, FP, FN,
    precision, recall and F1. Field level: each gold event against its best-matching coded
    event (a missed event gets every field wrong); --errors names each record's wrong
    fields. Needs the bench extra: pip install "eventcoder[bench]".

    \b
    Examples:
      eventcoder bench ../shared/data/gold/cameo-phoenix-gsr.dev.jsonl -c cameo --json
      eventcoder bench acled-notes.dev.jsonl -c acled --report report.html --errors errors.csv
    """
    from .benchmark import bench as run_bench
    from ..registry import CodebookRegistry
    registry = CodebookRegistry(_plugin_manager())
    try:
        require_bench_extra()  # before minutes of coding, not after
        nlp = _load_nlp(model)
        results = [run_bench(gold, name, dictionaries=dictionaries, limit=limit, nlp=nlp,
                             scorer=scorer, registry=registry, trained=trained)
                   for name in codebooks]
    except EventcoderError as err:
        raise click.ClickException(str(err)) from None
    for result in results:
        for problem in result.run.problems:
            click.echo(f"eventcoder: {problem}", err=True)
        named = sorted({r.dictionaries for r in result.records if r.dictionaries})
        if named and not dictionaries:
            click.echo(f"eventcoder: hint: the gold was written with the PETRARCH dictionaries "
                       f"{', '.join(named)} (relative to the data folder); pass "
                       "--dictionaries DIR to code with them", err=True)
    if errors:
        frames = [r.main.errors.assign(codebook=r.codebook) for r in results]
        with atomic_output(errors) as stream:
            write_frame(pd.concat(frames, ignore_index=True), stream)
    if report:
        from .report import bench_report
        with atomic_output(report) as stream:
            stream.write(bench_report(results))
    data = [r.to_dict() for r in results]
    if as_json:
        click.echo(json.dumps(data[0] if len(data) == 1 else data, ensure_ascii=False))
    else:
        for item in data:
            click.echo(summary(item))


def summary(item: dict) -> str:
    """A few readable lines for one codebook's figures."""
    ev = item["events"]
    lines = [f"{item['codebook']} ({item['scorer']} scorer): {item['records']} records, "
             f"P {ev['precision']:.3f} R {ev['recall']:.3f} F1 {ev['f1']:.3f} "
             f"(tp {ev['tp']}, fp {ev['fp']}, fn {ev['fn']})"]
    if item["no_event"]["n"]:
        lines.append(f"  no-event records: {item['no_event']['correct']}/"
                     f"{item['no_event']['n']} correctly empty")
    if item.get("record_label", {}).get("n"):
        rl = item["record_label"]
        lines.append(f"  record label accuracy {rl['accuracy']:.3f} ({rl.get('correct', 0)}/"
                     f"{rl['n']} records: first predicted event has a gold label)")
    for name, fig in item["fields"].items():
        lines.append(f"  {name:<22} {fig['accuracy']:.3f}  (n={fig['n']})")
    if item.get("candidate_recall"):
        cr = item["candidate_recall"]
        lines.append(f"  candidate recall {cr['recall']:.3f} ({cr.get('proposed', 0)}/"
                     f"{cr.get('n', 0)} gold events proposed)")
    lines.append(f"  {item['seconds']:.2f}s ({item['records_per_second']} records/s), "
                 f"spaCy {item['nlp_seconds']:.2f}s")
    return "\n".join(lines)


@click.command()
@click.argument("coders", nargs=-1, required=True)
@click.option("--texts", type=click.Path(exists=True, dir_okay=False),
              help="Texts for live coders (gold JSONL, input JSONL, ACLED CSV). Default: the "
                   "texts of the first coder file that carries them.")
@click.option("--dictionaries", type=click.Path(exists=True, file_okay=False),
              help="PETRARCH-format dictionaries for live codebooks that take them.")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as one JSON object.")
@click.option("--report", type=click.Path(dir_okay=False, path_type=Path),
              help="Write a self-contained HTML report here.")
@click.option("--disagreements", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the records where coders disagree to this CSV.")
@click.option("--limit", type=click.IntRange(min=1), help="Only the first N texts.")
@click.option("--model", help="spaCy pipeline for live coders.")
def compare(coders, texts, dictionaries, as_json, report, disagreements, limit, model):
    """Compare CODERS on the same texts: pairwise event F1, kappa and Krippendorff's alpha.

    A coder is a codebook name or .yaml path (run live on the texts), a model folder from
    `eventcoder train` (its codebook run live with the model), or a file of coded
    events: eventcoder .jsonl/.csv output, a gold .jsonl, an ACLED export .csv (its notes are
    the texts), or a PETRARCH event file (date, source, target, code and optionally story ids;
    tab-separated). Records are aligned by document id, ACLED event id, identical text (or
    the text containing an ACLED note), or for PETRARCH lines without ids by date. Needs
    the bench extra: pip install "eventcoder[bench]".

    \b
    Examples:
      eventcoder compare acled ../shared/data/raw/acled/global_acled.csv
      eventcoder compare cameo mybook.codebook.yaml --texts articles.jsonl --report cmp.html
      eventcoder compare my-export.csv acled models/acled-mine   # rules vs rules + model
    """
    from .compare import compare as run_compare
    pm = _plugin_manager()
    try:
        require_bench_extra()
        live = any(not Path(c).is_file() or c.endswith((".yaml", ".yml")) for c in coders)
        result = run_compare(coders, texts=texts, dictionaries=dictionaries, limit=limit,
                             pm=pm, nlp=_load_nlp(model) if live else None)
    except EventcoderError as err:
        raise click.ClickException(str(err)) from None
    for coding in result.coders:
        for problem in coding.problems:
            click.echo(f"eventcoder: {problem}", err=True)
    if disagreements:
        frames = [p.disagreements.assign(a=p.a, b=p.b) for p in result.pairs]
        with atomic_output(disagreements) as stream:
            write_frame(pd.concat(frames, ignore_index=True), stream)
    if report:
        from .report import compare_report
        with atomic_output(report) as stream:
            stream.write(compare_report(result))
    data = result.to_dict()
    if as_json:
        click.echo(json.dumps(data, ensure_ascii=False))
        return
    click.echo(f"{data['records']} records; Krippendorff's alpha (all coders) {data['alpha']}")
    for pair in data["pairs"]:
        ev = pair["events"]
        click.echo(f"  {pair['a']} vs {pair['b']} ({pair['scorer']}): F1 {ev['f1']:.3f} "
                   f"(P {ev['precision']:.3f} R {ev['recall']:.3f}), label agreement "
                   f"{pair['label_agreement']:.3f}, kappa {pair['kappa']}, alpha {pair['alpha']}, "
                   f"{pair['disagreements']} records differ")
