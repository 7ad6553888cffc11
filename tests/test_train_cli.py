"""``eventcoder train`` and ``--trained`` on the command line, from gold JSONL and from an
ACLED export CSV."""
from __future__ import annotations

import csv
import json

from click.testing import CliRunner

from eventcoder import cli as cli_module
from eventcoder.learn.store import MANIFEST_FILE
from train_data import CLASH, IED, TEXTS, write_gold


def run(*args):
    return CliRunner().invoke(cli_module.cli, [str(a) for a in args])


def test_train_then_code_and_bench_with_the_model(tmp_path):
    data = write_gold(tmp_path / "coded.jsonl")
    model = tmp_path / "model"
    result = run("train", data, "--codebook", "acled", "--output", model, "--folds", "3")
    assert result.exit_code == 0, result.output
    assert "| rules |" in result.output and "| hybrid |" in result.output
    text = tmp_path / "new.txt"
    text.write_text("Militants clashed with police near Bannu on 2 May 2024.\n")
    coded = run("code", text, "-c", "acled", "--trained", model, "--date", "2024-05-03")
    assert coded.exit_code == 0, coded.output
    events = [json.loads(line) for line in coded.output.splitlines() if line.startswith("{")]
    assert events and all("trained" in e["cite_info"] for e in events)
    several = tmp_path / "several.jsonl"
    several.write_text("".join(json.dumps({"id": f"d{n}", "text": line, "date": "2024-05-03"})
                               + "\n" for n, line in enumerate(TEXTS[CLASH] + TEXTS[IED])))
    out = tmp_path / "workers.jsonl"
    parallel = run("code", several, "-c", "acled", "--trained", model, "--workers", "2",
                   "--partition-size", "4", "-o", out, "-q")
    assert parallel.exit_code == 0, parallel.output
    alone = run("code", several, "-c", "acled", "--trained", model, "-q")
    lines = out.read_text().splitlines()
    assert lines and all("trained" in json.loads(line)["cite_info"] for line in lines)
    assert sorted(lines) == sorted(l for l in alone.output.splitlines() if l.startswith("{"))
    bench = run("bench", data, "-c", "acled", "--trained", model, "--json")
    assert bench.exit_code == 0, bench.output
    assert json.loads(bench.output.splitlines()[-1])["records"] == 30
    compared = run("compare", data, "acled", model, "--json")
    assert compared.exit_code == 0, compared.output
    names = [c["name"] for c in json.loads(compared.output.splitlines()[-1])["coders"]]
    assert names == ["coded.jsonl", "acled", str(model)]


def test_a_bad_model_folder_fails_before_workers_start(tmp_path):
    result = run("code", tmp_path, "-c", "acled", "--trained", tmp_path, "--workers", "2")
    assert result.exit_code != 0 and "no manifest.json" in result.output


def test_train_on_an_acled_export(tmp_path):
    rows = [{"event_id_cnty": f"PAK{n}", "event_date": "2024-01-01", "event_type": key[1],
             "sub_event_type": key[0], "actor1": "X", "notes": text, "country": "Pakistan",
             "fatalities": 0}
            for key, texts in TEXTS.items() if key for n, text in enumerate(texts)]
    for n, row in enumerate(rows):
        row["event_id_cnty"] = f"PAK{n}"
    export = tmp_path / "export.csv"
    with export.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    result = run("train", export, "-c", "acled", "-o", tmp_path / "m", "--folds", "2", "-q")
    assert result.exit_code == 0, result.output
    manifest = json.loads((tmp_path / "m" / MANIFEST_FILE).read_text())
    assert manifest["data"][0]["records"] == 24 and manifest["no_event"] is False


def test_a_malformed_file_fails_with_its_location_and_writes_nothing(tmp_path):
    data = tmp_path / "bad.jsonl"
    data.write_text('{"id": "a", "text": "x", "events": [{"sub_event_type": "Attack"}]}\n'
                    '{"id": "b", "events": []}\n')
    result = run("train", data, "-c", "acled", "-o", tmp_path / "m")
    assert result.exit_code != 0
    assert f"{data}:2" in result.output and "no model written" in result.output
    assert not (tmp_path / "m").exists()
