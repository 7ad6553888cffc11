"""benchmarks/run.py and benchmarks/throughput.py on the project's own articles."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from eventcoder.bench import load_gold

REPO = Path(__file__).resolve().parents[1]


def test_project_articles_are_valid_gold():
    for path in sorted((REPO / "benchmarks" / "articles").glob("*.gold.jsonl")):
        records = load_gold(path)
        text_file = path.with_name(path.name.replace(".gold.jsonl", ".txt"))
        assert records and all(r.codebook in ("acled", "cameo") for r in records), path
        assert all(r.text == text_file.read_text() for r in records), path


@pytest.mark.model  # loads the real pipeline itself
def test_run_py_scores_the_articles_and_writes_its_section(tmp_path):
    results = tmp_path / "RESULTS.md"
    results.write_text("# Benchmark results\n\n<!-- other:start -->\nkept\n<!-- other:end -->\n")
    out = subprocess.run([sys.executable, str(REPO / "benchmarks" / "run.py"), "--only",
                          "indus-water", "--codebook", "cameo", "--json", "--results",
                          str(results)],
                         capture_output=True, text=True, timeout=300,
                         env={**os.environ,
                              "EVENTCODER_SHARED_DATA": str(tmp_path / "absent")})
    assert out.returncode == 0, out.stderr[-2000:]
    figures = {item["codebook"]: item for item in json.loads(out.stdout)}
    assert set(figures) == {"cameo"}
    assert figures["cameo"]["records"] == 1
    text = results.read_text()
    assert "kept" in text and "<!-- bench-run:start -->" in text
    assert "indus-water-talks.gold.jsonl" in text and "Command: `python benchmarks/run.py" in text


@pytest.mark.model  # loads the real pipeline itself
@pytest.mark.slow
def test_throughput_reports_a_ratio_per_codebook():
    out = subprocess.run([sys.executable, str(REPO / "benchmarks" / "throughput.py"),
                          "--texts", "6", "--repeat", "1", "--codebook", "cameo", "--json"], capture_output=True, text=True,
                         timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    report = json.loads(out.stdout)
    assert report["texts"] == 6 and report["bare"]["sentences"] > 0
    assert set(report["codebooks"]) == {"cameo"}, report
    for figures in report["codebooks"].values():
        assert figures["coding_over_parse_ratio"] > 0
        assert figures["parse_cpu_seconds"] <= figures["cpu_seconds"]
        assert figures["wall_clock_ratio"] > 0


SCRIPTS = sorted(p for p in (REPO / "benchmarks").glob("*.py")
                 if "argparse" in p.read_text(encoding="utf-8"))


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.name)
def test_every_benchmark_script_parses_its_options(script):
    """A benchmark whose options clash (two branches adding the same flag) fails at --help."""
    out = subprocess.run([sys.executable, str(script), "--help"], capture_output=True,
                         text=True, timeout=120, cwd=REPO)
    assert out.returncode == 0, out.stderr[-2000:]
    assert "usage:" in out.stdout
