"""Third-party plugins: codebooks, output formats and commands appear where users look."""
import importlib.metadata

import pytest
from click.testing import CliRunner

import eventcoder
from eventcoder import cli as cli_module
from eventcoder.errors import PluginError
from eventcoder.plugins import make_plugin_manager

TINY = {
    "codebook": "tiny",
    "version": "0.1",
    "actors": [{"code": "GON", "patterns": ["Gondor"]}, {"code": "MOR", "patterns": ["Mordor"]}],
    "events": [{"code": "ATTACK", "label": "Attack", "verbs": ["attack", "invade"]}],
}


def write_tsv(events, stream, ctx):
    count = 0
    for event in events:
        stream.write(f"{event['event_code']}\t{event['event_text']}\n")
        count += 1
    return count


class ThrowawayPlugin:
    @eventcoder.hookimpl
    def register_codebooks(self, register):
        register(eventcoder.RuleCodebook(TINY, source="<tiny>"))

    @eventcoder.hookimpl
    def register_output_formats(self, register):
        register(eventcoder.OutputFormat("tsv", ".tsv", write_tsv, description="test format"))


@pytest.fixture
def registered(monkeypatch, nlp):
    pm = cli_module.plugin_manager()
    pm.register(ThrowawayPlugin(), name="throwaway")
    monkeypatch.setattr("eventcoder.engine.load_model", lambda name=None: nlp)
    yield pm
    pm.unregister(name="throwaway")


@pytest.mark.model  # loads the real pipeline itself
def test_plugin_codebook_and_format_show_up(registered, tmp_path):
    runner = CliRunner()
    listing = runner.invoke(cli_module.cli, ["codebooks"])
    assert listing.exit_code == 0
    assert any(line.split()[:3] == ["tiny", "0.1", "throwaway"]
               for line in listing.output.splitlines())
    article = tmp_path / "a.txt"
    article.write_text("Mordor attacked Gondor at dawn.")
    result = runner.invoke(cli_module.cli, ["code", str(article), "-c", "tiny", "-f", "tsv"])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "ATTACK\tMordor attacked Gondor at dawn."


def test_plugin_commands_are_added(monkeypatch):
    class CommandPlugin:
        @eventcoder.hookimpl
        def register_commands(self, cli):
            @cli.command(name="hello-test")
            def hello():
                """Say hello."""
                print("hello from a plugin")

    pm = make_plugin_manager(entrypoints=False)
    pm.register(CommandPlugin(), name="commands")
    monkeypatch.setattr(cli_module, "plugin_manager", lambda: pm)
    group = cli_module.PluginGroup(name="t", commands=dict(cli_module.cli.commands))
    result = CliRunner().invoke(group, ["hello-test"])
    assert result.output.strip() == "hello from a plugin"


def test_duplicate_codebook_ids_name_both_plugins():
    pm = make_plugin_manager(entrypoints=False)

    class Clash:
        @eventcoder.hookimpl
        def register_codebooks(self, register):
            register(eventcoder.RuleCodebook({**TINY, "codebook": "cameo"}))

    pm.register(Clash(), name="clash")
    with pytest.raises(PluginError, match="'cameo' is registered by both"):
        eventcoder.Engine("cameo", pm=pm, nlp=object())


def test_broken_entry_point_is_named(monkeypatch, tmp_path):
    dist = tmp_path / "broken_plugin-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: broken-plugin\nVersion: 1.0\n")
    (dist / "entry_points.txt").write_text("[eventcoder]\nbroken = broken_plugin_mod\n")
    (tmp_path / "broken_plugin_mod.py").write_text("raise ImportError('needs numpy 9')\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    with pytest.raises(PluginError) as err:
        make_plugin_manager()
    assert str(err.value) == (
        "plugin 'broken' from broken-plugin 1.0 failed to load: ImportError: needs numpy 9; "
        "disable it with EVENTCODER_DISABLE_PLUGINS=broken")
    monkeypatch.setenv("EVENTCODER_DISABLE_PLUGINS", "broken")
    assert make_plugin_manager().get_plugin("cameo") is not None


def test_disable_switch_blocks_a_plugin(monkeypatch):
    monkeypatch.setenv("EVENTCODER_DISABLE_PLUGINS", "acled")
    pm = make_plugin_manager(entrypoints=False)
    assert pm.get_plugin("acled") is None
    assert pm.get_plugin("cameo") is not None


def test_bundled_plugins_are_entry_points():
    names = {ep.name for ep in importlib.metadata.entry_points(group="eventcoder")}
    assert {"cameo", "acled"} <= names


def test_plugins_command_lists_distribution_and_hooks():
    result = CliRunner().invoke(cli_module.cli, ["plugins"])
    assert result.exit_code == 0
    rows = {line.split()[0]: line for line in result.output.splitlines()[1:]}
    assert "cameo" in rows and "register_codebooks" in rows["cameo"]
    assert "eventcoder.svo" in rows and "extract_candidates" in rows["eventcoder.svo"]
