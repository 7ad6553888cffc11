"""Scaling benchmark: sentences/s with 1 and 2 workers (process pool and Dask LocalCluster),
scaling efficiency, and peak memory per worker as the corpus grows.

    python benchmarks/scale.py            # a table
    python benchmarks/scale.py --json     # the same figures as JSON

The corpus is generated (templated news sentences with varied actors, verbs and places), so
the benchmark needs no data. Timings exclude start-up (spawning workers, loading the model
once per worker): they measure the coding of the corpus, partition by partition, exactly as
``eventcoder code`` runs it. Efficiency = rate(2 workers) / (2 x rate(1 worker)).

On a shared machine wall-clock rates say as much about the neighbours as about eventcoder,
so each run also reports sentences per CPU-second of the workers and the CPU share the
workers got (worker CPU time / (wall time x workers); 1.0 = each worker had a core), and
the CPU this process spent per 1,000 sentences meanwhile (reading, sending partitions,
receiving results; with Dask also the scheduler and the nannies, which run here), which the
workers share the cores with.
"""
from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path

from eventcoder.formats import registered_inputs
from eventcoder.inputs import iter_items
from eventcoder.parallel import CoderSpec, code_partition, process_pool, worker_engine
from eventcoder.plugins import make_plugin_manager
from eventcoder.runner import RunPlan, run_partitions

SENTENCES_PER_ARTICLE = 4
ACTORS = ["Pakistani troops", "Indian police", "Iranian officials", "Israeli forces",
          "Kenyan police", "Nigerian soldiers", "Afghan security forces", "Syrian rebels",
          "The Ethiopian government", "Ukrainian officials", "Russian troops",
          "Colombian police", "Protesters", "Opposition leaders", "Sudanese militiamen",
          "The Egyptian foreign minister", "Turkish warplanes", "Congolese soldiers"]
VERBS = ["attacked", "arrested", "met", "criticized", "accused", "praised", "killed",
         "clashed with", "threatened", "negotiated with", "condemned", "detained",
         "signed an agreement with", "sent aid to", "shelled", "visited"]
TARGETS = ["militants", "journalists", "the prime minister", "Hamas", "villagers",
           "the United Nations", "opposition supporters", "Taliban fighters", "students",
           "the president", "government troops", "human rights activists", "the rebels"]
PLACES = ["Gwadar", "Lahore", "Goma", "Nairobi", "Tehran", "Gaza", "Kabul", "Aleppo",
          "Maiduguri", "Khartoum", "Kharkiv", "Cali", "Mogadishu", "Cairo", "Diyarbakir"]
TIMES = ["on Monday", "on Tuesday", "late on Friday", "overnight", "last week", "on Sunday"]


def sentence(rng: random.Random) -> str:
    return (f"{rng.choice(ACTORS)} {rng.choice(VERBS)} {rng.choice(TARGETS)} in "
            f"{rng.choice(PLACES)} {rng.choice(TIMES)}, officials said.")


def write_corpus(path: Path, sentences: int, seed: int = 2026) -> Path:
    """A JSONL corpus of articles of SENTENCES_PER_ARTICLE sentences each."""
    rng = random.Random(seed)
    with open(path, "w", encoding="utf-8") as stream:
        for number in range(sentences // SENTENCES_PER_ARTICLE):
            text = " ".join(sentence(rng) for _ in range(SENTENCES_PER_ARTICLE))
            stream.write(json.dumps({"id": f"gen-{number:06d}", "text": text,
                                     "date": "2025-01-01"}) + "\n")
    return path


def _warm(spec: CoderSpec, pause: float) -> int:
    worker_engine(spec)
    time.sleep(pause)  # keeps this process busy so the next warm-up lands on another
    return os.getpid()


@contextlib.contextmanager
def executor(kind: str, spec: CoderSpec, workers: int):
    """A started executor whose every worker has loaded the Engine: (executor, ahead)."""
    if kind == "dask":
        from eventcoder.distributed import dask_executor
        with dask_executor(spec, workers) as (ex, ahead):
            yield ex, ahead
        return
    pool = process_pool(spec, workers)
    try:
        pids: set[int] = set()
        for _ in range(30):  # a busy worker takes the next task only after its model loads
            pids |= {f.result() for f in [pool.submit(_warm, spec, 0.5)
                                          for _ in range(workers)]}
            if len(pids) == workers:
                break
        assert len(pids) == workers, "every worker warmed"
        yield pool, 2 * workers
    finally:
        pool.shutdown(cancel_futures=True)


def measure(kind: str, workers: int, corpus: Path, sentences: int, spec: CoderSpec,
            partition_size: int) -> dict:
    """Code the corpus once; the coding rate and each worker's peak RSS."""
    pm = make_plugin_manager()
    plan = RunPlan((str(corpus),), spec, partition_size)
    with executor(kind, spec, workers) as (ex, ahead):
        start, coordinating = time.perf_counter(), time.process_time()
        documents = events = 0
        cpu = 0.0
        peaks: dict[str, float] = {}
        for result in run_partitions(plan, iter_items(plan.inputs, registered_inputs(pm)),
                                     ex, None, ahead, code_partition):
            documents += result.documents
            events += result.events
            cpu += result.cpu_seconds
            peaks[result.worker] = max(peaks.get(result.worker, 0.0), result.peak_rss_mb)
        seconds = time.perf_counter() - start
        coordinating = time.process_time() - coordinating
    return {"engine": kind, "workers": workers, "sentences": sentences,
            "documents": documents, "events": events, "seconds": round(seconds, 2),
            "sentences_per_s": round(sentences / seconds, 1),
            "sentences_per_cpu_s": round(sentences / cpu, 1),
            "cpu_share": round(cpu / (seconds * workers), 2),
            "coordinator_cpu_s_per_1000": round(1000 * coordinating / sentences, 3),
            "peak_rss_mb_per_worker": sorted(round(v, 1) for v in peaks.values())}


def run(args) -> dict:
    spec = CoderSpec(tuple(args.codebook), args.model)
    report: dict = {"command": " ".join(["python", "benchmarks/scale.py"] + sys.argv[1:]),
                    "cpus": os.cpu_count(), "load_average_before": os.getloadavg(),
                    "codebooks": args.codebook, "partition_size": args.partition_size,
                    "runs": [], "efficiency": {}, "memory": []}
    with tempfile.TemporaryDirectory() as folder:
        corpus = write_corpus(Path(folder) / "corpus.jsonl", args.sentences)
        for kind in args.engines:
            rates = {}
            for workers in (1, 2):
                row = measure(kind, workers, corpus, args.sentences, spec, args.partition_size)
                report["runs"].append(row)
                rates[workers] = row["sentences_per_s"]
                log(row)
            report["efficiency"][kind] = round(rates[2] / (2 * rates[1]), 3)
        for sentences in args.memory_sizes:
            grown = write_corpus(Path(folder) / f"corpus-{sentences}.jsonl", sentences)
            row = measure("local", 2, grown, sentences, spec, args.partition_size)
            report["memory"].append(row)
            log(row)
    report["load_average_after"] = os.getloadavg()
    return report


def log(row: dict) -> None:
    print(f"  {row['engine']:5} workers={row['workers']} sentences={row['sentences']}: "
          f"{row['sentences_per_s']} sentences/s ({row['sentences_per_cpu_s']} per CPU-s, "
          f"CPU share {row['cpu_share']}; coordinator "
          f"{row.get('coordinator_cpu_s_per_1000', '?')} CPU-s/1000), peak RSS/worker "
          f"{row['peak_rss_mb_per_worker']} MB", file=sys.stderr)


def table(report: dict) -> str:
    lines = [f"{'engine':6} {'workers':>7} {'sentences':>9} {'sent/s':>8} "
             f"{'sent/CPU-s':>10} {'CPU share':>9} {'coord/1k':>8} {'peak MB/worker':>16}"]
    for row in report["runs"] + report["memory"]:
        lines.append(f"{row['engine']:6} {row['workers']:>7} {row['sentences']:>9} "
                     f"{row['sentences_per_s']:>8} {row['sentences_per_cpu_s']:>10} "
                     f"{row['cpu_share']:>9} {row.get('coordinator_cpu_s_per_1000', '?'):>8} "
                     f"{'/'.join(map(str, row['peak_rss_mb_per_worker'])):>16}")
    lines += [f"scaling efficiency 1->2 workers ({kind}): {value}"
              for kind, value in report["efficiency"].items()]
    lines.append(f"load average before/after: {report['load_average_before']} / "
                 f"{report['load_average_after']}")
    return "\n".join(lines)


def markdown(report: dict) -> str:
    """The ``scale`` section of benchmarks/RESULTS.md."""
    lines = ["## Scaling (benchmarks/scale.py)", "",
             f"Command: `{report['command']}` ({report['cpus']} CPUs; load average "
             f"{report['load_average_before'][0]:.1f} before, "
             f"{report['load_average_after'][0]:.1f} after: the machine was shared).", "",
             "Generated corpus of templated news sentences, 4 per article, codebooks "
             f"{', '.join(report['codebooks'])}, partitions of {report['partition_size']} "
             "articles. `CPU share` = workers' CPU time / (wall time x workers): below 1, "
             "the workers waited for a core. `coordinator` = CPU seconds of the coordinating "
             "process (with Dask: client, scheduler and nannies) per 1,000 sentences.", "",
             "| engine | workers | sentences | sentences/s | sentences/CPU-s | CPU share "
             "| coordinator | peak RSS per worker (MB) |", "|---|---|---|---|---|---|---|---|"]
    for row in report["runs"] + report["memory"]:
        lines.append(f"| {row['engine']} | {row['workers']} | {row['sentences']} | "
                     f"{row['sentences_per_s']} | {row['sentences_per_cpu_s']} | "
                     f"{row['cpu_share']} | {row.get('coordinator_cpu_s_per_1000', '?')} | "
                     f"{', '.join(map(str, row['peak_rss_mb_per_worker']))} |")
    lines.append("")
    for kind, value in report["efficiency"].items():
        per_cpu = {r["workers"]: r["sentences_per_cpu_s"] for r in report["runs"]
                   if r["engine"] == kind}
        share = {r["workers"]: r["cpu_share"] for r in report["runs"] if r["engine"] == kind}
        lines.append(f"- {kind}: scaling efficiency 1 -> 2 workers (wall clock) **{value}**; "
                     f"work per sentence with 2 workers vs 1: "
                     f"{per_cpu[1] / per_cpu[2]:.2f}x; CPU share {share[1]} -> {share[2]}")
        if share[2] < 0.9:
            lines.append(f"  - caveat: the 2 workers did not each get a core (CPU share "
                         f"{share[2]}), so the wall-clock efficiency measures the machine's "
                         "load more than eventcoder; re-run on an idle machine")
    sizes = report["memory"]
    if len(sizes) >= 2:
        lines.append(f"- peak RSS per worker, {sizes[0]['sentences']} vs {sizes[-1]['sentences']} "
                     f"sentences: {max(sizes[0]['peak_rss_mb_per_worker'])} vs "
                     f"{max(sizes[-1]['peak_rss_mb_per_worker'])} MB")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", action="store_true", help="print JSON, not a table")
    parser.add_argument("--sentences", type=int, default=20_000,
                        help="corpus size for the throughput runs (default 20000)")
    parser.add_argument("--memory-sizes", type=int, nargs="*", default=[10_000, 40_000],
                        help="corpus sizes for the peak-memory runs (2 local workers)")
    parser.add_argument("--engines", nargs="*", default=["local", "dask"],
                        choices=["local", "dask"])
    parser.add_argument("--codebook", "-c", action="append", default=None)
    parser.add_argument("--model")
    parser.add_argument("--partition-size", type=int, default=100)
    parser.add_argument("--results", action="store_true",
                        help="also write the 'scale' section of benchmarks/RESULTS.md")
    parser.add_argument("--from-json", type=Path,
                        help="render a report saved with --json instead of running")
    args = parser.parse_args()
    args.codebook = args.codebook or ["cameo"]
    report = json.loads(args.from_json.read_text()) if args.from_json else run(args)
    print(json.dumps(report, indent=1) if args.json else table(report))
    if args.results:
        sys.path.insert(0, str(Path(__file__).parent))
        from results_md import write_section
        write_section(Path(__file__).with_name("RESULTS.md"), "scale", markdown(report))


if __name__ == "__main__":
    main()
