"""The plugin manager: built-in plugins, bundled codebook plugins, and entry points.

Nothing happens at import time; call ``make_plugin_manager()``. Environment switches:
``EVENTCODER_DISABLE_PLUGINS=a,b`` blocks plugins by name; ``EVENTCODER_LOAD_PLUGINS=a,b``
loads only those entry points; ``EVENTCODER_TRACE_PLUGINS=1`` prints every hook call.
"""
from __future__ import annotations

import importlib
import importlib.metadata
import os
import sys

import logging

import pluggy

from . import hookspecs
from .errors import PluginError

log = logging.getLogger(__name__)
ENTRY_POINT_GROUP = "eventcoder"

DEFAULT_PLUGINS = {
    "eventcoder.yaml_codebooks": "eventcoder.builtins.yaml_codebooks",
    "eventcoder.svo": "eventcoder.builtins.svo",
    "eventcoder.actors": "eventcoder.builtins.actors",
    "eventcoder.formats": "eventcoder.builtins.formats",
    "eventcoder.dedupe": "eventcoder.builtins.dedupe",
    "eventcoder.nlp": "eventcoder.builtins.nlp",
    "eventcoder.scoring": "eventcoder.builtins.scoring",
    "eventcoder.scaffold": "eventcoder.builtins.scaffold",
    "eventcoder.crosswalks": "eventcoder.builtins.crosswalks",
}
# Same names as the entry points in pyproject.toml, so a plugin is never registered twice.
BUNDLED_PLUGINS = {
    "cameo": "eventcoder_cameo",
    "acled": "eventcoder_acled",
}
_DISTRIBUTIONS: dict[int, tuple[str, str]] = {}  # id(plugin module) -> (name, version)


def _env_list(name: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, "").split(",") if item.strip()]


def _load_entrypoints(pm: pluggy.PluginManager, only: list[str]) -> None:
    """Load entry points one name at a time so a failure names its plugin.

    A name is loaded from one distribution only. An entry point that takes the name of a
    built-in or bundled plugin from another distribution is not loaded (its module is not
    even imported), and two distributions claiming one name load the first: both cases are
    warned, naming the distributions, so a bundled codebook is never replaced silently.
    """
    claimed: dict[str, str] = {}
    for ep in importlib.metadata.entry_points(group=ENTRY_POINT_GROUP):
        dist = _distribution(ep)
        if (only and ep.name not in only) or pm.is_blocked(ep.name) or claimed.get(
                ep.name) == dist:  # the same distribution seen twice on sys.path
            continue
        reserved = ep.name in DEFAULT_PLUGINS or ep.name in BUNDLED_PLUGINS
        if reserved and not dist.startswith("eventcoder "):
            log.warning("plugin %r from %s is not loaded: eventcoder's own plugin has that "
                        "name; rename the entry point in %s", ep.name, dist, dist)
            continue
        if ep.name in claimed:
            log.warning("plugin %r is declared by both %s and %s; the one from %s is "
                        "loaded; rename one of them", ep.name, claimed[ep.name], dist,
                        claimed[ep.name])
            continue
        claimed[ep.name] = dist
        try:
            plugin = ep.load()
        except Exception as err:  # a broken third-party plugin must be named, not hidden
            raise PluginError(
                f"plugin {ep.name!r} from {dist} failed to load: {type(err).__name__}: "
                f"{err}; disable it with EVENTCODER_DISABLE_PLUGINS={ep.name}") from err
        pm.register(plugin, name=ep.name)
        if ep.dist is not None:
            _DISTRIBUTIONS[id(plugin)] = (ep.dist.name, ep.dist.version)


def _distribution(ep: importlib.metadata.EntryPoint) -> str:
    """"name version" of the distribution that declares ``ep``."""
    return f"{ep.dist.name} {ep.dist.version}" if ep.dist else "an unknown distribution"


def make_plugin_manager(*, entrypoints: bool = True, bundled: bool = True,
                        blocked: tuple[str, ...] = ()) -> pluggy.PluginManager:
    """A fresh plugin manager with built-ins, bundled plugins and (optionally) entry points."""
    pm = pluggy.PluginManager("eventcoder")
    pm.add_hookspecs(hookspecs)
    for name in (*blocked, *_env_list("EVENTCODER_DISABLE_PLUGINS")):
        pm.set_blocked(name)
    if entrypoints:
        _load_entrypoints(pm, _env_list("EVENTCODER_LOAD_PLUGINS"))
    wanted = {**DEFAULT_PLUGINS, **(BUNDLED_PLUGINS if bundled else {})}
    for name, module in wanted.items():
        if pm.get_plugin(name) is None and not pm.is_blocked(name):
            pm.register(importlib.import_module(module), name=name)
    if os.environ.get("EVENTCODER_TRACE_PLUGINS"):
        pm.trace.root.setwriter(lambda message: sys.stderr.write(message))
        pm.enable_tracing()
    try:
        pm.check_pending()
    except pluggy.PluginValidationError as err:
        raise PluginError(f"{err}; is the hook name misspelt? See docs/plugin-hooks.md") from err
    return pm


def distribution_of(plugin: object) -> str:
    """"name version" of the distribution a plugin was installed with."""
    if id(plugin) in _DISTRIBUTIONS:
        return " ".join(_DISTRIBUTIONS[id(plugin)])
    if getattr(plugin, "__name__", "").startswith("eventcoder"):  # built-in or bundled
        return f"eventcoder {_own_version()}"
    return "registered in code, not installed"


def plugin_rows(pm: pluggy.PluginManager) -> list[dict[str, str | None]]:
    """One row per registered plugin: name, distribution, version, hooks it implements."""
    rows = []
    for name, plugin in sorted(pm.list_name_plugin(), key=lambda item: item[0]):
        if plugin is None:
            continue
        dist, version = _DISTRIBUTIONS.get(id(plugin), ("eventcoder (built-in)",
                                                        _own_version()))
        hooks = sorted(caller.name for caller in pm.get_hookcallers(plugin) or [])
        rows.append({
            "name": name,
            "distribution": dist,
            "version": version,
            "hooks": ", ".join(hooks),
        })
    return rows


def _own_version() -> str:
    try:
        return importlib.metadata.version("eventcoder")
    except importlib.metadata.PackageNotFoundError:
        return "source"
