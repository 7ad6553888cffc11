"""What a trained model folder costs a coding process (issue 15): its size on disk and the
CPU seconds to import the loading code and to read and check the model (manifest, hashes,
schema, arrays), in this fresh process.

    python benchmarks/model_load.py MODEL_DIR [--json]

The figures are CPU time of this process, so other jobs on the machine do not count.
"""
from __future__ import annotations

import argparse
import json
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("model", type=Path, help="a folder written by `eventcoder train`")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    started = time.process_time()
    from eventcoder.learn.store import load_model, read_manifest
    imported = time.process_time()
    model = load_model(args.model, read_manifest(args.model))
    loaded = time.process_time()
    files = {p.name: p.stat().st_size for p in sorted(args.model.iterdir()) if p.is_file()}
    figures = {"model": str(args.model), "bytes": sum(files.values()), "files": files,
               "import_cpu_s": round(imported - started, 2),
               "load_cpu_s": round(loaded - imported, 2),
               "classes": len(model.classes_)}
    if args.json:
        print(json.dumps(figures, indent=1))
        return
    print(f"{figures['model']}: {figures['bytes'] / 1e6:.1f} MB, import {figures['import_cpu_s']}"
          f" s CPU, load {figures['load_cpu_s']} s CPU, {figures['classes']} classes")


if __name__ == "__main__":
    main()
