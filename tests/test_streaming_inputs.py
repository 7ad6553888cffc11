"""Streaming readers (gzip, Parquet, folders) and per-document error isolation."""
import csv
import gzip
import json

import pandas as pd
import pytest
from click.testing import CliRunner

from eventcoder import cli as cli_module
from eventcoder.fileformats import read_csv, read_jsonl, read_parquet, read_txt
from eventcoder.engine import Engine
from eventcoder.errors import Problem
from eventcoder.formats import registered_inputs
from eventcoder.inputs import iter_items
from eventcoder.model import Document
from scale_corpus import write_book

pytestmark = pytest.mark.usefixtures("session_model")  # CLI engines share the pipeline

SENTENCES = ["Pakistani troops attacked Indian militants in Gwadar.",
             "Kenyan police arrested twenty rebels in Mombasa.",
             "Iranian officials accused Pakistani troops of spying.",
             "Indian soldiers clashed with rebels near Mumbai."]


def records(n):
    return [{"id": f"n{i}", "text": SENTENCES[i % len(SENTENCES)], "desk": "world"}
            for i in range(n)]


def jsonl_bytes(rows):
    return b"".join(json.dumps(r).encode() + b"\n" for r in rows)


def run(*args):
    return CliRunner().invoke(cli_module.cli, list(args))


def test_gzip_jsonl_reads_like_plain(tmp_path):
    plain, zipped = tmp_path / "a.jsonl", tmp_path / "a.jsonl.gz"
    plain.write_bytes(jsonl_bytes(records(5)))
    zipped.write_bytes(gzip.compress(plain.read_bytes()))
    read = [(d.id, d.text, d.meta) for d in read_jsonl(plain)]
    assert [(d.id, d.text, d.meta) for d in read_jsonl(zipped)] == read
    assert len(read) == 5 and read[0][2] == {"desk": "world"}


def test_gzip_csv_and_txt(tmp_path):
    (tmp_path / "t.csv.gz").write_bytes(gzip.compress(
        b'id,text\n1,"two\nlines"\n2,plain\n'))
    docs = list(read_csv(tmp_path / "t.csv.gz"))
    assert [(d.id, d.text, d.origin) for d in docs] == [
        ("1", "two\nlines", f"{tmp_path / 't.csv.gz'}:2"), ("2", "plain", f"{tmp_path / 't.csv.gz'}:4")]
    (tmp_path / "story.txt.gz").write_bytes(gzip.compress("Café news.".encode()))
    [doc] = read_txt(tmp_path / "story.txt.gz")
    assert (doc.id, doc.text) == ("story", "Café news.")


def test_truncated_gzip_is_reported_after_the_good_lines(tmp_path):
    whole = gzip.compress(jsonl_bytes(records(200)))
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(whole[: len(whole) // 2])
    items = list(read_jsonl(path))
    assert isinstance(items[-1], Problem) and "unreadable after line" in items[-1].message
    assert all(isinstance(i, Document) for i in items[:-1])


def test_parquet_streams_rows_with_ids_and_metadata(tmp_path):
    path = tmp_path / "news.parquet"
    frame = pd.DataFrame({"text": ["A.", "B.", None], "id": ["x", None, "z"],
                          "date": ["2024-01-02", None, None], "desk": ["w", "w", None]})
    frame.to_parquet(path, row_group_size=1)
    items = list(read_parquet(path, batch_rows=1))
    assert [(i.id, i.text, i.date, i.meta, i.origin) for i in items[:2]] == [
        ("x", "A.", "2024-01-02", {"desk": "w"}, f"{path}:1"),
        ("news-2", "B.", None, {"desk": "w"}, f"{path}:2")]
    assert isinstance(items[2], Problem) and items[2].line == 3 and items[2].field == "text"


def test_parquet_without_text_column_and_broken_file(tmp_path):
    pd.DataFrame({"body": ["x"]}).to_parquet(tmp_path / "a.parquet")
    [problem] = read_parquet(tmp_path / "a.parquet")
    assert "no 'text' column" in problem.message
    (tmp_path / "b.parquet").write_bytes(b"not parquet at all")
    [problem] = read_parquet(tmp_path / "b.parquet")
    assert "not a readable Parquet file" in problem.message


def test_folder_mixes_formats_in_sorted_order(tmp_path, pm):
    (tmp_path / "b.txt").write_text("Second.")
    (tmp_path / "a.txt.gz").write_bytes(gzip.compress(b"First."))
    (tmp_path / "c.jsonl").write_bytes(jsonl_bytes(records(2)))
    (tmp_path / "notes.md").write_text("ignored")
    items = list(iter_items([str(tmp_path)], registered_inputs(pm)))
    assert [i.id for i in items] == ["a", "b", "n0", "n1"]


def test_undecodable_lines_are_located_and_the_rest_read(tmp_path):
    rows = jsonl_bytes(records(3)).splitlines(keepends=True)
    path = tmp_path / "c.jsonl"
    path.write_bytes(rows[0] + b'{"id": "bad", "text": "caf\xe9"}\n' + rows[1] + rows[2])
    items = list(read_jsonl(path))
    assert [getattr(i, "id", None) for i in items] == ["n0", None, "n1", "n2"]
    assert items[1].line == 2 and "not UTF-8: byte 0xe9" in items[1].message
    csv_path = tmp_path / "c.csv"
    csv_path.write_bytes(b'id,text\n1,ok\n2,"caf\xe9\nmore"\n3,fine\n')
    items = list(read_csv(csv_path))
    assert [getattr(i, "id", None) for i in items] == ["1", None, "3"]
    assert items[1].line == 3


def corrupted_corpus(tmp_path):
    rows = jsonl_bytes(records(30)).splitlines(keepends=True)
    rows.insert(10, b'{"id": "latin1", "text": "Soldats attaqu\xe9s."}\n')
    rows.insert(20, b'{"id": "cut", "text": "unterminated\n')
    rows.insert(25, json.dumps({"id": "huge", "text": "Rebels attacked. " * 400}).encode() + b"\n")
    rows.insert(27, json.dumps({"id": "long", "text": "Rebels attacked Goma. " * 100}).encode() + b"\n")
    rows.insert(28, json.dumps({"id": "boom", "text": "EXPLODE the parser."}).encode() + b"\n")
    path = tmp_path / "corpus.jsonl"
    path.write_bytes(b"".join(rows))
    return path


@pytest.mark.model  # loads the real pipeline itself
@pytest.mark.parametrize("suffix", [".csv", ".jsonl"])
def test_corrupted_documents_go_to_the_errors_file(tmp_path, monkeypatch, suffix):
    monkeypatch.setattr(Engine, "max_chunk_chars", 1000)  # longer: coded in pieces
    monkeypatch.setattr(Engine, "max_document_chars", 5000)  # longer: reported
    code_doc = Engine.code_doc

    def fragile(self, doc, document):
        if "EXPLODE" in doc.text:
            raise RuntimeError("parser blew up")
        return code_doc(self, doc, document)

    monkeypatch.setattr(Engine, "code_doc", fragile)
    corpus, out, errors = corrupted_corpus(tmp_path), tmp_path / "ev.jsonl", tmp_path / f"e{suffix}"
    result = run("code", str(corpus), "-c", str(write_book(tmp_path)), "-o", str(out),
                 "--errors", str(errors),
                 "--partition-size", "7")
    assert result.exit_code == 1
    assert "coded 33 document(s)" in result.stderr and "4 problem(s)" in result.stderr
    assert str(errors) in result.stderr
    if suffix == ".csv":
        with open(errors, newline="", encoding="utf-8") as stream:
            failed = list(csv.DictReader(stream))
    else:
        failed = [json.loads(line) for line in errors.read_text().splitlines()]
    assert [(f["id"] or None, f["origin"]) for f in failed] == [
        (None, f"{corpus}:11"), (None, f"{corpus}:21"),
        ("huge", f"{corpus}:26"), ("boom", f"{corpus}:29")]
    assert "not UTF-8" in failed[0]["reason"] and "invalid JSON" in failed[1]["reason"]
    assert "document too long" in failed[2]["reason"]
    assert "parser blew up" in failed[3]["reason"]
    coded = {json.loads(line)["text_info"]["doc_id"] for line in out.read_text().splitlines()}
    assert coded == {f"n{i}" for i in range(30)} | {"long"}, "every good document is coded"


def test_problems_print_on_stderr_without_an_errors_file(tmp_path):
    corpus = tmp_path / "c.jsonl"
    corpus.write_bytes(jsonl_bytes(records(3)) + b"\xff\xfe\n")
    result = run("code", str(corpus), "-c", str(write_book(tmp_path)))
    assert result.exit_code == 1
    assert f"{corpus}:4: not UTF-8" in result.stderr
    assert len(result.stdout.splitlines()) >= 3
