"""The base install codes text; a feature whose optional dependency is missing names the
extra that installs it (simulated here by hiding the module)."""
from __future__ import annotations

import sys

import pytest
from click.testing import CliRunner

from eventcoder.cli import cli
from eventcoder.extras import MissingExtraError, require


def hide(monkeypatch, *modules: str) -> None:
    for name in modules:  # a None entry makes ``import name`` raise ImportError
        monkeypatch.setitem(sys.modules, name, None)


def test_require_names_the_extra(monkeypatch):
    hide(monkeypatch, "scipy", "scipy.optimize")
    with pytest.raises(MissingExtraError, match=r'pip install "eventcoder\[bench\]"'):
        require("scipy.optimize", "bench", "eventcoder bench")
    assert require("json", "bench", "anything").dumps([]) == "[]"


def test_bench_alignment_without_scipy_names_the_bench_extra(monkeypatch):
    from eventcoder.bench.align import align
    hide(monkeypatch, "scipy", "scipy.optimize")
    with pytest.raises(MissingExtraError, match=r"\[bench\]"):
        align([{"code": "1"}], [{"code": "1"}], ("code",))


def test_agreement_without_krippendorff_names_the_bench_extra(monkeypatch):
    from eventcoder.bench.compare import krippendorff_alpha
    hide(monkeypatch, "krippendorff")
    with pytest.raises(MissingExtraError,
                       match=r"compare needs the .bench. extra.*krippendorff is not installed"):
        krippendorff_alpha([["a", "b"], ["a", "a"]])


def test_dask_engine_without_dask_names_the_dask_extra(monkeypatch, tmp_path):
    hide(monkeypatch, "distributed")
    article = tmp_path / "a.txt"
    article.write_text("Rebels attacked the army in Goma.", encoding="utf-8")
    out = CliRunner().invoke(cli, ["code", str(article), "-c", "cameo", "--engine", "dask",
                                   "-o", str(tmp_path / "events.jsonl")])
    assert out.exit_code != 0
    assert "--engine dask needs the 'dask' extra" in out.output and "distributed is not installed" in out.output
    assert 'pip install "eventcoder[dask]"' in out.output
    assert not (tmp_path / "events.jsonl").exists()  # never a half-written file


def test_bench_without_the_extra_says_so_before_coding(monkeypatch, tmp_path):
    hide(monkeypatch, "krippendorff")
    monkeypatch.setattr("eventcoder.bench.cli._load_nlp", lambda model: pytest.fail(
        "the model was loaded before the missing extra was named"))
    gold = tmp_path / "g.jsonl"
    gold.write_text('{"id": "a", "text": "x", "events": []}\n', encoding="utf-8")
    out = CliRunner().invoke(cli, ["bench", str(gold), "-c", "cameo"])
    assert out.exit_code != 0 and 'pip install "eventcoder[bench]"' in out.output
