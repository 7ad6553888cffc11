"""CAMEO coding mechanisms on our own sentences (tests/cases/cameo_*.yaml), with the built-in
codebook and with the Phoenix PETRARCH dictionaries.

A case lists ``events`` every coder must find (``cameo:`` / ``phoenix:`` replace them for
one coder, where the vocabularies differ), ``absent`` events none may produce, and
``none: true`` when no event is right. A coder with no expectation for a case, or listed in
``skip`` (a known limit, docs/petrarch-dictionaries.md), is not run.
"""
from __future__ import annotations

import logging
from pathlib import Path

import pytest

from eventcoder import Document, Engine, yamlio

CASES = sorted((Path(__file__).parent / "cases").glob("cameo_*.yaml"))
CODERS = ("cameo", "phoenix")


def _cases():
    for path in CASES:
        for number, case in enumerate(yamlio.load(path)["cases"]):
            for coder in CODERS:
                if coder in case.get("skip", ()):
                    continue
                if case.get("none") or coder in case or "events" in case:
                    yield pytest.param(case, coder, id=f"{path.stem}[{number}]-{coder}")


@pytest.fixture(scope="module")
def coders(engine_factory, nlp, request):
    found = {"cameo": engine_factory("cameo")}

    def phoenix():
        if "phoenix" not in found:
            shared = request.getfixturevalue("shared_data")
            from eventcoder_cameo.petrarch import load_dictionaries
            logging.disable(logging.WARNING)  # the real files have a few unreadable lines
            try:
                book = load_dictionaries(shared / "dictionaries" / "phoenix")
            finally:
                logging.disable(logging.NOTSET)
            found["phoenix"] = Engine([book], nlp=nlp)
        return found["phoenix"]

    return lambda name: found["cameo"] if name == "cameo" else phoenix()


def test_case_files_are_well_formed():
    assert CASES, "no case files"
    for path in CASES:
        data = yamlio.load(path)
        assert data["mechanism"] and data["cases"], path
        for case in data["cases"]:
            assert set(case) <= {"text", "events", "absent", "none", "skip", *CODERS}, case
            assert case.get("none") or any(k in case for k in ("events", *CODERS)), case


@pytest.mark.parametrize("case, coder", list(_cases()))
def test_case(coders, case, coder):
    result = next(coders(coder).results([Document("case", case["text"], "2015-06-01")]))
    assert not result.problems, result.problems
    got = {(e["source"], e["target"], e["code"]) for e in result.events}
    if case.get("none"):
        assert not got, f"expected no event, got {sorted(got)}"
        return
    wanted = {tuple(e) for e in case.get(coder, case.get("events", []))}
    assert wanted <= got, f"missing {sorted(wanted - got)}; got {sorted(got)}"
    unwanted = {tuple(e) for e in case.get("absent", [])} & got
    assert not unwanted, f"unwanted {sorted(unwanted)}"
