"""Worker processes end when the `eventcoder code --workers 2` process that started them is
killed with SIGKILL (no chance to shut its pool down)."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

GOOD = "Pakistani troops attacked Indian soldiers in Kashmir. Police arrested protesters."
BOOK = """codebook: small
version: "1"
events:
  - {code: "190", verbs: [attack]}
  - {code: "173", verbs: [arrest]}
"""
pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")]


def children(pid: int) -> set[int]:
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid and fields[0] != "Z":
            found.add(int(stat.parent.name))
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"  # a zombie has ended; only its parent's wait() is missing


def wait_for(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return condition()


def test_workers_exit_when_their_parent_is_killed(tmp_path):
    corpus = tmp_path / "news.jsonl"
    corpus.write_text("".join(json.dumps({"id": f"n{i}", "text": GOOD}) + "\n"
                              for i in range(2000)), encoding="utf-8")
    (tmp_path / "small.codebook.yaml").write_text(BOOK, encoding="utf-8")
    parts = tmp_path / "out.jsonl.parts"
    run = subprocess.Popen([sys.executable, "-m", "eventcoder", "code", str(corpus), "-c",
                            str(tmp_path / "small.codebook.yaml"), "-o",
                            str(tmp_path / "out.jsonl"), "--workers", "2", "--quiet",
                            "--partition-size", "5"], stderr=subprocess.PIPE)
    try:
        # both workers started and coding: partitions are being stored
        assert wait_for(lambda: len(list(parts.glob("part-*.jsonl"))) >= 4, 600), \
            run.stderr.read().decode() if run.poll() is not None else "no partitions"
        workers = {pid for pid in children(run.pid)
                   if b"multiprocessing" in Path(f"/proc/{pid}/cmdline").read_bytes()}
        assert len(workers) >= 2
        os.kill(run.pid, signal.SIGKILL)
        run.wait()
        assert wait_for(lambda: not any(alive(pid) for pid in workers), 60), \
            f"still running: {[pid for pid in workers if alive(pid)]}"
    finally:
        if run.poll() is None:
            run.kill()
            run.wait()
