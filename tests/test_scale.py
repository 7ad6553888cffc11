"""Parallel, distributed and resumable coding: same bytes however the work is split."""
import json
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from eventcoder import cli as cli_module
from eventcoder.chunking import split_text
from eventcoder.errors import Problem
from eventcoder.model import Document
from eventcoder.runner import partitions
from scale_corpus import articles, write_book, write_jsonl

pytestmark = pytest.mark.usefixtures("session_model")  # CLI engines share the pipeline

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus")
    rows = articles(120)
    rows.insert(50, {"id": "empty", "text": ""})
    path = write_jsonl(folder / "news.jsonl", rows)
    with open(path, "ab") as stream:  # a corrupted record near the end
        stream.write(b'{"id": "latin1", "text": "Kenyan police arrested rebels in Mombasa\xe9."}\n')
    return path, write_book(folder)


def code(corpus, out, *options):
    path, book = corpus
    result = CliRunner().invoke(cli_module.cli, ["code", str(path), "-c", str(book), "-o",
                                                 str(out), "--errors", str(out) + ".err.csv",
                                                 *options])
    assert result.exit_code == 1, result.output  # the corrupted record is reported
    assert "1 problem(s)" in result.stderr
    return out.read_bytes() + Path(str(out) + ".err.csv").read_bytes()


@pytest.fixture(scope="module")
def reference(corpus, tmp_path_factory, nlp):
    """The uninterrupted, single-process run every other run must reproduce byte for byte."""
    out = tmp_path_factory.mktemp("ref") / "events.jsonl"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("eventcoder.engine.load_model", lambda name=None: nlp)
        data = code(corpus, out, "--partition-size", "1000")
    events = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(events) >= 300 and len({e["text_info"]["doc_id"] for e in events}) == 120
    return data


@pytest.mark.model  # loads the real pipeline itself
def test_partition_size_does_not_change_the_output(corpus, reference, tmp_path):
    assert code(corpus, tmp_path / "e.jsonl", "--partition-size", "7") == reference
    assert not (tmp_path / "e.jsonl.parts").exists(), "parts removed after success"


@pytest.mark.model  # loads the real pipeline itself
@pytest.mark.slow
def test_two_worker_processes_give_identical_output(corpus, reference, tmp_path):
    out = tmp_path / "e.jsonl"
    assert code(corpus, out, "--workers", "2", "--partition-size", "25") == reference


@pytest.mark.model  # loads the real pipeline itself
def test_dask_cluster_gives_identical_output(corpus, reference, tmp_path):
    from distributed import LocalCluster
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=False,
                      dashboard_address=None) as cluster:
        data = code(corpus, tmp_path / "e.jsonl", "--engine", "dask", "--scheduler",
                    cluster.scheduler_address, "--partition-size", "30")
    assert data == reference


ENGINES_BUILT: list[int] = []  # threads that built an Engine (in-process Dask workers)


def _count_build(spec):
    ENGINES_BUILT.append(threading.get_ident())
    return object()


def _engines_built_by_partition(spec):
    from eventcoder.parallel import worker_engine
    before = len(ENGINES_BUILT)
    worker_engine(spec)
    return len(ENGINES_BUILT) - before


def test_dask_workers_load_the_engine_where_partitions_run(monkeypatch):
    """Warming a Dask cluster builds one Engine per task thread, before any partition: a
    partition then finds it (no second model load inside the run)."""
    from distributed import Client, LocalCluster

    from eventcoder.distributed import warm_task_threads
    from eventcoder.parallel import CoderSpec
    monkeypatch.setattr(CoderSpec, "build", _count_build)
    ENGINES_BUILT.clear()
    spec = CoderSpec(("cameo",))
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                      dashboard_address=None) as cluster, Client(cluster) as client:
        assert warm_task_threads(client, spec) == 2
        assert len(set(ENGINES_BUILT)) == 2
        built = client.gather([client.submit(_engines_built_by_partition, spec, pure=False)
                               for _ in range(6)])
    assert built == [0] * 6 and len(ENGINES_BUILT) == 2


def test_dask_api_bag_and_dataframe(corpus):
    import dask
    import dask.bag as db
    import dask.dataframe as dd
    import pandas as pd

    from eventcoder.distributed import code_bag, code_dataframe
    path, book = corpus
    rows = articles(12)
    with dask.config.set(scheduler="synchronous"):
        events, failures = code_bag(db.from_sequence(rows + [{"id": "x", "text": 5}],
                                                     npartitions=3), str(book),
                                    with_failures=True)
        events, failures = dask.compute(events, failures)
        frame = pd.DataFrame(rows).set_index("id")
        result = code_dataframe(dd.from_pandas(frame, npartitions=4), str(book)).compute()
    assert {e["text_info"]["doc_id"] for e in events} == {r["id"] for r in rows}
    assert [(f["origin"], f["reason"]) for f in failures] == [
        ("partition 2:3", "id=x: expected a string text or a record with one, got int")]
    assert set(result["text_info_doc_id"]) == {r["id"] for r in rows}
    assert len(result) == len(events)
    assert str(result["text_info_start"].dtype) == "Int64"


@pytest.mark.model  # loads the real pipeline itself
def test_resume_after_a_killed_run_reproduces_the_output(corpus, reference, tmp_path):
    path, book = corpus
    out = tmp_path / "events.jsonl"
    command = [sys.executable, "-m", "eventcoder", "code", str(path), "-c", str(book), "-o",
               str(out), "--errors", str(out) + ".err.csv", "--partition-size", "5"]
    journal = tmp_path / "events.jsonl.parts" / "partitions.jsonl"
    process = subprocess.Popen(command, cwd=REPO, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        if journal.is_file() and len(journal.read_text().splitlines()) >= 2:
            break
        time.sleep(0.05)
    assert process.poll() is None, "the run ended before it could be killed"
    process.send_signal(signal.SIGTERM)
    assert process.wait(60) == 128 + signal.SIGTERM
    done = len(journal.read_text().splitlines())
    assert 2 <= done < 25 and not out.exists(), "killed midway: no output, some partitions"
    assert not list(tmp_path.glob(".*.tmp")), "the interrupted output left no temporary file"

    result = CliRunner().invoke(cli_module.cli, command[3:])
    assert result.exit_code == 1 and f"{done} of 25 partition(s) resumed" in result.stderr
    assert out.read_bytes() + Path(str(out) + ".err.csv").read_bytes() == reference


@pytest.mark.model  # loads the real pipeline itself
def test_stale_or_damaged_partitions_are_recoded(corpus, reference, tmp_path):
    out = tmp_path / "e.jsonl"
    code(corpus, out, "--partition-size", "30", "--keep-parts")
    parts = tmp_path / "e.jsonl.parts"
    (parts / "part-00001.jsonl").write_text("damaged\n")
    path, book = corpus
    runner = CliRunner()
    args = ["code", str(path), "-c", str(book), "-o", str(out), "--errors",
            str(out) + ".err.csv", "--partition-size", "30"]
    result = runner.invoke(cli_module.cli, args)
    assert "4 of 5 partition(s) resumed" in result.stderr  # the damaged one is recoded
    assert out.read_bytes() + Path(str(out) + ".err.csv").read_bytes() == reference
    code(corpus, out, "--partition-size", "30", "--keep-parts")
    result = runner.invoke(cli_module.cli, args + ["--date", "2020-01-01"])
    assert "resumed" not in result.stderr, "other options: nothing stored is reused"


def test_partitions_count_documents_and_carry_problems():
    items = [Document(str(i), "x") for i in range(5)]
    items.insert(2, Problem("bad", file="f", line=3))
    parts = list(partitions(items, 2))
    assert [index for index, _ in parts] == [0, 1, 2]
    assert [len(chunk) for _, chunk in parts] == [2, 3, 1]
    assert isinstance(parts[1][1][0], Problem)
    assert list(partitions([], 3)) == [(0, [])]


@given(st.text(alphabet="ab .\n!", max_size=400), st.integers(min_value=2, max_value=60))
def test_split_text_covers_the_text_in_bounded_pieces(text, limit):
    pieces = split_text(text, limit)
    assert "".join(piece for _, piece in pieces) == text
    assert all(len(piece) <= limit for _, piece in pieces)
    assert all(text[offset:offset + len(piece)] == piece for offset, piece in pieces)


def test_long_document_events_point_into_the_original_text(engine_factory, corpus):
    _, book = corpus
    engine = engine_factory(str(book), strict=False)
    text = "\n\n".join(row["text"] for row in articles(40))
    engine.max_chunk_chars = 700
    [result] = engine.results([Document("long", text)])
    assert result.ok and len(result.events) >= 20
    sentences = [e["text_info"]["sentence"] for e in result.events]
    assert sentences == sorted(sentences) and sentences[-1] > 20
    assert len({e["id"] for e in result.events}) == len(result.events)
    for event in result.events:
        info = event["text_info"]
        assert text[info["start"]:info["end"]] == event["event_text"]
        assert text[info["action_start"]:].startswith(info["action"])
        for person in event["actor"] + event["recipient"]:
            assert text[person["start"]:person["end"]] == person["text"]


def test_map_ordered_keeps_order_and_bounds_the_look_ahead():
    from concurrent.futures import ThreadPoolExecutor

    from eventcoder.parallel import map_ordered
    in_flight, peak = [0], [0]

    def tasks():
        for number in range(20):
            in_flight[0] += 1
            peak[0] = max(peak[0], in_flight[0])
            yield (None, lambda n=number: n) if number % 5 == 0 else (number,)

    def slow_square(number):
        time.sleep(0.002 * (number % 3))
        return number * number

    with ThreadPoolExecutor(4) as pool:
        results = []
        for value in map_ordered(pool, slow_square, tasks(), ahead=3):
            in_flight[0] -= 1
            results.append(value)
    assert results == [n if n % 5 == 0 else n * n for n in range(20)]
    assert peak[0] <= 4, "never more than `ahead` tasks (plus the one just read) in flight"


def test_with_a_sentence_gate_resume_errors_and_progress_match_one_run(corpus, tmp_path):
    """CAMEO declares a sentence gate, so the default ``--parse candidates`` parses only
    the sentences it can code: a run resumed from stored partitions writes the events and
    errors file of one uninterrupted run, and its progress log counts every document."""
    from eventcoder.plugins import make_plugin_manager
    from eventcoder.registry import CodebookRegistry
    assert CodebookRegistry(make_plugin_manager(entrypoints=False)).get("cameo").gate
    path, _ = corpus
    runner = CliRunner()

    def run(out, *options):
        args = ["code", str(path), "-c", "cameo", "-o", str(out), "--errors",
                str(out) + ".err.csv", *options]
        result = runner.invoke(cli_module.cli, args)
        assert result.exit_code == 1, result.output  # the corrupted record is reported
        return result, out.read_bytes() + Path(str(out) + ".err.csv").read_bytes()

    _, whole = run(tmp_path / "one.jsonl", "--partition-size", "1000")
    out = tmp_path / "parts.jsonl"
    run(out, "--partition-size", "30", "--keep-parts")
    (tmp_path / "parts.jsonl.parts" / "part-00002.jsonl").write_text("damaged\n")
    log = tmp_path / "progress.tsv"
    result, resumed = run(out, "--partition-size", "30", "--progress-log", str(log))
    assert "4 of 5 partition(s) resumed" in result.stderr and resumed == whole
    assert b'"event_code"' in whole and b"news.jsonl:122,not UTF-8" in whole
    final = log.read_text().splitlines()[-1].split("\t")
    assert final[1] == final[2] and int(final[1]) >= 121 and "final" in final[-1]
