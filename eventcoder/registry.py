"""Finding codebooks by name or path, across every plugin that registers them."""
from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Iterator

import pluggy

from .codebook import Codebook, CodebookRef
from .errors import CodebookError, PluginError, Problem, UnknownCodebookError
from .plugins import distribution_of


class CodebookRegistry:
    """Collects ``register_codebooks`` results once; loads each codebook on first use."""

    def __init__(self, pm: pluggy.PluginManager):
        self.pm = pm
        self._refs: dict[str, CodebookRef] = {}
        self._loaded: dict[str, Codebook] = {}
        self._loading: list[tuple[str, str]] = []  # (key, as named) being loaded: cycles
        for impl in reversed(pm.hook.register_codebooks.get_hookimpls()):
            plugin_name = pm.get_name(impl.plugin) or repr(impl.plugin)
            impl.function(register=lambda cb, _p=plugin_name: self._add(cb, _p))

    def _add(self, item: Codebook | CodebookRef, plugin: str) -> None:
        if isinstance(item, Codebook):
            codebook = item
            item = CodebookRef(codebook.id, codebook.version, lambda: codebook, codebook.label)
        if not isinstance(item, CodebookRef):
            raise PluginError(f"plugin {plugin!r} registered {item!r}, not a Codebook")
        existing = self._refs.get(item.id)
        if existing is not None and item.fallback and not existing.fallback:
            return  # a plugin's codebook wins over a data file shipped with the same id
        if existing is not None and existing.fallback == item.fallback:
            raise PluginError(f"codebook {item.id!r} is registered by both "
                              f"{self._described(existing.plugin)} and "
                              f"{self._described(plugin)}; disable one with "
                              "EVENTCODER_DISABLE_PLUGINS=<plugin>")
        item.plugin = plugin
        self._refs[item.id] = item

    def _described(self, plugin: str | None) -> str:
        """"'cameo' (eventcoder 0.1.0)": a plugin's name and its distribution."""
        return f"{plugin!r} ({distribution_of(self.pm.get_plugin(plugin))})"

    def refs(self) -> list[CodebookRef]:
        return sorted(self._refs.values(), key=lambda r: r.id)

    def get(self, name_or_path: str | Path | Codebook) -> Codebook:
        """A codebook by id, or loaded from a file through the ``load_codebook`` hook."""
        if isinstance(name_or_path, Codebook):
            return name_or_path
        key = str(name_or_path)
        if key in self._loaded:
            return self._loaded[key]
        if key in self._refs:
            ref = self._refs[key]
            with self._cycle_guard(key):
                codebook = ref.load(self.get) if ref.lookup else ref.load()
            codebook.plugin = ref.plugin
        elif Path(key).is_file():
            with self._cycle_guard(str(Path(key).resolve()), shown=key):
                codebook = self.pm.hook.load_codebook(path=Path(key), registry=self)
            if codebook is None:
                raise CodebookError(Problem("no plugin can load this file (expected a "
                                            "*.yaml codebook)", file=key))
            codebook.plugin = codebook.plugin or "file"
        else:
            known = ", ".join(self._refs) or "none"
            raise UnknownCodebookError(Problem(f"unknown codebook {key!r}: not a registered "
                                               f"name ({known}) nor an existing file"))
        self._loaded[key] = codebook
        return codebook

    @contextlib.contextmanager
    def _cycle_guard(self, key: str, shown: str | None = None) -> Iterator[None]:
        """Refuse a codebook that (through extends or crosswalk) needs itself."""
        if any(loading == key for loading, _ in self._loading):
            names = [name for _, name in self._loading] + [shown or key]
            raise CodebookError(Problem("codebooks refer to each other in a cycle "
                                        f"(extends/crosswalk): {' -> '.join(names)}"))
        self._loading.append((key, shown or key))
        try:
            yield
        finally:
            self._loading.pop()
