"""Start-up: CPU time (user + sys) of `eventcoder code` on one short text, the cost a user
pays before the first sentence (issue 16: at most 3.5 s with ``--codebook acled``).

    python benchmarks/startup.py [--runs 5] [-c acled] [--against ../main-tree] [--json]

Each run is a fresh ``python -m eventcoder`` process with a warm cache (eventcoder's cache
folder; a first run, not counted, fills it). ``--against DIR`` alternates each run with the
same command in another work tree (its own ``.venv``, the cache folder + ``-other``: tables
derived by other code must not replace this tree's), so that both sides see the same load;
the load average is printed with each pair. CPU time still grows on a loaded machine (shared
caches, frequency): compare the two sides of one run, not figures of different runs.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TEXT = "Attacks in Goma killed five people on Monday, police said.\n"


def cpu_seconds(tree: Path, codebook: str, text: Path, cache: Path) -> float:
    """User + sys CPU of one coding process started in ``tree``."""
    python = tree / ".venv" / "bin" / "python"
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run([str(python if python.exists() else sys.executable), "-m", "eventcoder",
                    "code", str(text), "-c", codebook, "--date", "2025-03-10"], cwd=tree,
                   env={**os.environ, "EVENTCODER_CACHE_DIR": str(cache)}, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return round(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime, 2)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--codebook", "-c", default="acled")
    parser.add_argument("--against", type=Path, help="another work tree, run alternately")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    trees = {"this": ROOT, **({"other": args.against.resolve()} if args.against else {})}
    from eventcoder.diskcache import cache_dir
    base = cache_dir() or Path(tempfile.gettempdir()) / "eventcoder-startup"
    caches = {"this": base, "other": base.with_name(base.name + "-other")}
    with tempfile.TemporaryDirectory() as folder:
        text = Path(folder) / "one.txt"
        text.write_text(TEXT, encoding="utf-8")
        for side, tree in trees.items():  # fills the cache: not counted
            cpu_seconds(tree, args.codebook, text, caches[side])
        runs = []
        for _ in range(args.runs):
            pair = {side: cpu_seconds(tree, args.codebook, text, caches[side])
                    for side, tree in trees.items()}
            runs.append({**pair, "load": round(os.getloadavg()[0], 1)})
            if not args.json:
                print("  " + "  ".join(f"{k} {v}" for k, v in runs[-1].items()), flush=True)
    summary = {side: {"median_cpu_s": round(statistics.median(r[side] for r in runs), 2),
                      "min_cpu_s": min(r[side] for r in runs)} for side in trees}
    report = {"codebook": args.codebook, "trees": {k: str(v) for k, v in trees.items()},
              "runs": runs, "summary": summary}
    if args.json:
        print(json.dumps(report, indent=1))
    else:
        for side, figures in summary.items():
            print(f"{side} ({trees[side]}): median {figures['median_cpu_s']} s CPU, "
                  f"min {figures['min_cpu_s']} s over {args.runs} runs")


if __name__ == "__main__":
    main()
