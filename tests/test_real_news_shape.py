"""A scraped-news shaped corpus (paragraph separators, boilerplate, control characters, a
page of 1.1 MB, three bad records) codes through `eventcoder code --workers 2` with no
traceback: every good article is written, every bad record is located."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def hostile_news():
    spec = importlib.util.spec_from_file_location("hostile_news",
                                                  REPO / "benchmarks" / "hostile_news.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
def test_scraped_news_codes_with_two_workers(tmp_path):
    news = hostile_news()
    corpus, good = news.write_corpus(tmp_path, articles=24, big_pages=1, big_chars=1_100_000)
    result = news.run(tmp_path, corpus, "cameo", workers=2)
    assert not result["traceback"], result["stderr_tail"]
    assert result["returncode"] == 1  # the three bad records
    assert result["written"] == good
    reasons = sorted(f"{Path(f['origin']).name}: {f['reason']}" for f in result["failures"])
    assert [r.split(":")[1] for r in reasons] == ["10", "14", "6"]
    assert "id: expected a string or a whole number" in reasons[2]
    assert "date: '2026-13-45' is not a date" in reasons[0]
    assert "invalid JSON" in reasons[1]
