"""The README runs as written: its commands, its Python example and the output it shows.

Blocks are read in order: a ``bash`` or ``python`` block is followed by the ``text`` block
of what it prints, where the README shows one. Install steps (``python3 -m venv``,
``.venv/bin/pip install``) are the test environment's own; the commands after them run with
this environment's ``eventcoder``.
"""
from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

REPO = Path(__file__).resolve().parents[1]
README = (REPO / "README.md").read_text(encoding="utf-8")
BLOCK = re.compile(r"```(?P<lang>\w*)\n(?P<body>.*?)```", re.S)
INSTALL = re.compile(r"^(python3 -m venv \.venv|\.venv/bin/pip install .+)$")
BIN = Path(sys.executable).parent


def readme_blocks() -> list[tuple[str, str]]:
    return [(m["lang"], m["body"]) for m in BLOCK.finditer(README)]


def block_after(lang: str, containing: str) -> tuple[str, str | None]:
    """The first ``lang`` block containing ``containing`` and the text block after it."""
    found = readme_blocks()
    for i, (kind, body) in enumerate(found):
        if kind == lang and containing in body:
            shown = found[i + 1][1] if i + 1 < len(found) and found[i + 1][0] == "text" \
                else None
            return body, shown
    raise AssertionError(f"no {lang} block with {containing!r} in the README")


def commands(line: str) -> list[str]:
    """The commands of a one-line install-and-run block, install steps checked and left out."""
    parts = [part.strip() for part in line.strip().split(" && ")]
    installs = [p for p in parts if INSTALL.match(p)]
    assert parts[:len(installs)] == installs, "install steps come first"
    return [p.replace(".venv/bin/", f"{BIN}/") for p in parts[len(installs):]]


def run(command: str, cwd: Path = REPO, stdin: str | None = None) -> str:
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}"}
    result = subprocess.run(["bash", "-euo", "pipefail", "-c", command], cwd=cwd, env=env,
                            input=stdin, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, f"{command}\n{result.stdout}\n{result.stderr}"
    return result.stdout


def table(text: str) -> list[list[str]]:
    """A shown table: columns separated by two or more spaces."""
    return [re.split(r"\s{2,}", line.strip()) for line in text.strip().splitlines()]


@pytest.mark.model
def test_quick_start_codes_the_article_into_the_rows_shown():
    body, shown = block_after("bash", "eventcoder code benchmarks/articles/kivu-attacks.txt")
    (command,) = commands(body)
    rows = pd.read_csv(io.StringIO(run(command)), dtype=str, keep_default_na=False)
    header, *expected = table(shown)
    assert rows[header].values.tolist() == expected


def test_the_test_command_is_what_ci_runs():
    body, _ = block_after("bash", 'pip install -e ".[test]"')
    assert body.strip() in (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert commands(body) == [f"{BIN}/pytest"]


@pytest.mark.model
def test_python_example_runs_unchanged_and_prints_what_is_shown(tmp_path):
    body, shown = block_after("python", "eventcoder.Engine(")
    script = tmp_path / "example.py"
    script.write_text(body, encoding="utf-8")
    printed = run(f"{sys.executable} {script}", cwd=tmp_path)
    assert [line.split() for line in printed.strip().splitlines()] == \
        [line.split() for line in shown.strip().splitlines()]


@pytest.mark.model
def test_the_codebook_example_validates_and_codes(tmp_path):
    yaml_body, _ = block_after("yaml", "codebook: borders")
    (tmp_path / "borders.codebook.yaml").write_text(yaml_body, encoding="utf-8")
    body, _ = block_after("bash", "eventcoder validate borders.codebook.yaml")
    validate, code = body.strip().splitlines()
    assert "ok (codebook 'borders'" in run(validate, cwd=tmp_path)
    events = run(code, cwd=tmp_path).splitlines()
    assert len(events) == 1 and '"event_code": "190"' in events[0]


def test_the_long_property_run_names_existing_test_files():
    body, _ = block_after("bash", "HYPOTHESIS_PROFILE=ci-long")
    files = re.findall(r"tests/\S+\.py", body)  # long by design: not run here
    assert files and all((REPO / f).is_file() for f in files)


def test_every_option_the_readme_lists_exists_in_its_command():
    """Each `eventcoder CMD ...` line of the usage block (with its indented continuation
    lines) names only options that `eventcoder CMD --help` shows."""
    from eventcoder.cli import cli
    body, _ = block_after("text", "eventcoder code INPUT...")
    usage: dict[str, str] = {}
    command = None
    for line in body.split("\n"):
        if line.startswith("eventcoder "):
            command = line.split()[1]
            usage[command] = usage.get(command, "") + line.split("#")[0]
        elif command and line.startswith(" "):
            usage[command] += line.split("#")[0]
    assert {"code", "train", "bench"} <= set(usage)
    for command, text in usage.items():
        help_text = CliRunner().invoke(cli, [command, "--help"], terminal_width=200).output
        listed = set(re.findall(r"--[a-z][a-z-]+", text))
        assert {o for o in listed if o not in help_text} == set(), command
