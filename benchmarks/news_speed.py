"""News speed: coding ordinary news against spaCy's bare full parse of the same texts.

Most sentences of a real corpus hold nothing a codebook codes, which the conflict-dense gold
mix of ``throughput.py`` hides. On the first ``--texts`` BBC dev articles (or a seeded
sample), in one run: CPU time of a bare ``nlp.pipe`` (a fresh pipeline, the engine's batch
size), then CPU time of coding the same texts with each codebook through the Engine, with
the sentence gate on (``--parse candidates``) and off (``--parse all``), each in a fresh
process (so no run inherits another's warm caches), model loaded and warmed first so
start-up does not count. ``ratio`` = coding CPU / bare parse CPU; process CPU time, not wall
time, because the machine may be shared. With ``--repeat N`` the bare parse (also in a fresh
process) and every coding run are measured N times, interleaved, and the least CPU time of
each is kept: on a loaded machine one run's CPU time swings by 10-20 %.

    python benchmarks/news_speed.py                      # acled and cameo, 200 articles
    python benchmarks/news_speed.py --codebook plover --texts 100 --json
    python benchmarks/news_speed.py --repeat 3          # least of three interleaved runs
"""
from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

from eventcoder.engine import Engine
from eventcoder.model import Document
from eventcoder.nlp import load_model

HERE = Path(__file__).resolve().parent
SHARED = Path(os.environ.get("EVENTCODER_SHARED_DATA", HERE.parent.parent / "shared" / "data"))
NEWS = SHARED / "news" / "bbc-news.dev.jsonl"
WARM_UP = 5
BATCH = 32  # the engine's batch size


def articles(count: int, seed: int | None) -> list[Document]:
    """The first ``count`` articles, or ``count`` drawn with ``seed``."""
    if not NEWS.is_file():
        raise SystemExit(f"no news file at {NEWS} (set EVENTCODER_SHARED_DATA)")
    records = [json.loads(line) for line in NEWS.read_text(encoding="utf-8").splitlines()
               if line.strip()]
    chosen = random.Random(seed).sample(records, count) if seed is not None else records[:count]
    return [Document(str(r["id"]), r["text"], r.get("date")) for r in chosen]


def cpu(work) -> float:
    started = time.process_time()
    work()
    return time.process_time() - started


def bare_parse(documents: list[Document], model: str | None, batch: int) -> float:
    nlp = load_model(model)
    list(nlp.pipe(d.text for d in documents[:WARM_UP]))
    return cpu(lambda: list(nlp.pipe((d.text for d in documents), batch_size=batch)))


def coding(codebook: str, mode: str, args: argparse.Namespace) -> dict:
    """The figures of one codebook and mode (or the bare parse: codebook "bare"), measured
    in a fresh process."""
    command = [sys.executable, __file__, "--one", codebook, mode, "--texts", str(args.texts)]
    command += ["--seed", str(args.seed)] if args.seed is not None else []
    command += ["--model", args.model] if args.model else []
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.splitlines()[-1])


def code_once(codebook: str, mode: str, documents: list[Document], model: str | None
              ) -> dict:
    engine = Engine([codebook], model=model, strict=False, parse=mode)
    list(engine.results(documents[:WARM_UP]))
    results: list = []
    seconds = cpu(lambda: results.extend(engine.results(documents)))
    return {"cpu_seconds": round(seconds, 3),
            "events": sum(len(r.events) for r in results),
            "failed": sum(1 for r in results if r.problems),
            "gated": engine.gate is not None}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", type=int, default=200, help="articles (default 200)")
    parser.add_argument("--seed", type=int, help="sample the articles with this seed "
                        "(default: the first ones)")
    parser.add_argument("--codebook", action="append", dest="codebooks",
                        help="codebook to time (repeatable; default acled and cameo)")
    parser.add_argument("--model", help="spaCy pipeline (default: eventcoder's choice)")
    parser.add_argument("--repeat", type=int, default=1, help="measure each run this many "
                        "times, interleaved, and keep the least CPU time (default 1)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--one", nargs=2, metavar=("CODEBOOK", "MODE"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    documents = articles(args.texts, args.seed)
    if args.one:  # a child: one measurement, as JSON
        if args.one[0] == "bare":
            seconds = bare_parse(documents, args.model, BATCH)
            print(json.dumps({"cpu_seconds": round(seconds, 3)}))
        else:
            print(json.dumps(code_once(*args.one, documents, args.model)))
        return 0
    runs = [("bare", "-")] + [(codebook, mode) for codebook in args.codebooks or
                              ["acled", "cameo"] for mode in ("candidates", "all")]
    best: dict[tuple[str, str], dict] = {}
    for _ in range(args.repeat):
        for run in runs:
            figures = coding(*run, args)
            if run not in best or figures["cpu_seconds"] < best[run]["cpu_seconds"]:
                best[run] = figures
    report = {"texts": len(documents), "seed": args.seed, "repeat": args.repeat,
              "characters": sum(len(d.text) for d in documents),
              "bare_cpu_seconds": best["bare", "-"]["cpu_seconds"], "codebooks": {}}
    for (codebook, mode), figures in best.items():
        if codebook != "bare":
            figures["ratio"] = round(figures["cpu_seconds"] / report["bare_cpu_seconds"], 3)
            report["codebooks"].setdefault(codebook, {})[mode] = figures
    report["peak_rss_mb"] = round(  # the largest child's
        resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1)
    if args.json:
        print(json.dumps(report))
        return 0
    print(f"{report['texts']} BBC articles ({report['characters']} characters); bare nlp.pipe "
          f"{report['bare_cpu_seconds']} s CPU")
    for codebook, modes in report["codebooks"].items():
        for mode, fig in modes.items():
            print(f"  {codebook} --parse {mode}: {fig['cpu_seconds']} s CPU, ratio "
                  f"{fig['ratio']}, {fig['events']} events"
                  + ("" if fig["gated"] or mode == "all" else " (no gate: parses all)"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
