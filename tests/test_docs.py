"""The docs are true: the tutorial runs as written, the reference matches the schema, and
every relative link points at a file.

Conventions of the runnable pages (the tutorial, PETRARCH dictionaries, the worked example
of own places on the ACLED page): a fenced block after ``<!-- file: PATH -->`` is written to
PATH; every ``bash`` block is run in order in one
temporary folder and must succeed (or fail, after ``<!-- fails -->``); each line of a block
after ``<!-- output -->`` must appear in the previous command's output ("…" in it stands for
any text within the line). ``pip install`` runs as written but into a temporary folder (no
network, no build isolation), which the following commands see through PYTHONPATH: the test
environment itself is left alone.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from eventcoder.docgen import reference

DOCS = Path(__file__).resolve().parents[1] / "docs"
BLOCK = re.compile(r"(?:<!-- (?P<marker>[^>]*?) -->\n)?```(?P<lang>\w*)\n(?P<body>.*?)```",
                   re.S)
LINK = re.compile(r"\]\((?!https?:|#|mailto:)([^)#\s]+)")
PIP_SHIM = """#!/bin/sh
# pip as the tutorial types it, installing into the test's own folder
exec "{python}" -m pip "$@" -q --no-deps --no-build-isolation --no-index --target "{site}"
"""


def shown(expected: str, output: str) -> bool:
    """An expected line is in the output; "…" stands for any text within that line."""
    pattern = ".*?".join(re.escape(part) for part in expected.split("…"))
    return re.search(pattern, output) is not None


def section_of(markdown: str, heading: str) -> str:
    """The text under a heading, up to the next heading of the same or a higher level (a
    runnable worked example inside a page whose other blocks are not meant to run)."""
    found = re.search(rf"^(#+) {re.escape(heading)}\n", markdown, re.M)
    assert found, f"no heading {heading!r}"
    rest = markdown[found.end():]
    end = re.search(rf"^#{{1,{len(found[1])}}} ", rest, re.M)
    return rest[:end.start()] if end else rest


def blocks(markdown: str):
    for found in BLOCK.finditer(markdown):
        yield found["marker"] or "", found["lang"], found["body"]


def tutorial_environment(tmp_path: Path) -> dict[str, str]:
    site, shims = tmp_path / "site", tmp_path / "shims"
    shims.mkdir()
    pip = shims / "pip"
    pip.write_text(PIP_SHIM.format(python=sys.executable, site=site), encoding="utf-8")
    pip.chmod(0o755)
    path = os.pathsep.join([str(shims), str(Path(sys.executable).parent), os.environ["PATH"]])
    env = {**os.environ, "PATH": path, "PYTHONPATH": str(site)}
    for name in ("EVENTCODER_LOAD_PLUGINS", "EVENTCODER_DISABLE_PLUGINS",
                 "EVENTCODER_CODEBOOK_PATH"):
        env.pop(name, None)
    return env


@pytest.mark.model  # loads the real pipeline itself
@pytest.mark.slow
@pytest.mark.parametrize("page, commands, section", [
    ("tutorial-codebook.md", 8, None), ("petrarch-dictionaries.md", 5, None),
    ("acled.md", 1, "Adding your own places: a worked example")])
def test_page_runs_as_written(page, commands, section, tmp_path):
    work = tmp_path / "work"
    work.mkdir()
    env = tutorial_environment(tmp_path)
    output, ran = "", 0
    text = (DOCS / page).read_text("utf-8")
    for marker, lang, body in blocks(section_of(text, section) if section else text):
        if marker.startswith("file:"):
            target = work / marker.split(":", 1)[1].strip()
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(body, encoding="utf-8")
        elif lang == "bash":
            result = subprocess.run(["bash", "-euo", "pipefail", "-c", body], cwd=work, env=env,
                                    capture_output=True, text=True, timeout=300)
            output = result.stdout + result.stderr
            expect_failure = marker == "fails"
            assert (result.returncode != 0) == expect_failure, f"{body}\n{output}"
            ran += 1
        elif marker == "output":
            for line in filter(None, (line.strip() for line in body.splitlines())):
                assert shown(line, output), f"{line!r} not in the output:\n{output}"
    assert ran >= commands  # the page's command blocks all ran


def test_codebook_reference_is_generated_from_the_schema():
    committed = (DOCS / "codebook-reference.md").read_text(encoding="utf-8")
    assert committed == reference(), (
        "docs/codebook-reference.md is stale: run "
        "`python -m eventcoder.docgen docs/codebook-reference.md`")


def test_relative_links_point_at_files():
    broken = []
    for page in DOCS.rglob("*.md"):
        for target in LINK.findall(page.read_text(encoding="utf-8")):
            if not (page.parent / target).exists():
                broken.append(f"{page.relative_to(DOCS)} -> {target}")
    assert not broken


def test_site_navigation_names_existing_pages():
    config = (DOCS.parent / "mkdocs.yml").read_text(encoding="utf-8")
    pages = re.findall(r"^\s*- [^:]+: (\S+\.md)\s*$", config, re.M)
    assert "tutorial-codebook.md" in pages and "codebook-reference.md" in pages
    assert [p for p in pages if not (DOCS / p).is_file()] == []


def test_the_site_builds_without_warnings(tmp_path):
    """``mkdocs build --strict`` (the docs extra): a link outside docs/ or a missing page
    fails it. Skipped when mkdocs is not installed; ``.ci/run`` installs it."""
    mkdocs = Path(sys.executable).parent / "mkdocs"
    if not mkdocs.exists():
        pytest.skip('mkdocs is not installed: pip install -e ".[docs]"')
    result = subprocess.run([str(mkdocs), "build", "--strict", "--site-dir", str(tmp_path)],
                            cwd=DOCS.parent, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "index.html").is_file()
