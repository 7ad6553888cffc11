"""Plugins and codebooks that clash or break: named, warned, and never silently replacing
what eventcoder ships; one broken codebook file does not stop other commands."""
from __future__ import annotations

import logging
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import eventcoder_cameo
from eventcoder import CodebookError, RuleCodebook
from eventcoder import cli as cli_module
from eventcoder.plugins import make_plugin_manager
from eventcoder.registry import CodebookRegistry

TELLS = "import pathlib\npathlib.Path({marker!r}).write_text('imported')\n"
OK_BOOK = 'codebook: fine\nversion: "1"\nevents: [{code: "1", verbs: [attack]}]\n'


def fake_distribution(root: Path, dist: str, entry: str, module: str) -> Path:
    """A distribution declaring an `eventcoder` entry point, as pip would install it; its
    module leaves a marker file when imported."""
    marker = root / f"{module}.imported"
    (root / f"{module}.py").write_text(TELLS.format(marker=str(marker)))
    info = root / f"{dist.replace('-', '_')}-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {dist}\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text(f"[eventcoder]\n{entry} = {module}\n")
    return marker


@pytest.fixture
def site(tmp_path, monkeypatch):
    monkeypatch.syspath_prepend(str(tmp_path))
    return tmp_path


def test_a_plugin_taking_a_bundled_name_is_not_loaded_and_both_are_named(site, caplog):
    marker = fake_distribution(site, "cameo-impostor", "cameo", "impostor_mod")
    with caplog.at_level(logging.WARNING, logger="eventcoder"):
        pm = make_plugin_manager()
    assert not marker.exists()  # its module never ran
    assert pm.get_plugin("cameo") is eventcoder_cameo
    warning = next(r.getMessage() for r in caplog.records if "impostor" in r.getMessage())
    assert "plugin 'cameo' from cameo-impostor 1.0 is not loaded" in warning
    assert "eventcoder's own plugin has that name" in warning
    assert "cameo" in {ref.id for ref in CodebookRegistry(pm).refs()}


def test_the_command_line_warns_and_still_lists_the_bundled_codebook(site):
    fake_distribution(site, "cameo-impostor", "cameo", "impostor_mod")
    cli_module.plugin_manager.cache_clear()
    try:
        result = CliRunner().invoke(cli_module.cli, ["codebooks"])
    finally:
        cli_module.plugin_manager.cache_clear()
    assert result.exit_code == 0, result.output
    assert "eventcoder: warning: plugin 'cameo' from cameo-impostor 1.0 is not loaded" in (
        result.stderr)
    assert any(line.split()[:1] == ["cameo"] for line in result.stdout.splitlines())


def test_two_distributions_with_one_plugin_name_load_one_and_warn_naming_both(site, caplog):
    (site / "a").mkdir()
    (site / "b").mkdir()
    first = fake_distribution(site / "a", "first-dist", "twin", "twin_a")
    second = fake_distribution(site / "b", "second-dist", "twin", "twin_b")
    sys.path[:0] = [str(site / "a"), str(site / "b")]
    try:
        with caplog.at_level(logging.WARNING, logger="eventcoder"):
            pm = make_plugin_manager()
    finally:
        sys.path.remove(str(site / "a"))
        sys.path.remove(str(site / "b"))
    assert first.exists() and not second.exists()
    assert pm.get_plugin("twin") is not None
    assert any("plugin 'twin' is declared by both first-dist 1.0 and second-dist 1.0"
               in r.getMessage() for r in caplog.records)


def test_a_broken_codebook_on_the_path_is_reported_and_skipped(tmp_path, monkeypatch):
    shelf = tmp_path / "shelf"
    shelf.mkdir()
    (shelf / "broken.codebook.yaml").write_text('codebook: broken\nevents: [\n')
    (shelf / "good.codebook.yaml").write_text(OK_BOOK.replace("fine", "good"))
    other = tmp_path / "other.yaml"
    other.write_text(OK_BOOK)
    monkeypatch.setenv("EVENTCODER_CODEBOOK_PATH", str(shelf))
    result = CliRunner().invoke(cli_module.cli, ["validate", str(other)])
    assert result.exit_code == 0, result.output
    assert f"{other}: ok" in result.stdout
    assert (f"eventcoder: warning: skipped a codebook on EVENTCODER_CODEBOOK_PATH: "
            f"{shelf / 'broken.codebook.yaml'}:3: invalid YAML") in result.stderr
    listed = CliRunner().invoke(cli_module.cli, ["codebooks"])
    assert listed.exit_code == 0 and "good" in listed.stdout


@pytest.mark.parametrize("by", ["id", "file"])
def test_an_extends_cycle_is_named_as_a_cycle(tmp_path, monkeypatch, pm, by):
    if by == "id":
        monkeypatch.setenv("EVENTCODER_CODEBOOK_PATH", str(tmp_path))
        names, files = ("bb", "aa"), ("a.codebook.yaml", "b.codebook.yaml")
    else:
        monkeypatch.chdir(tmp_path)
        names, files = ("b.yaml", "a.yaml"), ("a.yaml", "b.yaml")
    for (own, file), parent in zip(zip(("aa", "bb"), files), names):
        (tmp_path / file).write_text(f'codebook: {own}\nversion: "1"\nextends: {parent}\n'
                                     "events: []\n")
    with pytest.raises(CodebookError, match="in a cycle") as err:
        CodebookRegistry(pm).get(str(tmp_path / files[0]) if by == "id" else files[0])
    assert "not registered" not in str(err.value)
    assert " -> ".join(names) in str(err.value)


def test_every_duplicate_code_is_reported():
    data = {"codebook": "d", "version": "1", "events": [
        {"code": "190", "verbs": ["attack"]}, {"code": "042", "verbs": ["visit"]},
        {"code": "190", "verbs": ["assault"]}, {"code": "042", "verbs": ["tour"]},
        {"code": "190", "verbs": ["raid"]}]}
    with pytest.raises(CodebookError) as err:
        RuleCodebook(data, "d.yaml")
    fields = [p.field for p in err.value.problems]
    assert fields == ["events[2].code", "events[3].code", "events[4].code"]
    assert "duplicate code '042' (also events[1])" in str(err.value)
