"""Optional dependencies: a feature that needs one says which extra installs it.

The base install codes text; Dask runs, benchmarks and the documentation site need extras
(``pip install "eventcoder[dask]"``, ``[bench]``, ``[docs]``).
"""
from __future__ import annotations

import importlib
from types import ModuleType

from .errors import EventcoderError


class MissingExtraError(EventcoderError):
    """A feature's optional dependency is not installed."""


def require(module: str, extra: str, feature: str) -> ModuleType:
    """``module`` imported, or an error naming the extra that installs it."""
    try:
        return importlib.import_module(module)
    except ImportError as err:
        raise MissingExtraError(
            f"{feature} needs the '{extra}' extra, which the base install leaves out "
            f"({module.split('.')[0]} is not installed): "
            f'pip install "eventcoder[{extra}]" (from a clone: pip install ".[{extra}]")'
        ) from err
