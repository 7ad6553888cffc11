"""Run every gold set with the right codebook and record the figures in RESULTS.md.

Gold sets: ``../shared/data/gold/*.jsonl`` (skipped when absent; never copied here), the
project's own articles in ``benchmarks/articles/*.gold.jsonl`` and the shared articles.
cameo-* -> cameo (with the set's PETRARCH dictionaries when the CAMEO codebook takes them),
acled-* and case2021-* -> acled, plover-* -> plover (when a plugin registers it).

    python benchmarks/run.py                 # all sets, writes benchmarks/RESULTS.md
    python benchmarks/run.py --only cameo --limit 50 --no-write --json
    python benchmarks/run.py --reports /tmp/bench-reports   # plus HTML report + errors CSV
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from results_md import markdown_table, short, write_section  # noqa: E402

from eventcoder.bench import bench, load_gold  # noqa: E402
from eventcoder.bench.report import bench_report  # noqa: E402
from eventcoder.errors import CodebookError  # noqa: E402
from eventcoder.nlp import load_model  # noqa: E402
from eventcoder.plugins import make_plugin_manager  # noqa: E402
from eventcoder.registry import CodebookRegistry  # noqa: E402

SHARED = Path(os.environ.get("EVENTCODER_SHARED_DATA", HERE.parent.parent / "shared" / "data"))
CODEBOOK_BY_PREFIX = {"cameo-": "cameo", "acled-": "acled", "case2021-": "acled",
                      "plover-": "plover"}


def gold_sets(only: str | None) -> list[tuple[Path, list[str], Path | None]]:
    """(gold file, codebooks to run, data folder its ``dictionaries`` are relative to)."""
    found: list[tuple[Path, list[str], Path | None]] = []
    for path in sorted((SHARED / "gold").glob("*.jsonl")) if SHARED.is_dir() else []:
        book = next((b for p, b in CODEBOOK_BY_PREFIX.items() if path.name.startswith(p)), None)
        if book:
            found.append((path, [book], SHARED))
    articles = sorted(HERE.glob("articles/*.gold.jsonl"))
    articles += sorted((SHARED / "articles").glob("*.gold.jsonl")) if SHARED.is_dir() else []
    for path in articles:
        books = sorted({r.codebook for r in load_gold(path) if r.codebook})
        found.append((path, books, None))
    return [item for item in found if not only or only in item[0].name]


def dictionaries_for(path: Path, data: Path | None, codebook, limit: int | None) -> str | None:
    """The set's PETRARCH dictionaries folder, if it names one and the codebook takes it."""
    if data is None:
        return None
    named = {r.dictionaries for r in load_gold(path, limit) if r.dictionaries}
    if len(named) != 1:
        return None
    folder = data / named.pop()
    try:
        codebook.with_dictionaries(str(folder))
    except CodebookError:
        return None
    return str(folder)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", help="run gold files whose name contains this")
    parser.add_argument("--limit", type=int, help="first N records of each set")
    parser.add_argument("--codebook", action="append", dest="codebooks",
                        help="only this codebook (repeatable; default: each set's own)")
    parser.add_argument("--json", action="store_true", help="print all figures as JSON")
    parser.add_argument("--no-write", action="store_true", help="do not update RESULTS.md")
    parser.add_argument("--reports", type=Path, help="also write an HTML report and an "
                        "errors CSV per set and codebook into this folder")
    parser.add_argument("--results", type=Path, default=HERE / "RESULTS.md")
    args = parser.parse_args(argv)
    pm = make_plugin_manager()
    registry = CodebookRegistry(pm)
    known = {ref.id for ref in registry.refs()}
    nlp = load_model()
    rows, figures, skipped = [], [], []
    for path, books, data in gold_sets(args.only):
        for book in books:
            if args.codebooks and book not in args.codebooks:
                continue
            if book not in known:
                skipped.append(f"{path.name}: codebook {book!r} is not registered")
                continue
            try:
                folder = dictionaries_for(path, data, registry.get(book), args.limit)
                result = bench([path], book, dictionaries=folder, limit=args.limit, nlp=nlp,
                               registry=registry)
            except Exception as err:  # noqa: BLE001 - a broken codebook is reported, others go on
                skipped.append(f"{path.name} [{book}]: failed: {short(err)}")
                print(f"{path.name} [{book}]: failed: {err}", file=sys.stderr)
                continue
            item = result.to_dict()
            figures.append(item)
            if args.reports:
                write_reports(args.reports, path, result)
            rows.append(row_for(path, item, folder, data))
            print(f"{path.name} [{book}]: F1 {item['events']['f1']:.3f}", file=sys.stderr)
    if args.json:
        print(json.dumps(figures, ensure_ascii=False))
    if not args.no_write:
        write_section(args.results, "bench-run", section(rows, skipped, argv))
    return 0


def write_reports(folder: Path, path: Path, result) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    stem = f"{path.name.split('.')[0]}-{result.codebook}"
    (folder / f"{stem}.html").write_text(bench_report([result]), encoding="utf-8")
    result.main.errors.to_csv(folder / f"{stem}.errors.csv", index=False)


def row_for(path: Path, item: dict, folder: str | None, data: Path | None) -> dict:
    ev, fields = item["events"], item["fields"]
    main_fields = [n for n in ("code", "root_code", "event_type", "sub_event_type",
                               "actors_no_year", "event") if n in fields]
    cr = item.get("candidate_recall") or {}
    return {
        "gold set": path.name, "codebook": item["codebook"],
        "dictionaries": Path(folder).name if folder else "",
        "records": item["records"], "P": ev["precision"], "R": ev["recall"], "F1": ev["f1"],
        "tp/fp/fn": f"{ev['tp']}/{ev['fp']}/{ev['fn']}",
        "no-event ok": f"{item['no_event']['correct']}/{item['no_event']['n']}"
        if item["no_event"]["n"] else "",
        "field accuracy (per gold event)": ", ".join(
            f"{n} {fields[n]['accuracy']:.2f}" for n in main_fields),
        "cand. recall": cr.get("recall"),
        "records/s": item["records_per_second"],
        "parse share": round(item["nlp_cpu_seconds"] / item["cpu_seconds"], 2)
        if item["cpu_seconds"] else None,
    }


def section(rows: list[dict], skipped: list[str], argv: list[str] | None) -> str:
    command = "python benchmarks/run.py" + "".join(f" {a}" for a in (argv or sys.argv[1:]))
    columns = ["gold set", "codebook", "dictionaries", "records", "P", "R", "F1", "tp/fp/fn",
               "no-event ok", "field accuracy (per gold event)", "cand. recall", "records/s",
               "parse share"]
    lines = ["## Gold sets (benchmarks/run.py)", "", f"Command: `{command}`", "",
             "Event level: per record, predicted and gold events aligned on the codebook key "
             "(CAMEO source/target/code; ACLED event type/sub-event type; PLOVER event). "
             "Field accuracy: each gold event against its best-matching coded event (a missed "
             "event gets every field wrong). Sentences are parsed only where a codebook's gate "
             "asks (`--parse candidates`, the default). "
             "`parse share` = CPU time in spaCy / CPU time of the whole coding run; "
             "`records/s` is wall-clock on a shared machine.", "",
             markdown_table(rows, columns)]
    if skipped:
        lines += ["", "Skipped: " + "; ".join(skipped)]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
