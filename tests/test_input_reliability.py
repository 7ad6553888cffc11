"""What `eventcoder code` reads and how it says what is wrong: its own outputs are never read
back, repeated or odd ids, UTF-16 files, bad dates, and the mode of what it writes."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from eventcoder import cli as cli_module
from small_book import GOOD, SMALL_BOOK

pytestmark = pytest.mark.usefixtures("session_model")  # CLI engines share the pipeline



@pytest.fixture
def book(tmp_path) -> Path:
    path = tmp_path / "small.codebook.yaml"
    path.write_text(SMALL_BOOK, encoding="utf-8")
    return path


def run(book, *args):
    return CliRunner().invoke(cli_module.cli, ["code", *map(str, args), "-c", str(book),
                                               "--quiet"])


def events(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").split("\n") if line]


def jsonl(path: Path, *records: dict) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


# -- a run's outputs are not inputs ---------------------------------------------------------
@pytest.mark.parametrize("extra", [[], ["--keep-parts"], ["--input-format", "jsonl"]])
def test_an_output_inside_the_input_folder_is_not_read_back(tmp_path, book, extra):
    news = tmp_path / "news"
    news.mkdir()
    jsonl(news / "a.jsonl", {"id": "a1", "text": GOOD}, {"id": "a2", "text": GOOD})
    out, errors = news / "out.jsonl", news / "errors.jsonl"
    first = run(book, news, "-o", out, "--errors", errors, *extra)
    assert first.exit_code == 0, first.output
    written = out.read_bytes()
    assert {e["text_info"]["doc_id"] for e in events(out)} == {"a1", "a2"}
    again = run(book, news, "-o", out, "--errors", errors, *extra)
    assert again.exit_code == 0, again.output
    assert out.read_bytes() == written
    if extra == ["--keep-parts"]:  # the fingerprint ignores the run's own files
        assert "resumed" in again.stderr


def test_naming_the_output_as_an_input_is_a_located_problem(tmp_path, book):
    source = jsonl(tmp_path / "a.jsonl", {"id": "a1", "text": GOOD})
    out = tmp_path / "out.jsonl"
    assert run(book, source, "-o", out).exit_code == 0
    result = run(book, source, out, "-o", out)
    assert result.exit_code == 1
    assert f"{out}: is an output of this run" in result.stderr
    assert {e["text_info"]["doc_id"] for e in events(out)} == {"a1"}


def test_hidden_files_in_an_input_folder_are_skipped(tmp_path, book):
    news = tmp_path / "news"
    (news / ".cache").mkdir(parents=True)
    jsonl(news / "a.jsonl", {"id": "a1", "text": GOOD})
    (news / ".out.jsonl.x1y2.tmp").write_text("half written", encoding="utf-8")
    jsonl(news / ".cache" / "old.jsonl", {"id": "old", "text": GOOD})
    result = run(book, news, "-o", tmp_path / "out.jsonl", "--input-format", "jsonl")
    assert result.exit_code == 0, result.output
    assert {e["text_info"]["doc_id"] for e in events(tmp_path / "out.jsonl")} == {"a1"}


# -- ids ------------------------------------------------------------------------------------
def test_repeated_ids_are_warned_with_both_places_and_event_ids_stay_unique(tmp_path, book):
    source = jsonl(tmp_path / "a.jsonl", {"id": "g1", "text": GOOD}, {"id": "g2", "text": GOOD},
                   {"id": "g1", "text": GOOD}, {"id": "g1", "text": GOOD})
    outputs = []
    for size in ("1", "3"):
        out = tmp_path / f"out{size}.jsonl"
        result = run(book, source, "-o", out, "--partition-size", size)
        assert result.exit_code == 0, result.output
        warnings = [line for line in result.stderr.splitlines() if "duplicate" in line]
        assert len(warnings) == 2
        assert f"{source}:3: id: duplicate document id 'g1' (first at {source}:1)" in warnings[0]
        assert "coded as 'g1#3'" in warnings[1]
        ids = [e["id"] for e in events(out)]
        assert len(ids) == len(set(ids)) == 4
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]  # stable: the same ids whatever the partitions
    assert {e["text_info"]["doc_id"] for e in events(out)} == {"g1", "g2", "g1#2", "g1#3"}


@pytest.mark.parametrize("value, kind", [({"x": 1}, "an object"), ([1], "a list"),
                                         (True, "true or false"), (1.5, "float")])
def test_an_id_that_is_not_text_or_a_number_is_a_located_problem(tmp_path, book, value, kind):
    source = jsonl(tmp_path / "a.jsonl", {"id": 7, "text": GOOD}, {"id": value, "text": GOOD},
                   {"text": GOOD})
    out = tmp_path / "out.jsonl"
    result = run(book, source, "-o", out)
    assert result.exit_code == 1
    assert f"{source}:2: id: expected a string or a whole number, got {kind}" in result.stderr
    assert {e["text_info"]["doc_id"] for e in events(out)} == {"7", "a-3"}


# -- encodings, dates -------------------------------------------------------------------------
@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
@pytest.mark.parametrize("name, content", [
    ("a.txt", GOOD),
    ("a.jsonl", json.dumps({"id": "j1", "text": GOOD}) + "\r\n" + json.dumps(
        {"id": "j2", "text": "Indian troops attacked Pakistani soldiers.\u2028"}) + "\n"),
    ("a.csv", f'id,text\r\nc1,"{GOOD}"\r\n')])
def test_utf16_and_utf32_files_with_a_byte_order_mark_are_read(tmp_path, book, encoding, name,
                                                                content):
    source = tmp_path / name
    bom = {"utf-16-be": "\ufeff"}.get(encoding, "")
    source.write_bytes((bom + content).encode(encoding))
    out = tmp_path / "out.jsonl"
    result = run(book, source, "-o", out)
    assert result.exit_code == 0, result.output
    assert events(out)


def test_utf16_without_a_byte_order_mark_is_named(tmp_path, book):
    source = tmp_path / "a.txt"
    source.write_bytes(GOOD.encode("utf-16-le"))
    result = run(book, source, "-o", tmp_path / "out.jsonl")
    assert result.exit_code == 1
    assert "looks like UTF-16LE text without a byte-order mark" in result.stderr
    assert "binary" not in result.stderr


def test_bad_utf16_is_located(tmp_path, book):
    source = tmp_path / "a.jsonl"
    source.write_bytes((json.dumps({"text": GOOD}) + "\n").encode("utf-16") + b"\x00\xd8x")
    result = run(book, source, "-o", tmp_path / "out.jsonl")
    assert result.exit_code == 1
    assert f"{source}:2: unreadable after line 1" in result.stderr
    assert len(events(tmp_path / "out.jsonl")) == 1


def test_a_bad_input_date_is_reported_as_the_documents_date(tmp_path, book):
    source = jsonl(tmp_path / "a.jsonl", {"id": "d1", "text": GOOD, "date": "2026-02-02"},
                   {"id": "d2", "text": GOOD, "date": "2026-13-45"},
                   {"id": "d3", "text": GOOD, "date": "2026-02-03T10:00:00Z"},
                   {"id": "d4", "text": GOOD, "date": "yesterday"})
    out = tmp_path / "out.jsonl"
    result = run(book, source, "-o", out)
    assert result.exit_code == 1
    assert f"{source}:2: date: '2026-13-45' is not a date" in result.stderr
    assert f"{source}:4: date: 'yesterday' is not a date" in result.stderr
    assert "invalid event" not in result.stderr
    assert {(e["text_info"]["doc_id"], e["date"]) for e in events(out)} == {
        ("d1", "2026-02-02"), ("d3", "2026-02-03")}
    bad_option = run(book, source, "-o", out, "--date", "02/03/2026")
    assert bad_option.exit_code == 1 and "--date '02/03/2026' is not a date" in bad_option.output


# -- file modes -----------------------------------------------------------------------------
@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
@pytest.mark.parametrize("umask, mode", [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_outputs_honour_the_umask(tmp_path, book, umask, mode):
    source = jsonl(tmp_path / "a.jsonl", {"id": "a1", "text": GOOD}, {"text": 3})
    out, errors = tmp_path / "out.csv", tmp_path / "errors.csv"
    old = os.umask(umask)
    try:
        run(book, source, "-o", out, "-f", "csv", "--errors", errors)
    finally:
        os.umask(old)
    assert out.stat().st_mode & 0o777 == mode
    assert errors.stat().st_mode & 0o777 == mode


def test_utf16_on_stdin_is_read(tmp_path, book):
    import subprocess
    import sys
    record = json.dumps({"id": "s1", "text": GOOD}) + "\n"
    done = subprocess.run([sys.executable, "-m", "eventcoder", "code", "-", "--input-format",
                           "jsonl", "-c", str(book), "--quiet"],
                          input=record.encode("utf-16"), capture_output=True, timeout=600)
    assert done.returncode == 0, done.stderr.decode()
    assert json.loads(done.stdout.decode().split("\n")[0])["text_info"]["doc_id"] == "s1"
