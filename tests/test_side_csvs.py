"""Every CSV the project writes goes through the one neutralising writer (csvsafe)."""
from __future__ import annotations

import ast
import csv
import io
import json
from pathlib import Path

import pandas as pd
from click.testing import CliRunner

from eventcoder.cli import cli
from eventcoder.csvsafe import INERT, SafeDictWriter, write_frame

REPO = Path(__file__).resolve().parents[1]
FORMULAS = ["=HYPERLINK(\"http://x\",\"y\")", "@SUM(1)", "=cmd|' /C calc'!A0", "+1+cmd",
            "-2+3", "\t=1", "\r=1"]


def formula_cells(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text, newline="")) for cell in row
            if cell.startswith(("=", "+", "-", "@", "\t", "\r")) and not INERT.fullmatch(cell)]


def test_no_module_writes_csv_past_the_neutralising_writer():
    found = []
    for root in (REPO / "eventcoder", REPO / "plugins"):
        for path in sorted(root.rglob("*.py")):
            if path.name == "csvsafe.py":
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Attribute) and (
                        node.attr == "to_csv" or (node.attr in ("writer", "DictWriter") and
                                                  getattr(node.value, "id", "") == "csv")):
                    found.append(f"{path.relative_to(REPO)}:{node.lineno}: {node.attr}")
    assert not found, f"write CSV with eventcoder.csvsafe: {found}"


def test_frames_and_rows_are_neutralised_and_round_trip_through_pandas():
    frame = pd.DataFrame({"text": FORMULAS, "n": range(len(FORMULAS)),
                          "code": ["---GOV", "-1.5", None, "x", "1e5", "", "=1"]})
    stream = io.StringIO(newline="")
    write_frame(frame, stream)
    assert formula_cells(stream.getvalue()) == []
    back = pd.read_csv(io.StringIO(stream.getvalue()), keep_default_na=False)
    assert back["text"].tolist() == ["'" + f for f in FORMULAS]
    assert back["code"].tolist()[:2] == ["---GOV", "-1.5"]  # a column of text stays text
    rows = io.StringIO(newline="")
    writer = SafeDictWriter(rows, ["id", "reason"])
    writer.writeheader()
    writer.writerow({"id": "@SUM(1)", "reason": None, "extra": "=1"})
    assert rows.getvalue() == "id,reason\r\n'@SUM(1),\r\n"


def test_compare_disagreements_csv_is_neutralised(tmp_path):
    gold = [{"id": f, "text": "Arnor attacked Gondor.", "codebook": "cameo",
             "events": [{"source": "ARN", "target": "GON", "code": "190"}]}
            for f in FORMULAS[:3]]
    gold_file = tmp_path / "cameo.gold.jsonl"
    gold_file.write_text("".join(json.dumps(r) + "\n" for r in gold), encoding="utf-8")
    petrarch = tmp_path / "petrarch.txt"
    petrarch.write_text("".join(f"19950101\tARN\tGON\t043\t{r['id']}\n" for r in gold),
                        encoding="utf-8")
    out = tmp_path / "disagreements.csv"
    result = CliRunner().invoke(cli, ["compare", str(gold_file), str(petrarch),
                                      "--disagreements", str(out)])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert "'=cmd|' /C calc'!A0" in text and "'@SUM(1)" in text
    assert formula_cells(text) == []
