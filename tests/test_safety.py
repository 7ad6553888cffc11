"""Safety: no code runs from data, plugins run only when installed or named, CSV cells a
spreadsheet would execute are neutralised, outputs are atomic, and output is deterministic."""
from __future__ import annotations

import ast
import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from eventcoder import CodebookError, Document, RuleCodebook, hookimpl
from eventcoder import cli as cli_module
from eventcoder.fileformats import INERT
from eventcoder.formats import OutputFormat, WriteContext, atomic_output, registered_outputs
from eventcoder.frames import columns_for
from eventcoder.plugins import make_plugin_manager

REPO = Path(__file__).resolve().parents[1]
PACKAGES = [REPO / "eventcoder", REPO / "plugins"]
ARTICLE = REPO / "benchmarks" / "articles" / "kivu-attacks.txt"


# -- no code execution from data -------------------------------------------------------------
FORBIDDEN_CALLS = {"eval", "exec", "compile", "__import__", "execfile", "input"}
FORBIDDEN_ATTRIBUTES = {
    ("pickle", "load"), ("pickle", "loads"), ("pickle", "Unpickler"), ("cPickle", "load"),
    ("marshal", "load"), ("marshal", "loads"), ("shelve", "open"), ("dill", "load"),
    ("dill", "loads"), ("cloudpickle", "load"), ("cloudpickle", "loads"), ("joblib", "load"),
    ("pd", "read_pickle"), ("pandas", "read_pickle"), ("torch", "load"),
    ("yaml", "unsafe_load"), ("yaml", "full_load"), ("yaml", "load_all"),
    ("yaml", "unsafe_load_all"), ("yaml", "Loader"), ("yaml", "UnsafeLoader"),
    ("yaml", "FullLoader"), ("os", "system"), ("os", "popen"),
}
SAFE_YAML_LOADERS = {"_Loader", "SafeLoader", "CSafeLoader"}
NUMPY = {"np", "numpy"}  # np.load is safe only with allow_pickle=False


def python_files():
    for root in PACKAGES:
        yield from sorted(p for p in root.rglob("*.py") if "__pycache__" not in p.parts)


def unsafe_calls(path: Path) -> list[str]:
    found = []
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        where = f"{os.path.relpath(path, REPO)}:{getattr(node, 'lineno', '?')}"
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and \
                node.func.id in FORBIDDEN_CALLS:
            found.append(f"{where}: {node.func.id}()")
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and \
                (node.value.id, node.attr) in FORBIDDEN_ATTRIBUTES:
            found.append(f"{where}: {node.value.id}.{node.attr}")
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and \
                node.func.attr == "load" and getattr(node.func.value, "id", "") == "yaml":
            loader = next((k.value for k in node.keywords if k.arg == "Loader"), None)
            name = getattr(loader, "id", getattr(loader, "attr", None))
            if name not in SAFE_YAML_LOADERS:
                found.append(f"{where}: yaml.load without a safe Loader")
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and \
                node.func.attr == "load" and getattr(node.func.value, "id", "") in NUMPY:
            refuses = any(k.arg == "allow_pickle" and getattr(k.value, "value", None) is False
                          for k in node.keywords)
            if not refuses:
                found.append(f"{where}: numpy load without allow_pickle=False")
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            names = [a.name for a in node.names] + [getattr(node, "module", None) or ""]
            if {"pickle", "marshal", "shelve", "dill", "cloudpickle"} & set(names):
                found.append(f"{where}: imports {names}")
        if isinstance(node, ast.Call) and any(k.arg == "shell" and getattr(k.value, "value",
                                                                            None) is True
                                              for k in node.keywords):
            found.append(f"{where}: shell=True")
    return found


def test_the_package_never_executes_or_unpickles_data():
    files = list(python_files())
    assert len(files) > 20, "the scan must see the package"
    problems = [p for path in files for p in unsafe_calls(path)]
    assert problems == []


def test_the_scan_catches_what_it_forbids(tmp_path):
    bad = tmp_path / "probe.py"
    bad.write_text("import pickle\nimport yaml\neval('1')\nyaml.load(s)\n"
                   "yaml.load(s, Loader=yaml.Loader)\npickle.loads(b'')\n"
                   "subprocess.run(cmd, shell=True)\nyaml.load(s, Loader=_Loader)\n"
                   "np.load(f)\nnp.load(f, allow_pickle=True)\nnp.load(f, allow_pickle=False)\n")
    found = sorted(f.split(":", 1)[1] for f in unsafe_calls(bad))
    assert found == sorted(["1: imports ['pickle', '']", "3: eval()",
                     "4: yaml.load without a safe Loader", "5: yaml.Loader",
                     "5: yaml.load without a safe Loader", "6: pickle.loads", "7: shell=True",
                     "9: numpy load without allow_pickle=False",
                     "10: numpy load without allow_pickle=False"])


def test_a_codebook_cannot_run_commands(tmp_path):
    marker = tmp_path / "pwned"
    book = tmp_path / "evil.codebook.yaml"
    book.write_text(f"codebook: evil\nversion: '1'\nevents:\n"
                    f"  - code: !!python/object/apply:os.system ['touch {marker}']\n")
    with pytest.raises(CodebookError) as err:
        RuleCodebook.from_yaml(book)
    assert str(err.value) == (
        f"{book}:4: invalid YAML: column 11: the tag !!python/object/apply:os.system is not "
        "allowed: codebooks are plain data (text, numbers, true/false, null, lists, mappings)")
    assert not marker.exists()


# -- plugins run only when installed or named ------------------------------------------------
MODULE_THAT_TELLS = "from pathlib import Path\nPath({marker!r}).write_text('imported')\n"


@pytest.mark.model  # loads the real pipeline itself
def test_python_files_in_the_working_folder_are_not_imported(tmp_path):
    """`cd corpus && eventcoder code ...` must not import a plugins.py lying there, nor a
    module shadowing a bundled plugin, even with ``python -m eventcoder``."""
    markers = {}
    for name in ("plugins", "eventcoder_cameo", "eventcoder_acled", "eventcoder_plugins",
                 "hookspecs", "sitecustomize_probe"):
        markers[name] = tmp_path / f"{name}.imported"
        (tmp_path / f"{name}.py").write_text(MODULE_THAT_TELLS.format(marker=str(markers[name])))
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    for command in ([str(Path(sys.executable).with_name("eventcoder")), "codebooks"],
                    [sys.executable, "-m", "eventcoder", "codebooks"]):
        done = subprocess.run(command, cwd=tmp_path, env=env, capture_output=True, text=True,
                              timeout=300)
        assert done.returncode == 0, done.stderr
        assert "cameo" in done.stdout
    assert [name for name, marker in markers.items() if marker.exists()] == []


def fake_installed_plugin(root: Path, marker: Path) -> None:
    """A distribution with an `eventcoder` entry point, as `pip install` would leave it."""
    (root / "tattle_plugin.py").write_text(MODULE_THAT_TELLS.format(marker=str(marker)))
    info = root / "tattle_plugin-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: tattle-plugin\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text("[eventcoder]\ntattle = tattle_plugin\n")


@pytest.mark.parametrize("env, loaded", [
    ({}, True),
    ({"EVENTCODER_LOAD_PLUGINS": "cameo"}, False),
    ({"EVENTCODER_DISABLE_PLUGINS": "tattle"}, False),
], ids=["installed", "not-named", "disabled"])
def test_entry_point_plugins_run_only_when_installed_and_allowed(tmp_path, monkeypatch, env,
                                                                  loaded):
    marker = tmp_path / "tattle.imported"
    fake_installed_plugin(tmp_path, marker)
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, "tattle_plugin", raising=False)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    pm = make_plugin_manager()
    assert marker.exists() is loaded
    assert (pm.get_plugin("tattle") is not None) is loaded
    assert make_plugin_manager(entrypoints=False).get_plugin("tattle") is None


# -- CSV cells a spreadsheet would execute -----------------------------------------------------
FORMULA_TEXT = ("=HYPERLINK(\"http://evil\") militants attacked the army in Goma. "
                "@SUM(1) rebels attacked Congolese troops. +cmd soldiers killed civilians. "
                "-2+3 police arrested protesters.")


def csv_formats(pm) -> list[OutputFormat]:
    return [f for f in registered_outputs(pm).values()
            if f.name == "csv" or f.name.endswith("-csv")]


def formula_cells(data: str) -> list[str]:
    """Cells that start like a formula and are not a plain number or dash code."""
    return [cell for row in csv.reader(io.StringIO(data)) for cell in row
            if cell.startswith(("=", "+", "-", "@", "\t", "\r")) and not INERT.fullmatch(cell)]


def test_every_csv_writer_neutralises_formulas_unless_told_not_to(engine_factory):
    pm = make_plugin_manager()
    formats = csv_formats(pm)
    assert {"csv"} <= {f.name for f in formats}
    for fmt in formats:
        books = ["acled"] if fmt.name.startswith("acled") else ["cameo", "acled"]
        engine = engine_factory(*books)
        [result] = engine.results([Document("evil", FORMULA_TEXT, date="2024-05-01")])
        assert result.events and not result.problems
        written = {}
        for safe in (True, False):
            stream = io.StringIO(newline="")
            fmt.write(iter(result.events), stream,
                      WriteContext(engine.codebooks, columns_for(engine.codebooks),
                                   {"csv_safe": safe}))
            written[safe] = stream.getvalue()
        assert formula_cells(written[True]) == [], fmt.name
        assert formula_cells(written[False]), f"{fmt.name}: nothing to neutralise in the test"
        assert "'=HYPERLINK" in written[True]


@pytest.fixture
def small_book(tmp_path, monkeypatch, nlp) -> Path:
    """A small codebook file (quick to load), and the session's pipeline for the CLI."""
    monkeypatch.setattr("eventcoder.engine.load_model", lambda name=None: nlp)
    path = tmp_path / "small.codebook.yaml"
    path.write_text("codebook: small\nversion: '1'\nactors:\n"
                    "  - {code: COD, patterns: [Congolese, Goma]}\n"
                    "events:\n  - {code: '190', verbs: [attack, kill]}\n"
                    "  - {code: '173', verbs: [arrest]}\n")
    return path


@pytest.mark.model  # loads the real pipeline itself
def test_csv_safe_is_on_by_default_on_the_command_line(tmp_path, small_book):
    article = tmp_path / "evil.txt"
    article.write_text(FORMULA_TEXT)
    outputs = {}
    for flag in ([], ["--no-csv-safe"]):
        out = tmp_path / f"out{len(flag)}.csv"
        result = CliRunner().invoke(cli_module.cli, ["code", str(article), "-c", str(small_book),
                                                     "-f", "csv", "-o", str(out), "-q", *flag])
        assert result.exit_code == 0, result.output
        outputs[bool(flag)] = out.read_text(encoding="utf-8")
    assert formula_cells(outputs[False]) == []
    assert any(c.startswith("=HYPERLINK") for c in formula_cells(outputs[True]))


# -- atomic outputs ----------------------------------------------------------------------------
class ExplodingWriter:
    """A throwaway plugin whose format writes two rows, then fails (a full disk, a bug)."""

    @staticmethod
    def write(events, stream, ctx):
        for count, event in enumerate(events, start=1):
            stream.write(json.dumps(event) + "\n")
            if count == 2:
                raise RuntimeError("disk full")
        raise RuntimeError("disk full")

    @hookimpl
    def register_output_formats(self, register):
        register(OutputFormat("explode", ".txt", self.write, description="fails mid-way"))


@pytest.mark.model  # loads the real pipeline itself
@pytest.mark.parametrize("existed", [True, False], ids=["previous-file", "no-file"])
def test_a_writer_that_fails_leaves_no_truncated_output(tmp_path, monkeypatch, small_book,
                                                        existed):
    pm = make_plugin_manager()
    pm.register(ExplodingWriter(), name="exploding")
    monkeypatch.setattr(cli_module, "plugin_manager", lambda: pm)
    out = tmp_path / "events.txt"
    if existed:
        out.write_text("yesterday's complete output\n")
    result = CliRunner().invoke(cli_module.cli, ["code", str(ARTICLE), "-c", str(small_book),
                                                 "-f", "explode", "-o", str(out), "-q"])
    assert isinstance(result.exception, RuntimeError) and "disk full" in str(result.exception)
    if existed:
        assert out.read_text() == "yesterday's complete output\n"
    else:
        assert not out.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


@pytest.mark.parametrize("error", [RuntimeError("boom"), KeyboardInterrupt()],
                         ids=["error", "ctrl-c"])
def test_atomic_output_removes_its_temporary_file(tmp_path, error):
    out = tmp_path / "events.csv"
    with pytest.raises(type(error)):
        with atomic_output(out) as stream:
            stream.write("id,event_code\n1,190\n")
            raise error
    assert list(tmp_path.iterdir()) == []


# -- determinism -------------------------------------------------------------------------------
@pytest.mark.slow
def test_output_is_byte_identical_across_runs_hash_seeds_and_workers(tmp_path, monkeypatch, nlp):
    monkeypatch.setattr("eventcoder.engine.load_model", lambda name=None: nlp)
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("".join(json.dumps({"id": f"n{i}", "text": text, "date": "2025-03-09"})
                              + "\n" for i, text in enumerate(
        [ARTICLE.read_text(encoding="utf-8"), "Pakistani troops attacked Indian soldiers.",
         "Indian police arrested protesters in Delhi on Monday.", ""])), encoding="utf-8")
    here = tmp_path / "here.jsonl"
    result = CliRunner().invoke(cli_module.cli, ["code", str(corpus), "-c", "cameo", "-c",
                                                 "acled", "-o", str(here), "-q"])
    assert result.exit_code == 0, result.output
    there = tmp_path / "there.jsonl"
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    done = subprocess.run([str(Path(sys.executable).with_name("eventcoder")), "code",
                           str(corpus), "-c", "cameo", "-c", "acled", "-o", str(there), "-q",
                           "--workers", "2", "--partition-size", "1"],
                          env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert here.read_bytes() == there.read_bytes()
    assert len(here.read_bytes().splitlines()) > 5
