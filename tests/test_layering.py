"""Layering: the core and the codebook plugins reach shared helpers through core modules,
never through ``eventcoder.builtins`` (built-in plugins are plugins like any other); and each
codebook plugin registers its own scorer, so the core names no individual codebook's."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORE = [p for p in (ROOT / "eventcoder").rglob("*.py") if "builtins" not in p.parts]
PLUGINS = list((ROOT / "plugins").rglob("*.py"))


def builtins_imports(source: str, package: str) -> list[str]:
    """Modules and names a module of ``package`` imports from ``eventcoder.builtins``."""
    return imports_from(source, package, ("eventcoder.builtins",))


def imports_from(source: str, package: str, prefixes: tuple[str, ...]) -> list[str]:
    """Modules and names a module of ``package`` imports (at any depth, in a function
    too) from modules whose names start with one of ``prefixes``."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom):
            parts = package.split(".")
            base = parts[:len(parts) - node.level + 1] if node.level else []
            module = ".".join([*base, node.module or ""]) if node.level else node.module or ""
            names = [f"{module}.{a.name}" for a in node.names]
        elif isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        else:
            continue
        found += [n for n in names if n.startswith(prefixes)]
    return found


@pytest.mark.parametrize("path", CORE + PLUGINS, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_import_of_builtins(path):
    package = ".".join(path.relative_to(ROOT).parts[:-1])
    assert builtins_imports(path.read_text(encoding="utf-8"), package) == []


@pytest.mark.parametrize("path", [p for p in (ROOT / "eventcoder").rglob("*.py")],
                         ids=lambda p: str(p.relative_to(ROOT)))
def test_the_core_imports_no_codebook_plugin(path):
    """The core (built-in plugins included) names no codebook plugin's module: what only a
    codebook knows (its learn target, its scorer, its fields) it hands over through hooks
    or its Codebook object."""
    package = ".".join(path.relative_to(ROOT).parts[:-1])
    assert imports_from(path.read_text(encoding="utf-8"), package,
                        ("eventcoder_cameo", "eventcoder_acled")) == []


def test_learn_targets_come_from_the_codebooks():
    from eventcoder_acled.learning import AcledTarget
    from eventcoder_cameo.learning import CameoTarget

    from eventcoder.learn.targets import RuleTarget, target_for
    from eventcoder.plugins import make_plugin_manager
    from eventcoder.registry import CodebookRegistry
    registry = CodebookRegistry(make_plugin_manager())
    assert type(target_for(registry.get("acled"))) is AcledTarget
    assert type(target_for(registry.get("cameo"))) is CameoTarget
    assert type(target_for(registry.get("plover"))) is RuleTarget


def test_the_check_sees_relative_and_absolute_imports():
    source = ("from ..builtins.formats import read_txt\nimport eventcoder.builtins.scoring\n"
              "from ..fileformats import read_txt\nfrom . import fields\n")
    assert builtins_imports(source, "eventcoder.bench") == [
        "eventcoder.builtins.formats.read_txt", "eventcoder.builtins.scoring"]


def test_codebook_scorers_come_from_their_plugins():
    from eventcoder.bench.scorer import registered_scorers
    from eventcoder.plugins import make_plugin_manager
    pm = make_plugin_manager()
    owners = {}
    for impl in pm.hook.register_scorers.get_hookimpls():
        impl.function(register=lambda name, _s, _p=pm.get_name(impl.plugin): owners.setdefault(
            name, _p))
    assert owners["cameo"] == owners["cameo-root"] == "cameo"
    assert owners["acled"] == "acled"
    assert {"cameo", "cameo-root", "acled", "plover", "generic"} <= set(registered_scorers(pm))
