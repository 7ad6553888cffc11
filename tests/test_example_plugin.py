"""docs/examples/eventcoder-protest installs from its folder and works from the CLI.

It is installed with pip into a temporary ``--target`` folder (no network, no build
isolation: setuptools comes from the test environment) that the CLI then sees through
PYTHONPATH, as it would see a plugin installed in the environment: through its entry point.
"""
from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.model  # installs the plugin and codes with the real pipeline

EXAMPLE = Path(__file__).resolve().parents[1] / "docs" / "examples" / "eventcoder-protest"
TEXT = ("Tens of thousands of students marched against the government in Santiago. "
        "Police fired tear gas at some 5,000 protesters in Nairobi.\n")


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> dict[str, str]:
    """Environment variables under which the example plugin is installed."""
    pytest.importorskip("setuptools")
    work = tmp_path_factory.mktemp("protest-plugin")
    source, site = work / "eventcoder-protest", work / "site"
    # a copy, so that the build leaves nothing in the repository
    shutil.copytree(EXAMPLE, source, ignore=shutil.ignore_patterns(
        "build", "*.egg-info", "__pycache__"))
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps",
                    "--no-build-isolation", "--no-index", "--target", str(site),
                    str(source)], check=True, capture_output=True, text=True)
    assert (site / "eventcoder_protest" / "protest.codebook.yaml").is_file()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        filter(None, [str(site), os.environ.get("PYTHONPATH")]))}
    env.pop("EVENTCODER_LOAD_PLUGINS", None)
    env.pop("EVENTCODER_DISABLE_PLUGINS", None)
    return env


def eventcoder(*args: str, env: dict[str, str], stdin: str | None = None):
    return subprocess.run([sys.executable, "-m", "eventcoder", *args], input=stdin,
                          capture_output=True, text=True, env=env, timeout=300)


@pytest.mark.slow
def test_installed_plugin_lists_its_codebook_and_hooks(installed):
    listed = eventcoder("codebooks", env=installed)
    assert listed.returncode == 0, listed.stderr
    row = next(line for line in listed.stdout.splitlines() if line.startswith("protest "))
    assert row.split()[:3] == ["protest", "0.1", "protest"]
    plugins = eventcoder("plugins", env=installed)
    row = next(line for line in plugins.stdout.splitlines() if line.startswith("protest "))
    assert "eventcoder-protest" in row and "modify_events" in row and "register_codebooks" in row


@pytest.mark.slow
def test_installed_plugin_codes_with_crowd_sizes(installed):
    result = eventcoder("code", "-", "--codebook", "protest", "--format", "csv",
                        env=installed, stdin=TEXT)
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    got = [(r["event_code"], r["actor_code"], r["crowd_size"]) for r in rows]
    assert got == [("DEMONSTRATE", "STU", "20000"), ("DISPERSE", "COP", "5000")]
    assert rows[0]["crowd_size_text"] == "Tens of thousands of students"
    assert rows[0]["recipient_code"] == "GOV"
