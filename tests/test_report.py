"""The HTML reports: self-contained (no network), with the tables and charts; rendered in
headless Chromium when it is installed."""
from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from eventcoder.cli import cli

GOLD = [
    {"id": "r1", "text": "Arnor attacked Gondor <b>today</b>.", "codebook": "cameo",
     "meta": {"category": "VERB"}, "events": [{"source": "ARN", "target": "GON", "code": "190"}]},
    {"id": "r2", "text": "Gondor visited Rohan.", "codebook": "cameo",
     "meta": {"category": "DEMO"}, "events": [{"source": "GON", "target": "ROH", "code": "042"}]},
]
PETRARCH = "19950101\tARN\tGON\t190\tr1\n19950101\tGON\tROH\t043\tr2\n"


class Tags(HTMLParser):
    """Counts tags and collects every URL-bearing attribute."""

    def __init__(self):
        super().__init__()
        self.tags: dict[str, int] = {}
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags[tag] = self.tags.get(tag, 0) + 1
        self.urls += [v for k, v in attrs if k in ("src", "href") and v]


@pytest.fixture
def reports(tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text("".join(json.dumps(r) + "\n" for r in GOLD))
    petrarch = tmp_path / "petrarch.tsv"
    petrarch.write_text(PETRARCH)
    compare_html = tmp_path / "compare.html"
    out = CliRunner().invoke(cli, ["compare", str(gold), str(petrarch), "--report",
                                   str(compare_html)])
    assert out.exit_code == 0, out.output
    return {"gold": gold, "compare": compare_html, "dir": tmp_path}


@pytest.fixture
def bench_html(reports, nlp, monkeypatch):
    monkeypatch.setattr("eventcoder.bench.cli._load_nlp", lambda model: nlp)
    path = reports["dir"] / "bench.html"
    out = CliRunner().invoke(cli, ["bench", str(reports["gold"]), "-c", "cameo", "--report",
                                   str(path)])
    assert out.exit_code == 0, out.output
    return path


def test_bench_report_is_self_contained(bench_html):
    html = bench_html.read_text()
    parser = Tags()
    parser.feed(html)
    assert parser.urls == []  # no CDN, no external stylesheet, no script
    assert "script" not in parser.tags and parser.tags["style"] == 1
    assert parser.tags["table"] >= 4 and parser.tags["svg"] >= 2  # summary, categories, labels, listing
    assert "Confusion matrix" in html and "By category" in html
    assert "&lt;b&gt;today&lt;/b&gt;" in html  # record text is escaped in the listing


def test_compare_report_lists_disagreements_side_by_side(reports):
    html = reports["compare"].read_text()
    assert "gold.jsonl vs petrarch.tsv" in html
    assert "GON | ROH | 042" in html and "GON | ROH | 043" in html
    assert "Gondor visited Rohan." in html and "Arnor attacked" not in html.split(
        "Records where they disagree")[1]


@pytest.mark.model  # loads the real pipeline itself
@pytest.mark.skipif(shutil.which("chromium") is None, reason="headless chromium not installed")
def test_reports_render_in_headless_chromium(bench_html, reports):
    for page in (bench_html, reports["compare"]):
        with tempfile.TemporaryDirectory() as profile:
            shot = Path(profile) / "shot.png"
            flags = ["chromium", "--headless", "--no-sandbox", "--disable-gpu",
                     "--disable-quic", "--no-first-run", "--disable-background-networking",
                     "--disable-component-update", "--disable-sync",
                     f"--user-data-dir={profile}/data"]
            dom = subprocess.run([*flags, "--dump-dom", page.as_uri()], capture_output=True,
                                 text=True, timeout=120)
            assert dom.returncode == 0, dom.stderr[-2000:]
            assert dom.stdout.count("<table") >= 2 and "<svg" in dom.stdout
            subprocess.run([*flags, "--window-size=1200,1600", f"--screenshot={shot}",
                            page.as_uri()], capture_output=True, timeout=120, check=True)
            assert shot.stat().st_size > 10_000
