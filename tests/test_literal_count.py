"""benchmarks/literal_count.py counts strings only in collection literals of 3+ strings."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from literal_count import count_source  # noqa: E402


@pytest.mark.parametrize("source, expected", [
    ('X = {"a", "b", "c"}', 3),
    ('X = ["a", "b"]', 0),
    ('X = ("a", "b", "c", 1, None)', 3),
    ('X = {"a": "x", "b": 1, "c": "y"}', 5),
    ('X = {"a": 1, "b": 2}', 0),
    ('X = [("a", "b"), ("c", "d")]', 0),
    ('X = [("a", "b", "c"), ["d", "e", "f", "g"]]', 7),
    ('def f(t):\n    return t.dep_ in ("nsubj", "dobj", "iobj")', 3),
    ('X = "a b c".split()', 0),
])
def test_strings_in_collections_of_three_or_more_count(source, expected):
    assert count_source(source) == expected
