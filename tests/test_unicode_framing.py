"""Text holding line separators, BOMs and control characters goes through the command line,
the partitions, the journal and resume intact: JSONL is framed by "\\n" alone."""
from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from eventcoder import cli as cli_module
from eventcoder.chunking import split_text
from eventcoder.framing import dumps_line, lines, loads_lines
from small_book import GOOD, SMALL_BOOK

pytestmark = pytest.mark.usefixtures("session_model")  # CLI engines share the pipeline

REPO = Path(__file__).resolve().parents[1]
# what str.splitlines() breaks at besides "\n" and "\r", a BOM, and other control characters
SEPARATORS = "\u2028\u2029\u0085\x1c\x1d\x1e\x0b\x0c\r\ufeff\x00\x07\x1b\x7f\u200b\u202e"


@pytest.fixture(scope="module")
def book(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("book") / "small.codebook.yaml"
    path.write_text(SMALL_BOOK, encoding="utf-8")
    return path


noise = st.text(alphabet=st.sampled_from(SEPARATORS + "ab .\n"), max_size=12) | st.text(
    max_size=12)
articles = st.builds(lambda before, inside, after: f"{before}{GOOD[:9]}{inside}{GOOD[9:]}{after}",
                     noise, st.sampled_from(["", " ", "\u2028", "\u2029 ", "\u0085"]), noise)


@given(texts=st.lists(articles, min_size=1, max_size=4), bom=st.booleans(),
       ids=st.lists(st.text(alphabet=st.sampled_from(SEPARATORS + "id1"), min_size=1,
                            max_size=6), min_size=4, max_size=4, unique=True))
@settings(max_examples=max(25, settings().max_examples // 4))
@pytest.mark.long_property
def test_any_text_codes_through_the_cli_and_resumes_byte_identical(tmp_path_factory, book,
                                                                     texts, bom, ids):
    folder = tmp_path_factory.mktemp("run")
    corpus = folder / "news.jsonl"
    records = [{"id": i, "text": t} for i, t in zip(ids, texts)]
    corpus.write_bytes(b"\xef\xbb\xbf" * bom + "".join(map(dumps_line, records)).encode())
    out = folder / "out.jsonl"
    args = ["code", str(corpus), "-c", str(book), "-o", str(out), "--quiet",
            "--partition-size", "1", "--keep-parts"]
    first = CliRunner().invoke(cli_module.cli, args)
    assert first.exit_code == 0, first.output
    written = out.read_bytes()
    events = [json.loads(line) for line in written.decode("utf-8").split("\n") if line]
    assert {e["text_info"]["doc_id"] for e in events} <= set(ids)
    for event in events:
        record = next(r for r in records if r["id"] == event["text_info"]["doc_id"])
        start, end = event["text_info"]["start"], event["text_info"]["end"]
        assert record["text"][start:end] == event["event_text"]
    again = CliRunner().invoke(cli_module.cli, args)  # every partition comes from the store
    assert again.exit_code == 0, again.output
    assert "resumed" in again.stderr
    assert out.read_bytes() == written


@given(st.lists(st.dictionaries(st.text(), st.text() | st.integers() | st.none(), max_size=3)))
def test_jsonl_framing_round_trips_any_record(records):
    text = "".join(map(dumps_line, records))
    assert list(loads_lines(text)) == [r for r in records]
    assert len(lines(text)) == len(records)


def test_line_separators_do_not_cut_a_line():
    assert lines("a\u2028b\u2029c\x85d\x0be\x0cf\x1cg\r\nh\n") == [
        "a\u2028b\u2029c\x85d\x0be\x0cf\x1cg", "h"]


def test_no_module_cuts_text_with_splitlines():
    """str.splitlines() breaks at U+2028 and friends: framing.lines is the one to use."""
    found = []
    for root in (REPO / "eventcoder", REPO / "plugins"):
        for path in sorted(root.rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Attribute) and node.attr == "splitlines":
                    found.append(f"{path.relative_to(REPO)}:{node.lineno}")
    assert not found, f"use eventcoder.framing.lines instead of splitlines(): {found}"


@given(text=st.text(alphabet=st.sampled_from(SEPARATORS + "ab .\n"), max_size=300),
       limit=st.integers(2, 80))
def test_chunks_cover_any_text_exactly(text, limit):
    pieces = split_text(text, limit)
    assert "".join(piece for _, piece in pieces) == text
    assert all(text[at:at + len(piece)] == piece and len(piece) <= limit
               for at, piece in pieces)


@pytest.mark.parametrize("paragraph", ["\u2029", "\n\n"])
@pytest.mark.parametrize("line", ["\u2028", "\u0085", "\x0c", "\n"])
def test_long_texts_are_cut_at_paragraph_then_line_breaks(paragraph, line):
    text = "Rebels attacked the town" + paragraph + "and then" + line + "more words here"
    assert split_text(text, 40)[0][1].endswith(paragraph)
    assert split_text("Rebels attacked the town" + line + "and more words", 30)[0][1].endswith(
        line)
