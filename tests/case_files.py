"""Case files of our own sentences (tests/cases/*.yaml) grouped by mechanism, as pytest
parameters: ``mechanisms`` is a list of ``{name, cases}`` or a mapping name -> cases."""
from __future__ import annotations

from pathlib import Path

import pytest

from eventcoder import yamlio


def mechanism_cases(path: Path) -> list:
    """One parameter per case, its id the mechanism's name and the case's number."""
    mechanisms = yamlio.load(path)["mechanisms"]
    if isinstance(mechanisms, dict):
        mechanisms = [{"name": name, "cases": cases} for name, cases in mechanisms.items()]
    return [pytest.param(case, id=f"{mechanism['name']}-{number}")
            for mechanism in mechanisms for number, case in enumerate(mechanism["cases"])]
